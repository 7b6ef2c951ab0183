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

The code lives in ``aligner.evaluation.translit_fit`` (importable by tests and other scripts); this is its command line.
"""

import sys

from aligner.evaluation.translit_fit import main

if __name__ == "__main__":
    sys.exit(main())
