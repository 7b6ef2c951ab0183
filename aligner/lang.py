"""Language profiles: each language's behaviour in one place (read from ``data/languages.json``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from aligner.errors import InputError
from aligner.resources import json_data


@dataclass(frozen=True)
class LanguageProfile:
    """Direction, sentence marks, quote pairs, character tables and optional marks of one language."""

    code: str
    name: str
    direction: str
    sentence_marks: str
    quote_pairs: tuple[tuple[str, str], ...]
    remove_chars: frozenset[str]
    char_map: dict[str, str]
    double_quote_marks: tuple[str, ...]
    optional_marks: frozenset[str] = frozenset()  # written only sometimes: removed before reading


SUPPORTED = ("ar", "en")


@cache
def profile(code: str) -> LanguageProfile:
    """The profile of language ``code`` ('ar' or 'en')."""
    data = json_data("languages.json")
    if code not in data or code.startswith("_"):
        raise InputError(f"unsupported language {code!r}: choose one of {', '.join(SUPPORTED)}")
    entry = data[code]
    return LanguageProfile(
        code=code,
        name=entry["name"],
        direction=entry["direction"],
        sentence_marks=entry["sentence_marks"],
        quote_pairs=tuple(tuple(pair) for pair in entry["quote_pairs"]),
        remove_chars=frozenset(entry["remove_chars"]),
        char_map=dict(entry["char_map"]),
        double_quote_marks=tuple(entry["double_quote_marks"]),
        optional_marks=frozenset(entry.get("optional_marks", "")),
    )


def same_language_problem(original: str, translation: str) -> str | None:
    """Why a pair cannot be checked when both sides are in one language (None when they are not):
    alignment and every lexicon compare a text with its translation into another language."""
    if original != translation:
        return None
    return (f"original and translation are both {profile(original).name}: aligner compares an article "
            "with its translation into the other language")
