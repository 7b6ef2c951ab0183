"""Save a screenshot of the review page for the seed pair (what `make review-screenshot` runs).

Starts the review server on a free port over the reports folder, with a fresh decisions file in a
temporary folder (the reviewer's own database is not touched), opens the pair in headless
Chromium, moves to a finding with the keyboard and saves a PNG.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.review_helpers import SEED_PAIR, ReviewServer  # noqa: E402

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    parser.add_argument("--pair", default=SEED_PAIR)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review-page.png")
    parser.add_argument("--findings", type=int, default=6, help="how many times to press j (next finding)")
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
                page = browser.new_page(viewport={"width": 1500, "height": 950})
                page.goto(f"{server.url}/pairs/{args.pair}")
                for _ in range(args.findings):
                    page.keyboard.press("j")
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
