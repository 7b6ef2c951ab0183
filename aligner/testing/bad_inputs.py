"""A catalogue of awkward inputs and what the command line must answer to each.

Used by tests/test_reliability.py (in-process) and scripts/stress.py (real subprocesses).
Each case says which point of issue #18 (or which older concern) it covers.
"""

from __future__ import annotations

import os
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from aligner.normalize.vowels import add_short_vowels

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)
AR_SEED = ROOT / "corpus" / "damaspost-foreign-forces-withdraw.ar.txt"
EN_SEED = ROOT / "corpus" / "syrianobserver-foreign-forces-withdraw.en.txt"
MANIFEST_HEADER = "pair_id,original,original_lang,translation,translation_lang\n"


@dataclass(frozen=True)
class Case:
    """Run ``aligner *args``; expect ``exit_code`` and, on failure, one stderr line naming ``names``
    and saying ``says``. On success, stderr is empty, or one warning line saying ``warns``.
    ``or_refused``: the machine may also refuse it with that exit code (memory it does not have)."""

    name: str
    args: tuple[str, ...]
    exit_code: int
    names: str = ""
    says: str = ""
    covers: str = ""
    warns: str = ""
    or_refused: int | None = None
    big: bool = False  # slow or large: scripts/stress.py only
    failed_pair: str = ""  # exit 5: the pair that failed (it leaves nothing; the others' reports are written)

    def leftovers(self) -> list[Path]:
        """Files a refused run left in its output folder (none may be)."""
        out = self.out
        files = [p for p in out.rglob("*") if p.is_file()] if out and out.is_dir() else []
        return [p for p in files if self.failed_pair in p.relative_to(out).parts] if self.failed_pair else files

    @property
    def exit_codes(self) -> tuple[int, ...]:
        return (self.exit_code,) if self.or_refused is None else (self.exit_code, self.or_refused)

    @property
    def out(self) -> Path | None:
        return Path(self.args[self.args.index("--out") + 1]) if "--out" in self.args else None


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _manifest(path: Path, *rows: str) -> Path:
    return _write(path, MANIFEST_HEADER + "".join(row + "\n" for row in rows))


def make_cases(folder: Path, big: bool = True) -> list[Case]:
    """Write the input files into ``folder`` and return the cases (reports go to folder/out-<name>)."""
    folder.mkdir(parents=True, exist_ok=True)
    ar, en = AR_SEED.read_text(encoding="utf-8"), EN_SEED.read_text(encoding="utf-8")
    rng = random.Random(20261122)
    en_words = [w.strip(".,") for w in en.split()]
    f = {
        "empty": _write(folder / "empty.txt", ""),
        "whitespace": _write(folder / "whitespace.txt", "  \n\t\n   \n"),
        "binary": _write(folder / "binary.txt", bytes(rng.randrange(256) for _ in range(4096))),
        "nul": _write(folder / "nul.ar.txt", ar[:800].encode() + b"\x00\x00" + ar[800:].encode()),
        "punctuation": _write(folder / "numbers.txt", "2019 - 2020 ... 45 / 1,200 !!! (30) 8000\n"),
        "shift_jis": _write(folder / "shift_jis.txt",
                            "これは日本語の記事です。東京で会議が開かれた。".encode("shift_jis")),
        "cp1251": _write(folder / "cyrillic.en.txt", "Президент заявил журналистам, что переговоры продолжатся "
                         "на следующей неделе в Женеве.\n".encode("cp1251")),
        "damaged_utf8": _write(folder / "damaged.ar.txt", ar.encode()[:1001] + b"\xff" + ar.encode()[1001:]),
        "latin1": _write(folder / "latin1.txt", "Les forces françaises se sont retirées à l'est.".encode("latin-1")),
        "latin1_en": _write(folder / "latin1.en.txt", en.replace("’", "'").replace("“", '"').replace("”", '"')
                            .replace("—", "-").replace("Fawqani", "Fawqaní").encode("latin-1")),
        "cp1252": _write(folder / "notepad.en.txt", en.replace('"', "\u201c").replace("'", "\u2019")
                         .replace(" - ", " \u2013 ").encode("cp1252", errors="replace")),
        "cp1256": _write(folder / "cp1256.ar.txt", ar.encode("cp1256", errors="replace")),
        "utf16": _write(folder / "utf16.ar.txt", ar.encode("utf-16")),
        "crlf_bom": _write(folder / "crlf.ar.txt", b"\xef\xbb\xbf" + ar.replace("\n", "\r\n").encode()),
        "mixed": _write(folder / "mixed.ar.txt", ar[:1500] + "\n\n" + en[:600]),
        "html": _write(folder / "pasted.ar.txt", "<!DOCTYPE html><html><head><title>داماس بوست</title>"
                       "<script>var tracker = 1;</script></head><body><nav>الرئيسية</nav><article><p>"
                       + ar.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p></article></body></html>"),
        "html_empty": _write(folder / "empty-page.ar.txt", "<!DOCTYPE html><html><head><script>var x = 1;</script>"
                             "<style>p {color: red}</style></head><body><nav></nav></body></html>"),
        "long": _write(folder / "long.ar.txt", " ".join(rng.choice(ar.split()).strip(".،") for _ in range(1500))),
        "long_en": _write(folder / "long.en.txt", " ".join(rng.choice(en.split()).strip(".,") for _ in range(1500))),
        "en40": _write(folder / "forty.en.txt", "\n\n".join([en] * 40)),
        "ar40": _write(folder / "forty.ar.txt", "\n\n".join([ar] * 40)),
        "line6k": _write(folder / "line6000.en.txt", " ".join(rng.choice(en_words) for _ in range(6000)) + "\n"),
        "vowelled": _write(folder / "vowelled.ar.txt", add_short_vowels(ar, share=0.8, seed=18)),
        "marks": _write(folder / "tatweel.ar.txt",
                        ar.replace("الأمريكي", "الأمـــريكي").replace("داعش", "\u200fداعش\u200f")
                        .replace("11", "١١")),
        "formulas": _write(folder / "formulas.en.txt", "\n".join(
            prefix + line for prefix, line in zip(["=", "+", "-", "@", "=HYPERLINK(\"http://x\")", "", "", ""] * 3,
                                                  [s for s in en.split("\n") if s.strip()]))),
        "blank_lines": _write(folder / "blank-lines.en.txt", ("\n" * 3000).join(en.split("\n\n"))),
        "odd name": _write(folder / "مقال مترجم (نسخة 2).en.txt", en),
        "at_limit": _write(folder / "over-limit.ar.txt", b"a" * (5 * 2**20 + 1)),
    }
    fifo = folder / "fifo.ar.txt"
    if not fifo.exists() and hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    dangling = folder / "dangling.ar.txt"
    if not dangling.is_symlink():
        dangling.symlink_to(folder / "moved-away.ar.txt")
    blocked = _write(folder / "a-file", "not a folder")
    notes = _write(folder / "notes.sqlite", "my notes, not a database\n" * 20)
    foreign = folder / "review.sqlite"
    if not foreign.exists():
        with sqlite3.connect(foreign) as db:
            db.execute("CREATE TABLE decisions (finding_id TEXT, status TEXT)")
        db.close()
    damaged_out = folder / "out-damaged-cache"
    (damaged_out / ".cache").mkdir(parents=True, exist_ok=True)
    _write(damaged_out / ".cache" / "embeddings.sqlite", b"\x00" * 4096)
    pair = f"p1,{AR_SEED},ar,{EN_SEED},en"
    manifests = {
        "no_manifest": folder / "missing.csv",
        "manifest_columns": _write(folder / "columns.csv", "id,ar,en\np1,a.txt,b.txt\n"),
        "manifest_missing_file": _manifest(folder / "missing-file.csv", f"p1,{AR_SEED},ar,gone.en.txt,en"),
        "manifest_empty_field": _manifest(folder / "empty-field.csv", f"p1,{AR_SEED},,{EN_SEED},en"),
        "manifest_bad_id": _manifest(folder / "bad-id.csv", f"../../escape,{AR_SEED},ar,{EN_SEED},en"),
        "manifest_binary": _write(folder / "binary.csv", bytes(rng.randrange(256) for _ in range(512))),
        "manifest_same_language": _manifest(folder / "same-language.csv", pair, f"p2,{AR_SEED},ar,{AR_SEED},ar"),
        "manifest_header_only": _manifest(folder / "header-only.csv"),
        "manifest_duplicate": _manifest(folder / "duplicate.csv", pair, pair),
        "manifest_language": _manifest(folder / "language.csv", f"p1,{AR_SEED},fa,{EN_SEED},en"),
        "manifest_bad_pair": _manifest(folder / "one-bad-pair.csv", pair, f"unreadable,{folder / 'binary.txt'},ar,"
                                       f"{EN_SEED},en", f"p3,{AR_SEED},ar,{EN_SEED},en"),
    }

    def out(name: str) -> str:
        return str(folder / f"out-{name}")

    def align(name: str, original: Path, translation: Path = EN_SEED, *extra: str) -> tuple[str, ...]:
        return ("align", str(original), str(translation), "--out", out(name), "--no-cache", *extra)

    def corpus(name: str) -> tuple[str, ...]:
        return ("corpus", str(manifests[name]), "--out", out(name))

    cases = [
        # unreadable or not text (bad input: exit 2)
        Case("empty file", align("empty", f["empty"]), 2, "empty.txt", "empty"),
        Case("whitespace only", align("whitespace", f["whitespace"]), 2, "whitespace.txt", "empty"),
        Case("binary file", align("binary", f["binary"]), 2, "binary.txt", "binary"),
        Case("NUL bytes inside Arabic text", align("nul", f["nul"]), 2, "nul.ar.txt", "binary"),
        Case("digits and punctuation only", align("numbers", f["punctuation"]), 2, "numbers.txt",
             "no Arabic or Latin letters"),
        Case("HTML page without visible text", align("html-empty", f["html_empty"]), 2, "empty-page.ar.txt",
             "HTML page without visible text"),
        Case("missing file", align("missing", folder / "nope.txt"), 2, "nope.txt", "no such file"),
        Case("dangling symbolic link", align("dangling", dangling), 2, "dangling.ar.txt", "no such file"),
        Case("folder given as a file", align("folder", folder), 2, str(folder), "not a regular file"),
        Case("named pipe given as a file", align("fifo", fifo), 2, "fifo.ar.txt", "not a regular file"),
        Case("file over the 5 MiB limit by one byte", align("limit", f["at_limit"]), 2, "over-limit.ar.txt",
             "5,242,881 bytes, more than the 5,242,880 bytes (5 MiB)", covers="#18.11"),
        # encodings (#18.2)
        Case("unknown encoding (Shift-JIS)", align("sjis", f["shift_jis"]), 2, "shift_jis.txt", "unknown encoding",
             covers="#18.2"),
        Case("unknown encoding (Cyrillic Windows-1251)", align("cp1251", AR_SEED, f["cp1251"]), 2, "cyrillic.en.txt",
             "unknown encoding", covers="#18.2"),
        Case("UTF-8 with a damaged byte", align("damaged", f["damaged_utf8"]), 2, "damaged.ar.txt",
             "invalid UTF-8 at byte", covers="#18.2"),
        Case("Latin-1 text where Arabic is expected", align("latin1", f["latin1"]), 2, "latin1.txt", "expected Arabic",
             covers="#18.2"),
        Case("Windows-1252 English", align("cp1252", AR_SEED, f["cp1252"]), 0, covers="#18.2"),
        Case("Latin-1 English", align("latin1-en", AR_SEED, f["latin1_en"]), 0, covers="#18.2"),
        Case("Windows-1256 Arabic", align("cp1256", f["cp1256"]), 0, covers="#18.2"),
        Case("UTF-16 Arabic", align("utf16", f["utf16"]), 0),
        Case("UTF-8 with BOM and CRLF line ends", align("crlf", f["crlf_bom"]), 0),
        # wrong language or script
        Case("English where Arabic is expected", align("swapped", EN_SEED), 2, EN_SEED.name, "expected Arabic"),
        Case("Arabic where English is expected", align("swapped2", AR_SEED, AR_SEED), 2, AR_SEED.name,
             "expected English"),
        Case("the same language on both sides", align("same", AR_SEED, AR_SEED, "--translation-lang", "ar"), 2,
             AR_SEED.name, "both Arabic", covers="#18.6"),
        # text that is awkward but readable (exit 0)
        Case("mixed-script text", align("mixed", f["mixed"]), 0),
        Case("HTML pasted as text", align("html", f["html"]), 0),
        Case("long text without punctuation", align("long", f["long"], f["long_en"]), 0),
        Case("translation forty times longer than its original", align("en40", AR_SEED, f["en40"]), 0,
             covers="#18.1"),
        Case("original forty times longer than its translation", align("ar40", f["ar40"]), 0, covers="#18.1"),
        Case("a 6,000-word translation line without punctuation", align("line6k", AR_SEED, f["line6k"]), 0,
             covers="#18.1"),
        Case("Arabic with short vowels on 80% of its letters", align("vowelled", f["vowelled"]), 0, covers="#18.3"),
        Case("Arabic with tatweel, bidi marks and Arabic-Indic digits", align("marks", f["marks"]), 0),
        Case("lines starting with = + - @ (spreadsheet formulas)", align("formulas", AR_SEED, f["formulas"]), 0,
             covers="#18.7"),
        Case("3,000 blank lines between paragraphs", align("blank-lines", AR_SEED, f["blank_lines"]), 0),
        Case("Arabic file name with spaces and brackets", align("odd-name", AR_SEED, f["odd name"]), 0),
        # the embedding cache (#18.4)
        Case("--cache naming a text file", align("cache-notes", AR_SEED)[:-1] + ("--cache", str(notes)), 2,
             "notes.sqlite", "not an embedding cache", covers="#18.4"),
        Case("--cache naming another program's database", align("cache-foreign", AR_SEED)[:-1]
             + ("--cache", str(foreign)), 2, "review.sqlite", "SQLite database of something else", covers="#18.4"),
        Case("--cache naming a folder", align("cache-folder", AR_SEED)[:-1] + ("--cache", str(folder)), 2,
             str(folder), "a folder, not an embedding cache", covers="#18.4"),
        Case("damaged cache in the output folder", ("align", str(AR_SEED), str(EN_SEED), "--out", str(damaged_out)),
             0, covers="#18.4", warns="damaged embedding cache"),
        # manifests (exit 3)
        Case("manifest missing", ("corpus", str(manifests["no_manifest"]), "--out", out("m1")), 3,
             "missing.csv", "not found"),
        Case("manifest without the columns", corpus("manifest_columns"), 3, "columns.csv", "missing column"),
        Case("manifest row naming a missing file", corpus("manifest_missing_file"), 3, "missing-file.csv:2",
             "not found"),
        Case("manifest row with an empty field", corpus("manifest_empty_field"), 3, "empty-field.csv:2",
             "empty original_lang"),
        Case("manifest pair id escaping the output folder", corpus("manifest_bad_id"), 3, "bad-id.csv:2", "pair_id"),
        Case("manifest that is not text", corpus("manifest_binary"), 3, "binary.csv", "manifest"),
        Case("manifest row with the same language on both sides", corpus("manifest_same_language"), 3,
             "same-language.csv:3", "both Arabic", covers="#18.6"),
        Case("manifest with a header and no pairs", corpus("manifest_header_only"), 3, "header-only.csv",
             "lists no pairs"),
        Case("manifest with a duplicate pair id", corpus("manifest_duplicate"), 3, "duplicate.csv:3",
             "duplicate pair_id"),
        Case("manifest row with an unsupported language", corpus("manifest_language"), 3, "language.csv:2", "'fa'"),
        Case("manifest with a bad pair among good ones", corpus("manifest_bad_pair") + ("--pairs-only",), 5,
             "one-bad-pair.csv:3 (pair unreadable)", "binary", covers="#18.5", failed_pair="unreadable"),
        Case("folder given as the manifest", ("corpus", str(folder), "--out", out("m8")), 3, str(folder),
             "not found"),
        # command line and output
        Case("output folder cannot be created", ("align", str(AR_SEED), str(EN_SEED), "--out",
                                                 str(blocked / "reports"), "--no-cache"), 4, "a-file", "cannot"),
        Case("bad pair id", ("align", str(AR_SEED), str(EN_SEED), "--pair-id", "../x", "--out", out("pid"),
                             "--no-cache"), 2, "../x", "pair id"),
        Case("--workers 0", ("batch", str(manifests["manifest_duplicate"]), "--workers", "0", "--out", out("w0")), 2,
             "--workers", "not a positive number", covers="#18.11"),
        Case("unknown option", align("bogus", AR_SEED) + ("--bogus",), 2, "--bogus", "unrecognized arguments"),
    ]
    if big:
        line60k = _write(folder / "line60000.en.txt", " ".join(rng.choice(en_words) for _ in range(60000)) + "\n")
        # short sentences (the first 8 words of each seed line), so that the file stays under 5 MiB
        lines = [" ".join(s.split()[:8]) + "." for s in ar.split("\n") if len(s.split()) > 5]
        en_lines = [" ".join(s.split()[:8]) + "." for s in en.split("\n") if len(s.split()) > 5]
        long_ar = _write(folder / "20000-lines.ar.txt",
                         "".join(f"{lines[k % len(lines)]} ({k})\n" for k in range(20000)))
        long_en = _write(folder / "20000-lines.en.txt",
                         "".join(f"{en_lines[k % len(en_lines)]} ({k})\n" for k in range(20000)))
        big_file = _write(folder / "big.ar.txt", (ar + "\n") * (20_000_000 // len(ar.encode()) + 1))
        cases += [
            Case("20 MB file", align("big", big_file), 2, "big.ar.txt", "bytes (5 MiB)", big=True),
            Case("a 60,000-word translation line without punctuation", align("line60k", AR_SEED, line60k), 0,
                 covers="#18.1", big=True),
            Case("a 20,000-line article", align("20000", long_ar, long_en), 0, long_ar.name,
                 "too long to align in one piece", covers="#18.10", or_refused=2, big=True),
        ]
    return cases
