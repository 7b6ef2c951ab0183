"""Row builders of a pair's reports: one dict per CSV row, keyed by the contract's columns."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from aligner.datatypes import Document
from aligner.divergence.findings import SEVERITIES, TYPES, Finding
from aligner.report.columns import ALIGNMENT_SCORE_COLUMNS

if TYPE_CHECKING:
    from aligner.align.document import Alignment


def segment_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per sentence, then per clause, of a document."""
    rows = []
    for seg in list(doc.sentences) + list(doc.clauses):
        rows.append({"document": doc.id, "lang": doc.lang, "level": seg.level, "segment_id": seg.id,
                     "parent_id": seg.parent or "", "kind": seg.kind, "paragraph": seg.paragraph,
                     "start": seg.start, "end": seg.end, "text": seg.text})
    return rows


def alignment_rows(alignment: Alignment) -> list[dict[str, Any]]:
    """One row per clause-level link, with its sentence-level group."""
    groups = alignment.sentence_links()
    original_text, translation_text = alignment.original.text, alignment.translation.text
    rows = []
    for link in alignment.links:
        src_s, tgt_s = groups[link.sentence_link]
        o_start = link.src[0].start if link.src else ""
        o_end = link.src[-1].end if link.src else ""
        t_start = link.tgt[0].start if link.tgt else ""
        t_end = link.tgt[-1].end if link.tgt else ""
        f = link.features
        rows.append({
            "link_id": link.id, "sentence_link": link.sentence_link, "link_type": link.type,
            "sentence_link_type": f"{len(src_s)}-{len(tgt_s)}",
            "original_sentence_ids": " ".join(link.src_sentences),
            "original_unit_ids": " ".join(s.id for s in link.src),
            "original_start": o_start, "original_end": o_end,
            "original_text": original_text[o_start:o_end] if link.src else "",
            "translation_sentence_ids": " ".join(t.id for t in link.tgt),
            "translation_start": t_start, "translation_end": t_end,
            "translation_text": translation_text[t_start:t_end] if link.tgt else "",
            "confidence": link.confidence,
            **{k: (round(f[k], 4) if k in f else "") for k in ALIGNMENT_SCORE_COLUMNS},
            "note": link.note,
        })
    return rows


def finding_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """One row per finding (``Finding.row``)."""
    return [f.row() for f in findings]


def summary_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings counted by type and severity, in the contract's order; empty counts left out."""
    counts = Counter((f.type, f.severity) for f in findings)
    return [{"type": t, "severity": s, "count": counts[(t, s)]} for t in TYPES for s in SEVERITIES
            if counts[(t, s)]]
