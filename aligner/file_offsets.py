"""Reports quote the file: a document read without its optional marks (``normalize/reading.py``)
is mapped back to its file's text, with its alignment and findings, before rows are written."""

from __future__ import annotations

from dataclasses import replace

from aligner.align.document import Alignment
from aligner.datatypes import Document, Line, Segment
from aligner.divergence.findings import Finding, Span, assign_ids


def document_in_file(doc: Document) -> Document:
    """``doc`` with its text, lines and segments in the file's own text (itself if nothing was removed)."""
    if doc.file is None:
        return doc
    file = doc.file

    def line(x: Line) -> Line:
        a, b = file.span(x.start, x.end)
        return replace(x, start=a, end=b, text=file.text[a:b])

    def segment(s: Segment) -> Segment:
        a, b = file.span(s.start, s.end)
        return replace(s, start=a, end=b, text=file.text[a:b])

    return replace(doc, text=file.text, lines=[line(x) for x in doc.lines],
                   sentences=[segment(s) for s in doc.sentences], clauses=[segment(s) for s in doc.clauses],
                   file=None)


def alignment_in_file(alignment: Alignment) -> Alignment:
    """The alignment between the two documents as their files write them."""
    original, translation = document_in_file(alignment.original), document_in_file(alignment.translation)
    if original is alignment.original and translation is alignment.translation:
        return alignment
    by_id = {s.id: s for doc in (original, translation) for s in doc.sentences + doc.clauses}
    links = [replace(link, src=tuple(by_id[s.id] for s in link.src), tgt=tuple(by_id[t.id] for t in link.tgt))
             for link in alignment.links]
    return Alignment(original, translation, links)


def _span_in_file(span: Span, doc: Document) -> Span:
    if doc.file is None or span.start is None or span.end is None:
        return span
    a, b = doc.file.span(span.start, span.end)
    quoted = span.text == doc.text[span.start:span.end]  # some spans locate without quoting
    return replace(span, start=a, end=b, text=doc.file.text[a:b] if quoted else span.text)


def findings_in_file(findings: list[Finding], original: Document, translation: Document) -> list[Finding]:
    """Findings with their spans in the files' texts, and ids from what they quote there (a
    finding's id is a hash of its content: the same as before short vowels were read past)."""
    if original.file is None and translation.file is None:
        return findings
    return assign_ids([replace(f, original=_span_in_file(f.original, original),
                               translation=_span_in_file(f.translation, translation)) for f in findings])
