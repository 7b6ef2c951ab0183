"""Strict and lax precision/recall/F1 of sentence alignments, computed as vecalign's
``score.py`` does (Thompson & Koehn 2019, EMNLP, D19-1136; bertalign's ``eval.py`` is the
same method): counts summed over documents, then P, R, F1 once.

A link is ``(source indices, target indices)``. Precision checks every predicted link that
is not empty on both sides; recall checks gold against predictions after dropping every link
with an empty side. Strict: an identical link exists. Lax: the link shares a source sentence
with some gold link and one of its targets is among those gold links' targets; a link with an
empty side can only be right strictly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

Link = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Counts:
    """True/false positive counts for strict and lax matching, precision and recall sides."""

    p_strict_tp: int = 0
    p_lax_tp: int = 0
    p_total: int = 0
    r_strict_tp: int = 0
    r_lax_tp: int = 0
    r_total: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def add(self, other: "Counts") -> None:
        for name in ("p_strict_tp", "p_lax_tp", "p_total", "r_strict_tp", "r_lax_tp", "r_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp = self.p_strict_tp / self.p_total if self.p_total else 0.0
        lp = self.p_lax_tp / self.p_total if self.p_total else 0.0
        sr = self.r_strict_tp / self.r_total if self.r_total else 0.0
        lr = self.r_lax_tp / self.r_total if self.r_total else 0.0
        return {"strict_p": sp, "strict_r": sr, "strict_f1": f1(sp, sr),
                "lax_p": lp, "lax_r": lr, "lax_f1": f1(lp, lr)}


def _norm(links: Iterable[Sequence[Sequence[int]]]) -> list[Link]:
    return [(tuple(sorted(s)), tuple(sorted(t))) for s, t in links]


def _check(test: list[Link], gold: list[Link]) -> tuple[int, int, int]:
    gold_set = set(gold)
    targets_of_source: dict[int, set[int]] = {}
    for s, t in gold:
        for x in s:
            targets_of_source.setdefault(x, set()).update(t)
    strict = lax = total = 0
    for s, t in test:
        if not s and not t:
            continue
        total += 1
        if (s, t) in gold_set:
            strict += 1
            lax += 1
        elif s and t:
            gold_targets = set().union(*(targets_of_source.get(x, set()) for x in s))
            if gold_targets & set(t):
                lax += 1
    return strict, lax, total


def score_document(test: Iterable[Sequence[Sequence[int]]], gold: Iterable[Sequence[Sequence[int]]]) -> Counts:
    """Counts for one document's predicted and gold links."""
    test_links, gold_links = _norm(test), _norm(gold)
    c = Counts()
    c.p_strict_tp, c.p_lax_tp, c.p_total = _check(test_links, gold_links)
    test_full = [(s, t) for s, t in test_links if s and t]
    gold_full = [(s, t) for s, t in gold_links if s and t]
    c.r_strict_tp, c.r_lax_tp, c.r_total = _check(gold_full, test_full)
    return c
