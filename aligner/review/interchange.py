"""The reviewed alignment as TMX 1.4 and XLIFF 2.0, for translation-memory and CAT tools.

One unit per sentence-level link, the reviewer's link edits applied, in reading order: the
original sentences' text as the source, the translation sentences' as the target. TMX holds only
links with both sides (a translation memory pairs texts); XLIFF also holds an original sentence
left out of the translation, as a segment with no target. Each XLIFF unit carries the findings on
its link that were not dismissed, with their decisions, as notes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from aligner import __version__
from aligner.report.columns import ORIGINAL, TRANSLATION
from aligner.review.pairs import PairReport
from aligner.review.store import Status

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
# Characters XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Unit:
    """One link of the reviewed alignment."""

    id: str
    source: str
    target: str
    link_type: str
    edited: bool
    notes: tuple[str, ...]


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def units(pair: PairReport, decisions: dict[str, dict[str, Any]]) -> list[Unit]:
    """The pair's links in reading order, with the findings on each that were not dismissed."""
    out = []
    for row in pair.rows:
        texts = {side: " ".join(pair.sentences.by_id[side][s.id].text for s in getattr(row, side))
                 for side in (ORIGINAL, TRANSLATION)}
        notes = []
        for fid in row.context_ids:
            finding, decision = pair.finding(fid), decisions.get(fid)
            status = decision["status"] if decision else Status.OPEN
            if finding is None or status == Status.DISMISSED or (finding.get("low") and status == Status.OPEN):
                continue
            note = f"{finding['type']}/{finding['subtype']} ({finding['severity']}, {status}): {finding['evidence']}"
            if decision and decision["comment"]:
                note += f" | comment: {decision['comment']}"
            if decision and decision["corrected_translation"]:
                note += f" | corrected: {decision['corrected_translation']}"
            notes.append(_clean(note))
        out.append(Unit(row.id, _clean(texts[ORIGINAL]), _clean(texts[TRANSLATION]), row.link_type, row.edited,
                        tuple(notes)))
    return out


def _bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def tmx(pair: PairReport, decisions: dict[str, dict[str, Any]]) -> bytes:
    """TMX 1.4: a translation unit for each link that has text on both sides."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {"creationtool": "aligner", "creationtoolversion": __version__,
                                   "segtype": "sentence", "o-tmf": "aligner", "adminlang": "en",
                                   "srclang": pair.original.lang, "datatype": "plaintext"})
    body = ET.SubElement(root, "body")
    for unit in units(pair, decisions):
        if not unit.source or not unit.target:
            continue
        tu = ET.SubElement(body, "tu", tuid=unit.id)
        ET.SubElement(tu, "prop", type="x-link-type").text = unit.link_type
        ET.SubElement(tu, "prop", type="x-edited-by-reviewer").text = "yes" if unit.edited else "no"
        for lang, text in ((pair.original.lang, unit.source), (pair.translation.lang, unit.target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
    return _bytes(root)


def xliff(pair: PairReport, decisions: dict[str, dict[str, Any]]) -> bytes:
    """XLIFF 2.0: a unit for each link with an original side; findings as notes."""
    ET.register_namespace("", XLIFF_NS)
    q = lambda name: f"{{{XLIFF_NS}}}{name}"  # noqa: E731
    root = ET.Element(q("xliff"), {"version": "2.0", "srcLang": pair.original.lang,
                                   "trgLang": pair.translation.lang})
    file_ = ET.SubElement(root, q("file"), id="f1", original=pair.pair_id)
    for unit in units(pair, decisions):
        if not unit.source:
            continue
        element = ET.SubElement(file_, q("unit"), id=unit.id)
        notes = [f"link {unit.link_type}" + (", edited by a reviewer" if unit.edited else ""), *unit.notes]
        container = ET.SubElement(element, q("notes"))
        for n, text in enumerate(notes):
            ET.SubElement(container, q("note"), category="link" if n == 0 else "finding").text = text
        segment = ET.SubElement(element, q("segment"), state="translated" if unit.target else "initial")
        ET.SubElement(segment, q("source"), {XML_SPACE: "preserve"}).text = unit.source
        if unit.target:
            ET.SubElement(segment, q("target"), {XML_SPACE: "preserve"}).text = unit.target
    return _bytes(root)
