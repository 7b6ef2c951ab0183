"""Local repairs of the dynamic programme's path, each a rule the monotone search cannot apply
itself: fill a one-by-one gap, let a left-out fragment join the link beside it when it plainly
belongs there, and link left-out units that match each other across the path (moved sentences).

A path is a list of steps ``(i, j, a, b)``: ``a`` source units from ``i`` with ``b`` target
units from ``j``; ``(1, 0)`` and ``(0, 1)`` leave a unit out.
"""

from __future__ import annotations

import numpy as np

from aligner.align.features import FEATURE_NAMES
from aligner.align.scoring import BeadScores

Step = tuple[int, int, int, int]
COSINE = FEATURE_NAMES.index("cosine")


GAP_LENGTH_DEVIATION = 0.7  # |log| length ratio (about a factor of 2) a gap pair may differ by


def fill_single_gaps(path: list[Step], scores: BeadScores, len_src: np.ndarray,
                      len_tgt: np.ndarray) -> list[Step]:
    """Gap filling (as in Bleualign): one unlinked unit on each side between the same two links,
    of compatible length, are taken as translations of each other even when their embeddings
    disagree (garbled text, very short lines)."""
    out: list[Step] = []
    k = 0
    while k < len(path):
        if k + 1 < len(path):
            (i1, j1, a1, b1), (i2, j2, a2, b2) = path[k], path[k + 1]
            pair = {(a1, b1), (a2, b2)} == {(1, 0), (0, 1)}
            before_ok = k == 0 or (path[k - 1][2] and path[k - 1][3])
            after_ok = k + 2 >= len(path) or (path[k + 2][2] and path[k + 2][3])
            if pair and before_ok and after_ok:
                i, j = min(i1, i2), min(j1, j2)
                ratio = abs(np.log((len_tgt[j] + 10.0) / (len_src[i] + 10.0)))
                inside = 0 <= j - scores.band.lo[i] < scores.band.width
                if ratio <= GAP_LENGTH_DEVIATION and inside:
                    out.append((i, j, 1, 1))
                    k += 2
                    continue
        out.append(path[k])
        k += 1
    return out


REORDER_WINDOW = 8  # units: how far a left-over pair may sit from where the path left each unit
REORDER_MIN_PROBABILITY = 0.2  # the bead model's probability a left-over pair needs to be linked
REORDER_BEADS = ((1, 1), (1, 2), (2, 1))


def link_leftovers(path: list[Step], scores: BeadScores) -> list[Step]:
    """Link units the path left out on both sides when they match each other well, even where
    that link crosses the path: a translation that moves a sentence a few places (or OCR that
    moves a caption) leaves both copies unlinked in a monotone alignment, which would read as
    an omission plus an addition. Best pairs first, each unit used once."""
    src_left = {i: j for i, j, a, b in path if a and not b}  # unit -> target position at that point
    tgt_left = {j for i, j, a, b in path if b and not a}
    lo, width = scores.band.lo, scores.band.width
    candidates = []
    for i, near in src_left.items():
        for j in range(near - REORDER_WINDOW, near + REORDER_WINDOW + 1):
            k = j - lo[i]
            if j not in tgt_left or not 0 <= k < width:
                continue
            for a, b in REORDER_BEADS:
                if (a, b) not in scores.probability:
                    continue
                if any(i + x not in src_left for x in range(a)) or any(j + y not in tgt_left for y in range(b)):
                    continue
                p = float(scores.probability[(a, b)][i, k])
                if p >= REORDER_MIN_PROBABILITY:
                    candidates.append((p, i, j, a, b))
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    linked = []
    for p, i, j, a, b in sorted(candidates, reverse=True):
        src, tgt = set(range(i, i + a)), set(range(j, j + b))
        if src & used_src or tgt & used_tgt:
            continue
        used_src |= src
        used_tgt |= tgt
        linked.append((i, j, a, b))
    if not linked:
        return path
    kept = [step for step in path if not (step[2] and not step[3] and step[0] in used_src)
            and not (step[3] and not step[2] and step[1] in used_tgt)]
    return sorted(kept + linked, key=lambda step: (step[0], step[1]))


ABSORB_MIN_GAIN = 0.03  # cosine a left-out fragment must add to the link beside it to join it


def bead_features_at(scores: BeadScores, step: Step) -> np.ndarray | None:
    """The feature vector of bead ``step`` if that bead was scored (allowed and in the band)."""
    i, j, a, b = step
    features = scores.features.get((a, b))
    if features is None or not 0 <= i < features.shape[0]:
        return None
    k = j - scores.band.lo[i]
    if not 0 <= k < scores.band.width or np.isnan(features[i, k, 0]):
        return None
    return features[i, k]


def _joined(skip: Step, link: Step, link_before: bool) -> Step:
    """The link grown by the left-out unit ``skip`` beside it."""
    i, j, a, b = link
    if skip[2]:  # a source unit
        return (i, j, a + 1, b) if link_before else (skip[0], j, a + 1, b)
    return (i, j, a, b + 1) if link_before else (i, skip[1], a, b + 1)


def absorb_neighbours(path: list[Step], scores: BeadScores, fragment_src: np.ndarray,
                      fragment_tgt: np.ndarray) -> list[Step]:
    """A fragment left out beside a link joins it when the joined texts match clearly better
    (embedding cosine up by more than ABSORB_MIN_GAIN): a short line split off by OCR ("C ) .",
    "Basta ."), which the path's per-unit skip cost left out. Only fragments (``fragment_*``:
    short whole sentences): a left-out sentence or clause may be a real omission, and joining
    it to a neighbour on topic would hide it from the divergence report. Largest gains first,
    one unit per link per pass."""
    path = list(path)
    while True:
        candidates = []
        for k, (i, j, a, b) in enumerate(path):
            if a and b or (a and not fragment_src[i]) or (b and not fragment_tgt[j]):
                continue
            for other, before in ((k - 1, True), (k + 1, False)):
                if not 0 <= other < len(path) or not (path[other][2] and path[other][3]):
                    continue
                link_features = bead_features_at(scores, path[other])
                joined = _joined(path[k], path[other], before)
                joined_features = bead_features_at(scores, joined)
                if link_features is None or joined_features is None:
                    continue
                gain = float(joined_features[COSINE] - link_features[COSINE])
                if gain > ABSORB_MIN_GAIN:
                    candidates.append((gain, k, other, joined))
        touched: set[int] = set()
        replaced: dict[int, Step] = {}
        for _, k, other, joined in sorted(candidates, reverse=True):
            if k in touched or other in touched:
                continue
            touched |= {k, other}
            replaced[other] = joined
        if not replaced:
            return path
        path = [replaced.get(k, step) for k, step in enumerate(path) if k not in touched or k in replaced]
