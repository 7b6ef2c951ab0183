"""Layout kinds by position and form: a byline names a writer at the top or bottom of an article."""

from aligner.layout import mark_lines


def kinds(text, lang):
    return [(line.kind, line.text) for line in mark_lines(text, lang) if line.kind != "blank"]


def test_arabic_byline_at_the_top_and_body_sentences_that_begin_with_kataba():
    text = ("الصين تستهدف مزارعي ولاية آيوا\n\nكتب: محمد العلي\n\n"
            "كتب برانستاد في مقال رأي نشرته صحيفة محلية أن الصين تستهدف المزارعين الأمريكيين.\n\n"
            "وقال السفير إن الرسوم الجمركية ستضر بالطرفين.\n\nكتب على تويتر أن المحادثات ستستمر الأسبوع المقبل في بكين.\n\n"
            "وأضاف أن الحكومة مستعدة للتفاوض.\n\nوختم بالقول إن الاتفاق ممكن.")
    got = kinds(text, "ar")
    assert got[1] == ("byline", "كتب: محمد العلي")
    assert [k for k, t in got if t.startswith("كتب ")] == ["body", "body"]


def test_english_by_starts_a_body_sentence_unless_it_names_a_writer_at_an_edge():
    text = ("Livingston stun Rangers\n\nBy Graham Spiers\n\n"
            "By that stage, Rangers had dominated possession but found the home defence impenetrable.\n\n"
            "Menga struck seven minutes before half-time.\n\nLivingston held on.\n\nBy the end, the crowd was singing.")
    got = kinds(text, "en")
    assert got[1] == ("byline", "By Graham Spiers")
    assert [k for k, t in got if t.startswith("By ") and t != "By Graham Spiers"] == ["body", "body"]
