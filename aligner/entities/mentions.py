"""Find name mentions in a document: gazetteer hits in both scripts, capitalised spans in
English, quoted spans in Arabic; unseen spellings are resolved by sound."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from aligner.datatypes import Document
from aligner.entities.gazetteer import Gazetteer, load_gazetteer
from aligner.normalize.arabic import normalize_arabic
from aligner.segment import quote_regions

_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_CONNECTOR = r"(?:al|el|ez|ad|as|ash|at|az|an|ar|ed|es|et|bin|ibn|abu|bu|de|du|von|van)"
_CAP_TOKEN = r"(?:%s-)?[A-Z][\w’'\-]*" % _CONNECTOR
_CAP_SPAN_RE = re.compile(r"(?<![\w\-])%s(?:[ \t]+(?:%s[ \t]+)?%s)*" % (_CAP_TOKEN, _CONNECTOR, _CAP_TOKEN))
_POSSESSIVE_RE = re.compile(r"[’']s$")
_COMPOUND_SUFFIX_RE = re.compile(r"-[a-z]+$")  # ISIS-held, US-backed
_LEADING_THE_RE = re.compile(r"^(?:The|A|An)\s+")
# Arabic clitics that can stand before a name: wa-, fa-, bi-, li-, ka- (and li+al- = لل).
_AR_PREFIX = r"(?:[وف]?[بلك]?)"
MAX_QUOTED_WORDS = 5


@dataclass(frozen=True)
class Mention:
    """A name as written in a document, and the entity it was resolved to (if any)."""

    document: str
    lang: str
    start: int
    end: int
    surface: str
    entity_id: str | None
    score: float
    source: str  # gazetteer | phonetic | unresolved


@lru_cache(maxsize=1)
def _latin_patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    patterns = []
    for entity in load_gazetteer().entities:
        for name in entity.names():
            if _ARABIC_RE.search(name) or not name.strip():
                continue
            body = r"[\s\-‐‑]+".join(re.escape(part) for part in re.split(r"[\s\-‐‑]+", name.strip()))
            if name[0].islower():
                body = "(?i:%s)%s" % (body[0], body[1:]) if body[0].isalpha() else body
            literal = re.split(r"[\s\-‐‑]+", name.strip())[-1]
            patterns.append((len(name), re.compile(r"(?<![\w\-])%s(?![\w\-])" % body), entity.id, literal))
    patterns.sort(key=lambda p: -p[0])
    return tuple((p, eid, literal) for _, p, eid, literal in patterns)


@lru_cache(maxsize=1)
def _arabic_patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    patterns = []
    for entity in load_gazetteer().entities:
        for name in entity.names():
            if not _ARABIC_RE.search(name):
                continue
            norm = normalize_arabic(name).text.replace('"', "").strip()
            words = [re.escape(w) for w in norm.split()]
            if not words:
                continue
            first = words[0]
            if norm.startswith("ال"):
                first = r"(?:%s|ل%s)" % (first, re.escape(norm.split()[0][1:]))
            body = r'[\s"]+'.join([first] + words[1:])
            literal = (norm.split()[-1] if len(norm.split()) > 1
                       else norm.split()[0][2:] if norm.startswith("ال") else norm)
            patterns.append((len(norm), re.compile(r"(?<!\w)%s(?P<name>%s)(?!\w)" % (_AR_PREFIX, body)),
                             entity.id, literal))
    patterns.sort(key=lambda p: -p[0])
    return tuple((p, eid, literal) for _, p, eid, literal in patterns)


def _take(spans: list[tuple[int, int, str]], start: int, end: int, entity_id: str) -> bool:
    """Keep a hit unless it overlaps one already kept; a hit inside a longer name of another
    entity is kept too (Deir ez-Zor inside Deir ez-Zor Military Council), unless the longer
    name is part of it (Baghuz inside Baghuz Fawqani)."""
    gazetteer = load_gazetteer()
    for a, b, other in spans:
        if not (a < end and start < b):
            continue
        nested = a <= start and end <= b and (a, b) != (start, end)
        if not nested or other == entity_id or gazetteer.group_of(other) == gazetteer.group_of(entity_id):
            return False
        if any(x <= start and end <= y and o == entity_id for x, y, o in spans):
            return False
    spans.append((start, end, entity_id))
    return True


def gazetteer_hits(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Spans of gazetteer names in ``text``: (start, end, entity id), longest names first."""
    return list(_gazetteer_hits_cached(text, lang))


@lru_cache(maxsize=8192)
def _gazetteer_hits_cached(text: str, lang: str) -> tuple[tuple[int, int, str], ...]:
    hits: list[tuple[int, int, str]] = []
    if lang == "ar":
        norm = normalize_arabic(text)
        for pattern, entity_id, literal in _arabic_patterns():
            if literal not in norm.text:  # cheap test before the regex
                continue
            for m in pattern.finditer(norm.text):
                a, b = norm.span(*m.span("name"))
                _take(hits, a, b, entity_id)
    else:
        for pattern, entity_id, literal in _latin_patterns():
            if literal not in text:  # cheap test before the regex
                continue
            for m in pattern.finditer(text):
                _take(hits, m.start(), m.end(), entity_id)
    return tuple(hits)


def _segments_for_spans(doc: Document):
    return [s for s in doc.sentences if s.kind in ("body", "headline", "subheading")]


def _candidate_spans(doc: Document) -> list[tuple[int, int]]:
    """Capitalised spans (English) or short quoted spans (Arabic) in running text."""
    spans: list[tuple[int, int]] = []
    if doc.lang == "ar":
        for seg in _segments_for_spans(doc):
            for a, b in quote_regions(doc.text, seg.start, seg.end, "ar"):
                inner_a, inner_b = a, b
                while inner_a < inner_b and not doc.text[inner_a].isalnum():
                    inner_a += 1
                while inner_b > inner_a and not doc.text[inner_b - 1].isalnum():
                    inner_b -= 1
                if 0 < len(doc.text[inner_a:inner_b].split()) <= MAX_QUOTED_WORDS:
                    spans.append((inner_a, inner_b))
        return spans
    mid_sentence_caps = {m.group() for s in doc.sentences for m in _CAP_SPAN_RE.finditer(s.text) if m.start() > 0}
    for seg in _segments_for_spans(doc):
        if seg.kind == "headline":
            continue  # title case: only gazetteer hits count there
        for m in _CAP_SPAN_RE.finditer(seg.text):
            a, b = seg.start + m.start(), seg.start + m.end()
            text = doc.text[a:b]
            lead = _LEADING_THE_RE.match(text)
            if lead:
                a += lead.end()
                text = doc.text[a:b]
            compound = _COMPOUND_SUFFIX_RE.search(text)
            if compound:
                b -= len(compound.group())
                text = doc.text[a:b]
            possessive = _POSSESSIVE_RE.search(text)
            if possessive:
                b -= len(possessive.group())
                text = doc.text[a:b]
            opener = m.start() == 0 or seg.text[:m.start()].rstrip()[-1:] in "“\"‘:("
            if opener and lead is None and " " not in text and text not in mid_sentence_caps:
                continue  # a capitalised sentence opener, not a name
            if len(text) > 1:
                spans.append((a, b))
    return spans


def find_mentions(doc: Document, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """All name mentions of a document, sorted by position."""
    gazetteer = gazetteer or load_gazetteer()
    boilerplate = [(s.start, s.end) for s in doc.sentences if s.kind not in ("body", "headline", "subheading")]
    mentions: list[Mention] = []
    taken: list[tuple[int, int, str]] = []
    for a, b, entity_id in sorted(gazetteer_hits(doc.text, doc.lang)):
        if any(x <= a < y for x, y in boilerplate):
            continue
        taken.append((a, b, entity_id))
        mentions.append(Mention(doc.id, doc.lang, a, b, doc.text[a:b], entity_id, 1.0, "gazetteer"))
    # taken is sorted by start: a span [a, b) overlaps one when a taken span starting before b
    # ends after a, i.e. when the furthest end among those starting before b is past a
    starts = [x for x, _, _ in taken]
    furthest_end = list(itertools.accumulate((y for _, y, _ in taken), max))
    for a, b in _candidate_spans(doc):
        before_end = bisect.bisect_left(starts, b)
        if before_end and furthest_end[before_end - 1] > a:
            continue
        surface = doc.text[a:b]
        entity, score = gazetteer.resolve(surface)
        mentions.append(Mention(doc.id, doc.lang, a, b, surface, entity.id if entity else None, score,
                                "phonetic" if entity else "unresolved"))
    return sorted(mentions, key=lambda m: (m.start, m.end))
