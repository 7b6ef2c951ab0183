"""Numbers and names compared inside each link group: omitted, different, or spelled oddly."""

from __future__ import annotations

import dataclasses

from aligner.align.document import Alignment
from aligner.divergence.findings import Finding, Span
from aligner.divergence.groups import Group
from aligner.divergence.rules import confidence
from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.mentions import Mention, find_mentions, gazetteer_hits
from aligner.entities.numbers import NumberMention, find_numbers
from aligner.datatypes import Document

PAIRING_DISTANCE = 0.25
# One number left on each side of a link, of the same order of magnitude, is the same quantity
# rendered differently (word order moves numbers: Arabic puts 3500 late, English "3,600" early).
SAME_MAGNITUDE = 10.0
QUALIFIER_WORDS = {"exact": "exactly", "approx": "about", "more_than": "more than", "at_least": "at least",
                   "less_than": "less than", "up_to": "up to"}


def _numbers(text: str, segments, lang: str) -> list[NumberMention]:
    """Numbers of the segments; 'one' written as a word is left out ('one of', واحدة من)."""
    out = []
    for seg in segments:
        for n in find_numbers(seg.text, lang):
            if n.is_word_one:
                continue
            out.append(NumberMention(n.value, n.qualifier, seg.start + n.start, seg.start + n.end, n.text))
    return out


def number_findings(group: Group, alignment: Alignment) -> list[Finding]:
    """Original numbers missing from, different in, or differently qualified in the translation."""
    ar = _numbers(alignment.original.text, group.src, alignment.original.lang)
    en = _numbers(alignment.translation.text, group.tgt, alignment.translation.lang)
    unmatched_en = list(en)
    findings: list[Finding] = []
    leftovers: list[NumberMention] = []
    for n in ar:
        match = next((e for e in unmatched_en if abs(e.value - n.value) < 1e-9), None)
        if match is None:
            leftovers.append(n)
            continue
        unmatched_en.remove(match)
        if n.qualifier != match.qualifier and "exact" not in (n.qualifier, match.qualifier):
            findings.append(_finding(group, "mismatch", "number_qualifier", "medium", n, match,
                                     f"{n.text} is '{QUALIFIER_WORDS[n.qualifier]} {n.display}' but the translation "
                                     f"says '{QUALIFIER_WORDS[match.qualifier]} {match.display}'", "number:qualifier"))
        elif n.qualifier != match.qualifier:
            qualified = n if n.qualifier != "exact" else match
            side = "original" if qualified is n else "translation"
            findings.append(_finding(group, "mismatch", "number_qualifier", "low", n, match,
                                     f"only the {side} says '{QUALIFIER_WORDS[qualified.qualifier]} {qualified.display}'",
                                     "number:qualifier"))
    ar_from, ar_to = group.src[0].start, group.src[-1].end
    en_from, en_to = group.tgt_span()
    for n in leftovers:
        # a different value is reported when an unmatched translation number stands at about the
        # same relative place in the linked text; otherwise the original's number was omitted
        place = (n.start - ar_from) / max(1, ar_to - ar_from)
        near = [e for e in unmatched_en if abs((e.start - en_from) / max(1, en_to - en_from) - place) <= PAIRING_DISTANCE]
        other = min(near, key=lambda e: abs((e.start - en_from) / max(1, en_to - en_from) - place)) if near else None
        if other is None and len(leftovers) == 1 and len(unmatched_en) == 1:
            lone = unmatched_en[0]
            low, high = sorted((abs(lone.value), abs(n.value)))
            other = lone if low > 0 and high / low < SAME_MAGNITUDE else None
        if other is not None:
            unmatched_en.remove(other)
            findings.append(_finding(group, "mismatch", "number_value", "high", n, other,
                                     f"original {n.display} vs translation {other.display}", "number:value"))
        else:
            findings.append(_finding(group, "omission", "number", "high", n, None,
                                     f"the number {n.display} ({n.text}) is not in the linked translation",
                                     "number:missing"))
    return findings


def _finding(group: Group, type_: str, subtype: str, severity: str, ar: NumberMention, en: NumberMention | None,
             evidence: str, rule: str) -> Finding:
    return Finding(type=type_, subtype=subtype, severity=severity, confidence=confidence("number", group.confidence),
                   original=Span(group.src_ids, ar.start, ar.end, ar.text),
                   translation=Span(group.tgt_ids, en.start, en.end, en.text) if en else Span(group.tgt_ids),
                   evidence=evidence, rule=rule, link_id=group.link_ids)


def resolved_mentions(doc: Document) -> list[Mention]:
    """Name mentions of a whole document that resolve to a gazetteer entity (found once per
    document: the name checks run group by group over the same translation)."""
    return [m for m in find_mentions(doc, load_gazetteer()) if m.entity_id]


def name_findings(group: Group, alignment: Alignment, translation_mentions: list[Mention] | None = None) -> list[Finding]:
    """Named entities of the original absent from the translation, and odd transliterations
    (``translation_mentions``: resolved_mentions of the translation, if already found)."""
    gazetteer = load_gazetteer()
    text_ar, text_en = alignment.original.text, alignment.translation.text
    en_start, en_end = group.tgt_span()
    if translation_mentions is None:
        translation_mentions = resolved_mentions(alignment.translation)
    en_mentions = [dataclasses.replace(m, start=m.start - en_start, end=m.end - en_start)
                   for m in translation_mentions if en_start <= m.start and m.end <= en_end]
    en_groups = {gazetteer.group_of(m.entity_id) for m in en_mentions}
    findings: list[Finding] = []
    seen: set[str] = set()
    for sentence in group.src:
        hits = gazetteer_hits(sentence.text, alignment.original.lang)
        outermost = [h for h in hits if not any(x <= h[0] and h[1] <= y and (x, y) != h[:2] for x, y, _ in hits)]
        for a, b, entity_id in outermost:
            entity = gazetteer.by_id[entity_id]
            key = gazetteer.group_of(entity_id)
            if key in en_groups or key in seen:
                continue
            seen.add(key)
            start, end = sentence.start + a, sentence.start + b
            findings.append(Finding(
                type="omission", subtype="name", severity="medium",
                confidence=confidence("name_missing", group.confidence),
                original=Span.of(text_ar, start, end, group.src_ids), translation=Span(group.tgt_ids),
                evidence=f"{entity.english} ({entity.type}) is not named in the linked translation",
                rule="name_missing", link_id=group.link_ids))
    ar_groups = {gazetteer.group_of(e) for s in group.src for _, _, e in gazetteer_hits(s.text, "ar")}
    for m in en_mentions:
        if m.source != "phonetic" or gazetteer.group_of(m.entity_id) not in ar_groups:
            continue
        entity = gazetteer.by_id[m.entity_id]
        start, end = en_start + m.start, en_start + m.end
        findings.append(Finding(
            type="mismatch", subtype="name_spelling", severity="low",
            confidence=confidence("name_spelling", group.confidence, m.score),
            original=Span(group.src_ids, None, None, entity.arabic),
            translation=Span.of(text_en, start, end, group.tgt_ids),
            evidence=f"'{m.surface}' is not a known transliteration of {entity.arabic} (known: {entity.english}; "
            f"sound similarity {m.score:.2f})", rule="name_spelling", link_id=group.link_ids))
    return findings
