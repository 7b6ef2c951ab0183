"""A catalogue of awkward inputs and what the command line must answer to each.

Used by tests/test_reliability.py (in-process) and scripts/stress.py (real subprocesses).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AR_SEED = ROOT / "corpus" / "damaspost-foreign-forces-withdraw.ar.txt"
EN_SEED = ROOT / "corpus" / "syrianobserver-foreign-forces-withdraw.en.txt"


@dataclass(frozen=True)
class Case:
    """Run ``aligner *args``; expect ``exit_code`` and, on failure, one stderr line naming ``names`` and ``says``."""

    name: str
    args: tuple[str, ...]
    exit_code: int
    names: str = ""
    says: str = ""


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def make_cases(folder: Path, big: bool = True) -> list[Case]:
    """Write the input files into ``folder`` and return the cases (reports go to folder/out-<name>)."""
    folder.mkdir(parents=True, exist_ok=True)
    ar, en = AR_SEED.read_text(encoding="utf-8"), EN_SEED.read_text(encoding="utf-8")
    rng = random.Random(20261122)
    f = {
        "empty": _write(folder / "empty.txt", ""),
        "whitespace": _write(folder / "whitespace.txt", "  \n\t\n   \n"),
        "binary": _write(folder / "binary.txt", bytes(rng.randrange(256) for _ in range(4096))),
        "shift_jis": _write(folder / "shift_jis.txt", "これは日本語の記事です。東京で会議が開かれた。".encode("shift_jis")),
        "latin1": _write(folder / "latin1.txt", "Les forces françaises se sont retirées à l'est.".encode("latin-1")),
        "cp1252": _write(folder / "notepad.en.txt", en.replace('"', "\u201c").replace("'", "\u2019")
                         .replace(" - ", " \u2013 ").encode("cp1252", errors="replace")),
        "cp1256": _write(folder / "cp1256.ar.txt", ar.encode("cp1256", errors="replace")),
        "mixed": _write(folder / "mixed.ar.txt", ar[:1500] + "\n\n" + en[:600]),
        "html": _write(folder / "pasted.ar.txt", "<!DOCTYPE html><html><head><title>داماس بوست</title>"
                       "<script>var tracker = 1;</script></head><body><nav>الرئيسية</nav><article><p>"
                       + ar.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p></article></body></html>"),
        "long": _write(folder / "long.ar.txt", " ".join(rng.choice(ar.split()).strip(".،") for _ in range(1500))),
        "long_en": _write(folder / "long.en.txt", " ".join(rng.choice(en.split()).strip(".,") for _ in range(1500))),
    }
    if big:
        f["big"] = _write(folder / "big.ar.txt", (ar + "\n") * (20_000_000 // len(ar.encode()) + 1))
    blocked = _write(folder / "a-file", "not a folder")
    manifests = {
        "no_manifest": folder / "missing.csv",
        "manifest_columns": _write(folder / "columns.csv", "id,ar,en\np1,a.txt,b.txt\n"),
        "manifest_missing_file": _write(folder / "missing-file.csv",
                                        "pair_id,original,original_lang,translation,translation_lang\n"
                                        f"p1,{AR_SEED},ar,gone.en.txt,en\n"),
        "manifest_empty_field": _write(folder / "empty-field.csv",
                                       "pair_id,original,original_lang,translation,translation_lang\n"
                                       f"p1,{AR_SEED},,{EN_SEED},en\n"),
        "manifest_bad_id": _write(folder / "bad-id.csv",
                                  "pair_id,original,original_lang,translation,translation_lang\n"
                                  f"../../escape,{AR_SEED},ar,{EN_SEED},en\n"),
        "manifest_binary": _write(folder / "binary.csv", bytes(rng.randrange(256) for _ in range(512))),
        "manifest_same_language": _write(folder / "same-language.csv",
                                         "pair_id,original,original_lang,translation,translation_lang\n"
                                         f"p1,{AR_SEED},ar,{EN_SEED},en\np2,{AR_SEED},ar,{AR_SEED},ar\n"),
    }

    def out(name: str) -> str:
        return str(folder / f"out-{name}")

    def align(name: str, original: Path, translation: Path = EN_SEED) -> tuple[str, ...]:
        return ("align", str(original), str(translation), "--out", out(name), "--no-cache")

    cases = [
        Case("empty file", align("empty", f["empty"]), 2, "empty.txt", "empty"),
        Case("whitespace only", align("whitespace", f["whitespace"]), 2, "whitespace.txt", "empty"),
        Case("binary file", align("binary", f["binary"]), 2, "binary.txt", "binary"),
        Case("unknown encoding (Shift-JIS)", align("sjis", f["shift_jis"]), 2, "shift_jis.txt", "unknown encoding"),
        Case("Latin-1 text where Arabic is expected", align("latin1", f["latin1"]), 2, "latin1.txt", "expected Arabic"),
        Case("Windows-1252 English", align("cp1252", AR_SEED, f["cp1252"]), 0),
        Case("missing file", align("missing", folder / "nope.txt"), 2, "nope.txt", "no such file"),
        Case("folder given as a file", align("folder", folder), 2, str(folder), "not a regular file"),
        Case("English where Arabic is expected", align("swapped", EN_SEED), 2, EN_SEED.name, "expected Arabic"),
        Case("Arabic where English is expected", align("swapped2", AR_SEED, AR_SEED), 2, AR_SEED.name,
             "expected English"),
        Case("the same language on both sides", align("same", AR_SEED, AR_SEED) + ("--translation-lang", "ar"), 2,
             AR_SEED.name, "both Arabic"),
        Case("manifest row with the same language on both sides",
             ("corpus", str(manifests["manifest_same_language"]), "--out", out("m7")), 3, "same-language.csv:3",
             "both Arabic"),
        Case("Windows-1256 Arabic", align("cp1256", f["cp1256"]), 0),
        Case("mixed-script text", align("mixed", f["mixed"]), 0),
        Case("HTML pasted as text", align("html", f["html"]), 0),
        Case("long text without punctuation", align("long", f["long"], f["long_en"]), 0),
        Case("manifest missing", ("corpus", str(manifests["no_manifest"]), "--out", out("m1")), 3,
             "missing.csv", "not found"),
        Case("manifest without the columns", ("corpus", str(manifests["manifest_columns"]), "--out", out("m2")), 3,
             "columns.csv", "missing column"),
        Case("manifest row naming a missing file", ("corpus", str(manifests["manifest_missing_file"]), "--out",
                                                    out("m3")), 3, "missing-file.csv:2", "not found"),
        Case("manifest row with an empty field", ("corpus", str(manifests["manifest_empty_field"]), "--out",
                                                  out("m4")), 3, "empty-field.csv:2", "empty original_lang"),
        Case("manifest pair id escaping the output folder", ("corpus", str(manifests["manifest_bad_id"]), "--out",
                                                             out("m5")), 3, "bad-id.csv:2", "pair_id"),
        Case("manifest that is not text", ("corpus", str(manifests["manifest_binary"]), "--out", out("m6")), 3,
             "binary.csv", "manifest"),
        Case("output folder cannot be created", ("align", str(AR_SEED), str(EN_SEED), "--out",
                                                 str(blocked / "reports"), "--no-cache"), 4, "a-file", "cannot"),
        Case("bad pair id", ("align", str(AR_SEED), str(EN_SEED), "--pair-id", "../x", "--out", out("pid"),
                             "--no-cache"), 2, "../x", "pair id"),
    ]
    if big:
        cases.append(Case("20 MB file", align("big", f["big"]), 2, "big.ar.txt", "bytes (5 MiB)"))
    return cases
