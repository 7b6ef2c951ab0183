"""The report contract: column lists, file names in one place, formula-injection escaping, the signature."""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.divergence.findings import Finding, Span
from aligner.document import load_document
from aligner.entities import table
from aligner.report import columns, files
from aligner.report.cells import FORMULA_STARTS, escape_cell, unescape_cell
from aligner.report.rows import alignment_rows
from aligner.report.writer import read_csv
from aligner.review.app import create_app
from aligner.review.pairs import ReportLibrary

ROOT = Path(__file__).resolve().parents[1]

# Cells a spreadsheet would run, in both languages: formulas, signs, an @-mention, a cell already quoted.
HOSTILE_AR = ("=1+1 أعلنت وزارة الصحة أن 12 مدنيا قتلوا في قصف على مدينة حلب يوم أمس.\n"
              "- وقال مصدر محلي إن القصف استهدف سوقا شعبيا وسط المدينة.\n"
              "@المرصد قال إن 5 أطفال بين القتلى.\n"
              "- وأضاف المصدر أن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت أنقاض المباني المدمرة في الحي القديم.\n")
HOSTILE_EN = ('=HYPERLINK("http://evil.example","x") The health ministry said 12 civilians were killed in shelling '
              "on Aleppo yesterday.\n"
              "+A local source said the shelling hit a popular market in the city centre.\n"
              "'-Observers said 7 children were among the dead.\n")


@given(st.text())
def test_escaping_is_reversible_for_any_text(text):
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert escaped[:1] not in FORMULA_STARTS  # nothing a spreadsheet would run


@pytest.mark.parametrize("text, written", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-x", "'-x"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
    ("\r=x", "'\r=x"), ("'=x", "''=x"), ("''-x", "'''-x"), ("'x", "'x"), ("=١+١ قال", "'=١+١ قال"),
    ("قال =1", "قال =1"), ("", ""), ("'", "'"),
])
def test_escape_examples(text, written):
    assert escape_cell(text) == written and unescape_cell(written) == text


def test_numbers_stay_numbers():
    assert escape_cell(-0.25) == -0.25 and escape_cell(-3) == -3 and escape_cell(None) is None


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory, embedder):
    from aligner.pipeline import run_pair

    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "a.ar.txt").write_text(HOSTILE_AR, encoding="utf-8")
    (tmp / "b.en.txt").write_text(HOSTILE_EN, encoding="utf-8")
    run_pair("hostile", tmp / "a.ar.txt", "ar", tmp / "b.en.txt", "en", tmp / "reports", embedder)
    return tmp


def _raw_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


@pytest.mark.parametrize("name", [files.SEGMENTS, files.ALIGNMENT, files.FINDINGS])
def test_report_cells_never_start_a_formula(hostile_reports, name):
    rows = _raw_cells(hostile_reports / "reports" / "hostile" / name)
    cells = [c for row in rows for c in row]
    assert [c for c in cells if c[:1] in FORMULA_STARTS and not _is_number(c)] == []
    assert any(c.startswith(("'=", "'-", "'@", "'+", "''-")) for c in cells)  # the hostile text is there, escaped


def test_escaped_reports_read_back_exactly(hostile_reports):
    folder = hostile_reports / "reports" / "hostile"
    docs = {"a.ar.txt": load_document(hostile_reports / "a.ar.txt", "ar"),
            "b.en.txt": load_document(hostile_reports / "b.en.txt", "en")}
    segments = read_csv(folder / files.SEGMENTS)
    assert any(s["text"].startswith("=1+1") for s in segments) and any(s["text"].startswith("'-") for s in segments)
    for s in segments:
        assert docs[s["document"]].text[int(s["start"]):int(s["end"])] == s["text"]
    library = ReportLibrary(hostile_reports / "reports")
    pair = library.get("hostile")
    assert pair.original.text.startswith("=1+1") and pair.translation.text.startswith("=HYPERLINK")
    findings = library.tool_findings("hostile")
    assert any(f["original_text"].startswith("- وأضاف") for f in findings)
    for f in findings:
        for side in (pair.original, pair.translation):
            key = "original" if side is pair.original else "translation"
            if f[f"{key}_text"]:
                assert side.text[int(f[f"{key}_start"]):int(f[f"{key}_end"])] == f[f"{key}_text"]


def test_review_export_escapes_comments_and_texts(hostile_reports, tmp_path):
    client = create_app(hostile_reports / "reports", tmp_path / "review.sqlite").test_client()
    page = client.get("/pairs/hostile").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    omission = next(f for f in read_csv(hostile_reports / "reports" / "hostile" / files.FINDINGS)
                    if f["subtype"] == "sentence")
    r = client.post(f"/api/pairs/hostile/findings/{omission['finding_id']}/decision", headers={"X-CSRFToken": token},
                    json={"status": "confirmed", "comment": "=cmd|' /C calc'!A0", "corrected_translation": "@x"})
    assert r.status_code == 200
    for url in ("/export.csv", "/export-log.csv"):
        text = client.get(url).get_data(as_text=True).lstrip("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text)))
        row = next(r for r in rows if r["finding_id"] == omission["finding_id"])
        assert row["comment"] == "'=cmd|' /C calc'!A0" and row["corrected_translation"] == "'@x"
        assert all(c[:1] not in FORMULA_STARTS or _is_number(c) for r in rows for c in r.values())
    export = list(csv.DictReader(io.StringIO(client.get("/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    row = next(r for r in export if r["finding_id"] == omission["finding_id"])
    assert row["original_text"] == "'" + omission["original_text"]  # "- وأضاف …" escaped again on the way out


def test_column_lists_match_the_rows(seed_alignment):
    finding = Finding(type="omission", subtype="sentence", severity="high", confidence=0.5, rule="r", evidence="e",
                      original=Span(("ar-s1",), 0, 3, "abc"), translation=Span())
    assert list(finding.row()) == columns.FINDING_COLUMNS
    assert list(alignment_rows(seed_alignment)[0]) == columns.ALIGNMENT_COLUMNS
    # The entity table's rows are built in aligner/entities/table.py; the contract's columns must be its columns.
    assert columns.ENTITY_COLUMNS == table.ENTITY_COLUMNS and columns.FLAG_COLUMNS == table.FLAG_COLUMNS
    assert not any(c.startswith(("ar_", "en_")) for c in columns.FINDING_COLUMNS + columns.ALIGNMENT_COLUMNS)


def _report_file_names() -> set[str]:
    return {v for k, v in vars(files).items() if k.isupper() and isinstance(v, str)}


def test_no_report_file_name_is_spelled_outside_the_contract():
    names = _report_file_names()
    assert {"findings.csv", "report-signature.json", "entities.csv"} <= names
    offenders = []
    for path in sorted((ROOT / "aligner").rglob("*.py")):
        if path.parent.name == "report":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
            if isinstance(node, ast.JoinedStr) and any(
                    isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value.endswith(("-review.csv",
                                                                                                 "-review.html"))
                    for v in node.values):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: review download name")
    assert offenders == []


def test_cli_imports_only_at_the_top_of_functions():
    tree = ast.parse((ROOT / "aligner" / "cli.py").read_text(encoding="utf-8"))
    names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert "_folder_jobs" not in names and "_write_entities" not in names
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        body = func.body[1:] if ast.get_docstring(func) else func.body
        leading = 0
        while leading < len(body) and isinstance(body[leading], (ast.Import, ast.ImportFrom)):
            leading += 1
        late = [n.lineno for stmt in body[leading:] for n in ast.walk(stmt)
                if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert late == [], f"{func.name}: imports after its first statement, lines {late}"


def test_signature_is_plain_json_from_code_and_hashes(seed_reports):
    from aligner.divergence import coverage, mismatch
    from aligner.entities import phonetic
    from aligner.normalize import arabic, english

    raw = (seed_reports / "damaspost-syrianobserver" / files.SIGNATURE).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # json.load reads it as it is
    signature = json.loads(raw.decode("utf-8"))
    settings = signature["settings"]
    assert settings["normalization"] == {"arabic": list(arabic.STEPS), "english": list(english.STEPS)}
    constants = settings["constants"]
    assert constants["aligner.divergence.coverage"]["MISSING_GAIN"] == coverage.MISSING_GAIN
    assert constants["aligner.entities.phonetic"]["MATCH_THRESHOLD"] == phonetic.MATCH_THRESHOLD
    assert constants["aligner.divergence.mismatch"]["PAIRING_DISTANCE"] == mismatch.PAIRING_DISTANCE
    assert "ROW_CHUNK" not in constants["aligner.align.scoring"]  # a work size, not a setting
    data = resources.files("aligner").joinpath("data")
    expected = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in data.iterdir() if f.is_file()}
    assert settings["data_sha256"] == expected and "aligner_weights.json" in expected
    assert settings["embeddings"] and settings["segmenter"] == "aligner.segment.segment"
    assert settings["aligner"]["max_source"] >= 1 and "skip_cost_offset" in settings["aligner"]
    assert [i["lang"] for i in signature["inputs"]] == ["ar", "en"]
    assert all(len(i["sha256"]) == 64 and i["encoding"] and i["format"] for i in signature["inputs"])
