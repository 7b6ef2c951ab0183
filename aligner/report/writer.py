"""Writing and reading report files: UTF-8 CSV with a BOM (Excel shows Arabic), atomic writes.

Every file is written to a temporary file in its folder and renamed into place, so an
interrupted run leaves the previous file intact and never a partial one. Text cells are
escaped against formula injection on the way out (``cells.py``) and un-escaped on the way back
in, and reports written before the two sides were renamed (``ar_*``/``en_*`` columns) are read
under today's column names.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from aligner.errors import InputError, OutputError
from aligner.report.cells import escape_cell, unescape_cell
from aligner.report.columns import LEGACY_COLUMNS


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


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, created as any new file is (mode 0666 less the umask;
    ``tempfile.mkstemp`` would make every report 0600 whatever the umask)."""
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"{path}: no free temporary name")


def _atomic_write(path: Path, write: Callable[[TextIO], Any], encoding: str) -> None:
    try:
        fd, tmp = _temporary(path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _frame(rows: Iterable[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    escaped = [{k: escape_cell(v) for k, v in row.items()} for row in rows]
    return pd.DataFrame(escaped, columns=columns)


def csv_text(rows: Iterable[dict[str, Any]], columns: list[str]) -> str:
    """Rows as CSV text (no BOM), text cells escaped: for answers that are not files (downloads)."""
    buffer = io.StringIO()
    _frame(rows, columns).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str], path: str | os.PathLike[str]) -> Path:
    """Write rows as CSV (UTF-8 with BOM, text cells escaped) atomically."""
    p = Path(path)
    frame = _frame(rows, columns)
    _atomic_write(p, lambda handle: frame.to_csv(handle, index=False, lineterminator="\n"), "utf-8-sig")
    return p


def write_json(payload: Any, path: str | os.PathLike[str]) -> Path:
    """Write JSON (UTF-8 without BOM, so ``json.load`` reads it; keys sorted) atomically."""
    p = Path(path)
    text = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _atomic_write(p, lambda handle: handle.write(text), "utf-8")
    return p


def is_legacy(header: Iterable[str]) -> bool:
    """True for a CSV written before the sides were renamed (its cells were not escaped either)."""
    return any(name in LEGACY_COLUMNS for name in header)


def csv_header(path: str | os.PathLike[str]) -> list[str]:
    """The column names of a report CSV (empty for an empty file)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read report ({exc})") from None


def read_csv(path: str | os.PathLike[str], *, escaped: bool | None = None) -> list[dict[str, str]]:
    """Rows of a report CSV under today's column names, text cells un-escaped.

    ``escaped`` says whether the file's cells were escaped; by default a file with old column
    names was not and any other was (a caller that knows better, e.g. from a sibling file of the
    same run, says so).
    """
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            if escaped is None:
                escaped = not is_legacy(header)
            names = {name: LEGACY_COLUMNS.get(name, name) for name in header}
            return [{names.get(k, k): (unescape_cell(v) if escaped and isinstance(v, str) else v)
                     for k, v in row.items()} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read report ({exc})") from None
