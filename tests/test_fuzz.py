"""Property tests over generated input (scripts/fuzz.py runs the same properties for longer)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.testing import properties as p

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(p.ANY_TEXT, p.MIXED_DOC))
def test_normalizers(text):
    p.check_normalizers(text)


@SETTINGS
@given(p.NAME, p.NAME)
def test_transliteration_matcher(a, b):
    p.check_matcher(a, b)


@SETTINGS
@given(st.one_of(p.ANY_TEXT, p.ARABIC_DOC, p.ENGLISH_DOC), st.sampled_from(["ar", "en"]))
def test_number_parsing(text, lang):
    p.check_numbers(text, lang)


@SETTINGS
@given(st.binary(max_size=300))
def test_decoding_any_bytes(data):
    p.check_decode(data)


@SETTINGS
@given(p.HTML_DOC)
def test_html_extraction(text):
    p.check_html(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(p.ARABIC_DOC, p.MIXED_DOC), st.one_of(p.ENGLISH_DOC, p.MIXED_DOC))
def test_pipeline_on_any_pair(ar_text, en_text):
    p.check_pipeline(ar_text, en_text)
