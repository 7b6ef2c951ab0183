"""Loaded Arabic terms rendered neutrally or dropped, and the reverse (the translation intensifies)."""

from __future__ import annotations

import re

from aligner.align.document import Alignment
from aligner.divergence.cues import any_loaded_term, find_arabic, find_english, loaded_terms, normalized_arabic
from aligner.divergence.findings import Finding, Span
from aligner.divergence.groups import Group
from aligner.divergence.rules import confidence
from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.mentions import gazetteer_hits
from aligner.normalize.arabic import normalize_arabic

NAMED_GROUP_TYPES = ("group", "organisation", "person")  # names a loaded label can stand before

_QUOTE_OR_NAME_RE = re.compile(r'^\s*["“«‘]')


def _relative(spans: list[tuple[int, int]], start: int, end: int) -> list[float]:
    width = max(1, end - start)
    return [(a - start) / width for a, _ in spans]


def _precedes_name(text: str, end: int, sentence_end: int) -> bool:
    """Whether a group's own name follows the term (ميليشيا "جيش ..."): the label was dropped."""
    rest = text[end:sentence_end]
    if _QUOTE_OR_NAME_RE.match(rest):
        return True
    entities = load_gazetteer().by_id
    # a place or its demonym after the term (الاحتلال الأمريكي) qualifies it; it does not name a group
    return any(a <= 2 and entities[eid].type in NAMED_GROUP_TYPES for a, _, eid in gazetteer_hits(rest, "ar")
               if eid in entities)


def loaded_term_findings(group: Group, alignment: Alignment) -> list[Finding]:
    text_ar, text_en = alignment.original.text, alignment.translation.text
    ar_start, ar_end = group.src[0].start, group.src[-1].end
    en_start, en_end = group.tgt_span()
    findings: list[Finding] = []
    normalized = [(seg, norm) for seg in group.src
                  if any_loaded_term().search(norm := normalized_arabic(text_ar[seg.start:seg.end]).text)]
    if not normalized:
        return []

    def arabic_spans(pattern) -> list[tuple[int, int]]:
        # a search on the normalized text first: most terms are absent from most links
        return [span for seg, norm in normalized if pattern.search(norm)
                for span in find_arabic(pattern, text_ar, seg.start, seg.end)]

    spans_of = {term.id: arabic_spans(term.arabic) for term in loaded_terms()}
    claimed: list[tuple[int, int]] = []  # English renderings explained by a term the original has
    for term in loaded_terms():
        if spans_of[term.id]:
            claimed.extend(find_english(term.loaded_en, text_en, en_start, en_end))
    for term in loaded_terms():
        ar_spans = spans_of[term.id]
        if ar_spans:
            loaded = find_english(term.loaded_en, text_en, en_start, en_end)
            # pair each loaded English rendering with the nearest Arabic occurrence by relative position
            ar_pos = _relative(ar_spans, ar_start, ar_end)
            free = list(range(len(ar_spans)))
            for pos in _relative(loaded, en_start, en_end):
                if not free:
                    break
                best = min(free, key=lambda k: abs(ar_pos[k] - pos))
                free.remove(best)
            neutral = find_english(term.neutral_en, text_en, en_start, en_end)
            for k in free:
                a, b = ar_spans[k]
                sentence = next(s for s in group.src if s.start <= a < s.end)
                if _precedes_name(text_ar, b, sentence.end):
                    subtype, rule, evidence = ("label_dropped", "label_dropped", f"'{text_ar[a:b]}' ({term.asserts}) "
                                               "is not carried over: the translation names the group without the label")
                elif neutral:
                    words = sorted({text_en[x:y].lower() for x, y in neutral})
                    subtype, rule, evidence = ("rendered_neutrally", "rendered_neutrally", f"'{text_ar[a:b]}' "
                                               f"({term.asserts}) rendered neutrally as '{', '.join(words)}'")
                else:
                    subtype, rule, evidence = ("dropped", "loaded_dropped", f"'{text_ar[a:b]}' ({term.asserts}) has "
                                               "no rendering in the linked translation")
                findings.append(Finding(
                    type="softening", subtype=subtype, severity=term.severity,
                    confidence=confidence(rule, group.confidence),
                    original=Span.of(text_ar, a, b, group.src_ids), translation=Span(group.tgt_ids),
                    evidence=evidence, rule=f"{rule}:{term.id}", link_id=group.link_ids))
        elif term.arabic_neutral is not None:
            neutral_ar = arabic_spans(term.arabic_neutral)
            if not neutral_ar:
                continue
            loaded = [(x, y) for x, y in find_english(term.loaded_en, text_en, en_start, en_end)
                      if not any(a < y and x < b for a, b in claimed)]
            if not loaded:
                continue
            a, b = neutral_ar[0]
            x, y = loaded[0]
            findings.append(Finding(
                type="intensification", subtype="loaded_rendering", severity=term.severity,
                confidence=confidence("loaded_rendering", group.confidence),
                original=Span.of(text_ar, a, b, group.src_ids), translation=Span.of(text_en, x, y, group.tgt_ids),
                evidence=f"the translation says '{text_en[x:y]}' ({term.asserts}) where the original has the "
                f"neutral '{normalize_arabic(text_ar[a:b]).text}'", rule=f"loaded_rendering:{term.id}",
                link_id=group.link_ids))
    return findings
