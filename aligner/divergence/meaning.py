"""Meaning tests with the sentence encoder: does the other side of a link say what a span says?

A span's weight is the change in similarity to the other side when the span is edited out of its
sentence (removed, or replaced by a neutral word). If removing it raises the similarity, the other
side does not say it; if replacing a loaded word by its neutral counterpart raises it, the other
side says the neutral thing.
"""

from __future__ import annotations

import re

import numpy as np

from aligner.embed import Embedder

Edit = tuple[int, int, str]  # (start, end, replacement) in document offsets
_SPACES_RE = re.compile(r"[ \t]{2,}")


def edited(text: str, start: int, end: int, edit: Edit) -> str:
    """``text[start:end]`` with one edit applied (spaces around a removal folded)."""
    a, b, replacement = edit
    out = text[start:a] + (replacement or " ") + text[b:end]
    return _SPACES_RE.sub(" ", out).strip()


def edit_gains(embedder: Embedder, other: str, text: str, start: int, end: int, edits: list[Edit]) -> list[float]:
    """For each edit of ``text[start:end]``: similarity to ``other`` after the edit minus before it."""
    if not edits:
        return []
    variants = [edited(text, start, end, e) for e in edits]
    vectors = embedder.embed([other, text[start:end]] + variants)
    base = float(np.dot(vectors[0], vectors[1]))
    return [float(np.dot(vectors[0], v)) - base for v in vectors[2:]]
