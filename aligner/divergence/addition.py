"""Additions: translation sentences with no source, and qualifiers the original does not have."""

from __future__ import annotations

from aligner.align.document import Alignment
from aligner.divergence.cues import content_cues, find_arabic, find_english
from aligner.divergence.findings import Finding, Span
from aligner.divergence.groups import Group
from aligner.divergence.rules import confidence

KIND_SEVERITY = {"body": "high", "headline": "medium", "subheading": "medium", "translator_note": "low"}


def unaligned_translation(alignment: Alignment) -> list[Finding]:
    """Translation sentences linked to nothing in the original."""
    findings = []
    for link in alignment.links:
        if link.src or not link.tgt:
            continue
        for sentence in link.tgt:
            kind = sentence.kind
            subtype = "sentence" if kind == "body" else kind
            findings.append(Finding(
                type="addition", subtype=subtype, severity=KIND_SEVERITY.get(kind, "low"),
                confidence=confidence("unlinked_translation", link.confidence),
                translation=Span.of(alignment.translation.text, sentence.start, sentence.end, (sentence.id,)),
                evidence=("translator's note: not part of the original" if kind == "translator_note"
                          else f"{kind} sentence with no source in the original; "
                          f"no-match confidence {link.confidence:.2f}"),
                rule="unlinked_translation", link_id=link.id))
    return findings


def added_qualifiers(group: Group, alignment: Alignment) -> list[Finding]:
    """English qualifiers ('main', 'reportedly', ...) whose Arabic source is absent."""
    text_ar, text_en = alignment.original.text, alignment.translation.text
    findings = []
    for cue in content_cues():
        if cue.category != "added_qualifier":
            continue
        if any(find_arabic(cue.renderings, text_ar, s.start, s.end, exclude_names=False) for s in group.src):
            continue
        for sentence in group.tgt:
            for a, b in find_english(cue.pattern, text_en, sentence.start, sentence.end):
                findings.append(Finding(
                    type="addition", subtype="qualifier", severity=cue.severity,
                    confidence=confidence("added_qualifier", group.confidence),
                    original=Span(group.src_ids),
                    translation=Span.of(text_en, a, b, (sentence.id,)),
                    evidence=f"{cue.reason}: '{text_en[a:b]}' has no source in the linked original",
                    rule=f"added_qualifier:{cue.key}", link_id=group.link_ids))
    return findings
