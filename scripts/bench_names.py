"""Time resolving 100,000 name mentions against a 20,000-name gazetteer, on one core.

Usage: python -m scripts.bench_names [--mentions 100000] [--entities 10000] [--check 500]

The gazetteer is built from Google's development name pairs (``aligner/evaluation/names.py``): 10,000
entities, each with its English and its Arabic spelling (20,000 names). Mentions are drawn with a
fixed seed: a third spelled exactly as listed, a third respelled (Latin: ou/u, ee/i, c/k, ph/f,
doubled or single consonants, a final e, an al- article; Arabic: ة/ه, ى/ي, أ/ا, ال added or taken
off), a third names of other development pairs that are not in the gazetteer (respelled half the
time). Every mention goes through ``Gazetteer.resolve`` as the corpus pipeline calls it (exact
lookup, else the blocking index and the matcher; repeated spellings come from its cache).

``--check N`` then compares, for N distinct respelled or unknown mentions, the entity the
blocking index resolves with the one found by scoring every gazetteer name (the same matcher
without blocking), and prints how often they differ.
"""

from __future__ import annotations

import argparse
import random
import time

from threadpoolctl import threadpool_limits

from aligner.entities.gazetteer import Entity, Gazetteer
from aligner.evaluation.names import NamePair, name_pairs

SEED = 2020
_LATIN_SWAPS = [("ou", "u"), ("u", "ou"), ("ee", "i"), ("i", "ee"), ("c", "k"), ("k", "c"), ("ph", "f"),
                ("f", "ph"), ("y", "i"), ("oo", "u")]
_ARABIC_SWAPS = [("ة", "ه"), ("ى", "ي"), ("ي", "ى"), ("أ", "ا"), ("إ", "ا"), ("ه", "ة")]


def respell(name: str, rng: random.Random) -> str:
    """Another plausible spelling of a name (one small change, chosen at random)."""
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        swaps = [(a, b) for a, b in _ARABIC_SWAPS if a in name]
        choice = rng.random()
        if choice < 0.3:
            return name[2:] if name.startswith("ال") and len(name) > 4 else "ال" + name
        if swaps:
            a, b = rng.choice(swaps)
            return name.replace(a, b, 1)
        return name
    swaps = [(a, b) for a, b in _LATIN_SWAPS if a in name]
    choice = rng.random()
    if choice < 0.15:
        return "al-" + name
    if choice < 0.3:
        return name[:-1] if name.endswith("e") else name + "e"
    if choice < 0.45:
        consonants = [i for i, ch in enumerate(name) if ch in "bdfglmnprst"]
        if consonants:
            i = rng.choice(consonants)
            return name[:i] + name[i] + name[i:]
    if swaps:
        a, b = rng.choice(swaps)
        return name.replace(a, b, 1)
    return name


def build(pairs: list[NamePair], n_entities: int) -> tuple[Gazetteer, list[NamePair], list[NamePair]]:
    """A gazetteer of ``n_entities`` development pairs, the pairs in it and the pairs left out."""
    rng = random.Random(SEED)
    pairs = sorted(pairs, key=lambda p: (p.arabic, p.english))
    rng.shuffle(pairs)
    seen_ar: set[str] = set()
    seen_en: set[str] = set()
    listed, others = [], []
    for pair in pairs:
        if pair.arabic in seen_ar or pair.english in seen_en:
            continue
        seen_ar.add(pair.arabic)
        seen_en.add(pair.english)
        (listed if len(listed) < n_entities else others).append(pair)
    entities = [Entity(f"e{i}", "person", "", p.arabic, p.english, (), "") for i, p in enumerate(listed)]
    return Gazetteer(entities), listed, others


def mentions(listed: list[NamePair], others: list[NamePair], n: int) -> list[tuple[str, str]]:
    """(spelling, kind) mentions: listed, respelled or unknown."""
    rng = random.Random(SEED + 1)
    out = []
    for _ in range(n):
        kind = rng.choice(("listed", "respelled", "unknown"))
        pair = rng.choice(others if kind == "unknown" else listed)
        name = pair.arabic if rng.random() < 0.5 else pair.english
        if kind == "respelled" or (kind == "unknown" and rng.random() < 0.5):
            name = respell(name, rng)
        out.append((name, kind))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--check", type=int, default=500, help="distinct mentions checked against no blocking")
    args = parser.parse_args()
    with threadpool_limits(limits=1):
        pairs = list(name_pairs("dev"))
        gazetteer, listed, others = build(pairs, args.entities)
        drawn = mentions(listed, others, args.mentions)
        names = sum(len(e.names()) for e in gazetteer.entities)
        start = time.perf_counter()
        resolved = [gazetteer.resolve(name)[0] for name, _ in drawn]
        elapsed = time.perf_counter() - start
        distinct = {name for name, _ in drawn}
        found = sum(e is not None for e in resolved)
        print(f"gazetteer: {len(gazetteer.entities)} entities, {names} names (Google ar2en development pairs)")
        print(f"mentions: {len(drawn)} ({len(distinct)} distinct spellings); resolved to an entity: {found}")
        print(f"time: {elapsed:.1f} s on one core ({len(drawn) / elapsed:.0f} mentions/s; index built on the "
              f"first unseen spelling, included)")
        by_kind = {}
        for (_, kind), entity in zip(drawn, resolved):
            by_kind.setdefault(kind, []).append(entity is not None)
        for kind, hits in sorted(by_kind.items()):
            print(f"  {kind:<10} {len(hits):>6} mentions, {sum(hits) / len(hits):.3f} resolved")
        if args.check:
            rng = random.Random(SEED + 2)
            unseen = sorted(n for n, kind in set(drawn) if kind != "listed" and gazetteer.lookup(n) is None)
            sample = rng.sample(unseen, min(args.check, len(unseen)))
            differ = sum(gazetteer.match_by_sound(n, block=False)[0] != gazetteer.resolve(n)[0] for n in sample)
            print(f"blocking check: {len(sample)} distinct unseen spellings, {differ} resolved differently "
                  f"than by scoring all {names} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
