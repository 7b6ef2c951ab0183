"""Properties that must hold on any input, with the hypothesis strategies that feed them.

Shared by the test suite (tests/test_fuzz.py, a few hundred examples each) and
scripts/fuzz.py (long runs). Each ``check_*`` raises AssertionError when a property fails;
any other exception is a crash.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from aligner.align.document import align_documents
from aligner.divergence.detect import detect
from aligner.document import document_from_text
from aligner.embed import Embedder
from aligner.entities.numbers import find_numbers
from aligner.entities.phonetic import name_similarity, phonetic_key
from aligner.errors import InputError
from aligner.file_offsets import document_in_file, findings_in_file
from aligner.html_text import html_to_text, looks_like_html
from aligner.io import decode
from aligner.normalize.arabic import normalize_arabic
from aligner.normalize.english import normalize_english


class HashEncoder:
    """A fast stand-in for the sentence encoder: character-trigram counts hashed to 64 dimensions."""

    def encode(self, texts):
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for k, t in enumerate(texts):
            for i in range(max(1, len(t) - 2)):
                out[k, hash(t[i:i + 3]) % 64] += 1
        return out + 1e-3


AR_WORDS = ["انسحبت", "قوات", "الاحتلال", "الأمريكي", "باستشهاد", "مدنيا", "ميليشيا", "داعش", "يوم", "أمس",
            "نحو", "أكثر", "من", "ألف", "عشرين", "ثلاثة", "١٢", "20", "دير الزور", "باغوز", "نتيجة", "لهجمات",
            "بحسب", "مصادر", "الثقيلة", "النظام", "وقال", "إن", "فيما", "في حين", "كما", "ﷺ", "ـــ", "\u064b"]
EN_WORDS = ["Groups", "forces", "occupying", "killed", "11", "civilians", "militia", "ISIS", "yesterday",
            "about", "more than", "20,000", "three", "hundred", "Deir ez-Zor", "Baghouz", "Baghuz", "main",
            "the", "regime", "government", "Mr.", "U.S.", "said", "according to", "3.5", "1/2", "½", "—"]
PUNCT = [" ", " ", " ", "، ", ". ", ".", "؟ ", "? ", "! ", ", ", "\n", "\n\n", '"', "«", "»", "‘‘", "(", ")", ":"]

ANY_TEXT = st.text(max_size=200)
ARABIC_DOC = st.lists(st.sampled_from(AR_WORDS + PUNCT), max_size=80).map("".join)
ENGLISH_DOC = st.lists(st.sampled_from(EN_WORDS + PUNCT), max_size=80).map("".join)
MIXED_DOC = st.lists(st.sampled_from(AR_WORDS + EN_WORDS + PUNCT) | st.text(max_size=5), max_size=60).map("".join)
NAME = st.one_of(st.sampled_from(AR_WORDS + EN_WORDS), st.text(max_size=25))
HTML_DOC = st.lists(st.sampled_from(["<p>", "</p>", "<div>", "<br>", "<script>x=1</script>", "&amp;", "&#1575;",
                                     "<b>", "</b>", "<!-- c -->", "<a href='x'>", "</a>", "<", ">"]) |
                    st.sampled_from(AR_WORDS + EN_WORDS + PUNCT), max_size=60).map("".join)

_EMBEDDER = Embedder(HashEncoder())


def _offsets_hold(text: str, start: int | None, end: int | None) -> None:
    if start is None:
        assert end is None
        return
    assert 0 <= start <= end <= len(text), (start, end, len(text))


def check_normalizers(text: str) -> None:
    """Normalization is idempotent and every normalized character maps inside the original."""
    for normalize in (normalize_arabic, normalize_english):
        once = normalize(text)
        assert normalize(once.text).text == once.text
        for i in range(len(once.text)):
            a, b = once.span(i, i + 1)
            assert 0 <= a <= b <= len(text)


def check_matcher(a: str, b: str) -> None:
    """Name similarity is a symmetric score in [0, 1], and 1 for a name with itself."""
    phonetic_key(a)
    s = name_similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert abs(s - name_similarity(b, a)) < 1e-9
    if phonetic_key(a):
        assert name_similarity(a, a) >= 0.999


def check_numbers(text: str, lang: str) -> None:
    """Every number found points at its own text."""
    for mention in find_numbers(text, lang):
        _offsets_hold(text, mention.start, mention.end)
        assert mention.start < mention.end
        assert mention.value == mention.value  # not NaN


def check_decode(data: bytes) -> None:
    """Any bytes decode or raise InputError: nothing else."""
    try:
        text, encoding = decode(data, "fuzz")
    except InputError:
        return
    assert isinstance(text, str) and encoding


def check_html(text: str) -> None:
    """Extraction never fails and gives trimmed, non-blank lines ending with a newline."""
    out = html_to_text(text)
    assert out.endswith("\n")
    assert all(line and line == line.strip() for line in out[:-1].split("\n")) or out == "\n"
    looks_like_html(text)


def check_pipeline(ar_text: str, en_text: str) -> None:
    """Segment, align and detect on any pair: offsets valid, each unit linked at most once."""
    ar = document_from_text(ar_text, "ar", "ar")
    en = document_from_text(en_text, "en", "en")
    for doc, raw in ((ar, ar_text), (en, en_text)):
        for seg in doc.sentences + doc.clauses:
            assert doc.text[seg.start:seg.end] == seg.text  # the text read
        for seg in document_in_file(doc).sentences + document_in_file(doc).clauses:
            assert raw[seg.start:seg.end] == seg.text  # the file, as reports quote it
    alignment = align_documents(ar, en, _EMBEDDER)
    src = [u.id for link in alignment.links for u in link.src]
    tgt = [u.id for link in alignment.links for u in link.tgt]
    assert len(src) == len(set(src)) and len(tgt) == len(set(tgt))
    # the original is aligned by units (clauses), the translation by sentences
    assert set(src) <= {u.id for u in ar.units()} and set(tgt) <= {s.id for s in en.sentences}
    for link in alignment.links:
        assert 0.0 <= link.confidence <= 1.0
    for f in findings_in_file(detect(alignment, _EMBEDDER), ar, en):  # as reported
        _offsets_hold(ar_text, f.original.start, f.original.end)
        _offsets_hold(en_text, f.translation.start, f.translation.end)
        if f.original.start is not None:
            assert ar_text[f.original.start:f.original.end] == f.original.text
        if f.translation.start is not None:  # a finding quotes exactly the span it is about
            assert en_text[f.translation.start:f.translation.end] == f.translation.text
        assert f.severity in ("high", "medium", "low")
