"""Reviewer decisions in SQLite: WAL, one transaction per write, an append-only log.

The current decision per finding is versioned: a write that names the version it started from
is refused (``Conflict``) when another reviewer changed the finding meanwhile, so no decision is
overwritten unseen. Every accepted write is also appended to ``decision_log``, so nothing a
reviewer decided is ever lost, even when a later decision replaces it.

The database says its schema version in ``meta``. A database of an older version is first
copied beside itself (``<name>.bak-<UTC time>``, SQLite's online backup, so a WAL file is
included) and then upgraded in one transaction. Version 2 names the two sides ``original`` and
``translation`` (version 1 said ``ar`` and ``en``): reviewer findings' ``side``, the
``corrected_translation`` column (was ``corrected_en``) and the finding snapshots' keys. Version 3
adds the log's ``action`` column (how a change was made: a single decision, a bulk decision, an
undo, a link edit) and the ``link_edits`` table (a reviewer's corrections of the alignment).

Bulk decisions and undo (``decide_many``) write every finding's new decision in one transaction,
each checked against the version the client saw; link edits are appended, never changed (an undo
is one more row), and each is in the log too.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

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
MAX_BULK = 20_000  # findings in one bulk decision
SCHEMA_VERSION = 3


class Action:
    """How a change in the decision log was made (its ``action`` column)."""

    DECIDE = ""  # one decision on one finding (what every entry before schema 3 was)
    BULK = "bulk"  # one of the decisions of a bulk decision on what a filter showed
    UNDO = "undo"  # a finding's previous decision, restored
    LINK_EDIT = "link_edit"  # a correction of the alignment (merge, split, move)
    LINK_UNDO = "link_undo"  # a link edit withdrawn

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
    version INTEGER NOT NULL, decided_at TEXT NOT NULL, action TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE IF NOT EXISTS reviewer_findings (
    pair_id TEXT NOT NULL, finding_id TEXT NOT NULL, type TEXT NOT NULL, severity TEXT NOT NULL,
    side TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    comment TEXT NOT NULL, reviewer TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (pair_id, finding_id))""",
    """CREATE TABLE IF NOT EXISTS link_edits (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, pair_id TEXT NOT NULL, edit_id TEXT NOT NULL UNIQUE,
    op TEXT NOT NULL, payload TEXT NOT NULL, undoes TEXT NOT NULL, reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL)""",
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
        if version is not None and version < 3:
            db.execute("ALTER TABLE decision_log ADD COLUMN action TEXT NOT NULL DEFAULT ''")
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

    def decide_many(self, pair_id: str, items: list[dict[str, Any]], *, reviewer: str = "",
                    action: str = Action.BULK) -> dict[str, list[dict[str, Any]]]:
        """Several decisions in one transaction (a bulk decision, or an undo restoring earlier ones).

        Each item names ``finding_id`` and ``status``, and may give ``comment``,
        ``corrected_translation`` (kept from the current decision when absent), ``base_version``
        (the version the client saw: a finding changed since is not written but returned under
        ``conflicts``) and ``finding`` (the snapshot kept for orphans). Returns the decisions
        written, each finding's decision before (``previous``) and the conflicts."""
        if not isinstance(items, list) or not items or len(items) > MAX_BULK:
            raise ReviewInputError(f"send between 1 and {MAX_BULK} findings")
        reviewer = _text(reviewer, "reviewer")[:200]
        checked = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("finding_id"), str):
                raise ReviewInputError("each item needs a finding_id")
            if item.get("status") not in STATUSES:
                raise ReviewInputError(f"status must be one of {', '.join(STATUSES)}, not {item.get('status')!r}")
            base = item.get("base_version")
            if base is not None and (not isinstance(base, int) or isinstance(base, bool)):
                raise ReviewInputError("base_version must be an integer")
            for name in ("comment", "corrected_translation"):
                if name in item:
                    _text(item[name], name)
            checked.append(item)
        if len({item["finding_id"] for item in checked}) != len(checked):
            raise ReviewInputError("a finding is named twice")
        written, previous, conflicts = [], [], []
        with self._transaction() as db:
            decided_at = _now()
            for item in checked:
                row = db.execute("SELECT * FROM decisions WHERE pair_id=? AND finding_id=?",
                                 (pair_id, item["finding_id"])).fetchone()
                before = dict(row) if row else {"pair_id": pair_id, "finding_id": item["finding_id"],
                                                "status": Status.OPEN, "comment": "", "reviewer": "",
                                                "corrected_translation": "", "version": 0, "decided_at": ""}
                before.pop("finding_json", None)
                if item.get("base_version") is not None and item["base_version"] != before["version"]:
                    conflicts.append(before)
                    continue
                values = {"comment": _text(item.get("comment", before["comment"]), "comment"),
                          "corrected_translation": _text(item.get("corrected_translation",
                                                                  before["corrected_translation"]),
                                                         "corrected_translation")}
                snapshot = (json.dumps(item["finding"], ensure_ascii=False, sort_keys=True)
                            if item.get("finding") else (row["finding_json"] if row else "{}"))
                version = before["version"] + 1
                db.execute("INSERT OR REPLACE INTO decisions(pair_id, finding_id, status, comment, reviewer, "
                           "corrected_translation, version, decided_at, finding_json) VALUES (?,?,?,?,?,?,?,?,?)",
                           (pair_id, item["finding_id"], item["status"], values["comment"], reviewer,
                            values["corrected_translation"], version, decided_at, snapshot))
                db.execute("INSERT INTO decision_log(pair_id, finding_id, status, comment, reviewer, "
                           "corrected_translation, version, decided_at, action) VALUES (?,?,?,?,?,?,?,?,?)",
                           (pair_id, item["finding_id"], item["status"], values["comment"], reviewer,
                            values["corrected_translation"], version, decided_at, action))
                written.append({"pair_id": pair_id, "finding_id": item["finding_id"], "status": item["status"],
                                **values, "reviewer": reviewer, "version": version, "decided_at": decided_at})
                previous.append(before)
        return {"decided": written, "previous": previous, "conflicts": conflicts}

    def add_link_edit(self, pair_id: str, op: str, payload: dict[str, Any], *, description: str = "",
                      reviewer: str = "", undoes: str = "") -> dict[str, Any]:
        """Append a correction of the alignment (or, with ``undoes``, the withdrawal of one); logged too."""
        reviewer = _text(reviewer, "reviewer")[:200]
        created_at = _now()
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        if len(body) > MAX_TEXT * 10:
            raise ReviewInputError("link edit too large")
        digest = hashlib.sha1(f"{pair_id}|{op}|{body}|{created_at}|{secrets.token_hex(4)}".encode())
        edit_id = "K" + digest.hexdigest()[:12]
        action = Action.LINK_UNDO if undoes else Action.LINK_EDIT
        with self._transaction() as db:
            if undoes:
                target = db.execute("SELECT op FROM link_edits WHERE pair_id=? AND edit_id=? AND undoes=''",
                                    (pair_id, undoes)).fetchone()
                if target is None:
                    raise ReviewInputError(f"no link edit {undoes!r} in pair {pair_id!r}")
                if db.execute("SELECT 1 FROM link_edits WHERE pair_id=? AND undoes=?", (pair_id, undoes)).fetchone():
                    raise ReviewInputError(f"link edit {undoes!r} is already undone")
            db.execute("INSERT INTO link_edits(pair_id, edit_id, op, payload, undoes, reviewer, created_at) "
                       "VALUES (?,?,?,?,?,?,?)", (pair_id, edit_id, op, body, undoes, reviewer, created_at))
            db.execute("INSERT INTO decision_log(pair_id, finding_id, status, comment, reviewer, "
                       "corrected_translation, version, decided_at, action) VALUES (?,?,?,?,?,?,?,?,?)",
                       (pair_id, undoes or edit_id, op, _text(description, "description"), reviewer, "", 1,
                        created_at, action))
        return {"pair_id": pair_id, "edit_id": edit_id, "op": op, "payload": payload, "undoes": undoes,
                "reviewer": reviewer, "created_at": created_at}

    def link_edits(self, pair_id: str) -> list[dict[str, Any]]:
        """The pair's link edits still in force, oldest first (those undone are left out)."""
        rows = self._read("SELECT * FROM link_edits WHERE pair_id=? ORDER BY seq", (pair_id,))
        undone = {r["undoes"] for r in rows if r["undoes"]}
        out = []
        for r in rows:
            if r["undoes"] or r["edit_id"] in undone:
                continue
            try:
                payload = json.loads(r["payload"])
            except ValueError:
                payload = {}
            out.append({**r, "payload": payload if isinstance(payload, dict) else {}})
        return out
