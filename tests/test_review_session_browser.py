"""Review sessions in a real headless Chromium (Debian's, through Playwright): one test per feature of
issue 22 — spans on both sides, omitted sentences shaded, search, rule/subtype/boilerplate filters,
low-confidence findings behind a switch, keys n and u, bulk decisions with undo, compact cards,
link editing, the TMX/XLIFF/XLSX downloads, pages of cards on a big pair.

Skipped, with the reason, only where no Chromium is installed (`make browser` installs it).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import unicodedata

import openpyxl
import pytest
from translate.storage import tmx as tmx_storage
from translate.storage import xliff2

from aligner.layout import BOILERPLATE_KINDS
from aligner.report import files
from aligner.review.store import Action, DecisionStore
from aligner.testing.review_helpers import SEED_PAIR, ReviewServer, copy_reports
from tests.conftest import AR_SEED, EN_SEED

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
expect = playwright_api.expect
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine: run `make browser` "
                                                          "(apt-get install chromium) to run the browser tests")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def server(seed_reports, tmp_path):
    srv = ReviewServer(copy_reports(seed_reports, tmp_path / "reports"), tmp_path / "data" / "review.sqlite").start()
    yield srv
    srv.stop()


@pytest.fixture()
def page(server, browser):
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    p = context.new_page()
    p.errors = []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.goto(f"{server.url}/pairs/{SEED_PAIR}")
    p.wait_for_selector("body[data-ready]")
    yield p
    assert p.errors == []
    context.close()


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _findings(server, name=files.FINDINGS) -> list[dict[str, str]]:
    return _rows(server.reports / SEED_PAIR / name)


def _visible_cards(page):
    return page.locator("#cards article.card[data-id]")


def _select(page, finding_id):
    page.locator(f"#card-{finding_id} h3").click()
    expect(page.locator(f"#card-{finding_id}")).to_have_class(re.compile(r"\bcurrent\b"))


def _decisions(server) -> dict[str, dict]:
    return {fid: d for (_, fid), d in DecisionStore(server.db).decisions(SEED_PAIR).items()}


def test_a_finding_lights_its_own_span_on_both_sides_and_its_linked_sentences(server, page):
    findings = _findings(server)
    martyrdom = next(f for f in findings if f["rule"] == "rendered_neutrally:martyrdom")
    _select(page, martyrdom["finding_id"])
    lit = page.locator(f'mark.hl.current[data-f~="{martyrdom["finding_id"]}"]')
    assert sorted(lit.all_inner_texts()) == ["killed", "باستشهاد"]
    killed = page.locator(".translation mark.hl.current", has_text="killed")
    assert killed.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "killed" in page.inner_text(f"#card-{martyrdom['finding_id']} .quotes")
    # An omission with no translation span: its original is marked, its linked English sentence lightly.
    cause = next(f for f in findings if f["subtype"] == "cause")
    _select(page, cause["finding_id"])
    assert page.locator(f'mark.hl.current[data-f~="{cause["finding_id"]}"]').inner_text() == cause["original_text"]
    linked = page.locator(f'.translation .lit[data-c~="{cause["finding_id"]}"]')
    assert linked.count() >= 1 and "".join(linked.all_inner_texts()).startswith("Sources on the ground told")
    assert "dotted" in linked.first.evaluate("el => getComputedStyle(el).textDecorationStyle")
    assert page.locator(".lit").count() == linked.count() + page.locator('.original .lit').count()


def test_omitted_original_sentences_are_shaded_in_place(page):
    omitted = page.locator(".row.omitted")
    assert omitted.count() == 5  # kicker, headline, byline, source and disclaimer have no translation
    headline = omitted.nth(1)
    assert "انسحاب للقوات الأجنبية" in headline.locator(".original").inner_text()
    assert headline.locator(".translation").inner_text() == "not in the translation"
    shading = headline.locator(".original").evaluate("el => getComputedStyle(el).backgroundImage")
    assert "repeating-linear-gradient" in shading
    body = page.locator(".row:not(.omitted):not(.added):not(.head)").first.locator(".original")
    assert body.evaluate("el => getComputedStyle(el).backgroundImage") == "none"


def _fold(text: str) -> str:
    """What the page's search folds: combining marks dropped (Arabic vowels, hamza on alif), lower case."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def test_search_across_both_texts_narrows_the_findings(server, page):
    segments = _rows(server.reports / SEED_PAIR / files.SEGMENTS)
    sentences = [s["text"] for s in segments if s["level"] == "sentence"]
    page.fill("#search", "baghour")
    page.press("#search", "Enter")
    expected = sum(_fold(t).count("baghour") for t in sentences)
    expect(page.locator("#search-count")).to_contain_text(f"1 of {expected} matches")
    assert page.evaluate("CSS.highlights.get('search').size") == expected
    assert page.evaluate("CSS.highlights.get('search-current').size") == 1
    shown = _visible_cards(page)
    assert 0 < shown.count() < len(_findings(server))
    assert any(shown.nth(i).get_attribute("data-subtype") == "mismatch/name_spelling" for i in range(shown.count()))
    # Arabic, written without the hamza the text has (الأمريكي): found all the same, in the original.
    page.fill("#search", "الامريكي")
    page.press("#search", "Enter")
    expected = sum(_fold(t).count(_fold("الامريكي")) for t in sentences)
    assert expected >= 3
    expect(page.locator("#search-count")).to_contain_text(f"of {expected} matches")
    hit = page.evaluate("(() => { const r = CSS.highlights.get('search-current').values().next().value;"
                        " return r.toString(); })()")
    assert _fold(hit) == _fold("الامريكي") and hit == "الأمريكي"
    page.fill("#search", "")
    page.press("#search", "Enter")
    assert _visible_cards(page).count() == len(_findings(server))


def test_filters_by_rule_and_subtype_and_hide_boilerplate(server, page):
    findings = _findings(server)
    page.select_option("#f-rule", "label_dropped:*")
    shown = _visible_cards(page)
    assert shown.count() == sum(f["rule"].startswith("label_dropped:") for f in findings) == 2
    page.select_option("#f-rule", "")
    page.select_option("#f-subtype", "omission/kicker")
    assert _visible_cards(page).count() == 1 and "kicker" in _visible_cards(page).first.inner_text()
    page.select_option("#f-subtype", "")
    page.check("#f-boiler")
    boilerplate = [f for f in findings if f["subtype"] in BOILERPLATE_KINDS]
    assert len(boilerplate) == 6  # kicker, byline, source, disclaimer, two translator's notes
    assert _visible_cards(page).count() == len(findings) - len(boilerplate)
    assert "omission/headline" in [_visible_cards(page).nth(i).get_attribute("data-subtype")
                                   for i in range(_visible_cards(page).count())]
    page.uncheck("#f-boiler")
    assert _visible_cards(page).count() == len(findings)


def test_low_confidence_findings_wait_behind_a_switch(server, page, tmp_path):
    main, low = _findings(server), _findings(server, files.FINDINGS_LOW)
    assert _visible_cards(page).count() == len(main) and page.locator("#cards .card.low").count() == 0
    switch = page.locator("label", has=page.locator("#f-low"))
    assert switch.inner_text().strip() == f"show low-confidence findings ({len(low)})"
    low_marks = page.locator("mark.hl.low").first
    assert low_marks.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.check("#f-low")
    assert _visible_cards(page).count() == len(main) + len(low)
    assert page.locator("#cards .card.low .badge.low").count() == len(low)
    assert low_marks.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    target = low[0]["finding_id"]
    _select(page, target)
    page.keyboard.press("c")
    expect(page.locator(f"#card-{target}")).to_have_attribute("data-status", "confirmed")
    assert page.inner_text("#progress") == f"0 / {len(main)} decided"  # not counted
    assert _decisions(server)[target]["status"] == "confirmed"
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert not page.is_checked("#f-low") and page.locator(f"#card-{target}").count() == 0
    with page.expect_download() as download:
        page.click("#export-csv")
    path = tmp_path / "export.csv"
    download.value.save_as(path)
    row = next(r for r in _rows(path) if r["finding_id"] == target)
    assert (row["source_file"], row["decision"]) == (files.FINDINGS_LOW, "confirmed")


def test_keys_n_for_the_next_undecided_and_u_for_undo(server, page):
    ids = [f["finding_id"] for f in _findings(server)]
    _select(page, ids[1])
    page.keyboard.press("c")
    expect(page.locator(f"#card-{ids[1]}")).to_have_attribute("data-status", "confirmed")
    _select(page, ids[0])
    page.keyboard.press("n")  # skips the decided second finding
    expect(page.locator(f"#card-{ids[2]}")).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("d")
    expect(page.locator(f"#card-{ids[2]}")).to_have_attribute("data-status", "dismissed")
    page.keyboard.press("u")
    expect(page.locator(f"#card-{ids[2]}")).to_have_attribute("data-status", "open")
    page.keyboard.press("u")
    expect(page.locator(f"#card-{ids[1]}")).to_have_attribute("data-status", "open")
    expect(page.locator("#progress")).to_have_text(f"0 / {len(ids)} decided")
    log = DecisionStore(server.db).log(SEED_PAIR)
    assert [(e["finding_id"], e["status"], e["action"]) for e in log] == [
        (ids[1], "confirmed", Action.DECIDE), (ids[2], "dismissed", Action.DECIDE),
        (ids[2], "open", Action.UNDO), (ids[1], "open", Action.UNDO)]


def test_bulk_decision_of_what_a_filter_shows_after_a_confirmation_with_undo(server, page):
    findings = _findings(server)
    low_severity = [f["finding_id"] for f in findings if f["severity"] == "low"]
    kept = low_severity[0]
    _select(page, kept)
    page.fill(f"#card-{kept} textarea.comment", "a real omission")
    page.click(f"#card-{kept} button[data-status=confirmed]")
    expect(page.locator(f"#card-{kept}")).to_have_attribute("data-status", "confirmed")
    page.select_option("#f-severity", "low")
    assert _visible_cards(page).count() == len(low_severity)
    page.click(".bulk-btn[data-status=dismissed]")
    expect(page.locator("#confirm-bar")).to_be_visible()
    assert f"Mark all {len(low_severity)} findings shown as dismissed?" in page.inner_text("#confirm-text")
    page.click("#confirm-no")
    assert [d["status"] for d in _decisions(server).values()] == ["confirmed"]  # cancelled: nothing changed
    page.click(".bulk-btn[data-status=dismissed]")
    page.click("#confirm-yes")
    expect(page.locator("#message")).to_contain_text(f"Marked dismissed: {len(low_severity)} findings")
    decisions = _decisions(server)
    assert all(decisions[fid]["status"] == "dismissed" for fid in low_severity)
    assert decisions[kept]["comment"] == "a real omission"
    page.keyboard.press("u")
    expect(page.locator("#message")).to_contain_text(f"Undone: {len(low_severity)} findings")
    decisions = _decisions(server)
    assert (decisions[kept]["status"], decisions[kept]["comment"]) == ("confirmed", "a real omission")
    assert all(decisions[fid]["status"] == "open" for fid in low_severity if fid != kept)
    actions = [e["action"] for e in DecisionStore(server.db).log(SEED_PAIR)]
    assert actions == [Action.DECIDE] + [Action.BULK] * len(low_severity) + [Action.UNDO] * len(low_severity)


def test_at_least_six_compact_cards_fit_on_a_laptop_screen(page):
    assert page.viewport_size == LAPTOP
    fully_visible = page.evaluate("""() => {
        const panel = document.querySelector('.panel').getBoundingClientRect();
        const tools = document.querySelector('.panel .tools').getBoundingClientRect();
        return Array.from(document.querySelectorAll('#cards article.card')).filter((c) => {
            const r = c.getBoundingClientRect();
            return r.height > 0 && r.top >= tools.bottom - 1 && r.bottom <= Math.min(panel.bottom, innerHeight) + 1;
        }).length; }""")
    assert fully_visible >= 6


def _reloads(page, action) -> None:
    """Do what reloads the page (a link edit) and wait for the new page to be ready."""
    with page.expect_event("load"):
        action()
    page.wait_for_selector("body[data-ready]")


def _open_link_editor(page, row):
    row.hover()
    row.locator(".edit-link").click()
    expect(page.locator("#link-form")).to_be_visible()


def test_links_are_merged_split_and_moved_in_the_page(server, page):
    # The byline, left out of the translation, merged with the first body link after it.
    byline = page.locator(".row.omitted").nth(2)
    byline_id = byline.get_attribute("data-link")
    assert "داماس بوست" in byline.inner_text()
    _open_link_editor(page, byline)
    _reloads(page, lambda: page.click("#link-merge-next"))
    merged = page.locator(".row.edited")
    assert merged.count() == 1 and merged.locator(".meta").inner_text().startswith("2-2")
    assert "داماس بوست" in merged.inner_text() and "Groups from both" in merged.inner_text()
    assert page.locator(f"#row-{byline_id}").count() == 0
    # Split the byline off again: tick it, split.
    _open_link_editor(page, merged)
    page.locator("#link-sentences .split-original").first.check()
    _reloads(page, lambda: page.click("#link-split"))
    expect(page.locator(".row.edited")).to_have_count(2)
    assert "not in the translation" in page.locator(".row.edited").first.inner_text()
    # Move the last English sentence of the 1-3 link to the link after it.
    three = page.locator(".row", has=page.locator(".meta", has_text="1-3")).first
    last = three.locator(".translation .sent").last.inner_text()
    _open_link_editor(page, three)
    move = page.locator("#link-sentences li", has_text=last[:30]).locator("button.move", has_text="after")
    _reloads(page, move.click)
    receiving = page.locator(".row", has=page.locator(".translation .sent", has_text=last[:30]))
    assert receiving.locator(".translation .sent").first.inner_text() == last
    store = DecisionStore(server.db)
    assert [e["op"] for e in store.link_edits(SEED_PAIR)] == ["merge", "split", "move"]
    # u undoes the move (one more row in the store and the log).
    _reloads(page, lambda: page.keyboard.press("u"))
    expect(page.locator(".row", has=page.locator(".meta", has_text="1-3"))).to_have_count(2)
    assert [e["op"] for e in store.link_edits(SEED_PAIR)] == ["merge", "split"]
    assert [e["action"] for e in store.log(SEED_PAIR)] == [Action.LINK_EDIT] * 3 + [Action.LINK_UNDO]


def test_tmx_xliff_and_xlsx_downloads(server, page, tmp_path):
    _open_link_editor(page, page.locator(".row.omitted").nth(2))  # the byline, merged with the next link
    _reloads(page, lambda: page.click("#link-merge-next"))

    def download(selector: str):
        with page.expect_download() as d:
            page.click(selector)
        path = tmp_path / d.value.suggested_filename
        d.value.save_as(path)
        return path

    tmx_path = download("#export-tmx")
    assert tmx_path.name == files.pair_alignment_tmx(SEED_PAIR)
    units = tmx_storage.tmxfile.parsestring(tmx_path.read_bytes()).units
    merged = [u for u in units if u.source.startswith("خاص | داماس بوست")]
    assert len(merged) == 1 and "انسحبت مجموعات" in merged[0].source and merged[0].target.startswith("Groups")
    xliff = xliff2.Xliff2File.parsestring(download("#export-xliff").read_bytes())
    assert (xliff.sourcelanguage, xliff.targetlanguage) == ("ar", "en")
    assert any(u.source == "خاص" and not u.target for u in xliff.units)  # the kicker, left out
    sheet = openpyxl.load_workbook(download("#export-xlsx")).active
    header = [c.value for c in sheet[1]]
    text = header.index("original_text") + 1
    cells = [sheet.cell(r, text) for r in range(2, sheet.max_row + 1) if sheet.cell(r, text).value]
    assert cells and all(c.alignment.readingOrder == 2 for c in cells)
    assert sheet.max_row - 1 == len(_findings(server)) + len(_findings(server, files.FINDINGS_LOW))


@pytest.fixture(scope="module")
def big_reports(tmp_path_factory, embedder):
    """A pair with more findings than one page of cards: the seed pair's texts four times over."""
    from aligner.pipeline import run_pair

    tmp = tmp_path_factory.mktemp("big")
    for source, name in ((AR_SEED, "a.ar.txt"), (EN_SEED, "b.en.txt")):
        body = source.read_text(encoding="utf-8").strip()
        (tmp / name).write_text("\n\n".join([body] * 4) + "\n", encoding="utf-8")
    run_pair("big", tmp / "a.ar.txt", "ar", tmp / "b.en.txt", "en", tmp / "reports", embedder)
    return tmp / "reports"


def test_a_big_pair_shows_its_cards_page_by_page(big_reports, browser, tmp_path):
    findings = _rows(big_reports / "big" / files.FINDINGS)
    assert len(findings) > 50
    server = ReviewServer(copy_reports(big_reports, tmp_path / "reports"), tmp_path / "review.sqlite").start()
    context = browser.new_context(viewport=LAPTOP)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/pairs/big")
        page.wait_for_selector("body[data-ready]")
        records = json.loads(page.inner_text("#findings-data"))
        assert len(records) == len(findings) + len(_rows(big_reports / "big" / files.FINDINGS_LOW))
        assert _visible_cards(page).count() == 50  # one page of cards is drawn, not all of them
        expect(page.locator("#page-info")).to_have_text(f" 1–50 of {len(findings)} ")
        _select(page, findings[49]["finding_id"])
        page.keyboard.press("j")  # the next finding is on the next page
        expect(page.locator(f"#card-{findings[50]['finding_id']}")).to_have_class(re.compile(r"\bcurrent\b"))
        expect(page.locator("#page-info")).to_have_text(f" 51–{min(100, len(findings))} of {len(findings)} ")
        page.keyboard.press("c")
        expect(page.locator(f"#card-{findings[50]['finding_id']}")).to_have_attribute("data-status", "confirmed")
        page.click("#page-prev")
        assert _visible_cards(page).first.get_attribute("data-id") == findings[0]["finding_id"]
        assert page.locator(".row").count() > 4 * 10  # every link of the text is there to scroll through
    finally:
        context.close()
        server.stop()
