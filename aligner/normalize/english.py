"""English normalization (sacremoses punctuation normalizer) and tokens, with offsets kept."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from sacremoses import MosesPunctNormalizer

from aligner.lang import profile
from aligner.normalize.offsets import OffsetText

_SPACES_RE = re.compile(r"[^\S\n]+")
_DOUBLE_QUOTE_RE = re.compile(r"''|``")
STEPS = ("whitespace", "remove_marks", "moses_punct", "quotes", "spaces")  # the chain below, in order


@lru_cache(maxsize=1)
def _moses() -> MosesPunctNormalizer:
    return MosesPunctNormalizer(lang="en", pre_replace_unicode_punct=True)


@cache
def _char(ch: str) -> str:
    if ch.isspace():
        return "\n" if ch in "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85" else " "
    if ch in profile("en").remove_chars:
        return ""
    out = _moses().normalize(ch)
    # The normalizer trims and folds spaces; a character it turns into nothing stays as is.
    return out.strip() or ch


def normalize_english(text: str | OffsetText) -> OffsetText:
    """Normalize English punctuation and spacing; the result maps back to original offsets."""
    ot = text if isinstance(text, OffsetText) else OffsetText.identity(text)
    ot = ot.map_chars(_char)
    ot = ot.sub(_DOUBLE_QUOTE_RE, '"')
    return ot.sub(_SPACES_RE, " ")
