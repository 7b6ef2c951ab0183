"""Spreadsheet formula injection (OWASP "CSV injection"): text cells escaped, reversibly.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula. Every text cell the aligner writes that begins with one of
those characters gets a leading ``'``, which spreadsheets show as text and hide. So that
escaping can be undone exactly, a cell that already begins with ``'`` (one or more) followed by
one of those characters gets one more ``'``. Numbers are written as numbers (``-0.25`` stays a
number); only text is escaped.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = frozenset("=+-@\t\r")
ESCAPE = "'"


def _needs_escape(text: str) -> bool:
    return text.lstrip(ESCAPE)[:1] in FORMULA_STARTS


def escape_cell(value: Any) -> Any:
    """``value`` as written to a CSV: text that a spreadsheet would run gets a leading ``'``."""
    if isinstance(value, str) and value and _needs_escape(value):
        return ESCAPE + value
    return value


def unescape_cell(text: str) -> str:
    """The cell as it was before ``escape_cell`` (the inverse for every string)."""
    if text.startswith(ESCAPE) and _needs_escape(text):
        return text[1:]
    return text
