"""Read text files: detect the encoding (UTF-8 with/without BOM, UTF-16, Windows-1256, and
Windows-1252 / Latin-1 for text in Latin script) and script."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputError
from aligner.html_text import html_to_text, looks_like_html

MAX_BYTES = 5 * 1024 * 1024  # one article; a bigger file is an archive or a mistake
MIN_SCRIPT_SHARE = 0.2  # below this share of its letters, a file is not in the expected script
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFC]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")
# Bytes that never occur in real text (controls other than tab/newline/CR/FF).
_BINARY_BYTES = set(range(0, 9)) | {11} | set(range(14, 27)) | set(range(28, 32))


@dataclass(frozen=True)
class RawText:
    """A decoded file: its text, the encoding used, and the SHA-256 of its bytes."""

    path: str
    text: str
    encoding: str
    sha256: str
    format: str = "text"


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes; returns ``(text, encoding)`` or raises InputError naming the problem."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", name), "utf-16"
    utf16 = _as_utf16(data)
    if utf16 is not None:
        return utf16
    if sum(b in _BINARY_BYTES for b in data[:65536]) > 0:
        raise InputError(f"{name}: binary data, not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _damaged_utf8(data):
        raise InputError(f"{name}: invalid UTF-8 at byte {first_bad} (a damaged file or mixed encodings; "
                         "save it again as UTF-8)")
    try:
        text = data.decode("cp1256")
        if _plausible_arabic(text):
            return text, "cp1256"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if _plausible_latin(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    raise InputError(f"{name}: {UNKNOWN_ENCODING}")


UNKNOWN_ENCODING = "unknown encoding (not UTF-8, UTF-16, Windows-1256 Arabic or Windows-1252/Latin-1 text)"


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes (a cut or mixed file) rather than a legacy encoding: more
    characters decode as valid multi-byte UTF-8 than bytes fail to. In Windows-125x text a
    valid UTF-8 sequence is a rare accident (an accented capital before a symbol)."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    return sum(ord(ch) > 127 for ch in text) - invalid > invalid


_CLEAN_WORD_RE = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3]+|[A-Za-z0-9]+")


def _plausible_arabic(text: str) -> bool:
    """Windows-1256 decodes any bytes; real Arabic has many Arabic letters in words of one script.

    Text in another legacy encoding read as Windows-1256 mixes Arabic letters with Latin
    letters and symbols inside one word."""
    words = re.findall(r"\w+", text)
    if not words or len(_ARABIC_LETTER_RE.findall(text)) < 0.3 * sum(len(w) for w in words):
        return False
    clean = sum(bool(_CLEAN_WORD_RE.fullmatch(w)) for w in words)
    return clean >= 0.9 * len(words)


MIN_ASCII_LETTERS = 0.85  # of the letters of Latin-script text read as Windows-1252


def _plausible_latin(text: str) -> bool:
    """Windows-1252 decodes nearly any bytes; English (or another Latin-script text) read with
    it has mostly ASCII letters and accented letters inside words that also have plain ones.
    Arabic in Windows-1256, Cyrillic or Greek read as Windows-1252 give whole words of accented
    letters ('ÇáÓæÑí', 'Ïðèâåò')."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    ascii_letters = sum(ch.isascii() for ch in letters)
    if ascii_letters < MIN_ASCII_LETTERS * len(letters):
        return False
    words = [w for w in re.findall(r"[^\W\d_]{3,}", text)]
    accented_only = sum(not any(ch.isascii() for ch in w) for w in words)
    return accented_only <= 0.01 * len(words)


def _textlike(text: str) -> float:
    """Share of characters that are letters, digits, spaces or punctuation."""
    if not text:
        return 0.0
    good = sum(ch.isalnum() or ch.isspace() or unicodedata.category(ch)[0] in "PS" for ch in text)
    return good / len(text)


def _as_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: accepted only if one byte order decodes to clean text in one script."""
    if len(data) < 4 or len(data) % 2:
        return None
    if 0 not in data[:4096] and b"\x06" not in data[:4096]:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        if _textlike(sample) > 0.97 and sum(script_shares(sample).values()) > 0.8:
            return text, codec
    return None


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: invalid {codec} at byte {exc.start}") from None


def read_text(path: str | os.PathLike[str]) -> RawText:
    """Read and decode a text file; raises InputError for missing, empty or binary files."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if not p.is_file():
        raise InputError(f"{p}: not a regular file")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{p}: {size:,} bytes, more than the {MAX_BYTES:,} bytes ({MAX_BYTES / 2**20:g} MiB) "
                         "one article may have (split an archive into one file per article)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    text, encoding = decode(data, str(p))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{p}: empty file (no text)")
    fmt = "text"
    if looks_like_html(text):
        text, fmt = html_to_text(text), "html"
        if not text.strip():
            raise InputError(f"{p}: HTML page without visible text")
    return RawText(str(p), text, encoding, hashlib.sha256(data).hexdigest(), fmt)


def script_shares(text: str) -> dict[str, float]:
    """Share of the letters that are Arabic ('ar') and Latin ('en')."""
    letters = sum(ch.isalpha() for ch in text)
    if not letters:
        return {"ar": 0.0, "en": 0.0}
    return {"ar": len(_ARABIC_LETTER_RE.findall(text)) / letters, "en": len(_LATIN_LETTER_RE.findall(text)) / letters}


def detect_script(text: str) -> str:
    """'ar', 'en' (Latin script) or 'unknown', by the majority of letters."""
    arabic = len(_ARABIC_LETTER_RE.findall(text))
    latin = len(_LATIN_LETTER_RE.findall(text))
    if arabic == latin == 0:
        return "unknown"
    return "ar" if arabic >= latin else "en"
