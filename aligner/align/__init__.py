"""Sentence and clause alignment: pair features, learned bead scores, banded dynamic programme."""
