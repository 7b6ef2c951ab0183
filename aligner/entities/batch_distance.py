"""The weighted edit distance of one phonetic key against many keys at once (numpy).

Keys are rows of a padded matrix of symbol numbers. The dynamic programme runs over the query's
symbols; each row is computed for all keys together: deletions and substitutions elementwise, and
the chain of insertions along the row as a running minimum, since
``cur[j] = min(v[j], cur[j-1] + ins[j]) = P[j] + min_{k<=j}(v[k] - P[k])`` with ``P`` the prefix sums of
the insertion costs. The result equals ``edit_distance.align_cost`` up to the rounding of sums.
"""

from __future__ import annotations

import numpy as np

from aligner.entities.edit_distance import GAP, EditCosts, Key

PAD = 0  # symbol number of padding: free to insert, never reached by a key's own length


class SymbolTable:
    """Symbol numbers and the cost table as arrays (substitution matrix, deletion vector)."""

    def __init__(self, costs: EditCosts, symbols: set[str]):
        names = sorted((set(costs.rows) | symbols) - {GAP})
        self.number = {s: i + 1 for i, s in enumerate(names)}
        self.unknown = len(names) + 1  # a query symbol no filed key has
        size = len(names) + 2
        self.sub = np.full((size, size), costs.default)
        self.indel = np.full(size, costs.default)
        self.indel[PAD] = 0.0
        for a, i in self.number.items():
            self.indel[i] = costs.indel(a)
            for b, j in self.number.items():
                self.sub[i, j] = costs.sub(a, b)

    def encode(self, key: Key, width: int | None = None) -> np.ndarray:
        """A key as symbol numbers, padded to ``width``."""
        out = np.full(width or len(key), PAD, dtype=np.int32)
        out[:len(key)] = [self.number.get(s, self.unknown) for s in key]
        return out


def distances(query: np.ndarray, keys: np.ndarray, lengths: np.ndarray, table: SymbolTable) -> np.ndarray:
    """Weighted edit distance of ``query`` (symbol numbers) to each row of ``keys`` (padded)."""
    inserted = table.indel[keys]
    prefix = np.zeros((keys.shape[0], keys.shape[1] + 1))
    np.cumsum(inserted, axis=1, out=prefix[:, 1:])
    previous = prefix
    for symbol in query:
        deleted = table.indel[symbol]
        v = np.empty_like(previous)
        v[:, 0] = previous[:, 0] + deleted
        np.minimum(previous[:, 1:] + deleted, previous[:, :-1] + table.sub[symbol][keys], out=v[:, 1:])
        previous = prefix + np.minimum.accumulate(v - prefix, axis=1)
    return previous[np.arange(keys.shape[0]), lengths]
