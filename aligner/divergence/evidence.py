"""Word-level evidence that a translation carries a span of the original: its numbers, or (for a
short span) a name it mentions, written in the translation in Latin letters."""

from __future__ import annotations

import re

from aligner.entities.numbers import find_numbers
from aligner.entities.phonetic import names_match

NAMED_SPAN_WORDS = 6  # a span this short whose name the translation carries is carried
_CAPITALIZED_RE = re.compile(r"\b[A-Z][a-z]{2,}\b")
_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064A]{3,}")
_PROCLITICS_RE = re.compile(r"^[وف]?(?:ال)?")


def number_values(text: str, lang: str) -> set[float]:
    """Values of the numbers in ``text``, leaving out 'one' written as a word (mostly an article)."""
    return {round(n.value, 3) for n in find_numbers(text, lang) if not n.is_word_one}


def _names_carried(arabic: str, translation: str) -> bool:
    """Whether a word of ``arabic`` (without و/ف/ال in front) sounds like a capitalized word of
    the translation."""
    names = set(_CAPITALIZED_RE.findall(translation))
    for word in _ARABIC_WORD_RE.findall(arabic):
        forms = {word, _PROCLITICS_RE.sub("", word)}  # فارايتي keeps its ف: a letter of the name
        if any(len(form) >= 3 and names_match(form, name) for form in forms for name in names):
            return True
    return False


def carried(span: str, span_lang: str, translation: str, translation_lang: str) -> str | None:
    """Why the translation is taken to carry ``span`` despite the embeddings ('numbers' when all
    its numbers are there, 'name' when the span is short and names someone the translation
    names), or None."""
    values = number_values(span, span_lang)
    if values and values <= number_values(translation, translation_lang):
        return "numbers"
    if span_lang == "ar" and len(span.split()) <= NAMED_SPAN_WORDS and _names_carried(span, translation):
        return "name"
    return None
