"""Fit the matcher's edit costs on the development name pairs (hard EM).

Usage: python -m scripts.fit_translit_costs [--grid] [--sample N]

Starting from the hand-set costs (``aligner/data/translit_costs.tsv``), each round aligns the
phonetic keys of every development pair of Google's ar2en list (``aligner/evaluation/names.py``; the
held-out part is never read) by the current costs, counts which Latin-side symbol stood against
which Arabic-side symbol (or against nothing), and sets each cost from those counts:

    cost(x, y) = min(1, max(FLOOR, -ln(ratio) / SCALE)),
    ratio = (n(x, y) + 1) / (n(x, best partner of x) + SMOOTHING), or the same from y's side if higher,

so the usual rendering of a symbol costs nothing and a rendering seen one time in e^SCALE costs
the full 1. A pair counts in both directions (Latin x against Arabic y, or Latin y against
Arabic x; the cheaper wins), since the table is symmetric. Pairs whose key similarity stays
under NOISE_FLOOR (mined pairs that are not the same name, such as القضاعي / abbar) are not
counted. Misreadings that transliterations cannot show (letters that differ by a dot) stay in
the hand-set table, which the matcher reads beside the fitted one.

Writes ``aligner/data/translit_costs_fitted.tsv``. ``--grid`` instead prints development scores
(P/R, ranking, wrong names passing on N development pairs) for a grid of SCALE and FLOOR, from
which the constants below were chosen.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path

from aligner.entities.edit_distance import EditCosts, align_cost, align_operations, hand_set_costs, with_misreadings
from aligner.entities.phonetic import Matcher
from aligner.entities.symbols import Key, phonetic_keys
from aligner.evaluation.names import NamePair, name_pairs
from aligner.evaluation.translit import evaluate_part

OUT = Path(__file__).resolve().parents[1] / "data" / "translit_costs_fitted.tsv"
ROUNDS = 4
SCALE = 1.5
FLOOR = 0.1
SMOOTHING = 2.0
NOISE_FLOOR = 0.5
MIN_COUNT = 2  # a pair seen fewer times keeps the default cost


def start_costs() -> EditCosts:
    """The whole hand-set table: where fitting starts."""
    return EditCosts(hand_set_costs("all"))


def _best_alignment(pair: NamePair, costs: EditCosts) -> tuple[float, Key, Key]:
    """(normalized distance, Latin key, Arabic key) of the closest variant keys of a pair."""
    best = (math.inf, (), ())
    for kl in phonetic_keys(pair.english):
        for ka in phonetic_keys(pair.arabic):
            if not kl or not ka:
                continue
            weight = max(costs.weight(kl), costs.weight(ka))
            distance = align_cost(kl, ka, costs)[0]
            if weight > 0 and distance / weight < best[0]:
                best = (distance / weight, kl, ka)
    return best


Counts = Counter[tuple[str, str]]


def count_operations(pairs: list[NamePair], costs: EditCosts) -> tuple[Counts, int]:
    """(Latin symbol or GAP, Arabic symbol or GAP) counts over the pairs' cheapest alignments."""
    counts: Counts = Counter()
    used = 0
    for pair in pairs:
        distance, kl, ka = _best_alignment(pair, costs)
        if 1.0 - distance < NOISE_FLOOR:
            continue
        used += 1
        counts.update(align_operations(kl, ka, costs))
    return counts, used


def _cost(n: int, best: int, scale: float, floor: float) -> float:
    ratio = (n + 1) / (best + SMOOTHING)
    return min(1.0, max(floor, -math.log(min(ratio, 1.0)) / scale))


def costs_from_counts(counts: Counts, scale: float = SCALE,
                      floor: float = FLOOR) -> dict[tuple[str, str], float]:
    """Directional cost of each seen (Latin, Arabic) edit, folded into one symmetric table."""
    best_of_latin: Counter[str] = Counter()
    best_of_arabic: Counter[str] = Counter()
    for (x, y), n in counts.items():
        best_of_latin[x] = max(best_of_latin[x], n)
        best_of_arabic[y] = max(best_of_arabic[y], n)
    costs: dict[tuple[str, str], float] = {}
    for (x, y), n in counts.items():
        if x == y or n < MIN_COUNT:
            continue
        cost = _cost(n, min(best_of_latin[x], best_of_arabic[y]), scale, floor)
        key = (min(x, y), max(x, y))
        costs[key] = min(cost, costs.get(key, 1.0))
    return costs


def fit(pairs: list[NamePair], scale: float = SCALE, floor: float = FLOOR,
        rounds: int = ROUNDS) -> tuple[dict[tuple[str, str], float], Counts, int]:
    """Fitted costs, the last round's edit counts and how many pairs they came from."""
    costs = start_costs()
    fitted: dict[tuple[str, str], float] = {}
    counts: Counts = Counter()
    used = 0
    for _ in range(rounds):
        counts, used = count_operations(pairs, costs)
        fitted = costs_from_counts(counts, scale, floor)
        costs = with_misreadings(fitted)
    return fitted, counts, used


def write_costs(path: Path, fitted: dict[tuple[str, str], float], counts: Counter[tuple[str, str]],
                used: int, total: int) -> None:
    seen = Counter()
    for (x, y), n in counts.items():
        seen[(min(x, y), max(x, y))] += n
    lines = [
        "# Edit costs between phonetic symbols fitted by scripts/fit_translit_costs.py (do not edit by hand).",
        f"# Data: Google ar2en development part, {used} of {total} pairs aligned (the rest under the noise floor);",
        f"# {ROUNDS} rounds of hard EM from translit_costs.tsv; SCALE {SCALE}, FLOOR {FLOOR}, "
        f"SMOOTHING {SMOOTHING}, MIN_COUNT {MIN_COUNT}.",
        "# a, b: symbols (- is nothing: an insertion or deletion); aligned: times a stood against b in either order.",
        "a\tb\tcost\taligned",
    ]
    for (a, b), cost in sorted(fitted.items()):
        lines.append(f"{a}\t{b}\t{cost:.3f}\t{seen[(min(a, b), max(a, b))]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def grid(pairs: list[NamePair], sample: int, scales: list[float], floors: list[float]) -> None:
    print(f"{'scale':>6}{'floor':>6}{'P':>7}{'R':>7}{'top1':>7}{'top5':>7}{'MRR':>7}{'pass/999':>9}")
    for scale in scales:
        for floor in floors:
            fitted, _, _ = fit(pairs, scale, floor)
            r = evaluate_part("dev", sample, matcher=Matcher(with_misreadings(fitted)))
            print(f"{scale:>6}{floor:>6}{r.precision:>7.3f}{r.recall:>7.3f}{r.top1:>7.3f}{r.top5:>7.3f}"
                  f"{r.mrr:>7.3f}{r.wrong_passing:>9.3f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", action="store_true", help="print development scores for a grid of settings")
    parser.add_argument("--sample", type=int, default=1000, help="development pairs scored per setting (--grid)")
    parser.add_argument("--scales", type=float, nargs="+", default=[2.0, 2.5, 3.0, 3.5, 4.0])
    parser.add_argument("--floors", type=float, nargs="+", default=[0.05, 0.1])
    args = parser.parse_args()
    pairs = list(name_pairs("dev"))
    if args.grid:
        grid(pairs, args.sample, args.scales, args.floors)
        return 0
    fitted, counts, used = fit(pairs)
    write_costs(OUT, fitted, counts, used, len(pairs))
    print(f"wrote {OUT} ({len(fitted)} costs from {used} of {len(pairs)} development pairs)")
    return 0
