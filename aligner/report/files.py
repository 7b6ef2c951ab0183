"""The names of every file the aligner writes: per pair, per corpus, per batch and per review.

Code elsewhere imports these names; no other module spells a report file name.
"""

from __future__ import annotations

# One folder per pair (``OUT/<pair_id>/``).
SEGMENTS = "segments.csv"
ALIGNMENT = "alignment.csv"
FINDINGS = "findings.csv"
FINDINGS_LOW = "findings_low.csv"  # findings under the report threshold (calibrated confidence), same columns
SUMMARY = "summary.csv"
SIGNATURE = "report-signature.json"  # written last: its presence means the pair's reports are complete

# What the review app reads from a pair folder (the texts are rebuilt from the segments).
REVIEWED_PAIR_FILES = (SEGMENTS, ALIGNMENT, FINDINGS)

# Over a corpus (``OUT/``).
ENTITIES = "entities.csv"
ENTITY_FLAGS = "entity_flags.csv"

# Over a batch (``OUT/``).
PAIRING = "pairing.csv"
BATCH_RESULTS = "batch_results.csv"
BATCH_ERRORS = "batch_errors.csv"
CORPUS_FINDINGS = "corpus_findings.csv"
COUNTS_BY_OUTLET = "counts_by_outlet.csv"
COUNTS_BY_TYPE = "counts_by_type.csv"

# Downloads of the review app.
REVIEW_EXPORT = "review.csv"
REVIEW_EXPORT_XLSX = "review.xlsx"
REVIEW_LOG = "review-log.csv"


def pair_review_export(pair_id: str) -> str:
    """The review export of one pair."""
    return f"{pair_id}-review.csv"


def pair_review_report(pair_id: str) -> str:
    """The self-contained HTML review report of one pair."""
    return f"{pair_id}-review.html"


def pair_review_xlsx(pair_id: str) -> str:
    """The review export of one pair as a spreadsheet."""
    return f"{pair_id}-review.xlsx"


def pair_alignment_tmx(pair_id: str) -> str:
    """The reviewed alignment of one pair as a TMX 1.4 translation memory."""
    return f"{pair_id}-alignment.tmx"


def pair_alignment_xliff(pair_id: str) -> str:
    """The reviewed alignment of one pair as an XLIFF 2.0 file."""
    return f"{pair_id}-alignment.xlf"
