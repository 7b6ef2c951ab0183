"""Batch runs: parallel workers, a failing pair that does not stop the others, resuming, Dask,
and pairing translations with their originals."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner import cli
from aligner.batch.jobs import PairJob
from aligner.batch.runner import run_batch

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = {
    "health": (
        "أعلنت وزارة الصحة في دمشق يوم الثلاثاء تسجيل 45 إصابة جديدة بفيروس كورونا.\n"
        "وقالت الوزارة إن عدد المتعافين بلغ 1200 شخص منذ بداية الشهر.\n",
        "The health ministry in Damascus announced 45 new coronavirus cases on Tuesday.\n"
        "The ministry said 1,200 people had recovered since the start of the month.\n"),
    "convoy": (
        "غادرت قافلة مساعدات أممية مدينة حلب باتجاه إدلب وعلى متنها 30 شاحنة.\n"
        "وأكد مسؤول في الأمم المتحدة أن القافلة تحمل مواد غذائية وأدوية لنحو 8000 عائلة.\n",
        "A UN aid convoy of 30 trucks left Aleppo for Idlib.\n"
        "A United Nations official said the convoy carries food and medicine for about 8,000 families.\n"),
    "currency": (
        "ارتفع سعر صرف الدولار في السوق السوداء إلى 3500 ليرة سورية.\n"
        "ويعزو تجار هذا الارتفاع إلى نقص العملة الأجنبية في لبنان.\n",
        "The dollar rose to 3,500 Syrian pounds on the black market.\n"
        "Traders attribute the rise to a shortage of foreign currency in Lebanon.\n"),
}
LONE_TRANSLATION = ("Heavy rain flooded dozens of tents in a camp near Azaz on Sunday, displacing 300 families.\n"
                    "Local volunteers said the drainage channels had collapsed overnight.\n")
LONE_ORIGINAL = ("افتتح معرض دمشق الدولي للكتاب أبوابه بمشاركة 150 دار نشر عربية.\n"
                 "ويستمر المعرض عشرة أيام ويضم ندوات شعرية وأمسيات ثقافية.\n")


def _write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["pair_id,original,original_lang,original_outlet,translation,translation_lang,translation_outlet"]
    for name, (ar, en) in ARTICLES.items():
        (folder / f"{name}.ar.txt").write_text(ar, encoding="utf-8")
        (folder / f"{name}.en.txt").write_text(en, encoding="utf-8")
        rows.append(f"{name},{name}.ar.txt,ar,Outlet AR,{name}.en.txt,en,Outlet EN")
    rows.append("broken,health.en.txt,ar,Outlet AR,convoy.en.txt,en,Outlet EN")  # English given as the original
    (folder / "pairs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder / "pairs.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _statuses(out: Path) -> dict[str, str]:
    return {r["pair_id"]: r["status"] for r in _rows(out / "batch_results.csv")}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("batch")
    manifest = _write_corpus(tmp / "corpus")
    out = tmp / "out"
    code = cli.main(["batch", str(manifest), "--out", str(out), "--workers", "2", "--no-progress",
                     "--cache", str(tmp / "cache.sqlite")])
    return tmp, manifest, out, code


def test_parallel_batch_reports_a_failing_pair_and_goes_on(first_run):
    _, _, out, code = first_run
    assert code == 5  # finished, with a failed pair
    assert _statuses(out) == {"health": "done", "convoy": "done", "currency": "done", "broken": "failed"}
    errors = _rows(out / "batch_errors.csv")
    assert [e["pair_id"] for e in errors] == ["broken"]
    assert "expected Arabic" in errors[0]["error"] and errors[0]["error_kind"] == "InputError"
    for name in ARTICLES:
        assert (out / name / "report-signature.json").is_file()
    findings = _rows(out / "corpus_findings.csv")
    assert {f["pair_id"] for f in findings} <= set(ARTICLES)
    outlets = _rows(out / "counts_by_outlet.csv")
    assert outlets[0]["original_outlet"] == "Outlet AR" and outlets[0]["pairs"] == "3"
    assert int(outlets[0]["findings"]) == len(findings)
    entities = _rows(out / "entities.csv")
    assert {"Aleppo", "حلب"} <= {e["variant"] for e in entities}


def test_rerun_skips_finished_pairs_and_redoes_changed_ones(first_run, tmp_path):
    tmp, manifest, out, _ = first_run
    resumed = tmp_path / "out"
    import shutil
    shutil.copytree(out, resumed)
    (resumed / "convoy" / "report-signature.json").unlink()  # as if interrupted while writing convoy
    changed = tmp_path / "corpus"
    shutil.copytree(manifest.parent, changed)
    (changed / "currency.en.txt").write_text(ARTICLES["currency"][1].replace("3,500", "3,600"), encoding="utf-8")
    code = cli.main(["batch", str(changed / "pairs.csv"), "--out", str(resumed), "--no-progress",
                     "--cache", str(tmp / "cache.sqlite"), "--no-entities"])
    assert code == 5
    assert _statuses(resumed) == {"health": "skipped", "convoy": "done", "currency": "done", "broken": "failed"}
    assert (resumed / "convoy" / "findings.csv").read_bytes() == (out / "convoy" / "findings.csv").read_bytes()
    mismatch = [f for f in _rows(resumed / "currency" / "findings.csv") if f["type"] == "mismatch"]
    assert any(f["subtype"] == "number_value" and f["translation_text"] == "3,600" and f["original_text"] == "3500"
               for f in mismatch)


def _health_job(manifest: Path) -> PairJob:
    return PairJob("health", manifest.parent / "health.ar.txt", "ar", manifest.parent / "health.en.txt", "en")


def _resume_status(first_run, tmp_path, change=None) -> str:
    """Resume a copy of the first run's health pair in this process, after ``change``; its status."""
    import shutil

    tmp, manifest, out, _ = first_run
    resumed = tmp_path / "resumed"
    shutil.copytree(out / "health", resumed / "health")
    if change:
        change()
    result = run_batch([_health_job(manifest)], resumed, cache=tmp / "cache.sqlite")
    return result.results[0].status


def test_resume_skips_a_pair_whose_signature_is_current(first_run, tmp_path):
    assert _resume_status(first_run, tmp_path) == "skipped"


def test_resume_reruns_a_pair_after_a_threshold_changes(first_run, tmp_path, monkeypatch):
    from aligner.divergence import coverage

    def change():
        monkeypatch.setattr(coverage, "MISSING_GAIN", coverage.MISSING_GAIN + 0.01)
    assert _resume_status(first_run, tmp_path, change) == "done"


def test_resume_reruns_a_pair_after_a_data_file_changes(first_run, tmp_path, monkeypatch):
    from aligner.report import signature

    real = signature.data_hashes

    def edited_lexicon() -> dict[str, str]:
        return {**real(), "loaded_terms.tsv": "0" * 64}

    def change():
        monkeypatch.setattr(signature, "data_hashes", edited_lexicon)
    assert _resume_status(first_run, tmp_path, change) == "done"


def test_resume_reruns_a_pair_after_the_version_changes(first_run, tmp_path, monkeypatch):
    from aligner.report import signature

    assert _resume_status(first_run, tmp_path, lambda: monkeypatch.setattr(signature, "__version__", "99.0")) == "done"


def test_resume_reruns_a_pair_whose_signature_is_of_an_older_format(first_run, tmp_path):
    tmp, manifest, out, _ = first_run
    resumed = tmp_path / "resumed"

    def old_signature():
        # as aligner 0.1.0 wrote it: a BOM, the inputs' hashes, settings in prose; nothing else changed
        payload = json.loads((out / "health" / "report-signature.json").read_text(encoding="utf-8"))
        old = {"aligner_version": payload["aligner_version"], "inputs": payload["inputs"],
               "settings": {"embeddings": payload["settings"]["embeddings"]}}
        (resumed / "health" / "report-signature.json").write_text(json.dumps(old), encoding="utf-8-sig")
    assert _resume_status(first_run, tmp_path, old_signature) == "done"
    assert json.loads((resumed / "health" / "report-signature.json").read_bytes())["signature_format"] == 2


def test_interrupted_batch_continues_where_it_stopped(first_run, tmp_path):
    import shutil
    import sqlite3

    tmp, manifest, out, _ = first_run
    resumed = tmp_path / "out"
    # One more pair, whose texts the warm cache does not hold. While this test holds the cache's
    # write lock, that pair cannot finish (it waits to store its embeddings), so the batch is
    # certainly still busy when the signal lands, however fast or loaded the machine.
    longer = tmp_path / "corpus"
    shutil.copytree(manifest.parent, longer)
    (longer / "stall.ar.txt").write_text("أعلنت بلدية حمص إغلاق ثلاثة جسور للصيانة حتى نهاية الشهر.\n", encoding="utf-8")
    (longer / "stall.en.txt").write_text("Homs council closed three bridges for repairs until the end of the month.\n",
                                         encoding="utf-8")
    with (longer / "pairs.csv").open("a", encoding="utf-8") as handle:
        handle.write("stall,stall.ar.txt,ar,Outlet AR,stall.en.txt,en,Outlet EN\n")
    manifest = longer / "pairs.csv"
    args = [sys.executable, "-m", "aligner", "batch", str(manifest), "--out", str(resumed), "--no-progress",
            "--no-entities", "--workers", "1", "--cache", str(tmp / "cache.sqlite")]
    lock = sqlite3.connect(tmp / "cache.sqlite", isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # readers go on (WAL); the stall pair's write waits
    try:
        process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 120
        while not (resumed / "currency" / "report-signature.json").exists() and time.time() < deadline:
            time.sleep(0.05)  # the pairs before the stall pair are done
        process.send_signal(signal.SIGINT)
        time.sleep(0.5)
    finally:
        lock.execute("COMMIT")  # the stalled write returns and the pending interrupt is raised
        lock.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    first = _statuses(resumed)
    assert first == {"health": "done", "convoy": "done", "currency": "done", "broken": "failed"}, first
    assert not (resumed / "stall" / "report-signature.json").exists()
    rerun = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert rerun.returncode == 5, rerun.stderr
    statuses = _statuses(resumed)
    assert statuses == {"health": "skipped", "convoy": "skipped", "currency": "skipped", "broken": "failed",
                        "stall": "done"}, statuses
    for name in ARTICLES:
        assert (resumed / name / "findings.csv").read_bytes() == (out / name / "findings.csv").read_bytes()


def test_same_batch_on_a_dask_local_cluster(first_run, tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="dask is not installed (pip install 'aligner[dask]')")
    tmp, manifest, out, _ = first_run
    jobs = [PairJob(n, manifest.parent / f"{n}.ar.txt", "ar", manifest.parent / f"{n}.en.txt", "en") for n in ARTICLES]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run_batch(jobs, tmp_path / "out", scheduler=cluster.scheduler_address,
                           cache=tmp / "cache.sqlite")
    assert [r.status for r in result.results] == ["done"] * 3
    assert {r.pair_id for r in result.results} == set(ARTICLES)
    for name in ARTICLES:
        assert (tmp_path / "out" / name / "findings.csv").read_bytes() == (out / name / "findings.csv").read_bytes()


def test_folders_are_paired_and_the_lone_translation_reported(first_run, tmp_path):
    tmp, manifest, _, _ = first_run
    originals, translations = tmp_path / "ar", tmp_path / "en"
    originals.mkdir()
    translations.mkdir()
    for name, (ar, en) in ARTICLES.items():
        (originals / f"{name}-original.txt").write_text(ar, encoding="utf-8")
        if name != "currency":
            (translations / f"{name}-translated.txt").write_text(en, encoding="utf-8")
    (translations / "floods-translated.txt").write_text(LONE_TRANSLATION, encoding="utf-8")
    (originals / "bookfair-original.txt").write_text(LONE_ORIGINAL, encoding="utf-8")
    out = tmp_path / "out"
    code = cli.main(["batch", "--originals", str(originals), "--translations", str(translations), "--out", str(out),
                     "--no-progress", "--no-entities", "--cache", str(tmp / "cache.sqlite")])
    assert code == 0
    rows = {Path(r["translation"]).name: r for r in _rows(out / "pairing.csv")}
    assert Path(rows["health-translated.txt"]["original"]).name == "health-original.txt"
    assert Path(rows["convoy-translated.txt"]["original"]).name == "convoy-original.txt"
    assert rows["floods-translated.txt"]["status"] == "unpaired" and rows["floods-translated.txt"]["original"] == ""
    assert set(_statuses(out).values()) == {"done"} and len(_statuses(out)) == 2
