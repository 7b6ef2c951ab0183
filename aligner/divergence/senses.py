"""Is one occurrence of a loaded term used in its loaded sense, or in its everyday one?

Each term may list (``data/loaded_terms.tsv``) the words around it that mark its everyday sense
(``ordinary``: جريمة قتل 'murder'), the words without which it is not loaded
(``loaded_only_with``: أداة 'tool' is loaded only as a tool *of* someone), and whether it is
loaded only in news of armed conflict or political violence (``needs_conflict``: then its
sentence must use a word of ``data/conflict_context_ar.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from aligner.datatypes import Segment
from aligner.divergence.cues import LoadedTerm, normalized_arabic
from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.mentions import gazetteer_hits
from aligner.resources import words

WINDOW_WORDS = 3
_WORD_RE = re.compile(r"\w+")
_ENCLITIC_RE = re.compile(r"(?<=\w{3})(?:هما|هم|ها|كم|نا|ه)$")  # فصائله, جنودهم
ARMED_GROUP_TYPE = "group"  # gazetteer entity type of armed groups
_PROCLITIC_RE = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?لل|[وف]?[بلك]|[وف])(?=\w{2,})")
CONFLICT_FILE = "conflict_context_ar.txt"


@lru_cache(maxsize=1)
def conflict_vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    """Single words and multi-word phrases that mark conflict news (normalized Arabic)."""
    if not resources.files("aligner").joinpath("data", CONFLICT_FILE).is_file():
        return frozenset(), ()
    entries = words(CONFLICT_FILE)
    return (frozenset(e for e in entries if " " not in e), tuple(sorted(e for e in entries if " " in e)))


def is_conflict_text(normalized: str) -> bool:
    """Whether normalized Arabic text uses the vocabulary of armed conflict, or names an armed
    group of the gazetteer (داعش, قسد, هيئة تحرير الشام ...)."""
    single, phrases = conflict_vocabulary()
    for token in _WORD_RE.findall(normalized):
        bare = _PROCLITIC_RE.sub("", token)
        if {token, bare, _ENCLITIC_RE.sub("", token), _ENCLITIC_RE.sub("", bare)} & single:
            return True
    if any(p in normalized for p in phrases):
        return True
    entities = load_gazetteer().by_id
    return any(entities[eid].type == ARMED_GROUP_TYPE for _, _, eid in gazetteer_hits(normalized, "ar")
               if eid in entities)


def window(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> str:
    """The normalized words just before and after ``text[start:end]`` inside its sentence."""
    before = normalized_arabic(text[sentence_start:start]).text.split()[-WINDOW_WORDS:]
    after = normalized_arabic(text[end:sentence_end]).text.split()[:WINDOW_WORDS]
    return " ".join(before + after)


def loaded_sense(term: LoadedTerm, text: str, start: int, end: int, sentence_start: int, sentence_end: int,
                 paragraph: tuple[int, int] | None = None) -> bool:
    """Whether the Arabic occurrence ``text[start:end]`` of ``term`` is used in its loaded sense
    (the words around it within its sentence; the conflict vocabulary within its ``paragraph``,
    by default the sentence: a paragraph about a war may name it in another sentence)."""
    around = window(text, start, end, sentence_start, sentence_end)
    if term.ordinary is not None and term.ordinary.search(around):
        return False
    if term.loaded_only_with is not None and not term.loaded_only_with.search(around):
        return False
    a, b = paragraph or (sentence_start, sentence_end)
    if term.needs_conflict and not is_conflict_text(normalized_arabic(text[a:b]).text):
        return False
    return True


def paragraph_bounds(sentences: list[Segment], sentence: Segment) -> tuple[int, int]:
    """Start and end of the paragraph holding ``sentence`` (its document's sentences, in order)."""
    same = [s for s in sentences if s.paragraph == sentence.paragraph]
    return (same[0].start, same[-1].end) if same else (sentence.start, sentence.end)
