"""Precision and recall of the cross-script name matcher on the written test table.

Usage: python scripts/eval_translit.py [TABLE.tsv ...]
(default: tests/data/name_pairs.tsv, the development table, and
tests/data/name_pairs_heldout.tsv, written after the costs were set)

Prints one table: the phonetic matcher alone, and matcher + gazetteer (a pair also
matches when both names resolve to the same gazetteer entity, which covers exonyms
such as الفرات / Euphrates that no phonetic key can join).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script

import csv
import sys
from pathlib import Path

from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.phonetic import MATCH_THRESHOLD, name_similarity

ROOT = Path(__file__).resolve().parents[1]


def load_pairs(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def same_by_gazetteer(a: str, b: str) -> bool:
    gazetteer = load_gazetteer()
    ea, _ = gazetteer.resolve(a)
    eb, _ = gazetteer.resolve(b)
    return ea is not None and eb is not None and ea.id == eb.id


def score(pairs: list[dict[str, str]], predict) -> tuple[float, float, int, int, int, list[str]]:
    tp = fp = fn = 0
    errors = []
    for row in pairs:
        gold = row["same"] == "1"
        guess = predict(row["a"], row["b"])
        tp += gold and guess
        fp += guess and not gold
        fn += gold and not guess
        if gold != guess:
            errors.append(f"{'missed' if gold else 'false match'}: {row['a']} / {row['b']} "
                          f"(similarity {name_similarity(row['a'], row['b']):.2f})")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, tp, fp, fn, errors


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv[1:]] or [ROOT / "tests" / "data" / "name_pairs.tsv",
                                             ROOT / "tests" / "data" / "name_pairs_heldout.tsv"]
    for path in paths:
        print(f"== {path.name}")
        report(load_pairs(path))
    return 0


def report(pairs: list[dict[str, str]]) -> None:
    positives = sum(r["same"] == "1" for r in pairs)
    print(f"{len(pairs)} pairs ({positives} same entity, {len(pairs) - positives} different); "
          f"threshold {MATCH_THRESHOLD}")
    print(f"{'method':<28}{'precision':>10}{'recall':>8}{'TP':>5}{'FP':>5}{'FN':>5}")
    systems = {
        "phonetic matcher": lambda a, b: name_similarity(a, b) >= MATCH_THRESHOLD,
        "matcher + gazetteer": lambda a, b: name_similarity(a, b) >= MATCH_THRESHOLD or same_by_gazetteer(a, b),
    }
    all_errors = {}
    for name, predict in systems.items():
        p, r, tp, fp, fn, errors = score(pairs, predict)
        all_errors[name] = errors
        print(f"{name:<28}{p:>10.3f}{r:>8.3f}{tp:>5}{fp:>5}{fn:>5}")
    for name, errors in all_errors.items():
        for e in errors:
            print(f"  [{name}] {e}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
