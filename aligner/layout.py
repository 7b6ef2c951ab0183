"""Mark each line of a document with its layout kind (headline, byline, body, ...)."""

from __future__ import annotations

import re
from functools import cache

from aligner.datatypes import Line
from aligner.lang import profile
from aligner.resources import table

HEADLINE_MAX_WORDS = 35
PATTERN_MAX_WORDS = 80  # boilerplate lines (bylines, disclaimers, credits) are short
# A byline names a writer at the top or the bottom of an article: a line that begins "كتب ..." or
# "By ..." in the middle of the text, or a long one, is a sentence of the body.
BYLINE_MAX_WORDS = 8
BYLINE_SENTENCE_MAX_WORDS = 5  # a byline that ends like a sentence ("By John Smith.") is shorter still
BYLINE_EDGE_LINES = 3  # non-blank lines from the top or the bottom where a byline may stand


class Kind:
    """Layout kinds of a line (and of the segments cut from it), as written to segments.csv."""

    HEADLINE = "headline"
    SUBHEADING = "subheading"
    KICKER = "kicker"
    BYLINE = "byline"
    BODY = "body"
    SOURCE = "source"
    DISCLAIMER = "disclaimer"
    TRANSLATOR_NOTE = "translator_note"
    RESIDUE = "residue"  # web navigation or credit text
    BLANK = "blank"


KINDS = (Kind.HEADLINE, Kind.SUBHEADING, Kind.KICKER, Kind.BYLINE, Kind.BODY, Kind.SOURCE, Kind.DISCLAIMER,
         Kind.TRANSLATOR_NOTE, Kind.RESIDUE, Kind.BLANK)
# The article's running text: what is aligned, searched for names and compared between documents.
RUNNING_TEXT_KINDS = frozenset({Kind.BODY, Kind.HEADLINE, Kind.SUBHEADING})
# Kinds that are not part of the article's running text.
BOILERPLATE_KINDS = frozenset({Kind.KICKER, Kind.BYLINE, Kind.SOURCE, Kind.DISCLAIMER, Kind.TRANSLATOR_NOTE,
                               Kind.RESIDUE})


@cache
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (row["kind"], re.compile(row["pattern"], re.IGNORECASE))
        for row in table("line_patterns.tsv") if row["lang"] == lang
    )


def _pattern_kind(text: str, lang: str) -> str | None:
    if len(text.split()) > PATTERN_MAX_WORDS:  # a paragraph that mentions a credit is still a paragraph
        return None
    for kind, pattern in _patterns(lang):
        if pattern.search(text):
            return kind
    return None


def _byline_sized(text: str, lang: str) -> bool:
    words = len(text.split())
    return words <= (BYLINE_SENTENCE_MAX_WORDS if ends_sentence(text, lang) else BYLINE_MAX_WORDS)


def ends_sentence(text: str, lang: str) -> bool:
    stripped = text.rstrip(" \"'”’»)")
    if stripped.endswith(".."):  # Arabic headlines use '..' as a pause
        return False
    return bool(stripped) and stripped[-1] in profile(lang).sentence_marks


def mark_lines(text: str, lang: str) -> list[Line]:
    """Split ``text`` into lines and give each a layout kind."""
    raw: list[tuple[int, int, str]] = []
    pos = 0
    for piece in text.split("\n"):
        raw.append((pos, pos + len(piece), piece))
        pos += len(piece) + 1
    kinds: list[str] = []
    for _, _, piece in raw:
        stripped = piece.strip()
        kinds.append("blank" if not stripped else (_pattern_kind(stripped, lang) or "body"))
    filled = [i for i, kind in enumerate(kinds) if kind != "blank"]
    for rank, i in enumerate(filled):
        at_edge = rank < BYLINE_EDGE_LINES or rank >= len(filled) - BYLINE_EDGE_LINES
        if kinds[i] == "byline" and not (at_edge and _byline_sized(raw[i][2].strip(), lang)):
            kinds[i] = "body"

    seen_body = seen_headline = False
    for i, (_, _, piece) in enumerate(raw):
        if kinds[i] != "body":
            continue
        stripped = piece.strip()
        short = len(stripped.split()) <= HEADLINE_MAX_WORDS
        next_kind = next((kinds[j] for j in range(i + 1, len(raw)) if kinds[j] != "blank"), None)
        followed_by_blank = i + 1 < len(raw) and kinds[i + 1] == "blank"
        if short and not ends_sentence(stripped, lang) and next_kind is not None and followed_by_blank:
            kinds[i] = "headline" if not (seen_body or seen_headline) else "subheading"
            seen_headline = True
            continue
        seen_body = True
    return [Line(i, kinds[i], s, e, piece) for i, (s, e, piece) in enumerate(raw)]
