"""Fit the finding calibration on development data and write aligner/data/calibration.json.

Usage: python scripts/calibrate.py [--dry-run]

Labelled development findings, each with its raw score, its own signal and a verdict:
- every finding of NTREX dev articles 1-60, both directions, clean and damaged, judged as
  scripts/eval_precision.py judges them (by the damage where it decides, else by the labels in
  aligner/evaluation/labels/findings_dev.csv); unjudged findings are left out and counted;
- the loaded-wording findings of the dev half of the written pairs
  (aligner/evaluation/data/loaded_pairs.tsv): right on a softened or intensified pair at its
  span, wrong on a faithful pair.
For each calibration group (divergence/calibration.group_key: rule, split where one rule does
different things, and the original's language) a logistic model of the verdict on the logit of
the raw score and the signal (L2, Newton steps); with fewer than MIN_FIT labelled findings or
MIN_CLASS of either verdict, a constant: the smoothed share of right ones. Pooled models per rule
and over everything stand behind groups with no labels. A group may report high severity only
where its labelled precision in the report is at least HIGH_PRECISION on HIGH_MIN findings.
Prints the reliability table (calibrated confidence against the share right) on the same data.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from aligner import __version__
from aligner.divergence.calibration import (
    CALIBRATION_FILE,
    DEFAULT_THRESHOLD,
    Calibration,
    GroupModel,
    group_key,
    logit,
)
from aligner.evaluation.labels import labels_path, read_labels
from aligner.evaluation.loaded_judge import LOADED_TYPES, at_span, run_pair
from aligner.evaluation.loaded_pairs import FAITHFUL, SOFTENED, load_pairs
from aligner.evaluation.precision import CONDITIONS, DIRECTIONS, articles, judge_run, make_run, run_pipeline
from aligner.evaluation.systems import make_embedder

OUT = Path(__file__).resolve().parents[1] / "aligner" / "data" / CALIBRATION_FILE
MIN_FIT = 25
MIN_CLASS = 5
L2 = 1.0
HIGH_PRECISION = 0.9
HIGH_MIN = 10
SIGNAL_SCALE = 10.0  # signals are similarity gains of a few hundredths: scaled for the fit


@dataclass
class Example:
    group: str
    score: float
    signal: float
    right: bool
    severity: str
    source: str


def ntrex_examples(embedder) -> tuple[list[Example], int]:
    labels = read_labels(labels_path("dev"))
    examples, unjudged = [], 0
    for direction in DIRECTIONS:
        for doc in articles("dev"):
            clean_loose = {}
            for condition in CONDITIONS:
                run = run_pipeline(make_run(doc, direction, condition), embedder)
                judged = judge_run(run, labels, clean_loose)
                if condition == "clean":
                    clean_loose = {j.loose_key: j for j in judged}
                for j in judged:
                    if j.verdict is None:
                        unjudged += 1
                        continue
                    f = j.finding
                    examples.append(Example(group_key(f, direction[:2]), f.score, f.signal, j.verdict, f.severity,
                                            f"ntrex:{j.source}"))
    return examples, unjudged


def written_examples(embedder) -> list[Example]:
    examples = []
    for pair in load_pairs("dev"):
        for f in run_pair(pair, embedder):
            if f.type not in LOADED_TYPES:
                continue
            if pair.kind in FAITHFUL:
                right = False
            elif pair.kind in SOFTENED:
                right = f.type == "softening" and at_span(f, pair)
            elif pair.kind == "intensified":
                right = f.type == "intensification"
            else:
                continue
            examples.append(Example(group_key(f, pair.original_lang), f.score, f.signal, right, f.severity, "written"))
    return examples


def fit_logistic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """L2-penalised logistic regression by Newton steps (the intercept is not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 1e-6
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit_group(items: list[Example]) -> GroupModel:
    y = np.array([e.right for e in items], dtype=float)
    right = int(y.sum())
    if len(items) >= MIN_FIT and min(right, len(items) - right) >= MIN_CLASS:
        x = np.array([[1.0, logit(e.score), e.signal * SIGNAL_SCALE] for e in items])
        w = fit_logistic(x, y)
        model = GroupModel(float(w[0]), float(w[1]), float(w[2] * SIGNAL_SCALE), "high", len(items), 0.0)
    else:
        share = (right + 1) / (len(items) + 2)
        model = GroupModel(math.log(share / (1 - share)), 0.0, 0.0, "high", len(items), 0.0)
    reported = [e for e in items if model.probability(e.score, e.signal) >= DEFAULT_THRESHOLD]
    precision = sum(e.right for e in reported) / len(reported) if reported else 0.0
    allowed = "high" if len(reported) >= HIGH_MIN and precision >= HIGH_PRECISION else "medium"
    return GroupModel(round(model.intercept, 4), round(model.score_weight, 4), round(model.signal_weight, 4),
                      allowed, len(items), round(precision, 3))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the fit, do not write the file")
    args = parser.parse_args()
    embedder = make_embedder()
    examples, unjudged = ntrex_examples(embedder)
    examples += written_examples(embedder)
    by_group: dict[str, list[Example]] = defaultdict(list)
    for e in examples:
        by_group[e.group].append(e)
        by_group[e.group.split("@")[0]].append(e)
        by_group["*"].append(e)
    groups = {key: fit_group(items) for key, items in sorted(by_group.items())}
    print(f"{len(examples)} labelled development findings ({unjudged} unjudged left out), {len(groups)} groups")
    print(f"{'group':<40}{'n':>6}{'right':>7}{'b0':>9}{'b_score':>9}{'b_signal':>10}{'prec':>7}  max")
    for key, model in groups.items():
        right = sum(e.right for e in by_group[key])
        print(f"{key:<40}{model.labelled:>6}{right:>7}{model.intercept:>9.2f}{model.score_weight:>9.2f}"
              f"{model.signal_weight:>10.2f}{model.precision:>7.3f}  {model.max_severity}")
    reliability(examples, Calibration(DEFAULT_THRESHOLD, groups))
    if not args.dry_run:
        payload = {"_comment": "written by scripts/calibrate.py from labelled development findings; do not edit",
                   "aligner_version": __version__, "threshold": DEFAULT_THRESHOLD,
                   "groups": {k: asdict(v) for k, v in groups.items()}}
        OUT.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


def reliability(examples: list[Example], calibration: Calibration) -> None:
    """Calibrated confidence in bins against the share of findings right (on the fitting data)."""
    bins: dict[int, list[bool]] = defaultdict(list)
    for e in examples:
        model = calibration.model(e.group)
        bins[min(9, int(model.probability(e.score, e.signal) * 10))].append(e.right)
    print("\nconfidence   findings   right")
    for k in sorted(bins):
        print(f"{k / 10:.1f}-{(k + 1) / 10:.1f}   {len(bins[k]):>8}   {sum(bins[k]) / len(bins[k]):.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
