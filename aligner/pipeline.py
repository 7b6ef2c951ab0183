"""Run the whole chain on one original/translation pair and write its reports."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aligner.align.document import Alignment, align_documents
from aligner.datatypes import Document
from aligner.divergence.calibration import report_threshold
from aligner.divergence.detect import detect
from aligner.divergence.findings import SEVERITIES, TYPES, Finding, Severity
from aligner.document import load_document
from aligner.embed import Embedder
from aligner.errors import InputError
from aligner.file_offsets import alignment_in_file, findings_in_file
from aligner.lang import same_language_problem
from aligner.report import files
from aligner.report.columns import ALIGNMENT_COLUMNS, FINDING_COLUMNS, SEGMENT_COLUMNS, SUMMARY_COLUMNS
from aligner.report.rows import alignment_rows, finding_rows, segment_rows, summary_rows
from aligner.report.signature import write_signature
from aligner.report.writer import ensure_dir, write_csv


@dataclass
class PairResult:
    """What one pair produced: documents, alignment, findings and the report files written."""

    pair_id: str
    original: Document
    translation: Document
    alignment: Alignment | None = None
    findings: list[Finding] = field(default_factory=list)  # in the report (confidence at the threshold or above)
    low_findings: list[Finding] = field(default_factory=list)  # under the threshold: findings_low.csv
    files: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # load, embed, align, detect, write


def run_pair(pair_id: str, original_path: Path, original_lang: str, translation_path: Path,
             translation_lang: str, out_dir: Path, embedder: Embedder | None = None) -> PairResult:
    """Load both documents, align them, detect divergences, write the pair's reports."""
    clock = time.perf_counter()
    problem = same_language_problem(original_lang, translation_lang)
    if problem:
        raise InputError(f"{original_path}, {translation_path}: {problem}")
    original = load_document(original_path, original_lang)
    translation = load_document(translation_path, translation_lang)
    folder = ensure_dir(Path(out_dir) / pair_id)
    embedder = embedder or Embedder()
    seconds = {"load": time.perf_counter() - clock}
    embedding_before, clock = embedder.seconds, time.perf_counter()
    alignment = align_documents(original, translation, embedder)
    seconds["align"] = time.perf_counter() - clock
    embedding_aligned, clock = embedder.seconds, time.perf_counter()
    detected = detect(alignment, embedder)
    threshold = report_threshold()
    findings = [f for f in detected if f.confidence >= threshold]
    low_findings = [f for f in detected if f.confidence < threshold]
    seconds["detect"] = time.perf_counter() - clock - (embedder.seconds - embedding_aligned)
    seconds["align"] -= embedding_aligned - embedding_before
    seconds["embed"] = embedder.seconds - embedding_before
    clock = time.perf_counter()
    result = PairResult(pair_id, original, translation, alignment, findings, low_findings, seconds=seconds)
    # reports quote the files (short vowels included); ids are numbered over every finding, as detect does
    shown = alignment_in_file(alignment)
    in_file = findings_in_file(detected, original, translation)
    result.files.append(write_csv(segment_rows(shown.original) + segment_rows(shown.translation), SEGMENT_COLUMNS,
                                  folder / files.SEGMENTS))
    result.files.append(write_csv(alignment_rows(shown), ALIGNMENT_COLUMNS, folder / files.ALIGNMENT))
    result.files.append(write_csv(finding_rows([f for f in in_file if f.confidence >= threshold]), FINDING_COLUMNS,
                                  folder / files.FINDINGS))
    result.files.append(write_csv(finding_rows([f for f in in_file if f.confidence < threshold]), FINDING_COLUMNS,
                                  folder / files.FINDINGS_LOW))
    result.files.append(write_csv(summary_rows(findings), SUMMARY_COLUMNS, folder / files.SUMMARY))
    result.files.append(write_signature(folder / files.SIGNATURE, [original, translation]))  # last: marks complete
    seconds["write"] = time.perf_counter() - clock
    return result


def screen_summary(result: PairResult) -> str:
    """A one-screen text summary of a pair's findings."""
    findings = result.findings
    lines = [f"{result.pair_id}: {len(result.original.sentences)} {result.original.lang} sentences "
             f"({len(result.original.clauses)} clauses), {len(result.translation.sentences)} "
             f"{result.translation.lang} sentences, {len(result.alignment.links) if result.alignment else 0} links, "
             f"{len(findings)} findings"]
    counts = Counter((f.type, f.severity) for f in findings)
    for t in TYPES:
        parts = [f"{counts[(t, s)]} {s}" for s in SEVERITIES if counts[(t, s)]]
        if parts:
            lines.append(f"  {t:<16} " + ", ".join(parts))
    for f in [f for f in findings if f.severity == Severity.HIGH][:8]:
        quote = (f.original.text or f.translation.text).replace("\n", " ")
        lines.append(f"  ! {f.type}/{f.subtype}: {quote[:60]}{'…' if len(quote) > 60 else ''}")
    if result.low_findings:
        lines.append(f"  ({len(result.low_findings)} more under confidence {report_threshold():.2f} in "
                     f"{files.FINDINGS_LOW})")
    return "\n".join(lines)
