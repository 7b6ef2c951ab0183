"""The review web application (Flask + Jinja2): pages, the decisions API, exports.

Every piece of article text reaches the page through Jinja2's autoescaping; state-changing
requests are POST with a CSRF token (Flask-WTF); pairs are looked up by id in the reports
folder, never by a path taken from the request. Before anything else, a request naming another
site in ``Host:`` or lacking a wanted access token is refused (``access.py``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, abort, jsonify, redirect, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from aligner.divergence.findings import SEVERITIES, TYPES
from aligner.report import files
from aligner.report.columns import EXPORT_COLUMNS, FINDING_COLUMNS, LOG_COLUMNS, SIDES
from aligner.report.writer import csv_text
from aligner.review import workflow
from aligner.review.access import TOKEN_COOKIE, Access
from aligner.review.export import export_rows, orphans
from aligner.review.pairs import Origin, ReportLibrary
from aligner.review.store import STATUSES, Conflict, DecisionStore, ReviewInputError, Status

MAX_REQUEST_BYTES = 256 * 1024
REVIEWER_TYPES = (*TYPES, "other")


def _csv_response(rows: list[dict[str, Any]], columns: list[str], filename: str) -> Response:
    """A CSV download as the report files are written: BOM, text cells escaped against formulas."""
    return Response("\ufeff" + csv_text(rows, columns), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _json_error(status: int, message: str, **extra: Any) -> tuple[Response, int]:
    return jsonify({"error": message, **extra}), status


def create_app(reports: str | Path, db_path: str | Path, access: Access | None = None) -> Flask:
    """The review app over a reports folder, with decisions kept in the SQLite file db_path;
    ``access`` says which Host it answers and which token it wants (default: local, no token)."""
    access = access or Access()
    library = ReportLibrary(reports)
    store = DecisionStore(db_path)
    app = Flask(__name__)
    app.config.update(SECRET_KEY=store.secret_key(), WTF_CSRF_TIME_LIMIT=None,
                      MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_HTTPONLY=True, JSON_SORT_KEYS=False)
    app.jinja_env.globals.update(open_status=Status.OPEN, reviewer_origin=Origin.REVIEWER)
    app.extensions["review"] = {"library": library, "store": store}
    app.register_blueprint(workflow.bp)  # bulk decisions, undo, link edits, TMX/XLIFF/XLSX exports

    def pair_or_404(pair_id: str):
        pair = library.get(pair_id, store.reviewer_findings(pair_id), store.link_edits(pair_id))
        if pair is None:
            abort(404, description=f"no pair {pair_id!r} in the reports folder")
        return pair

    def progress(pair_id: str) -> dict[str, int]:
        ids = {f["finding_id"] for f in library.tool_findings(pair_id)}
        ids |= {r["finding_id"] for r in store.reviewer_findings(pair_id)}
        decided = Counter(d["status"] for (_, fid), d in store.decisions(pair_id).items() if fid in ids)
        return {"total": len(ids), "decided": sum(v for k, v in decided.items() if k != Status.OPEN),
                **{s: decided[s] for s in STATUSES}, "orphans": len(orphans(library, store, pair_id))}

    @app.before_request
    def guard():
        """Refuse another site's name in Host: (DNS rebinding) and, where one is wanted, a
        request without the access token (see access.py)."""
        if not access.host_allowed(request.headers.get("Host")):
            return Response("421 unknown host: this review server answers only its own address\n", 421,
                            mimetype="text/plain")
        if access.token is None:
            return None
        bearer = request.headers.get("Authorization", "")
        given = (request.headers.get("X-Review-Token") or (bearer[7:] if bearer.startswith("Bearer ") else None)
                 or request.cookies.get(TOKEN_COOKIE))
        if access.token_matches(given):
            return None
        if request.method == "GET" and access.token_matches(request.args.get("token")):
            rest = {k: v for k, v in request.args.items(multi=True) if k != "token"}
            response = redirect(request.path + (f"?{urlencode(rest)}" if rest else ""))
            response.set_cookie(TOKEN_COOKIE, access.token, httponly=True, samesite="Strict")
            return response  # the token now lives in the cookie, not in the address bar or history
        if request.path.startswith("/api/"):
            return _json_error(401, "access token required")
        return Response("401 this review server needs its access token: open the address it printed when it "
                        "started (…/?token=…)\n", 401, mimetype="text/plain")

    CSRFProtect(app)  # after the guard: a request from another site's Host is refused before anything else

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                    "base-uri 'none'; frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return _json_error(400, f"CSRF check failed: {exc.description}")

    @app.errorhandler(404)
    def not_found(exc):
        if request.path.startswith("/api/"):
            return _json_error(404, getattr(exc, "description", "not found"))
        return render_template("error.html", message=getattr(exc, "description", "Not found")), 404

    @app.errorhandler(413)
    def too_large(exc):
        return _json_error(413, f"request larger than {MAX_REQUEST_BYTES} bytes")

    @app.errorhandler(405)
    def wrong_method(exc):
        return _json_error(405, "method not allowed")

    @app.get("/")
    def index():
        pairs = [{"pair_id": p, **progress(p)} for p in library.pair_ids()]
        return render_template("index.html", pairs=pairs, reports=str(library.reports))

    @app.get("/pairs/<pair_id>")
    def pair_page(pair_id: str):
        pair = pair_or_404(pair_id)
        decisions = {fid: d for (_, fid), d in store.decisions(pair_id).items()}
        return render_template("pair.html", pair=pair, decisions=decisions, types=TYPES,
                               reviewer_types=REVIEWER_TYPES, severities=SEVERITIES, statuses=STATUSES,
                               orphans=orphans(library, store, pair_id), progress=progress(pair_id))

    @app.get("/pairs/<pair_id>/report.html")
    def pair_report(pair_id: str):
        pair = pair_or_404(pair_id)
        decisions = {fid: d for (_, fid), d in store.decisions(pair_id).items()}
        html = render_template("report.html", pair=pair, decisions=decisions,
                               orphans=orphans(library, store, pair_id), progress=progress(pair_id),
                               css=app.open_resource("static/review.css").read().decode("utf-8"))
        disposition = f'attachment; filename="{files.pair_review_report(pair_id)}"'
        return Response(html, mimetype="text/html", headers={"Content-Disposition": disposition})

    @app.get("/api/pairs/<pair_id>/decisions")
    def list_decisions(pair_id: str):
        pair_or_404(pair_id)
        return jsonify({fid: d for (_, fid), d in store.decisions(pair_id).items()})

    @app.post("/api/pairs/<pair_id>/findings/<finding_id>/decision")
    def decide(pair_id: str, finding_id: str):
        pair = pair_or_404(pair_id)
        finding = pair.finding(finding_id)
        if finding is None:
            return _json_error(404, f"no finding {finding_id!r} in pair {pair_id!r}")
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _json_error(400, "send a JSON object")
        base = body.get("base_version")
        if base is not None and (not isinstance(base, int) or isinstance(base, bool)):
            return _json_error(400, "base_version must be an integer")
        try:
            decision = store.decide(pair_id, finding_id, str(body.get("status", "")),
                                    comment=body.get("comment", ""), reviewer=body.get("reviewer", ""),
                                    corrected_translation=body.get("corrected_translation", ""), base_version=base,
                                    finding={c: finding.get(c, "") for c in FINDING_COLUMNS})
        except ReviewInputError as exc:
            return _json_error(400, str(exc))
        except Conflict as exc:
            return _json_error(409, "another reviewer changed this finding; reload to see it",
                               current=exc.current)
        return jsonify(decision)

    @app.post("/api/pairs/<pair_id>/findings")
    def add_finding(pair_id: str):
        pair = pair_or_404(pair_id)
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _json_error(400, "send a JSON object")
        side, start, end = body.get("side"), body.get("start"), body.get("end")
        chosen = pair.side(side) if isinstance(side, str) else None
        if chosen is None:
            return _json_error(400, f"side must be one of {', '.join(SIDES)}")
        text = chosen.text
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            return _json_error(400, f"start and end must be offsets with 0 <= start < end <= {len(text)}")
        if body.get("type") not in REVIEWER_TYPES or body.get("severity") not in SEVERITIES:
            return _json_error(400, f"type must be one of {', '.join(REVIEWER_TYPES)}; "
                                    f"severity one of {', '.join(SEVERITIES)}")
        request_id = body.get("request_id")
        if request_id is not None and not isinstance(request_id, str):
            return _json_error(400, "request_id must be a string")
        try:
            row, created = store.add_finding(pair_id, type=body["type"], severity=body["severity"], side=side,
                                             start=start, end=end, text=text[start:end],
                                             comment=body.get("comment", ""), reviewer=body.get("reviewer", ""),
                                             request_id=request_id)
        except ReviewInputError as exc:
            return _json_error(400, str(exc))
        return jsonify({**row, "duplicate": not created}), 201 if created else 200

    @app.get("/export.csv")
    def export_csv():
        pair_id = request.args.get("pair")
        if pair_id is not None and pair_id not in library.pair_ids():
            abort(404, description=f"no pair {pair_id!r} in the reports folder")
        ids = [pair_id] if pair_id else library.pair_ids()
        name = files.pair_review_export(pair_id) if pair_id else files.REVIEW_EXPORT
        return _csv_response(export_rows(library, store, ids), EXPORT_COLUMNS, name)

    @app.get("/export-log.csv")
    def export_log():
        return _csv_response(store.log(), LOG_COLUMNS, files.REVIEW_LOG)

    return app
