"""Loaded wording and content cues on the written pairs: found, missed and false alarms.

Usage: python scripts/eval_loaded_pairs.py [--split dev|test] [--show misses|all] [--rows FILE]

Runs the shipped pipeline (document_from_text, align_documents, detect with the USE embedder) on
every pair of aligner/evaluation/data/loaded_pairs.tsv in the split and prints one table, by
direction and kind:
- found: softened rows with a softening finding at the span, intensified rows with an
  intensification finding, dropped cues with an omission finding at the cue;
- false alarms: faithful rows with any softening or intensification finding, kept cues with an
  omission finding at the cue;
- stray: other rows with a softening or intensification finding the row does not explain.
--show lists the rows missed or falsely flagged (or every row) with their findings; --rows writes
every row's verdict to a CSV. Tune on dev; run test once.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from aligner import __version__
from aligner.evaluation.loaded_judge import LOADED_TYPES, Outcome, Tally, finding_summary, judge, tally
from aligner.evaluation.loaded_pairs import DIRECTIONS, FAITHFUL, PAIRS_PATH, SOFTENED, PairsFileError, load_pairs
from aligner.evaluation.systems import make_embedder

EXPECTED = {"faithful_loaded": "none", "faithful_ordinary": "none", "softened_neutral": "softening",
            "softened_dropped": "softening", "intensified": "intensification", "cue_dropped": "omission",
            "cue_kept": "none at cue"}


def _rate(n: int, d: int) -> str:
    return f"{n / d:.2f}" if d else "-"


def print_table(cells: dict[tuple[str, str], Tally]) -> None:
    header = f"{'direction':<9} {'kind':<18} {'pairs':>5}  {'expected':<15} {'found':>9} {'false alarms':>12} " \
             f"{'stray':>5} {'errors':>6}"
    print(header)
    print("-" * len(header))
    for (direction, kind), t in cells.items():
        expects = EXPECTED[kind] not in ("none", "none at cue")
        found = f"{t.found} {_rate(t.found, t.pairs)}" if expects else "-"
        alarms = f"{t.false_alarms} {_rate(t.false_alarms, t.pairs)}" if not expects else "-"
        stray = str(t.stray) if kind not in FAITHFUL else "-"
        print(f"{direction:<9} {kind:<18} {t.pairs:>5}  {EXPECTED[kind]:<15} {found:>9} {alarms:>12} {stray:>5} "
              f"{t.errors:>6}")


def print_totals(outcomes: list[Outcome]) -> None:
    print()
    for direction in DIRECTIONS:
        mine = [o for o in outcomes if o.pair.direction == direction]
        if not mine:
            continue
        groups = [("softened found", [o for o in mine if o.pair.kind in SOFTENED], "found"),
                  ("intensified found", [o for o in mine if o.pair.kind == "intensified"], "found"),
                  ("faithful falsely flagged", [o for o in mine if o.pair.kind in FAITHFUL], "false_alarm"),
                  ("dropped cues found", [o for o in mine if o.pair.kind == "cue_dropped"], "found"),
                  ("kept cues falsely flagged", [o for o in mine if o.pair.kind == "cue_kept"], "false_alarm")]
        parts = [f"{name} {sum(getattr(o, attr) for o in rows)}/{len(rows)}" for name, rows, attr in groups if rows]
        print(f"{direction}: " + ", ".join(parts))


def verdict(o: Outcome) -> str:
    if o.error:
        return "error"
    if o.expects_finding:
        return "found" if o.found else "missed"
    return "false_alarm" if o.false_alarm else "ok"


def show(outcomes: list[Outcome], everything: bool) -> None:
    print()
    for o in outcomes:
        v = verdict(o)
        if not everything and v in ("found", "ok"):
            continue
        relevant = [f for f in o.findings if f.type in LOADED_TYPES or (o.pair.is_cue and f.type == "omission")]
        print(f"{o.pair.id} {o.pair.direction} {o.pair.kind} {o.pair.term_id} '{o.pair.span}': {v}"
              + (f" ({o.error})" if o.error else "")
              + (f" | {finding_summary(relevant)}" if relevant else ""))


def write_rows(path: Path, outcomes: list[Outcome]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "direction", "kind", "term_id", "span", "verdict", "stray", "findings", "error"])
        for o in outcomes:
            writer.writerow([o.pair.id, o.pair.direction, o.pair.kind, o.pair.term_id, o.pair.span, verdict(o),
                             len(o.stray), finding_summary(o.findings), o.error])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--pairs", type=Path, default=PAIRS_PATH, help="the pairs file (default: the shipped one)")
    parser.add_argument("--show", choices=["misses", "all"], help="list rows missed or falsely flagged, or all")
    parser.add_argument("--rows", type=Path, help="write every row's verdict and findings to this CSV")
    args = parser.parse_args()
    try:
        pairs = load_pairs(args.split, args.pairs)
    except PairsFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    outcomes = judge(pairs, make_embedder())
    print(f"loaded pairs, split {args.split}: {len(pairs)} pairs, aligner {__version__}, "
          f"{time.perf_counter() - started:.0f} s\n")
    print_table(tally(outcomes))
    print_totals(outcomes)
    if args.show:
        show(outcomes, args.show == "all")
    if args.rows:
        write_rows(args.rows, outcomes)
        print(f"\nwrote {args.rows}")
    failed = [o for o in outcomes if o.error]
    if failed:
        print(f"\n{len(failed)} pairs failed in the pipeline, e.g. {failed[0].pair.id}: {failed[0].error}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
