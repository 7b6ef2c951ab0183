"""Cross-script name matching: phonetic keys shared by Arabic and Latin spellings
(``symbols.py``) compared by a weighted edit distance (``edit_distance.py``) whose costs make
spelling variants (gh/g, ou/u, q/k, th/t, soft c, a silent e, al-/el-) and dot-confusable Arabic
letters cheap. Two Arabic spellings are compared letter by letter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from aligner.entities.edit_distance import INF, EditCosts, Key, align_cost, package_costs
from aligner.entities.symbols import VOWEL_LIKE, key_variants, phonetic_key, phonetic_keys
from aligner.normalize.arabic import normalize_arabic

__all__ = ["MATCH_THRESHOLD", "Matcher", "could_reach", "default_matcher", "is_arabic_only", "name_similarity",
           "names_match", "phonetic_key", "phonetic_keys", "weighted_distance"]

MATCH_THRESHOLD = 0.8
SAME_SCRIPT_ARABIC_THRESHOLD = 0.85
HARD_EDIT = 0.8
SHORT_NAME_CONSONANTS = 4
CACHE_SIZE = 65536
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def is_arabic_only(name: str) -> bool:
    """Whether a name is in Arabic script with no Latin letters."""
    return bool(_ARABIC_RE.search(name)) and not _LATIN_RE.search(name)


def _both_arabic(a: str, b: str) -> bool:
    return is_arabic_only(a) and is_arabic_only(b)


@lru_cache(maxsize=CACHE_SIZE)
def arabic_letters(name: str) -> str:
    """The letters of an Arabic name as same-script matching compares them (ال of each word off)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in normalize_arabic(name).text.split()]
    return "".join(words)


def _same_script_arabic(a: str, b: str) -> float:
    """Two Arabic spellings: their letters are written out, so differ only by unit edits."""
    la, lb = arabic_letters(a), arabic_letters(b)
    if not la or not lb:
        return 0.0
    score = round(Levenshtein.normalized_similarity(la, lb), 6)
    return score if score >= SAME_SCRIPT_ARABIC_THRESHOLD else min(score, MATCH_THRESHOLD - 0.01)


class Matcher:
    """Name similarity under one cost table (the package's, or one being fitted)."""

    def __init__(self, costs: EditCosts, hard_edit: float = HARD_EDIT,
                 short_name_consonants: int = SHORT_NAME_CONSONANTS):
        self.costs = costs
        self.hard_edit = hard_edit
        self.short_name_consonants = short_name_consonants
        self._cache: dict[tuple[str, str], float] = {}

    def _key_score(self, ka: Key, kb: Key, floor: float, extra: float = 0.0) -> float:
        """Similarity of two keys (``extra``: distance a variant reading adds), or -1.0 when it is
        surely below ``floor``."""
        weight = max(self.costs.weight(ka), self.costs.weight(kb))
        if weight <= 0.0:
            return -1.0
        distance, worst_edit = align_cost(ka, kb, self.costs, (1.0 - floor) * weight - extra + 1e-9)
        if distance == INF:
            return -1.0
        score = round(max(0.0, 1.0 - (distance + extra) / weight), 6)
        consonants = min(sum(s not in VOWEL_LIKE for s in ka), sum(s not in VOWEL_LIKE for s in kb))
        if worst_edit >= self.hard_edit and consonants <= self.short_name_consonants:
            # a short name with a wholly different or missing sound is another name (McGurk/McGuire)
            score = min(score, round(MATCH_THRESHOLD - 0.01, 6))
        return score

    def score(self, a: str, b: str, floor: float = 0.0) -> float:
        """Similarity in [0, 1] of two names; below ``floor`` it may be returned as 0.0."""
        if _both_arabic(a, b):
            return _same_script_arabic(a, b)
        best = -1.0
        for ka, extra_a in key_variants(a):
            for kb, extra_b in key_variants(b):
                if ka and kb:
                    best = max(best, self._key_score(ka, kb, max(floor, best), extra_a + extra_b))
        return max(best, 0.0)

    def similarity(self, a: str, b: str) -> float:
        """Similarity in [0, 1] of two names in any scripts (1.0: same phonetic key)."""
        pair = (a, b) if a <= b else (b, a)
        cached = self._cache.get(pair)
        if cached is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[pair] = self.score(*pair)
        return cached

    def could_reach(self, a: str, b: str, floor: float) -> bool:
        """Whether ``similarity(a, b)`` is at least ``floor``, found by edit distances cut off early."""
        return self.score(a, b, floor) >= floor


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    """The matcher with the package's cost table, built once."""
    return Matcher(package_costs())


def name_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two names in any scripts (1.0: same phonetic key)."""
    return default_matcher().similarity(a, b)


def could_reach(a: str, b: str, floor: float) -> bool:
    """Cheap test that ``name_similarity(a, b)`` may be at least ``floor`` (never wrongly False)."""
    return default_matcher().could_reach(a, b, floor)


def names_match(a: str, b: str, threshold: float = MATCH_THRESHOLD) -> bool:
    """Whether two spellings name the same entity by sound alone (see also the gazetteer)."""
    return name_similarity(a, b) >= threshold


def weighted_distance(a: Key, b: Key) -> float:
    """Levenshtein distance over phonetic symbols with the package's weights."""
    return align_cost(a, b, package_costs())[0]
