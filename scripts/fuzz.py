"""Long fuzzing runs of the property tests: the command line of ``aligner.testing.fuzzing``
(its docstring says how to use it)."""

import sys

from aligner.testing.fuzzing import main

if __name__ == "__main__":
    sys.exit(main())
