"""Numbers as value + qualifier in both languages."""

import pytest

from aligner.entities.numbers import find_numbers, numbers_match


def one(text, lang):
    found = find_numbers(text, lang)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,lang,value,qualifier", [
    ("عالقين لأكثر من 20 ألف مدني", "ar", 20000, "more_than"),
    ("more than 20,000 civilians", "en", 20000, "more_than"),
    ("يعتبر نحو 50 من مقاتلي", "ar", 50, "approx"),
    ("about 50 fighters", "en", 50, "approx"),
    ("ما يزيد عن 100 من مقاتليها", "ar", 100, "more_than"),
    ("استشهاد ١١ مدنيا", "ar", 11, "exact"),
    ("قتل أحد عشر مدنيا", "ar", 11, "exact"),
    ("eleven civilians", "en", 11, "exact"),
    ("مئة جندي", "ar", 100, "exact"),
    ("مائة جندي", "ar", 100, "exact"),
    ("ألفين مقاتل", "ar", 2000, "exact"),
    ("خمسة وعشرين قتيلا", "ar", 25, "exact"),
    ("twenty-one soldiers", "en", 21, "exact"),
    ("2.5 million people", "en", 2_500_000, "exact"),
    ("one hundred and fifty people", "en", 150, "exact"),
    ("حوالي ۳۰۰ عائلة", "ar", 300, "approx"),
])
def test_value_and_qualifier(text, lang, value, qualifier):
    n = one(text, lang)
    assert n.value == value and n.qualifier == qualifier
    assert text[n.start:n.end] == n.text


def test_cross_language_matches():
    ar = one("تواجداً لأكثر من 20 ألف مدني", "ar")
    en = one("more than 20,000 civilians are stuck", "en")
    assert numbers_match(ar, en) and ar.qualifier == en.qualifier
    assert numbers_match(one("نحو 50", "ar"), one("about 50", "en"))
    assert not numbers_match(one("11 مدنيا", "ar"), one("100 civilians", "en"))


def test_ranges_give_two_numbers():
    assert [n.value for n in find_numbers("in the past 10-12 days", "en")] == [10, 12]
    assert [n.value for n in find_numbers("some 2,500 to 3,000 IS militants", "en")] == [2500, 3000]


def test_words_that_are_not_numbers():
    assert find_numbers("thousands of people fled", "en") == []
    assert find_numbers("حتى الآن", "ar") == []


def test_arabic_digits_after_a_proclitic_and_ordinal_teens():
    from aligner.entities.numbers import find_numbers

    found = find_numbers("بلغ متوسطه 5.6 نقاط و2.6 ارتداد في القرن التاسع عشر بـ300 دولار", "ar")
    assert [(n.value, n.text) for n in found] == [(5.6, "5.6"), (2.6, "2.6"), (19.0, "التاسع عشر"), (300.0, "300")]


def test_arabic_thousands_dot_plural_multipliers_and_mixed_teens():
    found = find_numbers("أنتج المصنع 150.000 سيارة بتكلفة 3.1 مليارات يورو، وكان في الثالثة عشرة، "
                         "وبلغت الزيادة 2.125% أي 1.500 مليون", "ar")
    assert [(n.value, n.text) for n in found] == [
        (150000.0, "150.000"), (3.1e9, "3.1 مليارات"), (13.0, "الثالثة عشرة"), (2.125, "2.125"),
        (1.5e6, "1.500 مليون")]


def test_digits_in_latin_codes_are_not_numbers_on_either_side():
    assert find_numbers("مجموعة SS19 وبروتين HER2 وفرقاطة موديلF125 في قمة G7", "ar") == []
    assert find_numbers("the SS19 collection, a protein called HER2, the F125 frigate, the G7", "en") == []
    assert [n.value for n in find_numbers("مقاتلات F-16 فوق", "ar")] == [16.0]


def test_a_figure_in_digits_ends_at_its_multiplier():
    found = find_numbers("up from 1.7 million four years ago", "en")
    assert [(n.value, n.text) for n in found] == [(1.7e6, "1.7 million"), (4.0, "four")]
    assert find_numbers("one million four hundred thousand", "en")[0].value == 1_400_000


def test_counts_said_in_one_word():
    found = find_numbers("A decade after the war, exports doubled and imports nearly tripled; he came twice.", "en")
    assert [(n.value, n.text) for n in found] == [(10.0, "decade"), (2.0, "doubled"), (3.0, "tripled"), (2.0, "twice")]
    assert find_numbers("two decades of war", "en")[0].value == 2.0  # 'decades' is no number
    assert [n.value for n in find_numbers("زار المدينة مرتين", "ar")] == [2.0]


def test_a_currency_sign_does_not_hide_the_qualifier():
    found = find_numbers("at least $10 billion, more than US$ 5 million and about £1.5m", "en")
    assert [(n.value, n.qualifier) for n in found] == [(1e10, "at_least"), (5e6, "more_than"), (1.5e6, "approx")]


def test_a_qualifier_after_the_number():
    assert [(n.value, n.qualifier) for n in find_numbers("قوبلت بالاستهجان مرتين على الأقل", "ar")] == [(2.0, "at_least")]
    assert [(n.value, n.qualifier) for n in find_numbers("قتل 100 شخص تقريبًا في الهجوم", "ar")] == [(100.0, "approx")]
    assert [(n.value, n.qualifier) for n in find_numbers("100 people or more died", "en")] == [(100.0, "at_least")]
    assert [(n.value, n.qualifier) for n in find_numbers("قتل 100 شخص في الهجوم", "ar")] == [(100.0, "exact")]
