"""The blocking index, the batch edit distance and the fitted cost table."""

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.entities.batch_distance import SymbolTable, distances
from aligner.entities.edit_distance import EditCosts, align_cost, align_operations, package_costs
from aligner.entities.gazetteer import Entity, Gazetteer, load_gazetteer
from aligner.entities.name_index import NameIndex
from aligner.entities.phonetic import MATCH_THRESHOLD, default_matcher, name_similarity
from aligner.evaluation.names import NamePair, part_of
from aligner.evaluation.translit_fit import FLOOR, costs_from_counts

NAMES = ["Baghuz", "Baghouz", "الباغوز", "Deir ez-Zor", "دير الزور", "Hajin", "هجين", "al-Sousa", "السوسة",
         "al-Shaafa", "الشعفة", "Raqqa", "الرقة", "Philippe", "فيليب", "Marcelo", "مارسيلو", "Jensen", "ينسين",
         "Mahmoud", "محمود", "Hussein", "حسين", "Hassan", "حسن", "Omar", "عمر", "Ammar", "عمار", "Qamishli",
         "القامشلي", "Manbij", "منبج", "Tabqa", "الطبقة", "Wallace", "والاس", "Walter", "والتر", "Florence",
         "فلورنس", "Abdulaziz", "عبد العزيز", "Latakia", "اللاذقية", "Sweida", "السويداء"]


def _exhaustive(index: NameIndex, query: str) -> set[int]:
    return {p for p, name in enumerate(index.names) if name_similarity(query, name) >= MATCH_THRESHOLD}


def test_index_finds_what_scoring_every_name_finds():
    index = NameIndex(NAMES, default_matcher(), MATCH_THRESHOLD)
    for query in NAMES + ["Baghour", "Bagouz", "Deir Ezzor", "Souseh", "Hajeen", "Rakka", "Filip", "Yensen"]:
        found = index.matches(query)
        assert set(found) == _exhaustive(index, query), query
        for p, score in found.items():
            assert score == name_similarity(query, index.names[p])


def test_index_puts_forward_few_of_many_names():
    filler = [f"{a}{b}{c}" for a in ("Kar", "Mur", "Sal", "Tob", "Fen") for b in ("ino", "el", "ask", "um")
              for c in ("", "o", "ski", "ton")]
    index = NameIndex(filler + NAMES, default_matcher(), MATCH_THRESHOLD)
    candidates = index.candidates("Baghour")
    assert index.names.index("Baghuz") in candidates
    assert len(candidates) < len(index.names) / 4


def test_gazetteer_blocking_changes_no_seed_resolution():
    gazetteer = load_gazetteer()
    for spelling in ("Baghour Fawqani", "Baghour", "Dair al-Zour", "Hejeen", "Sousah", "تدمير", "Shaafah",
                     "Albukamal", "Rakka", "Palmira", "Menbij", "باغوز"):
        assert gazetteer.match_by_sound(spelling) == gazetteer.match_by_sound(spelling, block=False), spelling


def test_gazetteer_resolves_among_many_entities():
    entities = [Entity(f"e{i}", "person", "", ar, en, (), "") for i, (en, ar) in
                enumerate(zip(NAMES[3::2], NAMES[4::2]))]
    gazetteer = Gazetteer(entities)
    assert gazetteer.resolve("Filippe")[0].english == "Philippe"
    assert gazetteer.resolve("مرسيلو")[0].english == "Marcelo"  # Arabic meets Arabic forms, letter by letter
    assert gazetteer.resolve("Zebulon")[0] is None


COST_SYMBOLS = sorted({s for pair in package_costs().pairs() for s in pair} - {"-"})
KEYS = st.lists(st.sampled_from(COST_SYMBOLS + ["q", "ı"]), min_size=1, max_size=9).map(tuple)


@settings(max_examples=200, deadline=None)
@given(KEYS, st.lists(KEYS, min_size=1, max_size=6))
def test_batch_distance_equals_the_edit_distance(query, keys):
    costs = package_costs()
    table = SymbolTable(costs, {s for k in keys for s in k})
    width = max(map(len, keys))
    matrix = np.array([table.encode(k, width) for k in keys])
    got = distances(table.encode(query), matrix, np.array([len(k) for k in keys]), table)
    for key, d in zip(keys, got):
        assert d == pytest.approx(align_cost(query, key, costs)[0], abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(KEYS, KEYS)
def test_alignment_operations_cost_the_distance(a, b):
    costs = package_costs()
    ops = align_operations(a, b, costs)
    assert tuple(x for x, _ in ops if x != "-") == a and tuple(y for _, y in ops if y != "-") == b
    total = sum(costs.sub(x, y) if "-" not in (x, y) else costs.indel(x if y == "-" else y) for x, y in ops)
    assert total == pytest.approx(align_cost(a, b, costs)[0], abs=1e-9)


def test_costs_from_counts():
    counts = Counter({("v", "f"): 90, ("v", "b"): 3, ("b", "b"): 400, ("f", "f"): 500, ("V", "-"): 400,
                      ("V", "w"): 100, ("w", "w"): 300})
    costs = costs_from_counts(counts)
    assert costs[("f", "v")] == FLOOR  # v is nearly always written ف: its usual rendering costs least
    assert costs[("b", "v")] > 0.5  # rarely
    assert FLOOR < costs[("V", "w")] < 1.0
    assert all(a != b for a, b in costs)  # nothing costs against itself
    assert EditCosts(costs).sub("v", "f") == FLOOR


def test_split_is_by_the_normalized_arabic_word():
    assert part_of("أحمد") == part_of("احمد") == part_of("أحمد")
    parts = Counter(part_of(w) for w in ["حسين", "محمد", "عمر", "فيليب", "مارسيلو", "ينسين", "جورج", "صوفي",
                                         "الرقة", "هجين", "منبج", "حلب", "دمشق", "إدلب", "حماة", "حمص"])
    assert set(parts) <= {"dev", "heldout"}
    assert NamePair("a", "b") == NamePair("a", "b")
