"""The aligners compared in the evaluation, each as ``align(doc) -> list of links``:
ours (clause units for Arabic, lifted to sentences), nltk's Gale-Church, and sentalign
(vecalign's dynamic programme) fed the same USE embeddings."""

from __future__ import annotations

from aligner.align.aligner import Bead, align_units
from aligner.align.components import component_roots
from aligner.align.scoring import Weights
from aligner.embed import Embedder
from aligner.evaluation.data import ROOT, EvalDoc
from aligner.segment import clause_spans

CACHE = ROOT / ".cache" / "embeddings.sqlite"


def make_embedder() -> Embedder:
    return Embedder(cache_path=CACHE)


def clause_units(sentences: list[str], lang: str) -> tuple[list[str], list[int]]:
    """Clauses of each sentence (Arabic) or the sentences themselves, with their sentence index."""
    units, owner = [], []
    for k, sentence in enumerate(sentences):
        spans = clause_spans(sentence, 0, len(sentence)) if lang == "ar" else [(0, len(sentence))]
        spans = spans or [(0, len(sentence))]
        for a, b in spans:
            units.append(sentence[a:b] or sentence)
            owner.append(k)
    return units, owner


def lift(beads: list[Bead], src_owner: list[int], tgt_owner: list[int], n: int,
         m: int) -> list[tuple[list[int], list[int]]]:
    """Clause-level beads to sentence-level links: beads sharing a sentence are joined."""
    linked = [bead for bead in beads if bead.src and bead.tgt]
    roots = component_roots([("s", src_owner[i]) for i in bead.src] + [("t", tgt_owner[j]) for j in bead.tgt]
                            for bead in linked)
    aligned_src = {src_owner[i] for bead in linked for i in bead.src}
    aligned_tgt = {tgt_owner[j] for bead in linked for j in bead.tgt}
    groups: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for node, root in roots.items():
        s, t = groups.setdefault(root, (set(), set()))
        (s if node[0] == "s" else t).add(node[1])
    links = [(sorted(s), sorted(t)) for s, t in groups.values()]
    links += [([i], []) for i in range(n) if i not in aligned_src]
    links += [([], [j]) for j in range(m) if j not in aligned_tgt]
    return links


def document_units(doc: EvalDoc, clauses: bool = True) -> tuple[list[str], list[int], list[str], list[int]]:
    """The units our aligner sees for a document (Arabic clauses, else sentences), each side with
    the sentence index of every unit."""
    src_units, src_owner = clause_units(doc.src, doc.src_lang if clauses else "")
    tgt_units, tgt_owner = clause_units(doc.tgt, doc.tgt_lang if clauses else "")
    return src_units, src_owner, tgt_units, tgt_owner


def sentence_groups(owner: list[int]) -> tuple[list[int], list[int]]:
    """(sentence, paragraph) of each unit: the evaluation sets carry no paragraphs."""
    return owner, [0] * len(owner)


def ours(doc: EvalDoc, embedder: Embedder, weights: Weights | None = None, clauses: bool = True):
    src_units, src_owner, tgt_units, tgt_owner = document_units(doc, clauses)
    beads = align_units(src_units, tgt_units, doc.src_lang, doc.tgt_lang, embedder, weights,
                        src_groups=sentence_groups(src_owner), tgt_groups=sentence_groups(tgt_owner))
    return lift(beads, src_owner, tgt_owner, len(doc.src), len(doc.tgt))


def _components(pairs: list[tuple[int, int]], n: int, m: int):
    beads = [Bead((i,), (j,), 1.0) for i, j in pairs]
    return lift(beads, list(range(n)), list(range(m)), n, m)


def gale_church(doc: EvalDoc, embedder: Embedder | None = None):
    from nltk.translate.gale_church import align_blocks

    src_lens = [max(1, len(s)) for s in doc.src]
    tgt_lens = [max(1, len(t)) for t in doc.tgt]
    pairs = align_blocks(src_lens, tgt_lens)
    return _components(pairs, len(doc.src), len(doc.tgt))


def sentalign_peer(doc: EvalDoc, embedder: Embedder):
    from sentalign import sentalign

    result = sentalign(doc.src, doc.tgt, encoder=lambda texts: embedder.embed(list(texts)),
                       alignment_max_size=8)
    return [(list(a.src_indices), list(a.tgt_indices)) for a in result.alignments]


