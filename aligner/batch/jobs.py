"""One pair as a unit of batch work: make the jobs, run one in a worker, know when it is already done."""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from aligner.batch.pairing import pair_documents
from aligner.datatypes import Document
from aligner.document import load_document
from aligner.embed import Embedder
from aligner.errors import AlignerError, InputError
from aligner.manifest import PairEntry, default_pair_id
from aligner.pipeline import run_pair
from aligner.report import files
from aligner.report.columns import PAIRING_COLUMNS
from aligner.report.signature import same_report
from aligner.report.writer import write_csv

PairJob = PairEntry  # a manifest row is the unit of batch work


class JobStatus:
    """How a pair went in a batch (``batch_results.csv``)."""

    DONE = "done"
    SKIPPED = "skipped"  # its reports were already complete and current
    FAILED = "failed"


@dataclass
class JobResult:
    """How a pair went: done, skipped (already done), or failed with the reason."""

    pair_id: str
    status: str  # a JobStatus
    findings: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    error: str = ""
    error_kind: str = ""


def is_complete(job: PairJob, out: Path) -> bool:
    """True when the pair's reports exist and are what the running code would write from these
    very input files: same aligner version, inputs, data files, weights and thresholds."""
    return same_report(out / job.pair_id / files.SIGNATURE,
                       [(job.original, job.original_lang), (job.translation, job.translation_lang)])


_EMBEDDERS: dict[str, Embedder] = {}


def _embedder(cache: str | None) -> Embedder:
    """One embedder per worker process (the model loads once), sharing the disk cache."""
    key = cache or ""
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = Embedder(cache_path=cache)
    return _EMBEDDERS[key]


def run_job(job: PairJob, out: str, cache: str | None = None, resume: bool = True) -> JobResult:
    """Align one pair and write its reports; never raises (a failure is a JobResult)."""
    started = time.perf_counter()
    if resume and is_complete(job, Path(out)):
        return JobResult(job.pair_id, JobStatus.SKIPPED, seconds={"total": time.perf_counter() - started})
    embedder = _embedder(cache)
    try:
        result = run_pair(job.pair_id, job.original, job.original_lang, job.translation, job.translation_lang,
                          Path(out), embedder)
    except AlignerError as exc:
        return JobResult(job.pair_id, JobStatus.FAILED, error=str(exc), error_kind=type(exc).__name__)
    except Exception as exc:  # a bug on one pair must not stop the others; keep the trace for the report
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return JobResult(job.pair_id, JobStatus.FAILED, error=f"{detail} (pid {os.getpid()})", error_kind="bug")
    finally:
        embedder.forget()
    seconds = dict(result.seconds, total=time.perf_counter() - started)
    return JobResult(job.pair_id, JobStatus.DONE, len(result.findings), seconds)


@dataclass
class FolderPairing:
    """Jobs found by pairing two folders, and what ``pairing.csv`` says about the rest."""

    jobs: list[PairJob]
    paired: int
    unpaired: int
    unreadable: int
    file: Path


def _load_folder(folder: Path, lang: str, side: str) -> tuple[list[Document], list[dict[str, str]]]:
    """Every .txt of a folder as a document; an unreadable file is noted, not fatal."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    docs, bad = [], []
    for f in sorted(folder.glob("*.txt")):
        try:
            docs.append(load_document(f, lang))
        except AlignerError as exc:  # one unreadable file does not stop the pairing
            bad.append({side: str(f), "status": "unreadable", "note": str(exc)})
    return docs, bad


def jobs_from_folders(originals: Path, original_lang: str, translations: Path, translation_lang: str,
                      out: Path, embedder: Embedder) -> FolderPairing:
    """Pair the translations in one folder with the originals in another; write pairing.csv; one job per pair."""
    original_docs, bad_originals = _load_folder(originals, original_lang, "original")
    translation_docs, bad_translations = _load_folder(translations, translation_lang, "translation")
    rows = pair_documents(original_docs, translation_docs, embedder)
    path = write_csv([r.row() for r in rows] + bad_translations + bad_originals, PAIRING_COLUMNS,
                     out / files.PAIRING)
    jobs = []
    for r in rows:
        if r.original:
            o, t = Path(r.original), Path(r.translation)
            jobs.append(PairJob(default_pair_id(o, t), o, original_lang, t, translation_lang))
    unpaired = sum(r.original is None for r in rows)
    return FolderPairing(jobs, len(rows) - unpaired, unpaired, len(bad_translations) + len(bad_originals), path)


def job_documents(jobs: list[PairJob], pair_ids: set[str]) -> tuple[list[Document], list[tuple[str, str]]]:
    """The documents of the named pairs (each file once) and the (original, translation) file names."""
    docs: dict[str, Document] = {}
    pairs = []
    for job in jobs:
        if job.pair_id in pair_ids:
            if str(job.original) not in docs:
                docs[str(job.original)] = load_document(job.original, job.original_lang)
            if str(job.translation) not in docs:
                docs[str(job.translation)] = load_document(job.translation, job.translation_lang)
            pairs.append((job.original.name, job.translation.name))
    return list(docs.values()), pairs
