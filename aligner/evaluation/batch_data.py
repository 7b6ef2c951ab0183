"""Synthetic corpora for the batch benchmarks, built from ../shared/eval (never copied here).

An "article pair" is a run of 4-5 consecutive sentences of an NTREX news article or a TICO-19
document (Arabic original, English translation). Runs do not overlap, so about 1,100 distinct
pairs exist; larger corpora repeat them under new names.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from aligner.evaluation.data import DEV_DOCUMENTS, ntrex_documents, tico_documents


@dataclass(frozen=True)
class ArticlePair:
    name: str
    source: str  # the evaluation document it was cut from
    outlet: str  # ntrex | tico19 (stands in for the publishing outlet in corpus-level counts)
    ar: tuple[str, ...]
    en: tuple[str, ...]


def article_pairs(seed: int = 20261122, split: str = "all") -> list[ArticlePair]:
    """Non-overlapping runs of 4-5 sentences; split 'dev' = NTREX articles 1-60, 'test' = the rest."""
    rng = random.Random(seed)
    ntrex = ntrex_documents()
    sources = [("ntrex", d, k < DEV_DOCUMENTS) for k, d in enumerate(ntrex)] + \
              [("tico19", d, False) for d in tico_documents()]
    pairs = []
    for outlet, doc, dev in sources:
        if (split == "dev" and not dev) or (split == "test" and dev):
            continue
        start = 0
        while start < len(doc.src):
            size = rng.choice((4, 5))
            if len(doc.src) - start < 2:
                break
            ar, en = doc.src[start:start + size], doc.tgt[start:start + size]
            pairs.append(ArticlePair(f"{outlet}-{doc.name}-{start:04d}", doc.name, outlet, tuple(ar), tuple(en)))
            start += size
    return pairs


def write_corpus(pairs: list[ArticlePair], folder: Path, count: int | None = None) -> Path:
    """Write ``count`` pairs (repeating under new names when asked for more) and their manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    count = len(pairs) if count is None else count
    rows = []
    for k in range(count):
        p = pairs[k % len(pairs)]
        name = p.name if k < len(pairs) else f"{p.name}-r{k // len(pairs)}"
        (folder / f"{name}.ar.txt").write_text("\n".join(p.ar) + "\n", encoding="utf-8")
        (folder / f"{name}.en.txt").write_text("\n".join(p.en) + "\n", encoding="utf-8")
        rows.append({"pair_id": name, "original": f"{name}.ar.txt", "original_lang": "ar",
                     "original_outlet": f"{p.outlet}-ar", "translation": f"{name}.en.txt", "translation_lang": "en",
                     "translation_outlet": f"{p.outlet}-en"})
    manifest = folder / "pairs.csv"
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return manifest
