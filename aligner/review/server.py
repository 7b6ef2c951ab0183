"""Serve the review app with waitress (a production WSGI server, threads for several reviewers)."""

from __future__ import annotations

import logging
from pathlib import Path

from aligner.errors import AlignerError
from aligner.review.access import access_for, is_local
from aligner.review.app import create_app

THREADS = 8
log = logging.getLogger("aligner")


def serve(reports: str | Path, db_path: str | Path, host: str = "127.0.0.1", port: int = 8765,
          token: str | None = None) -> None:
    """Run until interrupted; raises AlignerError when the address cannot be used.

    Bound to an address other machines can reach, the server wants an access token (given, from
    ``$ALIGNER_REVIEW_TOKEN``, or made here and printed once with the address) and warns so."""
    from waitress import create_server

    access, made = access_for(host, None, token)
    app = create_app(reports, db_path, access)
    try:
        server = create_server(app, host=host, port=port, threads=THREADS, ident="aligner-review")
    except OSError as exc:
        raise AlignerError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    access.port = int(server.effective_port)  # from now on Host: must name this port (when it names one)
    shown = "localhost" if host in ("0.0.0.0", "::", "") else (f"[{host}]" if ":" in host else host)
    url = f"http://{shown}:{access.port}/"
    if not is_local(host):
        log.warning("listening on %s:%s, reachable from other machines: only holders of the access token get in "
                    "(--token, $ALIGNER_REVIEW_TOKEN%s)", host, access.port,
                    "; a new one is printed below" if made else "")
    if made:
        url += f"?token={access.token}"
    print(f"aligner review: {url}  (reports {reports}, decisions in {db_path}; Ctrl+C stops)", flush=True)
    server.run()
