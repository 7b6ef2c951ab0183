"""Arabic normalization for matching, built on camel-tools, with offsets kept.

Chain: Unicode compatibility forms (camel-tools) -> diacritics (camel-tools ``dediac_ar``)
and tatweel/Quranic marks/bidi controls removed -> alef/hamza forms, alef maqsura, teh
marbuta (camel-tools, for matching) -> Arabic-Indic and Persian digits, Arabic punctuation
and quote marks to ASCII -> runs of spaces folded.
"""

from __future__ import annotations

import re
from functools import cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

from aligner.lang import profile
from aligner.normalize.offsets import OffsetText

_SPACES_RE = re.compile(r"[^\S\n]+")
STEPS = ("unicode", "dediac", "remove_marks", "alef", "alef_maksura", "teh_marbuta",
         "digits_punctuation", "quotes", "spaces")


@cache
def _double_quote_re() -> re.Pattern[str]:
    marks = sorted(profile("ar").double_quote_marks, key=len, reverse=True)
    return re.compile("|".join(re.escape(m) for m in marks))


@cache
def _unicode(ch: str) -> str:
    if ch.isspace():
        return "\n" if ch in "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85" else " "
    return normalize_unicode(ch)


@cache
def _letters(ch: str) -> str:
    ar = profile("ar")
    if ch in ar.remove_chars:
        return ""
    ch = dediac_ar(ch)
    if not ch:
        return ""
    ch = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(ch)))
    return ar.char_map.get(ch, ch)


def normalize_arabic(text: str | OffsetText) -> OffsetText:
    """Normalize Arabic text for matching; the result maps back to original offsets."""
    ot = text if isinstance(text, OffsetText) else OffsetText.identity(text)
    ot = ot.map_chars(_unicode)
    ot = ot.map_chars(_letters)
    # NFKC can expose new removable marks (e.g. from presentation forms): run once more.
    ot = ot.map_chars(_letters)
    ot = ot.sub(_double_quote_re(), '"')  # ‘‘ and ’’ have become '' by now
    return ot.sub(_SPACES_RE, " ")
