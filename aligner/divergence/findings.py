"""The Finding record and its stable id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

SEVERITIES = ("high", "medium", "low")
TYPES = ("omission", "addition", "softening", "intensification", "mismatch")
FINDING_COLUMNS = ["finding_id", "type", "subtype", "severity", "confidence", "ar_segment_ids", "ar_start",
                   "ar_end", "ar_text", "en_segment_ids", "en_start", "en_end", "en_text", "evidence", "rule",
                   "link_id"]


_SPAN_END_PUNCTUATION = " ،,.;:؛-–—"


def end_before_punctuation(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing spaces and punctuation: a reported span ends on a word."""
    while end > start and text[end - 1] in _SPAN_END_PUNCTUATION:
        end -= 1
    return end


@dataclass(frozen=True)
class Finding:
    """One departure of the translation from the original, with where and why."""

    type: str
    subtype: str
    severity: str
    confidence: float
    ar_segment_ids: tuple[str, ...]
    ar_start: int | None
    ar_end: int | None
    ar_text: str
    en_segment_ids: tuple[str, ...]
    en_start: int | None
    en_end: int | None
    en_text: str
    evidence: str
    rule: str
    link_id: str
    id: str = field(default="")

    def with_id(self, occurrence: int) -> "Finding":
        """Id from content, not position: stays the same when other text changes."""
        key = "|".join([self.type, self.subtype, self.rule, " ".join(self.ar_text.split()),
                        " ".join(self.en_text.split())[:200], str(occurrence)])
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        return Finding(**{**self.__dict__, "id": f"F{digest}"})

    def row(self) -> dict[str, object]:
        return {
            "finding_id": self.id, "type": self.type, "subtype": self.subtype, "severity": self.severity,
            "confidence": round(self.confidence, 3), "ar_segment_ids": " ".join(self.ar_segment_ids),
            "ar_start": "" if self.ar_start is None else self.ar_start,
            "ar_end": "" if self.ar_end is None else self.ar_end, "ar_text": self.ar_text,
            "en_segment_ids": " ".join(self.en_segment_ids),
            "en_start": "" if self.en_start is None else self.en_start,
            "en_end": "" if self.en_end is None else self.en_end, "en_text": self.en_text,
            "evidence": self.evidence, "rule": self.rule, "link_id": self.link_id,
        }


def assign_ids(findings: list[Finding]) -> list[Finding]:
    """Give every finding its stable id (repeats of the same content are numbered)."""
    seen: dict[tuple, int] = {}
    out = []
    for f in findings:
        key = (f.type, f.subtype, f.rule, f.ar_text, f.en_text)
        seen[key] = seen.get(key, 0) + 1
        out.append(f.with_id(seen[key]))
    return out
