"""Each kind of finding on short texts written for the tests, and the seed pair's findings."""

import pytest

from aligner.align.document import align_documents
from aligner.divergence.detect import detect
from aligner.document import document_from_text


def findings_for(ar, en, embedder):
    original = document_from_text(ar, "ar", "ar")
    translation = document_from_text(en, "en", "en")
    return detect(align_documents(original, translation, embedder), embedder)


def kinds(findings):
    return {(f.type, f.subtype) for f in findings}


def test_martyrdom_rendered_as_killed(embedder):
    f = findings_for("استشهد ثلاثة مدنيين في قصف على المدينة.", "Three civilians were killed in shelling on the city.", embedder)
    soft = [x for x in f if x.type == "softening"]
    assert len(soft) == 1 and soft[0].subtype == "rendered_neutrally" and soft[0].original.text == "استشهد"
    assert "killed" in soft[0].evidence


def test_martyrdom_kept_is_no_finding(embedder):
    f = findings_for("استشهد ثلاثة مدنيين في قصف على المدينة.", "Three civilians were martyred in shelling on the city.", embedder)
    assert not [x for x in f if x.type in ("softening", "intensification")]


def test_occupation_rendered_as_presence(embedder):
    f = findings_for("طالب المحتجون بإنهاء الاحتلال الأمريكي في شرق سوريا.",
                     "Protesters demanded an end to the American presence in eastern Syria.", embedder)
    assert ("softening", "rendered_neutrally") in kinds(f)


def test_withdrew_rendered_as_fled_is_intensified(embedder):
    f = findings_for("انسحب المقاتلون من البلدة بعد معارك استمرت يومين.",
                     "The fighters fled the town after two days of battles.", embedder)
    assert ("intensification", "loaded_rendering") in kinds(f)


def test_number_changed_and_number_dropped(embedder):
    f = findings_for("قتل 12 شخصا وأصيب 40 آخرون في الانفجار.", "Ten people were killed and others injured in the blast.", embedder)
    assert ("mismatch", "number_value") in kinds(f)
    assert ("omission", "number") in kinds(f)


def test_qualifier_kept_is_no_finding(embedder):
    f = findings_for("عالق في المدينة أكثر من 20 ألف مدني.", "More than 20,000 civilians are stuck in the city.", embedder)
    assert not [x for x in f if x.subtype.startswith("number")]


def test_dropped_yesterday(embedder):
    f = findings_for("قصفت الطائرات القرية يوم أمس وقتلت خمسة أشخاص.", "Aircraft bombed the village, killing five people.", embedder)
    times = [x for x in f if x.subtype == "date_time"]
    assert len(times) == 1 and times[0].original.text == "يوم أمس"


def test_added_sentence_and_qualifier(embedder):
    f = findings_for("سيطرت القوات على الحقل النفطي.",
                     "The forces took control of the main oil field. The weather in Paris was sunny and warm all week.",
                     embedder)
    assert ("addition", "sentence") in kinds(f)
    assert ("addition", "qualifier") in kinds(f)


def test_omitted_sentence(embedder):
    ar = ("قالت وزارة الصحة إن 12 شخصا قتلوا في انفجار بالعاصمة.\n"
          "وأضافت أن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض.\n"
          "وأعلنت الحكومة الحداد ثلاثة أيام.")
    en = "The health ministry said 12 people were killed in an explosion in the capital. The government declared three days of mourning."
    f = findings_for(ar, en, embedder)
    omitted = [x for x in f if (x.type, x.subtype) == ("omission", "sentence")]
    assert [x.original.text for x in omitted] == ["وأضافت أن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض."]


@pytest.fixture(scope="module")
def seed_findings(seed_alignment, embedder):
    return detect(seed_alignment, embedder)


def test_seed_required_findings(seed_findings):
    got = {(f.type, f.subtype, f.original.text if f.original.text else f.translation.text[:30]) for f in seed_findings}
    headline = next(f for f in seed_findings if f.subtype == "headline")
    assert headline.type == "omission" and headline.severity == "medium"
    cause = next(f for f in seed_findings if f.subtype == "cause")
    assert cause.original.text.startswith("نتيجة لهجمات داعش")
    assert ("omission", "date_time", "يوم أمس") in got
    assert ("softening", "rendered_neutrally", "باستشهاد") in got
    labels = [f for f in seed_findings if f.subtype == "label_dropped"]
    # each dropped label quotes the group it labelled
    assert len(labels) == 2 and all(f.original.text.startswith("ميليشيا") for f in labels)
    assert {"جيش مغاوير الثورة", "مجلس دير الزور العسكري"} == {f.original.text.split('"')[1] for f in labels}
    notes = [f for f in seed_findings if f.subtype == "translator_note"]
    assert len(notes) == 2 and all(f.type == "addition" for f in notes)


def test_seed_renderings_that_keep_force_are_not_findings(seed_findings):
    kept = ("الاحتلال", "غير الشرعية", "المدعو", "العشوائي")
    for f in seed_findings:
        if f.type in ("softening", "intensification"):
            assert not any(w in f.original.text for w in kept), f
        assert f.subtype not in ("number", "number_value", "number_qualifier"), f


def test_finding_ids_are_stable(seed_alignment, seed_findings, embedder):
    again = detect(seed_alignment, embedder)
    assert [f.id for f in again] == [f.id for f in seed_findings]
    assert len({f.id for f in seed_findings}) == len(seed_findings)


def test_demonym_carries_the_name_and_a_changed_number_is_a_mismatch(embedder):
    f = findings_for("ارتفع سعر صرف الدولار في السوق السوداء إلى 3500 ليرة سورية.",
                     "The dollar rose to 3,600 Syrian pounds on the black market.", embedder)
    assert ("omission", "name") not in kinds(f)  # 'Syrian' names Syria
    mismatch = [x for x in f if (x.type, x.subtype) == ("mismatch", "number_value")]
    assert [(x.original.text, x.translation.text) for x in mismatch] == [("3500", "3,600")]


def test_clause_after_a_joint_without_comma_is_reported_missing(embedder):
    ar = ("أعلنت الحكومة أمس عن خطة جديدة لدعم المزارعين في المناطق الريفية المتضررة من الجفاف "
          "بينما رفضت أحزاب المعارضة الخطة واعتبرتها غير كافية لحل الأزمة الاقتصادية.\n"
          "وقال وزير الزراعة إن الخطة ستبدأ الشهر المقبل.")
    en = ("Yesterday the government announced a new plan to support farmers in rural areas hit by the drought.\n"
          "The agriculture minister said the plan would start next month.")
    alignment = align_documents(document_from_text(ar, "ar", "t.ar"), document_from_text(en, "en", "t.en"), embedder)
    clauses = [f for f in detect(alignment, embedder) if f.type == "omission" and f.subtype == "clause"]
    assert any("رفضت أحزاب المعارضة" in f.original.text for f in clauses)
    assert not any("لدعم المزارعين" in f.original.text for f in clauses)


def test_participial_clause_without_comma_is_reported_missing(embedder):
    ar = ("أصدر مكتب الطب الشرعي في المدينة تقريرًا أوليًا يوم الجمعة قائلاً إن سبب الوفاة هو إصابة بطلق ناري في الرأس.\n"
          "وقالت الشرطة إن التحقيق ما زال جاريًا.")
    en = "The city's coroner's office released a preliminary report on Friday.\nPolice said the investigation was still under way."
    from aligner.file_offsets import findings_in_file

    alignment = align_documents(document_from_text(ar, "ar", "t.ar"), document_from_text(en, "en", "t.en"), embedder)
    clauses = [f for f in detect(alignment, embedder) if f.type == "omission" and f.subtype == "clause"]
    assert [f.original.text for f in clauses] == ["قائلا إن سبب الوفاة هو إصابة بطلق ناري في الرأس"]  # as read
    reported = findings_in_file(clauses, alignment.original, alignment.translation)
    assert [f.original.text for f in reported] == ["قائلاً إن سبب الوفاة هو إصابة بطلق ناري في الرأس"]  # as written


def test_a_part_whose_numbers_the_translation_carries_is_not_missing(embedder):
    ar = ("وفي أوائل عام 2018، أعلنت المجموعة عن 390 التزامًا وإعلانًا نابعًا من أنشطتها، "
          "تم صرف ما لا يقل عن 10 مليارات دولار منها بالفعل.\nوقال المدير إن العمل مستمر.")
    en = ("In early 2018, the group cited 390 commitments and announcements stemming from its actions, "
          "at least $10 billion of which have already been disbursed.\nThe director said the work continues.")
    alignment = align_documents(document_from_text(ar, "ar", "t.ar"), document_from_text(en, "en", "t.en"), embedder)
    assert detect(alignment, embedder) == []  # 'at least $10 billion' keeps its qualifier, too


def test_word_level_evidence_that_a_span_is_carried():
    from aligner.divergence.evidence import carried

    english = "Det Insp Bob Blemmings said damage was caused to the gates, police said on 12 May."
    assert carried("وقال مفتش المباحث بوب بلمينجز", "ar", english, "en") == "name"
    assert carried("في 12 مايو", "ar", english, "en") == "numbers"
    assert carried("وأضاف أن الأضرار طالت المبنى نفسه أيضًا", "ar", english, "en") is None
    # a long span is not carried by one name in it
    assert carried("وقال بلمينجز إن الأضرار طالت المبنى نفسه والسيارات المتوقفة أمامه أيضًا", "ar", english, "en") is None


def test_an_attribution_moved_to_the_end_is_not_an_omission(embedder):
    # the source named in a short opening clause is named at the end of the English sentence
    ar = ("ووفقًا لما ذكرته مجلة فارايتي، قوبلت تعليقاته بصيحات الاستهجان مرتين على الأقل من الجمهور.\n"
          "وغادر المسرح بعد ذلك بقليل.")
    en = "His comments drew boos at least twice from the audience, Variety reported.\nHe left the stage shortly afterwards."
    alignment = align_documents(document_from_text(ar, "ar", "t.ar"), document_from_text(en, "en", "t.en"), embedder)
    # also: 'at least' after the Arabic number is its qualifier; وغادر 'and he left' is no loaded term
    assert detect(alignment, embedder) == []


def test_midnight_renders_night(embedder):
    ar = ("وقال مفتش الشرطة جون هاريسون، إن الحريق اندلع في الطابق الأرضي من المبنى قبل منتصف الليل بقليل.\n"
          "وأضاف أن رجال الإطفاء سيطروا على النيران خلال ساعتين.")
    en = ("The fire broke out on the ground floor of the building shortly before midnight, police inspector "
          "John Harrison said.\nHe added that firefighters had brought the flames under control within two hours.")
    alignment = align_documents(document_from_text(ar, "ar", "t.ar"), document_from_text(en, "en", "t.en"), embedder)
    assert detect(alignment, embedder) == []
