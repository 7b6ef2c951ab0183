"""Arabic with short vowels reads as the plain text: same segments, links and findings, while
reports quote the vowelled file at its own offsets."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.document import align_documents
from aligner.divergence.detect import detect
from aligner.document import document_from_text, load_document
from aligner.file_offsets import alignment_in_file, document_in_file, findings_in_file
from aligner.normalize.reading import reading_text
from aligner.normalize.vowels import VOWELS, add_short_vowels
from aligner.pipeline import run_pair
from aligner.report.writer import read_csv
from aligner.testing.properties import ARABIC_DOC
from tests.conftest import AR_SEED, EN_SEED

SEED_TEXT = AR_SEED.read_text(encoding="utf-8")


def _links(alignment):
    return [(tuple(s.id for s in link.src), tuple(t.id for t in link.tgt), link.confidence, link.note)
            for link in alignment.links]


def _findings(findings):
    return [(f.type, f.subtype, f.severity, f.confidence, f.rule, f.evidence, f.original.segment_ids,
             f.original.start, f.original.end, f.translation.segment_ids, f.translation.start, f.translation.end)
            for f in findings]


def test_vowels_on_80_percent_of_the_seed_letters_change_no_link_and_no_finding(en_doc, embedder):
    vowelled = add_short_vowels(SEED_TEXT, share=0.8, seed=18)
    letters = sum(ch.isalpha() for ch in SEED_TEXT)
    assert sum(ch in VOWELS for ch in vowelled) > 0.6 * letters  # really vowelled
    plain_doc, vowelled_doc = document_from_text(SEED_TEXT, "ar", "ar"), document_from_text(vowelled, "ar", "ar")
    plain, marked = align_documents(plain_doc, en_doc, embedder), align_documents(vowelled_doc, en_doc, embedder)
    assert _links(marked) == _links(plain)
    assert len(plain.links) == 15 and len([link for link in plain.links if link.src and link.tgt]) == 8
    plain_findings, marked_findings = detect(plain, embedder), detect(marked, embedder)
    assert len(plain_findings) >= 10 and _findings(marked_findings) == _findings(plain_findings)
    # reported in the vowelled file: offsets into it, quoting it (vowels included)
    shown = alignment_in_file(marked)
    assert shown.original.text == vowelled
    assert all(vowelled[s.start:s.end] == s.text for s in shown.original.sentences + shown.original.clauses)
    in_file = findings_in_file(marked_findings, vowelled_doc, en_doc)
    quoted = [f for f in in_file if f.original.start is not None]
    assert quoted and all(vowelled[f.original.start:f.original.end] == f.original.text for f in quoted)
    assert any(ch in VOWELS for f in quoted for ch in f.original.text)


def test_vowelled_file_reports_quote_the_file(tmp_path, embedder):
    original = tmp_path / "vowelled.ar.txt"
    vowelled = add_short_vowels(SEED_TEXT, share=0.8, seed=18)
    original.write_text(vowelled, encoding="utf-8")
    run_pair("vowelled", original, "ar", EN_SEED, "en", tmp_path / "out", embedder)
    run_pair("plain", AR_SEED, "ar", EN_SEED, "en", tmp_path / "out", embedder)
    read = {name: {f: pd.DataFrame(read_csv(tmp_path / "out" / name / f"{f}.csv"))
                   for f in ("segments", "alignment", "findings")} for name in ("vowelled", "plain")}
    for kind in ("segments", "alignment", "findings"):
        assert len(read["vowelled"][kind]) == len(read["plain"][kind]), kind
    segments = read["vowelled"]["segments"]
    arabic = segments[segments.lang == "ar"]
    assert all(vowelled[int(a):int(b)] == t for a, b, t in zip(arabic.start, arabic.end, arabic.text))
    findings = read["vowelled"]["findings"]
    assert list(findings.type + findings.subtype) == list(read["plain"]["findings"].type +
                                                          read["plain"]["findings"].subtype)
    quoted = findings[findings.original_start != ""]
    assert all(vowelled[int(a):int(b)] == t
               for a, b, t in zip(quoted.original_start, quoted.original_end, quoted.original_text))


def test_a_plain_document_is_read_as_it_is_written():
    text = "قال المصدر إن القصف مستمر. وأضاف أن الطيران غائب."
    assert reading_text(text, "ar") == (text, None)
    assert reading_text("Naïve café owners said: \u064e", "en")[1] is None  # English has no optional marks
    doc = document_from_text(text, "ar")
    assert doc.file is None and document_in_file(doc) is doc


@settings(max_examples=150, deadline=None)
@given(ARABIC_DOC, st.floats(0.0, 1.0), st.integers(0, 10**6))
def test_vowels_never_change_segments_and_offsets_map_back(text, share, seed):
    vowelled = add_short_vowels(text, share, seed)
    plain = document_from_text(text, "ar")
    read = document_from_text(vowelled, "ar")
    shape = [(s.id, s.kind, s.paragraph, s.parent) for s in read.sentences + read.clauses]
    assert shape == [(s.id, s.kind, s.paragraph, s.parent) for s in plain.sentences + plain.clauses]
    assert [line.kind for line in read.lines] == [line.kind for line in plain.lines]
    shown = document_in_file(read)
    assert shown.text == vowelled
    for s in shown.sentences + shown.clauses + shown.lines:
        assert 0 <= s.start <= s.end <= len(vowelled) and vowelled[s.start:s.end] == s.text


def test_a_vowelled_file_loads_with_its_vowels_out_of_the_way(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("خَاصّ\n\nقَالَ المَصْدَرُ إِنَّ القَصْفَ مُسْتَمِرٌّ.\n", encoding="utf-8")
    doc = load_document(f, "ar")
    assert [(s.kind, s.text) for s in doc.sentences] == [("kicker", "خاص"), ("body", "قال المصدر إن القصف مستمر.")]
    assert [s.text for s in document_in_file(doc).sentences] == ["خَاصّ", "قَالَ المَصْدَرُ إِنَّ القَصْفَ مُسْتَمِرٌّ."]
