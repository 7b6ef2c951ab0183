"""The command line: reports for the corpus, clear errors with exit codes, no tracebacks."""

import csv
import subprocess
import sys

from tests.conftest import AR_SEED, ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "aligner", *args], cwd=cwd, capture_output=True, text=True)


def test_help_lists_commands():
    out = run("--help")
    assert out.returncode == 0
    for command in ("segments", "corpus"):
        assert command in out.stdout


def test_corpus_writes_segments_csv(tmp_path):
    out = run("corpus", "corpus/pairs.csv", "--out", str(tmp_path))
    assert out.returncode == 0, out.stderr
    path = tmp_path / "damaspost-syrianobserver" / "segments.csv"
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    kinds = {(r["lang"], r["kind"]) for r in rows}
    assert {("ar", "headline"), ("ar", "byline"), ("ar", "body"), ("ar", "source"),
            ("ar", "disclaimer"), ("en", "body"), ("en", "translator_note")} <= kinds
    assert sum(r["lang"] == "en" and r["level"] == "sentence" for r in rows) == 12
    text = AR_SEED.read_text(encoding="utf-8")
    for r in rows:
        if r["lang"] == "ar":
            assert text[int(r["start"]):int(r["end"])] == r["text"]


def test_bad_input_gives_one_line_error(tmp_path):
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)))
    out = run("segments", str(binary))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "binary" in out.stderr
    out = run("corpus", str(tmp_path / "none.csv"))
    assert out.returncode == 3 and "manifest not found" in out.stderr


def test_malformed_manifest_row(tmp_path):
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("pair_id,original,original_lang,translation,translation_lang\n"
                        "p1,missing.txt,ar,also-missing.txt,en\n", encoding="utf-8")
    out = run("corpus", str(manifest), "--out", str(tmp_path / "out"))
    assert out.returncode == 3
    assert "pairs.csv:2" in out.stderr and "not found" in out.stderr


def test_batch_workers_default_is_the_one_the_help_and_readme_give():
    import os

    from aligner.cli import build_parser

    args = build_parser().parse_args(["batch", "pairs.csv"])
    assert args.workers == min(2, len(os.sched_getaffinity(0)))
    help_text = run("batch", "--help").stdout
    assert "(default: 2, or 1 on a one-" in help_text
    assert "two by default" in (ROOT / "README.md").read_text(encoding="utf-8")
    out = run("batch", "pairs.csv", "--workers", "0")
    assert out.returncode == 2 and "0 is not a positive number" in out.stderr
