"""Alignment: the dynamic programme, the scorer, the seed pair, and invariants on any input."""

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.aligner import align_units
from aligner.align.dp import Band, best_path
from aligner.align.evaluate import score_document
from aligner.embed import Embedder
from aligner.testing.properties import HashEncoder


def test_dp_prefers_diagonal_and_skips_a_bad_row():
    n, m = 3, 2
    cost = np.full((n + 1, m + 1), 5.0)
    cost[0, 0] = cost[2, 1] = 0.1  # source 1 has no counterpart
    path = best_path(n, m, Band.full(n, m), {(1, 1): cost}, skip_source=1.0, skip_target=1.0)
    assert [(i, j, a, b) for i, j, a, b in path] == [(0, 0, 1, 1), (1, 1, 1, 0), (2, 1, 1, 1)]


def test_links_sharing_a_sentence_are_one_component():
    from aligner.align.components import component_roots

    roots = component_roots([["s1", "t1"], ["s2", "t2"], ["s2", "t3"], ["t4"], ["s5", "t5", "t6"], ["s6", "t6"]])
    groups = {}
    for node, root in roots.items():
        groups.setdefault(root, set()).add(node)
    assert sorted(map(sorted, groups.values())) == [["s1", "t1"], ["s2", "t2", "t3"], ["s5", "s6", "t5", "t6"], ["t4"]]


def test_band_always_reaches_the_corner():
    band = Band.around(np.linspace(0, 900, 1001), 900, half_width=5)
    assert band.lo[0] == 0 and band.lo[-1] + band.width - 1 == 900


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40), st.integers(1, 400), st.integers(0, 12), st.integers(0, 60),
       st.lists(st.integers(0, 400), min_size=1, max_size=40))
def test_a_band_always_has_a_path_through_it(n, m, half_width, max_width, stops):
    # a coarse path may jump far between two rows (a long run of target units it leaves out)
    centers = np.sort(np.clip(np.resize(stops, n + 1), 0, m)).astype(float)
    band = Band.around(centers, m, half_width, max_width=max_width)
    assert band.width <= m + 1 and band.lo[0] == 0 and band.lo[-1] + band.width - 1 == m
    assert ((band.lo >= 0) & (band.lo + band.width - 1 <= m)).all()
    costs = {(1, 1): np.full((n + 1, band.width), 0.5)}
    path = best_path(n, m, band, costs, skip_source=1.0, skip_target=1.0)
    assert sum(a for _, _, a, _ in path) == n and sum(b for _, _, _, b in path) == m


def test_band_follows_a_jump_it_can_afford_and_lags_behind_one_it_cannot():
    centers = np.array([0, 1, 2, 300, 301, 302], dtype=float)
    wide = Band.around(centers, 302, half_width=5, max_width=400)
    assert wide.width >= 300 and wide.lo[2] <= 2 and wide.lo[3] + wide.width - 1 >= 302
    narrow = Band.around(centers, 302, half_width=5, max_width=30)
    assert narrow.width <= 2 * 302 // 5 + 1 and (np.diff(narrow.lo) <= narrow.width - 1).all()


def test_a_translation_forty_times_longer_than_its_original_is_aligned():
    src = [f"الجملة رقم {k} عن موضوع {k * 7} في المدينة" for k in range(12)]
    tgt = [f"Sentence number {k % 12} about topic {(k % 12) * 7} in the city" for k in range(480)]
    for n_src in (12, 30):  # the whole grid (12 x 480), and a band around a coarse path (30 x 2,200)
        src_texts = (src * 3)[:n_src]
        tgt_texts = tgt if n_src == 12 else (tgt * 5)[:2200]
        beads = align_units(src_texts, tgt_texts, "ar", "en", Embedder(HashEncoder()))
        assert sorted(i for b in beads for i in b.src) == list(range(len(src_texts)))
        assert sorted(j for b in beads for j in b.tgt) == list(range(len(tgt_texts)))
        assert sum(1 for b in beads if b.src and b.tgt) >= n_src // 2


def test_vecalign_scoring_strict_and_lax():
    gold = [([0], [0]), ([1, 2], [1]), ([3], [])]
    test = [([0], [0]), ([1], [1]), ([2], []), ([3], [])]
    s = score_document(test, gold).scores()
    assert s["strict_p"] == 2 / 4  # ([1],[1]) and ([2],[]) wrong
    assert s["lax_p"] == 3 / 4  # ([1],[1]) overlaps the gold 2-1 link
    assert s["strict_r"] == 1 / 2 and s["lax_r"] == 1.0


AR = ["قالت وزارة الصحة إن 12 شخصا قتلوا في انفجار بالعاصمة.",
      "وأضافت أن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض.",
      "وأعلنت الحكومة الحداد ثلاثة أيام.",
      "ويأتي الانفجار بعد أسبوع من هجوم مماثل في الشمال."]
EN = ["The health ministry said 12 people were killed in an explosion in the capital.",
      "The government declared three days of mourning.",
      "The blast comes a week after a similar attack in the north."]


def test_omitted_sentence_stays_unaligned(embedder):
    beads = align_units(AR, EN, "ar", "en", embedder)
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert all(0 <= b.confidence <= 1 for b in beads)


def test_one_arabic_sentence_to_two_english(embedder):
    ar = [AR[0] + " " + AR[1].replace("وأضافت", "و"), AR[2]]
    en = ["The health ministry said 12 people were killed in an explosion in the capital.",
          "Rescue teams are still searching for survivors under the rubble.",
          "The government declared three days of mourning."]
    beads = align_units(ar, en, "ar", "en", embedder)
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0, 1)), ((1,), (2,))]


def test_dropped_clause_stays_unlinked_while_its_sentence_is_linked(embedder):
    # units: the clauses of three Arabic sentences (sentence index, paragraph index of each)
    ar = ["وأشار الخبير إلى وجود أكثر من 135 نوعا من أسماك القرش في المنطقة",
          "ولكن معظم هذه الأنواع لا تشكل أي خطر على السباحين",
          "وقالت السلطات إنها أغلقت الشاطئ يوم السبت.",
          "وسيعاد فتحه للسباحة صباح الاثنين."]
    en = ["The expert noted that there are more than 135 shark species in the area.",
          "Authorities said they closed the beach on Saturday.",
          "It will reopen for swimming on Monday morning."]
    beads = align_units(ar, en, "ar", "en", embedder, src_groups=([0, 0, 1, 2], [0, 0, 0, 0]))
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]


def test_sentence_moved_by_the_translator_is_linked_where_it_went(embedder):
    ar = AR + ["ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن."]
    en = ["The health ministry said 12 people were killed in an explosion in the capital.",
          "The government declared three days of mourning.",
          "The blast comes a week after a similar attack in the north.",
          "Rescue teams are still searching for survivors under the rubble.",
          "No group has yet claimed responsibility for the attack."]
    beads = align_units(ar, en, "ar", "en", embedder)
    assert sorted((b.src, b.tgt) for b in beads) == [((0,), (0,)), ((1,), (3,)), ((2,), (1,)), ((3,), (2,)),
                                                     ((4,), (4,))]


def test_shared_word_forms_near_each_other_never_share_a_bit():
    from aligner.align.features import shared_token_masks

    names = [f"Name{chr(97 + k // 26)}{chr(97 + k % 26)}lex" for k in range(150)]
    random.Random(1).shuffle(names)  # not in alphabetical order through the document
    src = [f"Sie trafen {name} gestern." for name in names]
    tgt = [f"Ils ont rencontré {name} hier." for name in names]
    src_masks, tgt_masks = shared_token_masks(src, tgt)
    assert all(src_masks[i] == tgt_masks[i] != 0 for i in range(len(names)))
    assert all(src_masks[i] & tgt_masks[j] == 0 for i in range(len(names)) for j in range(i + 1, min(i + 40, len(names))))


def test_seed_pair_links(seed_alignment):
    links = {(tuple(s.id for s in link.src), tuple(t.id for t in link.tgt)) for link in seed_alignment.links}
    by_en = {t: [s.id for s in link.src] for link in seed_alignment.links for t in (x.id for x in link.tgt)}
    assert by_en["en-s1"] == ["ar-s4.c1", "ar-s4.c2"]
    assert by_en["en-s2"] == ["ar-s4.c3"]
    assert by_en["en-s3"] == [f"ar-s5.c{k}" for k in range(1, 6)]
    assert by_en["en-s4"] == ["ar-s6.c1"]
    assert by_en["en-s5"] == ["ar-s6.c2"]
    assert by_en["en-s6"] == ["ar-s6.c3", "ar-s6.c4", "ar-s6.c5"]
    assert by_en["en-s7"] == by_en["en-s8"] == by_en["en-s9"] == ["ar-s7.c1", "ar-s7.c2"]
    assert by_en["en-s10"] == ["ar-s8.c1", "ar-s8.c2"]
    assert by_en["en-s11"] == by_en["en-s12"] == []  # translator's note
    for unlinked in ("ar-s1.c1", "ar-s2.c1", "ar-s3.c1", "ar-s9.c1", "ar-s10.c1"):  # kicker, headline, byline, source, disclaimer
        assert ((unlinked,), ()) in links


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30), max_size=12), st.lists(st.text(min_size=1, max_size=30), max_size=12))
def test_every_unit_is_covered_exactly_once(src, tgt):
    beads = align_units(src, tgt, "ar", "en", Embedder(HashEncoder()))
    assert sorted(i for b in beads for i in b.src) == list(range(len(src)))
    assert sorted(j for b in beads for j in b.tgt) == list(range(len(tgt)))
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_a_pair_too_long_for_memory_is_refused_before_embedding(monkeypatch):
    import pytest

    from aligner.align import aligner
    from aligner.errors import InputError

    class Refusing:
        def encode(self, texts):
            raise AssertionError("embedded before the memory check")

    monkeypatch.setattr(aligner, "available_memory", lambda: 64 * 2**20)  # 64 MiB free
    src = [f"الجملة رقم {k}" for k in range(3000)]
    tgt = [f"Sentence number {k}" for k in range(3000)]
    with pytest.raises(InputError, match=r"too long to align in one piece: 3,000 units .* GiB is available"):
        align_units(src, tgt, "ar", "en", Embedder(Refusing()))
    monkeypatch.setattr(aligner, "available_memory", lambda: None)  # unknown: no refusal
    beads = align_units(src[:300], tgt[:300], "ar", "en", Embedder(HashEncoder()))
    assert sorted(i for b in beads for i in b.src) == list(range(300))
