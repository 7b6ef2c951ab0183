"""Loaded terms read in context: the sentences of tests/data/loaded_senses.tsv, each using one
term once, in its loaded or its everyday sense (written for these tests by a bilingual editor)."""

import csv
from pathlib import Path

import pytest

from aligner.divergence.cues import find_arabic, loaded_terms
from aligner.divergence.senses import is_conflict_text, loaded_sense
from aligner.normalize.arabic import normalize_arabic

EXAMPLES = Path(__file__).parent / "data" / "loaded_senses.tsv"


def _examples():
    with EXAMPLES.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _reads_loaded(term, sentence: str) -> bool:
    spans = find_arabic(term.arabic, sentence, 0, len(sentence))
    return any(loaded_sense(term, sentence, a, b, 0, len(sentence)) for a, b in spans)


def test_most_everyday_uses_are_not_read_as_loaded_and_most_loaded_ones_are():
    terms = {t.id: t for t in loaded_terms()}
    right = {"yes": 0, "no": 0}
    total = {"yes": 0, "no": 0}
    for row in _examples():
        total[row["loaded"]] += 1
        right[row["loaded"]] += _reads_loaded(terms[row["term_id"]], row["sentence"]) == (row["loaded"] == "yes")
    # the examples were written beside the lexicon: these bars guard against regressions
    assert right["no"] / total["no"] >= 0.95
    assert right["yes"] / total["yes"] >= 0.90


@pytest.mark.parametrize("sentence, term, loaded", [
    ("اعتقلت الشرطة رجلا للاشتباه في ارتكابه جريمة قتل في حي سكني.", "crimes", False),
    ("وثق المرصد جرائم الميليشيات بحق المدنيين في ريف دير الزور.", "crimes", True),
    ("يلتقي ليفربول مع نابولي في دوري أبطال أوروبا مساء الأربعاء.", "heroes", False),
    ("صدر بحقه حكم بالإعدام بعد إدانته بقتل زوجته.", "execution", False),
])
def test_senses_of_written_sentences(sentence, term, loaded):
    assert _reads_loaded(next(t for t in loaded_terms() if t.id == term), sentence) is loaded


def test_conflict_vocabulary_is_found_through_proclitics():
    assert is_conflict_text(normalize_arabic("وقصفت الطائرات مواقع للمسلحين في المدينة").text)
    assert not is_conflict_text(normalize_arabic("افتتح الوزير معرضا للكتاب في المدينة").text)
