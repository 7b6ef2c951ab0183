"""The review export as an Excel workbook: the CSV export's rows, each text in its writing direction.

Cells holding text of one side (``original_text``; ``translation_text`` and the reviewer's
``corrected_translation``) are set right to left when that side's language is written right to
left (its language profile's direction), left to right otherwise; free text (evidence, comments)
is left to the spreadsheet, which follows its first letter. Every cell is written as text or as a
number, never as a formula, so a cell beginning with ``=`` is shown as typed (the CSV export's
protective ``'`` is not needed here); control characters, which the format cannot hold, are dropped.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from aligner.errors import OutputError
from aligner.report.columns import EXPORT_COLUMNS, ORIGINAL, TRANSLATION

# openpyxl's readingOrder: 0 follows the text, 1 left to right, 2 right to left.
READING_ORDER = {"ltr": 1, "rtl": 2}
SIDE_OF_COLUMN = {"original_text": ORIGINAL, "translation_text": TRANSLATION,
                  "corrected_translation": TRANSLATION}
WIDTHS = {"original_text": 60, "translation_text": 60, "corrected_translation": 40, "evidence": 50, "comment": 40}
_NUMBER_COLUMNS = {"confidence", "original_start", "original_end", "translation_start", "translation_end",
                   "decision_version"}


def _value(column: str, value: Any) -> Any:
    if column in _NUMBER_COLUMNS and value not in (None, ""):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value)
        return int(number) if number.is_integer() and column != "confidence" else number
    return "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))  # control characters Excel refuses


def workbook_bytes(rows: Iterable[dict[str, Any]], directions: dict[str, dict[str, str]]) -> bytes:
    """The rows (``EXPORT_COLUMNS``) as an .xlsx file; ``directions`` gives each pair's sides'
    writing directions (``{pair_id: {"original": "rtl", "translation": "ltr"}}``)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "findings"
    sheet.append(EXPORT_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    styles = {order: Alignment(readingOrder=order, wrap_text=True, vertical="top") for order in (1, 2)}
    for r, row in enumerate(rows, start=2):
        sides = directions.get(row.get("pair_id", ""), {})
        for c, column in enumerate(EXPORT_COLUMNS, start=1):
            value = _value(column, row.get(column, ""))
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever the text begins with
            side = SIDE_OF_COLUMN.get(column)
            if side and value and sides.get(side) in READING_ORDER:
                cell.alignment = styles[READING_ORDER[sides[side]]]
    for c, column in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = WIDTHS.get(column, 14)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(rows: Iterable[dict[str, Any]], directions: dict[str, dict[str, str]],
                   path: str | os.PathLike[str]) -> Path:
    """Write the workbook to ``path`` through a temporary file (an interrupted write leaves no half file)."""
    target = Path(path)
    data = workbook_bytes(rows, directions)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror})") from None
    return target
