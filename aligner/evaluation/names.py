"""Arabic-English name pairs from Google's transliteration data, split into development and
held-out parts.

Source: github.com/google/transliteration, ``ar2en.txt`` (commit b2265a6, Apache-2.0): 15,857
single words written in Arabic script with an English spelling, mined from Wikipedia. The file
is read from ``../shared/eval/names_ar_en_google/`` (relative to the project root), never copied
into the repository.

Cleaning keeps a line when both sides are one word of at least two letters (Arabic letters on
one side; Latin letters, apostrophes and hyphens on the other) and drops exact duplicates; lines
with dots or Arabic commas (initials such as "أ." / "a.") go. The split is by a hash of the
normalized Arabic word, so every spelling of one Arabic word lies in one part: one word in five
is held out. It was fixed before any cost was fitted.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aligner.evaluation.data import EVAL
from aligner.normalize.arabic import normalize_arabic

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)
GOOGLE_AR2EN = EVAL / "names_ar_en_google" / "ar2en.txt"
HELDOUT_BUCKETS = 5  # one Arabic word in five is held out
_INVISIBLE_RE = re.compile("[\u200c-\u200f\u202a-\u202e\u0640]")
_ARABIC_WORD_RE = re.compile(r"^[\u0621-\u064A\u064B-\u0652\u0670\u067E\u0686\u06A4\u06A9\u06AF\u06CC]{2,}$")
_LATIN_WORD_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’ʻ\-](?=[^\W\d_]|$))+$")


@dataclass(frozen=True)
class NamePair:
    """One Arabic spelling of a name and one English spelling of it."""

    arabic: str
    english: str


def split_key(arabic: str) -> str:
    """The normalized Arabic word the split hashes (alef and hamza forms folded)."""
    return normalize_arabic(arabic).text


def part_of(arabic: str) -> str:
    """'heldout' or 'dev', decided by the SHA-1 of the normalized Arabic word."""
    digest = hashlib.sha1(split_key(arabic).encode("utf-8")).digest()
    return "heldout" if int.from_bytes(digest[:8], "big") % HELDOUT_BUCKETS == 0 else "dev"


def _clean(arabic: str, english: str) -> NamePair | None:
    arabic = _INVISIBLE_RE.sub("", arabic).strip()
    english = english.strip().lower()
    if not _ARABIC_WORD_RE.match(arabic) or not _LATIN_WORD_RE.match(english):
        return None
    return NamePair(arabic, english)


@cache
def google_pairs(path: Path = GOOGLE_AR2EN) -> tuple[NamePair, ...]:
    """Every clean pair of the file, in file order, without duplicates."""
    seen: set[NamePair] = set()
    pairs: list[NamePair] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != 2:
            continue
        pair = _clean(*fields)
        if pair is not None and pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    return tuple(pairs)


def name_pairs(part: str, path: Path = GOOGLE_AR2EN) -> tuple[NamePair, ...]:
    """The clean pairs of one part: 'dev' or 'heldout'."""
    if part not in ("dev", "heldout"):
        raise ValueError(f"unknown part {part!r}: expected 'dev' or 'heldout'")
    return tuple(p for p in google_pairs(path) if part_of(p.arabic) == part)
