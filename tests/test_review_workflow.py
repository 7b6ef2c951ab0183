"""Review sessions through Flask's test client: spans on both sides, omitted sentences in place,
low-confidence findings, bulk decisions and undo, link edits across re-runs, TMX/XLIFF/XLSX exports."""

from __future__ import annotations

import csv
import io
import re
import sqlite3

import openpyxl
import pytest
from translate.storage import tmx as tmx_storage
from translate.storage import xliff2

from aligner.layout import BOILERPLATE_KINDS
from aligner.report import files
from aligner.review.app import create_app
from aligner.review.links import EditError, Sentences, apply_edits, base_links, plan_edit, text_key
from aligner.review.store import Action, DecisionStore
from aligner.testing.review_helpers import SEED_PAIR, copy_reports, csrf_token, page_findings
from tests.conftest import AR_SEED, EN_SEED

XLIFF_NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


@pytest.fixture()
def reports(seed_reports, tmp_path):
    return copy_reports(seed_reports, tmp_path / "reports")


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "data" / "review.sqlite"


@pytest.fixture()
def client(reports, db):
    return create_app(reports, db).test_client()


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _page(client, pair=SEED_PAIR) -> str:
    return client.get(f"/pairs/{pair}").get_data(as_text=True)


def _records(page: str) -> dict[str, dict]:
    return page_findings(page)


def _token(client) -> str:
    return csrf_token(_page(client))


def _post(client, token, path, body):
    return client.post(f"/api/pairs/{SEED_PAIR}{path}", json=body, headers={"X-CSRFToken": token})


def _marked(page: str, finding_id: str, attribute: str = "f") -> list[str]:
    """The texts of the pieces that carry the finding (data-f: its own span; data-c: linked sentences)."""
    pattern = rf'<(?:mark|span)[^>]* data-{attribute}="[^"]*\b{finding_id}\b[^"]*"[^>]*>([^<]*)<'
    return re.findall(pattern, page)


def test_each_finding_highlights_its_span_on_both_sides(client, reports):
    page = _page(client)
    findings = _rows(reports / SEED_PAIR / files.FINDINGS)
    martyrdom = next(f for f in findings if f["rule"] == "rendered_neutrally:martyrdom")
    assert sorted(_marked(page, martyrdom["finding_id"])) == ["killed", "باستشهاد"]  # translation, original
    # An omission has no translation span: the translation sentences it is linked to are marked lightly.
    cause = next(f for f in findings if f["subtype"] == "cause")
    assert cause["translation_text"] == "" and cause["translation_segment_ids"]
    assert _marked(page, cause["finding_id"]) == [cause["original_text"]]
    linked = {s["segment_id"]: s["text"] for s in _rows(reports / SEED_PAIR / files.SEGMENTS)}
    assert "".join(_marked(page, cause["finding_id"], "c")) == linked[cause["translation_segment_ids"]]
    # (the name inside that sentence is a mismatch's own span: one mark carries both)
    assert re.search(rf'<mark[^>]*data-c="[^"]*{cause["finding_id"]}[^"]*"[^>]*>Baghour Fawqani<', page)


def test_omitted_original_sentences_are_shaded_in_place(client, reports):
    page = _page(client)
    omitted = re.findall(r'<div class="row[^"]*\bomitted\b[^"]*" id="row-([^"]+)"', page)
    unlinked = [f for f in _rows(reports / SEED_PAIR / files.FINDINGS) if f["rule"] == "unlinked_sentence"
                and f["type"] == "omission"]
    assert len(omitted) == len(unlinked) == 5  # kicker, headline, byline, source, disclaimer
    headline = next(f for f in unlinked if f["subtype"] == "headline")
    row = page[page.index(f'id="row-{omitted[1]}"'):]
    row = row[:row.index('<div class="row')]
    assert "not in the translation" in row and headline["original_text"] in row
    report = client.get(f"/pairs/{SEED_PAIR}/report.html").get_data(as_text=True)
    assert report.count(" omitted") >= 5


def test_boilerplate_flags_follow_the_layout_kinds(client, reports):
    records = _records(_page(client))
    for f in _rows(reports / SEED_PAIR / files.FINDINGS):
        if f["subtype"] in BOILERPLATE_KINDS:
            assert records[f["finding_id"]]["boiler"], f["subtype"]
        if f["subtype"] in ("headline", "cause") or f["rule"].startswith("rendered_neutrally"):
            assert not records[f["finding_id"]]["boiler"], f["subtype"]
    rules = dict(re.findall(r'<option value="([^"]+)">[^<]* \((\d+)\)</option>', _page(client)))
    assert rules["label_dropped:*"] == "2" and rules["omission/kicker"] == "1"


def test_low_confidence_findings_are_loaded_apart_and_decided_like_others(client, reports, db):
    low = _rows(reports / SEED_PAIR / files.FINDINGS_LOW)
    main = _rows(reports / SEED_PAIR / files.FINDINGS)
    assert low, "the seed pair has findings under the threshold"
    page = _page(client)
    records = _records(page)
    assert {fid for fid, r in records.items() if r["low"]} == {f["finding_id"] for f in low}
    assert f"0 / {len(main)} decided" in page and f"show low-confidence findings ({len(low)})" in page
    token = csrf_token(page)
    fid = low[0]["finding_id"]
    r = client.post(f"/api/pairs/{SEED_PAIR}/findings/{fid}/decision", headers={"X-CSRFToken": token},
                    json={"status": "confirmed", "comment": "real after all", "reviewer": "Hala"})
    assert r.status_code == 200
    assert f"0 / {len(main)} decided" in _page(client)  # the progress counts findings.csv only
    assert f"0 / {len(main)}" in client.get("/").get_data(as_text=True)
    row = sqlite3.connect(db).execute("SELECT status, comment, reviewer, version FROM decisions WHERE finding_id=?",
                                      (fid,)).fetchone()
    assert row == ("confirmed", "real after all", "Hala", 1)  # the same table as every decision
    assert 'id="orphan-' not in _page(client)  # not an orphan: it is in findings_low.csv
    export = {r["finding_id"]: r for r in csv.DictReader(io.StringIO(
        client.get(f"/export.csv?pair={SEED_PAIR}").get_data(as_text=True).lstrip("\ufeff")))}
    assert export[fid]["source_file"] == files.FINDINGS_LOW and export[fid]["decision"] == "confirmed"
    assert export[main[0]["finding_id"]]["source_file"] == files.FINDINGS


def test_a_report_folder_without_findings_low_has_none(reports, db):
    (reports / SEED_PAIR / files.FINDINGS_LOW).unlink()
    client = create_app(reports, db).test_client()
    page = _page(client)
    assert not any(r["low"] for r in _records(page).values()) and "show low-confidence findings (0)" in page
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert {r["source_file"] for r in rows} == {files.FINDINGS}


def test_bulk_decision_and_its_undo_keep_every_decision_in_the_log(client, reports):
    token = _token(client)
    ids = [f["finding_id"] for f in _rows(reports / SEED_PAIR / files.FINDINGS)]
    first = _post(client, token, f"/findings/{ids[0]}/decision",
                  {"status": "confirmed", "comment": "keep", "corrected_translation": "martyred", "reviewer": "A"})
    assert first.status_code == 200
    r = _post(client, token, "/decisions/bulk", {"status": "dismissed", "finding_ids": ids[:4], "reviewer": "B",
                                                 "versions": {ids[0]: 1, ids[1]: 0, ids[2]: 0, ids[3]: 0}})
    assert r.status_code == 200
    result = r.get_json()
    assert [d["status"] for d in result["decided"]] == ["dismissed"] * 4 and result["conflicts"] == []
    assert result["decided"][0]["comment"] == "keep"  # a bulk decision keeps the comments
    previous = {p["finding_id"]: p for p in result["previous"]}
    assert previous[ids[0]]["status"] == "confirmed" and previous[ids[1]]["status"] == "open"
    # A stale version is a conflict, not an overwrite.
    stale = _post(client, token, "/decisions/bulk", {"status": "discuss", "finding_ids": [ids[1]],
                                                     "versions": {ids[1]: 0}}).get_json()
    assert stale["decided"] == [] and stale["conflicts"][0]["status"] == "dismissed"
    # Undo restores each finding's previous decision.
    items = [{"finding_id": p["finding_id"], "status": p["status"], "comment": p["comment"],
              "corrected_translation": p["corrected_translation"], "base_version": d["version"]}
             for p, d in zip(result["previous"], result["decided"])]
    undone = _post(client, token, "/decisions/undo", {"items": items, "reviewer": "B"})
    assert undone.status_code == 200 and undone.get_json()["conflicts"] == []
    now = client.get(f"/api/pairs/{SEED_PAIR}/decisions").get_json()
    assert (now[ids[0]]["status"], now[ids[0]]["comment"], now[ids[0]]["corrected_translation"]) == \
        ("confirmed", "keep", "martyred")
    assert all(now[i]["status"] == "open" for i in ids[1:4])
    log = list(csv.DictReader(io.StringIO(client.get("/export-log.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert [(e["finding_id"], e["status"], e["action"]) for e in log if e["finding_id"] == ids[0]] == [
        (ids[0], "confirmed", Action.DECIDE), (ids[0], "dismissed", Action.BULK), (ids[0], "confirmed", Action.UNDO)]
    assert len(log) == 1 + 4 + 4
    # An undo of a finding changed since is refused for that finding.
    again = _post(client, token, "/decisions/undo", {"items": items[:1]}).get_json()
    assert again["decided"] == [] and again["conflicts"][0]["version"] == 3


@pytest.mark.parametrize("path, body, status", [
    ("/decisions/bulk", {"status": "maybe", "finding_ids": []}, 400),
    ("/decisions/bulk", {"status": "confirmed", "finding_ids": ["Fnope"]}, 404),
    ("/decisions/bulk", {"status": "confirmed", "finding_ids": []}, 400),
    ("/decisions/undo", {"items": [{"finding_id": "Fnope", "status": "open", "base_version": 1}]}, 404),
    ("/decisions/undo", {"items": "x"}, 400),
    ("/links/edits", {"op": "merge", "links": ["S1"]}, 400),
    ("/links/edits", {"op": "explode"}, 400),
    ("/links/edits/Knope/undo", {}, 400),
])
def test_malformed_session_requests_get_4xx(client, path, body, status):
    token = _token(client)
    r = _post(client, token, path, body)
    assert r.status_code == status and "error" in r.get_json()


def test_session_posts_need_the_csrf_token(client, reports):
    client.get(f"/pairs/{SEED_PAIR}")
    ids = [f["finding_id"] for f in _rows(reports / SEED_PAIR / files.FINDINGS)]
    for path, body in (("/decisions/bulk", {"status": "confirmed", "finding_ids": ids}),
                       ("/links/edits", {"op": "merge", "links": ["S3", "S4"]})):
        r = client.post(f"/api/pairs/{SEED_PAIR}{path}", json=body)
        assert r.status_code == 400 and "CSRF" in r.get_json()["error"]
    assert client.get(f"/api/pairs/{SEED_PAIR}/decisions").get_json() == {}


def _row_ids(page: str) -> list[str]:
    return re.findall(r'<div class="row[^"]*" id="row-([^"]+)"', page)


def _links(client) -> dict[tuple, str]:
    """The pair's current sentence-level links: (original ids, translation ids) -> link id."""
    review = client.application.extensions["review"]
    store = review["store"]
    pair = review["library"].get(SEED_PAIR, store.reviewer_findings(SEED_PAIR), store.link_edits(SEED_PAIR))
    return {(link.original, link.translation): link.id for link in pair.links}


def test_link_edits_are_stored_logged_and_applied_again_after_a_rerun(reports, db, tmp_path, embedder):
    from aligner.pipeline import run_pair

    client = create_app(reports, db).test_client()
    token = _token(client)
    before = _row_ids(_page(client))
    # Merge the headline (left out of the translation) with the first body link.
    links = _links(client)
    headline = links[(("ar-s2",), ())]
    first_body = next(link for (original, translation), link in links.items() if translation[:1] == ("en-s1",))
    r = _post(client, token, "/links/edits", {"op": "merge", "links": [headline, first_body], "reviewer": "Omar"})
    assert r.status_code == 201
    merge = r.get_json()
    page = _page(client)
    assert headline not in _row_ids(page) and first_body not in _row_ids(page)
    assert len(_row_ids(page)) == len(before) - 1
    merged = page[page.index(f'id="row-{merge["edit_id"]}-1"'):]
    merged = merged[:merged.index('<div class="row')]
    assert merged.index("انسحاب للقوات الأجنبية") < merged.index("انسحبت مجموعات") and "Groups from both" in merged
    # Move the last English sentence of the 1-3 link to the next link, then split what is left of it.
    target = next(link for (original, translation), link in _links(client).items() if original == ("ar-s7",))
    r = _post(client, token, "/links/edits", {"op": "move", "side": "translation", "sentence": "en-s6", "to": target})
    assert r.status_code == 201
    left = _links(client)[(("ar-s6",), ("en-s4", "en-s5"))]
    r = _post(client, token, "/links/edits", {"op": "split", "link": left, "original": ["ar-s6"],
                                              "translation": ["en-s4"]})
    assert r.status_code == 201
    split = r.get_json()
    links = _links(client)
    assert {(("ar-s2", "ar-s4"), ("en-s1", "en-s2")), (("ar-s6",), ("en-s4",)), ((), ("en-s5",)),
            (("ar-s7",), ("en-s6", "en-s7", "en-s8", "en-s9"))} <= set(links)
    store = DecisionStore(db)
    assert [e["op"] for e in store.link_edits(SEED_PAIR)] == ["merge", "move", "split"]
    log = [e for e in store.log(SEED_PAIR) if e["action"] == Action.LINK_EDIT]
    assert [e["status"] for e in log] == ["merge", "move", "split"] and log[0]["reviewer"] == "Omar"
    edited_rows = _row_ids(_page(client))

    # Re-run the aligner on the same texts: the edits come back, the same rows in the same order.
    run_pair(SEED_PAIR, AR_SEED, "ar", EN_SEED, "en", reports, embedder)
    again = create_app(reports, db).test_client()
    assert _row_ids(_page(again)) == edited_rows
    # Undo the split: one more row in the store (an undo), and the link is whole again.
    r = _post(again, _token(again), f"/links/edits/{split['edit_id']}/undo", {"reviewer": "Omar"})
    assert r.status_code == 201
    assert _links(again)[(("ar-s6",), ("en-s4", "en-s5"))] == left
    assert _post(again, _token(again), f"/links/edits/{split['edit_id']}/undo", {}).status_code == 400
    assert [e["action"] for e in DecisionStore(db).log(SEED_PAIR)][-1] == Action.LINK_UNDO

    # Re-run on a changed original: the merge names a sentence whose text is gone, so it is an
    # orphan, shown with the text it named and not applied; the move still applies.
    changed = tmp_path / "changed.ar.txt"
    changed.write_text(AR_SEED.read_text(encoding="utf-8").replace("انسحاب للقوات الأجنبية", "انسحاب القوات الأجنبية"),
                       encoding="utf-8")
    run_pair(SEED_PAIR, changed, "ar", EN_SEED, "en", reports, embedder)
    third = create_app(reports, db).test_client()
    page = _page(third)
    assert f'id="link-orphan-{merge["edit_id"]}"' in page
    assert "انسحاب للقوات الأجنبية" in page[page.index('id="link-orphans"'):]
    links = _links(third)
    assert (("ar-s2",), ()) in links and (("ar-s4",), ("en-s1", "en-s2")) in links  # as the aligner made them
    assert (("ar-s7",), ("en-s6", "en-s7", "en-s8", "en-s9")) in links


def _sentences(original: list[str], translation: list[str]) -> Sentences:
    def rows(texts, prefix):
        out, at = [], 0
        for n, text in enumerate(texts, 1):
            out.append({"level": "sentence", "segment_id": f"{prefix}{n}", "start": str(at),
                        "end": str(at + len(text)), "text": text, "kind": "body"})
            at += len(text) + 1
        return out
    return Sentences(rows(original, "o"), rows(translation, "t"))


def test_sentence_keys_are_texts_not_positions():
    one = _sentences(["قال المصدر.", "وأضاف.", "قال المصدر."], ["He said.", "He added."])
    assert one.by_id["original"]["o1"].key == f"{text_key('قال المصدر.')}:1"
    assert one.by_id["original"]["o3"].key == f"{text_key('قال المصدر.')}:2"  # the second occurrence
    # A sentence inserted before moves every position but no key.
    two = _sentences(["مقدمة.", "قال المصدر.", "وأضاف.", "قال المصدر."], ["He said.", "He added."])
    assert two.resolve("original", one.by_id["original"]["o2"].key) == "o3"
    alignment = [{"link_id": "L1", "sentence_link": "S1", "original_sentence_ids": "o1 o2",
                  "translation_sentence_ids": "t1", "confidence": "0.9", "note": ""},
                 {"link_id": "L2", "sentence_link": "S2", "original_sentence_ids": "o3",
                  "translation_sentence_ids": "t2", "confidence": "0.8", "note": ""}]
    links = base_links(alignment, one)
    edit = {"edit_id": "K1", "payload": plan_edit(links, one, {"op": "split", "link": "S1", "original": ["o2"],
                                                                "translation": []})}
    applied, orphans = apply_edits(base_links(alignment, one), [edit], one)
    assert orphans == [] and {(link.original, link.translation) for link in applied} == {
        (("o1",), ("t1",)), (("o2",), ()), (("o3",), ("t2",))}
    changed = _sentences(["قال المصدر.", "وأضاف اليوم.", "قال المصدر."], ["He said.", "He added."])
    applied, orphans = apply_edits(base_links(alignment, changed), [edit], changed)
    assert orphans == [edit] and {link.id for link in applied} == {"S1", "S2"}  # left as the aligner made it
    with pytest.raises(EditError):
        plan_edit(links, one, {"op": "split", "link": "S1", "original": ["o1", "o2"], "translation": ["t1"]})
    with pytest.raises(EditError):
        plan_edit(links, one, {"op": "move", "side": "original", "sentence": "o3", "to": "S2"})
    with pytest.raises(EditError):
        plan_edit(links, one, {"op": "merge", "links": ["S1", "S9"]})


def _headline_and_first_body_link(client) -> list[str]:
    links = _links(client)
    first_body = next(link for (original, translation), link in links.items() if translation[:1] == ("en-s1",))
    return [links[(("ar-s2",), ())], first_body]


def test_tmx_and_xliff_of_the_reviewed_alignment_read_back(client, reports):
    token = _token(client)
    merge = {"op": "merge", "links": _headline_and_first_body_link(client)}
    assert _post(client, token, "/links/edits", merge).status_code == 201
    martyrdom = next(f for f in _rows(reports / SEED_PAIR / files.FINDINGS)
                     if f["rule"] == "rendered_neutrally:martyrdom")
    _post(client, token, f"/findings/{martyrdom['finding_id']}/decision",
          {"status": "confirmed", "comment": "martyrdom framing dropped"})
    r = client.get(f"/pairs/{SEED_PAIR}/alignment.tmx")
    assert r.status_code == 200 and files.pair_alignment_tmx(SEED_PAIR) in r.headers["Content-Disposition"]
    tm = tmx_storage.tmxfile.parsestring(r.data)
    units = {u.getid(): u for u in tm.units}
    assert len(units) == 5  # the links with text on both sides; the merged one is one unit
    merged = next(u for u in tm.units if u.source.startswith("انسحاب للقوات الأجنبية"))
    assert "انسحبت مجموعات" in merged.source and merged.target.startswith("Groups from both the American")
    assert any(u.target.startswith("The American coalition has also killed 11 civilians") for u in tm.units)
    r = client.get(f"/pairs/{SEED_PAIR}/alignment.xlf")
    assert r.status_code == 200
    xl = xliff2.Xliff2File.parsestring(r.data)
    assert (xl.sourcelanguage, xl.targetlanguage) == ("ar", "en")
    assert any(u.source == "خاص" and not u.target for u in xl.units)  # left out of the translation: no target
    assert not any("translated and edited" in (u.target or "") for u in xl.units)  # a translator's note has no source
    coalition = next(u for u in xl.units if "باستشهاد" in u.source)
    notes = " ".join(n.text for n in coalition.getunitelement().iterfind("x:notes/x:note", XLIFF_NS))
    assert "softening/rendered_neutrally (high, confirmed)" in notes and "martyrdom framing dropped" in notes


def _sheet(client, url):
    book = openpyxl.load_workbook(io.BytesIO(client.get(url).data))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    return sheet, header


def test_xlsx_export_sets_each_sides_text_in_its_direction(client, reports):
    token = _token(client)
    main = _rows(reports / SEED_PAIR / files.FINDINGS)
    low = _rows(reports / SEED_PAIR / files.FINDINGS_LOW)
    _post(client, token, f"/findings/{main[3]['finding_id']}/decision",
          {"status": "confirmed", "comment": "=cmd|' /C calc'!A0", "corrected_translation": "militia"})
    sheet, header = _sheet(client, f"/export.xlsx?pair={SEED_PAIR}")
    assert sheet.max_row == 1 + len(main) + len(low)
    col = {name: header.index(name) + 1 for name in header}
    rows = {sheet.cell(r, col["finding_id"]).value: r for r in range(2, sheet.max_row + 1)}
    r = rows[main[3]["finding_id"]]
    original = sheet.cell(r, col["original_text"])
    assert original.value == main[3]["original_text"] and original.alignment.readingOrder == 2  # Arabic: RTL
    assert sheet.cell(r, col["corrected_translation"]).alignment.readingOrder == 1  # English: LTR
    comment = sheet.cell(r, col["comment"])
    assert comment.value == "=cmd|' /C calc'!A0" and comment.data_type == "s"  # text, never a formula
    assert sheet.cell(r, col["decision"]).value == "confirmed"
    assert sheet.cell(rows[low[0]["finding_id"]], col["source_file"]).value == files.FINDINGS_LOW
    assert isinstance(sheet.cell(r, col["confidence"]).value, float)


def test_xlsx_of_an_english_original_sets_the_arabic_translation_right_to_left(tmp_path, embedder):
    from aligner.pipeline import run_pair

    (tmp_path / "o.en.txt").write_text("The health ministry said 12 civilians were killed in shelling on Aleppo.\n"
                                       "A local source said the shelling hit a market in the city centre.\n",
                                       encoding="utf-8")
    (tmp_path / "t.ar.txt").write_text("أعلنت وزارة الصحة أن مدنيين قتلوا في قصف على مدينة حلب.\n"
                                       "وقال مصدر محلي إن القصف استهدف سوقا وسط المدينة.\n", encoding="utf-8")
    run_pair("en-ar", tmp_path / "o.en.txt", "en", tmp_path / "t.ar.txt", "ar", tmp_path / "reports", embedder)
    client = create_app(tmp_path / "reports", tmp_path / "review.sqlite").test_client()
    page = client.get("/pairs/en-ar").get_data(as_text=True)
    added = client.post("/api/pairs/en-ar/findings", headers={"X-CSRFToken": csrf_token(page)},
                        json={"side": "translation", "start": 0, "end": 5, "type": "other", "severity": "low"})
    assert added.status_code == 201 and added.get_json()["text"] == "أعلنت"
    sheet, header = _sheet(client, "/export.xlsx")
    col = {name: header.index(name) + 1 for name in header}
    rows = {sheet.cell(r, col["finding_id"]).value: r for r in range(2, sheet.max_row + 1)}
    translation = sheet.cell(rows[added.get_json()["finding_id"]], col["translation_text"])
    assert translation.value == "أعلنت" and translation.alignment.readingOrder == 2
    originals = [sheet.cell(r, col["original_text"]) for r in rows.values()]
    assert any(c.value for c in originals) and all(c.alignment.readingOrder == 1 for c in originals if c.value)


def test_store_upgrade_from_schema_2_adds_the_log_action(tmp_path):
    path = tmp_path / "review.sqlite"
    store = DecisionStore(path)
    store.decide("p", "F1", "confirmed", reviewer="A")
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE decision_log DROP COLUMN action")
    db.execute("DROP TABLE link_edits")
    db.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    db.commit()
    db.close()
    upgraded = DecisionStore(path)
    assert upgraded.backup is not None and upgraded.backup.is_file()
    assert [(e["finding_id"], e["status"], e["action"]) for e in upgraded.log()] == [("F1", "confirmed", "")]
    assert upgraded.link_edits("p") == []


def test_command_line_export_writes_xlsx_or_csv_by_name(client, reports, db, tmp_path, capsys):
    from aligner.cli import main

    fid = _rows(reports / SEED_PAIR / files.FINDINGS_LOW)[0]["finding_id"]
    _post(client, _token(client), f"/findings/{fid}/decision", {"status": "discuss", "comment": "ask"})
    assert main(["review", str(reports), "--db", str(db), "--export", str(tmp_path / "out.xlsx")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("finding_id")] == fid)
    assert (row[header.index("decision")], row[header.index("source_file")]) == ("discuss", files.FINDINGS_LOW)
    assert main(["review", str(reports), "--db", str(db), "--export", str(tmp_path / "out.csv")]) == 0
    assert _rows(tmp_path / "out.csv")[0]["source_file"] == files.FINDINGS
    assert main(["review", str(reports), "--db", str(db), "--export", str(tmp_path / "nope" / "out.xlsx")]) == 4
    assert "cannot write" in capsys.readouterr().err
