"""Run the whole chain on one original/translation pair and write its reports."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.align.document import Alignment, align_documents
from aligner.align.scoring import default_weights
from aligner.datatypes import Document
from aligner.divergence.detect import detect
from aligner.divergence.findings import FINDING_COLUMNS, SEVERITIES, TYPES, Finding
from aligner.document import load_document
from aligner.embed import MODEL_NAME, Embedder
from aligner.errors import InputError
from aligner.file_offsets import alignment_in_file, findings_in_file
from aligner.lang import same_language_problem
from aligner.report import SEGMENT_COLUMNS, ensure_dir, segment_rows, write_csv, write_signature

ALIGNMENT_COLUMNS = ["link_id", "sentence_link", "link_type", "sentence_link_type", "ar_sentence_ids",
                     "ar_clause_ids", "ar_start", "ar_end", "ar_text", "en_sentence_ids", "en_start", "en_end",
                     "en_text", "confidence", "cosine", "margin", "numbers_shared", "names_shared",
                     "length_deviation", "note"]
SUMMARY_COLUMNS = ["type", "severity", "count"]


@dataclass
class PairResult:
    """What one pair produced: documents, alignment, findings and the report files written."""

    pair_id: str
    original: Document
    translation: Document
    alignment: Alignment | None = None
    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # load, embed, align, detect, write


def alignment_rows(alignment: Alignment) -> list[dict[str, Any]]:
    """One row per clause-level link, with its sentence-level group."""
    groups = alignment.sentence_links()
    rows = []
    for link in alignment.links:
        src_s, tgt_s = groups[link.sentence_link]
        text_ar, text_en = alignment.original.text, alignment.translation.text
        ar_start = link.src[0].start if link.src else ""
        ar_end = link.src[-1].end if link.src else ""
        en_start = link.tgt[0].start if link.tgt else ""
        en_end = link.tgt[-1].end if link.tgt else ""
        f = link.features
        rows.append({
            "link_id": link.id, "sentence_link": link.sentence_link, "link_type": link.type,
            "sentence_link_type": f"{len(src_s)}-{len(tgt_s)}",
            "ar_sentence_ids": " ".join(link.src_sentences), "ar_clause_ids": " ".join(s.id for s in link.src),
            "ar_start": ar_start, "ar_end": ar_end,
            "ar_text": text_ar[ar_start:ar_end] if link.src else "",
            "en_sentence_ids": " ".join(t.id for t in link.tgt), "en_start": en_start, "en_end": en_end,
            "en_text": text_en[en_start:en_end] if link.tgt else "",
            "confidence": link.confidence,
            **{k: (round(f[k], 4) if k in f else "") for k in ("cosine", "margin", "numbers_shared", "names_shared",
                                                                "length_deviation")},
            "note": link.note,
        })
    return rows


def summary_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    counts = Counter((f.type, f.severity) for f in findings)
    return [{"type": t, "severity": s, "count": counts[(t, s)]} for t in TYPES for s in SEVERITIES
            if counts[(t, s)]]


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
    findings = detect(alignment, embedder)
    seconds["detect"] = time.perf_counter() - clock - (embedder.seconds - embedding_aligned)
    seconds["align"] -= embedding_aligned - embedding_before
    seconds["embed"] = embedder.seconds - embedding_before
    clock = time.perf_counter()
    result = PairResult(pair_id, original, translation, alignment, findings, seconds=seconds)
    shown = alignment_in_file(alignment)  # reports quote the files (short vowels included)
    result.files.append(write_csv(segment_rows(shown.original) + segment_rows(shown.translation), SEGMENT_COLUMNS,
                                  folder / "segments.csv"))
    result.files.append(write_csv(alignment_rows(shown), ALIGNMENT_COLUMNS, folder / "alignment.csv"))
    result.files.append(write_csv([f.row() for f in findings_in_file(findings, original, translation)],
                                  FINDING_COLUMNS, folder / "findings.csv"))
    result.files.append(write_csv(summary_rows(findings), SUMMARY_COLUMNS, folder / "summary.csv"))
    weights = default_weights()
    result.files.append(write_signature(folder / "report-signature.json", [original, translation], {
        "segmenters": {"ar": "rules + clause joints (data/clause_joints_ar.tsv)", "en": "nltk Punkt + data/abbreviations.tsv"},
        "normalization": {"ar": "camel-tools unicode, dediac, alef, alef maksura, teh marbuta; digits, punctuation, quotes",
                          "en": "sacremoses MosesPunctNormalizer"},
        "embeddings": MODEL_NAME,
        "aligner": {"skip_cost_offset": weights.skip_cost, "max_source": weights.max_source,
                    "max_target": weights.max_target, "weights": "data/aligner_weights.json"},
        "lexicons": ["data/loaded_terms.tsv", "data/divergence_cues.tsv", "data/gazetteer.csv"],
    }))
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
    for f in [f for f in findings if f.severity == "high"][:8]:
        quote = (f.original.text or f.translation.text).replace("\n", " ")
        lines.append(f"  ! {f.type}/{f.subtype}: {quote[:60]}{'…' if len(quote) > 60 else ''}")
    return "\n".join(lines)
