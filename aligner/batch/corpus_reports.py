"""Corpus-level CSVs over the pair folders of a batch: all findings, counts by outlet and type, entities."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aligner.datatypes import Document
from aligner.divergence.findings import SEVERITIES, TYPES, Severity
from aligner.entities.table import cluster_mentions, entity_rows, inconsistency_flags
from aligner.manifest import PairEntry
from aligner.report import files
from aligner.report.columns import CORPUS_FINDING_COLUMNS, ENTITY_COLUMNS, FLAG_COLUMNS, OUTLET_COLUMNS, TYPE_COLUMNS
from aligner.report.writer import read_csv, write_csv


def _findings(job: PairEntry, out: Path) -> list[dict[str, str]]:
    path = out / job.pair_id / files.FINDINGS
    return read_csv(path) if path.is_file() else []


def write_corpus_reports(jobs: Iterable[PairEntry], out: Path, done: set[str]) -> list[Path]:
    """findings of every finished pair in one CSV, counts per outlet pair and per finding type."""
    rows: list[dict[str, Any]] = []
    by_outlet: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_type: Counter = Counter()
    pairs_by_type: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for job in jobs:
        if job.pair_id not in done:
            continue
        outlets = (job.original_outlet, job.translation_outlet)
        by_outlet[outlets]["pairs"] += 1
        for f in _findings(job, out):
            rows.append({"pair_id": job.pair_id, "original_outlet": outlets[0], "translation_outlet": outlets[1], **f})
            by_outlet[outlets]["findings"] += 1
            by_outlet[outlets][f["type"]] += 1
            by_outlet[outlets]["high_severity"] += f["severity"] == Severity.HIGH
            key = (f["type"], f["subtype"], f["severity"])
            by_type[key] += 1
            pairs_by_type[key].add(job.pair_id)
    outlet_rows = [{"original_outlet": o, "translation_outlet": t, **{c: counts[c] for c in OUTLET_COLUMNS[2:]}}
                   for (o, t), counts in sorted(by_outlet.items())]
    order = {t: i for i, t in enumerate(TYPES)} | {s: i for i, s in enumerate(SEVERITIES)}
    type_rows = [{"type": t, "subtype": st, "severity": sev, "count": n, "pairs": len(pairs_by_type[(t, st, sev)])}
                 for (t, st, sev), n in sorted(by_type.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][1],
                                                                                order.get(kv[0][2], 99)))]
    return [write_csv(rows, CORPUS_FINDING_COLUMNS, out / files.CORPUS_FINDINGS),
            write_csv(outlet_rows, OUTLET_COLUMNS, out / files.COUNTS_BY_OUTLET),
            write_csv(type_rows, TYPE_COLUMNS, out / files.COUNTS_BY_TYPE)]


def write_entity_tables(documents: list[Document], pairs: list[tuple[str, str]], out: Path) -> list[Path]:
    """The corpus entity table (every spelling of every entity) and its inconsistency flags.

    ``pairs`` are (original, translation) file names, to compare each translation's spellings
    with its original's.
    """
    corpus = cluster_mentions(documents)
    return [write_csv(entity_rows(corpus), ENTITY_COLUMNS, out / files.ENTITIES),
            write_csv(inconsistency_flags(corpus, pairs), FLAG_COLUMNS, out / files.ENTITY_FLAGS)]
