"""Helpers shared by the review tests: a copy of a reports folder, a server in a subprocess."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

SEED_PAIR = "damaspost-syrianobserver"


def copy_reports(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ReviewServer:
    """`python -m aligner review` in its own process, for tests that kill or browse it."""

    def __init__(self, reports: Path, db: Path):
        self.reports, self.db = reports, db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> ReviewServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aligner", "review", str(self.reports), "--db", str(self.db),
             "--port", str(self.port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).read()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stdout.read().decode()) from None
                time.sleep(0.1)
        self.kill()  # not left running behind a failed test
        raise RuntimeError("review server did not start in 30 s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def page_findings(html: str) -> dict[str, dict]:
    """The findings a pair page lists (its JSON records, which the page's script draws as cards), by id."""
    import json

    data = re.search(r'<script type="application/json" id="findings-data">(.*?)</script>', html, re.S).group(1)
    return {r["id"]: r for r in json.loads(data)}
