"""Load a document: read, check the script, mark layout lines, segment."""

from __future__ import annotations

import os
from pathlib import Path

from aligner.datatypes import Document
from aligner.errors import InputError
from aligner.io import MIN_SCRIPT_SHARE, detect_script, read_text, script_shares
from aligner.lang import profile
from aligner.layout import mark_lines
from aligner.normalize.reading import reading_text
from aligner.segment import segment

LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}


def document_from_text(text: str, lang: str, doc_id: str = "doc", path: str = "<text>",
                       encoding: str = "utf-8", sha256: str = "") -> Document:
    """Build a Document from already-decoded text in language ``lang``: the one place where the
    marks a text writes only sometimes (Arabic short vowels) are taken out before it is read."""
    profile(lang)  # raises for an unsupported language
    text, file = reading_text(text, lang)
    lines = mark_lines(text, lang)
    sentences, clauses = segment(text, lines, lang, doc_id)
    return Document(doc_id, path, lang, text, encoding, sha256, lines, sentences, clauses, file=file)


def load_document(path: str | os.PathLike[str], lang: str | None = None,
                  doc_id: str | None = None) -> Document:
    """Read ``path``; if ``lang`` is given, refuse a file written in the other script."""
    raw = read_text(path)
    script = detect_script(raw.text)
    if script == "unknown":
        raise InputError(f"{path}: no Arabic or Latin letters found")
    share = script_shares(raw.text).get(lang, 0.0) if lang is not None else 1.0
    if lang is not None and script != lang and share < MIN_SCRIPT_SHARE:
        raise InputError(
            f"{path}: expected {LANGUAGE_NAMES.get(lang, lang)} text but only {share:.0%} of its letters are "
            f"{LANGUAGE_NAMES.get(lang, lang)}; the file is {LANGUAGE_NAMES.get(script, script)}"
        )
    doc = document_from_text(raw.text, lang or script, doc_id or Path(path).name,
                             raw.path, raw.encoding, raw.sha256)
    doc.format = raw.format
    if not doc.sentences:
        raise InputError(f"{path}: no sentences left after removing web residue")
    return doc
