"""Embedding evidence of coverage: does the linked translation carry a span of the original?

The span's weight is the change in similarity between the original and its translation when
the span is removed from the original. If removing it does not lower the similarity (or
raises it), the translation does not say what the span says.
"""

from __future__ import annotations

import re

import numpy as np

from aligner.align.document import Alignment
from aligner.divergence.evidence import carried
from aligner.divergence.findings import Finding, Span, end_before_punctuation
from aligner.divergence.groups import Group
from aligner.divergence.rules import confidence
from aligner.embed import Embedder
from aligner.segment import clause_spans, loose_joints

COVERED_DROP = 0.0  # similarity lost on removal above which a span counts as carried over
MISSING_GAIN = 0.01  # similarity gained on removal above which a chunk counts as missing (chosen on NTREX dev 1-60)
MIN_CHUNK_WORDS = 4
_CHUNK_BREAK_RE = re.compile(r"[،,؛;:]\s+|\s[-–—]\s")


def gain_strength(gain: float) -> float:
    """Evidence strength of a similarity gain: half at the threshold, full from a gain of 0.05."""
    return min(1.0, 0.5 + 10 * gain)


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b))


def removal_gain(group: Group, alignment: Alignment, spans: list[tuple[int, int]],
                 embedder: Embedder) -> list[float]:
    """For each original span: similarity without it minus similarity with it."""
    text = alignment.original.text
    start, end = group.src[0].start, group.src[-1].end
    en_start, en_end = group.tgt_span()
    full = text[start:end]
    variants = [text[start:a] + " " + text[b:end] for a, b in spans]
    vectors = embedder.embed([alignment.translation.text[en_start:en_end], full] + variants)
    base = _cos(vectors[0], vectors[1])
    return [_cos(vectors[0], v) - base for v in vectors[2:]]


def uncovered_chunks(group: Group, alignment: Alignment, embedder: Embedder) -> list[Finding]:
    """Comma-delimited chunks of linked original sentences that the translation does not carry."""
    text = alignment.original.text
    chunks: list[tuple[int, int]] = []
    for sentence in group.src:
        breaks = {sentence.start + m.end() for m in _CHUNK_BREAK_RE.finditer(sentence.text)}
        if alignment.original.lang == "ar":  # clause joints written without a comma (ولكن، بينما، قائلا ...)
            breaks.update(a for a, _ in clause_spans(text, sentence.start, sentence.end))
            breaks.update(loose_joints(text, sentence.start, sentence.end))
        bounds = sorted({sentence.start, sentence.end} | {x for x in breaks if sentence.start < x < sentence.end})
        pieces = [(a, b) for a, b in zip(bounds, bounds[1:]) if len(text[a:b].split()) >= MIN_CHUNK_WORDS]
        if len(pieces) >= 2 or len(group.src) > 1:
            chunks.extend(pieces)
    if len(chunks) < 2:
        return []
    findings = []
    en_start, en_end = group.tgt_span()
    en_text = alignment.translation.text[en_start:en_end]
    for (a, b), gain in zip(chunks, removal_gain(group, alignment, chunks, embedder)):
        if gain <= MISSING_GAIN:
            continue
        if carried(text[a:b], alignment.original.lang, en_text, alignment.translation.lang):
            continue  # word-level evidence: its numbers, or the name it gives ("وقال جوان بويج" / "Joan Puig said")
        b = end_before_punctuation(text, a, b)
        findings.append(Finding(
            type="omission", subtype="clause", severity="medium",
            confidence=min(1.0, confidence("coverage", group.confidence, gain_strength(gain))),
            original=Span.of(text, a, b, group.src_ids), translation=Span(group.tgt_ids),
            evidence=f"removing this part raises the similarity to the linked translation by {gain:.3f}: "
            "the translation does not carry it", rule="coverage", link_id=group.link_ids, signal=gain))
    return findings
