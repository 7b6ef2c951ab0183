"""Reading files in the encodings Arabic news arrives in, and refusing what is not text."""

import codecs

import pytest

from aligner.document import load_document
from aligner.errors import InputError
from aligner.io import decode, detect_script, read_text

ARABIC = "قال مصدر عسكري إن 11 مدنياً قتلوا يوم أمس في السوسة."


@pytest.mark.parametrize("data,encoding", [
    (ARABIC.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
    (ARABIC.encode("utf-16"), "utf-16"),
    (ARABIC.encode("utf-16-le"), "utf-16-le"),
    (ARABIC.encode("cp1256"), "cp1256"),
])
def test_decodes_each_supported_encoding(data, encoding):
    text, found = decode(data)
    assert text == ARABIC
    assert found == encoding


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 4, "x.bin")


def test_latin1_english_is_not_mistaken_for_arabic():
    with pytest.raises(InputError, match="unknown encoding"):
        decode("Café au lait in Zürich, naïve façade.".encode("latin-1"), "x.txt")


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_text(empty)
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")


def test_script_detection():
    assert detect_script(ARABIC) == "ar"
    assert detect_script("Sources told Damas Post") == "en"
    assert detect_script("12 34 !!") == "unknown"


def test_english_file_passed_as_arabic_is_refused(tmp_path):
    f = tmp_path / "en.txt"
    f.write_text("The SDF advanced on Hajin yesterday.", encoding="utf-8")
    with pytest.raises(InputError, match="expected Arabic"):
        load_document(f, "ar")


def test_crlf_and_bom_give_same_sentences(tmp_path):
    f = tmp_path / "ar.txt"
    f.write_bytes(codecs.BOM_UTF8 + "خاص\r\n\r\nقال المصدر إن القصف مستمر. وأضاف أن الطيران غائب.\r\n".encode())
    doc = load_document(f, "ar")
    assert doc.encoding == "utf-8-sig"
    assert [s.text for s in doc.sentences if s.kind == "body"] == [
        "قال المصدر إن القصف مستمر.", "وأضاف أن الطيران غائب."]


def test_html_is_recognised_but_prose_quoting_a_tag_is_not():
    from aligner.html_text import html_to_text, looks_like_html

    prose = "The page contained <script>alert('x')</script> and a <p> tag, the report said.\n"
    assert not looks_like_html(prose)
    page = "<div><p>قتل 12 مدنيا &amp; جرح 5.</p><script>var t = 1;</script><p>Second&nbsp;line</p></div>" * 2
    assert looks_like_html(page)
    assert html_to_text(page) == "قتل 12 مدنيا & جرح 5.\nSecond line\nقتل 12 مدنيا & جرح 5.\nSecond line\n"
