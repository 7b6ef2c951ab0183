"""End to end in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Skipped, with the reason, only where no Chromium is installed (`make browser` installs it;
`make test` tries to).
"""

from __future__ import annotations

import csv
import shutil

import pytest

from aligner.testing.review_helpers import SEED_PAIR, ReviewServer, copy_reports

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
expect = playwright_api.expect
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine: run `make browser` "
                                                          "(apt-get install chromium) to run the browser tests")
# Headless flags for a machine without a display or outside network (see Chromium's --help).
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture()
def server(seed_reports, tmp_path):
    srv = ReviewServer(copy_reports(seed_reports, tmp_path / "reports"), tmp_path / "data" / "review.sqlite").start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _card(page, index):
    return page.locator("article.card[data-id]").nth(index)


def test_review_session_in_chromium(server, browser, tmp_path):
    page = browser.new_page(accept_downloads=True, viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append(f"unexpected dialog {d.message}"))
    page.goto(f"{server.url}/pairs/{SEED_PAIR}")

    arabic = page.locator(".row .original[data-side=original]").nth(2)
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    english = page.locator(".row .translation[data-side=translation]").nth(2)
    assert arabic.bounding_box()["x"] > english.bounding_box()["x"]  # Arabic beside English, on the right
    assert "انسحبت" in page.locator(".texts").inner_text()

    page.fill("#reviewer", "Hala")
    page.dispatch_event("#reviewer", "change")
    first, second = _card(page, 1), _card(page, 3)
    first_id, second_id = first.get_attribute("data-id"), second.get_attribute("data-id")
    first.locator("button[data-status=confirmed]").click()
    expect(page.locator(f"#card-{first_id}")).to_have_attribute("data-status", "confirmed")
    second.locator("h3").click()  # a card's comment fields open when it is the current one
    second.locator("textarea.comment").fill("the modifier is implied by 'heavy losses'")
    second.locator("button[data-status=dismissed]").click()
    expect(page.locator(f"#card-{second_id}")).to_have_attribute("data-status", "dismissed")

    # Keyboard: j moves to the next finding, d dismisses it.
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    current = page.locator("article.card.current")
    assert current.count() == 1
    third_id = current.get_attribute("data-id")
    page.keyboard.press("x")
    expect(page.locator(f"#card-{third_id}")).to_have_attribute("data-status", "discuss")

    page.reload()
    assert page.get_attribute(f"#card-{first_id}", "data-status") == "confirmed"
    assert page.get_attribute(f"#card-{second_id}", "data-status") == "dismissed"
    assert page.input_value(f"#card-{second_id} textarea.comment") == "the modifier is implied by 'heavy losses'"
    assert "Hala" in page.inner_text(f"#card-{first_id} .state")
    total = len(list(csv.DictReader((server.reports / SEED_PAIR / "findings.csv").open(encoding="utf-8-sig"))))
    assert f"3 / {total} decided" in page.inner_text("#progress")

    with page.expect_download() as download:
        page.click("#export-csv")
    path = tmp_path / "export.csv"
    download.value.save_as(path)
    with path.open(encoding="utf-8-sig") as handle:
        rows = {r["finding_id"]: r for r in csv.DictReader(handle)}
    assert rows[first_id]["decision"] == "confirmed" and rows[first_id]["reviewer"] == "Hala"
    assert rows[second_id]["decision"] == "dismissed"
    assert rows[second_id]["comment"] == "the modifier is implied by 'heavy losses'"
    assert rows[third_id]["decision"] == "discuss"
    assert errors == []


def test_filters_and_adding_a_missed_finding(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server.url}/pairs/{SEED_PAIR}")
    page.select_option("#f-severity", "high")
    visible = page.locator("article.card[data-id]:visible")
    rows = csv.DictReader((server.reports / SEED_PAIR / "findings.csv").open(encoding="utf-8-sig"))
    high = sum(row["severity"] == "high" for row in rows)
    assert high >= 1 and visible.count() == high
    assert all(visible.nth(i).get_attribute("data-severity") == "high" for i in range(visible.count()))
    page.select_option("#f-severity", "")

    # Select the English words "occupying forces" in the first body row and add a finding.
    page.evaluate("""() => {
        const span = Array.from(document.querySelectorAll('.translation[data-side=translation] span[data-off]'))
            .find(s => s.textContent.includes('occupying forces'));
        const node = span.firstChild, at = node.textContent.indexOf('occupying forces');
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 'occupying forces'.length);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        span.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""")
    assert page.is_visible("#add-form")
    assert page.inner_text("#add-quote") == "occupying forces"
    page.select_option("#add-form select[name=type]", "softening")
    page.fill("#add-form textarea[name=comment]", "check against الاحتلال")
    page.click("#add-form button[type=submit]")
    page.wait_for_selector("article.card .badge:text('added by reviewer')")
    card = page.locator("article.card", has=page.locator(".badge:text('added by reviewer')"))
    assert "occupying forces" in card.inner_text()
    assert page.locator("mark.hl", has_text="occupying forces").count() == 1


def test_saves_are_confirmed_on_the_card_and_a_failed_save_keeps_the_text(server, browser):
    import re

    page = browser.new_page(viewport={"width": 1400, "height": 700})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server.url}/pairs/{SEED_PAIR}")
    cards = page.locator("article.card[data-id]")
    last = cards.nth(cards.count() - 1)  # far down the findings panel, its top scrolled away
    last.scroll_into_view_if_needed()
    last.locator("h3").click()  # a card's comment fields open when it is the current one
    last.locator(".comment").fill("the translation drops the date")
    last.locator("button[data-status=dismissed]").click()
    message = last.locator(".message")
    expect(message).to_have_text(re.compile(r"^Saved: dismissed, with your comment"))
    in_view = "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    assert message.evaluate(in_view)  # where the reviewer is looking

    server.stop()  # the server goes away: the next save must say so on its card and keep the text
    other = cards.nth(cards.count() - 2)
    other.scroll_into_view_if_needed()
    other.locator("h3").click()
    other.locator(".comment").fill("needs a second look")
    other.locator(".corrected").fill("martyrdom of 11 civilians")
    other.locator("button[data-status=confirmed]").click()
    failed = other.locator(".message")
    expect(failed).to_have_text(re.compile(r"^Not saved: the review server cannot be reached\. Your text is kept"))
    assert "error" in failed.get_attribute("class") and failed.evaluate(in_view)
    assert other.locator(".comment").input_value() == "needs a second look"
    assert other.locator(".corrected").input_value() == "martyrdom of 11 civilians"
    assert other.get_attribute("data-status") == "open"
    assert errors == []  # no unhandled "Failed to fetch"
