"""Plain data types that flow through the pipeline: Line, Segment, FileText, Document."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Line:
    """One physical line of a document with its layout kind.

    ``kind`` is one of: headline, kicker, byline, body, source, disclaimer,
    translator_note, residue (web navigation or credit text), blank.
    """

    index: int
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Segment:
    """A sentence or clause with offsets into its document's original text."""

    id: str
    level: str  # "sentence" or "clause"
    kind: str  # layout kind of the line(s) it comes from
    text: str  # exact original text, ``document.text[start:end]``
    start: int
    end: int
    paragraph: int
    parent: str | None = None  # the sentence id, for a clause


@dataclass(frozen=True)
class FileText:
    """A file's own text when marks it writes only sometimes were removed before reading it
    (Arabic short vowels: see ``normalize/reading.py``), and where each character of the
    text that was read sits in it."""

    text: str
    kept: np.ndarray  # file offset of each character of the text that was read

    def span(self, start: int, end: int) -> tuple[int, int]:
        """File ``(start, end)`` of the read text's ``[start, end)``; the removed marks after
        its last character are inside it (a word is quoted with its vowels)."""
        def at(k: int) -> int:
            return int(self.kept[k]) if k < len(self.kept) else len(self.text)

        first = at(start)
        return (first, first) if start == end else (first, at(end))


@dataclass
class Document:
    """A loaded document: the text the tool reads, layout lines, sentences and clauses (offsets
    into ``text``), and, if that is not the file's own text, the way back to it (``file``)."""

    id: str
    path: str
    lang: str
    text: str
    encoding: str
    sha256: str
    lines: list[Line] = field(default_factory=list)
    sentences: list[Segment] = field(default_factory=list)
    clauses: list[Segment] = field(default_factory=list)
    format: str = "text"  # "html" when the file was an HTML page and only its visible text is used
    file: FileText | None = None  # set when optional marks (short vowels) were removed from the file's text

    def units(self) -> list[Segment]:
        """Alignment units: clauses where the language has them, else sentences."""
        return self.clauses if self.clauses else self.sentences
