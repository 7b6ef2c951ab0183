"""A blocking index over names, so that resolving a spelling compares it with few listed names.

Each name is filed under the consonant skeletons of its phonetic keys, with up to two consonants
left out (a deletion neighbourhood, as in SymSpell). The skeleton keeps a key's consonants (not
vowels, semivowels, ayn, or letters that cost less than ``LIGHT`` to leave out) and writes those
that cost less than ``CHEAP`` to exchange (C/s, f/v, b/p, j/G/g, t/T/d/Z/z ...) as one class.
Two spellings within the match threshold differ by few consonants, so their skeletons meet once
one or two are left out of the two together.

Every consonant left out costs the edit distance at least a floor (its deletion or its cheapest
exchange for a vowel; half its cheapest exchange for another consonant when the other name
leaves a consonant out too), so a
listed name is a candidate only when the consonants left out on both sides cost no more than the
threshold allows for the longer of the two keys: the three-consonant query does not meet every
two-consonant name. Candidates are then scored in one numpy batch (``batch_distance``) and,
where that comes close, exactly (``Matcher.score``). Two Arabic spellings are compared letter by
letter (rapidfuzz) among the names whose skeletons meet. What the blocking leaves out against
comparing every pair is measured by ``scripts/bench_names.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from aligner.entities.batch_distance import SymbolTable, distances
from aligner.entities.edit_distance import GAP, EditCosts
from aligner.entities.phonetic import SAME_SCRIPT_ARABIC_THRESHOLD, Matcher, arabic_letters, is_arabic_only
from aligner.entities.symbols import VOWEL_LIKE, key_variants

CHEAP = 0.3  # consonants cheaper than this to exchange share a class
LIGHT = 0.5  # consonants cheaper than this to leave out (silent h) are not in the skeleton either
TOLERANCE = 1e-6  # sums in another order: keep what falls a hair under a bound

Skeleton = tuple[str, ...]


def _classes(costs: EditCosts) -> dict[str, str]:
    """Union-find over consonants joined by cheap exchanges: symbol -> class name."""
    parent: dict[str, str] = {}

    def root(s: str) -> str:
        while parent.setdefault(s, s) != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for a, row in costs.rows.items():
        for b, cost in row.items():
            if GAP not in (a, b) and a != b and cost < CHEAP and not {a, b} & VOWEL_LIKE:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    return {s: root(s) for s in parent}


@dataclass
class _Bucket:
    """The names filed under one skeleton: parallel lists, made arrays at the first lookup."""

    positions: list | np.ndarray = field(default_factory=list)
    extras: list | np.ndarray = field(default_factory=list)  # distance the key variant adds
    floors: list | np.ndarray = field(default_factory=list)  # extra + least cost of consonants left out
    symbols: list | np.ndarray = field(default_factory=list)  # number of the one consonant left out
    weights: list | np.ndarray = field(default_factory=list)  # weight of the key variant
    arabic: list | np.ndarray = field(default_factory=list)  # the name is in Arabic script only

    def file(self, position: int, extra: float, floor: float, symbol: int, weight: float, arabic: bool) -> None:
        if isinstance(self.positions, np.ndarray):
            for name in _BUCKET_FIELDS:
                setattr(self, name, getattr(self, name).tolist())
        for name, value in zip(_BUCKET_FIELDS, (position, extra, floor, symbol, weight, arabic)):
            getattr(self, name).append(value)

    def arrays(self) -> _Bucket:
        if not isinstance(self.positions, np.ndarray):
            for name in _BUCKET_FIELDS:
                setattr(self, name, np.array(getattr(self, name)))
        return self


_BUCKET_FIELDS = ("positions", "extras", "floors", "symbols", "weights", "arabic")


@dataclass(frozen=True)
class _Variant:
    """One key variant of a name as the index sees it."""

    classes: Skeleton  # consonant classes in order
    symbols: tuple[int, ...]  # their consonants' numbers
    floors: tuple[float, ...]  # least cost of leaving each out when the other name keeps all its own
    extra: float
    weight: float


class NameIndex:
    """Names filed under the deletion neighbourhoods of their consonant skeletons."""

    def __init__(self, names: Iterable[str], matcher: Matcher, threshold: float):
        self.matcher = matcher
        self.costs = matcher.costs
        self.threshold = threshold
        self._class = _classes(self.costs)
        self._number: dict[str, int] = {}
        self._floor: list[float] = []
        self._exchange = np.zeros((0, 0))
        self.names: list[str] = []
        self._arabic: list[bool] = []
        self._letters: list[str] = []
        # _buckets[0][classes], _buckets[1][(classes, i)], _buckets[2][classes]: the names whose
        # skeleton gives these classes with 0, 1 (at place i) or 2 consonants left out
        self._buckets: tuple[dict, dict, dict] = ({}, {}, {})
        self._rows: _Rows | None = None
        for name in names:
            self.add(name)

    def _symbol(self, symbol: str) -> int:
        """The number of a consonant, with its floor cost and exchange costs (grown on first sight)."""
        number = self._number.get(symbol)
        if number is None:
            number = self._number[symbol] = len(self._floor)
            row = self.costs.rows.get(symbol, {})
            floor = self.costs.indel(symbol)
            for other, cost in row.items():
                if other not in (GAP, symbol) and (other in VOWEL_LIKE or self.costs.indel(other) < LIGHT):
                    floor = min(floor, cost)  # said as a vowel or a silent letter
            self._floor.append(floor)
            size = len(self._floor)
            exchange = np.full((size, size), self.costs.default)
            exchange[:size - 1, :size - 1] = self._exchange
            for other, i in self._number.items():
                exchange[number, i] = exchange[i, number] = self.costs.sub(symbol, other)
            self._exchange = exchange
        return number

    def _variants(self, name: str) -> list[_Variant]:
        out = []
        for key, extra in key_variants(name):
            consonants = [s for s in key if s not in VOWEL_LIKE and self.costs.indel(s) >= LIGHT]
            numbers = tuple(self._symbol(s) for s in consonants)
            out.append(_Variant(tuple(self._class.get(s, s) for s in consonants), numbers,
                                tuple(self._floor[n] for n in numbers), extra, self.costs.weight(key)))
        return out

    def add(self, name: str) -> int:
        """File a name; returns its position in ``names``."""
        position = len(self.names)
        arabic = is_arabic_only(name)
        self.names.append(name)
        self._arabic.append(arabic)
        self._letters.append(arabic_letters(name) if arabic else "")
        for v in self._variants(name):
            n = len(v.classes)
            self._bucket(0, v.classes).file(position, v.extra, v.extra, -1, v.weight, arabic)
            for i in range(n):
                reduced = v.classes[:i] + v.classes[i + 1:]
                self._bucket(1, (reduced, i)).file(position, v.extra, v.extra + v.floors[i], v.symbols[i],
                                                   v.weight, arabic)
            for i, j in combinations(range(n), 2):
                reduced = tuple(c for k, c in enumerate(v.classes) if k not in (i, j))
                self._bucket(2, reduced).file(position, v.extra, v.extra + v.floors[i] + v.floors[j], -1,
                                              v.weight, arabic)
        self._rows = None
        return position

    def _bucket(self, k: int, key) -> _Bucket:
        bucket = self._buckets[k].get(key)
        if bucket is None:
            bucket = self._buckets[k][key] = _Bucket()
        return bucket

    def candidates(self, query: str) -> list[int]:
        """Positions of the names whose consonant skeletons meet the query's with at most two
        consonants left out of the two, costing no more than the threshold allows for the longer
        key (an Arabic query meets every Arabic name whose skeleton meets its own: two Arabic
        spellings are compared letter by letter)."""
        found: list[np.ndarray] = []
        query_arabic = is_arabic_only(query)

        def take(bucket: _Bucket | None, cost, weight: float) -> None:
            if bucket is None:
                return
            b = bucket.arrays()
            keep = cost(b) <= (1.0 - self.threshold) * np.maximum(weight, b.weights) + TOLERANCE
            found.append(b.positions[keep | b.arabic] if query_arabic else b.positions[keep])

        zero, one, two = self._buckets
        for v in self._variants(query):
            n, q, w = len(v.classes), v.extra, v.weight
            take(zero.get(v.classes), lambda b: q + b.extras, w)
            take(two.get(v.classes), lambda b: q + b.floors, w)
            for i in range(n + 1):
                take(one.get((v.classes, i)), lambda b: q + b.floors, w)
            for i in range(n):
                reduced = v.classes[:i] + v.classes[i + 1:]
                left = q + v.floors[i]
                take(zero.get(reduced), lambda b: left + b.extras, w)
                for j in range(n):
                    if j == i:  # the same place on both sides: one consonant exchanged for another
                        exchange = self._exchange[v.symbols[i]]
                        take(one.get((reduced, j)),
                             lambda b: np.minimum(q + b.extras + exchange[b.symbols], left + b.floors), w)
                    else:
                        take(one.get((reduced, j)), lambda b: left + b.floors, w)
            for i, j in combinations(range(n), 2):
                reduced = tuple(c for k, c in enumerate(v.classes) if k not in (i, j))
                left = q + v.floors[i] + v.floors[j]
                take(zero.get(reduced), lambda b: left + b.extras, w)
        return sorted(set(np.concatenate(found).tolist())) if found else []

    def matches(self, query: str, allowed: Callable[[int], bool] | None = None) -> dict[int, float]:
        """Exact similarity of every candidate that reaches the threshold (position -> score)."""
        positions = [p for p in self.candidates(query) if allowed is None or allowed(p)]
        return self._scores(query, positions)[0]

    def closest(self, query: str, allowed: Callable[[int], bool] | None = None,
                block: bool = True) -> tuple[int | None, float]:
        """The position of the most similar name at or above the threshold (the first listed among
        equals) and its similarity; else (None, similarity of the closest candidate, 0.0 if none).
        ``block=False`` scores every listed name instead of the candidates (to measure blocking)."""
        positions = self.candidates(query) if block else range(len(self.names))
        positions = [p for p in positions if allowed is None or allowed(p)]
        found, nearest = self._scores(query, positions)
        if found:
            best = max(found.values())
            return min(p for p, score in found.items() if score == best), best
        return None, nearest

    def _scores(self, query: str, positions: list[int]) -> tuple[dict[int, float], float]:
        """Exact similarities of the names at ``positions`` that reach the threshold, and the exact
        similarity of the closest of the others by the batch distance (0.0 if none)."""
        query_arabic = is_arabic_only(query)
        same_script = [p for p in positions if query_arabic and self._arabic[p]]
        others = [p for p in positions if not (query_arabic and self._arabic[p])]
        near, nearest = self._close_letters(query, same_script)
        close, closest = self._close(query, others)
        found: dict[int, float] = {}
        for p in near + close:
            score = self.matcher.score(query, self.names[p], self.threshold)
            if score >= self.threshold:
                found[p] = score
        below = [self.matcher.similarity(query, self.names[p]) for p in (nearest, closest) if p is not None]
        return found, max([s for s in below if s < self.threshold], default=0.0)

    def _close_letters(self, query: str, positions: list[int]) -> tuple[list[int], int | None]:
        """Arabic names near an Arabic query letter by letter (rapidfuzz over the batch), and the
        nearest of all."""
        if not positions:
            return [], None
        cutoff = max(self.threshold, SAME_SCRIPT_ARABIC_THRESHOLD) - TOLERANCE
        found = process.extract(arabic_letters(query), [self._letters[p] for p in positions],
                                scorer=Levenshtein.normalized_similarity, limit=None)
        nearest = positions[found[0][2]] if found else None
        return [positions[i] for _, score, i in found if score >= cutoff], nearest

    def _close(self, query: str, positions: list[int]) -> tuple[list[int], int | None]:
        """The names whose keys come near the query's by the batch distance, and the nearest of all."""
        if not positions:
            return [], None
        if self._rows is None:
            self._rows = _Rows(self.names, self.costs)
        rows = self._rows
        picked = np.concatenate([rows.of_name[p] for p in positions])
        lengths = rows.lengths[picked]
        keys = rows.keys[picked, :int(lengths.max())]
        best = np.full(len(picked), -1.0)
        for key, extra in key_variants(query):
            if not key:
                continue
            weight = np.maximum(self.costs.weight(key), rows.weights[picked])
            distance = distances(rows.table.encode(key), keys, lengths, rows.table)
            best = np.maximum(best, 1.0 - (distance + extra + rows.extras[picked]) / weight)
        close = sorted({int(rows.owner[r]) for r in picked[best >= self.threshold - TOLERANCE]})
        return close, int(rows.owner[picked[int(np.argmax(best))]])


class _Rows:
    """Every variant key of every filed name as one row of a padded symbol matrix."""

    def __init__(self, names: list[str], costs: EditCosts):
        keys = [(p, key, extra) for p, name in enumerate(names) for key, extra in key_variants(name) if key]
        self.table = SymbolTable(costs, {s for _, key, _ in keys for s in key})
        width = max((len(key) for _, key, _ in keys), default=1)
        self.keys = np.array([self.table.encode(key, width) for _, key, _ in keys], dtype=np.int32).reshape(-1, width)
        self.lengths = np.array([len(key) for _, key, _ in keys], dtype=np.int64)
        self.weights = np.array([costs.weight(key) for _, key, _ in keys])
        self.extras = np.array([extra for _, _, extra in keys])
        self.owner = np.array([p for p, _, _ in keys], dtype=np.int64)
        rows_of: list[list[int]] = [[] for _ in names]
        for r, p in enumerate(self.owner):
            rows_of[p].append(r)
        self.of_name = [np.array(r, dtype=np.int64) for r in rows_of]
