"""Omissions: original sentences and clauses with no counterpart, and content inside linked
sentences that the translation does not carry over (times, causes, attributions, modifiers)."""

from __future__ import annotations

from aligner.align.document import Alignment
from aligner.divergence.cues import content_cues, find_arabic, find_english
from aligner.divergence.coverage import COVERED_DROP, removal_gain
from aligner.divergence.evidence import carried
from aligner.divergence.findings import Finding, Span, end_before_punctuation
from aligner.divergence.groups import Group
from aligner.divergence.rules import confidence
from aligner.embed import Embedder
from aligner.entities.numbers import find_numbers

KIND_SEVERITY = {"body": "high", "headline": "medium", "subheading": "medium", "kicker": "low", "byline": "low",
                 "source": "low", "disclaimer": "low", "translator_note": "low"}
CLAUSE_CATEGORIES = ("cause", "attribution")


def unaligned_units(alignment: Alignment) -> list[Finding]:
    """An original sentence (all its clauses unlinked) or clause with no translation."""
    doc = alignment.original
    linked_sentences = {s for link in alignment.links if link.src and link.tgt for s in link.src_sentences}
    translation_of = _translation_of_sentences(alignment)
    findings: list[Finding] = []
    reported_sentences: set[str] = set()
    for link in alignment.links:
        if not link.src or link.tgt:
            continue
        for unit in link.src:
            sentence_id = unit.parent or unit.id
            kind = unit.kind
            if sentence_id not in linked_sentences:
                if sentence_id in reported_sentences:
                    continue
                reported_sentences.add(sentence_id)
                sentence = next(s for s in doc.sentences if s.id == sentence_id)
                severity = KIND_SEVERITY.get(kind, "medium")
                what = "boilerplate line" if link.note else f"{kind} sentence"
                findings.append(Finding(
                    type="omission", subtype="sentence" if kind == "body" else kind, severity=severity,
                    confidence=confidence("unlinked_sentence", link.confidence),
                    original=Span.of(doc.text, sentence.start, sentence.end, (sentence.id,)),
                    evidence=f"{what} has no counterpart in the translation"
                    + (f" ({link.note})" if link.note else f"; no-match confidence {link.confidence:.2f}"),
                    rule="unlinked_sentence", link_id=link.id))
                continue
            if carried(unit.text, doc.lang, translation_of.get(sentence_id, ""), alignment.translation.lang):
                continue  # its numbers, or the name it gives, are in its sentence's translation
            weighty = bool(find_numbers(unit.text, doc.lang))
            findings.append(Finding(
                type="omission", subtype="clause", severity="high" if weighty else "medium",
                confidence=confidence("unlinked_clause", link.confidence),
                original=Span.of(doc.text, unit.start, unit.end, (unit.id,)),
                evidence="clause of a translated sentence has no counterpart in the translation"
                + (" (it carries a number)" if weighty else "") + f"; no-match confidence {link.confidence:.2f}",
                rule="unlinked_clause", link_id=link.id))
    return findings


def _translation_of_sentences(alignment: Alignment) -> dict[str, str]:
    """Original sentence id -> the text of the translation sentences linked to it."""
    text_of = {t.id: t.text for t in alignment.translation.sentences}
    out: dict[str, str] = {}
    for src_ids, tgt_ids in alignment.sentence_links().values():
        english = " ".join(text_of[t] for t in tgt_ids)
        for s in src_ids:
            out[s] = english
    return out


def _clause_end(group: Group, doc_clauses, position: int) -> int:
    for clause in doc_clauses:
        if clause.start <= position < clause.end:
            return clause.end
    return next(s.end for s in group.src if s.start <= position < s.end)


def content_omissions(group: Group, alignment: Alignment, embedder: Embedder | None = None) -> list[Finding]:
    """Cues in the original sentences whose renderings are absent from the linked translation.

    A cause or attribution clause is reported only if the embedding evidence agrees: removing
    it must not lower the original's similarity to the translation."""
    text_ar, text_en = alignment.original.text, alignment.translation.text
    en_start, en_end = group.tgt_span()
    findings: list[Finding] = []
    covered: list[tuple[int, int]] = []
    cues = [c for c in content_cues() if c.category in ("time", "cause", "attribution", "modifier")]
    # clause-long cues first, so a time word inside a dropped cause clause is not reported twice
    cues.sort(key=lambda c: c.category not in CLAUSE_CATEGORIES)
    for cue in cues:
        if find_english(cue.renderings, text_en, en_start, en_end):
            continue
        for sentence in group.src:
            for a, b in find_arabic(cue.pattern, text_ar, sentence.start, sentence.end):
                if any(x <= a < y for x, y in covered):
                    continue
                if cue.category in CLAUSE_CATEGORIES:
                    b = end_before_punctuation(text_ar, a, _clause_end(group, alignment.original.clauses, a))
                evidence = ""
                if cue.category in CLAUSE_CATEGORIES and embedder is not None:
                    drop = -removal_gain(group, alignment, [(a, b)], embedder)[0]
                    if drop > COVERED_DROP:
                        continue
                    evidence = f"; removing it does not lower the similarity to the translation ({-drop:+.3f})"
                covered.append((a, b))
                findings.append(Finding(
                    type="omission", subtype="date_time" if cue.category == "time" else cue.category,
                    severity=cue.severity, confidence=confidence("content_cue", group.confidence),
                    original=Span.of(text_ar, a, b, group.src_ids), translation=Span(group.tgt_ids),
                    evidence=f"{cue.reason}: no rendering ({_show(cue.renderings)}) in the linked translation"
                    + evidence,
                    rule=f"content_cue:{cue.key}", link_id=group.link_ids))
    return findings


def _show(pattern) -> str:
    if pattern is None:
        return ""
    text = pattern.pattern.split("(?:", 1)[-1].rstrip(")")
    parts = text.split("|")
    return "/".join(parts[:4]) + ("/..." if len(parts) > 4 else "")
