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


ENGLISH = ("\u201cThe café in Zürich was closed,\u201d the minister\u2019s aide said \u2013 adding that "
           "talks would resume\u2026 after the holiday. Prices rose 5\u2030 and \u20ac2 million was spent.")


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_windows_1252_and_latin1_english_are_read(codec):
    text = ENGLISH if codec == "cp1252" else "Café au lait in Zürich, naïve façade: the talks resumed."
    decoded, found = decode(text.encode(codec), "x.txt")
    assert decoded == text and found == "cp1252"  # Latin-1 is Windows-1252 without its extra symbols


def test_windows_1252_english_file_records_its_encoding(tmp_path):
    f = tmp_path / "notepad.en.txt"
    f.write_bytes(ENGLISH.encode("cp1252"))
    doc = load_document(f, "en")
    assert doc.encoding == "cp1252" and doc.sentences[0].text.startswith("\u201cThe café in Zürich")


@pytest.mark.parametrize("data", [
    ARABIC.encode("cp1256"),  # Arabic in Windows-1256 read as Windows-1252: 'ÞÇá ãÕÏÑ'
    "Президент России заявил журналистам, что переговоры продолжатся.".encode("cp1251"),
    "Ο πρωθυπουργός δήλωσε ότι οι διαπραγματεύσεις θα συνεχιστούν.".encode("cp1253"),
    ARABIC.encode("utf-8"),  # mojibake: UTF-8 Arabic read as Windows-1252 ('Ù‚Ø§Ù„')
    (ENGLISH + " " + ARABIC).encode("cp1256"),  # mostly English with an Arabic sentence
])
def test_windows_1252_is_not_guessed_for_other_scripts_or_mojibake(data):
    from aligner.io import _plausible_latin

    assert not _plausible_latin(data.decode("cp1252", errors="replace"))


def test_arabic_in_windows_1256_is_still_read_as_arabic():
    text = ARABIC + " وقال «المرصد» إن الهدنة صامدة؛ هل تستمر؟"
    assert decode(text.encode("cp1256")) == (text, "cp1256")


@pytest.mark.parametrize("data", [
    "これは日本語の記事です。東京で会議が開かれた。".encode("shift_jis"),
    ("国連の安全保障理事会は月曜日、シリア情勢について協議した。" * 20).encode("shift_jis"),
    "Президент России заявил журналистам.".encode("cp1251"),
    (ENGLISH + "\n" + ARABIC).encode("cp1256"),  # neither clean Arabic nor clean Latin text
])
def test_other_legacy_encodings_are_refused(data):
    with pytest.raises(InputError, match="unknown encoding"):
        decode(data, "x.txt")


def test_damaged_utf8_is_refused_with_the_byte_not_read_as_a_legacy_encoding():
    good = (ARABIC * 10).encode("utf-8")
    with pytest.raises(InputError, match="invalid UTF-8 at byte 300"):
        decode(good[:300] + b"\xff" + good[300:], "x.txt")
    with pytest.raises(InputError, match="invalid UTF-8"):
        decode(good[:-2], "x.txt")  # cut inside the last letter (before the final period)


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


def test_size_limit_says_the_real_size_and_the_limit(tmp_path):
    from aligner.io import MAX_BYTES

    line = ("قال المصدر إن القصف مستمر منذ الصباح.\n").encode()
    at_limit = tmp_path / "at-limit.ar.txt"
    body = line * (MAX_BYTES // len(line))
    at_limit.write_bytes(body + b" " * (MAX_BYTES - len(body)))
    assert read_text(at_limit).encoding == "utf-8"  # exactly 5 MiB is allowed
    over = tmp_path / "over.ar.txt"
    over.write_bytes(at_limit.read_bytes() + b"x")
    with pytest.raises(InputError) as refused:
        read_text(over)
    assert str(refused.value).startswith(f"{over}: 5,242,881 bytes, more than the 5,242,880 bytes (5 MiB)")
