"""Cluster name mentions across a corpus into entities and flag inconsistent spellings."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aligner.datatypes import Document
from aligner.entities.gazetteer import Gazetteer, load_gazetteer, lookup_key
from aligner.entities.mentions import Mention, find_mentions
from aligner.entities.name_index import NameIndex
from aligner.entities.phonetic import MATCH_THRESHOLD, default_matcher, name_similarity

_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")

ENTITY_COLUMNS = ["entity_group", "entity_id", "type", "canonical", "arabic", "variant", "script", "known_spelling",
                  "match_score", "total_count", "documents"]
FLAG_COLUMNS = ["flag", "entity_id", "canonical", "arabic", "documents", "variants", "evidence"]


@dataclass(frozen=True)
class CorpusEntities:
    """Mentions of every document and the entity each cluster stands for."""

    mentions: tuple[Mention, ...]
    cluster_of: dict[tuple[str, str], str]  # (document, surface) -> entity or new-cluster id


def _surface(mention: Mention) -> str:
    return " ".join(mention.surface.split())


def cluster_mentions(documents: Iterable[Document], gazetteer: Gazetteer | None = None) -> CorpusEntities:
    """Find mentions in each document; gazetteer entities keep their ids, the rest cluster by sound
    (a mention joins the first new cluster whose first spelling it sounds like, found through a
    blocking index)."""
    gazetteer = gazetteer or load_gazetteer()
    mentions = tuple(m for doc in documents for m in find_mentions(doc, gazetteer))
    cluster_of: dict[tuple[str, str], str] = {}
    representatives = NameIndex([], default_matcher(), MATCH_THRESHOLD)  # one spelling per new cluster
    new_clusters: list[str] = []
    for m in mentions:
        key = (m.document, _surface(m))
        if m.entity_id:
            cluster_of[key] = m.entity_id
            continue
        found = representatives.matches(_surface(m))
        if found:
            cluster_of[key] = new_clusters[min(found)]  # the first cluster it sounds like
        else:
            cid = "new:" + lookup_key(_surface(m)).replace(" ", "_")
            representatives.add(_surface(m))
            new_clusters.append(cid)
            cluster_of[key] = cid
    return CorpusEntities(mentions, cluster_of)


def entity_rows(corpus: CorpusEntities, gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """One row per (entity, spelling): documents and counts of that spelling."""
    gazetteer = gazetteer or load_gazetteer()
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    scores: dict[tuple[str, str], float] = {}
    for m in corpus.mentions:
        cid = corpus.cluster_of[(m.document, _surface(m))]
        counts[(cid, _surface(m))][m.document] += 1
        scores[(cid, _surface(m))] = m.score
    rows = []
    order = sorted(counts.items(),
                   key=lambda kv: (gazetteer.group_of(kv[0][0]), kv[0][0], -sum(kv[1].values()), kv[0][1]))
    for (cid, variant), per_doc in order:
        entity = gazetteer.by_id.get(cid)
        rows.append({
            "entity_group": gazetteer.group_of(cid),
            "entity_id": cid,
            "type": entity.type if entity else "unknown",
            "canonical": entity.english if entity else variant,
            "arabic": entity.arabic if entity else "",
            "variant": variant,
            "script": "arabic" if _ARABIC_RE.search(variant) else "latin",
            "known_spelling": "yes" if gazetteer.is_known_spelling(variant) else "no",
            "match_score": round(scores[(cid, variant)], 3),
            "total_count": sum(per_doc.values()),
            "documents": "; ".join(f"{d} ({n})" for d, n in sorted(per_doc.items())),
        })
    return rows


def inconsistency_flags(corpus: CorpusEntities, pairs: list[tuple[str, str]] = (),
                        gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Spelling inconsistencies within a document, and between a translation and its original.

    ``pairs`` lists (original document id, translation document id).
    """
    gazetteer = gazetteer or load_gazetteer()
    by_doc_entity: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for m in corpus.mentions:
        cid = corpus.cluster_of[(m.document, _surface(m))]
        by_doc_entity[(m.document, cid)][_surface(m)] += 1
    flags = []
    for (doc, cid), variants in sorted(by_doc_entity.items()):
        names = sorted(variants)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                same_script = bool(_ARABIC_RE.search(a)) == bool(_ARABIC_RE.search(b))
                if not same_script or lookup_key(a) == lookup_key(b):
                    continue
                score = name_similarity(a, b)
                if score >= MATCH_THRESHOLD:  # spelling variants, not aliases like SDF / Syrian Democratic Forces
                    flags.append(_flag("within_document", cid, gazetteer, doc,
                                       f"{a} ({variants[a]}) | {b} ({variants[b]})",
                                       f"one document spells the same name two ways (similarity {score:.2f})"))
    for original, translation in pairs:
        original_entities = {cid for (doc, cid) in by_doc_entity if doc == original}
        for (doc, cid), variants in sorted(by_doc_entity.items()):
            if doc != translation or cid not in original_entities or cid.startswith("new:"):
                continue
            entity = gazetteer.by_id[cid]
            odd = [v for v in variants if not gazetteer.is_known_spelling(v)]
            for v in odd:
                written = sorted(o for (d, c), vs in by_doc_entity.items() if d == original and c == cid for o in vs)
                score = max(name_similarity(v, w) for w in written)
                flags.append(_flag("translation_vs_original", cid, gazetteer, f"{original} -> {translation}",
                                   f"{v} ({variants[v]}) for {' / '.join(written)}",
                                   f"the translation's spelling is not a known transliteration of the original's "
                                   f"name (sound similarity {score:.2f}; known: {entity.english})"))
    return flags


def _flag(kind: str, cid: str, gazetteer: Gazetteer, documents: str, variants: str, evidence: str) -> dict[str, Any]:
    entity = gazetteer.by_id.get(cid)
    return {"flag": kind, "entity_id": cid, "canonical": entity.english if entity else cid,
            "arabic": entity.arabic if entity else "", "documents": documents, "variants": variants,
            "evidence": evidence}
