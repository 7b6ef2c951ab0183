"""Long fuzzing runs of the properties in aligner/testing/properties.py (hypothesis, fresh seeds each round).

    python scripts/fuzz.py --minutes 10          # every property, shared time budget
    python scripts/fuzz.py --only pipeline --minutes 30

Prints, per property, the inputs tried and the failures found (with the smallest failing input
hypothesis could find). Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st

from aligner.testing import properties as p

PROPERTIES = {
    "normalizers": ((st.one_of(p.ANY_TEXT, p.MIXED_DOC),), p.check_normalizers),
    "matcher": ((p.NAME, p.NAME), p.check_matcher),
    "numbers": ((st.one_of(p.ANY_TEXT, p.ARABIC_DOC, p.ENGLISH_DOC), st.sampled_from(["ar", "en"])), p.check_numbers),
    "decode": ((st.binary(max_size=2000),), p.check_decode),
    "html": ((p.HTML_DOC,), p.check_html),
    "pipeline": ((st.one_of(p.ARABIC_DOC, p.MIXED_DOC), st.one_of(p.ENGLISH_DOC, p.MIXED_DOC)), p.check_pipeline),
}


@dataclass
class Tally:
    tried: int = 0
    failures: list[str] = field(default_factory=list)


def fuzz(name: str, seconds: float, batch: int) -> Tally:
    """Run one property in batches of fresh random examples until the time is up or it fails."""
    strategies, check = PROPERTIES[name]
    tally = Tally()

    def counted(args):
        tally.tried += 1
        check(*args)

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        test = settings(max_examples=batch, deadline=None, database=None, derandomize=False,
                        suppress_health_check=list(HealthCheck))(given(st.tuples(*strategies))(counted))
        try:
            test()
        except Exception as exc:  # a failing property: keep the shrunk example and go on
            notes = " ".join(getattr(exc, "__notes__", []))
            tally.failures.append(f"{type(exc).__name__}: {str(exc).strip()[:300]} {notes[:700]}")
            if len(tally.failures) >= 3:
                break
    return tally


def run(names: list[str], minutes: float, batch: int = 200) -> dict[str, Tally]:
    share = minutes * 60 / len(names)
    return {name: fuzz(name, share, batch) for name in names}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="total time budget (default 5)")
    parser.add_argument("--only", choices=sorted(PROPERTIES), action="append", help="fuzz only these properties")
    parser.add_argument("--batch", type=int, default=200, help="examples per hypothesis run")
    args = parser.parse_args()
    names = args.only or list(PROPERTIES)
    started = time.monotonic()
    results = run(names, args.minutes, args.batch)
    print(f"{'property':<12} {'inputs':>9} {'failures':>9}")
    for name, tally in results.items():
        print(f"{name:<12} {tally.tried:>9} {len(tally.failures):>9}")
    total = sum(t.tried for t in results.values())
    failed = sum(len(t.failures) for t in results.values())
    print(f"{'total':<12} {total:>9} {failed:>9}   ({time.monotonic() - started:.0f} s)")
    for name, tally in results.items():
        for failure in tally.failures:
            print(f"\n[{name}] {failure}")
    return 1 if failed else 0
