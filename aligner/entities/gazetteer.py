"""The gazetteer of canonical entities (``data/gazetteer.csv``) and lookups against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aligner.entities.name_index import NameIndex
from aligner.entities.phonetic import MATCH_THRESHOLD, default_matcher
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
        self._names = [(entity, name) for entity in entities for name in entity.names()]
        # an Arabic spelling is compared with the Arabic forms of an entity that has some
        has_arabic = {e.id: any(_ARABIC_RE.search(n) for n in e.names()) for e in entities}
        self._arabic_may_meet = [bool(_ARABIC_RE.search(name)) or not has_arabic[e.id] for e, name in self._names]
        self._indexes: dict[float, NameIndex] = {}

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
            self._resolved[key] = self.match_by_sound(name, threshold)
        return self._resolved[key]

    def match_by_sound(self, name: str, threshold: float = MATCH_THRESHOLD,
                       block: bool = True) -> tuple[Entity | None, float]:
        """The entity of the most similar listed name at or above ``threshold`` and its similarity,
        else (None, the similarity of the closest name the index put forward). An Arabic spelling is
        fixed: it meets the Arabic forms of an entity that has some, not their transliterations.
        ``block=False`` scores every listed name instead (slow; to measure the blocking)."""
        index = self._indexes.get(threshold)
        if index is None:
            index = self._indexes[threshold] = NameIndex((n for _, n in self._names), default_matcher(), threshold)
        allowed = self._arabic_may_meet.__getitem__ if _ARABIC_RE.search(name) else None
        position, score = index.closest(name, allowed, block)
        return (self._names[position][0], score) if position is not None else (None, score)

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
