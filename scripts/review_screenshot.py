"""Save a screenshot of the review page for the seed pair (what `make review-screenshot` runs).

Starts the review server on a free port over the reports folder, with a fresh decisions file in a
temporary folder (the reviewer's own database is not touched), opens the pair in headless
Chromium, confirms the first finding, moves with the keyboard (j) to the first finding of the
rule asked for (both its spans lit) and saves a PNG.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from aligner.testing.review_helpers import SEED_PAIR, ReviewServer

ROOT = Path(__file__).resolve().parents[1]

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    parser.add_argument("--pair", default=SEED_PAIR)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review-page.png")
    parser.add_argument("--rule", default="rendered_neutrally:", help="move to the first finding whose rule starts so")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("review_screenshot: no Chromium; run `make browser` first", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = ReviewServer(args.reports, Path(tmp) / "review.sqlite").start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1500, "height": 900})
                page.goto(f"{server.url}/pairs/{args.pair}")
                page.wait_for_selector("body[data-ready]")
                page.fill("#reviewer", "Hala")
                page.dispatch_event("#reviewer", "change")
                page.locator("body").click(position={"x": 5, "y": 5})
                page.keyboard.press("j")
                page.keyboard.press("c")  # the first finding confirmed
                page.wait_for_selector("article.card.st-confirmed")
                for _ in range(60):
                    page.keyboard.press("j")
                    if page.locator(f'article.card.current[data-rule^="{args.rule}"]').count():
                        break
                page.wait_for_timeout(300)
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.stop()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
