"""Check loaded_terms.tsv's sense columns against the examples in tests/data/loaded_senses.tsv.

Applies the columns exactly as the lexicon header documents them, independently of the
pipeline: the term's forms matched as cues.arabic_pattern matches them (clitics allowed before),
`ordinary` and `loaded_only_with` searched in the window of 3 words either side of the
occurrence, `needs_conflict` satisfied by a word or phrase of conflict_context_ar.txt anywhere in
the sentence (tokens tried as written and with و ف ب ل ك ال stripped). Prints every example
classified wrongly and the figures per term.

    python scripts/check_loaded_senses.py [--terms] [EXAMPLES.tsv]
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

from aligner.divergence.cues import arabic_pattern
from aligner.normalize.arabic import normalize_arabic
from aligner.resources import table, words

EXAMPLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "loaded_senses.tsv"
_EDGE_PUNCT = re.compile(r"^[^\w%]+|[^\w%]+$")
_PREFIXES = ("بال", "كال", "لل", "ب", "ل", "ك", "ال")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Whitespace tokens with edge punctuation stripped, and their offsets."""
    out = []
    for m in re.finditer(r"\S+", text):
        tok = _EDGE_PUNCT.sub("", m.group())
        if tok:
            out.append((m.start(), m.end(), tok))
    return out


def stripped_forms(token: str) -> set[str]:
    """The token as written and without its proclitics (و/ف, then ب/ل/ك, then ال)."""
    forms = {token}
    if token[:1] in ("و", "ف") and len(token) > 3:
        forms.add(token[1:])
    for form in list(forms):
        for prefix in _PREFIXES:
            if form.startswith(prefix) and len(form) - len(prefix) >= 2:
                forms.add(form[len(prefix):])
    return forms


def conflict_word(normalized: str, phrases: list[list[str]]) -> str | None:
    """The first conflict-context word or phrase found in the sentence, if any."""
    toks = [stripped_forms(t) for _, _, t in tokens(normalized)]
    for phrase in phrases:
        for i in range(len(toks) - len(phrase) + 1):
            if all(toks[i + k] & stripped_forms(w) for k, w in enumerate(phrase)):
                return " ".join(phrase)
    return None


def window(normalized: str, start: int, end: int) -> str:
    """The 3 words before and the 3 after an occurrence, joined by spaces."""
    toks = tokens(normalized)
    before = [t for _, b, t in toks if b <= start][-3:]
    after = [t for a, _, t in toks if a >= end][:3]
    return " ".join(before + after)


def classify(row: dict[str, str], pattern: re.Pattern[str], sentence: str,
             phrases: list[list[str]]) -> tuple[bool | None, str]:
    """Whether the term's one occurrence in ``sentence`` is loaded, and why."""
    normalized = normalize_arabic(sentence).text
    found = list(pattern.finditer(normalized))
    if len(found) != 1:
        return None, f"{len(found)} occurrences"
    win = window(normalized, *found[0].span())
    if row["ordinary"] and (m := re.search(row["ordinary"], win)):
        return False, f"ordinary '{m.group()}' in [{win}]"
    if row["loaded_only_with"] and not re.search(row["loaded_only_with"], win):
        return False, f"no loaded_only_with context in [{win}]"
    if row["needs_conflict"] == "yes":
        word = conflict_word(normalized, phrases)
        return (True, f"conflict word '{word}'") if word else (False, "no conflict word")
    return True, f"[{win}]"


def main(argv: list[str]) -> int:
    per_term = "--terms" in argv
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else EXAMPLES
    terms = {r["term_id"]: r for r in table("loaded_terms.tsv")}
    patterns = {t: arabic_pattern(r["arabic"]) for t, r in terms.items()}
    phrases = [w.split() for w in sorted(words("conflict_context_ar.txt"))]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # loaded ok/n, ordinary ok/n
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for ex in rows:
        term = ex["term_id"]
        if term not in terms:
            print(f"unknown term {term!r}: {ex['sentence']}")
            continue
        got, why = classify(terms[term], patterns[term], ex["sentence"], phrases)
        if got is None:
            print(f"{term}: {why}: {ex['sentence']}")
            continue
        gold = ex["loaded"] == "yes"
        c = counts[term]
        c[0 if gold else 2] += got == gold
        c[1 if gold else 3] += 1
        if got != gold:
            print(f"{term} (gold {ex['loaded']}): {why}\n    {ex['sentence']}")
    total = [sum(c[i] for c in counts.values()) for i in range(4)]
    if per_term:
        for term, c in sorted(counts.items()):
            print(f"{term:22s} loaded {c[0]}/{c[1]}  ordinary {c[2]}/{c[3]}")
    print(f"{len(rows)} examples, {len(counts)} terms: loaded right {total[0]}/{total[1]} "
          f"({total[0] / max(1, total[1]):.3f}), ordinary right {total[2]}/{total[3]} "
          f"({total[2] / max(1, total[3]):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
