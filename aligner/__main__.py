"""Allow ``python -m aligner``."""

from aligner.cli import main

raise SystemExit(main())
