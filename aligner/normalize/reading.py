"""The text the tool reads: the file's text without the marks its language writes only
sometimes (Arabic short vowels, shadda, sukun, tanween: ``optional_marks`` in
``data/languages.json``). A fully vowelled article says what the plain one says, so layout,
segmentation, embeddings and every matcher work on this text; reports map offsets back to the
file's text (``aligner/file_offsets.py``).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from aligner.datatypes import FileText
from aligner.lang import profile


@cache
def _marks_re(lang: str) -> re.Pattern[str] | None:
    marks = profile(lang).optional_marks
    return re.compile("[%s]" % "".join(sorted(marks))) if marks else None


def reading_text(text: str, lang: str) -> tuple[str, FileText | None]:
    """``text`` without its optional marks, and the way back to ``text`` (None if it had none)."""
    marks = _marks_re(lang)
    if marks is None or not marks.search(text):
        return text, None
    keep = np.ones(len(text), dtype=bool)
    for match in marks.finditer(text):
        keep[match.start()] = False
    kept = np.flatnonzero(keep).astype(np.int64)
    return marks.sub("", text), FileText(text, kept)
