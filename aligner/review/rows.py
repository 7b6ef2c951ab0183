"""What the review page draws: one row per sentence-level link, each sentence cut into highlight pieces.

A finding is highlighted at its own span on each side (a softening's Arabic term and the English
word that renders it). Where it has no span on a side but names sentences there (an omission names
the translation sentences its original is linked to), those sentences are marked lightly instead
("context"). A span that is just the whole link it belongs to says where, not what, and is also
drawn lightly; a row whose original has no translation (an omitted sentence) is shaded in place.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from aligner.layout import BOILERPLATE_KINDS
from aligner.report.columns import ORIGINAL, SIDES, TRANSLATION
from aligner.review.links import Link, Sentence, Sentences

Span = tuple[int, int]


class Origin:
    """Where a finding on the review page comes from."""

    TOOL = "tool"  # the aligner's findings.csv (or findings_low.csv)
    REVIEWER = "reviewer"  # added by a reviewer on the page
    ORPHAN = "orphan"  # decided, but a re-run of the aligner no longer reports it


@dataclass(frozen=True)
class Mark:
    """A finding's highlight over one side's text."""

    start: int
    end: int
    finding_id: str
    kind: str  # the finding's type (its colour)
    strong: bool  # its own span; False for context (the sentences it is linked to)
    low: bool  # a low-confidence finding (hidden until the reviewer asks for those)


@dataclass(frozen=True)
class Piece:
    """A stretch of one side's text, with the findings highlighted over it."""

    text: str
    start: int
    finding_ids: tuple[str, ...] = ()
    kind: str = ""
    context_ids: tuple[str, ...] = ()
    low: bool = False  # every finding marked on it is a low-confidence one


@dataclass(frozen=True)
class SentenceView:
    """One sentence of a row, in pieces."""

    id: str
    kind: str
    pieces: tuple[Piece, ...]


@dataclass
class Row:
    """One sentence-level link: the original and translated sentences it joins."""

    id: str
    link_type: str
    note: str
    confidence: float | str
    original: list[SentenceView] = field(default_factory=list)
    translation: list[SentenceView] = field(default_factory=list)
    context_ids: list[str] = field(default_factory=list)  # the findings on this row
    edited: bool = False

    @property
    def omitted(self) -> bool:
        """An original sentence with nothing in the translation."""
        return bool(self.original) and not self.translation

    @property
    def added(self) -> bool:
        """Translation with nothing in the original."""
        return bool(self.translation) and not self.original


@dataclass
class Layout:
    """The rows of a pair, and for each finding the rows it is on and whether it is boilerplate."""

    rows: list[Row]
    finding_rows: dict[str, list[str]]
    boilerplate: dict[str, bool]


def _int(value: Any) -> int | None:
    return int(float(value)) if value not in (None, "") else None


def finding_span(finding: dict[str, Any], side: str) -> Span | None:
    start, end = _int(finding.get(f"{side}_start")), _int(finding.get(f"{side}_end"))
    return (start, end) if start is not None and end is not None and end > start else None


def link_spans(alignment: list[dict[str, str]]) -> dict[str, dict[str, Span]]:
    """Each clause link's span on each side, by link id."""
    spans: dict[str, dict[str, Span]] = {}
    for link in alignment:
        for side in SIDES:
            s, e = _int(link.get(f"{side}_start")), _int(link.get(f"{side}_end"))
            if s is not None and e is not None:
                spans.setdefault(link["link_id"], {})[side] = (s, e)
    return spans


def _is_context(finding: dict[str, Any], span: Span, side: str, links: dict[str, dict[str, Span]]) -> bool:
    """True when a tool finding's span on this side is just its whole link (where, not what)."""
    parts = [links[k][side] for k in finding.get("link_id", "").split() if side in links.get(k, {})]
    whole = (min(s for s, _ in parts), max(e for _, e in parts)) if parts else None
    return whole is not None and span == whole and finding.get("origin") == Origin.TOOL


def _marks(findings: list[dict[str, Any]], sentences: Sentences,
           links: dict[str, dict[str, Span]]) -> dict[str, list[Mark]]:
    marks: dict[str, list[Mark]] = {side: [] for side in SIDES}
    for f in findings:
        low = bool(f.get("low"))
        for side in SIDES:
            span = finding_span(f, side)
            if span:
                marks[side].append(Mark(*span, f["finding_id"], f["type"], not _is_context(f, span, side, links), low))
                continue
            for segment_id in f.get(f"{side}_segment_ids", "").split():
                s = sentences.get(side, segment_id)
                if s is not None:
                    marks[side].append(Mark(s.start, s.end, f["finding_id"], f["type"], False, low))
    return marks


def _by_sentence(marks: list[Mark], ordered: list[Sentence]) -> dict[str, list[Mark]]:
    """The marks over each sentence (a mark may cover several)."""
    starts = [s.start for s in ordered]
    out: dict[str, list[Mark]] = {}
    for m in marks:
        i = max(0, bisect_right(starts, m.start) - 1)
        while i < len(ordered) and ordered[i].start < m.end:
            if ordered[i].end > m.start:
                out.setdefault(ordered[i].id, []).append(m)
            i += 1
    return out


def _pieces(text: str, sentence: Sentence, marks: list[Mark]) -> tuple[Piece, ...]:
    """Cut a sentence where highlights begin or end."""
    start, end = sentence.start, sentence.end
    cuts = {start, end}
    for m in marks:
        cuts.update((max(m.start, start), min(m.end, end)))
    bounds = sorted(cuts)
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        strong = [m for m in covering if m.strong]
        light = [m for m in covering if not m.strong]
        shown = strong or light
        pieces.append(Piece(text[a:b], a, tuple(dict.fromkeys(m.finding_id for m in strong)),
                            shown[0].kind if shown else "", tuple(dict.fromkeys(m.finding_id for m in light)),
                            bool(shown) and all(m.low for m in shown)))
    return tuple(pieces)


def _reading_order(keys: list[tuple[Span | None, Span | None]]) -> list[int]:
    """Rows by position in the original; a row with a translation only goes after the last row
    whose translation precedes it."""
    # Rows with both sides, by where their translation ends, with the furthest original start so far.
    both = sorted((k[1][1], k[0][0]) for k in keys if k[0] and k[1])
    ends = [end for end, _ in both]
    furthest, best = [], None
    for _, start in both:
        best = start if best is None else max(best, start)
        furthest.append(best)

    def key(i: int) -> tuple[float, int]:
        original, translation = keys[i]
        if original:
            return (original[0], translation[0] if translation else -1)
        n = bisect_right(ends, translation[0])
        return ((furthest[n - 1] + 0.5) if n else -1.0, translation[0])
    return sorted(range(len(keys)), key=key)


def _note(link: Link, sentences: Sentences) -> str:
    if link.note or not link.edited:
        return link.note
    kinds = {sentences.by_id[side][i].kind for side in SIDES for i in link.ids(side)}
    return f"boilerplate: {kinds.pop()}" if len(kinds) == 1 and kinds <= BOILERPLATE_KINDS else ""


def build_layout(links: list[Link], findings: list[dict[str, Any]], sentences: Sentences,
                 texts: dict[str, str], alignment: list[dict[str, str]]) -> Layout:
    """Rows in reading order with their highlight pieces; the rows of each finding."""
    marks = _marks(findings, sentences, link_spans(alignment))
    ordered = {side: sentences.in_order(side) for side in SIDES}
    per_sentence = {side: _by_sentence(marks[side], ordered[side]) for side in SIDES}
    row_of = {(side, i): link.id for link in links for side in SIDES for i in link.ids(side)}
    finding_sentences: dict[str, set[tuple[str, str]]] = {f["finding_id"]: set() for f in findings}
    for side in SIDES:
        for sid, sentence_marks in per_sentence[side].items():
            for m in sentence_marks:
                finding_sentences[m.finding_id].add((side, sid))
    rows, keys = {}, []
    for link in links:
        row = Row(link.id, link.shape, _note(link, sentences), link.confidence, edited=link.edited)
        bounds = {}
        for side in SIDES:
            views = []
            for sid in link.ids(side):
                s = sentences.by_id[side][sid]
                views.append(SentenceView(sid, s.kind, _pieces(texts[side], s, per_sentence[side].get(sid, []))))
            setattr(row, side, views)
            spans = [(sentences.by_id[side][i].start, sentences.by_id[side][i].end) for i in link.ids(side)]
            bounds[side] = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None
        rows[link.id] = row
        keys.append((bounds[ORIGINAL], bounds[TRANSLATION]))
    in_order = [links[i].id for i in _reading_order(keys)]
    position = {row_id: n for n, row_id in enumerate(in_order)}
    finding_rows: dict[str, list[str]] = {}
    boilerplate: dict[str, bool] = {}
    for f in findings:
        fid = f["finding_id"]
        touched = finding_sentences[fid]
        finding_rows[fid] = sorted({row_of[t] for t in touched if t in row_of}, key=position.__getitem__)
        kinds = {sentences.by_id[side][sid].kind for side, sid in touched}
        boilerplate[fid] = f.get("subtype") in BOILERPLATE_KINDS or (bool(kinds) and kinds <= BOILERPLATE_KINDS)
        for row_id in finding_rows[fid]:
            rows[row_id].context_ids.append(fid)
    return Layout([rows[i] for i in in_order], finding_rows, boilerplate)
