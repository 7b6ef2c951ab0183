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

from aligner.progress import tracked

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
    def around(cls, centers: np.ndarray, m: int, half_width: int, max_width: int | None = None) -> "Band":
        """A band of ``2 * half_width + 1`` around a centre per row (clamped to the grid).

        Where the centre jumps between two rows (a run of target units the coarse path leaves
        out), the band widens to follow the largest jump, up to ``max_width``; beyond that the
        rows after a jump lag behind it. Either way every row overlaps the next, so a path from
        (0, 0) to (n, m) always exists.
        """
        n = len(centers) - 1
        c = np.maximum.accumulate(np.round(centers).astype(np.int64))
        jump = int(np.diff(c).max()) if n > 0 else 0
        width = 2 * half_width + 1 + max(0, jump - half_width)
        if max_width is not None:
            width = min(width, max(max_width, 2 * half_width + 1))
        # n rows of steps of at most width - 1 must cover m + 1 - width columns
        width = min(m + 1, max(width, -(-(m + n + 1) // (n + 1))))
        lo = np.clip(c - half_width, 0, m + 1 - width)
        return cls(connect_rows(lo, width, m), width)

    def columns(self, i: int) -> np.ndarray:
        return self.lo[i] + np.arange(self.width)


def connect_rows(lo: np.ndarray, width: int, m: int) -> np.ndarray:
    """Row starts moved as little as needed so that each row starts between the start of the
    row before and ``width - 1`` columns after it, the first at 0 and the last at
    ``m + 1 - width`` (possible when ``n * (width - 1) >= m + 1 - width``). Then the last cell of
    every row is reachable from the last cell of the row before by leaving a source unit out."""
    step = np.arange(len(lo), dtype=np.int64) * (width - 1)
    lo = np.maximum.accumulate(lo)
    lo[0] = 0
    lo = np.minimum.accumulate(lo - step) + step  # rows after a jump lag behind it
    lo[-1] = m + 1 - width
    return np.maximum.accumulate((lo - step)[::-1])[::-1] + step  # rows before the end catch up


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
    for i in tracked("aligning", range(n + 1)):
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
        raise ValueError("no path through the band")  # pragma: no cover - Band.around connects its rows
    path = []
    i, jj = n, m
    while i > 0 or jj > 0:
        index = int(back[i, jj - lo[i]])
        a, b = (0, 1) if index == insert_index else beads[index]
        i, jj = i - a, jj - b
        path.append((i, jj, a, b))
    path.reverse()
    return path
