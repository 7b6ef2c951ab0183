"""One loader for the package's language data files (TSV/CSV/JSON under ``aligner/data``)."""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any


def _open(name: str):
    return resources.files("aligner").joinpath("data", name).open(encoding="utf-8")


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV/CSV data file with a header row; lines starting with ``#`` are comments."""
    delimiter = "\t" if name.endswith(".tsv") else ","
    with _open(name) as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter=delimiter)
    return tuple({k: (v or "").strip() for k, v in row.items() if k} for row in reader)


@cache
def words(name: str) -> frozenset[str]:
    """A one-item-per-line list file (``#`` comments allowed)."""
    with _open(name) as handle:
        return frozenset(
            line.split("#", 1)[0].strip() for line in handle
            if line.split("#", 1)[0].strip()
        )


@cache
def json_data(name: str) -> Any:
    """A JSON data file."""
    with _open(name) as handle:
        return json.load(handle)
