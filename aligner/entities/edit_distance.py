"""Weighted edit distance over phonetic symbols, with its cost table.

Costs come from two data files: ``translit_costs_fitted.tsv`` (written by
``scripts/fit_translit_costs.py`` from aligned development name pairs) and ``translit_costs.tsv``
(misreadings that transliteration data cannot show, such as letters that differ by a dot, set by
hand). For a pair in both, the cheaper cost counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from aligner.resources import table

DEFAULT_COST = 1.0
GAP = "-"
INF = float("inf")

Key = tuple[str, ...]
Operation = tuple[str, str]  # (symbol of a or GAP, symbol of b or GAP)


class EditCosts:
    """Symmetric substitution costs and insertion/deletion costs between phonetic symbols."""

    def __init__(self, pairs: Mapping[tuple[str, str], float], default: float = DEFAULT_COST):
        self.default = default
        self.rows: dict[str, dict[str, float]] = {}
        for (a, b), cost in pairs.items():
            self.rows.setdefault(a, {})[b] = cost
            self.rows.setdefault(b, {})[a] = cost
        for a, row in self.rows.items():
            row[a] = 0.0
        self._indel = {a: row.get(GAP, default) for a, row in self.rows.items()}

    def sub(self, a: str, b: str) -> float:
        """Cost of writing ``a`` where the other spelling has ``b``."""
        return 0.0 if a == b else self.rows.get(a, {}).get(b, self.default)

    def indel(self, a: str) -> float:
        """Cost of a symbol with nothing against it."""
        return self._indel.get(a, self.default)

    def indels(self, key: Key) -> list[float]:
        """Cost of deleting each symbol of a key."""
        return [self._indel.get(s, self.default) for s in key]

    def weight(self, key: Key) -> float:
        """Cost of deleting every symbol of a key: the scale of its distances."""
        return sum(self.indels(key))

    def pairs(self) -> dict[tuple[str, str], float]:
        """Every listed pair once, in sorted order, without the zero diagonal."""
        return {(a, b): c for a, row in sorted(self.rows.items()) for b, c in sorted(row.items()) if a < b}


def align_cost(a: Key, b: Key, costs: EditCosts, limit: float = INF) -> tuple[float, float]:
    """Weighted Levenshtein over phonetic symbols: (total cost, costliest single edit).

    Cells are (cost, worst edit) compared lexicographically; the inner loop is written out with
    local variables because it runs for every candidate pair of names. Once every cell of a row
    costs more than ``limit``, the result can only be worse: (inf, inf) is returned."""
    rows, default = costs.rows, costs.default
    indel_a = costs.indels(a)
    indel_b = costs.indels(b)
    previous_cost, previous_worst = [0.0], [0.0]
    for cb in indel_b:
        previous_cost.append(previous_cost[-1] + cb)
        previous_worst.append(previous_worst[-1] if previous_worst[-1] >= cb else cb)
    empty: dict[str, float] = {}
    for sa, ca in zip(a, indel_a):
        row = rows.get(sa, empty)
        cost = [previous_cost[0] + ca]
        worst = [previous_worst[0] if previous_worst[0] >= ca else ca]
        for j, sb in enumerate(b, start=1):
            cb = indel_b[j - 1]
            cs = row.get(sb, default) if sa != sb else 0.0
            best_c = previous_cost[j] + ca
            best_w = previous_worst[j] if previous_worst[j] >= ca else ca
            c = cost[j - 1] + cb
            w = worst[j - 1] if worst[j - 1] >= cb else cb
            if c < best_c or (c == best_c and w < best_w):
                best_c, best_w = c, w
            c = previous_cost[j - 1] + cs
            w = previous_worst[j - 1] if previous_worst[j - 1] >= cs else cs
            if c < best_c or (c == best_c and w < best_w):
                best_c, best_w = c, w
            cost.append(best_c)
            worst.append(best_w)
        if min(cost) > limit:
            return INF, INF
        previous_cost, previous_worst = cost, worst
    return previous_cost[-1], previous_worst[-1]


def align_operations(a: Key, b: Key, costs: EditCosts) -> list[Operation]:
    """The cheapest alignment of two keys as a list of edits (used to fit the costs)."""
    n, m = len(a), len(b)
    del_a, del_b = costs.indels(a), costs.indels(b)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + del_b[j - 1]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + del_a[i - 1]
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j - 1] + costs.sub(a[i - 1], b[j - 1]),
                          d[i - 1][j] + del_a[i - 1],
                          d[i][j - 1] + del_b[j - 1])
    ops: list[Operation] = []
    i, j = n, m
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + costs.sub(a[i - 1], b[j - 1]):
            ops.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + del_a[i - 1]:
            ops.append((a[i - 1], GAP))
            i -= 1
        else:
            ops.append((GAP, b[j - 1]))
            j -= 1
    return ops[::-1]


def hand_set_costs(use: str) -> dict[tuple[str, str], float]:
    """Hand-set costs of ``translit_costs.tsv`` marked ``use`` ('always', or 'start' of a fit)."""
    return {(r["a"], r["b"]): float(r["cost"]) for r in table("translit_costs.tsv") if use in ("all", r["use"])}


def with_misreadings(fitted: Mapping[tuple[str, str], float]) -> EditCosts:
    """Fitted costs, lowered where a hand-set misreading (use=always) is cheaper."""
    pairs = {(min(a, b), max(a, b)): cost for (a, b), cost in fitted.items()}
    for (a, b), cost in hand_set_costs("always").items():
        key = (min(a, b), max(a, b))
        pairs[key] = min(cost, pairs.get(key, DEFAULT_COST))
    return EditCosts(pairs)


@lru_cache(maxsize=1)
def package_costs() -> EditCosts:
    """The package's cost table: fitted costs and hand-set misreadings, loaded once."""
    return with_misreadings({(r["a"], r["b"]): float(r["cost"]) for r in table("translit_costs_fitted.tsv")})
