"""The written evaluation pairs for loaded wording and content cues (``data/loaded_pairs.tsv``).

Each row is an original with one translation and says what the translation does to one loaded
term or content cue of the original (kept, softened, dropped, intensified), so that what a
correct checker reports is known. Odd ids are the development split, even ids the test split.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

PAIRS_PATH = Path(__file__).resolve().parent / "data" / "loaded_pairs.tsv"
COLUMNS = ("id", "split", "direction", "original", "translation", "term_id", "kind", "span", "note")
SPLITS = ("dev", "test")
DIRECTIONS = ("ar-en", "en-ar")
FAITHFUL = ("faithful_loaded", "faithful_ordinary")
SOFTENED = ("softened_neutral", "softened_dropped")
KINDS = FAITHFUL + SOFTENED + ("intensified", "cue_dropped", "cue_kept")
_ID_RE = re.compile(r"^L(\d{3,})$")


class PairsFileError(ValueError):
    """The pairs file is missing or a row breaks the file's rules (the message names the line)."""


@dataclass(frozen=True)
class LoadedPair:
    """One original with one translation, and what the translation does to ``span``."""

    id: str
    split: str
    direction: str
    original: str
    translation: str
    term_id: str
    kind: str
    span: str
    note: str

    @property
    def original_lang(self) -> str:
        return self.direction.split("-")[0]

    @property
    def translation_lang(self) -> str:
        return self.direction.split("-")[1]

    @property
    def is_cue(self) -> bool:
        """A content-cue row (term_id ``cue:KEY``) rather than a loaded-term row."""
        return self.term_id.startswith("cue:")

    def span_offsets(self) -> list[tuple[int, int]]:
        """Every (start, end) at which ``span`` occurs in the original."""
        return [(m.start(), m.end()) for m in re.finditer(re.escape(self.span), self.original)]


def _check(pair: LoadedPair, where: str) -> None:
    match = _ID_RE.match(pair.id)
    if not match:
        raise PairsFileError(f"{where}: id {pair.id!r} is not L followed by digits")
    expected_split = "dev" if int(match.group(1)) % 2 == 1 else "test"
    if pair.split != expected_split:
        raise PairsFileError(f"{where}: {pair.id} must be in split {expected_split!r} (odd ids dev, even test)")
    if pair.direction not in DIRECTIONS:
        raise PairsFileError(f"{where}: unknown direction {pair.direction!r}")
    if pair.kind not in KINDS:
        raise PairsFileError(f"{where}: unknown kind {pair.kind!r}")
    if pair.kind.startswith("cue_") != pair.is_cue:
        raise PairsFileError(f"{where}: kind {pair.kind} does not fit term_id {pair.term_id!r}")
    for name in ("original", "translation", "term_id", "span"):
        if not getattr(pair, name).strip():
            raise PairsFileError(f"{where}: empty {name}")
    if pair.span not in pair.original:
        raise PairsFileError(f"{where}: span {pair.span!r} is not in the original")


def read_pairs(path: Path = PAIRS_PATH) -> list[LoadedPair]:
    """Every row of the pairs file, checked (ids, split parity, kinds, span inside the original)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise PairsFileError(f"{path}: cannot read the pairs file ({err})") from err
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    if not numbered or tuple(numbered[0][1].split("\t")) != COLUMNS:
        raise PairsFileError(f"{path}: the first row that is not a comment must be the header {'/'.join(COLUMNS)}")
    pairs: list[LoadedPair] = []
    seen: set[str] = set()
    reader = csv.reader((line for _, line in numbered[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (n, _), values in zip(numbered[1:], reader):
        where = f"{path.name}:{n}"
        if len(values) != len(COLUMNS):
            raise PairsFileError(f"{where}: {len(values)} fields, expected {len(COLUMNS)}")
        pair = LoadedPair(*values)
        _check(pair, where)
        if pair.id in seen:
            raise PairsFileError(f"{where}: duplicate id {pair.id}")
        seen.add(pair.id)
        pairs.append(pair)
    return pairs


def load_pairs(split: str | None = None, path: Path = PAIRS_PATH) -> list[LoadedPair]:
    """The pairs of one split (``dev`` or ``test``), or all of them when ``split`` is None."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: expected one of {', '.join(SPLITS)}")
    return [p for p in read_pairs(path) if split is None or p.split == split]
