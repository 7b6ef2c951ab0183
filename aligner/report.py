"""CSV report writers: UTF-8 with BOM (Excel shows Arabic), atomic writes, a signature sidecar."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from aligner import __version__
from aligner.datatypes import Document
from aligner.errors import OutputError

SEGMENT_COLUMNS = ["document", "lang", "level", "segment_id", "parent_id", "kind", "paragraph",
                   "start", "end", "text"]


def ensure_dir(path: str | os.PathLike[str]) -> Path:
    """Create an output folder (and parents) or raise OutputError."""
    p = Path(path)
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{p}: cannot create output folder ({exc.strerror})") from None
    if not os.access(p, os.W_OK):
        raise OutputError(f"{p}: output folder is not writable")
    return p


def _atomic_write(path: Path, write: Any) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str], path: str | os.PathLike[str]) -> Path:
    """Write rows as CSV (UTF-8 with BOM) atomically: a temporary file renamed into place."""
    p = Path(path)
    frame = pd.DataFrame(list(rows), columns=columns)
    _atomic_write(p, lambda handle: frame.to_csv(handle, index=False, lineterminator="\n"))
    return p


def write_signature(path: str | os.PathLike[str], documents: list[Document], settings: dict[str, Any]) -> Path:
    """A JSON sidecar saying how a report was made: version, inputs and their SHA-256, settings."""
    p = Path(path)
    payload = {
        "aligner_version": __version__,
        "inputs": [{"document": d.id, "path": d.path, "lang": d.lang, "encoding": d.encoding, "format": d.format,
                    "sha256": d.sha256} for d in documents],
        "settings": settings,
    }
    text = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _atomic_write(p, lambda handle: handle.write(text))
    return p


def segment_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per sentence, then per clause, of a document."""
    rows = []
    for seg in list(doc.sentences) + list(doc.clauses):
        rows.append({"document": doc.id, "lang": doc.lang, "level": seg.level, "segment_id": seg.id,
                     "parent_id": seg.parent or "", "kind": seg.kind, "paragraph": seg.paragraph,
                     "start": seg.start, "end": seg.end, "text": seg.text})
    return rows
