"""Run many pairs: in this process, in a pool of processes, or on a Dask cluster.

Resumable: a pair whose reports are complete and current (same input files, aligner version,
data files, weights and thresholds: see ``aligner.report.signature``) is skipped, so an
interrupted batch continues where it stopped. A failing pair goes to the batch's error list and
the others go on.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from aligner.batch.corpus_reports import write_corpus_reports, write_entity_tables
from aligner.batch.jobs import JobResult, JobStatus, PairJob, job_documents, run_job
from aligner.errors import AlignerError
from aligner.report import files
from aligner.report.columns import ERROR_COLUMNS, RESULT_COLUMNS
from aligner.report.writer import ensure_dir, write_csv


@dataclass
class BatchResult:
    """What a batch did, pair by pair, and the corpus-level files it wrote."""

    results: list[JobResult] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


def _local(jobs: list[PairJob], out: str, cache: str | None, resume: bool) -> Iterator[JobResult]:
    for job in jobs:
        yield run_job(job, out, cache, resume)


def _processes(jobs: list[PairJob], out: str, cache: str | None, resume: bool, workers: int) -> Iterator[JobResult]:
    context = multiprocessing.get_context("spawn")  # workers load the model themselves, nothing inherited
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(run_job, job, out, cache, resume) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _dask(jobs: list[PairJob], out: str, cache: str | None, resume: bool, scheduler: str) -> Iterator[JobResult]:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise AlignerError("--scheduler needs Dask: pip install 'aligner[dask]'") from None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise AlignerError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    try:
        futures = client.map(run_job, jobs, out=out, cache=cache, resume=resume, pure=False)
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()


def run_batch(jobs: Iterable[PairJob], out: str | Path, *, workers: int = 1, scheduler: str | None = None,
              cache: str | Path | None = None, resume: bool = True,
              progress: Callable[[JobResult], None] | None = None, entities: bool = False) -> BatchResult:
    """Align every pair, write per-pair reports, then the corpus-level CSVs and the error list
    (also when interrupted); with ``entities``, once every pair has run, the corpus entity
    tables over the documents of the pairs that are done."""
    jobs = list(jobs)
    out_dir = ensure_dir(out)
    cache_path = str(cache) if cache else None
    started = time.perf_counter()
    if scheduler:
        stream = _dask(jobs, str(out_dir), cache_path, resume, scheduler)
    elif workers > 1 and len(jobs) > 1:
        stream = _processes(jobs, str(out_dir), cache_path, resume, workers)
    else:
        stream = _local(jobs, str(out_dir), cache_path, resume)
    batch = BatchResult()
    try:
        for result in stream:
            batch.results.append(result)
            if progress:
                progress(result)
    finally:  # also on Ctrl+C: say what is done and what failed so far
        batch.files = _write_batch_files(jobs, batch.results, out_dir)
        batch.seconds = time.perf_counter() - started
    if entities:
        documents, pairs = job_documents(jobs, _finished(batch.results))
        batch.files.extend(write_entity_tables(documents, pairs, out_dir))
    return batch


def _finished(results: list[JobResult]) -> set[str]:
    return {r.pair_id for r in results if r.status in (JobStatus.DONE, JobStatus.SKIPPED)}


def _write_batch_files(jobs: list[PairJob], results: list[JobResult], out: Path) -> list[Path]:
    by_id = {job.pair_id: job for job in jobs}
    order = {job.pair_id: k for k, job in enumerate(jobs)}
    results = sorted(results, key=lambda r: order[r.pair_id])
    rows = [{"pair_id": r.pair_id, "status": r.status, "findings": r.findings,
             **{f"seconds_{k}": round(r.seconds.get(k, 0.0), 4) for k in
                ("total", "load", "embed", "align", "detect", "write")}} for r in results]
    errors = [{"pair_id": r.pair_id, "original": str(by_id[r.pair_id].original),
               "translation": str(by_id[r.pair_id].translation), "error_kind": r.error_kind, "error": r.error}
              for r in results if r.status == JobStatus.FAILED]
    return [write_csv(rows, RESULT_COLUMNS, out / files.BATCH_RESULTS),
            write_csv(errors, ERROR_COLUMNS, out / files.BATCH_ERRORS),
            *write_corpus_reports(jobs, out, _finished(results))]
