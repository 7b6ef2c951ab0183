"""Translator review sessions: a local web page over a reports folder, decisions kept in SQLite."""
