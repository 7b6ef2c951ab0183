"""Document pairing: find each translation's original among many, or say it has none.

Each document pair gets a score from three kinds of evidence: the cosine of the documents'
mean sentence embeddings (multilingual USE, so across scripts), the overlap of the numbers they
contain, and the overlap of their names (gazetteer entities, else phonetic keys, so 'Baghouz'
meets 'باغوز'). Scores are margin-normalised as in bitext mining (each score minus the mean of
both documents' k best scores), pairs are taken one-to-one from the best margin down, and a
translation whose best remaining margin is below the threshold is reported as unpaired. The
weights and threshold live in data/pairing.json with how they were chosen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from aligner.datatypes import Document
from aligner.embed import Embedder
from aligner.entities.mentions import find_mentions
from aligner.entities.numbers import find_numbers
from aligner.entities.phonetic import phonetic_key
from aligner.layout import RUNNING_TEXT_KINDS
from aligner.resources import json_data


@dataclass(frozen=True)
class PairingParams:
    numbers_weight: float
    names_weight: float
    neighbours: int
    threshold: float
    max_feature_share: float


@lru_cache(maxsize=1)
def default_params() -> PairingParams:
    data = json_data("pairing.json")
    return PairingParams(**{k: data[k] for k in PairingParams.__dataclass_fields__})


@dataclass(frozen=True)
class PairingRow:
    """One translation and the original chosen for it (or none), with the evidence."""

    translation: str
    original: str | None
    status: str  # paired | unpaired
    score: float
    margin: float
    cosine: float
    numbers: float
    names: float
    runner_up: str | None
    runner_up_margin: float | None

    def row(self) -> dict[str, object]:
        return {k: (round(v, 4) if isinstance(v, float) else ("" if v is None else v))
                for k, v in self.__dict__.items()}


def document_vector(doc: Document, embedder: Embedder) -> np.ndarray:
    """Mean of the unit-length embeddings of the document's running-text sentences, unit length."""
    texts = [s.text for s in doc.sentences if s.kind in RUNNING_TEXT_KINDS] or [s.text for s in doc.sentences]
    mean = embedder.embed(texts).mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


def document_features(doc: Document) -> set[str]:
    """Numbers (by value) and names (by entity, else by sound) a document contains."""
    features = {f"n:{m.value:g}" for m in find_numbers(doc.text, doc.lang) if m.value >= 10}
    for mention in find_mentions(doc):
        key = mention.entity_id or "".join(phonetic_key(mention.surface))
        if key:
            features.add(f"e:{key}")
    return features


def _overlap(left: list[set[str]], right: list[set[str]], prefix: str, max_share: float) -> np.ndarray:
    """Jaccard overlap of one kind of feature, by inverted index; features in too many documents are ignored."""
    left = [{f for f in fs if f.startswith(prefix)} for fs in left]
    right = [{f for f in fs if f.startswith(prefix)} for fs in right]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, fs in enumerate(left):
        for f in fs:
            postings[f].append(i)
    limit = max(2, int(max_share * len(left)))
    common = np.zeros((len(left), len(right)), dtype=np.float32)
    for j, fs in enumerate(right):
        for f in fs:
            hits = postings.get(f, ())
            if len(hits) <= limit:
                common[list(hits), j] += 1
    sizes_left = np.array([len(fs) for fs in left], dtype=np.float32)[:, None]
    sizes_right = np.array([len(fs) for fs in right], dtype=np.float32)[None, :]
    union = sizes_left + sizes_right - common
    return np.where(union > 0, common / np.maximum(union, 1), 0.0)


def _top_mean(matrix: np.ndarray, k: int, axis: int) -> np.ndarray:
    k = max(1, min(k, matrix.shape[axis]))
    part = -np.partition(-matrix, k - 1, axis=axis)
    return part.take(range(k), axis=axis).mean(axis=axis)


@dataclass(frozen=True)
class PairingScores:
    """Every original (rows) against every translation (columns), by kind of evidence."""

    cosine: np.ndarray
    numbers: np.ndarray
    names: np.ndarray
    score: np.ndarray
    margin: np.ndarray


def pairing_scores(originals: list[Document], translations: list[Document], embedder: Embedder,
                   params: PairingParams | None = None) -> PairingScores:
    params = params or default_params()
    cosine = np.stack([document_vector(d, embedder) for d in originals]) @ \
        np.stack([document_vector(d, embedder) for d in translations]).T
    left, right = [document_features(d) for d in originals], [document_features(d) for d in translations]
    numbers = _overlap(left, right, "n:", params.max_feature_share)
    names = _overlap(left, right, "e:", params.max_feature_share)
    score = cosine + params.numbers_weight * numbers + params.names_weight * names
    k = params.neighbours
    margin = score - (_top_mean(score, k, 1)[:, None] + _top_mean(score, k, 0)[None, :]) / 2
    return PairingScores(cosine, numbers, names, score, margin)


def assign(originals: list[Document], translations: list[Document], scores: PairingScores,
           threshold: float) -> list[PairingRow]:
    """One-to-one from the best margin down; translations left without a margin above threshold are unpaired."""
    margin = scores.margin
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for flat in np.argsort(-margin, axis=None, kind="stable"):
        i, j = divmod(int(flat), margin.shape[1])
        if margin[i, j] < threshold:
            break
        if j in chosen or i in taken:
            continue
        chosen[j] = i
        taken.add(i)
    rows = []
    for j, doc in enumerate(translations):
        ranked = np.argsort(-margin[:, j], kind="stable")
        i = chosen.get(j)
        other = next((int(k) for k in ranked if int(k) != i), None)
        best = i if i is not None else int(ranked[0])
        rows.append(PairingRow(
            doc.path, originals[i].path if i is not None else None, "paired" if i is not None else "unpaired",
            float(scores.score[best, j]), float(margin[best, j]), float(scores.cosine[best, j]),
            float(scores.numbers[best, j]), float(scores.names[best, j]),
            originals[other].path if other is not None else None,
            float(margin[other, j]) if other is not None else None))
    return rows


def pair_documents(originals: list[Document], translations: list[Document], embedder: Embedder,
                   params: PairingParams | None = None) -> list[PairingRow]:
    """For each translation, its original (one-to-one) or 'unpaired', with scores and the runner-up."""
    params = params or default_params()
    if not originals or not translations:
        return [PairingRow(t.path, None, "unpaired", 0.0, 0.0, 0.0, 0.0, 0.0, None, None) for t in translations]
    return assign(originals, translations, pairing_scores(originals, translations, embedder, params), params.threshold)
