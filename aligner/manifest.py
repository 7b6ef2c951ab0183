"""Read a corpus manifest (CSV of original/translation pairs)."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import ManifestError
from aligner.lang import SUPPORTED, same_language_problem

# A pair id names the pair's report folder: no path separators, no leading dot.
_PAIR_ID_RE = re.compile(r"^[\w][\w.\-]{0,127}$")
REQUIRED = ("pair_id", "original", "original_lang", "translation", "translation_lang")


@dataclass(frozen=True)
class PairEntry:
    """One original/translation pair named by a manifest (paths resolved against the manifest)."""

    pair_id: str
    original: Path
    original_lang: str
    translation: Path
    translation_lang: str
    original_outlet: str = ""
    translation_outlet: str = ""
    where: str = ""  # the manifest row, for messages: "pairs.csv:3 (pair p2)"


def valid_pair_id(pair_id: str) -> bool:
    """True for ids usable as a folder name: letters, digits, '.', '-', '_'; no leading dot."""
    return bool(_PAIR_ID_RE.match(pair_id))


def default_pair_id(original: Path, translation: Path) -> str:
    """A pair id from the two file names (``a.ar.txt``, ``b.en.txt`` -> ``a.ar--b.en``)."""
    return re.sub(r"[^\w.\-]+", "_", f"{original.stem}--{translation.stem}").lstrip("._")


def read_manifest(path: str | os.PathLike[str]) -> list[PairEntry]:
    """Parse and check a manifest; raises ManifestError naming the row and the problem."""
    p = Path(path)
    if not p.is_file():
        raise ManifestError(f"{p}: manifest not found")
    try:
        with p.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise ManifestError(f"{p}: manifest is missing column(s) {', '.join(missing)}")
            rows, line = [], 1
            for row in reader:  # each row with the line it starts on (a quoted cell may span lines)
                rows.append((line + 1, row))
                line = reader.line_num
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{p}: manifest is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV") from None
    except csv.Error as exc:
        raise ManifestError(f"{p}: manifest is not a readable CSV ({exc})") from None
    if not rows:
        raise ManifestError(f"{p}: manifest lists no pairs")
    entries: list[PairEntry] = []
    seen: set[str] = set()
    for number, row in rows:
        where = f"{p}:{number}"
        values = {k: (row.get(k) or "").strip() for k in REQUIRED}
        empty = [k for k, v in values.items() if not v]
        if empty:
            raise ManifestError(f"{where}: empty {', '.join(empty)}")
        if not valid_pair_id(values["pair_id"]):
            raise ManifestError(f"{where}: pair_id {values['pair_id']!r} must be letters, digits, '.', '-' or '_' "
                                "(it names the report folder)")
        if values["pair_id"] in seen:
            raise ManifestError(f"{where}: duplicate pair_id {values['pair_id']!r}")
        seen.add(values["pair_id"])
        for key in ("original_lang", "translation_lang"):
            if values[key] not in SUPPORTED:
                raise ManifestError(f"{where}: {key} {values[key]!r} is not one of {', '.join(SUPPORTED)}")
        problem = same_language_problem(values["original_lang"], values["translation_lang"])
        if problem:
            raise ManifestError(f"{where}: {problem}")
        files = {}
        for key in ("original", "translation"):
            f = (p.parent / values[key]).resolve()
            if not f.is_file():
                raise ManifestError(f"{where}: {key} file {values[key]!r} not found")
            files[key] = f
        entries.append(PairEntry(values["pair_id"], files["original"], values["original_lang"],
                                 files["translation"], values["translation_lang"],
                                 (row.get("original_outlet") or "").strip(),
                                 (row.get("translation_outlet") or "").strip(),
                                 f"{where} (pair {values['pair_id']})"))
    return entries
