"""The review app through Flask's test client: pages, decisions, CSRF, escaping, exports, orphans."""

from __future__ import annotations

import csv
import io
import json

import pytest

from aligner.review.app import create_app
from aligner.review.store import Conflict, DecisionStore, ReviewInputError
from aligner.testing.review_helpers import SEED_PAIR, copy_reports, csrf_token, page_findings

HOSTILE_AR = ("أعلنت وزارة الصحة أن 12 مدنيا قتلوا في قصف على مدينة حلب يوم أمس.\n"
              "وقال مصدر محلي إن القصف استهدف سوقا شعبيا وسط المدينة.\n")
HOSTILE_EN = ("The health ministry said 12 civilians were killed in shelling on Aleppo. <script>alert('x')</script>\n"
              "A local source said the shelling hit a market \"><img src=x onerror=alert(1)> in the city centre.\n")


@pytest.fixture()
def reports(seed_reports, tmp_path):
    return copy_reports(seed_reports, tmp_path / "reports")


@pytest.fixture()
def client(reports, tmp_path):
    app = create_app(reports, tmp_path / "data" / "review.sqlite")
    return app.test_client()


def _token(client, pair=SEED_PAIR) -> str:
    return csrf_token(client.get(f"/pairs/{pair}").get_data(as_text=True))


def _findings(reports, pair=SEED_PAIR, name="findings.csv") -> list[dict[str, str]]:
    with (reports / pair / name).open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _low_findings(reports, pair=SEED_PAIR) -> list[dict[str, str]]:
    return _findings(reports, pair, "findings_low.csv")


def _decide(client, token, finding_id, **body):
    return client.post(f"/api/pairs/{SEED_PAIR}/findings/{finding_id}/decision", json=body,
                       headers={"X-CSRFToken": token})


def test_index_lists_pairs_with_progress(client, reports):
    page = client.get("/").get_data(as_text=True)
    assert SEED_PAIR in page and f"0 / {len(_findings(reports))}" in page


def test_pair_page_shows_arabic_rtl_and_highlights(client, reports):
    page = client.get(f"/pairs/{SEED_PAIR}").get_data(as_text=True)
    assert 'class="original" lang="ar" dir="rtl" data-side="original"' in page
    assert 'class="translation" lang="en" dir="ltr" data-side="translation"' in page
    assert "Original (Arabic)" in page and "Translation (English)" in page
    martyrdom = next(f for f in _findings(reports) if f["rule"] == "rendered_neutrally:martyrdom")
    assert f'data-f="{martyrdom["finding_id"]}"' in page  # highlighted in the text
    assert page_findings(page)[martyrdom["finding_id"]]["rule"] == martyrdom["rule"]  # and listed as a card
    assert "باستشهاد" in page


def test_decision_round_trip_and_export(client, reports):
    token = _token(client)
    first, second = _findings(reports)[:2]
    r = _decide(client, token, first["finding_id"], status="confirmed", reviewer="Hala", base_version=0)
    assert r.status_code == 200 and r.get_json()["version"] == 1
    r = _decide(client, token, second["finding_id"], status="dismissed", comment="kicker is not content",
                reviewer="Hala", corrected_translation="—")
    assert r.status_code == 200
    saved = client.get(f"/api/pairs/{SEED_PAIR}/decisions").get_json()
    assert saved[first["finding_id"]]["status"] == "confirmed"
    assert saved[second["finding_id"]]["comment"] == "kicker is not content"
    export = client.get(f"/export.csv?pair={SEED_PAIR}")
    assert export.headers["Content-Type"].startswith("text/csv")
    rows = {r["finding_id"]: r for r in csv.DictReader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff")))}
    assert len(rows) == len(_findings(reports)) + len(_low_findings(reports))  # low-confidence ones too
    assert {r["source_file"] for r in rows.values()} == {"findings.csv", "findings_low.csv"}
    assert rows[first["finding_id"]]["decision"] == "confirmed" and rows[first["finding_id"]]["reviewer"] == "Hala"
    assert rows[second["finding_id"]]["comment"] == "kicker is not content"
    assert f"2 / {len(_findings(reports))}" in client.get("/").get_data(as_text=True)


def test_stale_version_is_a_conflict_not_an_overwrite(client, reports):
    token = _token(client)
    fid = _findings(reports)[3]["finding_id"]
    assert _decide(client, token, fid, status="confirmed", reviewer="A", base_version=0).status_code == 200
    r = _decide(client, token, fid, status="dismissed", reviewer="B", base_version=0)
    assert r.status_code == 409 and r.get_json()["current"]["reviewer"] == "A"
    assert client.get(f"/api/pairs/{SEED_PAIR}/decisions").get_json()[fid]["status"] == "confirmed"
    assert _decide(client, token, fid, status="dismissed", reviewer="B", base_version=1).status_code == 200
    log = client.get("/export-log.csv").get_data(as_text=True)
    assert log.count(fid) == 2  # both decisions are in the log


def test_post_without_csrf_token_is_refused(client, reports):
    client.get(f"/pairs/{SEED_PAIR}")
    fid = _findings(reports)[0]["finding_id"]
    r = client.post(f"/api/pairs/{SEED_PAIR}/findings/{fid}/decision", json={"status": "confirmed"})
    assert r.status_code == 400 and "CSRF" in r.get_json()["error"]
    assert client.get(f"/api/pairs/{SEED_PAIR}/decisions").get_json() == {}


@pytest.mark.parametrize("body, status", [
    ({"status": "approved"}, 400), ({"status": "confirmed", "base_version": "x"}, 400),
    ("not an object", 400), ({"status": "confirmed", "comment": "x" * 30_000}, 400),
])
def test_malformed_decisions_get_4xx(client, reports, body, status):
    token = _token(client)
    fid = _findings(reports)[0]["finding_id"]
    r = _decide(client, token, fid, **body) if isinstance(body, dict) else client.post(
        f"/api/pairs/{SEED_PAIR}/findings/{fid}/decision", data=body, headers={"X-CSRFToken": token})
    assert r.status_code == status and "error" in r.get_json()


def test_unknown_pairs_findings_and_paths_are_404(client):
    token = _token(client)
    assert client.get("/pairs/nope").status_code == 404
    assert _decide(client, token, "Fdeadbeef", status="confirmed").status_code == 404
    for path in ("/static/../../pyproject.toml", "/static/..%2f..%2fpyproject.toml", "/pairs/..%2f..%2fetc",
                 "/export.csv?pair=../../etc/passwd", "/pairs/%2e%2e/segments.csv"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert b"[project]" not in r.get_data()
    assert client.get(f"/api/pairs/{SEED_PAIR}/findings/x/decision").status_code == 405
    big = client.post(f"/api/pairs/{SEED_PAIR}/findings", data=b"{" + b" " * 300_000 + b"}",
                      headers={"X-CSRFToken": token, "Content-Type": "application/json"})
    assert big.status_code == 413


def test_reviewer_adds_a_missed_finding(client):
    token = _token(client)
    page_text = "Groups from both the American and French occupying forces"
    r = client.post(f"/api/pairs/{SEED_PAIR}/findings", headers={"X-CSRFToken": token},
                    json={"side": "translation", "start": 0, "end": len(page_text), "type": "softening",
                          "severity": "medium", "comment": "check 'occupying'", "reviewer": "Omar"})
    assert r.status_code == 201
    row = r.get_json()
    assert row["text"] == page_text and row["finding_id"].startswith("R")
    page = client.get(f"/pairs/{SEED_PAIR}").get_data(as_text=True)
    assert page_findings(page)[row["finding_id"]]["reviewer_added"]
    bad = client.post(f"/api/pairs/{SEED_PAIR}/findings", headers={"X-CSRFToken": token},
                      json={"side": "translation", "start": 5, "end": 10 ** 7, "type": "omission", "severity": "low"})
    assert bad.status_code == 400


def test_rerun_keeps_decisions_and_lists_orphans(client, reports):
    token = _token(client)
    findings = _findings(reports)
    kept, dropped = findings[0], findings[1]
    _decide(client, token, kept["finding_id"], status="confirmed", reviewer="A")
    _decide(client, token, dropped["finding_id"], status="dismissed", comment="noise", reviewer="A")
    # A re-run of the aligner that no longer produces the second finding:
    path = reports / SEED_PAIR / "findings.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if dropped["finding_id"] not in line), encoding="utf-8-sig")
    page = client.get(f"/pairs/{SEED_PAIR}").get_data(as_text=True)
    assert f'id="orphan-{dropped["finding_id"]}"' in page and "noise" in page
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    by_id = {r["finding_id"]: r for r in rows}
    assert by_id[kept["finding_id"]]["decision"] == "confirmed" and by_id[kept["finding_id"]]["origin"] == "tool"
    assert by_id[dropped["finding_id"]]["origin"] == "orphan"
    assert by_id[dropped["finding_id"]]["original_text"] == dropped["original_text"]  # the snapshot taken at decision time


def test_hostile_article_text_is_escaped(tmp_path, embedder):
    from aligner.pipeline import run_pair

    (tmp_path / "a.ar.txt").write_text(HOSTILE_AR, encoding="utf-8")
    (tmp_path / "b.en.txt").write_text(HOSTILE_EN, encoding="utf-8")
    run_pair("hostile", tmp_path / "a.ar.txt", "ar", tmp_path / "b.en.txt", "en", tmp_path / "reports", embedder)
    client = create_app(tmp_path / "reports", tmp_path / "review.sqlite").test_client()
    for url in ("/pairs/hostile", "/pairs/hostile/report.html"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "script-src" not in client.get("/").headers["Content-Security-Policy"]  # default-src 'self' only


def test_html_report_carries_decisions(client, reports):
    token = _token(client)
    fid = _findings(reports)[4]["finding_id"]
    _decide(client, token, fid, status="discuss", comment="ask the editor", reviewer="Lina")
    r = client.get(f"/pairs/{SEED_PAIR}/report.html")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    html = r.get_data(as_text=True)
    assert "ask the editor" in html and "Lina" in html and 'dir="rtl"' in html


def test_store_persists_across_instances_and_validates(tmp_path):
    db = tmp_path / "r.sqlite"
    store = DecisionStore(db)
    key = store.secret_key()
    store.decide("p", "F1", "confirmed", reviewer="A", finding={"type": "omission"})
    again = DecisionStore(db)
    assert again.secret_key() == key  # CSRF tokens stay valid after a restart
    assert again.decisions()[("p", "F1")]["status"] == "confirmed"
    assert json.loads(again.decisions()[("p", "F1")]["finding_json"]) == {"type": "omission"}
    with pytest.raises(Conflict):
        again.decide("p", "F1", "dismissed", base_version=0)
    with pytest.raises(ReviewInputError):
        again.decide("p", "F1", "maybe")
    import sqlite3
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_export_without_a_database_lists_every_finding_undecided(reports, tmp_path, capsys):
    from aligner import cli
    from aligner.report.writer import read_csv

    db, out = tmp_path / "none" / "review.sqlite", tmp_path / "reviewed.csv"
    assert cli.main(["review", str(reports), "--db", str(db), "--export", str(out)]) == 0
    rows = read_csv(out)
    low = read_csv(reports / SEED_PAIR / "findings_low.csv")
    assert len(rows) == len(_findings(reports)) + len(low) > 0  # the report's findings and the low ones
    assert {r["decision"] for r in rows} == {"open"} and {r["origin"] for r in rows} == {"tool"}
    assert "all undecided" in capsys.readouterr().out
    assert not db.exists() and not db.parent.exists()  # nothing created
