"""After `make install`: fail on any broken requirement except those camel-tools declares and we
leave out on purpose (it is installed with --no-deps; only its pure-Python utilities are used).

pip would print its red "dependency resolver ... conflicts" message about them on every install,
which a new user takes for a failure; the Makefile installs with --no-warn-conflicts and runs this
instead, so a real conflict still stops the install.
"""

from __future__ import annotations

import re
import subprocess
import sys

# "camel-tools 1.6.0 requires torch>=2.0, which is not installed."
EXPECTED = re.compile(r"^camel-tools \S+ requires .+, which is not installed\.$")


def unexpected_problems(report: str) -> list[str]:
    """The lines of `pip check` output that are not camel-tools' left-out dependencies."""
    return [line for line in report.splitlines()
            if line.strip() and not EXPECTED.match(line.strip()) and not line.startswith("No broken requirements")]


def main() -> int:
    check = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    problems = unexpected_problems(check.stdout + check.stderr)
    for line in problems:
        print(f"install problem: {line}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
