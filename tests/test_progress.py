"""Progress of a pair's long steps: reported by the library, shown only on a terminal."""

from __future__ import annotations

import io
import sys

from aligner import cli, progress
from aligner.pipeline import run_pair
from tests.conftest import AR_SEED, EN_SEED


class Recorder:
    """Collects every step started and how far it got."""

    def __init__(self):
        self.steps = []

    def start(self, name, total):
        step = {"name": name, "total": total, "done": 0}
        self.steps.append(step)

        class Task:
            def advance(self, n=1):
                step["done"] += n

        return Task()

    def finish(self, task):
        pass


def test_a_pair_reports_embedding_aligning_and_detecting(tmp_path, embedder):
    recorder = Recorder()
    with progress.reporting(recorder):
        run_pair("seed", AR_SEED, "ar", EN_SEED, "en", tmp_path, embedder)
    names = [s["name"] for s in recorder.steps]
    assert names[:3] == ["embedding", "scoring beads", "aligning"] and names[-1] == "detecting"
    assert all(s["done"] == s["total"] > 0 for s in recorder.steps), recorder.steps
    embedding = recorder.steps[0]
    # every overlap of 1-6 units: 18 Arabic clauses (22 less kicker, byline, source, disclaimer) and
    # 10 English sentences (12 less the translator's notes)
    assert embedding["total"] == sum(18 - a + 1 for a in range(1, 7)) + sum(10 - b + 1 for b in range(1, 7))


def test_nothing_is_reported_without_a_reporter(tmp_path, embedder):
    assert progress._reporter.get() is None
    with progress.task("embedding", 10) as step:
        step.advance(10)  # silent


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def _align(tmp_path, name):
    return ["align", str(AR_SEED), str(EN_SEED), "--out", str(tmp_path / name), "--no-cache"]


def test_bars_on_a_terminal_only(tmp_path, monkeypatch, capsys):
    assert cli.main(_align(tmp_path, "pipe")) == 0
    assert capsys.readouterr().err == ""  # a log or a pipe gets no progress bars
    terminal = FakeTerminal()
    monkeypatch.setattr(progress, "DELAY", 0.0)  # show even the seed pair's short steps
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(_align(tmp_path, "tty")) == 0
    shown = terminal.getvalue()
    for step in ("embedding", "scoring beads", "aligning", "detecting"):
        assert step in shown, shown[-500:]
