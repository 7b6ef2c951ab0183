"""Evaluation documents for the aligner, read from ../shared/eval (never copied here).

NTREX-128 Arabic-English: articles by document id, gold 1-1 in order; perturbed with a fixed
seed (sentences deleted from the English side, neighbours merged on either side) to make
1-0, 2-1 and 1-2 gold links. Text+Berg German-French: the vecalign test set with its gold.
"""

from __future__ import annotations

import ast
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository (the package is installed editable)
EVAL = Path(os.environ.get("ALIGNER_EVAL_DATA", ROOT.parent / "shared" / "eval"))
DEV_DOCUMENTS = 60  # NTREX README: tune on the first 60 documents, report on the other 63

Gold = list[tuple[list[int], list[int]]]
_SEG_TAG_RE = re.compile(r"</?seg(?:\s+id=\"[0-9]+\")?>")


@dataclass
class EvalDoc:
    """One document pair: source (Arabic or German) and target sentences, and gold links."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: Gold
    src_lang: str
    tgt_lang: str


class EvalDataMissing(RuntimeError):
    """The evaluation data folder is not where it is expected."""


def require_eval_data() -> None:
    if not EVAL.is_dir():
        raise EvalDataMissing(f"evaluation data not found at {EVAL} (expected ../shared/eval beside the project, "
                              "or set ALIGNER_EVAL_DATA)")


def ntrex_documents() -> list[EvalDoc]:
    """All 123 NTREX articles, Arabic as source and English as target, gold 1-1."""
    require_eval_data()
    folder = EVAL / "ntrex_ar_en"
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    en = (folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ar = (folder / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    ar = [_SEG_TAG_RE.sub("", line) for line in ar]  # one line keeps the SGML wrapper <seg id="1">
    docs: list[EvalDoc] = []
    for k, doc_id in enumerate(ids):
        doc_id = doc_id.split("\t")[0]
        if not docs or docs[-1].name != doc_id:
            docs.append(EvalDoc(doc_id, [], [], [], "ar", "en"))
        d = docs[-1]
        d.gold.append(([len(d.src)], [len(d.tgt)]))
        d.src.append(ar[k])
        d.tgt.append(en[k])
    return docs


def tico_documents(include_lists: bool = False) -> list[EvalDoc]:
    """TICO-19 documents, Arabic as source and English as target, gold 1-1 (CMU_1, a list of
    unrelated sentences, left out unless asked for)."""
    require_eval_data()
    folder = EVAL / "tico19_ar_en"
    ids = [line.split("\t")[0] for line in (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
    en = (folder / "tico19.en.txt").read_text(encoding="utf-8").splitlines()
    ar = (folder / "tico19.ar.txt").read_text(encoding="utf-8").splitlines()
    docs: list[EvalDoc] = []
    for doc_id, a, e in zip(ids, ar, en):
        if doc_id == "CMU_1" and not include_lists:
            continue
        if not docs or docs[-1].name != doc_id:
            docs.append(EvalDoc(doc_id, [], [], [], "ar", "en"))
        d = docs[-1]
        d.gold.append(([len(d.src)], [len(d.tgt)]))
        d.src.append(a)
        d.tgt.append(e)
    return docs


def perturb(doc: EvalDoc, seed: int, delete: float = 0.0, merge: float = 0.0) -> EvalDoc:
    """Delete a share of target sentences and merge a share of neighbouring pairs on each side."""
    rng = random.Random(f"{seed}:{doc.name}")
    n = len(doc.src)
    # start from 1-1 groups; merges join two consecutive gold links on one side
    links = [([i], [i]) for i in range(n)]
    src_groups: list[list[int]] = [[i] for i in range(n)]
    tgt_groups: list[list[int]] = [[i] for i in range(n)]
    deleted: set[int] = set()
    if delete:
        candidates = list(range(n))
        rng.shuffle(candidates)
        deleted = set(candidates[: int(round(delete * n))])
    if merge and n > 1:
        for side_groups in (tgt_groups, src_groups):
            count = int(round(merge * n / 2))
            for _ in range(count):
                k = rng.randrange(len(side_groups) - 1) if len(side_groups) > 1 else None
                if k is None:
                    break
                first, second = side_groups[k], side_groups[k + 1]
                if any(x in deleted for x in first + second):
                    continue
                side_groups[k:k + 2] = [first + second]
    src_text = [" ".join(doc.src[i] for i in g) for g in src_groups]
    tgt_kept = [g for g in tgt_groups if not all(i in deleted for i in g)]
    tgt_text = [" ".join(doc.tgt[i] for i in g) for g in tgt_kept]
    src_index = {i: k for k, g in enumerate(src_groups) for i in g}
    tgt_index = {i: k for k, g in enumerate(tgt_kept) for i in g}
    # gold: connected components of original sentence links mapped to new indices
    gold: Gold = []
    seen_src: set[int] = set()
    for k in range(len(src_groups)):
        if k in seen_src:
            continue
        src_set, tgt_set = {k}, set()
        frontier = True
        while frontier:
            frontier = False
            for s in list(src_set):
                for i in src_groups[s]:
                    t = tgt_index.get(i)
                    if t is not None and t not in tgt_set:
                        tgt_set.add(t)
                        frontier = True
            for t in list(tgt_set):
                for i in tgt_kept[t]:
                    s2 = src_index[i]
                    if s2 not in src_set:
                        src_set.add(s2)
                        frontier = True
        seen_src |= src_set
        gold.append((sorted(src_set), sorted(tgt_set)))
    del links
    gold.sort(key=lambda link: (link[0][0] if link[0] else -1))
    return EvalDoc(doc.name, src_text, tgt_text, gold, doc.src_lang, doc.tgt_lang)


def textberg_documents(split: str = "test") -> list[EvalDoc]:
    """Text+Berg de-fr documents (test0..test6, or dev) with many-to-many gold."""
    require_eval_data()
    folder = EVAL / "textberg_de_fr"
    names = ["dev"] if split == "dev" else [f"test{k}" for k in range(7)]
    docs = []
    for name in names:
        de = (folder / f"{name}.de").read_text(encoding="utf-8").splitlines()
        fr = (folder / f"{name}.fr").read_text(encoding="utf-8").splitlines()
        gold = []
        for line in (folder / f"{name}.defr").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            parts = line.split(":")
            gold.append((ast.literal_eval(parts[0]), ast.literal_eval(parts[1])))
        docs.append(EvalDoc(name, de, fr, gold, "de", "fr"))
    return docs
