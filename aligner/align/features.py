"""Per-unit annotations and per-bead feature arrays for the aligner.

A unit is a sentence or clause; a bead joins ``a`` consecutive source units with ``b``
consecutive target units. Features of a bead: embedding cosine of the joined texts, that
cosine's margin over each side's nearest neighbours, shared numbers, shared named
entities, shared word forms (names and numbers-with-letters written alike in both languages),
length deviation (Gale-Church style), the bead's size, how many of its extra units are
short fragments, and (many-to-many beads) how well it splits into two beads side by side.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.mentions import gazetteer_hits
from aligner.entities.numbers import find_numbers
from aligner.lang import SUPPORTED

FEATURE_NAMES = ("cosine", "margin", "numbers_shared", "numbers_conflict", "names_shared",
                 "names_conflict", "length_deviation", "extra_units", "many_to_many",
                 "partial_sentence_join", "paragraph_crossings", "join_gain", "tokens_shared",
                 "short_units_joined", "split_cosine")
NEIGHBOURS = 4
SHORT_UNIT = 20  # characters: a fragment ("!", "Blick au .", a lone "he said") cheap to join
SHARED_TOKEN_MIN = 4  # letters in a word form counted as shared across the two sides
SHARED_TOKEN_MAX_SHARE = 0.2  # a form in more units than this share of either side says little
_DIGITS_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_WORD_RE = re.compile(r"[^\W\d_]{%d,}" % SHARED_TOKEN_MIN)


def _bit(token: str) -> np.uint64:
    return np.uint64(1) << np.uint64(hash_token(token) % 64)


@lru_cache(maxsize=1 << 16)
def hash_token(token: str) -> int:
    """A stable small hash (Python's str hash is salted per process)."""
    h = 1469598103934665603
    for byte in token.encode("utf-8"):
        h = ((h ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


@dataclass(frozen=True)
class UnitInfo:
    """What the scorer needs of each unit: length, number and entity bit-sets."""

    lengths: np.ndarray  # characters
    numbers: np.ndarray  # uint64 bitmask of number values
    names: np.ndarray  # uint64 bitmask of entity groups
    sentence: np.ndarray  # index of the sentence each unit (clause) belongs to
    paragraph: np.ndarray  # index of the paragraph each unit belongs to
    tokens: np.ndarray | None = None  # uint64 bitmask of word forms found on both sides


def _word_forms(text: str) -> set[str]:
    return {w.casefold() for w in _WORD_RE.findall(text)}


def shared_token_masks(src_texts: list[str], tgt_texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Bitmasks of the word forms (4+ letters, case-folded) written alike on both sides of the
    document, such as names in Latin script on both sides; forms common on either side are left out."""
    src_forms = [_word_forms(t) for t in src_texts]
    tgt_forms = [_word_forms(t) for t in tgt_texts]

    def rare(forms: list[set[str]]) -> set[str]:
        counts = Counter(w for unit in forms for w in unit)
        limit = max(2.0, SHARED_TOKEN_MAX_SHARE * len(forms))
        return {w for w, c in counts.items() if c <= limit}

    # 64 bits for all shared forms: give them out in order of first appearance, so forms that
    # share a bit stand ~64 forms apart in the document, far outside any one bead
    common = rare(src_forms) & rare(tgt_forms)
    first = {}
    for i, unit in enumerate(src_forms):
        for w in unit & common:
            first.setdefault(w, i)
    shared = sorted(common, key=lambda w: (first[w], w))
    bit = {w: np.uint64(1) << np.uint64(k % 64) for k, w in enumerate(shared)}

    def masks(forms: list[set[str]]) -> np.ndarray:
        out = np.zeros(len(forms), dtype=np.uint64)
        for i, unit in enumerate(forms):
            for w in unit:
                if w in bit:
                    out[i] |= bit[w]
        return out

    return masks(src_forms), masks(tgt_forms)


def _numbers(text: str, lang: str) -> set[str]:
    if lang in SUPPORTED:
        return {repr(round(n.value, 3)) for n in find_numbers(text, lang)}
    return {repr(round(float(m.group().replace(",", "")), 3)) for m in _DIGITS_RE.finditer(text)
            if m.group().replace(",", "").replace(".", "", 1).isdigit()}


def _names(text: str, lang: str) -> set[str]:
    if lang not in SUPPORTED:
        return set()
    gazetteer = load_gazetteer()
    return {gazetteer.group_of(entity_id) for _, _, entity_id in gazetteer_hits(text, lang)}


def unit_info(texts: list[str], lang: str, sentence: list[int] | None = None,
              paragraph: list[int] | None = None) -> UnitInfo:
    """Annotate units of one language; ``sentence``/``paragraph`` group clauses (default: none)."""
    lengths = np.array([len(t) for t in texts], dtype=np.float64)
    numbers = np.zeros(len(texts), dtype=np.uint64)
    names = np.zeros(len(texts), dtype=np.uint64)
    for i, text in enumerate(texts):
        for token in _numbers(text, lang):
            numbers[i] |= _bit("n:" + token)
        for token in _names(text, lang):
            names[i] |= _bit("e:" + token)
    sentences = np.arange(len(texts)) if sentence is None else np.asarray(sentence, dtype=np.int64)
    paragraphs = np.zeros(len(texts), dtype=np.int64) if paragraph is None else np.asarray(paragraph, dtype=np.int64)
    return UnitInfo(lengths, numbers, names, sentences, paragraphs)


def span_crossings(groups: np.ndarray, size: int) -> np.ndarray:
    """How many group boundaries lie inside each span of ``size`` units."""
    changes = np.concatenate([[0], (np.diff(groups) != 0).astype(np.float64)])
    return span_sum(changes, size) - changes[: len(groups) - size + 1]


def partial_sentence_join(sentence: np.ndarray, size: int) -> np.ndarray:
    """1 for a span that joins parts of two sentences (starts or ends inside one)."""
    n = len(sentence) - size + 1
    if n <= 0:
        return np.zeros(0)
    crosses = span_crossings(sentence, size) > 0
    starts_inside = np.concatenate([[False], sentence[1:] == sentence[:-1]])[:n]
    end_idx = np.arange(n) + size - 1
    ends_inside = np.concatenate([sentence[1:] == sentence[:-1], [False]])[end_idx]
    return (crosses & (starts_inside | ends_inside)).astype(np.float64)


def span_or(values: np.ndarray, size: int) -> np.ndarray:
    """OR of ``size`` consecutive bitmasks starting at each position (length n - size + 1)."""
    n = len(values) - size + 1
    if n <= 0:
        return np.zeros(0, dtype=values.dtype)
    out = values[:n].copy()
    for k in range(1, size):
        out |= values[k:k + n]
    return out


def span_sum(values: np.ndarray, size: int) -> np.ndarray:
    """Sum of ``size`` consecutive values starting at each position."""
    n = len(values) - size + 1
    if n <= 0:
        return np.zeros(0, dtype=values.dtype)
    c = np.concatenate([[0.0], np.cumsum(values)])
    return c[size:size + n] - c[:n]


def overlap_texts(texts: list[str], size: int, joiner: str = " ") -> list[str]:
    """Texts of ``size`` consecutive units joined, for each start position."""
    return [joiner.join(texts[i:i + size]) for i in range(len(texts) - size + 1)]


def set_overlap(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(shared share, conflict) of two bitmask arrays: Jaccard of the sets, and 1 where both
    sides have items but none in common."""
    inter = np.bitwise_count(a & b).astype(np.float64)
    union = np.bitwise_count(a | b).astype(np.float64)
    shared = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    conflict = ((np.bitwise_count(a) > 0) & (np.bitwise_count(b) > 0) & (inter == 0)).astype(np.float64)
    return shared, conflict


def length_deviation(len_s: np.ndarray, len_t: np.ndarray, ratio: float) -> np.ndarray:
    """|log| of how far the target length is from ``ratio`` times the source length."""
    return np.abs(np.log((len_t + 10.0) / (ratio * len_s + 10.0)))


def neighbour_base(sim: np.ndarray, axis: int, k: int = NEIGHBOURS) -> np.ndarray:
    """Mean of the ``k`` highest similarities along ``axis`` (the margin's baseline)."""
    size = sim.shape[axis]
    if size == 0:
        return np.zeros(sim.shape[1 - axis])
    k = max(1, min(k, size))
    top = -np.partition(-sim, k - 1, axis=axis)
    top = np.take(top, np.arange(k), axis=axis)
    return top.mean(axis=axis)


def document_length_ratio(len_s: np.ndarray, len_t: np.ndarray) -> float:
    """Target characters per source character over the whole document."""
    total_s, total_t = float(len_s.sum()), float(len_t.sum())
    if total_s <= 0 or total_t <= 0:
        return 1.0
    return total_t / total_s


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def log_clip(p: np.ndarray) -> np.ndarray:
    return -np.log(np.clip(p, 1e-6, 1.0))

