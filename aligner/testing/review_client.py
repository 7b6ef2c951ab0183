"""A small HTTP client of the review server (stdlib only): session cookie, CSRF token, decisions."""

from __future__ import annotations

import csv
import http.client
import http.cookiejar
import io
import json
import re
import urllib.error
import urllib.request
from typing import Any


class ReviewClient:
    """One reviewer's browser, minus the browser: keeps the session cookie and CSRF token."""

    def __init__(self, base_url: str, pair_id: str, timeout: float = 10):
        self.base, self.pair, self.timeout = base_url, pair_id, timeout
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(f"{self.base}/pairs/{pair_id}", timeout=timeout).read().decode()
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def post(self, path: str, body: Any, raw: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
        data = raw if raw is not None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base}{path}", data=data, method="POST", headers={
            "Content-Type": "application/json", "X-CSRFToken": self.token, **(headers or {})})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            try:
                return exc.code, json.loads(payload)
            except ValueError:
                return exc.code, payload.decode(errors="replace")
        except http.client.HTTPException as exc:  # the server died mid-answer: not acknowledged
            raise ConnectionError(f"incomplete answer: {exc!r}") from None

    def decide(self, finding_id: str, status: str, **fields: Any) -> dict[str, Any] | None:
        """The acknowledged decision, or None if the server refused it (raises OSError if unreachable)."""
        code, body = self.post(f"/api/pairs/{self.pair}/findings/{finding_id}/decision", {"status": status, **fields})
        return body if code == 200 else None

    def decisions(self) -> dict[str, dict[str, Any]]:
        with self.opener.open(f"{self.base}/api/pairs/{self.pair}/decisions", timeout=self.timeout) as r:
            return json.loads(r.read())

    def log(self) -> list[dict[str, str]]:
        with self.opener.open(f"{self.base}/export-log.csv", timeout=self.timeout) as r:
            return list(csv.DictReader(io.StringIO(r.read().decode("utf-8-sig"))))
