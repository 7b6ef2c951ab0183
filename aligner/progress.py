"""Progress of the long steps of one pair (embedding, aligning, detecting).

The library only reports: ``with task("embedding", total) as t: ... t.advance(n)``. Nothing is
shown unless a caller installs a reporter with ``reporting(...)`` - the command line does so
when stderr is a terminal (``terminal_reporter``), so logs and pipes stay clean.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")

DELAY = 1.0  # seconds a step must last before its bar appears: short pairs show nothing


class Task(Protocol):
    def advance(self, n: int = 1) -> None: ...


class Reporter(Protocol):
    def start(self, name: str, total: int) -> Task: ...

    def finish(self, task: Task) -> None: ...


class _Silent:
    def advance(self, n: int = 1) -> None:
        pass


_SILENT = _Silent()
_reporter: contextvars.ContextVar[Reporter | None] = contextvars.ContextVar("aligner_progress", default=None)


@contextlib.contextmanager
def task(name: str, total: int) -> Iterator[Task]:
    """A step of ``total`` units; silent unless a reporter is installed."""
    reporter = _reporter.get()
    if reporter is None:
        yield _SILENT
        return
    current = reporter.start(name, total)
    try:
        yield current
    finally:
        reporter.finish(current)


def tracked(name: str, items: Sequence[T]) -> Iterator[T]:
    """``items`` one by one, as a step of ``len(items)`` units."""
    with task(name, len(items)) as current:
        for item in items:
            yield item
            current.advance()


@contextlib.contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    """Show the steps run inside this block through ``reporter`` (None: show nothing)."""
    token = _reporter.set(reporter)
    try:
        yield
    finally:
        _reporter.reset(token)


class TerminalReporter:
    """tqdm bars on stderr, one per step, removed when the step ends."""

    def __init__(self, delay: float | None = None):
        self.delay = DELAY if delay is None else delay

    def start(self, name: str, total: int) -> Task:
        from tqdm import tqdm

        return _Bar(tqdm(total=total, desc=name, leave=False, delay=self.delay, file=sys.stderr, dynamic_ncols=True))

    def finish(self, task: Task) -> None:
        task.bar.close()  # type: ignore[attr-defined]


class _Bar:
    def __init__(self, bar) -> None:
        self.bar = bar

    def advance(self, n: int = 1) -> None:
        self.bar.update(n)


def terminal_reporter() -> TerminalReporter | None:
    """Bars when stderr is a terminal; None (nothing shown) in logs and pipes."""
    isatty = getattr(sys.stderr, "isatty", None)
    return TerminalReporter() if isatty is not None and isatty() else None
