"""Where a translation departs from its original: omissions, additions, softened wording, mismatches."""
