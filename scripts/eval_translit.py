"""Precision, recall and ranking of the cross-script name matcher: the command line of
``aligner.evaluation.translit`` (its docstring says how to use it)."""

import sys

from aligner.evaluation.translit import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
