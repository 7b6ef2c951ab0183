"""Read a reports folder (what ``aligner corpus`` wrote) into what the review page shows.

Only the pair folders' CSVs are read: the texts are rebuilt from the segments file (each
segment at its offsets), so the server never opens a file outside the reports folder and finding
offsets stay valid. A pair is reloaded when its CSVs change (the aligner was re-run). Each
side's language comes from the segments' ``lang`` column and its writing direction from the
language profile. Reports written before the sides were renamed (``ar_*``/``en_*`` columns) are
read under today's names. ``findings_low.csv`` (findings under the report's confidence threshold)
is read when the folder has one; older folders have none. The reviewer's link edits are applied
to the aligner's sentence-level links (``links.py``) and the page's rows built from those
(``rows.py``).
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from aligner.errors import InputError
from aligner.lang import profile
from aligner.report import files
from aligner.report.columns import ORIGINAL, TRANSLATION, side_columns
from aligner.report.writer import csv_header, is_legacy, read_csv
from aligner.review.links import Link, Sentences, apply_edits, base_links
from aligner.review.rows import Layout, Origin, Row, build_layout

__all__ = ["Origin", "PairReport", "ReportLibrary", "Side", "reviewer_finding_row"]


@dataclass(frozen=True)
class Side:
    """One side of a pair: its text, language, language name and writing direction."""

    text: str
    lang: str
    name: str
    direction: str  # "rtl" or "ltr"


class PairReport:
    """One pair as the review page shows it: its sides, findings, reviewed links and rows."""

    def __init__(self, pair_id: str, original: Side, translation: Side, findings: list[dict[str, Any]],
                 links: list[Link], link_orphans: list[dict[str, Any]], files_: _PairFiles):
        self.pair_id, self.original, self.translation = pair_id, original, translation
        self.findings = findings  # the report's, then the low-confidence ones, then reviewer-added ones
        self.links = links  # sentence-level links, the reviewer's link edits applied
        self.link_orphans = link_orphans  # link edits naming sentences whose text is gone
        self.stamp = files_.stamp
        self.sentences = files_.sentences
        self._files = files_
        self._index = {f["finding_id"]: f for f in findings}
        self.drawn: dict[str, Any] = {}  # parts of pages drawn from this pair alone (kept with it)

    def finding(self, finding_id: str) -> dict[str, Any] | None:
        return self._index.get(finding_id)

    def side(self, name: str) -> Side | None:
        """The side called ``name`` ('original' or 'translation'), None for anything else."""
        return {ORIGINAL: self.original, TRANSLATION: self.translation}.get(name)

    @cached_property
    def layout(self) -> Layout:
        texts = {ORIGINAL: self.original.text, TRANSLATION: self.translation.text}
        return build_layout(self.links, self.findings, self.sentences, texts, self._files.alignment)

    @property
    def rows(self) -> list[Row]:
        return self.layout.rows

    @cached_property
    def low_count(self) -> int:
        return sum(1 for f in self.findings if f.get("low"))

    @cached_property
    def rule_counts(self) -> list[tuple[str, int]]:
        """Each rule and rule family (``family:*``) with how many findings it made, by name."""
        counts: Counter[str] = Counter()
        for f in self.findings:
            rule = f.get("rule", "")
            counts[rule] += 1
            if ":" in rule:
                counts[rule.split(":", 1)[0] + ":*"] += 1
        return sorted(counts.items())

    @cached_property
    def subtype_counts(self) -> list[tuple[str, int]]:
        """Each type/subtype with how many findings have it."""
        return sorted(Counter(f"{f['type']}/{f.get('subtype', '')}" for f in self.findings).items())


def document_runs(segments: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    """The segment rows of each document, in the order written (original first, then translation).

    A new document starts where the document or language changes, or where a segment id seen
    in the current document comes again (two files of the same name and language)."""
    runs: list[list[dict[str, str]]] = []
    key, ids = None, set()
    for row in segments:
        row_key = (row.get("document"), row.get("lang"))
        if row_key != key or row.get("segment_id") in ids:
            runs.append([])
            key, ids = row_key, set()
        runs[-1].append(row)
        ids.add(row.get("segment_id"))
    return runs


def rebuild_text(segments: list[dict[str, str]]) -> str:
    """The document text with every sentence at its offsets; gaps become spaces or line breaks."""
    rows = sorted((r for r in segments if r["level"] == "sentence"), key=lambda r: int(r["start"]))
    chars: list[str] = []
    paragraph = None
    for r in rows:
        start = int(r["start"])
        gap = start - len(chars)
        if gap > 0:
            chars.extend(["\n" if paragraph is not None and r["paragraph"] != paragraph else " "] * gap)
        chars[start:start + len(r["text"])] = list(r["text"])
        paragraph = r["paragraph"]
    return "".join(chars)


def make_side(segments: list[dict[str, str]]) -> Side:
    """A side from its segment rows: the text, and the language's name and direction."""
    lang = segments[0].get("lang", "") if segments else ""
    try:
        lang_profile = profile(lang)
        name, direction = lang_profile.name, lang_profile.direction
    except InputError:  # a language this version has no profile for: shown left to right
        name, direction = lang or "unknown", "ltr"
    return Side(rebuild_text(segments), lang, name, direction)


@dataclass(frozen=True)
class _PairFiles:
    """What a pair folder's CSVs hold, parsed once per version of the files."""

    original: Side
    translation: Side
    alignment: list[dict[str, str]]
    findings: list[dict[str, Any]]  # findings.csv
    low_findings: list[dict[str, Any]]  # findings_low.csv (none in reports made before it existed)
    sentences: Sentences
    links: list[Link]  # the aligner's sentence-level links
    stamp: tuple[int, ...]


def _read_pair(folder: Path) -> _PairFiles:
    stamp = pair_stamp(folder)
    # Reports written before the sides were renamed were not escaped either: their findings and
    # alignment have old column names, and their segments are read as written.
    legacy = any(is_legacy(csv_header(folder / name)) for name in (files.ALIGNMENT, files.FINDINGS))
    runs = document_runs(read_csv(folder / files.SEGMENTS, escaped=not legacy))
    if not runs:
        raise InputError(f"{folder / files.SEGMENTS}: no segments in this report")
    findings = [{**f, "origin": Origin.TOOL, "source_file": files.FINDINGS, "low": False}
                for f in read_csv(folder / files.FINDINGS)]
    low_path = folder / files.FINDINGS_LOW
    low = [{**f, "origin": Origin.TOOL, "source_file": files.FINDINGS_LOW, "low": True}
           for f in (read_csv(low_path) if low_path.is_file() else [])]
    known = {f["finding_id"] for f in findings}
    low = [f for f in low if f["finding_id"] not in known]
    original_rows, translation_rows = runs[0], runs[1] if len(runs) > 1 else []
    sentences = Sentences(original_rows, translation_rows)
    alignment = read_csv(folder / files.ALIGNMENT)
    return _PairFiles(make_side(original_rows), make_side(translation_rows), alignment, findings, low, sentences,
                      base_links(alignment, sentences), stamp)


def reviewer_finding_row(r: dict[str, Any]) -> dict[str, Any]:
    """A reviewer-added finding in the shape of a findings.csv row."""
    side = r["side"]
    values = {f"{side}_start": r["start"], f"{side}_end": r["end"], f"{side}_text": r["text"]}
    return {"finding_id": r["finding_id"], "type": r["type"], "subtype": "reviewer", "severity": r["severity"],
            "confidence": "", **{c: values.get(c, "") for c in side_columns(ORIGINAL) + side_columns(TRANSLATION)},
            "evidence": r["comment"], "rule": f"reviewer:{r['reviewer']}", "link_id": "", "origin": Origin.REVIEWER}


def pair_stamp(folder: Path) -> tuple[int, ...]:
    """When the pair's files last changed (findings_low.csv counts as -1 while there is none)."""
    try:
        stamp = tuple((folder / name).stat().st_mtime_ns for name in files.REVIEWED_PAIR_FILES)
    except OSError as exc:
        raise InputError(f"{folder}: pair report incomplete ({exc.strerror})") from None
    try:
        return stamp + ((folder / files.FINDINGS_LOW).stat().st_mtime_ns,)
    except OSError:
        return stamp + (-1,)


def pair_folders(reports: Path) -> dict[str, Path]:
    """Every subfolder of the reports folder holding a complete pair report, by pair id."""
    if not reports.is_dir():
        raise InputError(f"{reports}: no such reports folder (run `make align` first)")
    return {p.name: p for p in sorted(reports.iterdir())
            if p.is_dir() and all((p / name).is_file() for name in files.REVIEWED_PAIR_FILES)}


class ReportLibrary:
    """The pairs of a reports folder, re-read when the aligner rewrites them."""

    def __init__(self, reports: str | Path):
        self.reports = Path(reports)
        self._lock = threading.Lock()
        self._cache: dict[str, _PairFiles] = {}
        self._pairs: dict[str, tuple[tuple, PairReport]] = {}
        if not self.pair_ids():
            raise InputError(f"{self.reports}: no pair reports in this folder (run `make align` first)")

    def pair_ids(self) -> list[str]:
        return list(pair_folders(self.reports))

    def _files(self, pair_id: str) -> _PairFiles | None:
        folder = pair_folders(self.reports).get(pair_id)
        if folder is None:
            return None
        with self._lock:
            cached = self._cache.get(pair_id)
            if cached is None or cached.stamp != pair_stamp(folder):
                cached = self._cache[pair_id] = _read_pair(folder)
            return cached

    def tool_findings(self, pair_id: str) -> list[dict[str, Any]]:
        """The findings of findings.csv (what the progress counts)."""
        files_ = self._files(pair_id)
        return files_.findings if files_ else []

    def low_findings(self, pair_id: str) -> list[dict[str, Any]]:
        """The findings of findings_low.csv (under the report's confidence threshold)."""
        files_ = self._files(pair_id)
        return files_.low_findings if files_ else []

    def sides(self, pair_id: str) -> tuple[Side, Side] | None:
        """The pair's original and translation sides (text, language, direction); None if unknown."""
        files_ = self._files(pair_id)
        return (files_.original, files_.translation) if files_ else None

    def get(self, pair_id: str, reviewer_findings: list[dict[str, Any]] = (),
            link_edits: list[dict[str, Any]] = ()) -> PairReport | None:
        """The pair with its findings (reviewer-added ones included) and its links (the reviewer's link
        edits applied); None if unknown. Kept while neither the files nor the review changed."""
        pair = self._files(pair_id)
        if pair is None:
            return None
        key = (pair.stamp, tuple(r["finding_id"] for r in reviewer_findings),
               tuple(e["edit_id"] for e in link_edits))
        with self._lock:
            cached = self._pairs.get(pair_id)
            if cached is not None and cached[0] == key:
                return cached[1]
        findings = pair.findings + pair.low_findings + [reviewer_finding_row(r) for r in reviewer_findings]
        links, orphans = apply_edits(pair.links, list(link_edits), pair.sentences)
        report = PairReport(pair_id, pair.original, pair.translation, findings, links, orphans, pair)
        with self._lock:
            self._pairs[pair_id] = (key, report)
        return report
