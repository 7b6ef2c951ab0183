"""The divergence rules (``data/rules.tsv``): one row per check, with the weight its findings
keep of the link's confidence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from aligner.resources import table


@dataclass(frozen=True)
class Rule:
    """One check that produces findings, and how direct its evidence is."""

    name: str
    type: str
    weight: float
    reason: str


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """Every rule by name."""
    return {row["rule"]: Rule(row["rule"], row["type"], float(row["weight"]), row["reason"])
            for row in table("rules.tsv")}


def confidence(rule: str, link_confidence: float, strength: float = 1.0) -> float:
    """A finding's confidence: the link's confidence times the rule's weight and the finding's own
    evidence strength (0-1)."""
    return link_confidence * rules()[rule].weight * strength



def rule_name(finding) -> str:
    """The rules.tsv rule that produced a finding (the first part of its ``rule``)."""
    return finding.rule.split(":", 1)[0]
