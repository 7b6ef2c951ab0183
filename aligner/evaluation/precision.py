"""False alarms and recall of every finding type, on faithful and on damaged translations, in
both directions (Arabic original with its English translation, and the reverse).

Each run is one NTREX article in one direction, clean (the professional translation as it is) or
damaged (``aligner.evaluation.damage``). The whole shipped pipeline runs on it
(``document_from_text`` -> ``align_documents`` -> ``detect``). Every finding is then judged:

- on a damaged line, by the damage itself where it decides (a sentence or clause omission where
  a sentence was deleted or a clause cut; a number finding whose value the damage removed);
- otherwise by a label read by a person against the two texts (``labels``), matched by the
  finding's key: its rule, its spans' texts and the texts of the lines around it, so the same
  finding in a clean and a damaged run, or before and after a change elsewhere, shares a label.

A finding with no label and no damage to decide it is "unlabelled" and listed for labelling.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field

from aligner.align.document import align_documents
from aligner.divergence.detect import detect
from aligner.divergence.findings import Finding
from aligner.document import document_from_text
from aligner.embed import Embedder
from aligner.entities.numbers import find_numbers
from aligner.evaluation.damage import Damaged, damage
from aligner.evaluation.data import DEV_DOCUMENTS, EvalDoc, ntrex_documents
from aligner.file_offsets import document_in_file, findings_in_file

SEED = 20261122  # the damage seed of scripts/eval_divergence.py
DIRECTIONS = ("ar-en", "en-ar")
CONDITIONS = ("clean", "damaged")
STRUCTURAL = frozenset({"sentence", "clause", "cause", "attribution"})
NUMBER_FINDINGS = frozenset({("omission", "number"), ("mismatch", "number_value")})


@dataclass
class Run:
    """One article, one direction, one condition: its texts and what the pipeline found."""

    doc: str
    direction: str
    condition: str
    original: list[str]  # original lines
    translation: list[str]  # translation lines as given to the pipeline (damaged ones shortened or left out)
    reference: list[str]  # the undamaged translation, line by line parallel to ``original``
    line_index: list[int]  # for each line of ``translation``, its line in ``reference``
    damaged: Damaged | None
    findings: list[Finding] = field(default_factory=list)
    translation_starts: dict[str, int] = field(default_factory=dict)  # sentence id -> offset in the translation


@dataclass
class Judged:
    """A finding with where it sits (lines) and how it was judged."""

    run: Run
    finding: Finding
    original_line: int | None  # line of the original it concerns
    translation_lines: tuple[int, ...]  # lines of the reference translation it concerns
    key: str
    loose_key: str  # without the translation's context: the same finding before and after damage
    verdict: bool | None = None
    source: str = ""  # auto:damage, auto:clean, label
    reason: str = ""

    @property
    def damage(self) -> set[str]:
        if self.run.damaged is None or self.original_line is None:
            return set()
        return self.run.damaged.gold.get(self.original_line, set())


def articles(split: str) -> list[EvalDoc]:
    docs = ntrex_documents()
    return docs[:DEV_DOCUMENTS] if split == "dev" else docs[DEV_DOCUMENTS:]


def make_run(doc: EvalDoc, direction: str, condition: str) -> Run:
    """The texts of one run (no pipeline yet)."""
    original, reference = (doc.src, doc.tgt) if direction == "ar-en" else (doc.tgt, doc.src)
    original_lang, translation_lang = direction.split("-")
    if condition == "clean":
        return Run(doc.name, direction, condition, list(original), list(reference), list(reference),
                   list(range(len(reference))), None)
    damaged = damage(original, reference, original_lang, translation_lang, random.Random(f"{SEED}:{doc.name}"))
    kept = [i for i in range(len(reference)) if "sentence" not in damaged.gold.get(i, set())]
    return Run(doc.name, direction, condition, list(original), damaged.lines, list(reference), kept, damaged)


def run_pipeline(run: Run, embedder: Embedder) -> Run:
    """Align and detect, as ``aligner align`` does on two files with one paragraph per line."""
    original_lang, translation_lang = run.direction.split("-")
    original = document_from_text("\n".join(run.original), original_lang, f"{run.doc}.{original_lang}")
    translation = document_from_text("\n".join(run.translation), translation_lang, f"{run.doc}.{translation_lang}")
    # offsets as the reports give them: into the text as written (short vowels included)
    run.findings = findings_in_file(detect(align_documents(original, translation, embedder), embedder),
                                    original, translation)
    run.translation_starts = {s.id: s.start for s in document_in_file(translation).sentences}
    return run


def _line_of(lines: list[str], position: int) -> int:
    """Line index of a character offset in the text ``"\\n".join(lines)``."""
    total = 0
    for k, line in enumerate(lines):
        total += len(line) + 1
        if position < total:
            return k
    return len(lines) - 1


def _segment_line(segment_id: str, lines: list[str], sentence_starts: dict[str, int]) -> int | None:
    start = sentence_starts.get(segment_id)
    return None if start is None else _line_of(lines, start)


def locate(run: Run, finding: Finding) -> tuple[int | None, tuple[int, ...]]:
    """The original line and the reference-translation lines a finding concerns."""
    original_line = None if finding.original.start is None else _line_of(run.original, finding.original.start)
    lines = set()
    if finding.translation.start is not None:
        lines.add(_line_of(run.translation, finding.translation.start))
    for sid in finding.translation.segment_ids:
        line = _segment_line(sid, run.translation, run.translation_starts)
        if line is not None:
            lines.add(line)
    return original_line, tuple(sorted(run.line_index[k] for k in lines))


def _digest(*parts: object) -> str:
    text = "\u241e".join(" ".join(str(p).split()) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def judge_run(run: Run, labels: dict[str, dict[str, str]], clean_loose: dict[str, Judged] | None = None
              ) -> list[Judged]:
    """Locate, key and judge every finding of a run."""
    out = []
    for f in run.findings:
        original_line, translation_lines = locate(run, f)
        if original_line is None and translation_lines:
            original_line = translation_lines[0]  # an addition: the original line parallel to it
        original_context = run.original[original_line] if original_line is not None else ""
        translation_context = " ".join(run.translation[k] for k in range(len(run.translation))
                                       if run.line_index[k] in translation_lines)
        head = (run.doc, run.direction, f.type, f.subtype, f.rule, f.original.text, f.translation.text)
        loose = _digest(*head, original_context)
        j = Judged(run, f, original_line, translation_lines, _digest(*head, original_context, translation_context),
                   loose)
        _judge(j, labels, clean_loose or {})
        out.append(j)
    return out


def _judge(j: Judged, labels: dict[str, dict[str, str]], clean_loose: dict[str, Judged]) -> None:
    f, damaged = j.finding, j.damage
    if damaged:
        if f.type == "omission" and f.subtype in STRUCTURAL and damaged & {"sentence", "clause"}:
            j.verdict, j.source, j.reason = True, "auto:damage", "the line lost a sentence or a clause"
            return
        if (f.type, f.subtype) in NUMBER_FINDINGS:
            values = [round(x.value, 3) for x in find_numbers(f.original.text, j.run.direction[:2])]
            lost = j.run.damaged.lost_numbers.get(j.original_line, Counter())
            j.verdict = bool(values) and all(v in lost for v in values)
            j.source, j.reason = "auto:damage", "its number was removed" if j.verdict else "its number is there"
            return
        twin = clean_loose.get(j.loose_key)
        if twin is not None and twin.verdict is not None:
            j.verdict, j.source, j.reason = twin.verdict, "auto:clean", "as in the clean run: " + twin.reason
            return
    label = labels.get(j.key)
    if label is not None and label.get("label") in ("true", "false"):
        j.verdict, j.source, j.reason = label["label"] == "true", "label", label.get("reason", "")
        return
    if damaged & {"sentence", "clause"} and f.type in ("omission", "softening") and j.loose_key not in clean_loose:
        # only the damage can have produced it, on a line that lost text
        j.verdict, j.source, j.reason = True, "auto:damage", "appears only once the line lost text"
