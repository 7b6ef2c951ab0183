"""Run the whole chain on one original/translation pair and write its reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aligner.datatypes import Document
from aligner.document import load_document
from aligner.report import SEGMENT_COLUMNS, ensure_dir, segment_rows, write_csv, write_signature


@dataclass
class PairResult:
    """What one pair produced: its documents and the report files written."""

    pair_id: str
    original: Document
    translation: Document
    files: list[Path] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=dict)


def run_pair(pair_id: str, original_path: Path, original_lang: str, translation_path: Path,
             translation_lang: str, out_dir: Path) -> PairResult:
    """Load both documents and write the pair's reports under ``out_dir/pair_id``."""
    original = load_document(original_path, original_lang)
    translation = load_document(translation_path, translation_lang)
    folder = ensure_dir(Path(out_dir) / pair_id)
    result = PairResult(pair_id, original, translation)
    rows = segment_rows(original) + segment_rows(translation)
    result.files.append(write_csv(rows, SEGMENT_COLUMNS, folder / "segments.csv"))
    result.files.append(write_signature(folder / "report-signature.json", [original, translation],
                                        {"segmenters": {"ar": "rules+clause joints", "en": "nltk Punkt"}}))
    return result
