"""Reviewed findings as rows: tool findings (low-confidence ones too), reviewer-added ones and orphans,
with decisions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from aligner.report.columns import FINDING_COLUMNS, SIDES, upgrade_keys
from aligner.review.pairs import Origin, ReportLibrary, reviewer_finding_row
from aligner.review.store import DecisionStore, Status


class NoDecisions:
    """Stands for a review database that does not exist yet: nothing decided, nothing added
    (``review --export`` without one exports every finding as undecided, creating nothing)."""

    def decisions(self, pair_id: str) -> dict[tuple[str, str], dict[str, Any]]:
        return {}

    def reviewer_findings(self, pair_id: str) -> list[dict[str, Any]]:
        return []


def _source_file(finding: dict[str, Any]) -> str:
    return finding.get("source_file", "") if finding.get("origin") == Origin.TOOL else ""


def _decision_fields(decision: dict[str, Any] | None) -> dict[str, Any]:
    if not decision:
        return {"decision": Status.OPEN, "comment": "", "reviewer": "", "corrected_translation": "",
                "decided_at": "", "decision_version": 0}
    return {"decision": decision["status"], "comment": decision["comment"], "reviewer": decision["reviewer"],
            "corrected_translation": decision["corrected_translation"], "decided_at": decision["decided_at"],
            "decision_version": decision["version"]}


def orphans(library: ReportLibrary, store: DecisionStore | NoDecisions, pair_id: str) -> list[dict[str, Any]]:
    """Decisions on findings that a re-run of the aligner no longer produces, with what they were."""
    known = {f["finding_id"] for f in library.tool_findings(pair_id) + library.low_findings(pair_id)}
    known |= {r["finding_id"] for r in store.reviewer_findings(pair_id)}
    out = []
    for (_, finding_id), decision in sorted(store.decisions(pair_id).items()):
        if finding_id not in known:
            out.append({**upgrade_keys(json.loads(decision["finding_json"] or "{}")), "finding_id": finding_id,
                        "decision": decision})
    return out


def export_rows(library: ReportLibrary, store: DecisionStore | NoDecisions,
                pair_ids: Iterable[str]) -> list[dict[str, Any]]:
    """One row per finding of each pair (tool, low-confidence, reviewer-added, orphaned), with its
    current decision; ``source_file`` says which report file a tool finding came from."""
    rows = []
    for pair_id in pair_ids:
        decisions = store.decisions(pair_id)
        findings = (library.tool_findings(pair_id) + library.low_findings(pair_id)
                    + [reviewer_finding_row(r) for r in store.reviewer_findings(pair_id)])
        for f in findings:
            rows.append({"pair_id": pair_id, "origin": f["origin"], "source_file": _source_file(f),
                         **{c: f.get(c, "") for c in FINDING_COLUMNS},
                         **_decision_fields(decisions.get((pair_id, f["finding_id"])))})
        for o in orphans(library, store, pair_id):
            rows.append({"pair_id": pair_id, "origin": Origin.ORPHAN, "source_file": o.get("source_file", ""),
                         **{c: o.get(c, "") for c in FINDING_COLUMNS}, **_decision_fields(o["decision"])})
    return rows


def directions(library: ReportLibrary, pair_ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """Each pair's sides' writing directions (``{pair_id: {"original": "rtl", "translation": "ltr"}}``)."""
    out = {}
    for pair_id in pair_ids:
        sides = library.sides(pair_id)
        if sides is not None:
            out[pair_id] = dict(zip(SIDES, (side.direction for side in sides)))
    return out
