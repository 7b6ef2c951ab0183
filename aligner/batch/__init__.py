"""Corpus scale: many pairs in parallel (processes or a Dask cluster), resumable, with document pairing."""
