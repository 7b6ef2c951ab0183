"""Who may talk to the review server (Host, access token), and adding a finding only once."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from aligner.review import store as store_module
from aligner.review.access import TOKEN_COOKIE, Access, access_for, is_local, split_host
from aligner.review.app import create_app
from aligner.review.store import DecisionStore
from aligner.testing.review_helpers import SEED_PAIR, copy_reports, csrf_token, free_port


@pytest.fixture()
def reports(seed_reports, tmp_path):
    return copy_reports(seed_reports, tmp_path / "reports")


def _app(reports, tmp_path, **access):
    return create_app(reports, tmp_path / "data" / "review.sqlite", Access(**access) if access else None)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.nip.io:8765", "rebind.test",
                                  "localhost.evil.example:8765", "", "127.0.0.1:notaport", "localhost:9999"])
def test_another_sites_host_is_refused(reports, tmp_path, host):
    client = _app(reports, tmp_path, port=8765).test_client()
    for path in ("/", f"/pairs/{SEED_PAIR}", "/export.csv", "/export-log.csv", f"/api/pairs/{SEED_PAIR}/decisions"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 421, (path, host)
        assert "export" not in response.get_data(as_text=True)
    posted = client.post(f"/api/pairs/{SEED_PAIR}/findings", json={}, headers={"Host": host})
    assert posted.status_code == 421


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST:8765", "localhost"])
def test_its_own_host_is_answered(reports, tmp_path, host):
    client = _app(reports, tmp_path, port=8765).test_client()
    assert client.get("/", headers={"Host": host}).status_code == 200


def test_host_parsing_and_local_addresses():
    assert split_host("[::1]:8765") == ("::1", 8765) and split_host("Example.org") == ("example.org", None)
    assert split_host("a:b") == ("", None)
    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.20") and not is_local("newsroom-pc")


def test_a_non_local_address_needs_a_token(monkeypatch):
    monkeypatch.delenv("ALIGNER_REVIEW_TOKEN", raising=False)
    access, made = access_for("127.0.0.1", 8765, None)
    assert access.token is None and not made
    access, made = access_for("0.0.0.0", 8765, None)
    assert made and len(access.token) >= 20
    assert access_for("0.0.0.0", 8765, None)[0].token != access.token  # a new one each start
    assert access_for("192.168.1.20", 8765, "given") == (Access("192.168.1.20", 8765, "given"), False)
    monkeypatch.setenv("ALIGNER_REVIEW_TOKEN", "from-env")
    assert access_for("0.0.0.0", 8765, None)[0].token == "from-env"


def test_requests_without_the_token_are_refused(reports, tmp_path):
    app = _app(reports, tmp_path, bound="0.0.0.0", port=8765, token="s3cret-token")
    host = {"Host": "192.168.1.20:8765"}
    client = app.test_client()
    for path in ("/", f"/pairs/{SEED_PAIR}", "/export.csv", "/static/review.js"):
        assert client.get(path, headers=host).status_code == 401, path
    answer = client.get(f"/api/pairs/{SEED_PAIR}/decisions", headers=host)
    assert answer.status_code == 401 and answer.get_json() == {"error": "access token required"}
    assert client.get("/?token=wrong", headers=host).status_code == 401
    assert client.get("/", headers={**host, "X-Review-Token": "s3cret-tokeN"}).status_code == 401
    # a browser brings it once in the address; it then lives in a cookie, out of the address bar
    first = client.get(f"/pairs/{SEED_PAIR}?token=s3cret-token&x=1", headers=host)
    assert first.status_code == 302 and first.headers["Location"] == f"/pairs/{SEED_PAIR}?x=1"
    cookie = first.headers["Set-Cookie"]
    assert cookie.startswith(f"{TOKEN_COOKIE}=s3cret-token") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get(f"/pairs/{SEED_PAIR}", headers=host)
    assert page.status_code == 200
    decided = client.post(f"/api/pairs/{SEED_PAIR}/findings/Fnope/decision", json={"status": "confirmed"},
                          headers={**host, "X-CSRFToken": csrf_token(page.get_data(as_text=True))})
    assert decided.status_code == 404  # through the token and CSRF checks to the handler
    # scripts send a header
    for header in ({"X-Review-Token": "s3cret-token"}, {"Authorization": "Bearer s3cret-token"}):
        assert app.test_client().get("/export.csv", headers={**host, **header}).status_code == 200
    # this machine's name is its own host when bound to every interface; another name is not
    import socket
    with_token = {"X-Review-Token": "s3cret-token"}
    assert client.get("/", headers={"Host": f"{socket.gethostname()}:8765", **with_token}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example:8765", **with_token}).status_code == 421


def _add(client, token, **extra):
    body = {"side": "translation", "start": 10, "end": 30, "type": "omission", "severity": "high",
            "comment": "dropped", "reviewer": "Hala", **extra}
    return client.post(f"/api/pairs/{SEED_PAIR}/findings", json=body, headers={"X-CSRFToken": token})


def test_fifty_identical_add_finding_posts_make_one_finding(reports, tmp_path):
    app = _app(reports, tmp_path)
    client = app.test_client()
    token = csrf_token(client.get(f"/pairs/{SEED_PAIR}").get_data(as_text=True))
    answers = [_add(client, token) for _ in range(50)]
    assert [a.status_code for a in answers] == [201] + [200] * 49
    assert {a.get_json()["finding_id"] for a in answers} == {answers[0].get_json()["finding_id"]}
    assert [a.get_json()["duplicate"] for a in answers[:2]] == [False, True]
    store = app.extensions["review"]["store"]
    assert len(store.reviewer_findings(SEED_PAIR)) == 1
    assert _add(client, token, comment="another point").status_code == 201  # different content: a new finding
    assert len(store.reviewer_findings(SEED_PAIR)) == 2


def test_the_same_request_id_is_one_finding_even_after_the_window(reports, tmp_path, monkeypatch):
    client = _app(reports, tmp_path).test_client()
    token = csrf_token(client.get(f"/pairs/{SEED_PAIR}").get_data(as_text=True))
    monkeypatch.setattr(store_module, "DUPLICATE_WINDOW", 0)  # identical content alone no longer merges
    first = _add(client, token, request_id="r-1")
    again = _add(client, token, request_id="r-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["finding_id"] == again.get_json()["finding_id"]
    time.sleep(0.01)
    assert _add(client, token).status_code == 201 and _add(client, token, request_id="r-2").status_code == 201
    assert _add(client, token, request_id=7).status_code == 400


def test_identical_findings_posted_at_once_make_one(tmp_path):
    store = DecisionStore(tmp_path / "review.sqlite")
    ids: list[str] = []

    def post() -> None:
        row, _ = store.add_finding(SEED_PAIR, type="omission", severity="high", side="original", start=3, end=9,
                                   text="انسحبت", comment="", reviewer="")
        ids.append(row["finding_id"])

    threads = [threading.Thread(target=post) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(ids)) == 1 and len(store.reviewer_findings(SEED_PAIR)) == 1


def test_binding_to_every_interface_warns_and_prints_a_token_once(reports, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ALIGNER_REVIEW_TOKEN"}
    process = subprocess.Popen([sys.executable, "-m", "aligner", "review", str(reports), "--db",
                                str(tmp_path / "review.sqlite"), "--host", "0.0.0.0", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**env, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()
        assert line.startswith(f"aligner review: http://localhost:{port}/?token=")
        token = line.split("?token=")[1].split()[0]
        url = f"http://127.0.0.1:{port}/"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)
        assert refused.value.code == 401
        request = urllib.request.Request(url + "export.csv", headers={"X-Review-Token": token})
        assert urllib.request.urlopen(request, timeout=10).status == 200
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    [warning] = [w for w in err.splitlines() if w.strip()]
    assert warning.startswith("aligner: warning: listening on 0.0.0.0:") and "access token" in warning
    assert token not in err  # printed once, on stdout
