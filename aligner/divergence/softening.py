"""Loaded terms rendered neutrally or dropped (softening), and neutral wording made loaded
(intensification), with Arabic or English as the original.

A loaded word of the original is a candidate when no rendering that keeps its force stands at
about the same place in the linked translation. Before it is reported, two checks read it in
context: is this occurrence used in its loaded sense at all (``senses.py``: جريمة قتل is
'murder', دوري أبطال is the Champions League), and does the translation mean the loaded or the
neutral thing? For the second, the sentence encoder compares the translation with the original
as written and with the loaded word swapped for its neutral counterpart (استشهد -> قتل): a
translation that sits closer to the swapped sentence says the neutral thing.
"""

from __future__ import annotations

import re

from aligner.align.document import Alignment
from aligner.divergence.cues import (
    LoadedTerm,
    any_loaded_term,
    content_cues,
    find_arabic,
    find_english,
    loaded_terms,
    normalized_arabic,
)
from aligner.divergence.findings import Finding, Span
from aligner.divergence.groups import Group, Side
from aligner.divergence.meaning import edit_gains
from aligner.divergence.rules import confidence
from aligner.divergence.senses import loaded_sense, paragraph_bounds
from aligner.embed import Embedder
from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.mentions import gazetteer_hits

NAMED_GROUP_TYPES = ("group", "organisation", "person")  # names a loaded label can stand before
# The translation keeps a loaded word's force when swapping the word for its neutral counterpart
# lowers the similarity below SWAP_MARGIN; it loads a neutral word when swapping in the loaded one
# raises the similarity above INTENSIFY_MARGIN (lower: an English loaded word beside an Arabic
# neutral one is already specific evidence). Both set on the dev half of the written pairs
# (aligner/evaluation/data/loaded_pairs.tsv).
SWAP_MARGIN = -0.02  # (dev: softened found 36/53 at 0, 42/53 here; no faithful pair flagged at either)
INTENSIFY_MARGIN = -0.03
_QUOTED_NAME_RE = re.compile(r'^\s*(["“«‘])(\w[^"”»’]{1,79})(["”»’])')  # a quoted name begins with a letter
_PROCLITICS_RE = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?لل|[وف]?[بلك]|[وف])")

Spans = list[tuple[int, int]]


def whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened to the word(s) it cuts into ('acknowledg' -> 'acknowledged')."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _arabic_spans(term: LoadedTerm, side: Side, *, loaded_only: bool) -> Spans:
    """Occurrences of ``term`` on an Arabic side (in its loaded sense only, if asked)."""
    text, spans = side.doc.text, []
    for seg in side.segments:
        if not term.arabic.search(normalized_arabic(seg.text).text):
            continue
        paragraph = paragraph_bounds(side.doc.sentences, seg)
        for a, b in find_arabic(term.arabic, text, seg.start, seg.end):
            if not loaded_only or loaded_sense(term, text, a, b, seg.start, seg.end, paragraph):
                spans.append((a, b))
    return spans


def _english_spans(pattern: re.Pattern[str] | None, side: Side) -> Spans:
    return [whole_word(side.doc.text, a, b) for a, b in find_english(pattern, side.doc.text, side.start, side.end)]


def _unpaired(spans: Spans, side: Side, renderings: Spans, other: Side) -> Spans:
    """The occurrences left once each rendering on the other side takes the nearest one by
    relative position."""
    free = list(range(len(spans)))
    for x, _ in renderings:
        if not free:
            break
        place = other.relative(x)
        free.remove(min(free, key=lambda k: abs(side.relative(spans[k][0]) - place)))
    return [spans[k] for k in free]


def _nearest(spans: Spans, side: Side, place: float) -> tuple[int, int] | None:
    return min(spans, key=lambda s: abs(side.relative(s[0]) - place)) if spans else None


def _arabic_swap(text: str, start: int, end: int, word: str) -> tuple[int, int, str]:
    """The edit that puts ``word`` in place of the Arabic term at ``text[start:end]``, keeping the
    term's clitics and article, and the words after its first (النظام السوري -> الحكومة السوري)."""
    first = text[start:end].split()[0] if text[start:end].split() else ""
    end = start + text[start:end].index(first) + len(first) if first else end
    prefix = _PROCLITICS_RE.match(normalized_arabic(first).text)
    clitics = prefix.group() if prefix else ""
    if word.startswith("ال") and clitics.endswith("ال"):
        clitics = clitics[:-2]
    return start, end, clitics + word


def _named_after(side: Side, end: int) -> tuple[int, str] | None:
    """The end offset and text of a group's own name right after a label (ميليشيا «جيش مغاوير
    الثورة»), or None: a place or demonym after the term (الاحتلال الأمريكي) names no group."""
    sentence = side.sentence_at(end)
    rest = side.doc.text[end:sentence.end]
    quoted = _QUOTED_NAME_RE.match(rest)
    if quoted:
        return end + quoted.end(), quoted.group(2).strip()
    entities = load_gazetteer().by_id
    for a, b, eid in gazetteer_hits(rest, side.lang):
        if eid in entities and entities[eid].type in NAMED_GROUP_TYPES and not rest[:a].strip():
            return end + b, rest[a:b]
    return None


def _gains(embedder: Embedder | None, other: Side, side: Side, edits: list[tuple[int, int, str]]) -> list[float]:
    """Similarity of ``other`` to ``side`` after each edit minus before (0 without an encoder)."""
    if embedder is None:
        return [0.0] * len(edits)
    return edit_gains(embedder, other.text, side.doc.text, side.start, side.end, edits)


def loaded_term_findings(group: Group, alignment: Alignment, embedder: Embedder | None = None) -> list[Finding]:
    """Softening and intensification findings of one link group."""
    original, translation = group.sides(alignment)
    if "ar" not in (original.lang, translation.lang) or "en" not in (original.lang, translation.lang):
        return []
    arabic = original if original.lang == "ar" else translation
    english = translation if arabic is original else original
    if not any(any_loaded_term().search(normalized_arabic(s.text).text) for s in arabic.segments) and not (
            arabic is translation
            and any(t.en_original and t.en_original.search(english.text) for t in loaded_terms())):
        return []
    if arabic is original:
        return _from_arabic_original(group, arabic, english, embedder)
    return _from_english_original(group, english, arabic, embedder)


def _from_arabic_original(group: Group, arabic: Side, english: Side, embedder: Embedder | None) -> list[Finding]:
    findings: list[Finding] = []
    terms = [(t, _arabic_spans(t, arabic, loaded_only=True)) for t in loaded_terms()]
    claimed: Spans | None = None  # worked out once, when the first reverse check needs it
    for term, spans in terms:
        if spans:
            candidates = _unpaired(spans, arabic, _english_spans(term.loaded_en, english), english)
            # a label before a group's own name is tested by leaving it out (the translation names the
            # group bare); any other loaded word by putting its neutral counterpart in its place
            edits = [(a, b, "") if _named_after(arabic, b) else _arabic_swap(arabic.doc.text, a, b, term.ar_swap)
                     for a, b in candidates]
            for (a, b), gain in zip(candidates, _gains(embedder, english, arabic, edits)):
                if gain < SWAP_MARGIN:
                    continue  # the English sits closer to the loaded wording: it keeps the force
                findings.append(_softening(group, term, arabic, english, (a, b), gain, embedder is not None))
        elif term.arabic_neutral is not None and term.arabic_neutral.search(normalized_arabic(arabic.text).text):
            claimed = _explained_renderings(arabic, english) if claimed is None else claimed
            findings.extend(_intensified(group, term, arabic, english, claimed, embedder))
    return findings


def _explained_renderings(arabic: Side, english: Side) -> Spans:
    """English words that some Arabic word of the link accounts for, and so are no sign of
    intensification: the renderings of every loaded term the Arabic uses (in any sense: غير قانوني
    explains 'illegal') and of every modifier it has (عنيفة explains 'violent')."""
    claimed = [s for t in loaded_terms() if _arabic_spans(t, arabic, loaded_only=False)
               for s in _english_spans(t.loaded_en, english)]
    for cue in content_cues():
        if cue.category == "modifier" and any(find_arabic(cue.pattern, arabic.doc.text, seg.start, seg.end)
                                              for seg in arabic.segments):
            claimed.extend(_english_spans(cue.renderings, english))
    return claimed


def _softening(group: Group, term: LoadedTerm, original: Side, translation: Side, span: tuple[int, int],
               gain: float, tested: bool) -> Finding:
    """A loaded word of the original not carried over: label dropped, rendered neutrally, or dropped."""
    text = original.doc.text
    a, b = span
    word = text[a:b]
    swap = term.ar_swap if original.lang == "ar" else term.en_neutral
    named = _named_after(original, b) if original.lang == "ar" else None
    test = ((f"; the translation sits closer to the original without it ({gain:+.3f})" if named else
             f"; the translation sits closer to the original with '{swap}' in its place ({gain:+.3f})")
            if tested else "")
    neutral_pattern = term.neutral_en if translation.lang == "en" else term.arabic_neutral
    neutral = (_english_spans(neutral_pattern, translation) if translation.lang == "en"
               else [s for seg in translation.segments
                     for s in find_arabic(neutral_pattern, translation.doc.text, seg.start, seg.end)]
               ) if neutral_pattern is not None else []
    rendering = _nearest(neutral, translation, original.relative(a))
    if named is not None:
        end, name = named
        rule, subtype = "label_dropped", "label_dropped"
        original_span = Span.of(text, a, end, original.ids)
        evidence = (f"'{word}' ({term.asserts}) before «{name}»: the translation names the group without "
                    f"the label{test}")
        translation_span = Span(translation.ids)
    elif rendering is not None:
        rule, subtype = "rendered_neutrally", "rendered_neutrally"
        original_span = Span.of(text, a, b, original.ids)
        said = translation.doc.text[rendering[0]:rendering[1]]
        evidence = f"'{word}' ({term.asserts}) rendered neutrally as '{said}'{test}"
        translation_span = Span.of(translation.doc.text, *rendering, translation.ids)
    else:
        rule, subtype = "loaded_dropped", "dropped"
        original_span = Span.of(text, a, b, original.ids)
        evidence = f"'{word}' ({term.asserts}) has no rendering that keeps its force in the linked translation{test}"
        translation_span = Span(translation.ids)
    return Finding(type="softening", subtype=subtype, severity=term.severity,
                   confidence=confidence(rule, group.confidence), original=original_span,
                   translation=translation_span, evidence=evidence, rule=f"{rule}:{term.id}",
                   link_id=group.link_ids)


def _intensified(group: Group, term: LoadedTerm, arabic: Side, english: Side, claimed: Spans,
                 embedder: Embedder | None) -> list[Finding]:
    """An English loaded rendering where the Arabic original has the neutral word."""
    neutral = [s for seg in arabic.segments
               for s in find_arabic(term.arabic_neutral, arabic.doc.text, seg.start, seg.end)]
    if not neutral:
        return []
    loaded = [(x, y) for x, y in _english_spans(term.loaded_en, english)
              if not any(a < y and x < b for a, b in claimed)]
    if not loaded:
        return []
    x, y = loaded[0]
    a, b = _nearest(neutral, arabic, english.relative(x))
    form = term.forms[0]
    gain = _gains(embedder, english, arabic, [_arabic_swap(arabic.doc.text, a, b, form)])[0]
    if embedder is not None and gain <= INTENSIFY_MARGIN:
        return []  # the English sits closer to the neutral wording
    return [_intensification(group, term, Span.of(arabic.doc.text, a, b, arabic.ids),
                             Span.of(english.doc.text, x, y, english.ids), gain, embedder is not None)]


def _intensification(group: Group, term: LoadedTerm, original: Span, translation: Span, gain: float,
                     tested: bool) -> Finding:
    test = f"; the original would match the translation better with the loaded word ({gain:+.3f})" if tested else ""
    return Finding(type="intensification", subtype="loaded_rendering", severity=term.severity,
                   confidence=confidence("loaded_rendering", group.confidence), original=original,
                   translation=translation,
                   evidence=f"the translation says '{translation.text}' ({term.asserts}) where the original has "
                   f"the neutral '{original.text}'{test}",
                   rule=f"loaded_rendering:{term.id}", link_id=group.link_ids)


def _from_english_original(group: Group, english: Side, arabic: Side, embedder: Embedder | None) -> list[Finding]:
    findings: list[Finding] = []
    for term in loaded_terms():
        if term.en_original is None:
            continue
        spans = _english_spans(term.en_original, english)
        rendered = _arabic_spans(term, arabic, loaded_only=False)
        if spans:
            candidates = _unpaired(spans, english, rendered, arabic)
            edits = [(x, y, term.en_neutral) for x, y in candidates]
            for (x, y), gain in zip(candidates, _gains(embedder, arabic, english, edits)):
                if gain < SWAP_MARGIN or not term.en_neutral:
                    continue
                findings.append(_softening(group, term, english, arabic, (x, y), gain, embedder is not None))
        elif not _english_spans(term.loaded_en, english):  # 'allegations' is no neutral wording
            loaded = [s for s in rendered
                      if loaded_sense(term, arabic.doc.text, *s, *_sentence_bounds(arabic, s[0]),
                                      paragraph_bounds(arabic.doc.sentences, arabic.sentence_at(s[0])))]
            neutral = _english_spans(term.neutral_en, english)
            if not loaded or not neutral:
                continue
            a, b = loaded[0]
            x, y = _nearest(neutral, english, arabic.relative(a))
            gain = _gains(embedder, english, arabic, [_arabic_swap(arabic.doc.text, a, b, term.ar_swap)])[0]
            if embedder is not None and gain <= INTENSIFY_MARGIN:
                continue  # the English original sits closer to the loaded wording
            findings.append(_intensification(group, term, Span.of(english.doc.text, x, y, english.ids),
                                             Span.of(arabic.doc.text, a, b, arabic.ids), gain, embedder is not None))
    return findings


def _sentence_bounds(side: Side, position: int) -> tuple[int, int]:
    sentence = side.sentence_at(position)
    return sentence.start, sentence.end
