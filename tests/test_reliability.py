"""Bad input gets one clear line and a documented exit code; faults leave nothing half-written;
the same input gives byte-identical reports."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from aligner import cli
from aligner.report.writer import write_csv
from tests.bad_inputs import AR_SEED, EN_SEED, make_cases

CASES_DIR = "bad-inputs"


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return make_cases(tmp_path_factory.mktemp(CASES_DIR))


def _case(cases, name):
    return next(c for c in cases if c.name == name)


@pytest.mark.parametrize("name", [
    "empty file", "whitespace only", "binary file", "unknown encoding (Shift-JIS)", "unknown encoding (Latin-1 French)",
    "missing file", "folder given as a file", "English where Arabic is expected", "Arabic where English is expected",
    "manifest missing", "manifest without the columns", "manifest row naming a missing file",
    "manifest row with an empty field", "manifest pair id escaping the output folder", "manifest that is not text",
    "output folder cannot be created", "bad pair id", "20 MB file",
])
def test_bad_input_gets_one_clear_line(cases, name, capsys):
    case = _case(cases, name)
    code = cli.main(list(case.args))
    err = capsys.readouterr().err
    assert code == case.exit_code, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aligner: error: "), err
    assert case.names in lines[0] and case.says in lines[0], lines[0]
    folder = _out(case)
    leftovers = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    assert leftovers == [], leftovers  # nothing half-written


def _out(case) -> Path:
    return Path(case.args[case.args.index("--out") + 1])


def _signature(folder):
    pair = next(p for p in folder.iterdir() if p.is_dir())
    return json.loads((pair / "report-signature.json").read_text(encoding="utf-8-sig")), pair


def test_windows_1256_arabic_is_read_and_recorded(cases, capsys):
    case = _case(cases, "Windows-1256 Arabic")
    assert cli.main(list(case.args)) == 0
    signature, _ = _signature(_out(case))
    assert signature["inputs"][0]["encoding"] == "cp1256"


def test_html_is_reduced_to_its_visible_text(cases, capsys):
    case = _case(cases, "HTML pasted as text")
    assert cli.main(list(case.args)) == 0
    signature, pair = _signature(_out(case))
    assert signature["inputs"][0]["format"] == "html"
    segments = pd.read_csv(pair / "segments.csv", encoding="utf-8-sig")
    arabic = " ".join(segments[segments.lang == "ar"].text)
    assert "<p>" not in arabic and "tracker" not in arabic and "الرئيسية" not in arabic
    assert "انسحبت مجموعات تابعة" in arabic


def test_mixed_script_and_unpunctuated_text_are_aligned(cases, capsys):
    for name in ("mixed-script text", "long text without punctuation"):
        case = _case(cases, name)
        assert cli.main(list(case.args)) == 0, name
        _, pair = _signature(_out(case))
        alignment = pd.read_csv(pair / "alignment.csv", encoding="utf-8-sig")
        assert (alignment.link_type.str.match(r"[1-9]-[1-9]")).sum() >= 3, name
    segments = pd.read_csv(pair / "segments.csv", encoding="utf-8-sig")
    words = segments[segments.level == "sentence"].text.str.split().str.len()
    assert words.max() <= 150 and len(words) >= 40  # 1,500 words cut into pieces (at most 150 words each)


def test_interrupted_write_keeps_the_previous_report(tmp_path, monkeypatch):
    target = tmp_path / "findings.csv"
    write_csv([{"a": 1}], ["a"], target)
    before = target.read_bytes()

    def broken(self, handle, **kwargs):
        handle.write("a\n1\n2\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    with pytest.raises(OSError):
        write_csv([{"a": 1}, {"a": 2}], ["a"], target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["findings.csv"]  # no temporary file left


def test_reports_are_byte_identical_on_rerun(tmp_path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    args = ["corpus", str(AR_SEED.parent / "pairs.csv"), "--pairs-only"]
    assert cli.main(args + ["--out", str(first), "--no-cache"]) == 0
    assert cli.main(args + ["--out", str(second), "--cache", str(tmp_path / "cache.sqlite")]) == 0
    assert cli.main(args + ["--out", str(second), "--cache", str(tmp_path / "cache.sqlite")]) == 0  # warm cache
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) >= 7
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
