"""The path repairs after the dynamic programme, on small scored grids built by hand."""

import numpy as np

from aligner.align.dp import Band
from aligner.align.features import FEATURE_NAMES
from aligner.align.repair import ABSORB_MIN_GAIN, REORDER_MIN_PROBABILITY, absorb_neighbours, link_leftovers
from aligner.align.scoring import BeadScores

COSINE = FEATURE_NAMES.index("cosine")


def grid(n: int, m: int, cosines: dict[tuple[int, int, int, int], float],
         probabilities: dict[tuple[int, int, int, int], float] | None = None) -> BeadScores:
    """A full-grid BeadScores where only the listed beads ``(i, j, a, b)`` are scored."""
    band = Band.full(n, m)
    beads = {(a, b) for _, _, a, b in cosines} | {(a, b) for _, _, a, b in probabilities or {}}
    features = {bead: np.full((n + 1, band.width, len(FEATURE_NAMES)), np.nan) for bead in beads}
    probability = {bead: np.zeros((n + 1, band.width)) for bead in beads}
    for (i, j, a, b), cosine in cosines.items():
        features[(a, b)][i, j] = 0.0
        features[(a, b)][i, j, COSINE] = cosine
    for (i, j, a, b), p in (probabilities or {}).items():
        features[(a, b)][i, j] = np.nan_to_num(features[(a, b)][i, j])
        probability[(a, b)][i, j] = p
    return BeadScores(band, features, probability)


WHOLE = np.ones(4, dtype=bool)  # every unit a short fragment


def test_left_out_fragment_joins_the_link_it_clearly_belongs_to():
    path = [(0, 0, 1, 1), (1, 1, 1, 0), (2, 1, 1, 1)]
    scores = grid(3, 2, {(0, 0, 1, 1): 0.60, (0, 0, 2, 1): 0.70, (2, 1, 1, 1): 0.60, (1, 1, 2, 1): 0.62})
    assert absorb_neighbours(path, scores, WHOLE, WHOLE) == [(0, 0, 2, 1), (2, 1, 1, 1)]


def test_target_fragment_joins_the_following_link():
    path = [(0, 0, 1, 1), (1, 1, 0, 1), (1, 2, 1, 1)]
    scores = grid(2, 3, {(0, 0, 1, 1): 0.60, (0, 0, 1, 2): 0.55, (1, 2, 1, 1): 0.50, (1, 1, 1, 2): 0.58})
    assert absorb_neighbours(path, scores, WHOLE, WHOLE) == [(0, 0, 1, 1), (1, 1, 1, 2)]


def test_left_out_unit_stays_out_when_it_adds_little_or_is_no_fragment():
    path = [(0, 0, 1, 1), (1, 1, 1, 0), (2, 1, 1, 1)]
    small = 0.60 + ABSORB_MIN_GAIN / 2
    scores = grid(3, 2, {(0, 0, 1, 1): 0.60, (0, 0, 2, 1): small, (2, 1, 1, 1): 0.60, (1, 1, 2, 1): 0.40})
    assert absorb_neighbours(path, scores, WHOLE, WHOLE) == path
    scores = grid(3, 2, {(0, 0, 1, 1): 0.60, (0, 0, 2, 1): 0.70, (2, 1, 1, 1): 0.60})
    sentence = np.array([True, False, True])  # unit 1 is a full sentence (or a clause): maybe an omission
    assert absorb_neighbours(path, scores, sentence, WHOLE) == path


def test_left_over_pair_is_linked_across_the_path_only_when_it_matches_well():
    # source 0 and target 2 were left out by the path
    path = [(0, 0, 1, 0), (1, 0, 1, 1), (2, 1, 1, 1), (3, 2, 0, 1)]
    scores = grid(3, 3, {}, {(0, 2, 1, 1): 0.6, (1, 0, 1, 1): 0.9, (2, 1, 1, 1): 0.9})
    assert sorted(link_leftovers(path, scores)) == [(0, 2, 1, 1), (1, 0, 1, 1), (2, 1, 1, 1)]
    scores = grid(3, 3, {}, {(0, 2, 1, 1): REORDER_MIN_PROBABILITY / 2, (1, 0, 1, 1): 0.9, (2, 1, 1, 1): 0.9})
    assert link_leftovers(path, scores) == path
