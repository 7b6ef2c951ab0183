"""Labels of findings read by a person against the two texts: true or false, with a reason.

One CSV per split (``labels/findings_dev.csv``). A row is keyed by the finding's key
(``precision.Judged.key``) and keeps enough of the finding and its context to be read on its
own, and the aligner version it was labelled at.
"""

from __future__ import annotations

import csv
from pathlib import Path

LABELS_DIR = Path(__file__).resolve().parent / "labels"
LABEL_COLUMNS = ["key", "doc", "direction", "condition", "type", "subtype", "rule", "severity", "confidence",
                 "original_text", "translation_text", "evidence", "original_line", "translation_lines",
                 "label", "reason", "labeller", "aligner_version"]


def labels_path(split: str) -> Path:
    return LABELS_DIR / f"findings_{split}.csv"


def read_labels(path: Path) -> dict[str, dict[str, str]]:
    """Labels by finding key (a missing file is no labels)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row for row in csv.DictReader(handle)}


def write_labels(path: Path, rows: dict[str, dict[str, str]]) -> None:
    """Write labels sorted by document, direction and key (stable diffs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(rows.values(), key=lambda r: (r["doc"], r["direction"], r["key"]))
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, LABEL_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(ordered)
    tmp.replace(path)
