"""The dynamic programme: the cheapest sequence of beads through a band of the cost grid.

Kept apart from scoring so it can be tested and sped up on its own. Cells are ``(i, j)``:
``i`` source and ``j`` target units consumed. Row ``i`` covers target positions
``lo[i] .. lo[i] + width - 1``. A bead ``(a, b)`` moves from ``(i, j)`` to ``(i + a, j + b)``
at ``costs[(a, b)][i, j - lo[i]]`` (``inf`` where not allowed); ``(0, 1)`` and ``(1, 0)``
are skips, at one cost for every unit or a cost per unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INF = np.inf


@dataclass(frozen=True)
class Band:
    """Which target positions each row may use."""

    lo: np.ndarray  # (n + 1,) int
    width: int

    @classmethod
    def full(cls, n: int, m: int) -> "Band":
        return cls(np.zeros(n + 1, dtype=np.int64), m + 1)

    @classmethod
    def around(cls, centers: np.ndarray, m: int, half_width: int) -> "Band":
        """A band of ``2 * half_width + 1`` around a centre per row (clamped to the grid)."""
        width = min(m + 1, 2 * half_width + 1)
        lo = np.clip(np.round(centers).astype(np.int64) - half_width, 0, m + 1 - width)
        lo[0] = 0
        lo[-1] = m + 1 - width
        return cls(lo, width)

    def columns(self, i: int) -> np.ndarray:
        return self.lo[i] + np.arange(self.width)


def best_path(n: int, m: int, band: Band, costs: dict[tuple[int, int], np.ndarray],
              skip_source: float | np.ndarray, skip_target: float | np.ndarray) -> list[tuple[int, int, int, int]]:
    """Cheapest path from (0, 0) to (n, m): a list of beads ``(i, j, a, b)`` in order.

    ``skip_source``/``skip_target``: the cost of leaving a unit unaligned, one value or one per unit.
    """
    skip_src = np.broadcast_to(np.asarray(skip_source, dtype=np.float64), (n,))
    # padded so that every band column has a cost; prefix sums give a run of target skips in O(1)
    skip_tgt = np.concatenate([np.broadcast_to(np.asarray(skip_target, dtype=np.float64), (m,)),
                               np.zeros(band.width + 1)])
    beads = [bead for bead in costs if bead[0] >= 1] + [(1, 0)]
    w = band.width
    total = np.full((n + 1, w), INF)
    back = np.full((n + 1, w), -1, dtype=np.int16)  # index into beads; len(beads) = (0, 1)
    lo = band.lo
    insert_index = len(beads)
    k = np.arange(w)
    for i in range(n + 1):
        cand = np.full(w, INF)
        choice = np.full(w, -1, dtype=np.int16)
        if i == 0:
            cand[0 - lo[0]] = 0.0 if lo[0] == 0 else INF
        j = lo[i] + k
        for index, (a, b) in enumerate(beads):
            r = i - a
            if r < 0:
                continue
            kp = j - b - lo[r]
            ok = (kp >= 0) & (kp < w) & (j - b >= 0)
            if not ok.any():
                continue
            prev = np.full(w, INF)
            prev[ok] = total[r, kp[ok]]
            if (a, b) == (1, 0):
                step = np.where(ok, skip_src[r], INF)
            else:
                step = np.full(w, INF)
                step[ok] = costs[(a, b)][r, kp[ok]]
            value = prev + step
            better = value < cand
            cand[better] = value[better]
            choice[better] = index
        # target skips (0, 1) within the row: D[k] = min(cand[k], D[k-1] + cost of target j-1),
        # i.e. D[k] = P[k] + min over k0 <= k of (cand[k0] - P[k0]) with P the running skip cost
        step_cost = np.concatenate([[0.0], skip_tgt[lo[i]:lo[i] + w - 1]])
        prefix = np.cumsum(step_cost)
        running = np.minimum.accumulate(cand - prefix)
        row = running + prefix
        from_left = row < cand - 1e-12
        total[i] = row
        back[i] = np.where(from_left, insert_index, choice)
    end_k = m - lo[n]
    if not 0 <= end_k < w or not np.isfinite(total[n, end_k]):
        raise ValueError("no path through the band")  # pragma: no cover - band always reaches (n, m)
    path = []
    i, jj = n, m
    while i > 0 or jj > 0:
        index = int(back[i, jj - lo[i]])
        a, b = (0, 1) if index == insert_index else beads[index]
        i, jj = i - a, jj - b
        path.append((i, jj, a, b))
    path.reverse()
    return path
