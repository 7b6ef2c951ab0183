"""Omission detection measured on NTREX test articles with content removed from the English side.

Usage: python scripts/eval_divergence.py [--split test|dev]

For each article (documents 61-123; 1-60 were used for development), with a fixed seed:
10% of English sentences deleted, 10% cut after their last clause joint (", and", ", while",
", which", "; ", ...), and 10% stripped of one number that the Arabic also carries (not the word
"one", mostly an article). The whole
pipeline (segmentation, clause alignment, divergence detection) then runs on the Arabic
article and the damaged English, and we score:
- sentence and clause omissions: findings of type omission with subtype sentence, clause,
  cause or attribution; a damaged sentence counts as found if one lies in its Arabic line;
  also split by damage (deleted sentences, cut clauses) and by finding (subtype sentence, or
  clause/cause/attribution), a finding right when its line lost a sentence or a clause;
- numbers: omission/number or mismatch/number_value findings carrying the removed value, and
  the numbers inside an omitted clause (the detector reports "البالغ من العمر 26 عامًا" missing as
  one clause, and does not repeat its number as a finding of its own).
Precision counts findings of a category on Arabic lines not damaged that way as false; a number
finding is right when its value really went missing from that line's English, whichever damage
removed it (a cut clause or a deleted sentence takes its numbers with it).
"""

from __future__ import annotations

import argparse
import random

from aligner.align.document import align_documents
from aligner.divergence.detect import detect
from aligner.document import document_from_text
from aligner.entities.numbers import find_numbers
from aligner.evaluation.damage import damage
from aligner.evaluation.data import DEV_DOCUMENTS, ntrex_documents
from aligner.evaluation.systems import make_embedder
from aligner.file_offsets import findings_in_file

SEED = 20261122
STRUCTURAL = {"sentence", "clause", "cause", "attribution"}


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    args = parser.parse_args()
    docs = ntrex_documents()
    docs = docs[DEV_DOCUMENTS:] if args.split == "test" else docs[:DEV_DOCUMENTS]
    embedder = make_embedder()
    tally = {c: {"gold": 0, "found": 0, "predicted": 0, "correct": 0}
             for c in ("sentence+clause", "  sentence", "  clause", "number")}
    for doc in docs:
        rng = random.Random(f"{SEED}:{doc.name}")
        damaged = damage(doc.src, doc.tgt, "ar", "en", rng)
        english, gold, removed, lost = damaged.lines, damaged.gold, damaged.removed_values, damaged.lost_numbers
        ar_text = "\n".join(doc.src)
        original = document_from_text(ar_text, "ar", doc.name + ".ar")
        translation = document_from_text("\n".join(english), "en", doc.name + ".en")
        # as the reports give them: offsets into the text as written (short vowels included)
        findings = findings_in_file(detect(align_documents(original, translation, embedder), embedder),
                                    original, translation)
        structural: dict[int, int] = {}
        kinds_found: dict[int, list[str]] = {}
        numeric: dict[int, list[float]] = {}
        for f in findings:
            if f.original.start is None:
                continue
            line = line_of(ar_text, f.original.start)
            if f.type == "omission" and f.subtype in STRUCTURAL:
                structural[line] = structural.get(line, 0) + 1
                kinds_found.setdefault(line, []).append("sentence" if f.subtype == "sentence" else "clause")
            number_finding = (f.type, f.subtype) in (("omission", "number"), ("mismatch", "number_value"))
            omitted_clause = f.type == "omission" and f.subtype in STRUCTURAL - {"sentence"}
            if number_finding or omitted_clause:
                values = [round(x.value, 3) for x in find_numbers(f.original.text, "ar")]
                if values or number_finding:  # a number finding whose number we cannot read counts as wrong
                    numeric.setdefault(line, []).extend(values or [float("nan")])
        s, num = tally["sentence+clause"], tally["number"]
        for line, kinds in gold.items():
            if kinds & {"sentence", "clause"}:
                s["gold"] += 1
                s["found"] += line in structural
            if "number" in kinds:
                num["gold"] += 1
                num["found"] += removed[line] in numeric.get(line, [])
            for kind in ("sentence", "clause"):
                if kind in kinds:
                    tally["  " + kind]["gold"] += 1
                    tally["  " + kind]["found"] += line in structural
        for line, count in structural.items():
            s["predicted"] += count
            s["correct"] += count if gold.get(line, set()) & {"sentence", "clause"} else 0
            for kind in kinds_found[line]:
                tally["  " + kind]["predicted"] += 1
                tally["  " + kind]["correct"] += bool(gold.get(line, set()) & {"sentence", "clause"})
        for line, values in numeric.items():
            num["predicted"] += len(values)
            num["correct"] += sum(v in lost.get(line, []) for v in values)
    print(f"NTREX ar-en {args.split} ({len(docs)} articles), seed {SEED}")
    print(f"{'category':<18}{'damaged':>9}{'found':>7}{'recall':>8}{'findings':>10}{'precision':>11}")
    for name, t in tally.items():
        recall = t["found"] / t["gold"] if t["gold"] else 0.0
        precision = t["correct"] / t["predicted"] if t["predicted"] else 0.0
        print(f"{name:<18}{t['gold']:>9}{t['found']:>7}{recall:>8.3f}{t['predicted']:>10}{precision:>11.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
