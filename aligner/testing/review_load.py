"""Several reviewers at once against one review server, malformed requests mixed in: the figures
of load held, answers given and decisions lost (scripts/stress.py prints them; a test runs a small one)."""

from __future__ import annotations

import csv
import json
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from aligner.report import files
from aligner.testing.review_client import ReviewClient
from aligner.testing.review_helpers import SEED_PAIR, ReviewServer


def _malformed(client: ReviewClient, finding_id: str, rng: random.Random) -> tuple[str, int]:
    path = f"/api/pairs/{SEED_PAIR}/findings/{finding_id}/decision"
    kind = rng.choice(["bad json", "bad status", "no csrf", "unknown finding", "huge body", "bad version",
                       "unknown pair"])
    if kind == "bad json":
        code, _ = client.post(path, None, raw=b"{not json")
    elif kind == "bad status":
        code, _ = client.post(path, {"status": "maybe"})
    elif kind == "no csrf":
        code, _ = client.post(path, {"status": "confirmed"}, headers={"X-CSRFToken": "forged"})
    elif kind == "unknown finding":
        code, _ = client.post(f"/api/pairs/{SEED_PAIR}/findings/Fnope/decision", {"status": "confirmed"})
    elif kind == "huge body":
        code, _ = client.post(path, None, raw=json.dumps({"status": "confirmed", "comment": "x" * 400_000}).encode())
    elif kind == "bad version":
        code, _ = client.post(path, {"status": "confirmed", "base_version": "seven"})
    else:
        code, _ = client.post("/api/pairs/..%2F..%2Fetc/findings/x/decision", {"status": "confirmed"})
    return kind, code


def load(reports: Path, clients: int, decisions: int, malformed_share: float = 0.1) -> dict[str, object]:
    """Several reviewers at once against one server; returns the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        server = ReviewServer(reports, Path(tmp) / "review.sqlite").start()
        try:
            with (reports / SEED_PAIR / files.FINDINGS).open(encoding="utf-8-sig") as handle:
                ids = [r["finding_id"] for r in csv.DictReader(handle)]
            acknowledged: dict[str, dict] = {}
            latencies: list[float] = []
            bad_answers: list[str] = []
            malformed_sent = [0]
            errors: list[str] = []
            lock = threading.Lock()

            def reviewer(k: int) -> None:
                rng = random.Random(k)
                client = ReviewClient(server.url, SEED_PAIR, timeout=30)
                for n in range(decisions):
                    if rng.random() < malformed_share:
                        kind, code = _malformed(client, rng.choice(ids), rng)
                        with lock:
                            malformed_sent[0] += 1
                            if not 400 <= code < 500:
                                bad_answers.append(f"{kind}: {code}")
                        continue
                    comment = f"client{k}-{n}"
                    t0 = time.perf_counter()
                    try:
                        decision = client.decide(rng.choice(ids), rng.choice(["confirmed", "dismissed", "discuss"]),
                                                 comment=comment, reviewer=f"client{k}")
                    except OSError as exc:
                        with lock:
                            errors.append(f"{comment}: {exc}")
                        continue
                    with lock:
                        latencies.append(time.perf_counter() - t0)
                        if decision is None:
                            errors.append(f"{comment}: refused")
                        else:
                            acknowledged[comment] = decision

            started = time.perf_counter()
            threads = [threading.Thread(target=reviewer, args=(k,)) for k in range(clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - started
            logged = {row["comment"] for row in ReviewClient(server.url, SEED_PAIR).log()}
        finally:
            server.stop()
    lost = [c for c in acknowledged if c not in logged]
    latencies.sort()
    return {"clients": clients, "decisions acknowledged": len(acknowledged), "decision errors": len(errors),
            "malformed sent": malformed_sent[0], "malformed not 4xx": len(bad_answers),
            "decisions per second": round(len(acknowledged) / elapsed, 1),
            "latency p50 ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "latency p95 ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
            "decisions lost": len(lost), "details": (errors + bad_answers + lost)[:5]}


