"""Names across scripts and spellings: phonetic matcher, gazetteer, numbers, mentions."""
