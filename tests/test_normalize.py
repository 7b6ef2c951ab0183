"""Arabic and English normalization: the chain, idempotence, and offsets back to the original."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.normalize.arabic import normalize_arabic
from aligner.normalize.english import normalize_english


@pytest.mark.parametrize("raw,expected", [
    ("اسْتِشْهَادُ", "استشهاد"),                 # diacritics
    ("عالقيـــن", "عالقين"),                      # tatweel
    ("أحمد إلى آخر", "احمد الي اخر"),            # alef/hamza forms, alef maqsura
    ("مدرسة الشرعية", "مدرسه الشرعيه"),          # teh marbuta for matching
    ("١١ مدنياً و۲۰ ألف", "11 مدنيا و20 الف"),     # Arabic-Indic and Persian digits
    ("ماذا؟ قال، نعم؛", "ماذا? قال, نعم;"),        # Arabic punctuation
    ("‘‘ دير الزور ’’ «قسد» “داعش”", '" دير الزور " "قسد" "داعش"'),  # quote marks
    ("ﻻ", "لا"),                                 # presentation-form ligature
    ("قال\u200f  المصدر", "قال المصدر"),          # bidi mark, doubled space
])
def test_arabic_chain(raw, expected):
    assert normalize_arabic(raw).text == expected


def test_arabic_offsets_quote_original_with_marks():
    raw = "تسبب باستشهادِ ١١ مدنيّاً"
    norm = normalize_arabic(raw)
    i = norm.text.index("مدنيا")
    a, b = norm.span(i, i + len("مدنيا"))
    assert raw[a:b] == "مدنيّاً"
    j = norm.text.index("11")
    assert raw[slice(*norm.span(j, j + 2))] == "١١"


def test_english_punctuation():
    norm = normalize_english("The SDF’s “huge” losses — 20,000…")
    assert norm.text == "The SDF's \"huge\" losses - 20,000..."
    i = norm.text.index('"huge"')
    raw = "The SDF’s “huge” losses — 20,000…"
    assert raw[slice(*norm.span(i, i + 6))] == "“huge”"


ARABIC_ALPHABET = st.sampled_from(list(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "أإآءؤئىة" "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
    "\u0640\u0654\u200f" "٠١٢٣٤٥٦٧٨٩۰۱۲" "،؛؟.‘’«»“” \n" "ﻻﷲ"))
ANY_TEXT = st.text(max_size=80)
ARABIC_TEXT = st.text(ARABIC_ALPHABET, max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.one_of(ARABIC_TEXT, ANY_TEXT))
def test_arabic_idempotent(text):
    once = normalize_arabic(text).text
    assert normalize_arabic(once).text == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(st.sampled_from(list("Ab c.,'\"“”‘’—–…- \n")), max_size=60), ANY_TEXT))
def test_english_idempotent(text):
    once = normalize_english(text).text
    assert normalize_english(once).text == once


def _check_offsets(raw, norm, normalizer):
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for s, e in zip(norm.starts, norm.ends):
        assert 0 <= s < e <= len(raw)
    assert list(norm.starts) == sorted(norm.starts)
    assert list(norm.ends) == sorted(norm.ends)
    # every normalized character's original span normalizes back to text containing it
    for i, ch in enumerate(norm.text):
        a, b = norm.span(i, i + 1)
        assert ch in normalizer(raw[a:b]).text or ch == " "


@settings(max_examples=300, deadline=None)
@given(st.one_of(ARABIC_TEXT, ANY_TEXT))
def test_arabic_offsets_map_back(text):
    norm = normalize_arabic(text)
    _check_offsets(text, norm, normalize_arabic)
    if norm.text:
        a, b = norm.span(0, len(norm.text))
        assert normalize_arabic(text[a:b]).text == norm.text


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_english_offsets_map_back(text):
    _check_offsets(text, normalize_english(text), normalize_english)
