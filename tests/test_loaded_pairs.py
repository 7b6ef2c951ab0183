"""The written loaded-wording pairs: the file's rules, its coverage, and how findings are judged."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from aligner.divergence.cues import loaded_terms
from aligner.divergence.findings import Finding, Span
from aligner.evaluation.loaded_judge import Outcome, judge, tally
from aligner.evaluation.loaded_pairs import (
    COLUMNS,
    FAITHFUL,
    SOFTENED,
    LoadedPair,
    PairsFileError,
    load_pairs,
    read_pairs,
)
from aligner.resources import table

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pairs() -> list[LoadedPair]:
    return read_pairs()


def test_the_set_covers_what_it_must(pairs):
    kinds = Counter(p.kind for p in pairs)
    assert len(pairs) >= 240
    assert kinds["softened_neutral"] + kinds["softened_dropped"] >= 60
    assert kinds["intensified"] >= 40
    assert sum(kinds[k] for k in FAITHFUL) >= 100
    assert len({p.term_id for p in pairs if not p.is_cue}) >= 40
    assert sum(p.direction == "en-ar" for p in pairs) >= 50
    assert kinds["cue_dropped"] and kinds["cue_kept"]
    # each split holds every kind in both directions where the set has it
    for direction in ("ar-en", "en-ar"):
        for kind in FAITHFUL + SOFTENED + ("intensified",):
            assert {p.split for p in pairs if p.direction == direction and p.kind == kind} == {"dev", "test"}


def test_everyday_senses_of_ambiguous_terms_are_there(pairs):
    ordinary = " ".join(p.original for p in pairs if p.kind == "faithful_ordinary" and p.direction == "ar-en")
    for word in ("جريمة", "أبطال", "أداة", "اغتصاب", "إعدام", "هزيمة", "فرار", "النظام", "تحرير", "مسرحية", "المدعو"):
        assert word in ordinary, word


def test_terms_and_cues_are_the_lexicons_own(pairs):
    term_ids = {t.id for t in loaded_terms()}
    cue_keys = {row["key"] for row in table("divergence_cues.tsv")}
    for p in pairs:
        if p.is_cue:
            assert p.term_id[4:] in cue_keys, p.id
        else:
            assert p.term_id in term_ids, p.id


def test_ids_splits_and_variants(pairs):
    assert [p.id for p in pairs] == [f"L{n:03d}" for n in range(1, len(pairs) + 1)]
    assert all(p.split == ("dev" if int(p.id[1:]) % 2 else "test") for p in pairs)
    splits_of = defaultdict(set)
    for p in pairs:
        splits_of[p.original].add(p.split)
    assert all(len(s) == 1 for s in splits_of.values()), "one original in both splits"
    assert len({(p.original, p.translation) for p in pairs}) == len(pairs)
    assert {p.id for p in load_pairs("dev")} | {p.id for p in load_pairs("test")} == {p.id for p in pairs}
    assert not {p.id for p in load_pairs("dev")} & {p.id for p in load_pairs("test")}


def test_spans_are_in_the_right_script(pairs):
    for p in pairs:
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in p.span)
        assert arabic == (p.original_lang == "ar"), p.id
        assert p.span_offsets(), p.id


def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "pairs.tsv"
    lines = ["# a comment", "\t".join(COLUMNS)] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = ["L001", "dev", "ar-en", "استشهد جندي في القصف.", "A soldier was killed in the shelling.", "martyrdom",
        "softened_neutral", "استشهد", "martyred -> killed"]


@pytest.mark.parametrize("change, message", [
    ({1: "test"}, "must be in split 'dev'"),
    ({7: "الشهيد"}, "is not in the original"),
    ({6: "softened"}, "unknown kind"),
    ({6: "cue_kept"}, "does not fit term_id"),
    ({2: "ar-fr"}, "unknown direction"),
    ({0: "P1"}, "is not L followed by digits"),
])
def test_a_bad_row_is_named(tmp_path, change, message):
    row = [change.get(k, v) for k, v in enumerate(GOOD)]
    with pytest.raises(PairsFileError, match=message) as err:
        read_pairs(_write(tmp_path, [row]))
    assert "pairs.tsv:3" in str(err.value)


def test_bad_files(tmp_path):
    assert len(read_pairs(_write(tmp_path, [GOOD]))) == 1
    with pytest.raises(PairsFileError, match="duplicate id"):
        read_pairs(_write(tmp_path, [GOOD, GOOD]))
    with pytest.raises(PairsFileError, match="fields"):
        read_pairs(_write(tmp_path, [GOOD[:5]]))
    (tmp_path / "noheader.tsv").write_text("\t".join(GOOD) + "\n", encoding="utf-8")
    with pytest.raises(PairsFileError, match="header"):
        read_pairs(tmp_path / "noheader.tsv")
    with pytest.raises(PairsFileError, match="cannot read"):
        read_pairs(tmp_path / "missing.tsv")
    with pytest.raises(ValueError, match="unknown split"):
        load_pairs("train")


def _pair(kind: str, original: str, span: str, term: str = "martyrdom") -> LoadedPair:
    return LoadedPair("L001", "dev", "ar-en", original, "translation", term, kind, span, "")


def _finding(kind: str, text: str, start: int, end: int) -> Finding:
    return Finding(kind, "x", "high", 0.9, "rule", "why", Span.of(text, start, end))


def test_judging_by_type_and_place():
    text = "قال المصدر إن الشهيد كان في طريقه إلى عمله."
    at = text.index("الشهيد")
    softened = _pair("softened_neutral", text, "الشهيد")
    hit = _finding("softening", text, at, at + 6)
    elsewhere = _finding("softening", text, 0, 3)
    assert Outcome(softened, [hit]).found and not Outcome(softened, [hit]).stray
    assert not Outcome(softened, [elsewhere]).found and Outcome(softened, [elsewhere]).stray == [elsewhere]
    assert not Outcome(softened, [_finding("omission", text, at, at + 6)]).found

    faithful = _pair("faithful_loaded", text, "الشهيد")
    assert Outcome(faithful, [_finding("intensification", text, 0, 3)]).false_alarm
    assert not Outcome(faithful, [_finding("omission", text, 0, 3)]).false_alarm

    intensified = _pair("intensified", text, "قال", "alleged")
    assert Outcome(intensified, [_finding("intensification", text, 20, 24)]).found

    kept = _pair("cue_kept", text, "عمله", "cue:because")
    cue_at = text.index("عمله")
    assert Outcome(kept, [_finding("omission", text, cue_at, cue_at + 4)]).false_alarm
    assert not Outcome(kept, [_finding("omission", text, 0, 3)]).false_alarm
    dropped = _pair("cue_dropped", text, "عمله", "cue:because")
    assert Outcome(dropped, [_finding("omission", text, cue_at - 2, cue_at + 2)]).found

    cells = tally([Outcome(softened, [hit]), Outcome(softened, []), Outcome(faithful, [hit])])
    assert (cells[("ar-en", "softened_neutral")].pairs, cells[("ar-en", "softened_neutral")].found) == (2, 1)
    assert cells[("ar-en", "faithful_loaded")].false_alarms == 1


def test_the_pipeline_runs_both_directions(pairs, embedder):
    martyr = next(p for p in pairs if p.kind == "softened_neutral" and p.span == "استشهد" and p.split == "dev")
    english = next(p for p in pairs if p.direction == "en-ar" and p.kind == "softened_neutral")
    outcomes = judge([martyr, english], embedder)
    assert not any(o.error for o in outcomes)
    assert outcomes[0].found  # استشهد rendered 'were killed'


def test_script_refuses_a_bad_pairs_file(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("no header here\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_loaded_pairs.py"), "--pairs", str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "header" in done.stderr
