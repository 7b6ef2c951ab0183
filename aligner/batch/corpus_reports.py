"""Corpus-level CSVs over the pair folders of a batch: all findings, counts by outlet and type, entities."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

from aligner.batch.jobs import PairJob
from aligner.divergence.findings import FINDING_COLUMNS, SEVERITIES, TYPES
from aligner.report import write_csv

CORPUS_FINDING_COLUMNS = ["pair_id", "original_outlet", "translation_outlet", *FINDING_COLUMNS]
OUTLET_COLUMNS = ["original_outlet", "translation_outlet", "pairs", "findings", *TYPES, "high_severity"]
TYPE_COLUMNS = ["type", "subtype", "severity", "count", "pairs"]


def _findings(job: PairJob, out: Path) -> list[dict[str, str]]:
    path = out / job.pair_id / "findings.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_corpus_reports(jobs: Iterable[PairJob], out: Path, done: set[str]) -> list[Path]:
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
            by_outlet[outlets]["high_severity"] += f["severity"] == "high"
            key = (f["type"], f["subtype"], f["severity"])
            by_type[key] += 1
            pairs_by_type[key].add(job.pair_id)
    outlet_rows = [{"original_outlet": o, "translation_outlet": t, **{c: counts[c] for c in OUTLET_COLUMNS[2:]}}
                   for (o, t), counts in sorted(by_outlet.items())]
    order = {t: i for i, t in enumerate(TYPES)} | {s: i for i, s in enumerate(SEVERITIES)}
    type_rows = [{"type": t, "subtype": st, "severity": sev, "count": n, "pairs": len(pairs_by_type[(t, st, sev)])}
                 for (t, st, sev), n in sorted(by_type.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][1],
                                                                                order.get(kv[0][2], 99)))]
    return [write_csv(rows, CORPUS_FINDING_COLUMNS, out / "corpus_findings.csv"),
            write_csv(outlet_rows, OUTLET_COLUMNS, out / "counts_by_outlet.csv"),
            write_csv(type_rows, TYPE_COLUMNS, out / "counts_by_type.csv")]


def write_entity_tables(documents: list, pairs: list[tuple[str, str]], out: Path) -> list[Path]:
    """The corpus entity table (every spelling of every entity) and its inconsistency flags."""
    from aligner.entities.table import (ENTITY_COLUMNS, FLAG_COLUMNS, cluster_mentions, entity_rows,
                                        inconsistency_flags)

    corpus = cluster_mentions(documents)
    return [write_csv(entity_rows(corpus), ENTITY_COLUMNS, out / "entities.csv"),
            write_csv(inconsistency_flags(corpus, pairs), FLAG_COLUMNS, out / "entity_flags.csv")]
