"""Sentence-level link groups: the unit in which word-level content is compared."""

from __future__ import annotations

from dataclasses import dataclass

from aligner.align.document import Alignment, Link
from aligner.datatypes import Document, Segment
from aligner.layout import BOILERPLATE_KINDS


@dataclass(frozen=True)
class Group:
    """Original sentences and the translation sentences linked to them."""

    id: str
    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    links: tuple[Link, ...]
    confidence: float

    @property
    def src_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.src)

    @property
    def tgt_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tgt)

    @property
    def link_ids(self) -> str:
        return " ".join(link.id for link in self.links)

    def tgt_span(self) -> tuple[int, int]:
        return self.tgt[0].start, self.tgt[-1].end

    def sides(self, alignment: Alignment) -> tuple[Side, Side]:
        """The original side and the translation side of this group."""
        return Side(alignment.original, self.src), Side(alignment.translation, self.tgt)


@dataclass(frozen=True)
class Side:
    """One side of a link group: its document and the linked sentences, in order."""

    doc: Document
    segments: tuple[Segment, ...]

    @property
    def lang(self) -> str:
        return self.doc.lang

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    @property
    def text(self) -> str:
        """The linked sentences' text (with what stands between them)."""
        return self.doc.text[self.start:self.end]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.segments)

    def relative(self, position: int) -> float:
        """Where ``position`` falls in the side's text, from 0 (start) to 1 (end)."""
        return (position - self.start) / max(1, self.end - self.start)

    def sentence_at(self, position: int) -> Segment:
        return next((s for s in self.segments if s.start <= position < s.end), self.segments[-1])


def link_groups(alignment: Alignment) -> list[Group]:
    """Groups with text on both sides and no boilerplate: where content can be compared."""
    by_id = {s.id: s for s in alignment.original.sentences}
    by_id_t = {s.id: s for s in alignment.translation.sentences}
    links_of: dict[str, list[Link]] = {}
    for link in alignment.links:
        links_of.setdefault(link.sentence_link, []).append(link)
    groups = []
    for gid, (src_ids, tgt_ids) in alignment.sentence_links().items():
        src = tuple(by_id[s] for s in src_ids if by_id[s].kind not in BOILERPLATE_KINDS)
        tgt = tuple(by_id_t[t] for t in tgt_ids if by_id_t[t].kind not in BOILERPLATE_KINDS)
        if not src or not tgt:
            continue
        aligned = [link.confidence for link in links_of[gid] if link.src and link.tgt]
        groups.append(Group(gid, tuple(sorted(src, key=lambda s: s.start)), tuple(sorted(tgt, key=lambda s: s.start)),
                            tuple(links_of[gid]), min(aligned) if aligned else 0.0))
    return groups
