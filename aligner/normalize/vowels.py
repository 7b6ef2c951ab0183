"""Short vowels put on Arabic text, as a fully or partly vowelled text has them (religious
texts, schoolbooks, headlines that disambiguate a word): harakat, shadda, sukun and tanween,
the marks camel-tools' ``dediac_ar`` removes. Used to check that vowels change nothing the
tool reports (tests, ``scripts/eval_vowelled.py``); the marks come from camel-tools' own set.
"""

from __future__ import annotations

import random

from camel_tools.utils.charsets import AR_DIAC_CHARSET, AR_LETTERS_CHARSET

SHADDA = "\u0651"
VOWELS = tuple(sorted(AR_DIAC_CHARSET - {SHADDA, "\u0640", "\u0670"}))  # harakat, sukun, tanween
LETTERS = frozenset(AR_LETTERS_CHARSET - {"\u0640"})  # tatweel is not a letter


def add_short_vowels(text: str, share: float = 0.8, seed: int = 0) -> str:
    """``text`` with a random short vowel (sometimes after a shadda) on about ``share`` of its
    Arabic letters; the same seed gives the same text."""
    rng = random.Random(seed)
    out = []
    for ch in text:
        out.append(ch)
        if ch in LETTERS and rng.random() < share:
            if rng.random() < 0.15:
                out.append(SHADDA)
            out.append(rng.choice(VOWELS))
    return "".join(out)
