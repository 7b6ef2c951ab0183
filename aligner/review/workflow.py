"""Review-session routes: bulk decisions and undo, link edits, and the TMX, XLIFF and XLSX exports.

A Flask blueprint registered by ``create_app``; it uses the app's report library and decision
store. Like every state change, its POSTs need the CSRF token (Flask-WTF protects the whole app).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from markupsafe import Markup

from aligner.errors import InputError
from aligner.lang import profile
from aligner.report import files
from aligner.report.columns import FINDING_COLUMNS
from aligner.review.cards import card_records, json_for_script
from aligner.review.export import directions, export_rows
from aligner.review.interchange import tmx, xliff
from aligner.review.links import EditError, describe, plan_edit
from aligner.review.pairs import PairReport, ReportLibrary
from aligner.review.store import STATUSES, Action, DecisionStore, ReviewInputError
from aligner.review.xlsx import workbook_bytes

bp = Blueprint("workflow", __name__)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _parts() -> tuple[ReportLibrary, DecisionStore]:
    review = current_app.extensions["review"]
    return review["library"], review["store"]


def _pair(pair_id: str) -> PairReport:
    library, store = _parts()
    pair = library.get(pair_id, store.reviewer_findings(pair_id), store.link_edits(pair_id))
    if pair is None:
        abort(404, description=f"no pair {pair_id!r} in the reports folder")
    return pair


def _error(status: int, message: str, **extra: Any) -> tuple[Response, int]:
    return jsonify({"error": message, **extra}), status


def _body() -> dict[str, Any] | None:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else None


def snapshot(finding: dict[str, Any]) -> dict[str, Any]:
    """What is kept of a finding with a decision on it (shown if a re-run drops the finding)."""
    return {**{c: finding.get(c, "") for c in FINDING_COLUMNS}, "source_file": finding.get("source_file", "")}


def _decisions(pair_id: str) -> dict[str, dict[str, Any]]:
    return {fid: d for (_, fid), d in _parts()[1].decisions(pair_id).items()}


@bp.app_template_global()
def text_rows(pair: PairReport) -> Markup:
    """The pair page's rows of text, drawn once per version of the pair (they do not depend on decisions)."""
    html = pair.drawn.get("rows")
    if html is None:
        html = pair.drawn["rows"] = Markup(render_template("_rows.html", pair=pair))
    return html


@bp.app_template_global()
def findings_json(pair: PairReport, decisions: dict[str, dict[str, Any]]) -> Markup:
    """The page's findings with their decisions, as JSON for a <script type="application/json">."""
    return json_for_script(card_records(pair, decisions))


@bp.app_template_global()
def search_folding(pair: PairReport) -> Markup:
    """How the page's search folds characters, as JSON: each side's language profile's removed characters
    and character map (the normalizers' tables); the page also drops combining marks (Arabic vowel signs)."""
    remove, mapping = set(), {}
    for side in (pair.original, pair.translation):
        try:
            lang = profile(side.lang)
        except InputError:
            continue
        remove |= lang.remove_chars
        mapping.update(lang.char_map)
    return json_for_script({"remove": "".join(sorted(remove)), "map": mapping})


@bp.post("/api/pairs/<pair_id>/decisions/bulk")
def bulk_decide(pair_id: str):
    """Decide every finding named (what a filter showed) at once; answers with each one's previous decision."""
    pair = _pair(pair_id)
    body = _body()
    if body is None:
        return _error(400, "send a JSON object")
    ids, versions, status = body.get("finding_ids"), body.get("versions") or {}, body.get("status")
    if status not in STATUSES:
        return _error(400, f"status must be one of {', '.join(STATUSES)}")
    if not isinstance(ids, list) or not isinstance(versions, dict):
        return _error(400, "finding_ids must be a list and versions an object")
    unknown = [fid for fid in ids if not isinstance(fid, str) or pair.finding(fid) is None]
    if unknown:
        return _error(404, f"{len(unknown)} findings not in pair {pair_id!r}", unknown=unknown[:20])
    items = [{"finding_id": fid, "status": status, "base_version": versions.get(fid),
              "finding": snapshot(pair.finding(fid))} for fid in ids]
    try:
        result = _parts()[1].decide_many(pair_id, items, reviewer=body.get("reviewer", ""), action=Action.BULK)
    except ReviewInputError as exc:
        return _error(400, str(exc))
    return jsonify(result)


@bp.post("/api/pairs/<pair_id>/decisions/undo")
def undo_decisions(pair_id: str):
    """Restore findings' previous decisions (status, comment, corrected translation); each item names the
    version it undoes, so a finding changed since is reported, not overwritten."""
    pair = _pair(pair_id)
    body = _body()
    items = body.get("items") if body else None
    if not isinstance(items, list) or not items:
        return _error(400, "send {\"items\": [...]} with the decisions to restore")
    restore = []
    for item in items:
        if not isinstance(item, dict) or pair.finding(item.get("finding_id")) is None:
            return _error(404, f"no finding {item.get('finding_id') if isinstance(item, dict) else item!r}")
        if not isinstance(item.get("base_version"), int) or isinstance(item.get("base_version"), bool):
            return _error(400, "each item needs the base_version it undoes")
        restore.append({k: item[k] for k in ("finding_id", "status", "comment", "corrected_translation",
                                             "base_version") if k in item})
    try:
        result = _parts()[1].decide_many(pair_id, restore, reviewer=body.get("reviewer", ""), action=Action.UNDO)
    except ReviewInputError as exc:
        return _error(400, str(exc))
    return jsonify(result)


@bp.post("/api/pairs/<pair_id>/links/edits")
def edit_links(pair_id: str):
    """Merge two links, split one, or move a sentence to another link (see ``links.plan_edit``)."""
    pair = _pair(pair_id)
    body = _body()
    if body is None:
        return _error(400, "send a JSON object")
    try:
        payload = plan_edit(pair.links, pair.sentences, body)
        edit = _parts()[1].add_link_edit(pair_id, payload["op"], payload, description=describe(payload),
                                         reviewer=body.get("reviewer", ""))
    except (EditError, ReviewInputError) as exc:
        return _error(400, str(exc))
    return jsonify(edit), 201


@bp.post("/api/pairs/<pair_id>/links/edits/<edit_id>/undo")
def undo_link_edit(pair_id: str, edit_id: str):
    """Withdraw a link edit (appended as one more row: nothing is deleted)."""
    _pair(pair_id)
    body = _body() or {}
    try:
        edit = _parts()[1].add_link_edit(pair_id, "undo", {}, undoes=edit_id, reviewer=body.get("reviewer", ""),
                                         description=f"undo of link edit {edit_id}")
    except ReviewInputError as exc:
        return _error(400, str(exc))
    return jsonify(edit), 201


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/pairs/<pair_id>/alignment.tmx")
def export_tmx(pair_id: str):
    pair = _pair(pair_id)
    return _download(tmx(pair, _decisions(pair_id)), "application/x-tmx+xml", files.pair_alignment_tmx(pair_id))


@bp.get("/pairs/<pair_id>/alignment.xlf")
def export_xliff(pair_id: str):
    pair = _pair(pair_id)
    return _download(xliff(pair, _decisions(pair_id)), "application/xliff+xml",
                     files.pair_alignment_xliff(pair_id))


@bp.get("/export.xlsx")
def export_xlsx():
    """Every finding with its decision (all pairs, or ``?pair=ID``), as a spreadsheet."""
    library, store = _parts()
    pair_id = request.args.get("pair")
    if pair_id is not None and pair_id not in library.pair_ids():
        abort(404, description=f"no pair {pair_id!r} in the reports folder")
    ids = [pair_id] if pair_id else library.pair_ids()
    data = workbook_bytes(export_rows(library, store, ids), directions(library, ids))
    return _download(data, XLSX_MIME, files.pair_review_xlsx(pair_id) if pair_id else files.REVIEW_EXPORT_XLSX)
