"""Sentences (both languages) and clauses (Arabic), each with offsets into the original text.

English sentences come from nltk's Punkt (untrained, with news abbreviations from package
data); Arabic sentences from rules (. ! ? ؟ and line breaks, never inside quotes or on a
'..' pause); Arabic clauses from the joints in ``data/clause_joints_ar.tsv`` and the
generic "، و" coordination.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from aligner.datatypes import Line, Segment
from aligner.lang import profile
from aligner.layout import ends_sentence
from aligner.normalize.arabic import normalize_arabic
from aligner.resources import table, words

MIN_CLAUSE_WORDS = 3
WRAP_MIN_WIDTH = 50  # characters: shorter runs are lists or headings, not wrapped prose
_WORD_RE = re.compile(r"\w+")
# Text without sentence punctuation (transcripts, pasted posts) would otherwise be one huge unit:
# a span over MAX_SENTENCE_WORDS is cut into pieces of at most CHUNK_WORDS words, preferably
# after a comma or semicolon near the end of each piece.
MAX_SENTENCE_WORDS = 150
CHUNK_WORDS = 60
_TOKEN_RE = re.compile(r"\S+")
_SOFT_STOP = tuple(",،;؛:")


@cache
def abbreviations(lang: str) -> frozenset[str]:
    """Abbreviations (lower case, no final period) after which a period does not end a sentence."""
    return frozenset(r["abbreviation"] for r in table("abbreviations.tsv") if r["lang"] == lang)


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(abbreviations("en"))
    return PunktSentenceTokenizer(params)


def _wrapped_runs(lines: list[Line]) -> set[int]:
    """Indices of lines inside hard-wrapped runs: consecutive lines of near-equal width."""
    wrapped: set[int] = set()
    run: list[Line] = []
    for line in lines + [Line(-1, "blank", 0, 0, "")]:
        if line.kind not in ("blank", "residue") and (not run or run[-1].kind == line.kind):
            run.append(line)
            continue
        widths = sorted(len(x.text.strip()) for x in run[:-1])
        if len(run) >= 2 and widths:
            median = widths[len(widths) // 2]
            if median >= WRAP_MIN_WIDTH and all(abs(w - median) <= 0.2 * median for w in widths):
                wrapped.update(x.index for x in run)
        run = [line] if line.kind not in ("blank", "residue") else []
    return wrapped


def _blocks(lines: list[Line], lang: str) -> Iterator[tuple[int, int, str, int]]:
    """Runs of text to split: ``(start, end, kind, paragraph)``.

    Arabic: every line is its own block. English: a line that does not end a sentence is
    joined to the next when the text is hard-wrapped (a run of near-equal widths) or the next
    line starts in lower case; otherwise a line break ends the block.
    """
    paragraph = 0
    current: list[Line] = []
    wrapped = _wrapped_runs(lines) if lang != "ar" else set()

    def flush() -> Iterator[tuple[int, int, str, int]]:
        if current:
            yield current[0].start, current[-1].end, current[0].kind, paragraph

    for line in lines:
        if line.kind in ("blank", "residue"):
            yield from flush()
            if current:
                paragraph += 1
            current = []
            continue
        joinable = (lang != "ar" and current and current[-1].kind == line.kind
                    and not ends_sentence(current[-1].text.strip(), lang)
                    and (current[-1].index in wrapped or line.text.strip()[:1].islower()))
        if current and not joinable:
            yield from flush()
            paragraph += 1
            current = []
        current.append(line)
    yield from flush()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def english_sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Punkt sentence spans inside ``text[start:end]`` (absolute offsets)."""
    chunk = text[start:end]
    spans = []
    for a, b in _punkt().span_tokenize(chunk):
        a, b = _trim(text, start + a, start + b)
        if b > a:
            spans.append((a, b))
    return spans


def quote_regions(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Character ranges inside balanced quotes (unbalanced marks are ignored)."""
    regions: list[tuple[int, int]] = []
    pairs = profile(lang).quote_pairs
    i = start
    open_at: int | None = None
    closer = ""
    while i < end:
        if open_at is None:
            for opener, close in pairs:
                if text.startswith(opener, i):
                    open_at, closer = i, close
                    i += len(opener)
                    break
            else:
                i += 1
            continue
        if text.startswith(closer, i):
            regions.append((open_at, i + len(closer)))
            i += len(closer)
            open_at = None
            continue
        i += 1
    return regions


def arabic_sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Rule-based Arabic sentence spans inside one line ``text[start:end]``."""
    marks = profile("ar").sentence_marks
    abbrevs = abbreviations("ar")
    quoted = quote_regions(text, start, end, "ar")
    spans: list[tuple[int, int]] = []
    seg_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch in marks:
            j = i
            while j < end and text[j] in marks:
                j += 1
            run = text[i:j]
            # closing quotes/brackets stay with the sentence they close
            while j < end and text[j] in "\"'”’»)]":
                j += 1
            inside_quote = any(a < i < b - 1 for a, b in quoted)
            pause = run.startswith("..") and not run.startswith("...")
            decimal = ch == "." and i > start and text[i - 1].isdigit() and j < end and text[j].isdigit()
            word = _WORD_RE.findall(text[seg_start:i])
            abbreviation = ch == "." and word and text[i - 1].isalpha() and word[-1] in abbrevs
            at_break = j >= end or text[j].isspace()
            if at_break and not (inside_quote or pause or decimal or abbreviation):
                a, b = _trim(text, seg_start, j)
                if b > a:
                    spans.append((a, b))
                seg_start = j
            i = j
            continue
        i += 1
    a, b = _trim(text, seg_start, end)
    if b > a:
        spans.append((a, b))
    return spans


def _joint_alternatives(kinds: tuple[str, ...]) -> str:
    """Regex alternatives of the clause joints of the given kinds (column ``comma``), longest first."""
    rows = table("clause_joints_ar.tsv")
    joints = sorted((normalize_arabic(r["joint"]).text for r in rows if r["comma"] in kinds), key=len, reverse=True)
    return "|".join(re.escape(j) for j in joints)


@lru_cache(maxsize=1)
def _joint_re() -> re.Pattern[str]:
    # A comma, spaces, then an explicit joint or a word starting with the conjunction و;
    # or, for the strong joints, just a space before them.
    return re.compile(r"[,،]\s*(?=(?:(?:%s)(?!\w))|(?:و\w{3,}))|(?<=\s)(?=(?:%s)(?!\w))"
                      % (_joint_alternatives(("required", "optional", "loose")), _joint_alternatives(("optional",))))


@lru_cache(maxsize=1)
def _loose_joint_re() -> re.Pattern[str]:
    return re.compile(r"(?<=\s)(?=(?:%s)(?!\w))" % _joint_alternatives(("loose",)))


def loose_joints(text: str, start: int, end: int) -> list[int]:
    """Offsets in ``text[start:end]`` (Arabic) where a 'loose' joint (حيث، قائلا، وهو ...) stands
    without a comma: not an alignment clause boundary, but where a droppable clause may begin."""
    norm = normalize_arabic(text[start:end])
    quoted = quote_regions(text, start, end, "ar")
    cuts = (start + norm.span(m.start(), m.start())[0] for m in _loose_joint_re().finditer(norm.text))
    return [cut for cut in cuts if start < cut and not any(a < cut < b for a, b in quoted)]


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of one Arabic sentence ``text[start:end]`` (at least one: the sentence)."""
    norm = normalize_arabic(text[start:end])
    quoted = quote_regions(text, start, end, "ar")
    exceptions = words("waw_initial_words_ar.txt")
    cuts: list[int] = []
    for match in _joint_re().finditer(norm.text):
        next_word = _WORD_RE.match(norm.text, match.end())
        if next_word and next_word.group() in exceptions:
            continue
        cut = start + norm.span(match.end(), match.end())[0]
        if any(a < cut < b for a, b in quoted):
            continue
        cuts.append(cut)
    # a comma joint and a strong joint may cut at one place
    return _merge_short(text, [start] + sorted(set(cuts)) + [end])


@lru_cache(maxsize=1)
def _english_joint_re() -> re.Pattern[str]:
    joints = sorted((r["joint"] for r in table("clause_joints_en.tsv")), key=len, reverse=True)
    return re.compile(r",\s+(?=(?:%s)\b)|;\s+" % "|".join(re.escape(j) for j in joints), re.IGNORECASE)


def english_clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of one English sentence ``text[start:end]`` (at least one: the sentence):
    cut after a comma before a clause joint (", which", ", while", ", saying") or a semicolon."""
    quoted = quote_regions(text, start, end, "en")
    cuts = [m.end() for m in _english_joint_re().finditer(text, start, end)]
    cuts = [c for c in cuts if not any(a < c < b for a, b in quoted)]
    return _merge_short(text, [start] + cuts + [end])


def _merge_short(text: str, bounds: list[int]) -> list[tuple[int, int]]:
    """Spans between ``bounds``, a span of fewer than MIN_CLAUSE_WORDS words joined to its neighbour."""
    spans = [_trim(text, a, b) for a, b in zip(bounds, bounds[1:])]
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and len(_WORD_RE.findall(text[a:b])) < MIN_CLAUSE_WORDS:
            merged[-1] = (merged[-1][0], b)
        elif merged and len(_WORD_RE.findall(text[merged[-1][0]:merged[-1][1]])) < MIN_CLAUSE_WORDS:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return [(a, b) for a, b in merged if b > a]


def split_overlong(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span of more than MAX_SENTENCE_WORDS words into pieces of at most CHUNK_WORDS words."""
    tokens = [(m.start() + start, m.end() + start) for m in _TOKEN_RE.finditer(text[start:end])]
    if len(tokens) <= MAX_SENTENCE_WORDS:
        return [(start, end)]
    spans, first = [], 0
    while first < len(tokens):
        last = min(first + CHUNK_WORDS, len(tokens)) - 1
        if last < len(tokens) - 1:
            soft = [i for i in range(last, first + CHUNK_WORDS // 2, -1) if text[tokens[i][1] - 1] in _SOFT_STOP]
            last = soft[0] if soft else last
        spans.append((tokens[first][0], tokens[last][1]))
        first = last + 1
    return spans


def segment(text: str, lines: list[Line], lang: str, doc_id: str = "doc") -> tuple[list[Segment], list[Segment]]:
    """Sentences and (for Arabic) clauses of a document whose lines are already marked."""
    sentences: list[Segment] = []
    clauses: list[Segment] = []
    for start, end, kind, paragraph in _blocks(lines, lang):
        spans = (arabic_sentence_spans(text, start, end) if lang == "ar"
                 else english_sentence_spans(text, start, end))
        for a, b in (piece for span in spans for piece in split_overlong(text, *span)):
            sid = f"{lang}-s{len(sentences) + 1}"
            sentences.append(Segment(sid, "sentence", kind, text[a:b], a, b, paragraph))
            spans = clause_spans(text, a, b) if lang == "ar" else english_clause_spans(text, a, b)
            for k, (ca, cb) in enumerate(spans, start=1):
                clauses.append(Segment(f"{sid}.c{k}", "clause", kind, text[ca:cb], ca, cb, paragraph, sid))
    return sentences, clauses
