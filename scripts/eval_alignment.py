"""Alignment accuracy on every gold set in ../shared/eval, ours beside two peers, one table.

Usage: python scripts/eval_alignment.py [--split test|dev|all] [--quick]

Arabic-English (NTREX-128): documents 61-123 (the test split; 1-60 were used to train the
scorer) aligned clean, with 10% of English sentences deleted, with ~10% of neighbouring
sentences merged (both sides), and with both; perturbations use a fixed seed.
German-French (Text+Berg test0..6): as published by vecalign and bertalign.
Peers on the same data and embeddings: nltk's gale_church, sentalign (vecalign's DP).
Scores: strict and lax P/R/F1 as vecalign's score.py computes them (aligner.align.evaluate).
"""

from __future__ import annotations

import argparse
import time

from aligner.align.evaluate import Counts, score_document
from aligner.evaluation.data import DEV_DOCUMENTS, ntrex_documents, perturb, textberg_documents
from aligner.evaluation.systems import gale_church, make_embedder, ours, sentalign_peer

SEED = 20261122
CONDITIONS = {"clean": (0.0, 0.0), "delete10": (0.1, 0.0), "merge10": (0.0, 0.1), "delete10+merge10": (0.1, 0.1)}
SYSTEMS = {"aligner (ours)": ours, "gale_church (nltk)": gale_church, "sentalign (vecalign DP)": sentalign_peer}


def evaluate(docs, system, embedder) -> tuple[Counts, float]:
    total = Counts()
    start = time.perf_counter()
    for doc in docs:
        total.add(score_document(system(doc, embedder), doc.gold))
    return total, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["test", "dev", "all"], default="test")
    parser.add_argument("--quick", action="store_true", help="skip the slow peers on Text+Berg")
    args = parser.parse_args()
    embedder = make_embedder()
    ntrex = ntrex_documents()
    chosen = {"test": ntrex[DEV_DOCUMENTS:], "dev": ntrex[:DEV_DOCUMENTS], "all": ntrex}[args.split]
    rows = []
    for condition, (delete, merge) in CONDITIONS.items():
        docs = [perturb(d, SEED, delete, merge) for d in chosen]
        for name, system in SYSTEMS.items():
            counts, seconds = evaluate(docs, system, embedder)
            rows.append((f"ntrex ar-en {args.split} {condition}", name, counts.scores(), seconds))
    textberg = textberg_documents("dev" if args.split == "dev" else "test")
    for name, system in SYSTEMS.items():
        if args.quick and name != "aligner (ours)":
            continue
        counts, seconds = evaluate(textberg, system, embedder)
        rows.append((f"text+berg de-fr {'dev' if args.split == 'dev' else 'test'}", name, counts.scores(), seconds))
    print(f"{'data':<36}{'system':<26}{'sP':>7}{'sR':>7}{'sF1':>7}{'lP':>7}{'lR':>7}{'lF1':>7}{'sec':>7}")
    for data, name, s, seconds in rows:
        print(f"{data:<36}{name:<26}{s['strict_p']:>7.3f}{s['strict_r']:>7.3f}{s['strict_f1']:>7.3f}"
              f"{s['lax_p']:>7.3f}{s['lax_r']:>7.3f}{s['lax_f1']:>7.3f}{seconds:>7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
