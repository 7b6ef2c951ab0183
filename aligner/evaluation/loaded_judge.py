"""Run the shipped pipeline on the written loaded-wording pairs and judge what it reports.

A softened row is found by a softening finding whose original span overlaps the row's span; an
intensified row by any intensification finding; a dropped cue by an omission finding that overlaps
the cue. A faithful row raises a false alarm with any softening or intensification finding, a kept
cue with an omission finding at the cue. Loaded-wording findings on the other rows that the row does
not explain (a kept term of the same sentence flagged) are counted apart as stray.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from aligner.align.document import align_documents
from aligner.divergence.detect import detect
from aligner.divergence.findings import Finding
from aligner.document import document_from_text
from aligner.embed import Embedder
from aligner.evaluation.loaded_pairs import FAITHFUL, KINDS, SOFTENED, LoadedPair
from aligner.file_offsets import findings_in_file

LOADED_TYPES = ("softening", "intensification")


def run_pair(pair: LoadedPair, embedder: Embedder) -> list[Finding]:
    """The findings the pipeline reports for one pair (documents built from the texts), with offsets
    into the texts as written (short vowels included), as the reports give them."""
    original = document_from_text(pair.original, pair.original_lang, f"{pair.id}-original")
    translation = document_from_text(pair.translation, pair.translation_lang, f"{pair.id}-translation")
    return findings_in_file(detect(align_documents(original, translation, embedder), embedder), original, translation)


def at_span(finding: Finding, pair: LoadedPair) -> bool:
    """Whether the finding's original span overlaps the row's span (by offsets, else by text)."""
    span = finding.original
    if span.start is not None and span.end is not None:
        return any(span.start < b and a < span.end for a, b in pair.span_offsets())
    return bool(span.text) and (pair.span in span.text or span.text in pair.span)


def _is_hit(finding: Finding, pair: LoadedPair) -> bool:
    if pair.kind in SOFTENED:
        return finding.type == "softening" and at_span(finding, pair)
    if pair.kind == "intensified":
        return finding.type == "intensification"
    if pair.kind == "cue_dropped":
        return finding.type == "omission" and at_span(finding, pair)
    return False


@dataclass
class Outcome:
    """What the pipeline reported for one pair, judged against the row."""

    pair: LoadedPair
    findings: list[Finding] = field(default_factory=list)
    error: str = ""

    @property
    def expects_finding(self) -> bool:
        return self.pair.kind in SOFTENED + ("intensified", "cue_dropped")

    @property
    def found(self) -> bool:
        """The expected finding is there (always False for rows that expect none)."""
        return any(_is_hit(f, self.pair) for f in self.findings)

    @property
    def false_alarm(self) -> bool:
        """A faithful row with a loaded-wording finding, or a kept cue reported omitted."""
        if self.pair.kind in FAITHFUL:
            return any(f.type in LOADED_TYPES for f in self.findings)
        if self.pair.kind == "cue_kept":
            return any(f.type == "omission" and at_span(f, self.pair) for f in self.findings)
        return False

    @property
    def stray(self) -> list[Finding]:
        """Loaded-wording findings of a non-faithful row that the row does not explain."""
        if self.pair.kind in FAITHFUL:
            return []
        return [f for f in self.findings if f.type in LOADED_TYPES and not _is_hit(f, self.pair)]


def judge(pairs: list[LoadedPair], embedder: Embedder) -> list[Outcome]:
    """Run every pair; a pair the pipeline fails on keeps its error message and no findings."""
    outcomes = []
    for pair in pairs:
        try:
            outcomes.append(Outcome(pair, run_pair(pair, embedder)))
        except Exception as err:  # noqa: BLE001 - a crash on one pair is reported, the others still run
            outcomes.append(Outcome(pair, error=f"{type(err).__name__}: {err}"))
    return outcomes


@dataclass
class Tally:
    """Counts for one (direction, kind) cell of the table."""

    pairs: int = 0
    found: int = 0
    false_alarms: int = 0
    stray: int = 0
    errors: int = 0


def tally(outcomes: list[Outcome]) -> dict[tuple[str, str], Tally]:
    """Counts by (direction, kind), in the order of the kinds."""
    cells: dict[tuple[str, str], Tally] = {}
    order = {kind: k for k, kind in enumerate(KINDS)}
    for o in sorted(outcomes, key=lambda o: (o.pair.direction, order[o.pair.kind])):
        cell = cells.setdefault((o.pair.direction, o.pair.kind), Tally())
        cell.pairs += 1
        cell.errors += bool(o.error)
        cell.found += o.found
        cell.false_alarms += o.false_alarm
        cell.stray += bool(o.stray)
    return cells


def finding_summary(findings: list[Finding]) -> str:
    """Findings in a few words each: type/subtype 'original text'."""
    counts = Counter(f"{f.type}/{f.subtype} '{f.original.text[:40]}'" for f in findings)
    return "; ".join(f"{k}" + (f" x{n}" if n > 1 else "") for k, n in counts.items())
