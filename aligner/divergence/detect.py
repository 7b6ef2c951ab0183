"""Run every divergence check on an alignment: the findings of one document pair."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from aligner.align.document import Alignment
from aligner.divergence.addition import added_qualifiers, unaligned_translation
from aligner.divergence.calibration import calibrate
from aligner.divergence.coverage import uncovered_chunks
from aligner.divergence.findings import SEVERITIES, Finding, assign_ids
from aligner.divergence.groups import Group, link_groups
from aligner.divergence.mismatch import name_findings, number_findings, resolved_mentions
from aligner.divergence.omission import content_omissions, unaligned_units
from aligner.divergence.softening import loaded_term_findings
from aligner.embed import Embedder
from aligner.progress import tracked

ENCLOSING = ("sentence", "clause", "cause", "attribution", "headline")
NESTABLE = ("name", "number", "date_time", "modifier")


def group_checks(alignment: Alignment, embedder: Embedder | None
                 ) -> tuple[Callable[[Group, Alignment], list[Finding]], ...]:
    """The checks run on each link group; the translation's name mentions are found once for all."""
    names = partial(name_findings, translation_mentions=resolved_mentions(alignment.translation), embedder=embedder)
    return (partial(number_findings, embedder=embedder), names, partial(added_qualifiers, embedder=embedder),
            partial(loaded_term_findings, embedder=embedder))


def detect(alignment: Alignment, embedder: Embedder | None = None) -> list[Finding]:
    """All findings, ordered by position in the original, then in the translation.

    With an embedder, clause omissions are also looked for by embedding coverage, and cause
    or attribution omissions need the embedding evidence to agree with the lexicon."""
    findings: list[Finding] = unaligned_units(alignment, embedder) + unaligned_translation(alignment)
    checks = group_checks(alignment, embedder)
    for group in tracked("detecting", link_groups(alignment)):
        findings.extend(content_omissions(group, alignment, embedder))
        for check in checks:
            findings.extend(check(group, alignment))
        if embedder is not None:
            findings.extend(uncovered_chunks(group, alignment, embedder))
    findings = _drop_nested(findings)
    findings = calibrate([replace(f, score=f.confidence) for f in findings], alignment.original.lang)
    findings.sort(key=lambda f: (f.original.start if f.original.start is not None else 10**9,
                                 f.translation.start or 0, SEVERITIES.index(f.severity), f.type, f.subtype))
    return assign_ids(findings)


def _overlaps_structural(f: Finding, findings: list[Finding]) -> bool:
    return any(g is not f and g.type == "omission" and g.subtype in ("sentence", "cause", "attribution")
               and g.original.overlaps(f.original) for g in findings)


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """A name, number, time or modifier inside an omitted clause is part of that omission."""
    enclosing = [f.original for f in findings if f.type == "omission" and f.subtype in ENCLOSING]
    kept = [f for f in findings
            if not (f.type == "omission" and f.subtype in NESTABLE
                    and any(f.original.inside(span) for span in enclosing))]
    # an embedding-coverage clause that overlaps a lexicon cause/attribution is the same omission
    return [f for f in kept if not (f.rule == "coverage" and _overlaps_structural(f, kept))]
