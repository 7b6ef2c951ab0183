"""Reviewer decisions in SQLite: WAL, one transaction per write, an append-only log.

The current decision per finding is versioned: a write that names the version it started from
is refused (``Conflict``) when another reviewer changed the finding meanwhile, so no decision is
overwritten unseen. Every accepted write is also appended to ``decision_log``, so nothing a
reviewer decided is ever lost, even when a later decision replaces it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from aligner.errors import OutputError

STATUSES = ("confirmed", "dismissed", "discuss", "open")
MAX_TEXT = 20_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    pair_id TEXT NOT NULL, finding_id TEXT NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, reviewer TEXT NOT NULL, corrected_en TEXT NOT NULL,
    version INTEGER NOT NULL, decided_at TEXT NOT NULL, finding_json TEXT NOT NULL,
    PRIMARY KEY (pair_id, finding_id));
CREATE TABLE IF NOT EXISTS decision_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, pair_id TEXT NOT NULL, finding_id TEXT NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, reviewer TEXT NOT NULL, corrected_en TEXT NOT NULL,
    version INTEGER NOT NULL, decided_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reviewer_findings (
    pair_id TEXT NOT NULL, finding_id TEXT NOT NULL, type TEXT NOT NULL, severity TEXT NOT NULL,
    side TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    comment TEXT NOT NULL, reviewer TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (pair_id, finding_id));
"""


class ReviewInputError(ValueError):
    """A decision or finding that cannot be stored as sent (bad status, text too long …)."""


@dataclass
class Conflict(Exception):
    """Another reviewer changed this finding after the client last saw it."""

    current: dict[str, Any]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _text(value: Any, name: str) -> str:
    text = "" if value is None else str(value)
    if len(text) > MAX_TEXT:
        raise ReviewInputError(f"{name} is longer than {MAX_TEXT} characters")
    return text


class DecisionStore:
    """Decisions and reviewer-added findings of one review database file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(f"{self.path}: cannot open the review database ({exc})") from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=30000")
        return db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    def _read(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        db = self._connect()
        try:
            return [dict(r) for r in db.execute(sql, params)]
        finally:
            db.close()

    def secret_key(self) -> str:
        """A per-database secret (for signing CSRF tokens), so tokens survive a server restart."""
        with self._transaction() as db:
            row = db.execute("SELECT value FROM meta WHERE key='secret_key'").fetchone()
            if row:
                return row["value"]
            key = secrets.token_hex(32)
            db.execute("INSERT INTO meta(key, value) VALUES ('secret_key', ?)", (key,))
            return key

    def decide(self, pair_id: str, finding_id: str, status: str, *, comment: str = "", reviewer: str = "",
               corrected_en: str = "", base_version: int | None = None,
               finding: dict[str, Any] | None = None) -> dict[str, Any]:
        """Record a decision; returns it with its new version. Raises Conflict on a stale base_version."""
        if status not in STATUSES:
            raise ReviewInputError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        values = {"comment": _text(comment, "comment"), "reviewer": _text(reviewer, "reviewer")[:200],
                  "corrected_en": _text(corrected_en, "corrected_en")}
        with self._transaction() as db:
            row = db.execute("SELECT * FROM decisions WHERE pair_id=? AND finding_id=?",
                             (pair_id, finding_id)).fetchone()
            version = row["version"] if row else 0
            if base_version is not None and base_version != version:
                raise Conflict(dict(row) if row else {"version": 0, "status": "open"})
            decided_at = _now()
            snapshot = json.dumps(finding or {}, ensure_ascii=False, sort_keys=True)
            if row and not finding:
                snapshot = row["finding_json"]
            db.execute("INSERT OR REPLACE INTO decisions VALUES (?,?,?,?,?,?,?,?,?)",
                       (pair_id, finding_id, status, values["comment"], values["reviewer"],
                        values["corrected_en"], version + 1, decided_at, snapshot))
            db.execute("INSERT INTO decision_log(pair_id, finding_id, status, comment, reviewer, corrected_en, "
                       "version, decided_at) VALUES (?,?,?,?,?,?,?,?)",
                       (pair_id, finding_id, status, values["comment"], values["reviewer"],
                        values["corrected_en"], version + 1, decided_at))
        return {"pair_id": pair_id, "finding_id": finding_id, "status": status, **values,
                "version": version + 1, "decided_at": decided_at}

    def decisions(self, pair_id: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
        """Current decisions, keyed by (pair_id, finding_id)."""
        sql, params = "SELECT * FROM decisions", ()
        if pair_id is not None:
            sql, params = sql + " WHERE pair_id=?", (pair_id,)
        return {(r["pair_id"], r["finding_id"]): r for r in self._read(sql, params)}

    def log(self, pair_id: str | None = None) -> list[dict[str, Any]]:
        """Every decision ever accepted, oldest first."""
        sql, params = "SELECT * FROM decision_log", ()
        if pair_id is not None:
            sql, params = sql + " WHERE pair_id=?", (pair_id,)
        return self._read(sql + " ORDER BY seq", params)

    def add_finding(self, pair_id: str, *, type: str, severity: str, side: str, start: int, end: int,
                    text: str, comment: str = "", reviewer: str = "") -> dict[str, Any]:
        """A finding the tool missed, marked by a reviewer on one side's text."""
        if side not in ("ar", "en"):
            raise ReviewInputError("side must be 'ar' or 'en'")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            raise ReviewInputError("start and end must be offsets with 0 <= start < end")
        created_at = _now()
        row = {"pair_id": pair_id, "type": _text(type, "type")[:40], "severity": _text(severity, "severity")[:20],
               "side": side, "start": start, "end": end, "text": _text(text, "text"),
               "comment": _text(comment, "comment"), "reviewer": _text(reviewer, "reviewer")[:200],
               "created_at": created_at}
        digest = hashlib.sha1(f"{pair_id}|{side}|{start}|{end}|{created_at}|{secrets.token_hex(4)}".encode())
        row["finding_id"] = "R" + digest.hexdigest()[:12]
        with self._transaction() as db:
            db.execute('INSERT INTO reviewer_findings(pair_id, finding_id, type, severity, side, start, "end", '
                       "text, comment, reviewer, created_at) VALUES (:pair_id, :finding_id, :type, :severity, "
                       ":side, :start, :end, :text, :comment, :reviewer, :created_at)", row)
        return row

    def reviewer_findings(self, pair_id: str | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM reviewer_findings", ()
        if pair_id is not None:
            sql, params = sql + " WHERE pair_id=?", (pair_id,)
        return self._read(sql + " ORDER BY created_at, finding_id", params)
