"""False alarms on faithful translations and recall on damaged ones, for every finding type, in
both directions (Arabic original -> English translation, and English original -> Arabic).

Usage: python scripts/eval_precision.py [--split dev|test] [--to-label FILE] [--findings FILE]

NTREX articles (dev 1-60, test 61-123), each line a paragraph, run through the shipped pipeline
clean and damaged (aligner/evaluation/damage.py: 10% of the translation's lines deleted, 10% cut
after their last clause joint, 10% stripped of a number). Prints:
- clean articles: findings per article (the report, and the low-confidence file apart), by type,
  subtype and severity;
- damaged articles: recall of deleted sentences, cut clauses and removed numbers, and precision
  over all findings of the report, judged by the damage where it decides and by the labels
  (aligner/evaluation/labels/findings_<split>.csv) elsewhere; on test, where nothing is labelled,
  a finding the damage does not explain counts as false;
- labelled precision per rule (dev).
--to-label writes the findings that neither the damage nor a label judges, with their context,
for a person to label; --findings writes every finding with its verdict.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from aligner import __version__
from aligner.divergence.calibration import group_key, report_threshold
from aligner.divergence.findings import SEVERITIES
from aligner.divergence.rules import rule_name
from aligner.entities.numbers import find_numbers
from aligner.evaluation.labels import LABEL_COLUMNS, labels_path, read_labels
from aligner.evaluation.precision import (
    CONDITIONS,
    DIRECTIONS,
    NUMBER_FINDINGS,
    STRUCTURAL,
    Judged,
    articles,
    judge_run,
    make_run,
    run_pipeline,
)
from aligner.evaluation.systems import make_embedder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--direction", choices=DIRECTIONS, action="append")
    parser.add_argument("--articles", type=int, help="only the first N articles of the split")
    parser.add_argument("--threshold", type=float, default=report_threshold())
    parser.add_argument("--to-label", type=Path, help="write unjudged findings here, with their context")
    parser.add_argument("--findings", type=Path, help="write every finding with its verdict here")
    args = parser.parse_args()
    docs = articles(args.split)[:args.articles]
    labels = read_labels(labels_path(args.split))
    embedder = make_embedder()
    started = time.perf_counter()
    judged: dict[tuple[str, str], list[Judged]] = defaultdict(list)
    runs = {}
    for direction in args.direction or DIRECTIONS:
        for doc in docs:
            clean_loose = {}
            for condition in CONDITIONS:
                run = run_pipeline(make_run(doc, direction, condition), embedder)
                runs[(doc.name, direction, condition)] = run
                out = judge_run(run, labels, clean_loose)
                if condition == "clean":
                    clean_loose = {j.loose_key: j for j in out}
                judged[(direction, condition)].extend(out)
    print(f"NTREX {args.split} ({len(docs)} articles), report threshold {args.threshold:.2f}, "
          f"aligner {__version__}, {time.perf_counter() - started:.0f} s")
    directions = args.direction or DIRECTIONS
    clean_table(judged, directions, len(docs), args.threshold)
    damaged_table(judged, runs, directions, args.threshold, args.split)
    rule_table(judged, directions, args.threshold)
    unjudged = [j for items in judged.values() for j in items if j.verdict is None]
    print(f"\nunjudged findings: {len(unjudged)} ({sum(j.finding.confidence >= args.threshold for j in unjudged)} "
          "in the report)")
    if args.to_label:
        write_rows(args.to_label, unjudged)
        print(f"wrote {args.to_label}")
    if args.findings:
        write_rows(args.findings, [j for items in judged.values() for j in items])
        print(f"wrote {args.findings}")
    return 0


def in_report(j: Judged, threshold: float) -> bool:
    return j.finding.confidence >= threshold


def clean_table(judged, directions, n_docs: int, threshold: float) -> None:
    print("\nClean articles: findings per article (report / low-confidence file)")
    print(f"{'':<34}" + "".join(f"{d:>16}" for d in directions))
    for label, pick in (("all findings", lambda f: True), ("high severity", lambda f: f.severity == "high")):
        cells = []
        for d in directions:
            items = [j for j in judged[(d, "clean")] if pick(j.finding)]
            main = sum(in_report(j, threshold) for j in items)
            cells.append(f"{main / n_docs:.2f} / {(len(items) - main) / n_docs:.2f}")
        print(f"{label:<34}" + "".join(f"{c:>16}" for c in cells))
    counts = {d: Counter((j.finding.type, j.finding.subtype, j.finding.severity) for j in judged[(d, "clean")]
                         if in_report(j, threshold)) for d in directions}
    keys = sorted(set().union(*counts.values()), key=lambda k: (k[0], k[1], SEVERITIES.index(k[2])))
    for key in keys:
        print(f"  {'/'.join(key):<32}" + "".join(f"{counts[d][key]:>16}" for d in directions))


def damaged_table(judged, runs, directions, threshold: float, split: str) -> None:
    print("\nDamaged articles (report only): recall, and precision over every finding type")
    print(f"{'':<34}" + "".join(f"{d:>16}" for d in directions))
    rows: dict[str, list[str]] = defaultdict(list)
    for d in directions:
        items = [j for j in judged[(d, "damaged")] if in_report(j, threshold)]
        found: dict[tuple[str, str], set[int]] = defaultdict(set)
        values_found: dict[tuple[str, int], set[float]] = defaultdict(set)
        for j in items:
            if j.original_line is None:
                continue
            f = j.finding
            if f.type == "omission" and f.subtype in STRUCTURAL:
                found[(j.run.doc, "structural")].add(j.original_line)
            if (f.type, f.subtype) in NUMBER_FINDINGS or (f.type == "omission" and f.subtype in STRUCTURAL):
                # a number finding, or an omitted clause that takes the number with it
                values_found[(j.run.doc, j.original_line)].update(
                    round(x.value, 3) for x in find_numbers(f.original.text, d[:2]))
        gold = Counter()
        hit = Counter()
        for (doc, direction, condition), run in runs.items():
            if direction != d or condition != "damaged":
                continue
            for line, kinds in run.damaged.gold.items():
                for kind in kinds:
                    gold[kind] += 1
                    if kind == "number":
                        hit[kind] += run.damaged.removed_values[line] in values_found[(doc, line)]
                    else:
                        hit[kind] += line in found[(doc, "structural")]
        for kind, name in (("sentence", "deleted sentences found"), ("clause", "cut clauses found"),
                           ("number", "removed numbers found")):
            rows[name].append(f"{hit[kind]}/{gold[kind]} {hit[kind] / max(1, gold[kind]):.3f}")
        judged_items = [j for j in items if j.verdict is not None]
        correct = sum(j.verdict for j in judged_items)
        lower = correct / max(1, len(items))  # unjudged counted as false
        rows["findings in the report"].append(str(len(items)))
        rows["precision (judged)"].append(f"{correct / max(1, len(judged_items)):.3f}")
        rows["precision (unjudged = false)"].append(f"{lower:.3f}")
    for name, cells in rows.items():
        print(f"{name:<34}" + "".join(f"{c:>16}" for c in cells))


def rule_table(judged, directions, threshold: float) -> None:
    print("\nJudged precision per rule (report only; clean and damaged runs; damage-judged apart)")
    print(f"{'rule':<28}{'direction':>10}{'findings':>10}{'labelled':>10}{'true':>7}{'precision':>11}"
          f"{'high':>6}")
    stats: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (d, _), items in judged.items():
        for j in items:
            if not in_report(j, threshold) or j.source == "auto:damage":
                continue
            s = stats[(rule_name(j.finding), d)]
            s["n"] += 1
            s["high"] += j.finding.severity == "high"
            if j.verdict is not None:
                s["judged"] += 1
                s["true"] += j.verdict
    total = Counter()
    for (rule, d), s in sorted(stats.items()):
        total.update(s)
        precision = f"{s['true'] / s['judged']:.3f}" if s["judged"] else "-"
        print(f"{rule:<28}{d:>10}{s['n']:>10}{s['judged']:>10}{s['true']:>7}{precision:>11}{s['high']:>6}")
    precision = f"{total['true'] / total['judged']:.3f}" if total["judged"] else "-"
    print(f"{'all':<28}{'':>10}{total['n']:>10}{total['judged']:>10}{total['true']:>7}{precision:>11}"
          f"{total['high']:>6}")


def write_rows(path: Path, items: list[Judged]) -> None:
    columns = LABEL_COLUMNS + ["verdict", "source", "group", "score", "signal", "original_line_text",
                               "translation_line_text", "parallel_translation_text"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for j in items:
            f, run = j.finding, j.run
            line = j.original_line
            writer.writerow({
                "key": j.key, "doc": run.doc, "direction": run.direction, "condition": run.condition,
                "type": f.type, "subtype": f.subtype, "rule": f.rule, "severity": f.severity,
                "confidence": round(f.confidence, 3), "original_text": f.original.text,
                "translation_text": f.translation.text, "evidence": f.evidence,
                "original_line": "" if line is None else line,
                "translation_lines": " ".join(map(str, j.translation_lines)),
                "label": "" if j.verdict is None else str(j.verdict).lower(), "reason": j.reason,
                "labeller": j.source, "aligner_version": __version__,
                "verdict": "" if j.verdict is None else j.verdict, "source": j.source,
                "group": group_key(f, run.direction[:2]), "score": round(f.score, 4), "signal": round(f.signal, 4),
                "original_line_text": run.original[line] if line is not None else "",
                "translation_line_text": " ".join(run.translation[k] for k in range(len(run.translation))
                                                  if run.line_index[k] in j.translation_lines),
                "parallel_translation_text": (run.translation[run.line_index.index(line)]
                                              if line is not None and line in run.line_index else ""),
            })


if __name__ == "__main__":
    sys.exit(main())
