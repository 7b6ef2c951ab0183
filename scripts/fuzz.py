"""Long fuzzing runs of the properties in aligner/testing/properties.py (hypothesis, fresh seeds each round).

    python scripts/fuzz.py --minutes 10          # every property, shared time budget
    python scripts/fuzz.py --only pipeline --minutes 30

Prints, per property, the inputs tried and the failures found (with the smallest failing input
hypothesis could find). Exit status 1 if anything failed.

The code lives in ``aligner.testing.fuzzing`` (importable by tests and other scripts); this is its command line.
"""

import sys

from aligner.testing.fuzzing import main

if __name__ == "__main__":
    sys.exit(main())
