"""Translations that stop short: a translation sentence that renders only the first part of an
original unit is not a sentence with no source.

A translator who drops the end of a sentence leaves a translation much shorter than its original,
and the bead model (which expects similar lengths and meanings) leaves both out: the report then
shows the whole original as omitted and the translation's first part as an unsourced addition.
Here a left-out translation unit is linked to a left-out original unit of the same gap when it
matches one of the original's opening parts (up to a comma or clause mark) closely; the
divergence checks then report what the translation dropped.
"""

from __future__ import annotations

import re

import numpy as np

from aligner.embed import Embedder

MIN_PREFIX_COSINE = 0.55  # cosine of the translation with the original's best opening part
MIN_PREFIX_SHARE = 0.2  # an opening part shorter than this share of the unit is not tried
_BREAK_RE = re.compile(r"[,،;؛:]|\s[-–—]\s")

Gap = tuple[list[int], list[int]]  # left-out source and target units between two links


def _openings(text: str) -> list[str]:
    """The unit's opening parts: up to each comma or clause mark, and the whole unit."""
    cuts = [m.start() for m in _BREAK_RE.finditer(text) if m.start() >= MIN_PREFIX_SHARE * len(text)]
    return [text[:c].strip() for c in cuts] + [text]


def truncation_links(gaps: list[Gap], src_texts: list[str], tgt_texts: list[str],
                     embedder: Embedder) -> list[tuple[int, int, float]]:
    """``(source unit, target unit, cosine)`` for each left-out target unit that renders the
    opening of a left-out source unit of its gap (each unit used once, best matches first)."""
    candidates = []
    for sources, targets in gaps:
        for j in targets:
            for i in sources:
                if len(tgt_texts[j]) >= len(src_texts[i]):
                    continue  # not shorter: not a translation that stops short
                openings = _openings(src_texts[i])
                vectors = embedder.embed([tgt_texts[j]] + openings)
                best = float(np.max(vectors[1:] @ vectors[0]))
                if best >= MIN_PREFIX_COSINE:
                    candidates.append((best, i, j))
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    links = []
    for cosine, i, j in sorted(candidates, reverse=True):
        if i in used_src or j in used_tgt:
            continue
        used_src.add(i)
        used_tgt.add(j)
        links.append((i, j, cosine))
    return links
