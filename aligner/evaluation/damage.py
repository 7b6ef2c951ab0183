"""Damage a faithful translation the way a careless one is damaged, and keep what was removed.

With a fixed seed per article: 10% of the translation's lines deleted, 10% cut after their last
clause joint (", which ...", "; ...", "، حيث ..."), and 10% stripped of one number that the
original also carries (not the word "one"/واحد, which is mostly an article). The translation may
be English (Arabic original) or Arabic (English original).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass

from aligner.entities.numbers import find_numbers

SHARE = 0.10
MIN_CUT_CHARS = 25  # characters kept before the joint and cut after it
# Clause joints where a translation may stop short: the text after the last one is cut.
CLAUSE_CUT_RE = {
    "en": re.compile(r"(?:,\s+(?:and|but|while|which|who|whereas|as|after|before|because|where|when|"
                     r"although|though|including|saying|adding)\b|;\s)"),
    "ar": re.compile(r"(?:[،,]\s*(?:و|ف)?(?:حيث|التي|الذي|الذين|بينما|فيما|مما|إذ|لكن|إلا أن|في حين|بما في ذلك|"
                     r"قائلا|قائلاً|مضيفا|مضيفاً|مشيرا|مشيراً|مؤكدا|مؤكداً|وذلك|كما|بعد|قبل|لأن)(?!\w)|[؛;]\s)"),
}
_FULL_STOP = {"en": ".", "ar": "."}


def cut_last_clause(sentence: str, lang: str = "en") -> str | None:
    """The sentence stopped at its last clause joint, or None if it has no joint with enough
    text on both sides."""
    matches = list(CLAUSE_CUT_RE[lang].finditer(sentence))
    if not matches or len(sentence) - matches[-1].start() <= MIN_CUT_CHARS or matches[-1].start() <= MIN_CUT_CHARS:
        return None
    return sentence[:matches[-1].start()].rstrip(" ,;،؛") + _FULL_STOP[lang]


@dataclass
class Damaged:
    """A damaged translation and its gold, by line of the undamaged translation."""

    lines: list[str]  # the damaged translation's lines, deleted ones left out
    gold: dict[int, set[str]]  # line -> {"sentence"} (deleted), {"clause"} (cut) or {"number"}
    removed_values: dict[int, float]  # line -> the number stripped from it
    lost_numbers: dict[int, Counter]  # line -> every number value the damage took away (a multiset)


def _values(text: str, lang: str) -> list[float]:
    return [round(x.value, 3) for x in find_numbers(text, lang)]


def damage(original: list[str], translation: list[str], original_lang: str, translation_lang: str,
           rng: random.Random) -> Damaged:
    """Damage ``translation`` (parallel to ``original`` line by line)."""
    lines = list(translation)
    n = len(lines)
    order = list(range(n))
    rng.shuffle(order)
    k = max(1, round(SHARE * n))
    deleted = set(order[:k])
    gold: dict[int, set[str]] = {i: {"sentence"} for i in deleted}
    removed_values: dict[int, float] = {}
    cuts = 0
    for i in order[k:]:
        if cuts >= k:
            break
        shorter = cut_last_clause(lines[i], translation_lang)
        if shorter is not None:
            lines[i] = shorter
            gold[i] = {"clause"}
            cuts += 1
    numbers = 0
    for i in order[k:]:
        if numbers >= k or i in gold:
            continue
        original_values = set(_values(original[i], original_lang))
        found = find_numbers(lines[i], translation_lang)
        # "one" as a word is not damaged: it is mostly an article ("one browser"), and the detector
        # does not treat it as a quantity
        candidates = [x for x in found if round(x.value, 3) in original_values and not x.is_word_one
                      and sum(round(y.value, 3) == round(x.value, 3) for y in found) == 1]
        if not candidates:
            continue
        x = candidates[0]
        lines[i] = (lines[i][:x.start] + lines[i][x.end:]).replace("  ", " ")
        gold[i] = {"number"}
        removed_values[i] = round(x.value, 3)
        numbers += 1
    kept = [line for i, line in enumerate(lines) if i not in deleted]
    lost_numbers = {}
    for i in gold:
        before = Counter(_values(translation[i], translation_lang))
        after = Counter() if i in deleted else Counter(_values(lines[i], translation_lang))
        lost_numbers[i] = before - after
    return Damaged(kept, gold, removed_values, lost_numbers)
