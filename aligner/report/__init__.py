"""The report contract: every file the aligner writes, its columns, rows and signature.

- ``files``: the file names (per pair, per corpus, per batch, review downloads);
- ``columns``: the column lists, and the old column names still read;
- ``rows``: the row builders of a pair's reports;
- ``writer``: atomic UTF-8 CSV/JSON writing and reading back; ``cells``: formula-injection escaping;
- ``signature``: ``report-signature.json`` and the check that a stored report is still current.

Importing the package loads nothing heavy (``from aligner.report import files`` is cheap); the
names that ``aligner/report.py`` used to offer are still found here, loaded when first used.
"""

from __future__ import annotations

import importlib
from typing import Any

_MOVED = {"ensure_dir": "writer", "write_csv": "writer", "segment_rows": "rows", "SEGMENT_COLUMNS": "columns"}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module(f"aligner.report.{_MOVED[name]}"), name)
    raise AttributeError(f"module 'aligner.report' has no attribute {name!r}")
