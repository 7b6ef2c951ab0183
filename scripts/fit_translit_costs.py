"""Fit the transliteration edit costs on the development name pairs: the command line of
``aligner.evaluation.translit_fit`` (its docstring says how to use it)."""

import sys

from aligner.evaluation.translit_fit import main

if __name__ == "__main__":
    sys.exit(main())
