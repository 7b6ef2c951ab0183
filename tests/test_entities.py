"""Entity clustering and spelling flags on the corpus and on written text."""

import pytest

from aligner.document import document_from_text, load_document
from aligner.entities.mentions import find_mentions
from aligner.entities.table import cluster_mentions, entity_rows, inconsistency_flags
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_tables():
    docs = [load_document(f) for f in sorted(CORPUS.glob("*.txt"))]
    corpus = cluster_mentions(docs)
    pairs = [("damaspost-foreign-forces-withdraw.ar.txt", "syrianobserver-foreign-forces-withdraw.en.txt")]
    return entity_rows(corpus), inconsistency_flags(corpus, pairs)


def test_baghuz_forms_are_one_entity(corpus_tables):
    rows, _ = corpus_tables
    groups = {r["variant"]: r["entity_group"] for r in rows}
    for form in ("Baghuz", "Baghour Fawqani", "Baghour Fawqan", "Baguz Fawqani", "باغوز فوقاني"):
        assert groups[form] == "baghuz", form


def test_deir_ez_zor_forms_are_one_entity(corpus_tables):
    rows, _ = corpus_tables
    ids = {r["variant"]: r["entity_id"] for r in rows}
    for form in ("Deir ez-Zor", "Deir ez-Zour", "Deir Ezzor", "دير الزور"):
        assert ids[form] == "deir_ez_zor", form


def test_sousa_and_shaafa_stay_apart(corpus_tables):
    rows, _ = corpus_tables
    ids = {r["variant"]: r["entity_id"] for r in rows}
    assert ids["السوسة"] == ids["Souseh"] == ids["al-Sousa"] == "sousa"
    assert ids["الشعفة"] == ids["al-Shaafa"] == ids["Shafa"] == "shaafa"


def test_flags_for_translation_spellings(corpus_tables):
    _, flags = corpus_tables
    within = [f for f in flags if f["flag"] == "within_document" and "syrianobserver" in f["documents"]]
    assert any("Baghour Fawqani" in f["variants"] and "Baghour Fawqan " in f["variants"] for f in within)
    across = [f for f in flags if f["flag"] == "translation_vs_original"]
    assert any(f["variants"].startswith("Baghour Fawqani") and "باغوز فوقاني" in f["variants"] for f in across)
    assert not any("Deir ez-Zor" in f["variants"] for f in across)  # a known spelling is no finding


def test_arabic_mentions_with_clitics_and_quotes():
    doc = document_from_text('قصف الطيران والشعفة وبالسوسة أمس، ووصل "أبو فلان" إلى للتنف.', "ar")
    found = {(m.surface, m.entity_id) for m in find_mentions(doc)}
    assert ("الشعفة", "shaafa") in found
    assert ("السوسة", "sousa") in found
    assert ("أبو فلان", None) in found  # a quoted name not in the gazetteer is kept, unresolved


def test_english_sentence_openers_are_not_names():
    doc = document_from_text("Fighters left Hajeen yesterday. Reports said the Coalition struck Hajin.", "en")
    found = {(m.surface, m.entity_id) for m in find_mentions(doc)}
    assert ("Hajeen", "hajin") in found and ("Hajin", "hajin") in found
    assert not any(s == "Fighters" for s, _ in found)
