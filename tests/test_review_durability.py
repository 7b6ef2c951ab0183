"""Kill the review server (SIGKILL) in the middle of a stream of decisions: nothing acknowledged is lost."""

from __future__ import annotations

import csv
import threading
import time

from aligner.testing.review_client import ReviewClient
from aligner.testing.review_helpers import SEED_PAIR, ReviewServer, copy_reports


def _finding_ids(reports) -> list[str]:
    with (reports / SEED_PAIR / "findings.csv").open(encoding="utf-8-sig") as handle:
        return [r["finding_id"] for r in csv.DictReader(handle)]


def test_sigkill_mid_stream_loses_no_acknowledged_decision(seed_reports, tmp_path):
    reports = copy_reports(seed_reports, tmp_path / "reports")
    db = tmp_path / "data" / "review.sqlite"
    ids = _finding_ids(reports)
    server = ReviewServer(reports, db).start()
    acknowledged: dict[str, dict] = {}
    lock = threading.Lock()
    failures: list[str] = []

    def reviewer(name: str) -> None:
        client = ReviewClient(server.url, SEED_PAIR)
        n = 0
        while True:
            fid = ids[n % len(ids)]
            comment = f"{name} decision {n}"
            try:
                decision = client.decide(fid, "confirmed" if n % 2 else "dismissed", comment=comment, reviewer=name)
            except OSError:
                return  # the server is gone: this decision was never acknowledged
            if decision is None:
                failures.append(f"{name}: decision {n} refused")
                return
            with lock:
                acknowledged[comment] = decision
            n += 1

    threads = [threading.Thread(target=reviewer, args=(f"reviewer{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    deadline = time.time() + 20
    while len(acknowledged) < 60 and time.time() < deadline:
        time.sleep(0.02)
    server.kill()
    for t in threads:
        t.join(10)
    assert not failures
    assert len(acknowledged) >= 60, "the stream was too slow to test anything"

    restarted = ReviewServer(reports, db).start()
    try:
        log = ReviewClient(restarted.url, SEED_PAIR).log()
    finally:
        restarted.stop()
    logged = {row["comment"]: row for row in log}
    lost = [c for c in acknowledged if c not in logged]
    assert lost == []
    for comment, decision in acknowledged.items():
        assert logged[comment]["status"] == decision["status"]
        assert int(logged[comment]["version"]) == decision["version"]
