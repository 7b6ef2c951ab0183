"""The findings of a pair as the review page's script draws them: one compact record per finding.

The page carries these records as JSON and draws the cards of one page of them at a time (50), so a
pair with thousands of findings opens as fast as a small one; the texts are drawn by the server.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from aligner.divergence.findings import TYPES
from aligner.review.pairs import PairReport
from aligner.review.rows import Origin
from aligner.review.store import Status

MAX_QUOTE = 400  # characters of each side's text on a card


def _short(text: str) -> str:
    return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE - 1] + "…"


def card_records(pair: PairReport, decisions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per finding (the report's, the low-confidence ones, reviewer-added ones), with its decision."""
    layout = pair.layout
    records = []
    for f in pair.findings:
        fid = f["finding_id"]
        d = decisions.get(fid) or {}
        records.append({
            "id": fid, "type": f["type"], "kind": f["type"] if f["type"] in TYPES else "other",
            "subtype": f.get("subtype", ""), "severity": f.get("severity", ""), "confidence": f.get("confidence", ""),
            "rule": f.get("rule", ""), "low": bool(f.get("low")), "boiler": bool(layout.boilerplate.get(fid)),
            "rows": layout.finding_rows.get(fid, []), "reviewer_added": f.get("origin") == Origin.REVIEWER,
            "source_file": f.get("source_file", ""), "original_text": _short(f.get("original_text", "")),
            "translation_text": _short(f.get("translation_text", "")),
            "translation_segment_ids": f.get("translation_segment_ids", ""), "evidence": f.get("evidence", ""),
            "status": d.get("status", Status.OPEN), "version": d.get("version", 0), "by": d.get("reviewer", ""),
            "decided_at": d.get("decided_at", ""), "comment": d.get("comment", ""),
            "corrected": d.get("corrected_translation", ""),
        })
    return records


def json_for_script(value: Any) -> Markup:
    """JSON to put inside a <script type="application/json"> element: UTF-8 text, with <, > and &
    escaped so that no text can end the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))
