"""A fully vowelled Arabic article aligns as the plain one does.

Usage: python scripts/eval_vowelled.py [--sentences 1000] [--share 1.0]

The first N sentences of NTREX (Arabic, one per line, gold 1-1 with the English) are aligned
through the shipped path (document_from_text -> align_documents -> detect) three times: plain,
with random short vowels on ``--share`` of the Arabic letters (fixed seed), and vowelled with the
reading step switched off (the text as the encoder and matchers saw it before short vowels were
taken out: the baseline). Prints strict F1 against the gold, links and findings that differ from
the plain run, and the seconds each run took.
"""

from __future__ import annotations

import argparse
import time
from unittest import mock

from aligner import document as document_module
from aligner.align.document import align_documents
from aligner.align.evaluate import score_document
from aligner.divergence.detect import detect
from aligner.document import document_from_text
from aligner.evaluation.data import ntrex_documents
from aligner.evaluation.systems import make_embedder
from aligner.normalize.vowels import LETTERS, SHADDA, VOWELS, add_short_vowels


def sentence_links(alignment) -> list[tuple[list[int], list[int]]]:
    """Sentence-level links as gold sentence indices: the line each segmented sentence is on
    (a line holds one NTREX sentence; the segmenter may cut it in two)."""
    line = {}
    for doc in (alignment.original, alignment.translation):
        for s in doc.sentences:
            line[s.id] = doc.text.count("\n", 0, s.start)
    links = {}
    for src, tgt in alignment.sentence_links().values():
        key = tuple(sorted({line[s] for s in src})), tuple(sorted({line[t] for t in tgt}))
        links[key] = True
    return sorted((list(s), list(t)) for s, t in links)


def run(ar_text: str, en_doc, embedder, reading: bool = True):
    started = time.perf_counter()
    if reading:
        ar_doc = document_from_text(ar_text, "ar", "ar")
    else:
        with mock.patch.object(document_module, "reading_text", lambda text, lang: (text, None)):
            ar_doc = document_from_text(ar_text, "ar", "ar")
    alignment = align_documents(ar_doc, en_doc, embedder)
    findings = detect(alignment, embedder)
    return alignment, findings, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--share", type=float, default=1.0, help="share of Arabic letters given a short vowel")
    args = parser.parse_args()
    ar, en = [], []
    for doc in ntrex_documents():
        ar.extend(doc.src)
        en.extend(doc.tgt)
    ar, en = ar[:args.sentences], en[:args.sentences]
    gold = [([k], [k]) for k in range(len(ar))]
    plain_text = "\n".join(ar) + "\n"
    vowelled_text = add_short_vowels(plain_text, args.share, seed=18)
    en_doc = document_from_text("\n".join(en) + "\n", "en", "en")
    embedder = make_embedder()
    runs = {"plain": run(plain_text, en_doc, embedder),
            "vowelled": run(vowelled_text, en_doc, embedder),
            "vowelled, marks left in (before)": run(vowelled_text, en_doc, embedder, reading=False)}
    base_links = sentence_links(runs["plain"][0])
    base_findings = [(f.type, f.subtype, f.rule, f.original.start, f.translation.start) for f in runs["plain"][1]]
    marks = sum(ch in VOWELS or ch == SHADDA for ch in vowelled_text) - sum(ch in VOWELS or ch == SHADDA
                                                                          for ch in plain_text)
    letters = sum(ch in LETTERS for ch in plain_text)
    print(f"{len(ar)} sentence pairs; {marks} marks added on {letters} Arabic letters "
          f"(a short vowel on {args.share:.0%} of them, a shadda before some; seed 18)")
    for name, (alignment, findings, seconds) in runs.items():
        links = sentence_links(alignment)
        f1 = score_document(links, gold).scores()["strict_f1"]
        changed = len(set(map(str, links)) ^ set(map(str, base_links)))
        keys = [(f.type, f.subtype, f.rule, f.original.start, f.translation.start) for f in findings]
        print(f"{name:34s} strict F1 {f1:.4f}  sentence links {len(links):5d} ({changed} differ from plain)  "
              f"findings {len(findings):4d} ({'identical' if keys == base_findings else 'differ'})  {seconds:6.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
