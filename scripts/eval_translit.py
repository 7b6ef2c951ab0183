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

The code lives in ``aligner.evaluation.translit`` (importable by tests and other scripts); this is its command line.
"""

import sys

from aligner.evaluation.translit import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
