"""Sentence and clause segmentation on the corpus and on text written for the tests."""

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.document import document_from_text
from aligner.layout import mark_lines
from aligner.segment import arabic_sentence_spans, clause_spans, segment


def test_seed_translation_has_the_twelve_sentences_a_person_would(en_doc):
    texts = [s.text for s in en_doc.sentences]
    assert len(texts) == 12
    assert texts[0].endswith("according to information obtained by Damas Post.")
    assert texts[6].endswith("the SDF losses will be regained.")
    assert texts[7].startswith("It is very difficult because")
    assert texts[8] == "It’s very difficult fighting but we will get it done.”"
    assert [s.kind for s in en_doc.sentences[-2:]] == ["translator_note", "translator_note"]


def test_seed_original_kinds(ar_doc):
    kinds = [s.kind for s in ar_doc.sentences]
    assert kinds == ["kicker", "headline", "byline"] + ["body"] * 5 + ["source", "disclaimer"]
    headline = ar_doc.sentences[1].text
    assert "‘‘ دير الزور ‘‘.. و‘‘ مغاوير الثورة ‘‘" in headline  # no split on '..' or inside quotes


def test_raids_paragraph_splits_at_fima_and_fi_hin(ar_doc):
    raids = next(s for s in ar_doc.sentences if "باستشهاد" in s.text)
    clauses = [c.text for c in ar_doc.clauses if c.parent == raids.id]
    assert len(clauses) >= 3
    assert clauses[0].startswith("وكان التحالف الأمريكي") and clauses[0].endswith("هجين\"،")
    assert clauses[1].startswith("فيما أكدت مصادر")
    assert clauses[2].startswith("في حين أن المدفعية")


def test_offsets_point_at_exact_original(ar_doc, en_doc):
    for doc in (ar_doc, en_doc):
        for seg in doc.sentences + doc.clauses:
            assert doc.text[seg.start:seg.end] == seg.text


def test_arabic_rules_on_written_text():
    text = 'قال د. أحمد إن الوضع "صعب. جداً" الآن. وأضاف: هل انتهى؟ لا.. ليس بعد! وبلغت النسبة 2.5 بالمئة.'
    spans = [text[a:b] for a, b in arabic_sentence_spans(text, 0, len(text))]
    assert spans == ['قال د. أحمد إن الوضع "صعب. جداً" الآن.', "وأضاف: هل انتهى؟",
                     "لا.. ليس بعد!", "وبلغت النسبة 2.5 بالمئة."]


def test_waw_of_the_root_is_not_a_joint():
    text = "التقى الرئيس بالوفد في دمشق صباح اليوم، وزير الخارجية كان حاضرا في الاجتماع، وقال إن المحادثات مثمرة جدا"
    clauses = [text[a:b] for a, b in clause_spans(text, 0, len(text))]
    assert len(clauses) == 2
    assert clauses[1].startswith("وقال")


def test_english_abbreviations_do_not_split():
    text = "Gen. Smith met Mr. Jones in the U.S. on Jan. 5. They spoke for an hour."
    doc = document_from_text(text, "en")
    assert [s.text for s in doc.sentences] == [
        "Gen. Smith met Mr. Jones in the U.S. on Jan. 5.", "They spoke for an hour."]


def test_hard_wrapped_english_paragraph_is_joined():
    text = "Pro-SDF sources report heavy shelling by the International\nCoalition near Sousa. The SDF waits.\n"
    doc = document_from_text(text, "en")
    assert [s.text for s in doc.sentences][0].endswith("International\nCoalition near Sousa.")
    assert len(doc.sentences) == 2


def test_residue_is_not_segmented():
    text = "skip to Main Content\n\nThe SDF advanced on Hajin.\n\nImage: Al Ghad\nBack To Top\n"
    doc = document_from_text(text, "en")
    assert [s.text for s in doc.sentences] == ["The SDF advanced on Hajin."]
    assert [line.kind for line in doc.lines if line.kind != "blank"] == ["residue", "body", "residue", "residue"]


SEGMENT_TEXT = st.text(st.sampled_from(list("ابتسمقلو ،.؟!\"‘’«»\n..abc ABC?")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(SEGMENT_TEXT, st.sampled_from(["ar", "en"]))
def test_segmenters_never_crash_and_offsets_hold(text, lang):
    lines = mark_lines(text, lang)
    sentences, clauses = segment(text, lines, lang)
    previous = 0
    for seg in sentences:
        assert text[seg.start:seg.end] == seg.text and seg.text.strip() == seg.text and seg.text
        assert seg.start >= previous
        previous = seg.end
    for clause in clauses:
        parent = next(s for s in sentences if s.id == clause.parent)
        assert parent.start <= clause.start < clause.end <= parent.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["ar", "en"]))
def test_segmenters_never_crash_on_any_text(text, lang):
    segment(text, mark_lines(text, lang), lang)


def test_strong_joints_open_a_clause_without_a_comma():
    from aligner.segment import clause_spans

    text = "أعلنت الوزارة خطة جديدة للإصلاح بما في ذلك زيادة الرواتب والمعاشات ولكن النقابات رفضتها بشدة"
    clauses = [text[a:b] for a, b in clause_spans(text, 0, len(text))]
    assert clauses == ["أعلنت الوزارة خطة جديدة للإصلاح", "بما في ذلك زيادة الرواتب والمعاشات",
                       "ولكن النقابات رفضتها بشدة"]
    opening = "ولكن الوزارة أعلنت خطة جديدة للإصلاح"
    assert clause_spans(opening, 0, len(opening)) == [(0, len(opening))]  # a sentence may start with one


def test_loose_joints_bound_a_droppable_clause_but_not_an_alignment_clause():
    from aligner.segment import loose_joints

    text = "أصدر المكتب تقريرًا أوليًا يوم الجمعة قائلاً إن سبب الوفاة إصابة بطلق ناري وهو أمر نادر في المدينة"
    assert clause_spans(text, 0, len(text)) == [(0, len(text))]
    assert [text[c:c + 6] for c in loose_joints(text, 0, len(text))] == ["قائلاً", "وهو أم"]
    quoted = "قال الوزير «إن الأمر انتهى وهو قرار نهائي» للصحفيين"
    assert loose_joints(quoted, 0, len(quoted)) == []  # not inside a quotation


@settings(max_examples=200, deadline=None)
@given(SEGMENT_TEXT)
def test_loose_joints_fall_inside_the_span(text):
    from aligner.segment import loose_joints

    for start in (0, len(text) // 3):
        assert all(start < cut < len(text) for cut in loose_joints(text, start, len(text)))
