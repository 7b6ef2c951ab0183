"""Additions: translation sentences with no source, and qualifiers the original does not have."""

from __future__ import annotations

from aligner.align.document import Alignment
from aligner.divergence.cues import Cue, content_cues, find_arabic, find_english
from aligner.divergence.findings import Finding, Span
from aligner.divergence.groups import Group
from aligner.divergence.meaning import edit_gains
from aligner.divergence.rules import confidence
from aligner.embed import Embedder

QUALIFIER_MARGIN = 0.0  # a qualifier whose removal lowers the similarity to the original by more than this has a source
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


def added_qualifiers(group: Group, alignment: Alignment, embedder: Embedder | None = None) -> list[Finding]:
    """English qualifiers ('main', 'reportedly', 'only' ...) with no source in the Arabic original.

    With an encoder, a qualifier is reported only if the original does not say it in other
    words: removing it from the translation must not lower the similarity to the original."""
    original, translation = group.sides(alignment)
    if (original.lang, translation.lang) != ("ar", "en"):
        return []
    text = translation.doc.text
    candidates: list[tuple[Cue, int, int]] = []
    for cue in content_cues():
        if cue.category != "added_qualifier":
            continue
        if any(find_arabic(cue.renderings, original.doc.text, s.start, s.end, exclude_names=False)
               for s in original.segments):
            continue
        candidates.extend((cue, a, b) for a, b in find_english(cue.pattern, text, translation.start, translation.end))
    gains = (edit_gains(embedder, original.text, text, translation.start, translation.end,
                        [(a, b, "") for _, a, b in candidates]) if embedder is not None else [0.0] * len(candidates))
    findings = []
    for (cue, a, b), gain in zip(candidates, gains):
        if gain < QUALIFIER_MARGIN:
            continue  # removing it lowers the similarity: the original says it in other words
        test = f"; removing it does not lower the similarity to the original ({gain:+.3f})" if embedder else ""
        sentence = translation.sentence_at(a)
        findings.append(Finding(
            type="addition", subtype="qualifier", severity=cue.severity,
            confidence=confidence("added_qualifier", group.confidence), original=Span(original.ids),
            translation=Span.of(text, a, b, (sentence.id,)),
            evidence=f"{cue.reason}: '{text[a:b]}' has no source in the linked original{test}",
            rule=f"added_qualifier:{cue.key}", link_id=group.link_ids, signal=gain))
    return findings
