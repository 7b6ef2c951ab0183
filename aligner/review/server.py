"""Serve the review app with waitress (a production WSGI server, threads for several reviewers)."""

from __future__ import annotations

from pathlib import Path

from aligner.errors import AlignerError
from aligner.review.app import create_app

THREADS = 8


def serve(reports: str | Path, db_path: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run until interrupted; raises AlignerError when the address cannot be used."""
    from waitress import create_server

    app = create_app(reports, db_path)
    try:
        server = create_server(app, host=host, port=port, threads=THREADS, ident="aligner-review")
    except OSError as exc:
        raise AlignerError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    actual = server.effective_port
    print(f"aligner review: http://{host}:{actual}/  (reports {reports}, decisions in {db_path}; Ctrl+C stops)",
          flush=True)
    server.run()
