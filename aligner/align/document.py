"""Align an original document with its translation: Arabic clauses (or sentences) against
translation sentences, boilerplate kept out of the dynamic programme, links reported at
clause level and grouped into sentence-level links."""

from __future__ import annotations

from dataclasses import dataclass, field

from aligner.align.aligner import align_units
from aligner.align.components import component_roots
from aligner.align.scoring import Weights
from aligner.datatypes import Document, Segment
from aligner.embed import Embedder
from aligner.errors import InputError
from aligner.layout import BOILERPLATE_KINDS


@dataclass(frozen=True)
class Link:
    """Original units rendered by translation sentences (either side may be empty)."""

    id: str
    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    confidence: float
    features: dict[str, float] = field(default_factory=dict)
    note: str = ""
    sentence_link: str = ""

    @property
    def type(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def src_sentences(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.parent or s.id for s in self.src))

    @property
    def tgt_sentences(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.parent or s.id for s in self.tgt))


@dataclass
class Alignment:
    """All links of a document pair, in original order."""

    original: Document
    translation: Document
    links: list[Link]

    def sentence_links(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Sentence-level link id -> (original sentence ids, translation sentence ids)."""
        out: dict[str, tuple[list[str], list[str]]] = {}
        for link in self.links:
            src, tgt = out.setdefault(link.sentence_link, ([], []))
            src.extend(s for s in link.src_sentences if s not in src)
            tgt.extend(t for t in link.tgt_sentences if t not in tgt)
        return {k: (tuple(s), tuple(t)) for k, (s, t) in out.items()}


def _groups(units: list[Segment], sentences: list[Segment]) -> tuple[list[int], list[int]]:
    sentence_index = {s.id: k for k, s in enumerate(sentences)}
    return ([sentence_index.get(u.parent or u.id, 0) for u in units], [u.paragraph for u in units])


def align_documents(original: Document, translation: Document, embedder: Embedder,
                    weights: Weights | None = None) -> Alignment:
    """Clause-level links between an original and its translation."""
    src_all = original.units()
    tgt_all = translation.sentences
    src = [u for u in src_all if u.kind not in BOILERPLATE_KINDS]
    tgt = [u for u in tgt_all if u.kind not in BOILERPLATE_KINDS]
    try:
        beads = align_units([u.text for u in src], [u.text for u in tgt], original.lang, translation.lang,
                            embedder, weights, _groups(src, original.sentences), _groups(tgt, translation.sentences))
    except InputError as exc:  # too long for memory: name the files
        raise InputError(f"{original.path}, {translation.path}: {exc}") from None
    raw: list[tuple[tuple[Segment, ...], tuple[Segment, ...], float, dict[str, float], str]] = []
    for bead in beads:
        raw.append((tuple(src[i] for i in bead.src), tuple(tgt[j] for j in bead.tgt), bead.confidence,
                    bead.features, ""))
    for u in src_all:
        if u.kind in BOILERPLATE_KINDS:
            raw.append(((u,), (), 1.0, {}, f"boilerplate: {u.kind}"))
    for u in tgt_all:
        if u.kind in BOILERPLATE_KINDS:
            raw.append(((), (u,), 1.0, {}, f"boilerplate: {u.kind}"))

    # where each link with both sides stands: (its translation's start, its original's start)
    anchors = sorted((x[1][0].start, x[0][0].start) for x in raw if x[0] and x[1])

    def position(item) -> tuple[float, float]:
        """Links in original order; a translation-only link right after the last link whose
        translation comes before it (an added sentence shows where it was added)."""
        s, t = item[0], item[1]
        if s:
            return (s[0].start, 0)
        before = [o for start, o in anchors if start < t[0].start]
        return ((max(before) + 0.5) if before else -1.0, t[0].start)

    raw.sort(key=position)
    links = [Link(f"L{k}", s, t, round(c, 4), f, note) for k, (s, t, c, f, note) in enumerate(raw, start=1)]
    return Alignment(original, translation, _assign_sentence_links(links))


def _assign_sentence_links(links: list[Link]) -> list[Link]:
    """Group clause links that share a sentence (either side) into one sentence-level link."""
    nodes = [[f"s:{s}" for s in link.src_sentences] + [f"t:{t}" for t in link.tgt_sentences] for link in links]
    roots = component_roots(nodes)
    names: dict[str, str] = {}
    out = []
    for link, link_nodes in zip(links, nodes):
        root = roots[link_nodes[0]]
        names.setdefault(root, f"S{len(names) + 1}")
        out.append(Link(link.id, link.src, link.tgt, link.confidence, link.features, link.note, names[root]))
    return out
