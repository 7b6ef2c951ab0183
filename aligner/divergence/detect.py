"""Run every divergence check on an alignment: the findings of one document pair."""

from __future__ import annotations

from aligner.align.document import Alignment
from aligner.divergence.addition import added_qualifiers, unaligned_translation
from aligner.divergence.findings import SEVERITIES, Finding, assign_ids
from aligner.divergence.groups import link_groups
from aligner.divergence.mismatch import name_findings, number_findings
from aligner.divergence.omission import content_omissions, unaligned_units
from aligner.divergence.softening import loaded_term_findings

GROUP_CHECKS = (content_omissions, number_findings, name_findings, added_qualifiers, loaded_term_findings)


def detect(alignment: Alignment) -> list[Finding]:
    """All findings, ordered by position in the original, then in the translation."""
    findings: list[Finding] = unaligned_units(alignment) + unaligned_translation(alignment)
    for group in link_groups(alignment):
        for check in GROUP_CHECKS:
            findings.extend(check(group, alignment))
    findings = _drop_nested(findings)
    findings.sort(key=lambda f: (f.ar_start if f.ar_start is not None else (f.en_start or 0) * 0 + 10**9,
                                 f.en_start or 0, SEVERITIES.index(f.severity), f.type, f.subtype))
    return assign_ids(findings)


ENCLOSING = ("sentence", "clause", "cause", "attribution", "headline")
NESTABLE = ("name", "number", "date_time", "modifier")


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """A name, number, time or modifier inside an omitted clause is part of that omission."""
    spans = [(f.ar_start, f.ar_end) for f in findings
             if f.type == "omission" and f.subtype in ENCLOSING and f.ar_start is not None]
    return [f for f in findings
            if not (f.type == "omission" and f.subtype in NESTABLE and f.ar_start is not None
                    and any(a <= f.ar_start and f.ar_end <= b for a, b in spans))]
