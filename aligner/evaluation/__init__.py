"""Evaluation on the gold sets in ``../shared/eval`` (never copied into the repository): data
loaders, perturbations and damage, the systems compared, and the scores. Scripts under
``scripts/`` are thin command lines over this package."""
