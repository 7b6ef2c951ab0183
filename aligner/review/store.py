"""Reviewer decisions in SQLite: WAL, one transaction per write, an append-only log.

The current decision per finding is versioned: a write that names the version it started from
is refused (``Conflict``) when another reviewer changed the finding meanwhile, so no decision is
overwritten unseen. Every accepted write is also appended to ``decision_log``, so nothing a
reviewer decided is ever lost, even when a later decision replaces it.

The database says its schema version in ``meta``. A database of an older version is first
copied beside itself (``<name>.bak-<UTC time>``, SQLite's online backup, so a WAL file is
included) and then upgraded in one transaction. Version 2 names the two sides ``original`` and
``translation`` (version 1 said ``ar`` and ``en``): reviewer findings' ``side``, the
``corrected_translation`` column (was ``corrected_en``) and the finding snapshots' keys.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

from aligner.errors import OutputError
from aligner.report.columns import ORIGINAL, SIDES, TRANSLATION, upgrade_keys


class Status:
    """A reviewer's decision on a finding."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"  # a false positive
    DISCUSS = "discuss"
    OPEN = "open"  # not decided (yet, or again)


STATUSES = (Status.CONFIRMED, Status.DISMISSED, Status.DISCUSS, Status.OPEN)
MAX_TEXT = 20_000
DUPLICATE_WINDOW = 600  # seconds: the same reviewer finding sent again within it is the one already added
SCHEMA_VERSION = 2

_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS decisions (
    pair_id TEXT NOT NULL, finding_id TEXT NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, reviewer TEXT NOT NULL, corrected_translation TEXT NOT NULL,
    version INTEGER NOT NULL, decided_at TEXT NOT NULL, finding_json TEXT NOT NULL,
    PRIMARY KEY (pair_id, finding_id))""",
    """CREATE TABLE IF NOT EXISTS decision_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, pair_id TEXT NOT NULL, finding_id TEXT NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, reviewer TEXT NOT NULL, corrected_translation TEXT NOT NULL,
    version INTEGER NOT NULL, decided_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS reviewer_findings (
    pair_id TEXT NOT NULL, finding_id TEXT NOT NULL, type TEXT NOT NULL, severity TEXT NOT NULL,
    side TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    comment TEXT NOT NULL, reviewer TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (pair_id, finding_id))""",
)
_OLD_SIDES = {"ar": ORIGINAL, "en": TRANSLATION}  # schema 1


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
        self.backup: Path | None = None  # the copy taken before an upgrade, if one was needed
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = self._connect()
            try:
                db.execute("PRAGMA journal_mode=WAL")
            finally:
                db.close()
            if self._version() < SCHEMA_VERSION:
                self.backup = self._back_up()
            with self._transaction() as db:
                self._create_or_upgrade(db)
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(f"{self.path}: cannot open the review database ({exc})") from None

    @staticmethod
    def _stored_version(db: sqlite3.Connection) -> int | None:
        """The schema version stored; None for a new, empty database."""
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "decisions" not in tables:
            return None
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() if "meta" in tables else None
        return int(row[0]) if row else 1

    def _version(self) -> int:
        db = self._connect()
        try:
            version = self._stored_version(db)
        finally:
            db.close()
        if version is not None and version > SCHEMA_VERSION:
            raise OutputError(f"{self.path}: review database of schema {version}, made by a newer aligner "
                              f"(this one reads up to {SCHEMA_VERSION}); open it with that version")
        return SCHEMA_VERSION if version is None else version

    def _back_up(self) -> Path:
        """A complete copy of the database beside it, before an upgrade."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.bak-{stamp}")
        source, copy = self._connect(), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target

    def _create_or_upgrade(self, db: sqlite3.Connection) -> None:
        version = self._stored_version(db)  # again, inside the transaction: another process may have upgraded
        for statement in _TABLES:
            db.execute(statement)
        if version is not None and version < 2:
            self._upgrade_sides(db)
        if version != SCHEMA_VERSION:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                       (str(SCHEMA_VERSION),))

    @staticmethod
    def _upgrade_sides(db: sqlite3.Connection) -> None:
        """Schema 1 -> 2: the sides are 'original'/'translation' instead of 'ar'/'en'."""
        for table in ("decisions", "decision_log"):
            db.execute(f"ALTER TABLE {table} RENAME COLUMN corrected_en TO corrected_translation")
        for old, new in _OLD_SIDES.items():
            db.execute("UPDATE reviewer_findings SET side=? WHERE side=?", (new, old))
        rows = db.execute("SELECT pair_id, finding_id, finding_json FROM decisions").fetchall()
        for row in rows:
            try:
                snapshot = json.loads(row["finding_json"] or "{}")
            except ValueError:  # not ours to repair: kept as it is
                continue
            if not isinstance(snapshot, dict):
                continue
            snapshot = upgrade_keys(snapshot)
            db.execute("UPDATE decisions SET finding_json=? WHERE pair_id=? AND finding_id=?",
                       (json.dumps(snapshot, ensure_ascii=False, sort_keys=True), row["pair_id"], row["finding_id"]))

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
               corrected_translation: str = "", base_version: int | None = None,
               finding: dict[str, Any] | None = None) -> dict[str, Any]:
        """Record a decision; returns it with its new version. Raises Conflict on a stale base_version."""
        if status not in STATUSES:
            raise ReviewInputError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        values = {"comment": _text(comment, "comment"), "reviewer": _text(reviewer, "reviewer")[:200],
                  "corrected_translation": _text(corrected_translation, "corrected_translation")}
        with self._transaction() as db:
            row = db.execute("SELECT * FROM decisions WHERE pair_id=? AND finding_id=?",
                             (pair_id, finding_id)).fetchone()
            version = row["version"] if row else 0
            if base_version is not None and base_version != version:
                raise Conflict(dict(row) if row else {"version": 0, "status": Status.OPEN})
            decided_at = _now()
            snapshot = json.dumps(finding or {}, ensure_ascii=False, sort_keys=True)
            if row and not finding:
                snapshot = row["finding_json"]
            db.execute("INSERT OR REPLACE INTO decisions(pair_id, finding_id, status, comment, reviewer, "
                       "corrected_translation, version, decided_at, finding_json) VALUES (?,?,?,?,?,?,?,?,?)",
                       (pair_id, finding_id, status, values["comment"], values["reviewer"],
                        values["corrected_translation"], version + 1, decided_at, snapshot))
            db.execute("INSERT INTO decision_log(pair_id, finding_id, status, comment, reviewer, "
                       "corrected_translation, version, decided_at) VALUES (?,?,?,?,?,?,?,?)",
                       (pair_id, finding_id, status, values["comment"], values["reviewer"],
                        values["corrected_translation"], version + 1, decided_at))
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
                    text: str, comment: str = "", reviewer: str = "",
                    request_id: str | None = None) -> tuple[dict[str, Any], bool]:
        """A finding the tool missed, marked by a reviewer on one side's text; returns it and
        whether it is new. Sent again, it is not added twice: a repeated ``request_id`` (the
        page makes one per finding it adds) gives back the finding it made, and the same content
        (side, span, type, severity, comment, reviewer) within DUPLICATE_WINDOW seconds gives
        back the finding already there (a double click, a retried post)."""
        if side not in SIDES:
            raise ReviewInputError(f"side must be one of {', '.join(SIDES)}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            raise ReviewInputError("start and end must be offsets with 0 <= start < end")
        now = datetime.now(timezone.utc)
        created_at = now.isoformat(timespec="milliseconds")
        row = {"pair_id": pair_id, "type": _text(type, "type")[:40], "severity": _text(severity, "severity")[:20],
               "side": side, "start": start, "end": end, "text": _text(text, "text"),
               "comment": _text(comment, "comment"), "reviewer": _text(reviewer, "reviewer")[:200],
               "created_at": created_at}
        if request_id:
            seed = f"{pair_id}|request|{_text(request_id, 'request_id')[:200]}"
        else:
            seed = f"{pair_id}|{side}|{start}|{end}|{created_at}|{secrets.token_hex(4)}"
        row["finding_id"] = "R" + hashlib.sha1(seed.encode()).hexdigest()[:12]
        since = (now - timedelta(seconds=DUPLICATE_WINDOW)).isoformat(timespec="milliseconds")
        with self._transaction() as db:  # one writer at a time: fifty identical posts make one finding
            same = db.execute("SELECT * FROM reviewer_findings WHERE pair_id=? AND finding_id=?",
                              (pair_id, row["finding_id"])).fetchone()
            if same is None:
                same = db.execute(
                    'SELECT * FROM reviewer_findings WHERE pair_id=? AND side=? AND start=? AND "end"=? AND type=? '
                    "AND severity=? AND comment=? AND reviewer=? AND created_at>=? ORDER BY created_at LIMIT 1",
                    (pair_id, side, start, end, row["type"], row["severity"], row["comment"], row["reviewer"],
                     since)).fetchone()
            if same is not None:
                return dict(same), False
            db.execute('INSERT INTO reviewer_findings(pair_id, finding_id, type, severity, side, start, "end", '
                       "text, comment, reviewer, created_at) VALUES (:pair_id, :finding_id, :type, :severity, "
                       ":side, :start, :end, :text, :comment, :reviewer, :created_at)", row)
        return row, True

    def reviewer_findings(self, pair_id: str | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM reviewer_findings", ()
        if pair_id is not None:
            sql, params = sql + " WHERE pair_id=?", (pair_id,)
        return self._read(sql + " ORDER BY created_at, finding_id", params)
