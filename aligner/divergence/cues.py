"""Lexicon-driven cue matching: Arabic cues on normalized text mapped back to original
offsets (with clitics allowed before a cue), English renderings case-insensitively."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aligner.entities.mentions import gazetteer_hits
from aligner.normalize.arabic import normalize_arabic
from aligner.resources import table

_AR_CLITICS = r"(?:[وف]?[بلك]?(?:ال)?|[وف]?لل)"


@dataclass(frozen=True)
class Cue:
    """One lexicon row: what to find, how English may render it, how much it matters."""

    key: str
    category: str
    pattern: re.Pattern[str]
    renderings: re.Pattern[str] | None
    severity: str
    reason: str


def arabic_pattern(alternatives: str) -> re.Pattern[str]:
    """Regex over normalized Arabic for '|'-separated forms, clitics allowed before them."""
    forms = sorted((normalize_arabic(f).text.strip() for f in alternatives.split("|") if f.strip()),
                   key=len, reverse=True)
    def one(form: str) -> str:
        regex = re.escape(form).replace(r"\ ", r"\s+")
        # a form ending in a one-letter preposition (نتيجة ل) joins the next word: no boundary
        return regex if re.search(r"\s\w$", form) else regex + r"(?!\w)"

    return re.compile(r"(?<!\w)%s(?:%s)" % (_AR_CLITICS, "|".join(one(f) for f in forms)))


def english_pattern(alternatives: str) -> re.Pattern[str] | None:
    """Case-insensitive regex for '|'-separated English renderings (each a regex)."""
    parts = [p.strip() for p in alternatives.split("|") if p.strip()]
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:%s)" % "|".join(parts), re.IGNORECASE)


@lru_cache(maxsize=1)
def content_cues() -> tuple[Cue, ...]:
    """Time, cause, attribution, modifier and added-qualifier cues (divergence_cues.tsv)."""
    cues = []
    for row in table("divergence_cues.tsv"):
        if row["side"] == "ar":
            pattern, renderings = arabic_pattern(row["cue"]), english_pattern(row["renderings"])
        else:
            pattern, renderings = english_pattern(row["cue"]), arabic_pattern(row["renderings"])
        cues.append(Cue(f"{row['category']}:{row['key']}", row["category"], pattern, renderings, row["severity"], row["reason"]))
    return tuple(cues)


@dataclass(frozen=True)
class LoadedTerm:
    """A loaded Arabic term with its loaded and neutral English renderings."""

    id: str
    arabic: re.Pattern[str]
    asserts: str
    loaded_en: re.Pattern[str] | None
    neutral_en: re.Pattern[str] | None
    arabic_neutral: re.Pattern[str] | None
    severity: str
    notes: str


@lru_cache(maxsize=1)
def any_loaded_term() -> re.Pattern[str]:
    """One pattern for every loaded term and neutral counterpart: most text has none of them."""
    patterns = [p.pattern for t in loaded_terms() for p in (t.arabic, t.arabic_neutral) if p is not None]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@lru_cache(maxsize=1)
def loaded_terms() -> tuple[LoadedTerm, ...]:
    """The loaded-term lexicon (loaded_terms.tsv)."""
    return tuple(
        LoadedTerm(row["term_id"], arabic_pattern(row["arabic"]), row["asserts"], english_pattern(row["loaded_en"]),
                   english_pattern(row["neutral_en"]),
                   arabic_pattern(row["arabic_neutral"]) if row["arabic_neutral"] else None,
                   row["severity"], row["notes"])
        for row in table("loaded_terms.tsv")
    )


def find_arabic(pattern: re.Pattern[str], text: str, start: int, end: int,
                exclude_names: bool = True) -> list[tuple[int, int]]:
    """Original-offset spans where ``pattern`` matches inside ``text[start:end]``, outside names."""
    chunk = text[start:end]
    norm = normalized_arabic(chunk)
    names = [(a, b) for a, b, _ in gazetteer_hits(chunk, "ar")] if exclude_names else []
    spans = []
    for m in pattern.finditer(norm.text):
        a, b = norm.span(*m.span())
        if any(x <= a < y for x, y in names):
            continue
        spans.append((start + a, start + b))
    return spans


@lru_cache(maxsize=4096)
def normalized_arabic(chunk: str):
    """normalize_arabic, remembered for the chunks the cue searches see again and again."""
    return normalize_arabic(chunk)


def find_english(pattern: re.Pattern[str] | None, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Original-offset spans of English matches inside ``text[start:end]``."""
    if pattern is None:
        return []
    return [(start + m.start(), start + m.end()) for m in pattern.finditer(text[start:end])]
