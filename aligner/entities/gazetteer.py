"""The gazetteer of canonical entities (``data/gazetteer.csv``) and lookups against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aligner.entities.phonetic import MATCH_THRESHOLD, could_reach, name_similarity, phonetic_key
from aligner.normalize.arabic import normalize_arabic
from aligner.resources import table

_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
RESOLVE_CACHE_SIZE = 50_000  # spellings remembered per process (names recur across a corpus)


@dataclass(frozen=True)
class Entity:
    """A canonical place, group, person or organisation with its known spellings."""

    id: str
    type: str
    part_of: str  # id of the larger entity this one lies in ('' for none)
    arabic: str
    english: str
    variants: tuple[str, ...]
    note: str

    def names(self) -> tuple[str, ...]:
        """Every known spelling, canonical forms first."""
        return (self.english, self.arabic) + self.variants


def lookup_key(name: str) -> str:
    """Exact-match key: normalized script, case and punctuation folded, English 'the' dropped."""
    if _ARABIC_RE.search(name):
        return " ".join(normalize_arabic(name).text.replace('"', " ").split())
    key = re.sub(r"[-‐‑–—'’`]", " ", name.casefold())
    key = re.sub(r"^the\s+", "", " ".join(key.split()))
    return key


SCORE_FLOOR = 0.0  # below the threshold a similarity is not computed exactly (unresolved names score 0)
MIN_SHARED_SOUNDS = 1 / 3
BIGRAM_MIN_LENGTH = 4  # keys this long that share no pair of adjacent sounds are different names  # names within the match threshold share most of their sounds


def _plausible(a: str, b: str) -> bool:
    """Cheap pre-check before the edit distance: phonetic keys of compatible length sharing sounds."""
    ka, kb = phonetic_key(a), phonetic_key(b)
    if not ka or not kb or min(len(ka), len(kb)) < 0.5 * max(len(ka), len(kb)):
        return False
    sa, sb = set(ka), set(kb)
    if len(sa & sb) < MIN_SHARED_SOUNDS * len(sa | sb):
        return False
    if min(len(ka), len(kb)) < BIGRAM_MIN_LENGTH:
        return True
    if ka[0] != kb[0] and ka[1] != kb[1]:
        return False  # a near spelling keeps its first or second sound
    return not set(zip(ka, ka[1:])).isdisjoint(zip(kb, kb[1:]))  # and some pair of adjacent sounds


class Gazetteer:
    """Entities indexed by exact spelling, resolvable by sound for unseen spellings."""

    def __init__(self, entities: list[Entity]):
        self.entities = tuple(entities)
        self.by_id = {e.id: e for e in entities}
        self._by_key: dict[str, Entity] = {}
        for entity in entities:
            for name in entity.names():
                self._by_key.setdefault(lookup_key(name), entity)
        self._resolved: dict[tuple[str, float], tuple[Entity | None, float]] = {}

    def lookup(self, name: str) -> Entity | None:
        """The entity with exactly this spelling (after normalization), if any."""
        return self._by_key.get(lookup_key(name))

    def resolve(self, name: str, threshold: float = MATCH_THRESHOLD) -> tuple[Entity | None, float]:
        """The entity a spelling names: exact first, else the best phonetic match above ``threshold``."""
        exact = self.lookup(name)
        if exact is not None:
            return exact, 1.0
        key = (name, threshold)
        if key not in self._resolved:
            if len(self._resolved) > RESOLVE_CACHE_SIZE:
                self._resolved.clear()
            self._resolved[key] = self._closest(name, threshold)
        return self._resolved[key]

    def _closest(self, name: str, threshold: float) -> tuple[Entity | None, float]:
        best: tuple[Entity | None, float] = (None, 0.0)
        arabic_query = bool(_ARABIC_RE.search(name))
        for entity in self.entities:
            names = entity.names()
            if arabic_query:
                # Arabic spelling is fixed: compare with the Arabic forms, not with transliterations
                names = tuple(n for n in names if _ARABIC_RE.search(n)) or names
            for known in names:
                if not _plausible(name, known) or not could_reach(name, known, max(best[1], threshold - SCORE_FLOOR)):
                    continue
                score = name_similarity(name, known)
                if score > best[1]:
                    best = (entity, score)
        return best if best[1] >= threshold else (None, best[1])

    def group_of(self, entity_id: str) -> str:
        """The outermost entity an entity is part of (itself if none)."""
        seen = set()
        while entity_id in self.by_id and self.by_id[entity_id].part_of and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.by_id[entity_id].part_of
        return entity_id

    def is_known_spelling(self, name: str) -> bool:
        """Whether this exact spelling is listed for some entity."""
        return self.lookup(name) is not None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The package gazetteer, loaded once."""
    entities = [
        Entity(row["entity_id"], row["type"], row["part_of"], row["arabic"], row["english"],
               tuple(v.strip() for v in row["variants"].split("|") if v.strip()), row["note"])
        for row in table("gazetteer.csv")
    ]
    return Gazetteer(entities)
