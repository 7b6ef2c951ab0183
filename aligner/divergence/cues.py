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
_AR_ENCLITICS = r"(?:هما|هم|ها|كم|نا|ه)?"


@dataclass(frozen=True)
class Cue:
    """One lexicon row: what to find, how English may render it, how much it matters."""

    key: str
    category: str
    pattern: re.Pattern[str]
    renderings: re.Pattern[str] | None
    severity: str
    reason: str
    en_cue: re.Pattern[str] | None = None  # the English words for it, when English is the original
    ar_renderings: re.Pattern[str] | None = None  # Arabic ways to render it, when Arabic is the translation
    exclude_after: re.Pattern[str] | None = None  # normalized Arabic after the cue that makes it something else


def arabic_pattern(alternatives: str) -> re.Pattern[str]:
    """Regex over normalized Arabic for '|'-separated forms, clitics allowed before them."""
    forms = sorted((normalize_arabic(f).text.strip() for f in alternatives.split("|") if f.strip()),
                   key=len, reverse=True)
    def one(form: str) -> str:
        regex = re.escape(form).replace(r"\ ", r"\s+")
        # a form ending in a one-letter preposition (نتيجة ل) joins the next word: no boundary
        if re.search(r"\s\w$", form):
            return regex
        # a pronoun written onto a word of four letters or more (أذرعها 'its arms', مصرعهم)
        return regex + (_AR_ENCLITICS if len(form) >= 4 and " " not in form else "") + r"(?!\w)"

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
        cues.append(Cue(row["key"], row["category"], pattern, renderings, row["severity"], row["reason"],
                        en_cue=english_pattern(row.get("en_cue", "")),
                        ar_renderings=arabic_pattern(row["ar_renderings"]) if row.get("ar_renderings") else None,
                        exclude_after=re.compile(row["exclude_after"]) if row.get("exclude_after") else None))
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
    forms: tuple[str, ...] = ()  # the Arabic forms, normalized, as listed
    ordinary: re.Pattern[str] | None = None  # words around an occurrence that mark its everyday sense
    loaded_only_with: re.Pattern[str] | None = None  # words without which an occurrence is not loaded
    needs_conflict: bool = False  # loaded only in news of armed conflict
    en_original: re.Pattern[str] | None = None  # the loaded English word, when English is the original
    en_neutral: str = ""  # a neutral English word to put in its place (meaning test)
    ar_swap: str = ""  # a neutral Arabic word to put in place of the term (meaning test)


@lru_cache(maxsize=1)
def any_loaded_term() -> re.Pattern[str]:
    """One pattern for every loaded term and neutral counterpart: most text has none of them."""
    patterns = [p.pattern for t in loaded_terms() for p in (t.arabic, t.arabic_neutral) if p is not None]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _optional_re(text: str | None, flags: int = 0) -> re.Pattern[str] | None:
    return re.compile(text, flags) if text else None


def _first_plain(alternatives: str) -> str:
    """The first alternative with no regex syntax in it ('' if none)."""
    return next((a.strip() for a in alternatives.split("|") if a.strip() and re.fullmatch(r"[\w \-']+", a.strip())), "")


@lru_cache(maxsize=1)
def loaded_terms() -> tuple[LoadedTerm, ...]:
    """The loaded-term lexicon (loaded_terms.tsv)."""
    return tuple(
        LoadedTerm(row["term_id"], arabic_pattern(row["arabic"]), row["asserts"], english_pattern(row["loaded_en"]),
                   english_pattern(row["neutral_en"]),
                   arabic_pattern(row["arabic_neutral"]) if row["arabic_neutral"] else None,
                   row["severity"], row["notes"],
                   forms=tuple(normalize_arabic(f).text.strip() for f in row["arabic"].split("|") if f.strip()),
                   ordinary=_optional_re(row.get("ordinary")),
                   loaded_only_with=_optional_re(row.get("loaded_only_with")),
                   needs_conflict=row.get("needs_conflict", "") == "yes",
                   en_original=_optional_re(row.get("en_original"), re.IGNORECASE),
                   en_neutral=row.get("en_neutral") or _first_plain(row["neutral_en"]),
                   ar_swap=row.get("ar_swap") or _first_plain(row["arabic_neutral"]))
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
