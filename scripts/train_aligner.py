"""Fit the aligner's bead scorer on development data and write aligner/data/aligner_weights.json.

Usage: python scripts/train_aligner.py

Development data only, five sets: NTREX documents 1-60 clean, with 10% of English sentences
deleted, with ~10% of neighbours merged, and with both (a training seed different from the
evaluation seed), and the Text+Berg dev set. Every bead in each document's grid is an example,
labelled 1 if it is a gold link. A logistic model (L2, Newton steps) gives P(bead is right);
each set weighs the same in the fit, so the one long Text+Berg document counts as much as each
NTREX condition. The skip costs (an offset added to the median -log p of each document's best
one-to-one beads, plus a charge for leaving out a unit that has a likely match, see
aligner.align.aligner) are then chosen by the mean strict F1 of the five sets, and all weights
refined by a coordinate search on that same mean (the fit scores beads one by one; the search
decides between whole paths). A sixth score joins that mean: on NTREX 1-60 damaged as
scripts/eval_divergence.py damages its articles (training seed), the F1 of leaving an Arabic
clause unlinked exactly where the English sentence was cut short; sentence-level gold cannot
see a dropped clause glued to its sentence. A seventh score is printed beside the mean, not in it: on the same
damaged documents, the F1 of leaving unlinked exactly the Arabic sentences whose English was deleted. Strict
F1 barely sees a deleted sentence joined to a neighbour's link (recall never counts gold 1-0 links), so a rule
that joins units shows its cost there. In the mean it moved weights that lowered the alignment scores and
eval_divergence's dev clause recall, which finds omissions inside links too. Features are computed once per
document; only the decoding is
repeated, in one forked process per core. The search starts from the better of the fit and the weights already shipped
(with each clause discount), so a refit does not lose what an earlier one found. ``paragraph_crossings`` never
varies in these sets (they carry no paragraphs), so its weight is a stated prior, not learned.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import multiprocessing
import os
import random
import time

import numpy as np

from aligner.align.aligner import ScoredGrid, decode, score_grid
from aligner.align.evaluate import Counts, score_document
from aligner.align.features import FEATURE_NAMES
from aligner.align.scoring import Weights, weights_from_json
from aligner.evaluation.damage import damage
from aligner.evaluation.data import DEV_DOCUMENTS, ROOT, EvalDoc, ntrex_documents, perturb, textberg_documents
from aligner.evaluation.systems import document_units, lift, make_embedder, sentence_groups

TRAIN_SEED = 7
CONDITIONS = [(0.0, 0.0), (0.1, 0.0), (0.0, 0.1), (0.1, 0.1)]
MAX_SOURCE, MAX_TARGET = 6, 6
PARAGRAPH_PRIOR = -3.0
L2 = 1.0
OUT = ROOT / "aligner" / "data" / "aligner_weights.json"


SKIP_OFFSETS = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
SKIP_MATCH = (0.0, 1.0, 2.0, 3.0)
CLAUSE_SKIP = (0.0, 0.5, 1.0, 1.5)
REFINE_ROUNDS = 4
CLAUSE_CUT_SET = "ntrex clause cuts"
OMISSION_SCORE = "ntrex sentence omissions"  # on the clause-cut set's documents; printed, not maximised


def dev_sets() -> dict[str, list[EvalDoc]]:
    ntrex = ntrex_documents()[:DEV_DOCUMENTS]
    names = ("clean", "delete10", "merge10", "delete10+merge10")
    sets = {f"ntrex {name}": [perturb(d, TRAIN_SEED, delete, merge) for d in ntrex]
            for name, (delete, merge) in zip(names, CONDITIONS)}
    sets["text+berg dev"] = textberg_documents("dev")
    return sets


def clause_cut_set() -> list[tuple[EvalDoc, set[int]]]:
    """NTREX documents 1-60 damaged as scripts/eval_divergence.py damages its articles (10% of
    English sentences deleted, 10% stopped at their last clause joint, 10% stripped of a
    number), with the training seed; and the lines cut short, whose Arabic clause that the
    English no longer renders should stay unlinked (scored, not fitted). The deleted lines are
    the gold's empty links."""
    out = []
    for doc in ntrex_documents()[:DEV_DOCUMENTS]:
        result = damage(doc.src, doc.tgt, "ar", "en", random.Random(f"{TRAIN_SEED}:{doc.name}"))
        english, damaged = result.lines, result.gold
        kept = [i for i in range(len(doc.tgt)) if "sentence" not in damaged.get(i, set())]
        index = {i: k for k, i in enumerate(kept)}
        gold = [([i], [index[i]] if i in index else []) for i in range(len(doc.src))]
        cut = {i for i, kinds in damaged.items() if "clause" in kinds}
        out.append((EvalDoc(doc.name, doc.src, english, gold, doc.src_lang, doc.tgt_lang), cut))
    return out


class Prepared:
    """One development document: its units, scored grid and gold beads in grid coordinates."""

    def __init__(self, doc: EvalDoc, embedder, cut: set[int] | None = None) -> None:
        self.doc = doc
        self.cut = cut or set()
        src_units, self.src_owner, tgt_units, self.tgt_owner = document_units(doc)
        self.grid: ScoredGrid = score_grid(src_units, tgt_units, doc.src_lang, doc.tgt_lang, embedder,
                                           MAX_SOURCE, MAX_TARGET, sentence_groups(self.src_owner),
                                           sentence_groups(self.tgt_owner))
        first_src = {k: self.src_owner.index(k) for k in set(self.src_owner)}
        count_src = {k: self.src_owner.count(k) for k in set(self.src_owner)}
        self.gold = {(first_src[s[0]], sum(count_src[k] for k in s), t[0], len(t)) for s, t in doc.gold if s and t}
        self.several = {k for k, count in count_src.items() if count > 1}  # sentences of two or more clauses
        self.deleted = {s[0] for s, t in doc.gold if s and not t}  # source sentences the gold leaves out

    def examples(self) -> tuple[np.ndarray, np.ndarray]:
        """Feature rows and labels for every bead in the grid."""
        xs, ys = [], []
        lo = self.grid.band.lo
        for (a, b), f in self.grid.features.items():
            rows, ks = np.nonzero(~np.isnan(f[..., 0]))
            if not len(rows):
                continue
            xs.append(f[rows, ks])
            ys.append(np.array([(int(r), a, int(lo[r] + k), b) in self.gold for r, k in zip(rows, ks)],
                               dtype=np.float64))
        return np.concatenate(xs), np.concatenate(ys)

    def counts(self, weights: Weights) -> Counts:
        beads = decode(self.grid, weights)
        links = lift(beads, self.src_owner, self.tgt_owner, len(self.doc.src), len(self.doc.tgt))
        return score_document(links, self.doc.gold)

    def unlinked_counts(self, weights: Weights) -> tuple[int, int, int, int, int, int]:
        """(cut lines with a clause left unlinked, cut lines that could show it, uncut lines with
        a clause left unlinked), over source sentences of two or more clauses that stay linked;
        then (deleted lines left wholly unlinked, deleted lines, other lines left wholly unlinked)."""
        beads = decode(self.grid, weights)
        linked = {self.src_owner[i] for b in beads if b.tgt for i in b.src}
        dropped = {self.src_owner[i] for b in beads if not b.tgt for i in b.src}
        flagged = linked & dropped & self.several
        omitted = dropped - linked
        return (len(flagged & self.cut), len(self.cut & self.several), len(flagged - self.cut),
                len(omitted & self.deleted), len(self.deleted), len(omitted - self.deleted))


def shipped_weights() -> Weights | None:
    """The weights now in the package, as a warm start for the search (a feature added since they
    were written starts at 0; None if they use a feature that no longer exists): a refit then
    never ends below what is shipped on the development objective."""
    data = json.loads(OUT.read_text(encoding="utf-8"))
    if not set(data["coef"]) <= set(FEATURE_NAMES):
        return None
    data["coef"] = {name: data["coef"].get(name, 0.0) for name in FEATURE_NAMES}
    return dataclasses.replace(weights_from_json(data), max_source=MAX_SOURCE, max_target=MAX_TARGET)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 30,
                 sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Newton's method for L2-regularised, optionally weighted logistic regression (bias unregularised)."""
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    X = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        grad = X.T @ (sw * (p - y)) + reg * w
        hess = (X * (sw * p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


_PREPARED: dict[str, list[Prepared]] = {}  # read by the worker processes (forked after it is filled)
_POOL = None


def _document_result(prepared: dict[str, list[Prepared]], job: tuple[str, int, Weights]):
    """One document's decoded result: unlinked counts for the clause-cut set, else link counts."""
    name, k, weights = job
    doc = prepared[name][k]
    return doc.unlinked_counts(weights) if name == CLAUSE_CUT_SET else doc.counts(weights)


def _shared_document_result(job: tuple[str, int, Weights]):
    return _document_result(_PREPARED, job)


def start_workers(prepared: dict[str, list[Prepared]], workers: int) -> None:
    """Decode documents in ``workers`` forked processes that share the prepared grids."""
    global _POOL, _PREPARED
    _PREPARED = prepared
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        _POOL = multiprocessing.get_context("fork").Pool(workers)


def set_f1(prepared: dict[str, list[Prepared]], weights: Weights) -> dict[str, float]:
    """Strict F1 of each set's sentence links; for the clause-cut set, the F1 of leaving the cut
    clauses unlinked, and (OMISSION_SCORE) the F1 of leaving the deleted sentences unlinked."""
    jobs = [(name, k, weights) for name, docs in prepared.items() for k in range(len(docs))]
    if _POOL is not None and prepared is _PREPARED:
        results = _POOL.map(_shared_document_result, jobs, chunksize=8)
    else:
        results = [_document_result(prepared, job) for job in jobs]
    by_set: dict[str, list] = {name: [] for name in prepared}
    for (name, _, _), result in zip(jobs, results):
        by_set[name].append(result)
    out = {}
    for name, mine in by_set.items():
        if name == CLAUSE_CUT_SET:
            hits, cuts, false, found, deleted, wrong = np.sum(mine, axis=0)
            out[name] = 2 * hits / max(1, cuts + hits + false)
            out[OMISSION_SCORE] = 2 * found / max(1, deleted + found + wrong)
            continue
        total = Counts()
        for counts in mine:
            total.add(counts)
        out[name] = total.scores()["strict_f1"]
    return out


def objective(scores: dict[str, float]) -> float:
    """The mean the search maximises: every score but the sentence-omission monitor."""
    return float(np.mean([v for name, v in scores.items() if name != OMISSION_SCORE]))


def mean_f1(prepared: dict[str, list[Prepared]], weights: Weights) -> tuple[float, dict[str, float]]:
    scores = set_f1(prepared, weights)
    return objective(scores), scores


def refine(prepared: dict[str, list[Prepared]], weights: Weights, rounds: int = REFINE_ROUNDS) -> Weights:
    """Coordinate search on the decoded result: each weight (and the bias and skip costs) is
    moved up and down by a step; a move is kept when the mean development strict F1 rises.
    The logistic fit scores beads one at a time; this tunes what the search actually picks."""
    names = ([n for n in FEATURE_NAMES if n != "paragraph_crossings"]
             + ["bias", "skip_cost", "skip_match", "clause_skip"])

    def get(w: Weights, name: str) -> float:
        if name in FEATURE_NAMES:
            return float(w.coef[FEATURE_NAMES.index(name)])
        return float(getattr(w, name))

    def put(w: Weights, name: str, value: float) -> Weights:
        if name in FEATURE_NAMES:
            coef = w.coef.copy()
            coef[FEATURE_NAMES.index(name)] = value
            return dataclasses.replace(w, coef=coef)
        if name in ("skip_cost", "skip_match", "clause_skip"):
            value = max(0.0, value)
        return dataclasses.replace(w, **{name: value})

    best, _ = mean_f1(prepared, weights)
    for round_ in range(rounds):
        scale = 0.5 ** round_
        changed = False
        for name in names:
            value = get(weights, name)
            step = scale * (0.25 * abs(value) + 0.5)
            for candidate in (value + step, value - step):
                trial = put(weights, name, candidate)
                f1, _ = mean_f1(prepared, trial)
                if f1 > best + 1e-4:
                    best, weights, changed = f1, trial, True
                    print(f"  round {round_ + 1}: {name} {value:.3f} -> {candidate:.3f}, mean strict F1 {f1:.4f}",
                          flush=True)
                    break
        if not changed and scale < 0.3:
            break
    return weights


def main() -> int:
    embedder = make_embedder()
    start = time.perf_counter()
    prepared = {name: [Prepared(d, embedder) for d in docs] for name, docs in dev_sets().items()}
    xs, ys, sws = [], [], []
    for docs in prepared.values():  # the clause-cut set joins below: its gold is sentence-level only
        parts = [d.examples() for d in docs]
        x = np.concatenate([p[0] for p in parts])
        y = np.concatenate([p[1] for p in parts])
        xs.append(x)
        ys.append(y)
        sws.append(np.full(len(y), 1.0 / y.sum()))  # each set's gold beads weigh the same in all
    x, y, sw = np.concatenate(xs), np.concatenate(ys), np.concatenate(sws)
    prepared[CLAUSE_CUT_SET] = [Prepared(d, embedder, cut) for d, cut in clause_cut_set()]
    start_workers(prepared, os.cpu_count() or 1)
    sw *= len(y) / sw.sum()
    print(f"{sum(map(len, prepared.values()))} development documents in {len(prepared)} sets, {len(y)} beads "
          f"({int(y.sum())} gold), features in {time.perf_counter() - start:.0f}s")
    paragraph = FEATURE_NAMES.index("paragraph_crossings")
    keep = [k for k in range(len(FEATURE_NAMES)) if k != paragraph]
    coef_kept, bias = fit_logistic(x[:, keep], y, sample_weight=sw)
    coef = np.zeros(len(FEATURE_NAMES))
    coef[keep] = coef_kept
    coef[paragraph] = PARAGRAPH_PRIOR
    for name, value in zip(FEATURE_NAMES, coef):
        print(f"  {name:<24}{value:>8.3f}")
    print(f"  {'bias':<24}{bias:>8.3f}")
    best = None
    for skip, match, clause in itertools.product(SKIP_OFFSETS, SKIP_MATCH, CLAUSE_SKIP):
        weights = Weights(coef, bias, skip, MAX_SOURCE, MAX_TARGET, match, clause)
        mean, scores = mean_f1(prepared, weights)
        print(f"  skip {skip:>4.1f} + {match:>3.1f} x match - {clause:>3.1f} for a clause: mean {mean:.4f}  "
              + " ".join(f"{v:.4f}" for v in scores.values()), flush=True)
        if best is None or mean > best[-1]:
            best = (weights, mean)
    shipped = shipped_weights()
    for clause in CLAUSE_SKIP if shipped is not None else ():
        weights = dataclasses.replace(shipped, clause_skip=clause)
        mean, scores = mean_f1(prepared, weights)
        print(f"  shipped weights - {clause:>3.1f} for a clause: mean {mean:.4f}  "
              + " ".join(f"{v:.4f}" for v in scores.values()), flush=True)
        if mean > best[-1]:
            best = (weights, mean)
    weights = refine(prepared, best[0])
    coef, bias, skip, match = weights.coef, weights.bias, weights.skip_cost, weights.skip_match
    mean, scores = mean_f1(prepared, weights)
    payload = {
        "_comment": "Written by scripts/train_aligner.py; do not edit by hand.",
        "_provenance": {
            "data": f"NTREX-128 ar-en documents 1-{DEV_DOCUMENTS} (seed {TRAIN_SEED}; clean, 10% deleted, "
                    "~10% merged, both) + Text+Berg de-fr dev, each set weighted equally; refined also on "
                    "clause cuts left unlinked (NTREX 1-60 damaged as in eval_divergence, seed 7)",
            "beads": len(y), "gold_beads": int(y.sum()), "l2": L2,
            "paragraph_crossings": f"prior {PARAGRAPH_PRIOR} (constant in the development data)",
            "development_strict_f1": {name: round(v, 4) for name, v in scores.items()},
        },
        "coef": {name: round(float(v), 5) for name, v in zip(FEATURE_NAMES, coef)},
        "bias": round(bias, 5),
        "skip_cost": round(float(skip), 5),
        "skip_match": round(float(match), 5),
        "clause_skip": round(float(weights.clause_skip), 5),
        "max_source": MAX_SOURCE,
        "max_target": MAX_TARGET,
    }
    OUT.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} (skip {skip} + {match} x match - {weights.clause_skip} for a clause, mean {mean:.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
