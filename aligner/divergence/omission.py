"""Omissions: original sentences and clauses with no counterpart, and content inside linked
sentences that the translation does not carry over (times, causes, attributions, modifiers)."""

from __future__ import annotations

import re

from aligner.align.document import Alignment
from aligner.datatypes import Segment
from aligner.divergence.cues import Cue, content_cues, find_arabic, find_english, normalized_arabic
from aligner.divergence.evidence import carried
from aligner.divergence.findings import Finding, Span, end_before_punctuation
from aligner.divergence.groups import Group, Side
from aligner.divergence.meaning import edit_gains
from aligner.divergence.rules import confidence
from aligner.embed import Embedder
from aligner.entities.numbers import find_numbers

KIND_SEVERITY = {"body": "high", "headline": "medium", "subheading": "medium", "kicker": "low", "byline": "low",
                 "source": "low", "disclaimer": "low", "translator_note": "low"}
CLAUSE_CATEGORIES = ("cause", "attribution")
CUE_MARGIN = 0.0  # a cue whose removal lowers the similarity to the translation by more than this is carried
CLAUSE_MARGIN = -0.01  # an unlinked clause whose removal lowers the similarity by more than this is carried
_COMMA_RE = re.compile(r"[,،;؛]")
_WORDS_RE = re.compile(r"[\w'’]+")


def unaligned_units(alignment: Alignment, embedder: Embedder | None = None) -> list[Finding]:
    """An original sentence (all its clauses unlinked) or clause with no translation."""
    doc = alignment.original
    linked_sentences = {s for link in alignment.links if link.src and link.tgt for s in link.src_sentences}
    translation_of = _translation_of_sentences(alignment)
    findings: list[Finding] = []
    clauses: list = []  # (link, clause, sentence id) of clauses left out of a linked sentence
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
            clauses.append((link, unit, sentence_id))
    findings.extend(_unlinked_clauses(alignment, clauses, translation_of, embedder))
    return findings


def _unlinked_clauses(alignment: Alignment, clauses: list, translation_of: dict[str, str],
                      embedder: Embedder | None) -> list[Finding]:
    """Clauses the aligner left out of a linked sentence, unless the meaning test says the sentence's
    translation carries them anyway (removing the clause lowers the similarity to it)."""
    doc = alignment.original
    sentences = {s.id: s for s in doc.sentences}
    findings = []
    for link, unit, sentence_id in clauses:
        sentence = sentences[sentence_id]
        gain = 0.0
        if embedder is not None:
            gain = edit_gains(embedder, translation_of[sentence_id], doc.text, sentence.start, sentence.end,
                              [(unit.start, unit.end, "")])[0]
            if gain < CLAUSE_MARGIN:
                continue
        weighty = bool(find_numbers(unit.text, doc.lang))
        test = f"; removing it does not lower the similarity to the translation ({gain:+.3f})" if embedder else ""
        findings.append(Finding(
            type="omission", subtype="clause", severity="high" if weighty else "medium",
            confidence=confidence("unlinked_clause", link.confidence),
            original=Span.of(doc.text, unit.start, unit.end, (unit.id,)),
            evidence="clause of a translated sentence has no counterpart in the translation"
            + (" (it carries a number)" if weighty else "") + f"; no-match confidence {link.confidence:.2f}{test}",
            rule="unlinked_clause", link_id=link.id, signal=gain))
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


def _clause_end(side: Side, clauses: list[Segment], position: int) -> int:
    """Where the clause holding ``position`` ends (Arabic clauses; else the next comma or the sentence end)."""
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause.end
    sentence = side.sentence_at(position)
    comma = _COMMA_RE.search(side.doc.text, position, sentence.end)
    return comma.start() if comma else sentence.end


def _cue_spans(cue: Cue, side: Side) -> list[tuple[int, int]]:
    """Where a cue stands on the original side (Arabic: its pattern; English: its ``en_cue``)."""
    text = side.doc.text
    if side.lang == "ar":
        spans = [s for seg in side.segments for s in find_arabic(cue.pattern, text, seg.start, seg.end)]
        if cue.exclude_after is not None:
            spans = [(a, b) for a, b in spans
                     if not cue.exclude_after.match(normalized_arabic(text[b:side.sentence_at(a).end]).text)]
        return spans
    return [(a, b) for a, b in find_english(cue.en_cue, text, side.start, side.end) if not _in_title(text, a, b)]


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether a capitalized English word is part of a title-case name ('The Sunday Telegraph',
    'Saturday Night Live', 'Evening News'), not a time."""
    if not text[start:end][:1].isupper():
        return False
    before = _WORDS_RE.findall(text[max(0, start - 40):start])
    after = _WORDS_RE.findall(text[end:end + 40])
    if not after or not after[0][:1].isupper() or text[end:end + 1] not in (" ", "-"):
        return False
    return bool((before and (before[-1] in ("The", "the") or before[-1][:1].isupper()))
                or (len(after) > 1 and after[1][:1].isupper()))


def _rendered(cue: Cue, side: Side) -> bool:
    """Whether the translation side has any rendering of the cue."""
    text = side.doc.text
    if side.lang == "en":
        return bool(find_english(cue.renderings, text, side.start, side.end))
    return any(find_arabic(p, text, seg.start, seg.end, exclude_names=False)
               for p in (cue.pattern, cue.ar_renderings) if p is not None for seg in side.segments)


def _applies(cue: Cue, original: Side, translation: Side) -> bool:
    if (original.lang, translation.lang) == ("ar", "en"):
        return cue.renderings is not None
    return (original.lang, translation.lang) == ("en", "ar") and cue.en_cue is not None


def content_omissions(group: Group, alignment: Alignment, embedder: Embedder | None = None) -> list[Finding]:
    """Times, causes, attributions and modifiers of the original with no rendering in the linked
    translation. With an encoder, a cue is reported only if the translation does not carry its
    meaning anyway: removing the cue from the original must not lower the similarity."""
    original, translation = group.sides(alignment)
    text = original.doc.text
    findings: list[Finding] = []
    covered: list[tuple[int, int]] = []
    cues = [c for c in content_cues() if c.category in ("time", "cause", "attribution", "modifier")
            and _applies(c, original, translation)]
    # clause-long cues first, so a time word inside a dropped cause clause is not reported twice
    cues.sort(key=lambda c: c.category not in CLAUSE_CATEGORIES)
    for cue in cues:
        spans = [(a, b) for a, b in _cue_spans(cue, original) if not any(x <= a < y for x, y in covered)]
        if not spans or _rendered(cue, translation):
            continue
        if cue.category in CLAUSE_CATEGORIES:
            spans = [(a, end_before_punctuation(text, a, _clause_end(original, alignment.original.clauses, a)))
                     for a, _ in spans]
        gains = (edit_gains(embedder, translation.text, text, original.start, original.end,
                            [(a, b, "") for a, b in spans]) if embedder is not None else [0.0] * len(spans))
        for (a, b), gain in zip(spans, gains):
            if gain < CUE_MARGIN:
                continue  # removing it lowers the similarity: the translation says it in other words
            covered.append((a, b))
            test = f"; removing it does not lower the similarity to the translation ({gain:+.3f})" if embedder else ""
            findings.append(Finding(
                type="omission", subtype="date_time" if cue.category == "time" else cue.category,
                severity=cue.severity, confidence=confidence("content_cue", group.confidence),
                original=Span.of(text, a, b, original.ids), translation=Span(translation.ids),
                evidence=f"{cue.reason}: no rendering of '{text[a:b]}' in the linked translation{test}",
                rule=f"content_cue:{cue.category}:{cue.key}", link_id=group.link_ids, signal=gain))
    return findings
