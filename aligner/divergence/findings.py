"""The Finding record: what departs from the original, where on each side, why, and its stable id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace


class Severity:
    """How much a finding matters (plain strings, as written to the reports)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class FindingType:
    """What the translation did to the original (plain strings, as written to the reports)."""

    OMISSION = "omission"
    ADDITION = "addition"
    SOFTENING = "softening"
    INTENSIFICATION = "intensification"
    MISMATCH = "mismatch"


SEVERITIES = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)  # highest first
TYPES = (FindingType.OMISSION, FindingType.ADDITION, FindingType.SOFTENING, FindingType.INTENSIFICATION,
         FindingType.MISMATCH)


_SPAN_END_PUNCTUATION = " ،,.;:؛-–—"


def end_before_punctuation(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing spaces and punctuation: a reported span ends on a word."""
    while end > start and text[end - 1] in _SPAN_END_PUNCTUATION:
        end -= 1
    return end


@dataclass(frozen=True)
class Span:
    """Where a finding sits on one side of the pair: the segments it concerns, and the exact
    stretch of text (offsets into that document's text), if any."""

    segment_ids: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    text: str = ""

    @classmethod
    def of(cls, text: str, start: int, end: int, segment_ids: tuple[str, ...] = ()) -> Span:
        """The span ``text[start:end]``."""
        return cls(tuple(segment_ids), start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        return (self.start is not None and other.start is not None
                and self.start < other.end and other.start < self.end)

    def inside(self, other: Span) -> bool:
        return (self.start is not None and other.start is not None
                and other.start <= self.start and self.end <= other.end)


@dataclass(frozen=True)
class Finding:
    """One departure of the translation from the original, with where and why."""

    type: str
    subtype: str
    severity: str
    confidence: float
    rule: str
    evidence: str
    original: Span = Span()
    translation: Span = Span()
    link_id: str = ""
    signal: float = 0.0  # the rule's own measured evidence (a similarity gain), for calibration
    score: float = 0.0  # the rule's raw score before calibration (rules.confidence)
    id: str = field(default="")

    def with_id(self, occurrence: int) -> Finding:
        """Id from content, not position: stays the same when other text changes."""
        key = "|".join([self.type, self.subtype, self.rule, " ".join(self.original.text.split()),
                        " ".join(self.translation.text.split())[:200], str(occurrence)])
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        return replace(self, id=f"F{digest}")

    def row(self) -> dict[str, object]:
        """The finding as a findings.csv row (columns: ``aligner.report.columns.FINDING_COLUMNS``)."""
        def side(prefix: str, span: Span) -> dict[str, object]:
            return {f"{prefix}_segment_ids": " ".join(span.segment_ids),
                    f"{prefix}_start": "" if span.start is None else span.start,
                    f"{prefix}_end": "" if span.end is None else span.end, f"{prefix}_text": span.text}

        return {"finding_id": self.id, "type": self.type, "subtype": self.subtype, "severity": self.severity,
                "confidence": round(self.confidence, 3), **side("original", self.original),
                **side("translation", self.translation), "evidence": self.evidence, "rule": self.rule,
                "link_id": self.link_id}


def assign_ids(findings: list[Finding]) -> list[Finding]:
    """Give every finding its stable id (repeats of the same content are numbered)."""
    seen: dict[tuple, int] = {}
    out = []
    for f in findings:
        key = (f.type, f.subtype, f.rule, f.original.text, f.translation.text)
        seen[key] = seen.get(key, 0) + 1
        out.append(f.with_id(seen[key]))
    return out
