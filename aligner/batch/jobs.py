"""One pair as a unit of batch work: run it in a worker, know when it is already done."""

from __future__ import annotations

import hashlib
import json
import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from aligner import __version__
from aligner.errors import AlignerError
from aligner.manifest import PairEntry

SIGNATURE = "report-signature.json"  # written last: its presence means the pair's reports are complete


PairJob = PairEntry  # a manifest row is the unit of batch work


@dataclass
class JobResult:
    """How a pair went: done, skipped (already done), or failed with the reason."""

    pair_id: str
    status: str
    findings: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    error: str = ""
    error_kind: str = ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_complete(job: PairJob, out: Path) -> bool:
    """True when the pair's reports exist, were made by this version, from these very input files."""
    signature = out / job.pair_id / SIGNATURE
    try:
        payload = json.loads(signature.read_text(encoding="utf-8-sig"))
        hashes = [item["sha256"] for item in payload["inputs"]]
        return payload["aligner_version"] == __version__ and hashes == [_sha256(job.original), _sha256(job.translation)]
    except (OSError, ValueError, KeyError, TypeError):
        return False


_EMBEDDERS: dict[str, object] = {}


def _embedder(cache: str | None):
    """One embedder per worker process (the model loads once), sharing the disk cache."""
    from aligner.embed import Embedder

    key = cache or ""
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = Embedder(cache_path=cache)
    return _EMBEDDERS[key]


def run_job(job: PairJob, out: str, cache: str | None = None, resume: bool = True) -> JobResult:
    """Align one pair and write its reports; never raises (a failure is a JobResult)."""
    from aligner.pipeline import run_pair

    started = time.perf_counter()
    if resume and is_complete(job, Path(out)):
        return JobResult(job.pair_id, "skipped", seconds={"total": time.perf_counter() - started})
    embedder = _embedder(cache)
    try:
        result = run_pair(job.pair_id, job.original, job.original_lang, job.translation, job.translation_lang,
                          Path(out), embedder)
    except AlignerError as exc:
        return JobResult(job.pair_id, "failed", error=str(exc), error_kind=type(exc).__name__)
    except Exception as exc:  # a bug on one pair must not stop the others; keep the trace for the report
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return JobResult(job.pair_id, "failed", error=f"{detail} (pid {os.getpid()})", error_kind="bug")
    finally:
        embedder.forget()
    seconds = dict(result.seconds, total=time.perf_counter() - started)
    return JobResult(job.pair_id, "done", len(result.findings), seconds)
