"""Numbers and names compared inside each link group: omitted, different, or spelled oddly."""

from __future__ import annotations

import dataclasses
import re

from aligner.align.document import Alignment
from aligner.datatypes import Document
from aligner.divergence.cues import normalized_arabic
from aligner.divergence.findings import Finding, Span
from aligner.divergence.groups import Group
from aligner.divergence.meaning import edit_gains
from aligner.divergence.rules import confidence
from aligner.divergence.senses import is_conflict_text
from aligner.embed import Embedder
from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.mentions import Mention, find_mentions, gazetteer_hits
from aligner.entities.numbers import NumberMention, find_numbers
from aligner.resources import words

PAIRING_DISTANCE = 0.25
# A count written as a word is carried when removing it lowers the similarity to the translation by
# more than this; 'two' also when the Arabic translation has a dual-looking word and the drop is
# smaller than DUAL_MARGIN.
WORD_NUMBER_MARGIN = 0.0
DUAL_MARGIN = 0.05
NAME_MARGIN = 0.0  # a name whose removal lowers the similarity to the translation by more than this is carried
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A]")
_ARABIC_NISBA_RE = re.compile(r"(?:ي|يه|يين|يون|يان|يتين|يتان)$")  # الأمريكي، الفرنسيين: demonyms
_ENGLISH_DEMONYM_RE = re.compile(r"(?:an|ans|ese|ish|ch|i|is)$")  # American(s), Chinese, British, French, Iraqi(s)
_DUAL_RE = re.compile(r"\w{2,}(?:تين|تان|ين|ان|يها|يهما|اهما)(?!\w)")
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


def _said_otherwise(group: Group, alignment: Alignment, missing: list[NumberMention],
                    embedder: Embedder | None) -> set[int]:
    """Indices of the missing numbers written as words that the translation says another way:
    removing the word from the original lowers the similarity to the translation ('two matches'
    / مباراتين, a dual; 'a decade' / عقد من الزمن)."""
    words = [k for k, n in enumerate(missing) if not any(ch.isdigit() for ch in n.text)]
    if embedder is None or not words:
        return set()
    original, translation = group.sides(alignment)
    gains = edit_gains(embedder, translation.text, original.doc.text, original.start, original.end,
                       [(missing[k].start, missing[k].end, "") for k in words])
    dual = bool(translation.lang == "ar" and _DUAL_RE.search(normalized_arabic(translation.text).text))
    return {k for k, gain in zip(words, gains)
            if gain < WORD_NUMBER_MARGIN or (missing[k].value == 2 and dual and gain < DUAL_MARGIN)}


def number_findings(group: Group, alignment: Alignment, embedder: Embedder | None = None) -> list[Finding]:
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
                                     f"only the {side} says "
                                     f"'{QUALIFIER_WORDS[qualified.qualifier]} {qualified.display}'",
                                     "number:qualifier"))
    carried = _said_otherwise(group, alignment, leftovers, embedder)
    leftovers = [n for k, n in enumerate(leftovers) if k not in carried]
    ar_from, ar_to = group.src[0].start, group.src[-1].end
    en_from, en_to = group.tgt_span()
    for n in leftovers:
        # a different value is reported when an unmatched translation number stands at about the
        # same relative place in the linked text; otherwise the original's number was omitted
        place = (n.start - ar_from) / max(1, ar_to - ar_from)
        near = [e for e in unmatched_en
                if abs((e.start - en_from) / max(1, en_to - en_from) - place) <= PAIRING_DISTANCE]
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


def _names_it(sentence: str, start: int, end: int, entity) -> bool:
    """Whether a gazetteer hit names the entity: not a demonym (الأمريكي, 'American': 'the US Senate'
    is the Senate), and an ambiguous Arabic name (القائم 'the post', تدمر 'destroys') only where the
    sentence is about armed conflict or a place word stands before it."""
    surface = sentence[start:end]
    if _ARABIC_LETTER_RE.search(surface):
        norm = normalized_arabic(surface).text
        if entity.type == "place" and norm != normalized_arabic(entity.arabic).text and _ARABIC_NISBA_RE.search(norm):
            return False
        if norm in words("ambiguous_names_ar.txt"):
            before = normalized_arabic(sentence[:start]).text.split()[-1:]
            after_place_word = bool(before) and before[0] in words("place_words_ar.txt")
            return after_place_word or is_conflict_text(normalized_arabic(sentence).text)
        return True
    return not (entity.type == "place" and surface != entity.english and _ENGLISH_DEMONYM_RE.search(surface))


def _named_loosely(gazetteer, group_key: str, text: str, lang: str) -> bool:
    """Whether an Arabic translation writes one of the group's Arabic names even glued to its
    neighbours (رئيسالولايات المتحدة: a typo with no space) or inflected (الأمريكيين)."""
    if lang != "ar":
        return False
    squeezed = normalized_arabic(text).text.replace(" ", "")
    for entity in gazetteer.entities:
        if gazetteer.group_of(entity.id) != group_key:
            continue
        for name in entity.names():
            norm = normalized_arabic(name).text.replace(" ", "").replace('"', "")
            if _ARABIC_LETTER_RE.search(norm) and len(norm) >= 4 and norm.removeprefix("ال") in squeezed:
                return True
    return False


def name_findings(group: Group, alignment: Alignment, translation_mentions: list[Mention] | None = None,
                  embedder: Embedder | None = None) -> list[Finding]:
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
    candidates: list[tuple[int, int, str]] = []
    translation_text = alignment.translation.text[en_start:en_end]
    for sentence in group.src:
        hits = gazetteer_hits(sentence.text, alignment.original.lang)
        outermost = [h for h in hits if not any(x <= h[0] and h[1] <= y and (x, y) != h[:2] for x, y, _ in hits)]
        for a, b, entity_id in outermost:
            key = gazetteer.group_of(entity_id)
            if key in en_groups or key in seen or not _names_it(sentence.text, a, b, gazetteer.by_id[entity_id]) \
                    or _named_loosely(gazetteer, key, translation_text, alignment.translation.lang):
                continue
            seen.add(key)
            candidates.append((sentence.start + a, sentence.start + b, entity_id))
    original, translation = group.sides(alignment)
    gains = (edit_gains(embedder, translation.text, text_ar, original.start, original.end,
                        [(a, b, "") for a, b, _ in candidates]) if embedder is not None else [0.0] * len(candidates))
    for (start, end, entity_id), gain in zip(candidates, gains):
        if gain < NAME_MARGIN:
            continue  # removing it lowers the similarity: the translation says it another way (or it is a word)
        entity = gazetteer.by_id[entity_id]
        test = f"; removing it does not lower the similarity to the translation ({gain:+.3f})" if embedder else ""
        findings.append(Finding(
            type="omission", subtype="name", severity="medium",
            confidence=confidence("name_missing", group.confidence),
            original=Span.of(text_ar, start, end, group.src_ids), translation=Span(group.tgt_ids),
            evidence=f"{entity.english} ({entity.type}) is not named in the linked translation{test}",
            rule="name_missing", link_id=group.link_ids, signal=gain))
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
