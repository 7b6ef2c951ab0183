"""Numbers in Arabic and English text as value + qualifier, with original offsets.

Handles digits in any script (through normalization), thousands separators, number words
in both languages ("eleven", "أحد عشر"), multipliers ("20 ألف" = 20,000, "2.5 million"),
and qualifiers just before a number ("نحو"/"about", "أكثر من"/"more than").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aligner.normalize.arabic import normalize_arabic
from aligner.normalize.english import normalize_english
from aligner.resources import table

_NUMBER_TOKENS = (
    r"[0-9]{1,2}:[0-9]{2}(?![0-9])"                        # clock time 5:30 (value 5.30)
    r"|[0-9]+\s?(?:[0-9]\u2044[0-9]+|[½¼¾⅓⅔])"            # mixed fraction 14½, 14 1⁄2
    r"|[0-9]\u2044[0-9]+|[½¼¾⅓⅔]"                          # fraction
    r"|[0-9]+(?:,[0-9]{3})+(?:\.[0-9]+)?(?:[a-zA-Z]+)?|[0-9]+(?:\.[0-9]+)?(?:[a-zA-Z]+)?")
# Arabic writes proclitics onto digits (و2.6 'and 2.6', ب20 'with 20'): Arabic words there are letters
# only; a Latin word keeps its digits (SS19, HER2, G7 are names, as the English tokens read them).
_TOKEN_RE = {"en": re.compile(_NUMBER_TOKENS + r"|\w+"),
             "ar": re.compile(_NUMBER_TOKENS + r"|[A-Za-z][A-Za-z0-9]*|[^\W\dA-Za-z]+")}
# letters written onto an English number: a multiplier (£11m, 2bn), else an ordinal or unit (19th, 5km)
_ATTACHED_MULTIPLIERS = {"m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9,
                         "k": 1e3, "thousand": 1e3, "tn": 1e12, "trillion": 1e12}
_ARABIC_DECIMAL_COMMA_RE = re.compile(r"(?<=[0-9]),(?=[0-9]{1,2}(?![0-9]))")  # 2,25 مليار = 2.25
# Arabic translators also group thousands with a dot (150.000 سيارة = 150,000); before a multiplier
# or a percent sign the dot stays a decimal point (1.500 مليون, 2.125%).
_ARABIC_DOT_THOUSANDS_RE = re.compile(
    r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9.,])(?!\s*(?:مليون|مليار|الف|الاف|ملايين|مليارات|%|٪))")
_CURRENCY_BEFORE_RE = re.compile(r"\s*(?:[A-Z]{0,2}[$£€¥]|[A-Z]{3}\s)\s*$")  # a currency sign or code before a number
_ARABIC_UNIT_WORDS = "الساعه|الساعات|نسبه|بنسبه|مسافه|عدد|مبلغ|قيمه|بقيمه|ارتفاع|بارتفاع"
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_CONJUNCTIONS = {"en": {"and"}, "ar": {"و"}}
# proclitic runs before an Arabic number word, longest first (every prefix is tried)
_ARABIC_PROCLITICS_RE = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?لل|[وف]?[بلك]|[وف])")
_JOINER_RE = re.compile(r"[ \t]{1,2}|-|[ \t]-[ \t]?")  # what may stand between parts of one number


@dataclass(frozen=True)
class NumberMention:
    """A number as written: value, qualifier (exact, approx, more_than, ...), original span."""

    value: float
    qualifier: str
    start: int
    end: int
    text: str

    @property
    def is_word_one(self) -> bool:
        """'one' written as a word: mostly an article ("one of", واحدة من), not a quantity (a date's
        first day, الأول من أكتوبر, is a number)."""
        return self.value == 1 and not any(ch.isdigit() for ch in self.text) and " " not in self.text.strip()

    @property
    def display(self) -> str:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return f"{value:,}" if isinstance(value, int) else str(value)


@cache
def _words(lang: str) -> dict[str, tuple[float, str]]:
    return {r["word"]: (float(r["value"]), r["kind"]) for r in table("number_words.tsv") if r["lang"] == lang}


def _qualifier_rows(lang: str, position: str) -> list[dict[str, str]]:
    return sorted((r for r in table("number_qualifiers.tsv")
                   if r["lang"] == lang and (r.get("position") or "before") == position),
                  key=lambda r: -len(r["phrase"]))


@cache
def _qualifier_re(lang: str, position: str = "before") -> re.Pattern[str] | None:
    rows = _qualifier_rows(lang, position)
    if not rows:
        return None
    phrase = (lambda r: normalize_arabic(r["phrase"]).text) if lang == "ar" else (lambda r: r["phrase"])
    alternatives = "|".join("(?P<q%d>%s)" % (i, re.escape(phrase(r)).replace(r"\ ", r"\s+"))
                            for i, r in enumerate(rows))
    if position == "before" and lang == "ar":
        # proclitics before the phrase (بأكثر من، لأكثر من، وأقل من) and a unit word between it and the
        # number (حوالي الساعة 19:30، أكثر من نسبة 40)
        return re.compile(r"(?:^|(?<=\W))[وفبل]?(?:%s)(?:\s+(?:%s))?\s*$" % (alternatives, _ARABIC_UNIT_WORDS),
                          re.IGNORECASE)
    if position == "before":
        return re.compile(r"(?:^|(?<=\W))(?:%s)\s*$" % alternatives, re.IGNORECASE)
    return re.compile(r"^\s*(?:\w+\s+)?(?:%s)(?!\w)" % alternatives, re.IGNORECASE)  # "100 شخص تقريبا"


@cache
def _qualifier_names(lang: str, position: str = "before") -> tuple[str, ...]:
    return tuple(r["qualifier"] for r in _qualifier_rows(lang, position))


def _adds_up(current: float, value: float) -> bool:
    """Whether a number word continues the number so far: twenty-one, hundred and fifty,
    خمسة وعشرين (units before tens in Arabic)."""
    return ((current >= 20 and current % 10 == 0 and current < 100 and value < 10)
            or (current >= 100 and current % 100 == 0 and value < 100)
            or (current < 10 and value >= 20 and value % 10 == 0 and value < 100)
            or (2 < current < 10 and value == 10))  # أربعة عشر


def _digits_value(token: str) -> float:
    """Value of a numeric token: plain, with thousands commas, clock time, or fraction."""
    if ":" in token:
        hours, minutes = token.split(":")
        return float(hours) + float(minutes) / 100
    fraction = 0.0
    for mark, value in _VULGAR.items():
        if token.endswith(mark):
            token, fraction = token[:-1], value
    if "\u2044" in token:
        whole, _, rest = token.rpartition(" ") if " " in token else ("", "", token)
        numerator, denominator = rest.split("\u2044")
        if len(whole) == 0 and len(numerator) > 1:  # NFKC wrote 14½ as 141⁄2
            whole, numerator = numerator[:-1], numerator[-1]
        fraction = float(numerator) / float(denominator) if float(denominator) else 0.0
        token = whole
    token = token.replace(",", "").strip()
    return (float(token) if token else 0.0) + fraction


def _word_value(token: str, lang: str, after_number: bool) -> tuple[float, str] | None:
    words = _words(lang)
    key = token.lower()
    if key in words:
        return None if words[key][1] == "none" else words[key]
    if lang == "ar" and key.startswith("و") and key[1:] in words and (after_number or len(key) > 4):
        return words[key[1:]]  # خمسة وعشرين: the و joins parts of one number
    if lang == "ar":  # the article and proclitics: الخمسين, بسبع, والثلاثين, للعشرة
        for m in _ARABIC_PROCLITICS_RE.finditer(key):
            bare = key[m.end():]
            if len(bare) >= 3 and bare in words and words[bare][1] != "none":
                return words[bare]
    return None


def _qualifier(text_before: str, text_after: str, lang: str) -> str:
    """The qualifier written just before the number, else just after it, else 'exact'."""
    text_before = _CURRENCY_BEFORE_RE.sub("", text_before[-40:])  # "at least $10 billion"
    for position, text in (("before", text_before), ("after", text_after[:30])):
        pattern = _qualifier_re(lang, position)
        m = pattern.search(text) if pattern is not None else None
        if m:
            name = next(k for k, v in m.groupdict().items() if v is not None)
            return _qualifier_names(lang, position)[int(name[1:])]
    return "exact"


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every number in ``text`` with its value, qualifier and original span."""
    norm = normalize_arabic(text) if lang == "ar" else normalize_english(text)
    if lang == "ar":
        norm = norm.sub(_ARABIC_DECIMAL_COMMA_RE, ".")
        norm = norm.sub(_ARABIC_DOT_THOUSANDS_RE, lambda m: m.group().replace(".", ","))
    s = norm.text
    tokens = list(_TOKEN_RE[lang].finditer(s))
    found: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i].group()
        first = tokens[i]
        total = current = 0.0
        consumed = 0
        digits_scaled = False
        j = i
        while j < len(tokens):
            t = tokens[j].group()
            if j > i and not _JOINER_RE.fullmatch(s[tokens[j - 1].end():tokens[j].start()]):
                break
            if t[0] in "0123456789½¼¾⅓⅔":
                if consumed and not (current == 0 and total == 0):
                    break
                suffix = re.search(r"[a-zA-Z]+$", t)
                current = _digits_value(t[:suffix.start()] if suffix else t)
                if suffix:  # £11m, 2bn multiply; 19th, 5km, 7.55am keep their value
                    current *= _ATTACHED_MULTIPLIERS.get(suffix.group().lower(), 1.0)
            else:
                # two-word number names (أحد عشر) first
                pair = None
                if j + 1 < len(tokens):
                    pair = _word_value(t + " " + tokens[j + 1].group(), lang, consumed > 0)
                if pair is not None:
                    value, kind = pair
                    current += value
                    j += 2
                    consumed += 2
                    continue
                word = _word_value(t, lang, consumed > 0)
                if word is None:
                    if consumed and t.lower() in _CONJUNCTIONS[lang] and j + 1 < len(tokens) \
                            and _word_value(tokens[j + 1].group(), lang, True):
                        j += 1
                        continue
                    break
                value, kind = word
                if kind == "unit" and digits_scaled:
                    break  # "1.7 million four years ago": a figure in digits ends at its multiplier
                if kind in ("multiplier", "both") and consumed:
                    digits_scaled = digits_scaled or value >= 1000 and tok[0].isdigit()
                    current = (current or 1) * value
                    if value >= 1000:
                        total += current
                        current = 0.0
                elif kind == "multiplier":
                    break  # "thousands of" alone is not a number
                else:
                    if current and not _adds_up(current, value):
                        break  # "three one-sided": two numbers, not one
                    current += value
            j += 1
            consumed += 1
        if consumed == 0:
            i += 1
            continue
        end_token = tokens[j - 1]
        a, b = norm.span(first.start(), end_token.end())
        qualifier = _qualifier(s[:first.start()], s[end_token.end():], lang)
        found.append(NumberMention(total + current, qualifier, a, b, text[a:b]))
        i = j
    found = _year_ranges(found, text)
    return _decades_of_centuries(found, text) if lang == "ar" else found


def _year_ranges(found: list[NumberMention], text: str) -> list[NumberMention]:
    """'1950-53': the second year is 1953, written short."""
    out: list[NumberMention] = []
    for n in found:
        previous = out[-1] if out else None
        if (previous is not None and 1000 <= previous.value < 3000 and previous.value.is_integer()
                and len(n.text) == 2 and n.text.isdigit() and text[previous.end:n.start] in ("-", "–", "—", "/")
                and n.value > previous.value % 100):
            n = NumberMention(previous.value // 100 * 100 + n.value, n.qualifier, n.start, n.end, n.text)
        out.append(n)
    return out


_CENTURY_RE = re.compile(r"\s+(?:من\s+)?ال?قرن\s+$")


def _decades_of_centuries(found: list[NumberMention], text: str) -> list[NumberMention]:
    """ثمانينيات القرن العشرين is one number, 1980 ('the 1980s'), not 1980 and 20."""
    out: list[NumberMention] = []
    for n in found:
        previous = out[-1] if out else None
        if (previous is not None and 1900 <= previous.value <= 1990 and previous.value % 10 == 0
                and n.value in (19, 20, 21)
                and _CENTURY_RE.fullmatch(normalize_arabic(text[previous.end:n.start]).text)):
            value = (n.value - 1) * 100 + previous.value % 100
            out[-1] = NumberMention(value, previous.qualifier, previous.start, n.end, text[previous.start:n.end])
            continue
        out.append(n)
    return out


def numbers_match(a: NumberMention, b: NumberMention) -> bool:
    """Same value (qualifiers are compared separately)."""
    return abs(a.value - b.value) < 1e-9
