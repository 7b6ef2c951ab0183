"""Findings a reviewer can trust, on short Arabic and English texts written for these tests:
faithful renderings raise nothing, real departures are still found, in both directions."""

import csv

from aligner.align.document import align_documents
from aligner.divergence.calibration import Calibration, GroupModel, calibrate, group_key
from aligner.divergence.detect import detect
from aligner.divergence.findings import Finding, Span
from aligner.document import document_from_text


def findings_for(original, translation, embedder, original_lang="ar"):
    translation_lang = "en" if original_lang == "ar" else "ar"
    o = document_from_text(original, original_lang, "o")
    t = document_from_text(translation, translation_lang, "t")
    return detect(align_documents(o, t, embedder), embedder)


def kinds(findings):
    return {(f.type, f.subtype) for f in findings}


def test_english_original_counts_written_as_arabic_words_are_carried(embedder):
    f = findings_for("Four people were wounded in the 1980s riots, which lasted two days.",
                     "أصيب أربعة أشخاص في أعمال الشغب في الثمانينيات، التي استمرت يومين.", embedder, "en")
    assert not [x for x in f if x.subtype in ("number", "number_value")]


def test_english_original_number_dropped_by_the_translation_is_found(embedder):
    f = findings_for("The storm killed 14 people and destroyed 300 homes in the province.",
                     "قتلت العاصفة 14 شخصا ودمرت منازل في المحافظة.", embedder, "en")
    assert [x.original.text for x in f if x.subtype == "number"] == ["300"]


def test_english_original_regime_rendered_as_government_is_softening(embedder):
    f = findings_for("Regime forces shelled the town of Saraqib on Tuesday, killing three civilians.",
                     "قصفت القوات الحكومية بلدة سراقب يوم الثلاثاء ما أدى إلى مقتل ثلاثة مدنيين.", embedder, "en")
    soft = [x for x in f if x.type == "softening"]
    assert soft and soft[0].original.text == "Regime"


def test_loaded_word_in_its_everyday_sense_is_no_softening(embedder):
    f = findings_for("اعتقلت الشرطة رجلا يبلغ من العمر 32 عاما للاشتباه في ارتكابه جريمة قتل.",
                     "Police arrested a 32-year-old man on suspicion of murder.", embedder)
    assert not [x for x in f if x.type in ("softening", "intensification")]


def test_translation_that_stops_short_is_a_dropped_clause_not_an_addition(embedder):
    original = ("قال المتحدث إن القوات استعادت السيطرة على القرية بعد معارك عنيفة، مضيفا أن عشرات المدنيين "
                "فروا باتجاه الحدود التركية خلال الليل.")
    f = findings_for(original, "The spokesman said the forces regained control of the village after fierce battles.",
                     embedder)
    assert not [x for x in f if x.type == "addition"]
    assert [x for x in f if x.type == "omission" and "الحدود" in x.original.text]


def test_a_softening_quotes_the_english_rendering_as_a_whole_word(embedder):
    f = findings_for("استشهد خمسة مدنيين في القصف.", "Five civilians were killed in the shelling.", embedder)
    soft = next(x for x in f if x.type == "softening")
    assert soft.translation.text == "killed" and soft.translation.start is not None


def test_finding_id_depends_on_its_own_spans_only(embedder):
    before = findings_for("قتل 12 شخصا وأصيب 40 آخرون في الانفجار الذي وقع في السوق.",
                          "Twelve people were killed in the blast at the market.", embedder)
    after = findings_for("قتل 12 شخصا وأصيب 40 آخرون في الانفجار الذي وقع في السوق المركزي.",
                         "Twelve people were killed in the blast at the central market.", embedder)
    missing = lambda fs: {x.id for x in fs if x.subtype == "number"}  # noqa: E731
    assert missing(before) and missing(before) == missing(after)


def _finding(rule, severity="high", confidence=0.9, signal=0.0, text="x"):
    return Finding(type="omission", subtype="number", severity=severity, confidence=confidence, rule=rule,
                   evidence="", original=Span((), 0, 1, text), score=confidence, signal=signal)


def test_calibration_maps_scores_to_probabilities_and_caps_severity():
    model = GroupModel(intercept=0.0, score_weight=1.0, signal_weight=10.0, max_severity="medium", labelled=40,
                       precision=0.7)
    calibration = Calibration(0.5, {"number:missing:digits@ar": model})
    low, high = calibrate([_finding("number:missing", confidence=0.3, text="3"),
                           _finding("number:missing", confidence=0.9, text="3")], "ar", calibration)
    assert low.confidence < 0.5 < high.confidence  # monotone in the raw score
    assert high.severity == "medium"  # the group was not measured precise: no 'high'
    assert group_key(_finding("number:missing", text="three"), "en") == "number:missing:words@en"


def test_pair_reports_keep_low_confidence_findings_apart(seed_reports):
    folder = seed_reports / "damaspost-syrianobserver"
    main = list(csv.DictReader((folder / "findings.csv").open(encoding="utf-8-sig")))
    low = list(csv.DictReader((folder / "findings_low.csv").open(encoding="utf-8-sig")))
    assert main and low
    assert all(float(r["confidence"]) >= 0.5 for r in main) and all(float(r["confidence"]) < 0.5 for r in low)
    rules = {r["rule"] for r in main}
    assert "rendered_neutrally:martyrdom" in rules and "label_dropped:militia" in rules
