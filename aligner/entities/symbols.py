"""Phonetic keys: the symbols of a name in either script (``data/translit_symbols.tsv``; articles
and proclitics in ``data/name_affixes.tsv``).

Latin spellings are read by rules, longest first, some only before given letters (soft c and g
before e, i, y) or at the end of a word (a silent final e); Arabic letters map to the same
alphabet. Articles are stripped; each name also has variant keys with its article (or a glued
Latin one) kept and with a proclitic (wa-, bi-, و, ب) taken off, so that "lahbib" can meet الحبيب
and "wal-Raqqa" Raqqa.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from aligner.normalize.arabic import normalize_arabic
from aligner.resources import table

Key = tuple[str, ...]

VOWEL_LIKE = frozenset("AIUaiueHEwy")  # vowels, onsets, ayn and the semivowels
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_WORD_SPLIT_RE = re.compile(r"[\s\-‐‑–—_/]+")
_SUN_DOUBLE_RE = re.compile(r"^[ae](?=(t|th|d|dh|r|z|s|sh|l|n)\1)")
_GLUED_AL_RE = re.compile(r"^al(?=[bcdfghjkmpqrstvwxyz][a-z]+)")
_CONSTRUCT_ARTICLE_RE = re.compile(r"^(abd)[aeiou]{1,2}l")  # Abdul Rahman: the "ul" is al-
_DIGRAPH_H_RE = re.compile(r"(?<=[tdksg])(?=h)")
_SPLIT = "|"
_WORD_END = "#"  # appended to each word but the last: rules with before "#" read it, "$" does not match
_ALEF, _ALEF_MAQSURA, _TEH_MARBUTA = "\u0627", "\u0649", "\u0629"
_KEEP_TEH_MARBUTA = "\ue000"  # a private-use stand-in, so normalization does not fold ة into ه
CLITIC_COST = 0.3  # a name read without a proclitic (و، ب، wa-, bi-) is that much further away
_NO_ARTICLE = "\u0001"  # marks a normalized Arabic word whose ال is not the article


@dataclass(frozen=True)
class _Affixes:
    """Articles and proclitics of ``data/name_affixes.tsv``, as the key builder uses them."""

    latin_articles: frozenset[str]
    latin_article_re: re.Pattern[str]  # an article glued by a hyphen or an apostrophe
    latin_proclitics: frozenset[str]
    latin_proclitic_re: re.Pattern[str]  # a proclitic glued by an apostrophe
    arabic_article: str
    arabic_article_rest: int
    arabic_not_article: tuple[str, ...]
    arabic_proclitic_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _affixes() -> _Affixes:
    rows = table("name_affixes.tsv")

    def forms(script: str, kind: str) -> list[dict[str, str]]:
        return sorted((r for r in rows if r["script"] == script and r["kind"] == kind), key=lambda r: -len(r["form"]))

    latin_articles = [r["form"] for r in forms("latin", "article")]
    latin_proclitics = [r["form"] for r in forms("latin", "proclitic")]
    article = forms("arabic", "article")[0]
    proclitics = "|".join("%s(?=\\w{%s})" % (re.escape(r["form"]), r["rest"]) for r in forms("arabic", "proclitic"))
    return _Affixes(
        frozenset(latin_articles), re.compile("^(?:%s)[-‐‑']" % "|".join(map(re.escape, latin_articles))),
        frozenset(latin_proclitics),
        re.compile("^(?:%s)'(?=[a-z]{2})" % "|".join(re.escape(r["form"]) for r in forms("latin", "proclitic")
                                                      if r["apostrophe"] == "yes")),
        article["form"], int(article["rest"]), tuple(r["form"] for r in forms("arabic", "not_article")),
        re.compile("^(?:%s)" % proclitics))


def _normalize_source(source: str) -> str:
    """An Arabic rule's letters as normalized names show them (ة is kept, see ``_words``)."""
    kept = source.replace(_TEH_MARBUTA, _KEEP_TEH_MARBUTA)
    return (normalize_arabic(kept).text or kept).replace(_KEEP_TEH_MARBUTA, _TEH_MARBUTA)


@lru_cache(maxsize=2)
def _rules(script: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One alternation of the script's rules, longest source first, and each rule's symbols."""
    rows = [r for r in table("translit_symbols.tsv") if r["script"] == script]
    if script == "arabic":
        # letters that normalization folds (ى, ة, hamza forms) fall to the letter they fold to
        folded = {(_normalize_source(r["source"]), r["after"], r["before"]): r for r in rows}
        rows = [dict(r, source=source) for (source, _, _), r in folded.items()]
    rows.sort(key=lambda r: (-len(r["source"].lstrip("^")), not (r.get("before") or r.get("after"))))
    patterns = []
    for r in rows:
        source = r["source"]
        anchor = "^" if source.startswith("^") and len(source) > 1 else ""
        body = re.escape(source[1:] if anchor else source)
        behind = "(?<=%s)" % r["after"] if r.get("after") else ""
        ahead = "(?=%s)" % r["before"] if r.get("before") else ""
        patterns.append("(%s%s%s%s)" % (anchor, behind, body, ahead))
    return re.compile("|".join(patterns)), tuple(r["symbol"] for r in rows)


def _apply_rules(word: str, script: str, last: bool = True) -> list[str]:
    """Symbols of a word; rules for the end of a word ("$") apply only to a name's last word
    (Abu Kamal: أبو is read like the بو of البوكمال); rules before "#" only to the others."""
    pattern, symbols = _rules(script)
    if not last:
        word += _WORD_END
    out: list[str] = []
    position = 0
    for m in pattern.finditer(word):
        if m.start() > position and script == "latin":
            out.extend(word[position:m.start()])  # a letter with no rule stands for itself
        out.extend(symbols[m.lastindex - 1])
        position = m.end()
    if script == "latin":
        out.extend(word[position:])
    return [s for s in out if s not in (_SPLIT, _WORD_END)]


def _latin_letters(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    word = "".join(ch for ch in word if not unicodedata.combining(ch)).lower()
    return word.replace("’", "'").replace("‘", "'").replace("ʿ", "'").replace("ʾ", "'").replace("ʻ", "'")


def _latin_word(word: str, strip: bool, split: bool = False, last: bool = True) -> list[str]:
    """Symbols of one Latin word; ``strip``: take off a leading article (the primary key);
    ``split``: read th, dh, kh, sh, gh as two letters (Adham: أدهم, Fathey: فتحي)."""
    if strip:
        word = _CONSTRUCT_ARTICLE_RE.sub(r"\1", word)
        word = _affixes().latin_article_re.sub("", word)
        word = _SUN_DOUBLE_RE.sub("", word)
        word = _GLUED_AL_RE.sub("", word)
    word = re.sub(r"[^a-z']", "", word)
    if split:
        word = _DIGRAPH_H_RE.sub(_SPLIT, word)
    return _apply_rules(word, "latin", last)


def _arabic_word(word: str, strip: bool, last: bool = True) -> list[str]:
    """Symbols of one normalized Arabic word; ``strip``: take off ال (the primary key)."""
    if word.startswith(_NO_ARTICLE):
        word = word[len(_NO_ARTICLE):]
    else:
        affixes = _affixes()
        article = affixes.arabic_article
        if strip and word.startswith(article) and len(word) >= len(article) + affixes.arabic_article_rest:
            word = word[len(article):]
    return _apply_rules(word, "arabic", last)


def _fold(symbols: list[str]) -> Key:
    folded: list[str] = []
    for s in symbols:
        if not folded or folded[-1] != s:
            folded.append(s)  # doubled letters and runs of vowels count once
    return tuple(folded)


def _key(words: list[str], strip: bool, split: bool = False) -> Key:
    symbols: list[str] = []
    for n, word in enumerate(words):
        last = n == len(words) - 1
        if _ARABIC_RE.search(word):
            part = _arabic_word(word, strip, last)
        else:
            if strip and not last and word in _affixes().latin_articles:
                continue
            part = _latin_word(word, strip, split, last)
        symbols.extend(part)
    return _fold(symbols)


def _words(name: str) -> list[str]:
    words = []
    for w in _WORD_SPLIT_RE.split(name.strip()):
        if not w:
            continue
        if _ARABIC_RE.search(w):
            kept = w.replace(_ALEF_MAQSURA, _ALEF).replace(_TEH_MARBUTA, _KEEP_TEH_MARBUTA)  # ى is said a
            normalized = normalize_arabic(kept).text.replace(_KEEP_TEH_MARBUTA, _TEH_MARBUTA)
            own = w.startswith(_affixes().arabic_not_article)
            words.append(_NO_ARTICLE + normalized if own else normalized)
        else:
            words.append(_latin_letters(w))
    return words


def _without_clitic(words: list[str]) -> list[str] | None:
    """The words with a proclitic taken off the first one (وال، بال، فال، لل, or و، ب، ف، ل before
    at least four letters; wa-, bi-, l'), or None."""
    if not words:
        return None
    first = words[0]
    if _ARABIC_RE.search(first):
        m = _affixes().arabic_proclitic_re.match(first)
        return [first[m.end():]] + words[1:] if m else None
    if first in _affixes().latin_proclitics and len(words) > 1:
        return words[1:]
    m = _affixes().latin_proclitic_re.match(first)
    return [first[m.end():]] + words[1:] if m else None


@lru_cache(maxsize=65536)
def key_variants(name: str) -> tuple[tuple[Key, float], ...]:
    """The primary key of a name (articles stripped) and its distinct variant keys, each with
    the distance its reading adds (a proclitic taken off costs CLITIC_COST; the others nothing)."""
    words = _words(name)
    variants = [(_key(words, strip=True), 0.0), (_key(words, strip=False), 0.0)]
    if any(_DIGRAPH_H_RE.search(w) for w in words if not _ARABIC_RE.search(w)):
        variants.append((_key(words, strip=True, split=True), 0.0))
    bare = _without_clitic(words)
    if bare is not None:
        variants += [(_key(bare, strip=False), CLITIC_COST), (_key(bare, strip=True), CLITIC_COST)]
    best: dict[Key, float] = {}
    for key, cost in variants:
        if key and cost < best.get(key, float("inf")):
            best[key] = cost
    return tuple(best.items()) or (((), 0.0),)


def phonetic_keys(name: str) -> tuple[Key, ...]:
    """The primary key of a name and its variant keys (see ``key_variants``)."""
    return tuple(key for key, _ in key_variants(name))


def phonetic_key(name: str) -> Key:
    """Symbols of a name in either script: articles stripped, vowels and doubled letters folded."""
    return phonetic_keys(name)[0]
