"""Cross-script name matching on the written pair tables, and the gazetteer."""

import pytest

from aligner.entities.gazetteer import load_gazetteer
from aligner.entities.phonetic import name_similarity, names_match, phonetic_key
from scripts.eval_translit import ROOT, load_pairs, score


@pytest.mark.parametrize("table", ["name_pairs.tsv", "name_pairs_heldout.tsv"])
def test_precision_and_recall_on_pair_tables(table):
    pairs = load_pairs(ROOT / "tests" / "data" / table)
    assert len(pairs) >= 40
    precision, recall, *_ = score(pairs, names_match)
    assert precision >= 0.95 and recall >= 0.95


@pytest.mark.parametrize("a,b", [
    ("باغوز", "Baghuz"), ("Baghouz", "Baguz"), ("Baghour", "Baghuz"),
    ("دير الزور", "Deir ez-Zor"), ("Deir Ezzor", "Deir ez-Zour"), ("السوسة", "Souseh"),
    ("الشعفة", "al-Shaafa"), ("البوكمال", "Albu Kamal"),
])
def test_spelling_variants_match(a, b):
    assert names_match(a, b)


@pytest.mark.parametrize("a,b", [("هجين", "Hashd"), ("Baghuz", "Badia"), ("السوسة", "الشعفة"),
                                 ("Sousa", "Shafa"), ("McGurk", "McGuire")])
def test_look_alikes_do_not_match(a, b):
    assert not names_match(a, b)


def test_score_is_graded():
    assert name_similarity("Baghouz", "Baguz") > name_similarity("Baghour", "Baghuz") > name_similarity("Baghuz", "Badia")
    assert 0.0 <= name_similarity("", "Baghuz") <= 1.0


def test_key_folds_articles_doubles_and_digraphs():
    assert phonetic_key("al-Raqqa") == phonetic_key("Rakka") == phonetic_key("Raqa")
    assert phonetic_key("Deir Ezzor") == phonetic_key("Deir ez-Zor")


def test_gazetteer_resolves_unseen_spelling_and_aliases():
    gazetteer = load_gazetteer()
    entity, score = gazetteer.resolve("Baghour Fawqani")
    assert entity.id == "baghuz_fawqani" and 0.8 <= score < 1.0
    assert gazetteer.resolve("Daesh")[0].id == gazetteer.resolve("داعش")[0].id == "isis"
    assert gazetteer.resolve("قوات سورية الديمقراطية")[0].id == "sdf"
    assert gazetteer.resolve("تدمير")[0] is None  # 'destruction', not Palmyra (تدمر)
    assert gazetteer.group_of("baghuz_fawqani") == "baghuz"
