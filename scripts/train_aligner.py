"""Fit the aligner's bead scorer on development data and write aligner/data/aligner_weights.json.

Usage: python scripts/train_aligner.py

Development data only: NTREX documents 1-60 (clean, 10% deleted, ~10% merged, both; a
training seed different from the evaluation seed) and the Text+Berg dev set. Every bead in
the grid is an example, labelled 1 if it is a gold link. A logistic model (L2, Newton steps)
gives P(bead is right); the skip cost offset (added to the median -log p of each document's
best one-to-one beads, see aligner.align.aligner.skip_cost) is then chosen by strict F1 on the same
development documents. ``paragraph_crossings`` never varies in these sets (they carry no
paragraphs), so its weight is a stated prior, not learned.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script

import json
import time

import numpy as np

from aligner.align.dp import Band
from aligner.align.evaluate import Counts, score_document
from aligner.align.features import FEATURE_NAMES, overlap_texts, unit_info
from aligner.align.scoring import BEADS, Weights, bead_features
from scripts.alignment_data import DEV_DOCUMENTS, ROOT, ntrex_documents, perturb, textberg_documents
from scripts.systems import clause_units, make_embedder, ours

TRAIN_SEED = 7
CONDITIONS = [(0.0, 0.0), (0.1, 0.0), (0.0, 0.1), (0.1, 0.1)]
MAX_SOURCE, MAX_TARGET = 6, 4
PARAGRAPH_PRIOR = -3.0
L2 = 1.0
OUT = ROOT / "aligner" / "data" / "aligner_weights.json"


def dev_documents():
    ntrex = ntrex_documents()[:DEV_DOCUMENTS]
    docs = [perturb(d, TRAIN_SEED, delete, merge) for delete, merge in CONDITIONS for d in ntrex]
    return docs + textberg_documents("dev")


def examples(doc, embedder):
    """Feature rows and labels for every bead of one document."""
    src_units, src_owner = clause_units(doc.src, doc.src_lang)
    tgt_units, tgt_owner = clause_units(doc.tgt, doc.tgt_lang)
    first_src = {k: src_owner.index(k) for k in set(src_owner)}
    count_src = {k: src_owner.count(k) for k in set(src_owner)}
    gold = set()
    for s, t in doc.gold:
        if s and t:
            i = first_src[s[0]]
            a = sum(count_src[k] for k in s)
            gold.add((i, a, t[0], len(t)))
    src_emb = {a: embedder.embed(overlap_texts(src_units, a)) for a in range(1, min(MAX_SOURCE, len(src_units)) + 1)}
    tgt_emb = {b: embedder.embed(overlap_texts(tgt_units, b)) for b in range(1, min(MAX_TARGET, len(tgt_units)) + 1)}
    band = Band.full(len(src_units), len(tgt_units))
    src_info = unit_info(src_units, doc.src_lang, src_owner, [0] * len(src_units))
    tgt_info = unit_info(tgt_units, doc.tgt_lang, tgt_owner, [0] * len(tgt_units))
    beads = [(a, b) for a, b in BEADS if a <= MAX_SOURCE and b <= MAX_TARGET]
    feats = bead_features(src_emb, tgt_emb, src_info, tgt_info, band, beads)
    xs, ys = [], []
    for (a, b), f in feats.items():
        rows, ks = np.nonzero(~np.isnan(f[..., 0]))
        if not len(rows):
            continue
        xs.append(f[rows, ks])
        ys.append(np.array([(int(r), a, int(k), b) in gold for r, k in zip(rows, ks)], dtype=np.float64))
    return np.concatenate(xs), np.concatenate(ys)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 30) -> tuple[np.ndarray, float]:
    """Newton's method for L2-regularised logistic regression (bias unregularised)."""
    X = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        grad = X.T @ (p - y) + reg * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def strict_f1(docs, embedder, weights) -> float:
    total = Counts()
    for doc in docs:
        total.add(score_document(ours(doc, embedder, weights), doc.gold))
    return total.scores()["strict_f1"]


def main() -> int:
    embedder = make_embedder()
    docs = dev_documents()
    start = time.perf_counter()
    parts = [examples(d, embedder) for d in docs]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    print(f"{len(docs)} development documents, {len(y)} beads ({int(y.sum())} gold), "
          f"features in {time.perf_counter() - start:.0f}s")
    paragraph = FEATURE_NAMES.index("paragraph_crossings")
    keep = [k for k in range(len(FEATURE_NAMES)) if k != paragraph]
    coef_kept, bias = fit_logistic(x[:, keep], y)
    coef = np.zeros(len(FEATURE_NAMES))
    coef[keep] = coef_kept
    coef[paragraph] = PARAGRAPH_PRIOR
    for name, value in zip(FEATURE_NAMES, coef):
        print(f"  {name:<24}{value:>8.3f}")
    print(f"  {'bias':<24}{bias:>8.3f}")
    best = None
    for skip in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0):
        weights = Weights(coef, bias, skip, MAX_SOURCE, MAX_TARGET)
        f1 = strict_f1(docs, embedder, weights)
        print(f"  skip offset {skip:>5.1f}: development strict F1 {f1:.4f}", flush=True)
        if best is None or f1 > best[1]:
            best = (skip, f1)
    payload = {
        "_comment": "Written by scripts/train_aligner.py; do not edit by hand.",
        "_provenance": {
            "data": f"NTREX-128 ar-en documents 1-{DEV_DOCUMENTS} (seed {TRAIN_SEED}; clean, 10% deleted, "
                    "~10% merged, both) + Text+Berg de-fr dev",
            "beads": len(y), "gold_beads": int(y.sum()), "l2": L2,
            "paragraph_crossings": f"prior {PARAGRAPH_PRIOR} (constant in the development data)",
            "development_strict_f1": round(best[1], 4),
        },
        "coef": {name: round(float(v), 5) for name, v in zip(FEATURE_NAMES, coef)},
        "bias": round(bias, 5),
        "skip_cost": best[0],
        "max_source": MAX_SOURCE,
        "max_target": MAX_TARGET,
    }
    OUT.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} (skip cost {best[0]}, development strict F1 {best[1]:.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
