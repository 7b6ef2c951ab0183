"""Shared fixtures: the corpus pair and its loaded documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.document import load_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
AR_SEED = CORPUS / "damaspost-foreign-forces-withdraw.ar.txt"
EN_SEED = CORPUS / "syrianobserver-foreign-forces-withdraw.en.txt"


@pytest.fixture(scope="session")
def ar_doc():
    return load_document(AR_SEED, "ar")


@pytest.fixture(scope="session")
def en_doc():
    return load_document(EN_SEED, "en")


@pytest.fixture(scope="session")
def embedder():
    from aligner.embed import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def seed_alignment(ar_doc, en_doc, embedder):
    from aligner.align.document import align_documents

    return align_documents(ar_doc, en_doc, embedder)


@pytest.fixture(scope="session")
def seed_reports(tmp_path_factory, embedder):
    """A reports folder holding the seed pair's reports, as `make align` writes them."""
    from aligner.pipeline import run_pair

    out = tmp_path_factory.mktemp("reports")
    run_pair("damaspost-syrianobserver", AR_SEED, "ar", EN_SEED, "en", out, embedder)
    return out
