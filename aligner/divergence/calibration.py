"""Confidence that means something: the chance that a finding is right, learned per rule.

Each rule's raw score (the link's confidence times the rule's weight and evidence strength,
``rules.confidence``) and its own measured signal (a similarity gain) are turned into a
probability by a logistic model fitted on labelled development findings
(``scripts/calibrate.py`` writes ``data/calibration.json``): among findings given 0.8, about
four in five were right on the development data. A rule whose findings were not precise there
cannot report high severity. Findings under ``threshold`` go to the low-confidence file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

from aligner.divergence.findings import SEVERITIES, Finding
from aligner.divergence.rules import rule_name
from aligner.resources import json_data

CALIBRATION_FILE = "calibration.json"
DEFAULT_THRESHOLD = 0.5  # a finding more likely right than wrong goes into the report
DROPPED_LABEL_RULES = frozenset({"label_dropped", "loaded_dropped"})  # a loaded word with no rendering at all
BOILERPLATE_SUBTYPES = frozenset({"kicker", "byline", "source", "disclaimer", "translator_note"})


@dataclass(frozen=True)
class GroupModel:
    """The fitted model of one calibration group."""

    intercept: float
    score_weight: float  # on the logit of the raw score
    signal_weight: float  # on the finding's own signal (a similarity gain)
    max_severity: str  # the most severe level this group may report
    labelled: int
    precision: float  # labelled precision on development data (in the report)

    def probability(self, score: float, signal: float) -> float:
        z = self.intercept + self.score_weight * logit(score) + self.signal_weight * signal
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Calibration:
    """Every group's model and the report threshold."""

    threshold: float
    groups: dict[str, GroupModel]

    def model(self, key: str) -> GroupModel | None:
        """The model of a group: per original language first ('coverage@en'), else the rule's,
        else the one fitted on every finding ('*')."""
        return self.groups.get(key) or self.groups.get(key.split("@", 1)[0]) or self.groups.get("*")


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def group_key(finding: Finding, original_lang: str) -> str:
    """The calibration group of a finding: its rule (a dropped label and a dropped loaded word
    pooled), split where one rule does different things
    (a time or a modifier; a missing, different or differently qualified number, in digits or in
    words; a body sentence or a boilerplate line), and the original's language."""
    rule = rule_name(finding)
    parts = finding.rule.split(":")
    if rule in DROPPED_LABEL_RULES:
        rule = "softening_dropped"  # one pool: each alone has too few labelled findings
    if rule == "content_cue" and len(parts) > 1:
        rule = f"content_cue:{parts[1]}"
    elif rule == "number" and len(parts) > 1:
        written = "digits" if any(ch.isdigit() for ch in finding.original.text) else "words"
        rule = f"number:{parts[1]}:{written}"
    elif rule in ("unlinked_sentence", "unlinked_translation"):
        kind = "boilerplate" if finding.subtype in BOILERPLATE_SUBTYPES else finding.subtype
        rule = f"{rule}:{kind}"
    return f"{rule}@{original_lang}"


@lru_cache(maxsize=1)
def load_calibration() -> Calibration | None:
    """The fitted calibration (``data/calibration.json``), or None before one has been fitted."""
    try:
        data = json_data(CALIBRATION_FILE)
    except FileNotFoundError:
        return None
    groups = {key: GroupModel(**value) for key, value in data["groups"].items()}
    return Calibration(float(data.get("threshold", DEFAULT_THRESHOLD)), groups)


def calibrate(findings: list[Finding], original_lang: str, calibration: Calibration | None = None) -> list[Finding]:
    """Findings with their confidence set to the calibrated probability and their severity capped
    by what their rule was measured to deserve (unchanged where no model exists)."""
    calibration = calibration or load_calibration()
    if calibration is None:
        return findings
    out = []
    for f in findings:
        model = calibration.model(group_key(f, original_lang))
        if model is None:
            out.append(f)
            continue
        severity = f.severity
        if SEVERITIES.index(severity) < SEVERITIES.index(model.max_severity):
            severity = model.max_severity
        out.append(replace(f, confidence=model.probability(f.score, f.signal), severity=severity))
    return out


def report_threshold() -> float:
    calibration = load_calibration()
    return calibration.threshold if calibration is not None else DEFAULT_THRESHOLD
