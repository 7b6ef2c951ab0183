"""The columns of every CSV the aligner writes, in order: the report contract.

The two sides of a pair are ``original_*`` and ``translation_*`` whatever their languages
(``segments.csv`` says each segment's language in ``lang``). Reports written before that
rename used ``ar_*`` and ``en_*``; ``LEGACY_COLUMNS`` maps those names to today's, so old
report folders can still be read.
"""

from __future__ import annotations

from aligner.divergence.findings import TYPES

ORIGINAL, TRANSLATION = "original", "translation"  # the two sides, as column prefixes
SIDES = (ORIGINAL, TRANSLATION)

SEGMENT_COLUMNS = ["document", "lang", "level", "segment_id", "parent_id", "kind", "paragraph", "start", "end",
                   "text"]

ALIGNMENT_COLUMNS = ["link_id", "sentence_link", "link_type", "sentence_link_type", "original_sentence_ids",
                     "original_unit_ids", "original_start", "original_end", "original_text",
                     "translation_sentence_ids", "translation_start", "translation_end", "translation_text",
                     "confidence", "cosine", "margin", "numbers_shared", "names_shared", "length_deviation", "note"]
ALIGNMENT_SCORE_COLUMNS = ("cosine", "margin", "numbers_shared", "names_shared", "length_deviation")


def side_columns(side: str) -> list[str]:
    """A finding's columns for one side: its segments, offsets and exact text."""
    return [f"{side}_segment_ids", f"{side}_start", f"{side}_end", f"{side}_text"]


FINDING_COLUMNS = ["finding_id", "type", "subtype", "severity", "confidence", *side_columns(ORIGINAL),
                   *side_columns(TRANSLATION), "evidence", "rule", "link_id"]

SUMMARY_COLUMNS = ["type", "severity", "count"]

# The corpus entity table (rows built by aligner/entities/table.py).
ENTITY_COLUMNS = ["entity_group", "entity_id", "type", "canonical", "arabic", "variant", "script", "known_spelling",
                  "match_score", "total_count", "documents"]
FLAG_COLUMNS = ["flag", "entity_id", "canonical", "arabic", "documents", "variants", "evidence"]

# Batch files.
PAIRING_COLUMNS = ["translation", "original", "status", "score", "margin", "cosine", "numbers", "names",
                   "runner_up", "runner_up_margin", "note"]
RESULT_COLUMNS = ["pair_id", "status", "findings", "seconds_total", "seconds_load", "seconds_embed",
                  "seconds_align", "seconds_detect", "seconds_write"]
ERROR_COLUMNS = ["pair_id", "original", "translation", "error_kind", "error"]
CORPUS_FINDING_COLUMNS = ["pair_id", "original_outlet", "translation_outlet", *FINDING_COLUMNS]
OUTLET_COLUMNS = ["original_outlet", "translation_outlet", "pairs", "findings", *TYPES, "high_severity"]
TYPE_COLUMNS = ["type", "subtype", "severity", "count", "pairs"]

# Review exports: each finding with its current decision; the log of every decision. ``source_file``
# says which report file a tool finding came from (findings.csv, or findings_low.csv for those under
# the confidence threshold; empty for findings a reviewer added). The log's ``action`` says how a
# change was made: empty for one decision, ``bulk``, ``undo``, ``link_edit`` or ``link_undo``.
DECISION_COLUMNS = ["decision", "comment", "reviewer", "corrected_translation", "decided_at", "decision_version"]
EXPORT_COLUMNS = ["pair_id", "origin", "source_file", *FINDING_COLUMNS, *DECISION_COLUMNS]
LOG_COLUMNS = ["seq", "pair_id", "finding_id", "status", "comment", "reviewer", "corrected_translation", "version",
               "decided_at", "action"]

# Column names of reports (and review exports) written before the sides were renamed.
LEGACY_COLUMNS = {
    **{f"ar_{part}": f"original_{part}" for part in ("segment_ids", "start", "end", "text", "sentence_ids")},
    **{f"en_{part}": f"translation_{part}" for part in ("segment_ids", "start", "end", "text", "sentence_ids")},
    "ar_clause_ids": "original_unit_ids",
    "corrected_en": "corrected_translation",
}


def upgrade_keys(row: dict[str, object]) -> dict[str, object]:
    """A row (e.g. a finding snapshot) with old column names renamed to today's."""
    return {LEGACY_COLUMNS.get(k, k): v for k, v in row.items()}
