"""Plain data types that flow through the pipeline: Line, Segment, Document."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass
class Document:
    """A loaded document: original text, layout lines, sentences and clauses."""

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

    def units(self) -> list[Segment]:
        """Alignment units: clauses where the language has them, else sentences."""
        return self.clauses if self.clauses else self.sentences
