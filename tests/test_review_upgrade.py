"""Upgrading from the ar_/en_ contract: old review databases and old report folders, and pages
whose original is not Arabic."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

from aligner.errors import OutputError
from aligner.report import files
from aligner.report.columns import LEGACY_COLUMNS
from aligner.review.app import create_app
from aligner.review.store import SCHEMA_VERSION, DecisionStore
from aligner.testing.review_helpers import SEED_PAIR, copy_reports, page_findings

# The review database as aligner 0.1.0 created it (schema 1, before the sides were renamed).
SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE decisions (
    pair_id TEXT NOT NULL, finding_id TEXT NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, reviewer TEXT NOT NULL, corrected_en TEXT NOT NULL,
    version INTEGER NOT NULL, decided_at TEXT NOT NULL, finding_json TEXT NOT NULL,
    PRIMARY KEY (pair_id, finding_id));
CREATE TABLE decision_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, pair_id TEXT NOT NULL, finding_id TEXT NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, reviewer TEXT NOT NULL, corrected_en TEXT NOT NULL,
    version INTEGER NOT NULL, decided_at TEXT NOT NULL);
CREATE TABLE reviewer_findings (
    pair_id TEXT NOT NULL, finding_id TEXT NOT NULL, type TEXT NOT NULL, severity TEXT NOT NULL,
    side TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    comment TEXT NOT NULL, reviewer TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (pair_id, finding_id));
"""
OLD_SNAPSHOT = {"finding_id": "Fgone", "type": "softening", "subtype": "label_dropped", "severity": "high",
                "ar_text": "ميليشيا", "ar_start": "10", "ar_end": "17", "en_text": "forces", "en_start": "3",
                "en_end": "9", "ar_segment_ids": "ar-s1", "en_segment_ids": "en-s1", "evidence": "e", "rule": "r"}


def _old_database(path, finding_ids: list[str]) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA_1)
    db.execute("INSERT INTO meta VALUES ('secret_key', 'k' )")
    decided = finding_ids[:2] + ["Fgone"]
    for n, fid in enumerate(decided):
        snapshot = json.dumps({**OLD_SNAPSHOT, "finding_id": fid}, ensure_ascii=False, sort_keys=True)
        for version in (1, 2):  # two decisions each: both stay in the log
            db.execute("INSERT INTO decision_log(pair_id, finding_id, status, comment, reviewer, corrected_en, "
                       "version, decided_at) VALUES (?,?,?,?,?,?,?,?)",
                       (SEED_PAIR, fid, "confirmed" if version == 2 else "discuss", f"comment {n}.{version}",
                        "Hala", f"better {n}.{version}", version, f"2024-01-0{version}T00:00:00Z"))
        db.execute("INSERT INTO decisions VALUES (?,?,?,?,?,?,?,?,?)",
                   (SEED_PAIR, fid, "confirmed", f"comment {n}.2", "Hala", f"better {n}.2", 2,
                    "2024-01-02T00:00:00Z", snapshot))
    db.execute("INSERT INTO reviewer_findings VALUES (?,?,?,?,?,?,?,?,?,?,?)",
               (SEED_PAIR, "Rar", "omission", "medium", "ar", 0, 5, "انسحب", "on the Arabic side", "Omar", "t1"))
    db.execute("INSERT INTO reviewer_findings VALUES (?,?,?,?,?,?,?,?,?,?,?)",
               (SEED_PAIR, "Ren", "addition", "low", "en", 0, 6, "Groups", "on the English side", "Omar", "t2"))
    db.close()


def _findings(reports) -> list[dict[str, str]]:
    with (reports / SEED_PAIR / files.FINDINGS).open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_old_database_is_backed_up_and_upgraded_without_losing_a_decision(seed_reports, tmp_path):
    reports = copy_reports(seed_reports, tmp_path / "reports")
    ids = [f["finding_id"] for f in _findings(reports)]
    path = tmp_path / "data" / "review.sqlite"
    path.parent.mkdir()
    _old_database(path, ids)

    store = DecisionStore(path)
    assert store.backup is not None and store.backup.parent == path.parent
    assert store.backup.name.startswith("review.sqlite.bak-")
    backup = sqlite3.connect(store.backup)
    assert backup.execute("SELECT count(*) FROM decision_log WHERE corrected_en != ''").fetchone()[0] == 6
    backup.close()

    decisions = store.decisions()
    assert len(decisions) == 3
    for n, fid in enumerate(ids[:2] + ["Fgone"]):
        d = decisions[(SEED_PAIR, fid)]
        assert (d["status"], d["comment"], d["corrected_translation"], d["version"]) == \
            ("confirmed", f"comment {n}.2", f"better {n}.2", 2)
        snapshot = json.loads(d["finding_json"])
        assert snapshot["original_text"] == "ميليشيا" and snapshot["translation_end"] == "9"
        assert not any(k.startswith(("ar_", "en_")) for k in snapshot)
    log = store.log()
    assert len(log) == 6 and [r["corrected_translation"] for r in log[:2]] == ["better 0.1", "better 0.2"]
    sides = {r["finding_id"]: r["side"] for r in store.reviewer_findings()}
    assert sides == {"Rar": "original", "Ren": "translation"}
    assert store.secret_key() == "k"  # CSRF tokens survive the upgrade
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    db.close()

    again = DecisionStore(path)  # already upgraded: no second copy
    assert again.backup is None and len(list(path.parent.glob("*.bak-*"))) == 1

    # The review app over the upgraded database: decisions, orphan and reviewer findings where they were.
    client = create_app(reports, path).test_client()
    page = client.get(f"/pairs/{SEED_PAIR}").get_data(as_text=True)
    assert 'id="orphan-Fgone"' in page and "ميليشيا" in page
    listed = page_findings(page)
    assert listed["Rar"]["reviewer_added"] and listed["Ren"]["reviewer_added"]
    rows = {r["finding_id"]: r for r in csv.DictReader(io.StringIO(
        client.get("/export.csv").get_data(as_text=True).lstrip("\ufeff")))}
    assert rows["Rar"]["original_text"] == "انسحب" and rows["Rar"]["translation_text"] == ""
    assert rows["Ren"]["translation_text"] == "Groups"
    assert rows["Fgone"]["origin"] == "orphan" and rows["Fgone"]["original_text"] == "ميليشيا"
    assert rows[ids[0]]["corrected_translation"] == "better 0.2"


def test_database_of_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "review.sqlite"
    DecisionStore(path)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(OutputError, match="newer aligner"):
        DecisionStore(path)


def _to_legacy(folder) -> None:
    """Rewrite a pair folder's headers as aligner 0.1.0 wrote them (ar_*/en_* columns)."""
    old_names = {new: old for old, new in LEGACY_COLUMNS.items() if old != "corrected_en"}
    for name in (files.FINDINGS, files.ALIGNMENT):
        path = folder / name
        header, rest = path.read_text(encoding="utf-8-sig").split("\n", 1)
        header = ",".join(old_names.get(c, c) for c in header.split(","))
        path.write_text(header + "\n" + rest, encoding="utf-8-sig")


def test_old_reports_folder_is_read_under_the_new_names(seed_reports, tmp_path):
    new = seed_reports / SEED_PAIR
    reports = copy_reports(seed_reports, tmp_path / "reports")
    _to_legacy(reports / SEED_PAIR)
    assert "ar_text" in (reports / SEED_PAIR / files.FINDINGS).read_text(encoding="utf-8-sig").split("\n")[0]
    old_client = create_app(reports, tmp_path / "old.sqlite").test_client()
    new_client = create_app(seed_reports, tmp_path / "new.sqlite").test_client()
    old_page = old_client.get(f"/pairs/{SEED_PAIR}").get_data(as_text=True)
    new_page = new_client.get(f"/pairs/{SEED_PAIR}").get_data(as_text=True)
    strip = lambda html: re.sub(r'name="csrf-token" content="[^"]+"', "", html)  # noqa: E731
    assert strip(old_page) == strip(new_page)  # same rows, highlights and cards
    token = re.search(r'name="csrf-token" content="([^"]+)"', old_page).group(1)
    fid = _findings(seed_reports)[0]["finding_id"]
    r = old_client.post(f"/api/pairs/{SEED_PAIR}/findings/{fid}/decision", headers={"X-CSRFToken": token},
                        json={"status": "confirmed"})
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(old_client.get("/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    expected = []
    for name in (files.FINDINGS, files.FINDINGS_LOW):  # the copy keeps findings_low.csv (read as written)
        with (new / name).open(encoding="utf-8-sig") as handle:
            expected += list(csv.DictReader(handle))
    assert [{k: r[k] for k in expected[0]} for r in rows] == expected


def test_page_takes_each_sides_language_and_direction(tmp_path, embedder):
    from aligner.pipeline import run_pair

    (tmp_path / "o.en.txt").write_text("The health ministry said 12 civilians were killed in shelling on Aleppo.\n"
                                       "A local source said the shelling hit a market in the city centre.\n",
                                       encoding="utf-8")
    (tmp_path / "t.ar.txt").write_text("أعلنت وزارة الصحة أن 12 مدنيا قتلوا في قصف على مدينة حلب.\n"
                                       "وقال مصدر محلي إن القصف استهدف سوقا وسط المدينة.\n", encoding="utf-8")
    run_pair("en-ar", tmp_path / "o.en.txt", "en", tmp_path / "t.ar.txt", "ar", tmp_path / "reports", embedder)
    client = create_app(tmp_path / "reports", tmp_path / "review.sqlite").test_client()
    page = client.get("/pairs/en-ar").get_data(as_text=True)
    assert 'class="original" lang="en" dir="ltr" data-side="original"' in page
    assert 'class="translation" lang="ar" dir="rtl" data-side="translation"' in page
    assert "Original (English)" in page and "Translation (Arabic)" in page
    assert 'lang="ar" dir="rtl" data-side="original"' not in page
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    r = client.post("/api/pairs/en-ar/findings", headers={"X-CSRFToken": token},
                    json={"side": "original", "start": 4, "end": 19, "type": "other", "severity": "low"})
    assert r.status_code == 201 and r.get_json()["text"] == "health ministry"
    bad = client.post("/api/pairs/en-ar/findings", headers={"X-CSRFToken": token},
                      json={"side": "en", "start": 4, "end": 19, "type": "other", "severity": "low"})
    assert bad.status_code == 400 and "original" in bad.get_json()["error"]
    report = client.get("/pairs/en-ar/report.html").get_data(as_text=True)
    assert "Original (English)" in report and 'lang="ar" dir="rtl" data-side="translation"' in report


def test_upgrade_keeps_a_snapshot_it_cannot_read(tmp_path):
    path = tmp_path / "review.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(SCHEMA_1)
    db.execute("INSERT INTO decisions VALUES ('p','F1','dismissed','','A','',1,'t','not json')")
    db.close()
    store = DecisionStore(path)
    assert store.decisions()[("p", "F1")]["finding_json"] == "not json" and store.backup.is_file()
