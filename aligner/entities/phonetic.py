"""Cross-script name matching: a phonetic key shared by Arabic and Latin spellings, and a
weighted edit distance whose costs (``data/translit_costs.tsv``) make spelling variants
(gh/g, ou/u, q/k, th/t, al-/el-, doubled letters) and dot-confusable Arabic letters cheap.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from aligner.normalize.arabic import normalize_arabic
from aligner.resources import table

DEFAULT_COST = 1.0
MATCH_THRESHOLD = 0.8
SAME_SCRIPT_ARABIC_THRESHOLD = 0.85
HARD_EDIT = 0.8
SHORT_NAME_CONSONANTS = 4
_VOWEL_LIKE = frozenset("VEFwy")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_LATIN_ARTICLE_RE = re.compile(r"^(?:al|el|ad|ed|ar|er|as|es|ash|esh|at|et|az|ez|an|en|adh|ath|al)[-‐‑']")
_LATIN_ARTICLES = frozenset({"al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et",
                             "az", "ez", "an", "en", "adh", "ath"})
_SUN_DOUBLE_RE = re.compile(r"^[ae](?=(t|th|d|dh|r|z|s|sh|l|n)\1)")
_GLUED_AL_RE = re.compile(r"^al(?=[bcdfghjkmpqrstvwxyz][a-z]+)")
_CONSTRUCT_ARTICLE_RE = re.compile(r"^(abd)[aeiou]l")  # Abdul Rahman: the "ul" is al-


@lru_cache(maxsize=1)
def _latin_rules() -> tuple[tuple[str, str], ...]:
    rows = [(r["source"], r["symbol"]) for r in table("translit_symbols.tsv") if r["script"] == "latin"]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _arabic_map() -> dict[str, str]:
    return {normalize_arabic(r["source"]).text or r["source"]: r["symbol"]
            for r in table("translit_symbols.tsv") if r["script"] == "arabic"}


@lru_cache(maxsize=1)
def _costs() -> dict[tuple[str, str], float]:
    costs: dict[tuple[str, str], float] = {}
    for row in table("translit_costs.tsv"):
        cost = float(row["cost"])
        costs[(row["a"], row["b"])] = costs[(row["b"], row["a"])] = cost
    return costs


def _latin_word(word: str) -> list[str]:
    word = unicodedata.normalize("NFKD", word)
    word = "".join(ch for ch in word if not unicodedata.combining(ch)).lower()
    word = word.replace("’", "'").replace("‘", "'").replace("ʿ", "'").replace("ʾ", "'")
    word = _CONSTRUCT_ARTICLE_RE.sub(r"\1", word)
    word = _LATIN_ARTICLE_RE.sub("", word)
    word = _SUN_DOUBLE_RE.sub("", word)
    word = _GLUED_AL_RE.sub("", word)
    word = re.sub(r"[^a-z']", "", word)
    symbols: list[str] = []
    i = 0
    rules = _latin_rules()
    while i < len(word):
        for source, symbol in rules:
            if word.startswith(source, i):
                symbols.extend(symbol)
                i += len(source)
                break
        else:
            symbols.append(word[i])
            i += 1
    if len(symbols) > 1 and symbols[-1] == "y" and symbols[-2] not in "Vy":
        symbols[-1] = "V"
    return symbols


def _arabic_word(word: str) -> list[str]:
    word = normalize_arabic(word).text
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    table_ = _arabic_map()
    return [table_[ch] for ch in word if ch in table_]


@lru_cache(maxsize=65536)
def phonetic_key(name: str) -> tuple[str, ...]:
    """Symbols of a name in either script: articles stripped, vowels and doubled letters folded."""
    symbols: list[str] = []
    words = [w for w in re.split(r"[\s\-‐‑–—_/]+", name.strip()) if w]
    for n, word in enumerate(words):
        if _ARABIC_RE.search(word):
            part = _arabic_word(word)
            if len(part) > 1 and part[-1] == "h":
                part[-1] = "V"  # final ة (normalized to ه) is the vowel -a
        else:
            if n < len(words) - 1 and word.lower() in _LATIN_ARTICLES:
                continue
            part = _latin_word(word)
            if len(part) > 1 and part[-1] == "h" and part[-2] == "V":
                part = part[:-1]  # final -ah/-eh (teh marbuta)
        if part and part[-1] == "V":
            part[-1] = "F"  # a word-final vowel is rarely dropped: dropping it costs more
        symbols.extend(part)
    folded: list[str] = []
    for s in symbols:
        if folded and folded[-1] == s:
            continue  # doubled letters and runs of vowels
        folded.append(s)
    return tuple(folded)


def _indel(symbol: str) -> float:
    return _costs().get((symbol, "-"), DEFAULT_COST)


def _sub(a: str, b: str) -> float:
    return 0.0 if a == b else _costs().get((a, b), DEFAULT_COST)


def _alignment(a: tuple[str, ...], b: tuple[str, ...], limit: float = float("inf")) -> tuple[float, float]:
    """Weighted Levenshtein over phonetic symbols: (total cost, costliest single edit).

    Cells are (cost, worst edit) compared lexicographically; the inner loop is written out
    with local variables because it runs for every candidate pair of names. Once every cell of
    a row costs more than ``limit``, the result can only be worse: (inf, inf) is returned."""
    costs = _costs()
    indel_b = [costs.get((sb, "-"), DEFAULT_COST) for sb in b]
    previous_cost, previous_worst = [0.0], [0.0]
    for cb in indel_b:
        previous_cost.append(previous_cost[-1] + cb)
        previous_worst.append(previous_worst[-1] if previous_worst[-1] >= cb else cb)
    for sa in a:
        ca = costs.get((sa, "-"), DEFAULT_COST)
        cost = [previous_cost[0] + ca]
        worst = [previous_worst[0] if previous_worst[0] >= ca else ca]
        for j, sb in enumerate(b, start=1):
            cb = indel_b[j - 1]
            cs = 0.0 if sa == sb else costs.get((sa, sb), DEFAULT_COST)
            best_c, best_w = previous_cost[j] + ca, max(previous_worst[j], ca)
            c, w = cost[j - 1] + cb, max(worst[j - 1], cb)
            if c < best_c or (c == best_c and w < best_w):
                best_c, best_w = c, w
            c, w = previous_cost[j - 1] + cs, max(previous_worst[j - 1], cs)
            if c < best_c or (c == best_c and w < best_w):
                best_c, best_w = c, w
            cost.append(best_c)
            worst.append(best_w)
        if min(cost) > limit:
            return float("inf"), float("inf")
        previous_cost, previous_worst = cost, worst
    return previous_cost[-1], previous_worst[-1]


def weighted_distance(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Levenshtein distance over phonetic symbols with the cost table's weights."""
    return _alignment(a, b)[0]


def _arabic_letters(name: str) -> str:
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in normalize_arabic(name).text.split()]
    return "".join(words)


def _same_script_arabic(a: str, b: str) -> float:
    """Two Arabic spellings: their letters are written out, so differ only by unit edits."""
    la, lb = _arabic_letters(a), _arabic_letters(b)
    if not la or not lb:
        return 0.0
    score = Levenshtein.normalized_similarity(la, lb)
    score = round(score, 6)
    return score if score >= SAME_SCRIPT_ARABIC_THRESHOLD else min(score, MATCH_THRESHOLD - 0.01)


@lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two names in any scripts (1.0: same phonetic key)."""
    if _ARABIC_RE.search(a) and _ARABIC_RE.search(b) and not re.search("[A-Za-z]", a + b):
        return _same_script_arabic(a, b)
    ka, kb = phonetic_key(a), phonetic_key(b)
    if not ka or not kb:
        return 0.0
    weight = max(sum(_indel(s) for s in ka), sum(_indel(s) for s in kb))
    distance, worst_edit = _alignment(ka, kb)
    score = round(max(0.0, 1.0 - distance / weight), 6)
    consonants = min(sum(s not in _VOWEL_LIKE for s in ka), sum(s not in _VOWEL_LIKE for s in kb))
    if worst_edit >= HARD_EDIT and consonants <= SHORT_NAME_CONSONANTS:
        # a short name with a wholly different or missing sound is another name (McGurk/McGuire)
        score = min(score, round(MATCH_THRESHOLD - 0.01, 6))
    return score


def could_reach(a: str, b: str, floor: float) -> bool:
    """Cheap test that ``name_similarity(a, b)`` may be at least ``floor`` (never wrongly False)."""
    if _ARABIC_RE.search(a) and _ARABIC_RE.search(b) and not re.search("[A-Za-z]", a + b):
        return True  # same-script Arabic is scored by a fast Levenshtein anyway
    ka, kb = phonetic_key(a), phonetic_key(b)
    if not ka or not kb:
        return False
    weight = max(sum(_indel(s) for s in ka), sum(_indel(s) for s in kb))
    return _alignment(ka, kb, (1.0 - floor) * weight + 1e-9)[0] != float("inf")


def names_match(a: str, b: str, threshold: float = MATCH_THRESHOLD) -> bool:
    """Whether two spellings name the same entity by sound alone (see also the gazetteer)."""
    return name_similarity(a, b) >= threshold
