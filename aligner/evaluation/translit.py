"""Precision, recall and ranking of the cross-script name matcher.

Usage: python scripts/eval_translit.py [--part heldout|dev|none] [--sample N] [--errors N] [TABLE.tsv ...]

1. The written tables (default: tests/data/name_pairs.tsv, the development table, and
   tests/data/name_pairs_heldout.tsv, written after the costs were first set): the phonetic
   matcher alone, and matcher + gazetteer (a pair also matches when both names resolve to the
   same gazetteer entity, which covers exonyms such as الفرات / Euphrates).
2. Google's Arabic-English name pairs (``aligner/evaluation/names.py``; ``--part`` chooses the
   development or the held-out part, ``--sample`` scores only N pairs of it, a fixed draw):
   - P/R at the default threshold. Positives: every pair of the part. Negatives: for each pair,
     two wrong English names from the same part, drawn with a fixed seed: one at random, and one
     look-alike (same first letter, length within one letter). "Wrong" means not an English
     spelling of that Arabic word anywhere in the data.
   - Ranking: each pair's Arabic name against 1,000 English candidates (its English name and 999
     wrong names drawn at random, fixed seed, from the same part): top-1, top-5 and MRR, ties
     counted against the matcher (a wrong name scoring as high as the right one ranks first).
   - Wrong names passing: how many of the 999 score at or above the threshold, per Arabic name.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.phonetic import MATCH_THRESHOLD, Matcher, default_matcher, name_similarity
from aligner.evaluation.names import NamePair, google_pairs, name_pairs, split_key

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)
SEED = 20
CANDIDATES = 1000


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


def report_table(pairs: list[dict[str, str]]) -> None:
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


# --- Google name pairs -------------------------------------------------------------------------

@dataclass(frozen=True)
class NameScores:
    """P/R at the threshold and the ranking among 1,000 candidates for one part."""

    pairs: int
    precision: float
    recall: float
    false_random: int
    false_lookalike: int
    top1: float
    top5: float
    mrr: float
    wrong_passing: float  # mean number of the 999 wrong names at or above the threshold
    misses: tuple[tuple[str, str, float], ...]
    false_matches: tuple[tuple[str, str, float], ...]
    outranked: tuple[tuple[str, str, str, float, float], ...]  # arabic, gold, wrong, gold score, wrong score


def gold_spellings() -> dict[str, frozenset[str]]:
    """Every English spelling of each normalized Arabic word in the whole data."""
    gold: dict[str, set[str]] = defaultdict(set)
    for pair in google_pairs():
        gold[split_key(pair.arabic)].add(pair.english)
    return {k: frozenset(v) for k, v in gold.items()}


def _rng(pair: NamePair, purpose: str) -> random.Random:
    return random.Random(f"{SEED}:{purpose}:{pair.arabic}:{pair.english}")


def _wrong(pool: list[str], gold: frozenset[str], k: int, rng: random.Random) -> list[str]:
    drawn = rng.sample(pool, min(len(pool), k + len(gold)))
    return [e for e in drawn if e not in gold][:k]


def negatives(pair: NamePair, pool: list[str], by_initial: dict[tuple[str, int], list[str]],
              gold: frozenset[str]) -> list[tuple[str, str]]:
    """(kind, English name): one random wrong name and one look-alike wrong name."""
    out = [("random", _wrong(pool, gold, 1, _rng(pair, "random"))[0])]
    similar = [e for d in (-1, 0, 1) for e in by_initial.get((pair.english[0], len(pair.english) + d), [])]
    similar = sorted(set(similar) - gold)
    if similar:
        out.append(("lookalike", _rng(pair, "lookalike").choice(similar)))
    return out


def _rank(matcher: Matcher, arabic: str, gold_score: float, wrong: list[str],
          threshold: float) -> tuple[int, int, str, float]:
    """1-based rank of the right name (ties against it), wrong names passing, best wrong name."""
    floor = min(gold_score, threshold)
    above = passing = 0
    best, best_score = "", -1.0
    for name in wrong:
        s = matcher.score(arabic, name, floor)  # exact when at least floor
        above += s >= gold_score
        passing += s >= threshold
        if s > best_score:
            best, best_score = name, s
    return 1 + above, passing, best, best_score


def evaluate_part(part: str, sample: int | None = None, threshold: float = MATCH_THRESHOLD,
                  matcher: Matcher | None = None) -> NameScores:
    """P/R, ranking and wrong names passing on one part of the Google pairs."""
    matcher = matcher or default_matcher()
    pairs = list(name_pairs(part))
    pool = sorted({p.english for p in pairs})
    by_initial: dict[tuple[str, int], list[str]] = defaultdict(list)
    for e in pool:
        by_initial[(e[0], len(e))].append(e)
    if sample and sample < len(pairs):
        pairs = random.Random(SEED).sample(pairs, sample)
    gold = gold_spellings()
    tp = fn = 0
    false = {"random": 0, "lookalike": 0}
    misses, false_matches, outranked = [], [], []
    ranks, passing = [], []
    for pair in pairs:
        spellings = gold[split_key(pair.arabic)]
        s = matcher.similarity(pair.arabic, pair.english)
        if s >= threshold:
            tp += 1
        else:
            fn += 1
            misses.append((pair.arabic, pair.english, s))
        for kind, wrong in negatives(pair, pool, by_initial, spellings):
            ws = matcher.similarity(pair.arabic, wrong)
            if ws >= threshold:
                false[kind] += 1
                false_matches.append((pair.arabic, wrong, ws))
        wrong_names = _wrong(pool, spellings, CANDIDATES - 1, _rng(pair, "rank"))
        rank, n_passing, best, best_score = _rank(matcher, pair.arabic, s, wrong_names, threshold)
        ranks.append(rank)
        passing.append(n_passing)
        if rank > 1:
            outranked.append((pair.arabic, pair.english, best, s, best_score))
    fp = sum(false.values())
    n = len(pairs)
    return NameScores(
        pairs=n, precision=tp / (tp + fp) if tp + fp else 0.0, recall=tp / n if n else 0.0,
        false_random=false["random"], false_lookalike=false["lookalike"],
        top1=sum(r == 1 for r in ranks) / n, top5=sum(r <= 5 for r in ranks) / n,
        mrr=sum(1 / r for r in ranks) / n, wrong_passing=sum(passing) / n,
        misses=tuple(misses), false_matches=tuple(false_matches), outranked=tuple(outranked))


def report_part(part: str, sample: int | None, errors: int) -> None:
    result = evaluate_part(part, sample)
    print(f"== Google ar2en, {part} part: {result.pairs} pairs{' (sample)' if sample else ''}; "
          f"threshold {MATCH_THRESHOLD}; {CANDIDATES} candidates per Arabic name")
    print(f"{'precision':>10}{'recall':>8}{'FP rand':>8}{'FP look':>8}{'top-1':>7}{'top-5':>7}{'MRR':>7}"
          f"{'wrong passing /999':>20}")
    print(f"{result.precision:>10.3f}{result.recall:>8.3f}{result.false_random:>8}{result.false_lookalike:>8}"
          f"{result.top1:>7.3f}{result.top5:>7.3f}{result.mrr:>7.3f}{result.wrong_passing:>20.3f}")
    if errors:
        for a, e, s in result.misses[:errors]:
            print(f"  missed: {a} / {e} ({s:.2f})")
        for a, e, s in result.false_matches[:errors]:
            print(f"  false match: {a} / {e} ({s:.2f})")
        for a, e, w, s, ws in result.outranked[:errors]:
            print(f"  outranked: {a} / {e} ({s:.2f}) by {w} ({ws:.2f})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tables", nargs="*", type=Path)
    parser.add_argument("--part", choices=["heldout", "dev", "none"], default="heldout")
    parser.add_argument("--sample", type=int, default=None, help="score only N pairs of the part (fixed draw)")
    parser.add_argument("--errors", type=int, default=0, help="list up to N errors of each kind")
    args = parser.parse_args(argv[1:])
    paths = args.tables or [ROOT / "tests" / "data" / "name_pairs.tsv",
                            ROOT / "tests" / "data" / "name_pairs_heldout.tsv"]
    for path in paths:
        print(f"== {path.name}")
        report_table(load_pairs(path))
    if args.part != "none":
        report_part(args.part, args.sample, args.errors)
    return 0
