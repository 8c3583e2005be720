"""Revision elements: tracked insertions, deletions and moves, read in a view and written.

Reading: the ACCEPTED view of a document keeps what ``w:ins`` and ``w:moveTo`` hold and drops
what ``w:del`` and ``w:moveFrom`` hold; the ORIGINAL view does the reverse. A paragraph MARK
carries its own revision (``w:pPr/w:rPr/w:ins|w:del|…``): where the mark does not exist, the
paragraph joins the next one.

Writing (python-docx cannot write revisions, so these are built on lxml): run-level wrappers
(`Revisions.wrapper`), tracked paragraph marks (`mark_paragraph`), named move ranges
(`move_range`). Every ``w:id`` comes from one `Revisions` counter that starts above every id
already in the package, so revision, move-range and comment ids never collide.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from lxml import etree

from revdiff.model import View
from revdiff.ooxml.names import w
from revdiff.ooxml.paragraphs import next_paragraph, paragraph_properties
from revdiff.ooxml.schema import (
    PPR_ORDER,
    RPR_ORDER,
    SETTINGS_BEFORE_TRACK,
    get_or_add,
    insert_in_order,
)


class RevisionKind(StrEnum):
    """A run-level revision container, and the revision a paragraph mark may carry."""

    INSERTED = "ins"
    DELETED = "del"
    MOVED_FROM = "moveFrom"
    MOVED_TO = "moveTo"


MARK_KINDS = tuple(kind.value for kind in RevisionKind)  # in the schema's order
_MARK_TAGS = {w(kind) for kind in MARK_KINDS}
_OTHER_VIEW = {View.ACCEPTED: View.ORIGINAL, View.ORIGINAL: View.ACCEPTED}


def hidden_in(view: View) -> tuple[str, ...]:
    """The revision containers (local names) whose content does not exist in `view`: a
    deletion or a move's source when accepted, an insertion or a move's destination when not."""
    if view is View.ACCEPTED:
        return (RevisionKind.DELETED, RevisionKind.MOVED_FROM)
    return (RevisionKind.INSERTED, RevisionKind.MOVED_TO)


def format_revision_date(date: datetime) -> str:
    """``w:date`` as Word writes it: UTC, whole seconds, a trailing Z."""
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Revisions:
    """Author, date and the one id counter of a redline being built (lives for one build).

    Word wants every annotation id (insertion, deletion, move, move range, comment) to be unique;
    one counter for all of them, starting above every id the base package already uses, keeps
    them apart."""

    author: str
    date: datetime
    next_id: int = 1
    move_count: int = 0

    @property
    def date_text(self) -> str:
        return format_revision_date(self.date)

    def take_id(self) -> str:
        value = self.next_id
        self.next_id += 1
        return str(value)

    def take_move_name(self) -> str:
        self.move_count += 1
        return f"revdiffMove{self.move_count}"

    def stamp(self, element: etree._Element) -> etree._Element:
        """Give `element` a fresh w:id, the author and the date."""
        element.set(w("id"), self.take_id())
        element.set(w("author"), self.author)
        element.set(w("date"), self.date_text)
        return element

    def wrapper(self, kind: str) -> etree._Element:
        """A run-level revision container: ``w:ins``, ``w:del``, ``w:moveFrom`` or ``w:moveTo``."""
        if kind not in MARK_KINDS:
            raise ValueError(f"unknown revision kind {kind!r}")
        return self.stamp(etree.Element(w(kind)))


def clone_properties(p: etree._Element) -> etree._Element:
    """A new paragraph with a copy of `p`'s properties, minus revision marks, section breaks and
    property changes (those belong to `p` alone)."""
    new = etree.Element(w("p"))
    p_pr = p.find(w("pPr"))
    if p_pr is not None:
        p_pr = copy.deepcopy(p_pr)
        for tag in ("sectPr", "pPrChange"):
            for found in p_pr.findall(w(tag)):
                p_pr.remove(found)
        r_pr = p_pr.find(w("rPr"))
        if r_pr is not None:
            for tag in (*MARK_KINDS, "rPrChange"):
                for found in r_pr.findall(w(tag)):
                    r_pr.remove(found)
        new.append(p_pr)
    return new


def mark_paragraph(p: etree._Element, kinds: Iterable[str], revisions: Revisions) -> None:
    """Track the paragraph MARK of `p` as inserted, deleted, moved from or moved to (``kinds``
    may hold both ``ins`` and ``del``: a mark that exists in neither view)."""
    wanted = [kind for kind in MARK_KINDS if kind in set(kinds)]
    if not wanted:
        return
    r_pr = get_or_add(paragraph_properties(p), w("rPr"), PPR_ORDER)
    for kind in wanted:
        existing = r_pr.find(w(kind))
        if existing is not None:
            r_pr.remove(existing)
        insert_in_order(r_pr, revisions.stamp(etree.Element(w(kind))), RPR_ORDER)


def paragraph_mark_kinds(p: etree._Element) -> tuple[str, ...]:
    """Which revision marks the paragraph mark of `p` carries."""
    r_pr = p.find(f"{w('pPr')}/{w('rPr')}")
    if r_pr is None:
        return ()
    return tuple(kind for kind in MARK_KINDS if r_pr.find(w(kind)) is not None)


def clear_paragraph_mark(p: etree._Element) -> None:
    r_pr = p.find(f"{w('pPr')}/{w('rPr')}")
    if r_pr is None:
        return
    for kind in MARK_KINDS:
        for found in r_pr.findall(w(kind)):
            r_pr.remove(found)


def move_range(kind: str, name: str, revisions: Revisions) -> tuple[etree._Element, etree._Element]:
    """The start and end of a named move range (``kind`` is ``moveFrom`` or ``moveTo``); the
    pair shares one id, and the source and destination ranges of a move share the name."""
    start = revisions.stamp(etree.Element(w(f"{kind}RangeStart")))
    start.set(w("name"), name)
    end = etree.Element(w(f"{kind}RangeEnd"))
    end.set(w("id"), start.get(w("id")) or "")
    return start, end


def turn_on_track_changes(settings: etree._Element) -> None:
    """Add ``w:trackRevisions`` so that edits made to the redline are tracked too."""
    if settings.find(w("trackRevisions")) is not None:
        return
    insert_in_order(
        settings, etree.Element(w("trackRevisions")), (*SETTINGS_BEFORE_TRACK, w("trackRevisions"))
    )


_REVISION_MARKUP = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo|\w+Change)\b")
_RANGES = {
    w(t)
    for t in (
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    )
}


def resolve_revisions(root: etree._Element, view: View) -> dict[etree._Element, etree._Element]:
    """Accept (ACCEPTED view) or reject (ORIGINAL view) every revision already in `root`, as the
    loader read it, so that the base shows exactly the new document before we add ours.

    Returns, for each paragraph merged away because its mark does not exist in the view, the
    paragraph it was merged into (the one whose mark survives, as in Word)."""
    remove = {w(kind) for kind in hidden_in(view)}
    keep = {w(kind) for kind in hidden_in(_OTHER_VIEW[view])}
    survivors: dict[etree._Element, etree._Element] = {}
    # Rows inserted or deleted with tracking.
    for tr in list(root.iter(w("tr"))):
        tr_pr = tr.find(w("trPr"))
        if tr_pr is None:
            continue
        if any(tr_pr.find(tag) is not None for tag in remove):
            parent = tr.getparent()
            if parent is not None:
                parent.remove(tr)
        for tag in keep:
            for found in tr_pr.findall(tag):
                tr_pr.remove(found)
    # Property changes: the current properties in the accepted view, the old ones in the other.
    for tag in (
        "pPrChange",
        "rPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
    ):
        for change in list(root.iter(w(tag))):
            owner = change.getparent()
            if owner is None:
                continue
            owner.remove(change)
            if view is View.ORIGINAL and tag in ("pPrChange", "rPrChange"):
                old = change[0] if len(change) else None
                if old is not None:
                    keep_tags = {w("rPr"), w("sectPr")} if tag == "pPrChange" else set()
                    for child in list(owner):
                        if child.tag not in keep_tags and child.tag not in _MARK_TAGS:
                            owner.remove(child)
                    for child in old:
                        owner.append(copy.deepcopy(child))
    # Run-level revisions.
    for element in list(root.iter(*remove, *keep, *_RANGES)):
        parent = element.getparent()
        if parent is None or element.tag == w("rPr"):
            continue
        grandparent = parent.getparent()
        if parent.tag == w("rPr") and grandparent is not None and grandparent.tag == w("pPr"):
            continue  # a paragraph mark: handled below
        if element.tag in remove or element.tag in _RANGES:
            parent.remove(element)
        else:
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
            parent.remove(element)
    for deleted_text in root.iter(w("delText"), w("delInstrText")):
        deleted_text.tag = w("t") if deleted_text.tag == w("delText") else w("instrText")
    # Paragraph marks: merge a paragraph whose mark does not exist into the next one.
    pending: list[etree._Element] = []
    for p in list(root.iter(w("p"))):
        r_pr = p.find(f"{w('pPr')}/{w('rPr')}")
        gone = False
        if r_pr is not None:
            gone = any(r_pr.find(tag) is not None for tag in remove)
            for tag in (*remove, *keep):
                for found in r_pr.findall(tag):
                    r_pr.remove(found)
        if gone and next_paragraph(p) is not None:
            pending.append(p)
            continue
        if pending:
            p_pr = p.find(w("pPr"))
            position = 1 if p_pr is not None else 0
            for earlier in pending:
                for child in list(earlier):
                    if child.tag == w("pPr"):
                        continue
                    p.insert(position, child)
                    position += 1
                parent = earlier.getparent()
                if parent is not None:
                    parent.remove(earlier)
                survivors[earlier] = p
            pending = []
    return survivors
