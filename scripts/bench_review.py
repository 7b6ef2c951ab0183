"""Review page speed on a pair with 2,000 findings: open time and decision time.

    python scripts/bench_review.py [--copies 135] [--work /tmp/aligner-bench-review]

The pair is the seed pair's two texts, each repeated COPIES times (blank line between copies), run
through the real pipeline, so its reports have the aligner's own finding mix (about 15 findings
in findings.csv per copy, plus low-confidence ones); it is built once in WORK and reused. The
review server runs as `aligner review` in its own process with a fresh decisions file.

Measured:
- server: the pair page's answer time on a fresh server (first request), then warm (median of
  5), and a decision POST (median and 95th percentile of 50);
- Chromium (Debian's, through Playwright, 1366x768): time from navigation to the page being ready
  (the script ran, the first page of cards is drawn), on a fresh server after the pair list was
  shown (as a reviewer opens it) and then warm (median of 5); a decision by keyboard (`c` on the
  current card) until its card shows the saved decision (median and maximum of 20); a bulk
  decision of every low-severity finding shown, with its undo; a search over both texts.
Targets: the pair opens in under 1 s; a decision takes under 100 ms.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from aligner.testing.review_client import ReviewClient
from aligner.testing.review_helpers import ReviewServer

ROOT = Path(__file__).resolve().parents[1]

PAIR = "bench-2000"
ORIGINAL = ROOT / "corpus" / "damaspost-foreign-forces-withdraw.ar.txt"
TRANSLATION = ROOT / "corpus" / "syrianobserver-foreign-forces-withdraw.en.txt"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def count_rows(path: Path) -> int:
    if not path.is_file():
        return 0
    with path.open(encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def build_pair(work: Path, copies: int) -> Path:
    """The reports folder of the repeated seed pair (built once)."""
    reports = work / f"reports-{copies}"
    if count_rows(reports / PAIR / "findings.csv") and (reports / PAIR / "report-signature.json").is_file():
        return reports
    from aligner.embed import Embedder
    from aligner.pipeline import run_pair

    texts = work / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    for source, name in ((ORIGINAL, "original.ar.txt"), (TRANSLATION, "translation.en.txt")):
        body = source.read_text(encoding="utf-8").strip()
        (texts / name).write_text("\n\n".join([body] * copies) + "\n", encoding="utf-8")
    start = time.perf_counter()
    print(f"building the pair: the seed pair x {copies} through the pipeline ...", flush=True)
    run_pair(PAIR, texts / "original.ar.txt", "ar", texts / "translation.en.txt", "en", reports, Embedder())
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)
    return reports


def get_seconds(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def server_figures(reports: Path, tmp: Path) -> dict[str, float]:
    server = ReviewServer(reports, tmp / "server.sqlite").start()
    try:
        cold = get_seconds(f"{server.url}/pairs/{PAIR}")
        warm = statistics.median(get_seconds(f"{server.url}/pairs/{PAIR}") for _ in range(5))
        client = ReviewClient(server.url, PAIR, timeout=60)
        with (reports / PAIR / "findings.csv").open(encoding="utf-8-sig") as handle:
            ids = [r["finding_id"] for r in csv.DictReader(handle)][:50]
        times = []
        for fid in ids:
            start = time.perf_counter()
            assert client.decide(fid, "confirmed", reviewer="bench") is not None
            times.append(time.perf_counter() - start)
        times.sort()
        return {"cold": cold, "warm": warm, "post_median": statistics.median(times),
                "post_p95": times[int(len(times) * 0.95) - 1]}
    finally:
        server.stop()


_DECIDE_BY_KEY = """async () => {
  const card = document.querySelector('article.card.current');
  const start = performance.now();
  const done = new Promise((resolve) => new MutationObserver((_, observer) => {
    if (card.dataset.status === 'confirmed') { observer.disconnect(); resolve(); }
  }).observe(card, { attributes: true }));
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'c', bubbles: true }));
  await done;
  return performance.now() - start;
}"""


def browser_figures(reports: Path, tmp: Path, chromium: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        server = ReviewServer(reports, tmp / "browser.sqlite").start()
        try:
            def open_pair() -> float:
                page.goto(f"{server.url}/pairs/{PAIR}")
                page.wait_for_selector("body[data-ready-at]")
                return int(page.get_attribute("body", "data-ready-at")) / 1000

            page.goto(f"{server.url}/")  # the list of pairs, as a reviewer starts
            out["open_fresh"] = open_pair()
            out["open_warm"] = statistics.median(open_pair() for _ in range(5))
            out["script"] = int(page.get_attribute("body", "data-ready")) / 1000
            out["findings"] = page.evaluate("JSON.parse(document.getElementById('findings-data').textContent).length")
            out["html_mib"] = page.evaluate("document.documentElement.outerHTML.length") / 2 ** 20
            times = []
            page.locator("body").click(position={"x": 5, "y": 5})
            for _ in range(20):
                page.keyboard.press("n")  # the next undecided finding
                times.append(page.evaluate(_DECIDE_BY_KEY) / 1000)
            out["decide_median"], out["decide_max"] = statistics.median(times), max(times)
            # Bulk: every low-severity finding shown, confirmed after the confirmation, then undone.
            page.select_option("#f-severity", "low")
            shown = int(page.inner_text("#shown-count").split()[0])
            start = time.perf_counter()
            page.click(".bulk-btn[data-status=dismissed]")
            page.click("#confirm-yes")
            page.wait_for_function("() => document.getElementById('message').textContent.startsWith('Marked')")
            out["bulk"], out["bulk_n"] = time.perf_counter() - start, shown
            start = time.perf_counter()
            page.keyboard.press("u")
            page.wait_for_function("() => document.getElementById('message').textContent.startsWith('Undone')")
            out["bulk_undo"] = time.perf_counter() - start
            page.select_option("#f-severity", "")
            start = time.perf_counter()
            page.fill("#search", "Baghour")
            page.press("#search", "Enter")
            page.wait_for_function("() => document.getElementById('search-count').textContent.includes(' of ')")
            out["search"] = time.perf_counter() - start
        finally:
            server.stop()
            browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=135, help="how many times the seed pair is repeated")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "aligner-bench-review")
    args = parser.parse_args()
    reports = build_pair(args.work, args.copies)
    findings = count_rows(reports / PAIR / "findings.csv")
    low = count_rows(reports / PAIR / "findings_low.csv")
    size = sum(f.stat().st_size for f in (reports / PAIR).glob("*.csv")) / 2 ** 20
    print(f"pair {PAIR}: {findings} findings in findings.csv + {low} in findings_low.csv, "
          f"{count_rows(reports / PAIR / 'alignment.csv')} clause links, CSVs {size:.1f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        s = server_figures(reports, Path(tmp))
        print("server (aligner review, HTTP)")
        print(f"  pair page, first request    {ms(s['cold'])}   (the pair list, shown first, read the CSVs)")
        print(f"  pair page, warm (median)    {ms(s['warm'])}")
        print(f"  decision POST median / p95  {ms(s['post_median'])} / {ms(s['post_p95']).strip()}")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            print("no Chromium: run `make browser` for the browser figures")
            return 0
        b = browser_figures(reports, Path(tmp), chromium)
    print(f"Chromium 1366x768 ({b['findings']} findings on the page, {b['html_mib']:.1f} M characters of HTML)")
    print(f"  open, fresh server          {ms(b['open_fresh'])}   (target < 1000 ms)")
    print(f"  open, warm (median of 5)    {ms(b['open_warm'])}   "
          f"(of which the page's script {ms(b['script']).strip()})")
    print(f"  decision by key, median     {ms(b['decide_median'])}   "
          f"(target < 100 ms; max {ms(b['decide_max']).strip()})")
    print(f"  bulk dismiss of {b['bulk_n']} shown     {ms(b['bulk'])}   "
          f"(confirmation clicked; undo {ms(b['bulk_undo']).strip()})")
    print(f"  search both texts           {ms(b['search'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
