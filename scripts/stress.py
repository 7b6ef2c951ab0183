"""Stress the tool and print the figures: inputs tried, crashes found, load held, decisions lost.

    python scripts/stress.py                        # all three parts (about 8 minutes)
    python scripts/stress.py --no-big               # without the 60,000-word line and other large inputs
    python scripts/stress.py --fuzz-minutes 0       # skip fuzzing
    python scripts/stress.py --clients 16 --decisions 500

1. Awkward inputs (aligner/testing/bad_inputs.py) through the real command line, one process each: a crash
   is a traceback, an undocumented exit code, a message that is not one line naming the file,
   or files left behind by a failed run.
2. Property fuzzing (aligner/testing/fuzzing.py) for --fuzz-minutes.
3. The review server under load on 127.0.0.1: --clients reviewers posting decisions at once,
   with malformed requests mixed in (each must get a 4xx); afterwards every acknowledged
   decision must be in the server's log.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aligner.testing.bad_inputs import make_cases
from aligner.testing.fuzzing import PROPERTIES as FUZZ_PROPERTIES
from aligner.testing.fuzzing import run as run_fuzz
from aligner.testing.review_helpers import SEED_PAIR
from aligner.testing.review_load import load

ROOT = Path(__file__).resolve().parents[1]

DOCUMENTED_EXIT_CODES = {0, 1, 2, 3, 4, 5}


def bad_inputs(folder: Path, big: bool = True) -> tuple[int, list[str], dict[str, float]]:
    """Run every awkward input; returns (inputs tried, problems found, seconds per case)."""
    problems = []
    seconds: dict[str, float] = {}
    cases = make_cases(folder, big=big)
    for case in cases:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "aligner", *case.args], capture_output=True, text=True,
                              timeout=1800, cwd=ROOT)
        seconds[case.name] = time.perf_counter() - started
        err = proc.stderr.strip().splitlines()
        if "Traceback" in proc.stderr or proc.returncode not in DOCUMENTED_EXIT_CODES:
            problems.append(f"{case.name}: crash (exit {proc.returncode}): {proc.stderr[-300:]}")
        elif proc.returncode not in case.exit_codes:
            problems.append(f"{case.name}: exit {proc.returncode}, expected {case.exit_codes}: {proc.stderr[-200:]}")
        elif proc.returncode:
            left = case.leftovers()
            if len(err) != 1 or case.names not in err[0] or case.says not in err[0]:
                problems.append(f"{case.name}: message not one clear line: {proc.stderr!r}")
            if left:
                problems.append(f"{case.name}: left files behind: {left[:3]}")
        elif err and not (case.warns and len(err) == 1 and case.warns in err[0]):
            problems.append(f"{case.name}: succeeded but printed on stderr: {proc.stderr[-300:]!r}")
    return len(cases), problems, seconds


def _reports(tmp: Path) -> Path:
    """The project's reports if `make align` ran, else fresh reports of the corpus."""
    if (ROOT / "reports" / SEED_PAIR / "findings.csv").is_file():
        return ROOT / "reports"
    out = tmp / "reports"
    subprocess.run([sys.executable, "-m", "aligner", "corpus", str(ROOT / "corpus" / "pairs.csv"), "--out", str(out),
                    "--pairs-only"], check=True, capture_output=True, cwd=ROOT)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzz-minutes", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--decisions", type=int, default=250, help="requests per client")
    parser.add_argument("--no-big", action="store_true",
                        help="skip the large inputs (60,000 words, 20,000 lines, 20 MB)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        tried, problems, seconds = bad_inputs(tmp / "inputs", big=not args.no_big)
        print(f"awkward inputs: {tried} tried, {len(problems)} crashes or unclear answers "
              f"({time.perf_counter() - t0:.0f} s)")
        for name, took in sorted(seconds.items(), key=lambda item: -item[1])[:4]:
            print(f"   slowest: {name} {took:.0f} s")
        for p in problems:
            print("  ", p)
        fuzz_failed = 0
        if args.fuzz_minutes > 0:
            results = run_fuzz(list(FUZZ_PROPERTIES), args.fuzz_minutes)
            fuzz_tried = sum(t.tried for t in results.values())
            fuzz_failed = sum(len(t.failures) for t in results.values())
            print(f"fuzzing: {fuzz_tried} generated inputs over {len(results)} properties, {fuzz_failed} failures")
            for name, tally in results.items():
                for failure in tally.failures:
                    print(f"   [{name}] {failure[:300]}")
        reports = _reports(tmp)
        shutil.copytree(reports, tmp / "load-reports", ignore=shutil.ignore_patterns(".cache"))
        figures = load(tmp / "load-reports", args.clients, args.decisions)
        print(f"review server load: {figures['clients']} clients at once, {figures['decisions acknowledged']} "
              f"decisions acknowledged ({figures['decisions per second']}/s, p50 {figures['latency p50 ms']} ms, "
              f"p95 {figures['latency p95 ms']} ms), {figures['decision errors']} errors; "
              f"{figures['malformed sent']} malformed requests, {figures['malformed not 4xx']} not answered 4xx")
        print(f"decisions lost: {figures['decisions lost']}")
        for d in figures["details"]:
            print("  ", d)
    bad = (problems or fuzz_failed or figures["decisions lost"] or figures["malformed not 4xx"]
           or figures["decision errors"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
