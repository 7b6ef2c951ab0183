"""Read a reports folder (what ``aligner corpus`` wrote) into what the review page shows.

Only the pair folders' CSVs are read: the texts are rebuilt from the segments file (each
segment at its offsets), so the server never opens a file outside the reports folder and finding
offsets stay valid. A pair is reloaded when its CSVs change (the aligner was re-run). Each
side's language comes from the segments' ``lang`` column and its writing direction from the
language profile. Reports written before the sides were renamed (``ar_*``/``en_*`` columns) are
read under today's names.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.errors import InputError
from aligner.lang import profile
from aligner.report import files
from aligner.report.columns import ORIGINAL, SIDES, TRANSLATION, side_columns
from aligner.report.writer import csv_header, is_legacy, read_csv

Span = tuple[int, int]


class Origin:
    """Where a finding on the review page comes from."""

    TOOL = "tool"  # the aligner's findings.csv
    REVIEWER = "reviewer"  # added by a reviewer on the page
    ORPHAN = "orphan"  # decided, but a re-run of the aligner no longer reports it


@dataclass(frozen=True)
class Piece:
    """A stretch of one side's text, with the findings highlighted over it."""

    text: str
    start: int
    finding_ids: tuple[str, ...] = ()
    kind: str = ""


@dataclass
class Row:
    """One sentence-level link: the original and translated text it joins, cut into pieces."""

    id: str
    link_type: str
    note: str
    confidence: float | str  # the weakest link's confidence ("" if none)
    original: list[Piece] = field(default_factory=list)
    translation: list[Piece] = field(default_factory=list)
    context_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Side:
    """One side of a pair: its text, language, language name and writing direction."""

    text: str
    lang: str
    name: str
    direction: str  # "rtl" or "ltr"


@dataclass
class PairReport:
    """One pair as the review page shows it."""

    pair_id: str
    original: Side
    translation: Side
    findings: list[dict[str, Any]]
    rows: list[Row]
    stamp: tuple[int, ...]

    def finding(self, finding_id: str) -> dict[str, Any] | None:
        return next((f for f in self.findings if f["finding_id"] == finding_id), None)

    def side(self, name: str) -> Side | None:
        """The side called ``name`` ('original' or 'translation'), None for anything else."""
        return {ORIGINAL: self.original, TRANSLATION: self.translation}.get(name)


def _int(value: str | None) -> int | None:
    return int(float(value)) if value not in (None, "") else None


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


def _spans(finding: dict[str, Any], side: str) -> Span | None:
    start, end = _int(finding.get(f"{side}_start")), _int(finding.get(f"{side}_end"))
    return (start, end) if start is not None and end is not None and end > start else None


def _pieces(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> list[Piece]:
    """Cut text[start:end] where highlighted spans begin or end."""
    cuts = {start, end}
    for s, e, _, _ in marks:
        if e > start and s < end:
            cuts.update((max(s, start), min(e, end)))
    bounds = sorted(cuts)
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        covering = [(fid, kind) for s, e, fid, kind in marks if s <= a and b <= e]
        pieces.append(Piece(text[a:b], a, tuple(fid for fid, _ in covering), covering[0][1] if covering else ""))
    return pieces


def _link_spans(alignment: list[dict[str, str]]) -> dict[str, dict[str, Span]]:
    spans: dict[str, dict[str, Span]] = {}
    for link in alignment:
        for side in SIDES:
            s, e = _int(link[f"{side}_start"]), _int(link[f"{side}_end"])
            if s is not None and e is not None:
                spans.setdefault(link["link_id"], {})[side] = (s, e)
    return spans


def _union(spans: list[Span]) -> Span | None:
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def _is_context(finding: dict[str, Any], side: str, links: dict[str, dict[str, Span]]) -> bool:
    """True when the finding's span on this side is just its whole link (where, not what)."""
    span = _spans(finding, side)
    whole = _union([links[l][side] for l in finding.get("link_id", "").split() if side in links.get(l, {})])
    return span is not None and whole is not None and span == whole and finding.get("origin") == Origin.TOOL


def build_rows(alignment: list[dict[str, str]], findings: list[dict[str, Any]], original_text: str,
               translation_text: str) -> list[Row]:
    """Group clause links into sentence-level rows in reading order, with highlight pieces."""
    links = _link_spans(alignment)
    texts = {ORIGINAL: original_text, TRANSLATION: translation_text}
    groups: dict[str, list[dict[str, str]]] = {}
    for link in alignment:
        groups.setdefault(link["sentence_link"], []).append(link)
    marks: dict[str, list[tuple[int, int, str, str]]] = {side: [] for side in SIDES}
    for f in findings:
        for side in SIDES:
            span = _spans(f, side)
            if span and not _is_context(f, side, links):
                marks[side].append((*span, f["finding_id"], f["type"]))
    rows, keys = [], []
    for group_id, members in groups.items():
        bounds = {side: _union([links[m["link_id"]][side] for m in members if side in links.get(m["link_id"], {})])
                  for side in SIDES}
        shape = f"{len({m['original_sentence_ids'] for m in members if m['original_sentence_ids']})}-" \
                f"{len({t for m in members for t in m['translation_sentence_ids'].split()})}"
        row = Row(group_id, shape, next((m["note"] for m in members if m["note"]), ""),
                  min((float(m["confidence"]) for m in members if m["confidence"]), default=""))
        for side in SIDES:
            if bounds[side]:
                setattr(row, side, _pieces(texts[side], *bounds[side], marks[side]))
        member_ids = {m["link_id"] for m in members}
        row.context_ids = [f["finding_id"] for f in findings if member_ids & set(f.get("link_id", "").split())]
        rows.append(row)
        keys.append((bounds[ORIGINAL], bounds[TRANSLATION]))
    return [rows[i] for i in _reading_order(keys)]


def _reading_order(keys: list[tuple[Span | None, Span | None]]) -> list[int]:
    """Rows by position in the original; a row with a translation only goes after the last row
    whose translation precedes it."""
    def key(i: int) -> tuple[float, int]:
        original, translation = keys[i]
        if original:
            return (original[0], translation[0] if translation else -1)
        before = [k[0][0] for k in keys if k[0] and k[1] and k[1][1] <= translation[0]]
        return ((max(before) + 0.5) if before else -1.0, translation[0])
    return sorted(range(len(keys)), key=key)


@dataclass(frozen=True)
class _PairFiles:
    """What a pair folder's CSVs hold, parsed once per version of the files."""

    original: Side
    translation: Side
    alignment: list[dict[str, str]]
    findings: list[dict[str, Any]]
    stamp: tuple[int, ...]


def _read_pair(folder: Path) -> _PairFiles:
    stamp = pair_stamp(folder)
    # Reports written before the sides were renamed were not escaped either: their findings and
    # alignment have old column names, and their segments are read as written.
    legacy = any(is_legacy(csv_header(folder / name)) for name in (files.ALIGNMENT, files.FINDINGS))
    runs = document_runs(read_csv(folder / files.SEGMENTS, escaped=not legacy))
    if not runs:
        raise InputError(f"{folder / files.SEGMENTS}: no segments in this report")
    findings: list[dict[str, Any]] = [{**f, "origin": Origin.TOOL} for f in read_csv(folder / files.FINDINGS)]
    return _PairFiles(make_side(runs[0]), make_side(runs[1] if len(runs) > 1 else []),
                      read_csv(folder / files.ALIGNMENT), findings, stamp)


def reviewer_finding_row(r: dict[str, Any]) -> dict[str, Any]:
    """A reviewer-added finding in the shape of a findings.csv row."""
    side = r["side"]
    values = {f"{side}_start": r["start"], f"{side}_end": r["end"], f"{side}_text": r["text"]}
    return {"finding_id": r["finding_id"], "type": r["type"], "subtype": "reviewer", "severity": r["severity"],
            "confidence": "", **{c: values.get(c, "") for c in side_columns(ORIGINAL) + side_columns(TRANSLATION)},
            "evidence": r["comment"], "rule": f"reviewer:{r['reviewer']}", "link_id": "", "origin": Origin.REVIEWER}


def pair_stamp(folder: Path) -> tuple[int, ...]:
    try:
        return tuple((folder / name).stat().st_mtime_ns for name in files.REVIEWED_PAIR_FILES)
    except OSError as exc:
        raise InputError(f"{folder}: pair report incomplete ({exc.strerror})") from None


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
        files_ = self._files(pair_id)
        return files_.findings if files_ else []

    def get(self, pair_id: str, reviewer_findings: list[dict[str, Any]] = ()) -> PairReport | None:
        """The pair with its rows and highlights, reviewer-added findings included; None if unknown."""
        pair = self._files(pair_id)
        if pair is None:
            return None
        findings = pair.findings + [reviewer_finding_row(r) for r in reviewer_findings]
        rows = build_rows(pair.alignment, findings, pair.original.text, pair.translation.text)
        return PairReport(pair_id, pair.original, pair.translation, findings, rows, pair.stamp)
