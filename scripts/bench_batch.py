"""Batch benchmarks on synthetic corpora cut from ../shared/eval (aligner/evaluation/batch_data.py).

    python scripts/bench_batch.py --pairing            # document pairing: tune on dev, score on test
    python scripts/bench_batch.py --throughput         # 1,000 pairs: 1 and 2 workers, warm cache
    python scripts/bench_batch.py --scaling 100 1000 5000

Every batch runs as the real command line (`aligner batch`) in its own process; peak memory is
the largest resident set of any one process of that run (main or worker).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from aligner.evaluation.batch_data import ArticlePair, article_pairs, write_corpus

UNPAIRED = 20
SEED = 20261122
_MEASURE = ("import resource, subprocess, sys, json, time; t = time.perf_counter(); "
            "rc = subprocess.run(sys.argv[1:]).returncode; "
            "print(json.dumps({'rc': rc, 'seconds': time.perf_counter() - t, "
            "'peak_mib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))")


def run_cli(args: list[str]) -> dict:
    """Run `aligner ARGS` in a fresh process; wall time, exit code and peak memory of its processes."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "aligner", *args],
                          capture_output=True, text=True, cwd=ROOT)
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    if stats["rc"] not in (0, 5):
        raise SystemExit(f"aligner {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return stats


def split_seconds(out: Path) -> dict[str, float]:
    with (out / "batch_results.csv").open(encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["status"] == "done"]
    return {k: sum(float(r[f"seconds_{k}"]) for r in rows) for k in ("embed", "align", "detect", "load", "write")} | \
        {"pairs": len(rows)}


def batch(corpus: Path, out: Path, workers: int, cache: Path | None) -> dict:
    args = ["batch", str(corpus / "pairs.csv"), "--out", str(out), "--workers", str(workers), "--no-progress",
            "--no-entities"]
    args += ["--cache", str(cache)] if cache else ["--no-cache"]
    stats = run_cli(args)
    stats.update(split_seconds(out))
    stats["pairs_per_second"] = stats["pairs"] / stats["seconds"]
    return stats


def _line(name: str, s: dict) -> str:
    total = sum(s[k] for k in ("embed", "align", "detect", "load", "write")) or 1.0
    return (f"{name:<28} {s['pairs']:>6} {s['seconds']:>8.1f} {s['pairs_per_second']:>8.2f} {s['peak_mib']:>9.0f}   "
            f"embed {s['embed'] / total:.0%} align {s['align'] / total:.0%} detect {s['detect'] / total:.0%} "
            f"other {(s['load'] + s['write']) / total:.0%}")


def throughput(count: int, tmp: Path) -> None:
    corpus = tmp / "corpus"
    write_corpus(article_pairs(SEED)[:count], corpus)
    print(f"{'run':<28} {'pairs':>6} {'seconds':>8} {'pairs/s':>8} {'peak MiB':>9}   time split (summed over pairs)")
    one = batch(corpus, tmp / "out-1", 1, tmp / "cache-1.sqlite")
    print(_line("1 worker, cold cache", one), flush=True)
    two = batch(corpus, tmp / "out-2", 2, tmp / "cache-2.sqlite")
    print(_line("2 workers, cold cache", two), flush=True)
    warm = batch(corpus, tmp / "out-3", 2, tmp / "cache-2.sqlite")
    print(_line("2 workers, warm cache", warm), flush=True)
    print(f"warm cache speed-up over cold (2 workers): {two['seconds'] / warm['seconds']:.1f}x")


def scaling(sizes: list[int], tmp: Path, workers: int) -> None:
    pairs = article_pairs(SEED)
    print(f"{'pairs':>6} {'seconds':>8} {'ms/pair':>8} {'peak MiB':>9}   (no embedding cache: every pair pays its embeddings)")
    for size in sizes:
        corpus = tmp / f"scale-{size}"
        write_corpus(pairs, corpus, size)
        s = batch(corpus, tmp / f"scale-out-{size}", workers, None)
        print(f"{size:>6} {s['seconds']:>8.1f} {1000 * s['seconds'] / size:>8.1f} {s['peak_mib']:>9.0f}", flush=True)


def _pairing_set(pairs: list[ArticlePair], n_pairs: int, rng: random.Random):
    """n_pairs true pairs, UNPAIRED translations without their original, UNPAIRED originals without theirs."""
    chosen = rng.sample(pairs, n_pairs + 2 * UNPAIRED)
    true_pairs = chosen[:n_pairs]
    lone_translations = chosen[n_pairs:n_pairs + UNPAIRED]
    lone_originals = chosen[n_pairs + UNPAIRED:]
    return true_pairs, lone_translations, lone_originals


def _load(folder: Path, items: list[ArticlePair], side: str):
    from aligner.document import document_from_text

    docs = []
    for p in items:
        text = "\n".join(p.ar if side == "ar" else p.en) + "\n"
        docs.append(document_from_text(text, side, p.name, f"{p.name}.{side}.txt"))
    return docs


def pairing(tmp: Path) -> None:
    """Tune the threshold on dev; on test, score the issue's set (200 pairs + 20 translations
    without an original) and a harder one (also 20 originals without a translation)."""
    import numpy as np

    from aligner.batch.pairing import assign, default_params, pairing_scores
    from aligner.embed import Embedder

    embedder = Embedder(cache_path=ROOT / ".cache" / "embeddings.sqlite")
    sets = {}
    for name, split, n_pairs, with_lone_originals in (("dev", "dev", 180, True), ("test", "test", 200, False),
                                                       ("test, harder", "test", 200, True)):
        rng = random.Random(f"{SEED}:{split}")
        true_pairs, lone_t, lone_o = _pairing_set(article_pairs(SEED, split), n_pairs, rng)
        originals = _load(tmp, true_pairs + (lone_o if with_lone_originals else []), "ar")
        translations = _load(tmp, true_pairs + lone_t, "en")
        rng.shuffle(originals)
        rng.shuffle(translations)
        t0 = time.perf_counter()
        scores = pairing_scores(originals, translations, embedder)
        print(f"{name}: {len(originals)} originals x {len(translations)} translations scored in "
              f"{time.perf_counter() - t0:.1f} s", flush=True)
        sets[name] = (true_pairs, lone_t, originals, translations, scores)

    def score(name: str, threshold: float) -> dict:
        true_pairs, lone_t, originals, translations, scores = sets[name]
        rows = assign(originals, translations, scores, threshold)
        truth = {f"{p.name}.en.txt": f"{p.name}.ar.txt" for p in true_pairs}
        found = sum(truth.get(r.translation) == r.original for r in rows if r.translation in truth)
        lone = {f"{p.name}.en.txt" for p in lone_t}
        reported = sum(r.status == "unpaired" for r in rows if r.translation in lone)
        false_unpaired = sum(r.status == "unpaired" for r in rows if r.translation in truth)
        wrong = sum(r.original is not None and truth.get(r.translation) != r.original for r in rows)
        return {"pairs": len(truth), "found": found, "recall": round(found / len(truth), 3), "unpaired": len(lone),
                "unpaired_reported": reported, "false_unpaired": false_unpaired, "wrong_original": wrong}

    grid = [round(x, 3) for x in np.arange(-0.05, 0.30, 0.01)]
    dev = {t: score("dev", t) for t in grid}
    best = max(grid, key=lambda t: (dev[t]["found"] + dev[t]["unpaired_reported"] - dev[t]["wrong_original"], -t))
    print(f"dev (NTREX 1-60, with lone originals): threshold {best} -> {json.dumps(dev[best])}")
    current = default_params().threshold
    for name in ("test", "test, harder"):
        print(f"{name} (NTREX 61-123 + TICO-19) at threshold {current}: {json.dumps(score(name, current))}")
    if current != best:
        print(f"note: data/pairing.json has threshold {current}; the dev-chosen value is {best}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairing", action="store_true")
    parser.add_argument("--throughput", type=int, nargs="?", const=1000, metavar="PAIRS")
    parser.add_argument("--scaling", type=int, nargs="*", metavar="PAIRS")
    parser.add_argument("--workers", type=int, default=2, help="workers for the scaling runs")
    args = parser.parse_args()
    if not (args.pairing or args.throughput or args.scaling):
        args.pairing, args.throughput, args.scaling = True, 1000, [100, 1000, 5000]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        started = time.perf_counter()
        if args.pairing:
            pairing(tmp)
        if args.throughput:
            throughput(args.throughput, tmp)
        if args.scaling:
            scaling(args.scaling, tmp, args.workers)
        print(f"({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
