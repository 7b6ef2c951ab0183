"""Align two sequences of units (sentences or clauses), then documents at clause and sentence level."""

from __future__ import annotations

import dataclasses
import math
import os
from dataclasses import dataclass, field

import numpy as np

from aligner.align.dp import Band, best_path
from aligner.align.features import FEATURE_NAMES, SHORT_UNIT, UnitInfo, overlap_texts, shared_token_masks, unit_info
from aligner.align.repair import absorb_neighbours, fill_single_gaps, link_leftovers
from aligner.align.truncation import truncation_links
from aligner.align.scoring import (BeadScores, Weights, allowed_beads, bead_costs, bead_features, default_weights,
                                   score_beads)
from aligner.embed import Embedder
from aligner.errors import InputError
from aligner.progress import task

FULL_GRID_LIMIT = 250  # above this many units per side, a coarse pass narrows the band ...
FULL_GRID_CELLS = (FULL_GRID_LIMIT + 1) ** 2  # ... unless the whole grid is this small anyway
COARSE_BLOCKS = 120
BAND_WIDENING = 2  # a band may widen to this many times its width to follow a jump of the path


@dataclass(frozen=True)
class Bead:
    """Units ``src`` of one side rendered by units ``tgt`` of the other (either may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float
    features: dict[str, float] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


def _coarse_band(es1: np.ndarray, et1: np.ndarray) -> Band:
    """Narrow band from a cheap alignment of block-averaged embeddings (cost grows linearly)."""
    n, m = len(es1), len(et1)
    rs, rt = math.ceil(n / COARSE_BLOCKS), math.ceil(m / COARSE_BLOCKS)

    def blocks(e: np.ndarray, r: int) -> np.ndarray:
        out = np.stack([e[k:k + r].mean(axis=0) for k in range(0, len(e), r)])
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    bs, bt = blocks(es1, rs), blocks(et1, rt)
    cost = 1.0 - bs @ bt.T
    nb, mb = cost.shape
    costs = {(1, 1): np.concatenate([cost, np.full((1, mb), np.inf)], axis=0)}
    costs[(1, 1)] = np.concatenate([costs[(1, 1)], np.full((nb + 1, 1), np.inf)], axis=1)
    path = best_path(nb, mb, Band.full(nb, mb), costs, skip_source=0.6, skip_target=0.6)
    xs = [0.0] + [float(min(n, (i + a) * rs)) for i, j, a, b in path]
    ys = [0.0] + [float(min(m, (j + b) * rt)) for i, j, a, b in path]
    xs, ys = np.array(xs), np.array(ys)
    xs, idx = np.unique(xs, return_index=True)
    centers = np.interp(np.arange(n + 1), xs, ys[idx])
    half_width = 3 * max(rs, rt) + 12
    return Band.around(centers, m, half_width, max_width=BAND_WIDENING * (2 * half_width + 1))


def band_width_bound(n: int, m: int) -> int:
    """The narrowest band ``make_band`` can choose for ``n`` x ``m`` units (it may widen to
    follow a jump of the coarse path, up to BAND_WIDENING times)."""
    if max(n, m) <= FULL_GRID_LIMIT or (n + 1) * (m + 1) <= FULL_GRID_CELLS:
        return m + 1
    half_width = 3 * max(math.ceil(n / COARSE_BLOCKS), math.ceil(m / COARSE_BLOCKS)) + 12
    return min(m + 1, 2 * half_width + 1)


def check_memory(n: int, width: int, beads: int) -> None:
    """Refuse, before the long part, a pair whose bead features would not fit in memory: one
    float64 per feature, bead type and band cell (and as much again for probabilities, costs
    and the search), against what the machine has available."""
    needed = (n + 1) * width * beads * (len(FEATURE_NAMES) + 4) * 8
    available = available_memory()
    if available is not None and needed > 0.8 * available:
        raise InputError(f"too long to align in one piece: {n:,} units against a band of {width:,} would need "
                         f"about {needed / 2**30:.1f} GiB of memory, {available / 2**30:.1f} GiB is available; "
                         "split it into articles")


def available_memory() -> int | None:
    """Bytes of memory available to a new allocation (Linux MemAvailable), None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def make_band(es1: np.ndarray, et1: np.ndarray) -> Band:
    """The whole grid for article-sized inputs (a short original against a very long
    translation included), a band around a coarse path for long ones."""
    n, m = len(es1), len(et1)
    if max(n, m) <= FULL_GRID_LIMIT or (n + 1) * (m + 1) <= FULL_GRID_CELLS:
        return Band.full(n, m)
    return _coarse_band(es1, et1)


def _skip_confidence(scores: BeadScores, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """1 - the best probability of any bead touching a unit: how sure we are it has no match."""
    best_src, best_tgt = np.zeros(n), np.zeros(m)
    lo, w = scores.band.lo, scores.band.width
    for (a, b), p in scores.probability.items():
        rows = np.arange(p.shape[0])
        row_best = p.max(axis=1)
        for offset in range(a):
            target = rows + offset
            ok = target < n
            np.maximum.at(best_src, target[ok], row_best[ok])
        cols = lo[:, None] + np.arange(w)[None, :]
        for offset in range(b):
            target = (cols + offset).ravel()
            values = p.ravel()
            ok = (values > 0) & (target < m)
            np.maximum.at(best_tgt, target[ok], values[ok])
    return 1.0 - best_src, 1.0 - best_tgt


SHAPE_FEATURES = ("extra_units", "many_to_many", "partial_sentence_join", "paragraph_crossings")


def match_confidence(features: np.ndarray, weights: Weights) -> float:
    """How well the joined texts of a bead match: the model's probability with the bead-shape
    priors left out (those decide between shapes in the search; they say nothing of whether
    the chosen texts correspond)."""
    f = np.nan_to_num(np.array(features, dtype=np.float64), nan=0.0)
    for name in SHAPE_FEATURES:
        f[FEATURE_NAMES.index(name)] = 0.0
    return float(weights.probability(f))


def skip_cost(scores: BeadScores, weights: Weights) -> float:
    """Per-unit cost of leaving a unit unaligned, relative to how good this document's matches
    typically are (as vecalign sets its deletion cost from the document's cost distribution):
    the trained offset plus the median ``-log p`` of each unit's best one-to-one bead."""
    p11 = scores.probability.get((1, 1))
    if p11 is None or not p11.size:
        return weights.skip_cost
    best = np.concatenate([p11.max(axis=1)[:-1], p11.max(axis=0)])
    best = best[best > 0]
    typical = float(np.median(-np.log(np.clip(best, 1e-6, 1.0)))) if len(best) else 0.0
    return weights.skip_cost + typical


@dataclass(frozen=True)
class ScoredGrid:
    """Everything about a pair of unit sequences that does not depend on the weights:
    the band and every allowed bead's features (computed once, decoded with any weights)."""

    band: Band
    features: dict[tuple[int, int], np.ndarray]
    src: UnitInfo
    tgt: UnitInfo


def score_grid(src_texts: list[str], tgt_texts: list[str], src_lang: str, tgt_lang: str, embedder: Embedder,
               max_source: int, max_target: int, src_groups: tuple[list[int], list[int]] | None = None,
               tgt_groups: tuple[list[int], list[int]] | None = None) -> ScoredGrid:
    """Embed the overlaps, choose the band and compute bead features (both sides non-empty)."""
    n, m = len(src_texts), len(tgt_texts)
    beads = allowed_beads(max_source, max_target)
    check_memory(n, band_width_bound(n, m), len(beads))  # before hours of embedding
    src_sizes, tgt_sizes = range(1, min(max_source, n) + 1), range(1, min(max_target, m) + 1)
    total = sum(n - a + 1 for a in src_sizes) + sum(m - b + 1 for b in tgt_sizes)
    with task("embedding", total) as progress:
        src_emb = {a: embedder.embed(overlap_texts(src_texts, a), progress) for a in src_sizes}
        tgt_emb = {b: embedder.embed(overlap_texts(tgt_texts, b), progress) for b in tgt_sizes}
    band = make_band(src_emb[1], tgt_emb[1])
    check_memory(n, band.width, len(beads))
    src_info = unit_info(src_texts, src_lang, *(src_groups or (None, None)))
    tgt_info = unit_info(tgt_texts, tgt_lang, *(tgt_groups or (None, None)))
    src_tokens, tgt_tokens = shared_token_masks(src_texts, tgt_texts)
    src_info = dataclasses.replace(src_info, tokens=src_tokens)
    tgt_info = dataclasses.replace(tgt_info, tokens=tgt_tokens)
    features = bead_features(src_emb, tgt_emb, src_info, tgt_info, band, beads)
    return ScoredGrid(band, features, src_info, tgt_info)


def _in_clause_group(info: UnitInfo) -> np.ndarray:
    """1 for a unit that shares its sentence with other units (a clause), else 0."""
    _, inverse, counts = np.unique(info.sentence, return_inverse=True, return_counts=True)
    return (counts[inverse] > 1).astype(np.float64)


def decode(grid: ScoredGrid, weights: Weights) -> list[Bead]:
    """The cheapest beads through a scored grid under ``weights``."""
    n, m = len(grid.src.lengths), len(grid.tgt.lengths)
    band = grid.band
    scores = score_beads(grid.features, band, weights)
    skip = skip_cost(scores, weights)
    skip_src, skip_tgt = _skip_confidence(scores, n, m)
    # a unit with a likely match somewhere is dearer to leave out than one nothing matches; a
    # clause whose sentence has others is cheaper (a translation drops a clause more often than
    # it drops a sentence, and its sentence stays linked)
    clause_src, clause_tgt = _in_clause_group(grid.src), _in_clause_group(grid.tgt)
    cost_src = skip + weights.skip_match * (1.0 - skip_src) - weights.clause_skip * clause_src
    cost_tgt = skip + weights.skip_match * (1.0 - skip_tgt) - weights.clause_skip * clause_tgt
    path = best_path(n, m, band, bead_costs(scores), np.maximum(cost_src, 0.0), np.maximum(cost_tgt, 0.0))
    path = fill_single_gaps(path, scores, grid.src.lengths, grid.tgt.lengths)
    fragment_src = (clause_src == 0) & (grid.src.lengths < SHORT_UNIT)
    fragment_tgt = (clause_tgt == 0) & (grid.tgt.lengths < SHORT_UNIT)
    path = absorb_neighbours(path, scores, fragment_src, fragment_tgt)
    path = link_leftovers(path, scores)
    beads = []
    for i, j, a, b in path:
        if a and b:
            k = j - band.lo[i]
            feats = scores.features[(a, b)][i, k]
            beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), match_confidence(feats, weights),
                              {name: float(v) for name, v in zip(FEATURE_NAMES, feats)}))
        elif a:
            beads.append(Bead((i,), (), float(skip_src[i])))
        else:
            beads.append(Bead((), (j,), float(skip_tgt[j])))
    return beads


def align_units(src_texts: list[str], tgt_texts: list[str], src_lang: str, tgt_lang: str,
                embedder: Embedder, weights: Weights | None = None,
                src_groups: tuple[list[int], list[int]] | None = None,
                tgt_groups: tuple[list[int], list[int]] | None = None) -> list[Bead]:
    """Beads covering every unit of both sides exactly once, in order.

    ``*_groups`` give each unit's (sentence index, paragraph index), for clauses and layout.
    """
    weights = weights or default_weights()
    n, m = len(src_texts), len(tgt_texts)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    grid = score_grid(src_texts, tgt_texts, src_lang, tgt_lang, embedder, weights.max_source,
                      weights.max_target, src_groups, tgt_groups)
    return _with_truncations(decode(grid, weights), src_texts, tgt_texts, embedder)


def _gaps(beads: list[Bead]) -> list[tuple[list[int], list[int]]]:
    """Units left out on each side between consecutive links (beads are in path order)."""
    gaps: list[tuple[list[int], list[int]]] = [([], [])]
    for bead in beads:
        if bead.src and bead.tgt:
            gaps.append(([], []))
        else:
            gaps[-1][0].extend(bead.src)
            gaps[-1][1].extend(bead.tgt)
    return [g for g in gaps if g[0] and g[1]]


def _with_truncations(beads: list[Bead], src_texts: list[str], tgt_texts: list[str],
                      embedder: Embedder) -> list[Bead]:
    """Left-out translation units that render the opening of a left-out original unit, linked to it."""
    links = truncation_links(_gaps(beads), src_texts, tgt_texts, embedder)
    if not links:
        return beads
    linked_src = {i: (j, cosine) for i, j, cosine in links}
    linked_tgt = {j for _, j, _ in links}
    out = []
    for bead in beads:
        if bead.tgt and not bead.src and bead.tgt[0] in linked_tgt:
            continue
        if bead.src and not bead.tgt and bead.src[0] in linked_src:
            j, cosine = linked_src[bead.src[0]]
            bead = Bead(bead.src, (j,), cosine, {"prefix_cosine": cosine})
        out.append(bead)
    return out
