"""The reviewed alignment, sentence by sentence: the aligner's links and a reviewer's edits on them.

``alignment.csv`` links clauses; the review page works on its sentence-level links (the
``sentence_link`` groups): each joins some original sentences with some translation sentences,
either side possibly empty (a sentence left out, or one the translation added). A reviewer can
merge two links, split one in two, or move a sentence to another link.

An edit is stored as what it made: the links it produced, each sentence named by a key built from
its text (a hash of the text with its spaces collapsed, and which occurrence of that text on its
side it is), never by position. Edits are applied again, in order, on every load, so a re-run of
the aligner on the same texts gets them back; an edit that names a sentence whose text is no
longer there is an orphan: listed with the texts it named, never applied.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aligner.report.columns import ORIGINAL, SIDES, TRANSLATION

MAX_QUOTE = 300  # characters of each sentence kept in a stored edit, to show an orphan


class EditError(ValueError):
    """A link edit that does not fit the alignment as it is (unknown link, empty part …)."""


class Op:
    """The kinds of link edit."""

    MERGE = "merge"
    SPLIT = "split"
    MOVE = "move"


OPS = (Op.MERGE, Op.SPLIT, Op.MOVE)


def text_key(text: str) -> str:
    """A short hash of a sentence's text, spaces collapsed."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Sentence:
    """One sentence of one side: where it is, its text, its layout kind and its text key."""

    id: str
    side: str
    start: int
    end: int
    text: str
    kind: str
    key: str  # text_key and occurrence, e.g. "3f2a…:1"


@dataclass(frozen=True)
class Link:
    """A sentence-level link: original sentence ids and translation sentence ids, in text order."""

    id: str
    original: tuple[str, ...]
    translation: tuple[str, ...]
    confidence: float | str = ""  # the weakest clause link's confidence; "" for a link a reviewer made
    note: str = ""
    edited: bool = False

    @property
    def shape(self) -> str:
        return f"{len(self.original)}-{len(self.translation)}"

    def ids(self, side: str) -> tuple[str, ...]:
        return self.original if side == ORIGINAL else self.translation


class Sentences:
    """The sentences of both sides of a pair, by id and by text key; clause ids lead to their sentence."""

    def __init__(self, original: list[dict[str, str]], translation: list[dict[str, str]]):
        self.by_id: dict[str, dict[str, Sentence]] = {side: {} for side in SIDES}
        self._by_key: dict[str, dict[str, str]] = {side: {} for side in SIDES}
        self._parent: dict[str, dict[str, str]] = {side: {} for side in SIDES}
        for side, rows in ((ORIGINAL, original), (TRANSLATION, translation)):
            seen: Counter[str] = Counter()
            for r in sorted((r for r in rows if r.get("level") == "sentence"), key=lambda r: int(r["start"])):
                base = text_key(r["text"])
                seen[base] += 1
                sentence = Sentence(r["segment_id"], side, int(r["start"]), int(r["end"]), r["text"],
                                    r.get("kind", ""), f"{base}:{seen[base]}")
                self.by_id[side][sentence.id] = sentence
                self._by_key[side][sentence.key] = sentence.id
            for r in rows:
                if r.get("level") != "sentence" and r.get("parent_id"):
                    self._parent[side][r["segment_id"]] = r["parent_id"]

    def get(self, side: str, segment_id: str) -> Sentence | None:
        """The sentence of a sentence or clause id on that side."""
        sentences = self.by_id[side]
        return sentences.get(segment_id) or sentences.get(self._parent[side].get(segment_id, ""))

    def resolve(self, side: str, key: str) -> str | None:
        """The id of the sentence with this text key today, None if that text is gone."""
        return self._by_key[side].get(key)

    def ordered(self, side: str, ids: Iterable[str]) -> tuple[str, ...]:
        """Sentence ids in text order (unknown ids dropped)."""
        known = [self.by_id[side][i] for i in set(ids) if i in self.by_id[side]]
        return tuple(s.id for s in sorted(known, key=lambda s: s.start))

    def in_order(self, side: str) -> list[Sentence]:
        return sorted(self.by_id[side].values(), key=lambda s: s.start)


def base_links(alignment: list[dict[str, str]], sentences: Sentences) -> list[Link]:
    """The aligner's sentence-level links: clause links grouped by ``sentence_link``.

    Groups that share a sentence are joined, and a sentence in no link gets a link of its own,
    so every sentence is in exactly one link."""
    groups: dict[str, dict[str, Any]] = {}
    for row in alignment:
        group = groups.setdefault(row.get("sentence_link") or row["link_id"],
                                  {ORIGINAL: set(), TRANSLATION: set(), "confidence": [], "note": ""})
        for side in SIDES:
            group[side].update(row.get(f"{side}_sentence_ids", "").split())
        if row.get("confidence"):
            group["confidence"].append(float(row["confidence"]))
        group["note"] = group["note"] or row.get("note", "")
    # Join groups that name the same sentence (union-find over group ids).
    parent = {g: g for g in groups}

    def find(g: str) -> str:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    owner: dict[tuple[str, str], str] = {}
    for g, group in groups.items():
        for side in SIDES:
            for sid in group[side]:
                if (side, sid) in owner:
                    parent[find(g)] = find(owner[(side, sid)])
                else:
                    owner[(side, sid)] = g
    joined: dict[str, list[str]] = {}
    for g in groups:
        joined.setdefault(find(g), []).append(g)
    links = []
    for root, members in joined.items():
        ids = {side: set().union(*(groups[m][side] for m in members)) for side in SIDES}
        confidences = [c for m in members for c in groups[m]["confidence"]]
        links.append(Link(root, sentences.ordered(ORIGINAL, ids[ORIGINAL]),
                          sentences.ordered(TRANSLATION, ids[TRANSLATION]), min(confidences, default=""),
                          next((groups[m]["note"] for m in members if groups[m]["note"]), "")))
    linked = {(side, sid) for link in links for side in SIDES for sid in link.ids(side)}
    for side in SIDES:
        for s in sentences.in_order(side):
            if (side, s.id) not in linked:
                ids = ((s.id,), ()) if side == ORIGINAL else ((), (s.id,))
                links.append(Link(f"U-{s.id}", *ids))
    return [link for link in links if link.original or link.translation]


def _spec(link: Link, sentences: Sentences) -> dict[str, list[dict[str, str]]]:
    """A link as stored in an edit: each sentence by text key, with (the start of) its text."""
    return {side: [{"key": sentences.by_id[side][i].key, "text": sentences.by_id[side][i].text[:MAX_QUOTE]}
                   for i in link.ids(side)] for side in SIDES}


def _find(links: list[Link], link_id: Any) -> Link:
    link = next((link for link in links if link.id == link_id), None)
    if link is None:
        raise EditError(f"no link {link_id!r} in this pair's alignment")
    return link


def _ids(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EditError(f"{name} must be a list of sentence ids")
    return value


def plan_edit(links: list[Link], sentences: Sentences, body: dict[str, Any]) -> dict[str, Any]:
    """The stored form of an edit asked for on the current links (raises EditError if it does not fit).

    ``{"op": "merge", "links": [A, B]}`` joins two links; ``{"op": "split", "link": A,
    "original": [...], "translation": [...]}`` makes the named sentences of A one link and the rest
    another; ``{"op": "move", "side": S, "sentence": ID, "to": B}`` moves one sentence to link B."""
    op = body.get("op")
    if op == Op.MERGE:
        pair = body.get("links")
        if not isinstance(pair, list) or len(pair) != 2 or pair[0] == pair[1]:
            raise EditError("merge needs two different links")
        first, second = _find(links, pair[0]), _find(links, pair[1])
        before = [first, second]
        after = [Link("", sentences.ordered(ORIGINAL, first.original + second.original),
                      sentences.ordered(TRANSLATION, first.translation + second.translation))]
    elif op == Op.SPLIT:
        link = _find(links, body.get("link"))
        part = {ORIGINAL: set(_ids(body.get(ORIGINAL, []), ORIGINAL)),
                TRANSLATION: set(_ids(body.get(TRANSLATION, []), TRANSLATION))}
        if any(not part[side] <= set(link.ids(side)) for side in SIDES):
            raise EditError("split names a sentence that is not in the link")
        first = Link("", *(tuple(i for i in link.ids(side) if i in part[side]) for side in SIDES))
        rest = Link("", *(tuple(i for i in link.ids(side) if i not in part[side]) for side in SIDES))
        if not (first.original or first.translation) or not (rest.original or rest.translation):
            raise EditError("each part of a split needs at least one sentence")
        before, after = [link], [first, rest]
    elif op == Op.MOVE:
        side, sentence = body.get("side"), body.get("sentence")
        if side not in SIDES:
            raise EditError(f"side must be one of {', '.join(SIDES)}")
        source = next((link for link in links if sentence in link.ids(side)), None)
        if source is None:
            raise EditError(f"no {side} sentence {sentence!r} in the alignment")
        target = _find(links, body.get("to"))
        if target.id == source.id:
            raise EditError("the sentence is already in that link")
        def moved(link: Link, add: bool) -> Link:
            ids = {s: set(link.ids(s)) for s in SIDES}
            ids[side] = ids[side] | {sentence} if add else ids[side] - {sentence}
            return Link("", *(sentences.ordered(s, ids[s]) for s in SIDES))
        left, joined = moved(source, False), moved(target, True)
        before = [source, target]
        after = [link for link in (left, joined) if link.original or link.translation]
    else:
        raise EditError(f"op must be one of {', '.join(OPS)}")
    return {"op": op, "before": [_spec(link, sentences) for link in before],
            "after": [_spec(link, sentences) for link in after]}


def describe(payload: dict[str, Any]) -> str:
    """One line for the decision log: the operation and the links it made."""
    def short(spec: dict[str, list[dict[str, str]]]) -> str:
        parts = []
        for side in SIDES:
            items = spec.get(side, [])
            first = items[0]["text"][:40] if items else ""
            parts.append(f"{len(items)} {side} ({first}{'…' if items else '—'})")
        return " + ".join(parts)
    return f"{payload.get('op', '?')}: " + " | ".join(short(s) for s in payload.get("after", []))


def apply_edits(links: list[Link], edits: list[dict[str, Any]],
                sentences: Sentences) -> tuple[list[Link], list[dict[str, Any]]]:
    """The links with each edit applied in turn, and the edits that could not be (orphans).

    An edit applies when every sentence it made a link of is still there (same text, same
    occurrence): those sentences leave the links they are in and form the edit's links."""
    orphans = []
    for edit in edits:
        made = []
        for spec in edit.get("payload", {}).get("after", []):
            ids = {side: [sentences.resolve(side, item.get("key", "")) for item in spec.get(side, [])]
                   for side in SIDES}
            made.append(ids)
        named = [(side, i) for ids in made for side in SIDES for i in ids[side]]
        if not made or any(i is None for _, i in named) or len(set(named)) != len(named):
            orphans.append(edit)
            continue
        taken = set(named)
        kept = []
        for link in links:
            left = {side: tuple(i for i in link.ids(side) if (side, i) not in taken) for side in SIDES}
            if left[ORIGINAL] == link.original and left[TRANSLATION] == link.translation:
                kept.append(link)
            elif left[ORIGINAL] or left[TRANSLATION]:
                kept.append(Link(link.id, left[ORIGINAL], left[TRANSLATION], "", "", True))
        for n, ids in enumerate(made, 1):
            kept.append(Link(f"{edit['edit_id']}-{n}", sentences.ordered(ORIGINAL, ids[ORIGINAL]),
                             sentences.ordered(TRANSLATION, ids[TRANSLATION]), "", "", True))
        links = kept
    return links, orphans
