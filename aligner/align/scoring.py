"""Pair scores for every bead in the band: features, then a learned logistic model turns
them into a probability that the bead is right; its cost is ``-log p``.

The weights live in ``data/aligner_weights.json``, written by ``scripts/train_aligner.py``
from development data (NTREX documents 1-60), with the provenance recorded there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from aligner.align.dp import Band
from aligner.align.features import (FEATURE_NAMES, SHORT_UNIT, UnitInfo, document_length_ratio, length_deviation,
                                    log_clip, partial_sentence_join, set_overlap, sigmoid, span_crossings,
                                    span_or, span_sum)
from aligner.progress import tracked
from aligner.resources import json_data

BEADS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1), (2, 3), (3, 2),
         (5, 1), (6, 1), (1, 5), (1, 6))
ROW_CHUNK = 128


@dataclass(frozen=True)
class Weights:
    """Logistic weights over FEATURE_NAMES, bias, and the per-unit skip costs."""

    coef: np.ndarray
    bias: float
    skip_cost: float
    max_source: int
    max_target: int
    skip_match: float = 0.0  # extra skip cost per unit of the unit's best bead probability
    clause_skip: float = 0.0  # skip cost taken off a clause of a sentence with several clauses

    def probability(self, features: np.ndarray) -> np.ndarray:
        return sigmoid(features @ self.coef + self.bias)


def weights_from_json(data: dict) -> Weights:
    """Weights as ``scripts/train_aligner.py`` writes them (one coefficient per feature name)."""
    coef = np.array([data["coef"][name] for name in FEATURE_NAMES], dtype=np.float64)
    return Weights(coef, float(data["bias"]), float(data["skip_cost"]),
                   int(data.get("max_source", 4)), int(data.get("max_target", 4)),
                   float(data.get("skip_match", 0.0)), float(data.get("clause_skip", 0.0)))


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The trained weights shipped with the package."""
    return weights_from_json(json_data("aligner_weights.json"))


@dataclass
class BeadScores:
    """Features and probabilities of every bead type over the band (start-row layout)."""

    band: Band
    features: dict[tuple[int, int], np.ndarray]  # (n + 1, width, F), nan where invalid
    probability: dict[tuple[int, int], np.ndarray]  # (n + 1, width), 0 where invalid


def allowed_beads(max_source: int, max_target: int) -> list[tuple[int, int]]:
    return [(a, b) for a, b in BEADS if a <= max_source and b <= max_target]


def bead_features(src_emb: dict[int, np.ndarray], tgt_emb: dict[int, np.ndarray], src: UnitInfo,
                  tgt: UnitInfo, band: Band, beads: list[tuple[int, int]]) -> dict[tuple[int, int], np.ndarray]:
    """Feature arrays for each bead type; ``src_emb[a]`` holds the embeddings of ``a`` joined units."""
    n, m = len(src.lengths), len(tgt.lengths)
    w = band.width
    ratio = document_length_ratio(src.lengths, tgt.lengths)
    out: dict[tuple[int, int], np.ndarray] = {}
    src_tokens = src.tokens if src.tokens is not None else np.zeros(n, dtype=np.uint64)
    tgt_tokens = tgt.tokens if tgt.tokens is not None else np.zeros(m, dtype=np.uint64)
    src_short = (src.lengths < SHORT_UNIT).astype(np.float64)
    tgt_short = (tgt.lengths < SHORT_UNIT).astype(np.float64)
    one_to_one = _one_to_one_band(src_emb[1], tgt_emb[1], band)
    base_src, base_tgt = _neighbour_bases(one_to_one[:n], band, m)
    for a, b in tracked("scoring beads", beads):
        feats = np.full((n + 1, w, len(FEATURE_NAMES)), np.nan)
        if a > n or b > m or a not in src_emb or b not in tgt_emb:
            out[(a, b)] = feats
            continue
        es, et = src_emb[a], tgt_emb[b]
        bs, bt = span_sum(base_src, a) / a, span_sum(base_tgt, b) / b
        ns, nt = span_or(src.numbers, a), span_or(tgt.numbers, b)
        es_names, et_names = span_or(src.names, a), span_or(tgt.names, b)
        tok_s, tok_t = span_or(src_tokens, a), span_or(tgt_tokens, b)
        short_s = span_sum(src_short, a) if a > 1 else np.zeros(n - a + 1)
        short_t = span_sum(tgt_short, b) if b > 1 else np.zeros(m - b + 1)
        ls, lt = span_sum(src.lengths, a), span_sum(tgt.lengths, b)
        partial = partial_sentence_join(src.sentence, a)
        partial_t = partial_sentence_join(tgt.sentence, b)
        para_s, para_t = span_crossings(src.paragraph, a), span_crossings(tgt.paragraph, b)
        rows = np.arange(0, n - a + 1)
        for start in range(0, len(rows), ROW_CHUNK):
            r = rows[start:start + ROW_CHUNK]
            cols = band.lo[r][:, None] + np.arange(w)[None, :]
            valid = cols <= m - b
            cc = np.where(valid, cols, 0)
            low, high = int(cc.min()), int(cc.max()) + 1
            cosine = _pair_cosine(es, et, r, cc)
            margin = cosine - 0.5 * (bs[r][:, None] + bt[cc])
            num_shared, num_conflict = set_overlap(ns[r][:, None], nt[cc])
            name_shared, name_conflict = set_overlap(es_names[r][:, None], et_names[cc])
            length = length_deviation(ls[r][:, None], lt[cc], ratio)
            tokens_shared, _ = set_overlap(tok_s[r][:, None], tok_t[cc])
            gain = cosine - _best_part(one_to_one, band, r, cols, a, b) if (a, b) != (1, 1) else np.zeros_like(cosine)
            split = _best_split(src_emb, tgt_emb, r, cc, a, b)
            stack = np.stack([
                cosine, margin, num_shared, num_conflict, name_shared, name_conflict, length,
                np.full(cosine.shape, a + b - 2.0), np.full(cosine.shape, float(a > 1 and b > 1)),
                np.maximum(partial[r][:, None], partial_t[cc]), para_s[r][:, None] + para_t[cc], gain,
                tokens_shared, short_s[r][:, None] + short_t[cc], split,
            ], axis=-1)
            stack[~valid] = np.nan
            feats[r] = stack
        out[(a, b)] = feats
    return out


def _pair_cosine(es: np.ndarray, et: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Cosine of source span ``rows[i]`` with target span ``cols[i, k]`` (one product per chunk)."""
    low, high = int(cols.min()), int(cols.max()) + 1
    block = es[rows] @ et[low:high].T
    return block[np.arange(len(rows))[:, None], cols - low]


def _best_split(src_emb: dict[int, np.ndarray], tgt_emb: dict[int, np.ndarray], rows: np.ndarray,
                cols: np.ndarray, a: int, b: int) -> np.ndarray:
    """For a many-to-many bead, how well it falls apart into two smaller beads side by side: the
    best over the ways to cut both sides of the weaker part's cosine (0 for other beads).
    Two sentences each rendered by their own sentence must not be glued into one 2-2 link."""
    best = np.zeros(cols.shape)
    if a < 2 or b < 2:
        return best
    best -= 1.0
    m_last = {size: len(e) - 1 for size, e in tgt_emb.items()}
    for k in range(1, a):
        for l in range(1, b):
            if not {k, a - k} <= src_emb.keys() or not {l, b - l} <= tgt_emb.keys():
                continue
            first = _pair_cosine(src_emb[k], tgt_emb[l], rows, cols)
            second = _pair_cosine(src_emb[a - k], tgt_emb[b - l], rows + k, np.minimum(cols + l, m_last[b - l]))
            best = np.maximum(best, np.minimum(first, second))
    return best


def _one_to_one_band(es1: np.ndarray, et1: np.ndarray, band: Band) -> np.ndarray:
    """Cosine of each single source unit with each single target unit in the band (nan outside)."""
    n, m = len(es1), len(et1)
    out = np.full((n + 1, band.width), np.nan)
    rows = np.arange(n)
    cols = band.lo[rows][:, None] + np.arange(band.width)[None, :]
    valid = cols < m
    out[:n] = np.where(valid, np.einsum("rd,rwd->rw", es1, et1[np.where(valid, cols, 0)]), np.nan)
    return out


def _best_part(one_to_one: np.ndarray, band: Band, rows: np.ndarray, cols: np.ndarray, a: int, b: int) -> np.ndarray:
    """Best single-unit cosine inside each bead: what joining more units must improve on."""
    best = np.full(cols.shape, -1.0)
    w = band.width
    for da in range(a):
        r = np.minimum(rows + da, len(band.lo) - 1)
        for db in range(b):
            k = cols + db - band.lo[r][:, None]
            ok = (k >= 0) & (k < w)
            value = np.where(ok, one_to_one[r[:, None], np.clip(k, 0, w - 1)], np.nan)
            best = np.fmax(best, value)
    return best


def _neighbour_bases(one_to_one: np.ndarray, band: Band, m: int, k: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Mean of each unit's ``k`` most similar units on the other side, within the band
    (``one_to_one``: the band's single-unit cosines, one row per source unit)."""
    n = len(one_to_one)
    w = band.width
    if n == 0 or m == 0:
        return np.zeros(n), np.zeros(m)
    rows = np.arange(n)
    cols = band.lo[rows][:, None] + np.arange(w)[None, :]
    valid = cols < m
    sims = np.where(valid, one_to_one, -np.inf)
    kk = max(1, min(k, int(valid.sum(axis=1).min()) if n else 1))
    top_rows = -np.sort(-sims, axis=1)[:, :kk]
    base_src = np.where(np.isfinite(top_rows), top_rows, 0).mean(axis=1)
    flat_j = cols.ravel()[valid.ravel()]
    flat_v = sims.ravel()[valid.ravel()]
    order = np.lexsort((-flat_v, flat_j))
    flat_j, flat_v = flat_j[order], flat_v[order]
    starts = np.searchsorted(flat_j, np.arange(m))
    ends = np.searchsorted(flat_j, np.arange(m), side="right")
    base_tgt = np.zeros(m)
    for j in range(m):
        top = flat_v[starts[j]:min(ends[j], starts[j] + k)]
        base_tgt[j] = top.mean() if len(top) else 0.0
    return base_src, base_tgt


def score_beads(feats: dict[tuple[int, int], np.ndarray], band: Band, weights: Weights) -> BeadScores:
    """Probabilities of the beads whose features were computed (0 where a bead is not allowed)."""
    probs = {}
    for bead, f in feats.items():
        p = weights.probability(np.nan_to_num(f, nan=0.0))
        p[np.isnan(f[..., 0])] = 0.0
        probs[bead] = p
    return BeadScores(band, feats, probs)


def bead_costs(scores: BeadScores) -> dict[tuple[int, int], np.ndarray]:
    """``-log p`` per bead, ``inf`` where a bead is not allowed."""
    return {bead: np.where(p > 0, log_clip(p), np.inf) for bead, p in scores.probability.items()}


