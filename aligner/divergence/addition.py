"""Additions: translation sentences with no source, and qualifiers the original does not have."""

from __future__ import annotations

from aligner.align.document import Alignment
from aligner.divergence.cues import content_cues, find_arabic, find_english
from aligner.divergence.findings import Finding
from aligner.divergence.groups import Group

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
                "addition", subtype, KIND_SEVERITY.get(kind, "low"), link.confidence, (), None, None, "",
                (sentence.id,), sentence.start, sentence.end, sentence.text,
                ("translator's note: not part of the original" if kind == "translator_note"
                 else f"{kind} sentence with no source in the original; no-match confidence {link.confidence:.2f}"),
                "alignment:unlinked-sentence", link.id))
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
                    "addition", "qualifier", cue.severity, group.confidence * 0.8, group.src_ids,
                    group.src[0].start, group.src[-1].end, text_ar[group.src[0].start:group.src[-1].end],
                    (sentence.id,), a, b, text_en[a:b],
                    f"{cue.reason}: '{text_en[a:b]}' has no source in the linked original", f"lexicon:{cue.key}",
                    group.link_ids))
    return findings
