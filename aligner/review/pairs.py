"""Read a reports folder (what ``aligner corpus`` wrote) into what the review page shows.

Only the pair folders' CSVs are read: the texts are rebuilt from ``segments.csv`` (each segment
at its offsets), so the server never opens a file outside the reports folder and finding offsets
stay valid. A pair is reloaded when its CSVs change (the aligner was re-run).
"""

from __future__ import annotations

import csv
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.errors import InputError

PAIR_FILES = ("segments.csv", "alignment.csv", "findings.csv")


@dataclass(frozen=True)
class Piece:
    """A stretch of one side's text, with the findings highlighted over it."""

    text: str
    start: int
    finding_ids: tuple[str, ...] = ()
    kind: str = ""


@dataclass
class Row:
    """One sentence-level link: the Arabic and English text it joins, cut into pieces."""

    id: str
    link_type: str
    note: str
    confidence: float | str  # the weakest link's confidence ("" if none)
    ar: list[Piece] = field(default_factory=list)
    en: list[Piece] = field(default_factory=list)
    context_ids: list[str] = field(default_factory=list)


@dataclass
class PairReport:
    """One pair as the review page shows it."""

    pair_id: str
    ar_text: str
    en_text: str
    findings: list[dict[str, Any]]
    rows: list[Row]
    stamp: tuple[int, ...]

    def finding(self, finding_id: str) -> dict[str, Any] | None:
        return next((f for f in self.findings if f["finding_id"] == finding_id), None)


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read report ({exc})") from None


def _int(value: str | None) -> int | None:
    return int(float(value)) if value not in (None, "") else None


def rebuild_text(segments: list[dict[str, str]], lang: str) -> str:
    """The document text with every sentence at its offsets; gaps become spaces or line breaks."""
    rows = sorted((r for r in segments if r["lang"] == lang and r["level"] == "sentence"),
                  key=lambda r: int(r["start"]))
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


def _spans(finding: dict[str, Any], side: str) -> tuple[int, int] | None:
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


def _link_spans(alignment: list[dict[str, str]]) -> dict[str, dict[str, tuple[int, int]]]:
    spans: dict[str, dict[str, tuple[int, int]]] = {}
    for link in alignment:
        for side in ("ar", "en"):
            s, e = _int(link[f"{side}_start"]), _int(link[f"{side}_end"])
            if s is not None and e is not None:
                spans.setdefault(link["link_id"], {})[side] = (s, e)
    return spans


def _union(spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def _is_context(finding: dict[str, Any], side: str, links: dict[str, dict[str, tuple[int, int]]]) -> bool:
    """True when the finding's span on this side is just its whole link (where, not what)."""
    span = _spans(finding, side)
    whole = _union([links[l][side] for l in finding.get("link_id", "").split() if side in links.get(l, {})])
    return span is not None and whole is not None and span == whole and finding.get("origin") == "tool"


def build_rows(alignment: list[dict[str, str]], findings: list[dict[str, Any]], ar_text: str,
               en_text: str) -> list[Row]:
    """Group clause links into sentence-level rows in reading order, with highlight pieces."""
    links = _link_spans(alignment)
    groups: dict[str, list[dict[str, str]]] = {}
    for link in alignment:
        groups.setdefault(link["sentence_link"], []).append(link)
    marks = {"ar": [], "en": []}
    for f in findings:
        for side in ("ar", "en"):
            span = _spans(f, side)
            if span and not _is_context(f, side, links):
                marks[side].append((*span, f["finding_id"], f["type"]))
    rows, keys = [], []
    for group_id, members in groups.items():
        ar = _union([links[m["link_id"]]["ar"] for m in members if "ar" in links.get(m["link_id"], {})])
        en = _union([links[m["link_id"]]["en"] for m in members if "en" in links.get(m["link_id"], {})])
        shape = f"{len({m['ar_sentence_ids'] for m in members if m['ar_sentence_ids']})}-" \
                f"{len({t for m in members for t in m['en_sentence_ids'].split()})}"
        row = Row(group_id, shape, next((m["note"] for m in members if m["note"]), ""),
                  min((float(m["confidence"]) for m in members if m["confidence"]), default=""))
        if ar:
            row.ar = _pieces(ar_text, *ar, marks["ar"])
        if en:
            row.en = _pieces(en_text, *en, marks["en"])
        member_ids = {m["link_id"] for m in members}
        row.context_ids = [f["finding_id"] for f in findings if member_ids & set(f.get("link_id", "").split())]
        rows.append(row)
        keys.append((ar, en))
    return [rows[i] for i in _reading_order(keys)]


def _reading_order(keys: list[tuple[tuple[int, int] | None, tuple[int, int] | None]]) -> list[int]:
    """Rows by Arabic position; a row with English only goes after the last row whose English precedes it."""
    def key(i: int) -> tuple[float, int]:
        ar, en = keys[i]
        if ar:
            return (ar[0], en[0] if en else -1)
        before = [k[0][0] for k in keys if k[0] and k[1] and k[1][1] <= en[0]]
        return ((max(before) + 0.5) if before else -1.0, en[0])
    return sorted(range(len(keys)), key=key)


@dataclass(frozen=True)
class _PairFiles:
    """What a pair folder's CSVs hold, parsed once per version of the files."""

    ar_text: str
    en_text: str
    alignment: list[dict[str, str]]
    findings: list[dict[str, Any]]
    stamp: tuple[int, ...]


def _read_pair(folder: Path) -> _PairFiles:
    stamp = pair_stamp(folder)
    segments = _read_csv(folder / "segments.csv")
    findings: list[dict[str, Any]] = [{**f, "origin": "tool"} for f in _read_csv(folder / "findings.csv")]
    return _PairFiles(rebuild_text(segments, "ar"), rebuild_text(segments, "en"),
                      _read_csv(folder / "alignment.csv"), findings, stamp)


def reviewer_finding_row(r: dict[str, Any]) -> dict[str, Any]:
    """A reviewer-added finding in the shape of a findings.csv row."""
    side = r["side"]
    other = "en" if side == "ar" else "ar"
    return {"finding_id": r["finding_id"], "type": r["type"], "subtype": "reviewer", "severity": r["severity"],
            "confidence": "", f"{side}_start": r["start"], f"{side}_end": r["end"], f"{side}_text": r["text"],
            f"{other}_start": "", f"{other}_end": "", f"{other}_text": "", "evidence": r["comment"],
            "rule": f"reviewer:{r['reviewer']}", "link_id": "", "origin": "reviewer",
            f"{side}_segment_ids": "", f"{other}_segment_ids": ""}


def pair_stamp(folder: Path) -> tuple[int, ...]:
    try:
        return tuple((folder / name).stat().st_mtime_ns for name in PAIR_FILES)
    except OSError as exc:
        raise InputError(f"{folder}: pair report incomplete ({exc.strerror})") from None


def pair_folders(reports: Path) -> dict[str, Path]:
    """Every subfolder of the reports folder holding a complete pair report, by pair id."""
    if not reports.is_dir():
        raise InputError(f"{reports}: no such reports folder (run `make align` first)")
    return {p.name: p for p in sorted(reports.iterdir())
            if p.is_dir() and all((p / name).is_file() for name in PAIR_FILES)}


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
        files = self._files(pair_id)
        return files.findings if files else []

    def get(self, pair_id: str, reviewer_findings: list[dict[str, Any]] = ()) -> PairReport | None:
        """The pair with its rows and highlights, reviewer-added findings included; None if unknown."""
        files = self._files(pair_id)
        if files is None:
            return None
        findings = files.findings + [reviewer_finding_row(r) for r in reviewer_findings]
        rows = build_rows(files.alignment, findings, files.ar_text, files.en_text)
        return PairReport(pair_id, files.ar_text, files.en_text, findings, rows, files.stamp)
