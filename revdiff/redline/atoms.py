"""Run atoms: a paragraph's content one character or one object at a time, read from runs
(`read_atoms`) and written back as runs inside revision wrappers (`emit`).

An atom remembers the run properties and the containers (hyperlink, content control, smart
tag…) it sat in, so a paragraph rewritten with tracked changes keeps the formatting of every
character, and its bookmarks, fields and footnote references stay where they were.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from revdiff.ooxml.names import INLINE_WRAPPERS, W_NS, w
from revdiff.ooxml.revisions import RevisionKind, Revisions
from revdiff.ooxml.runs import (
    RUN_CHARACTERS,
    as_deleted,
    mark_run_deleted,
    symbol_text,
    text_element,
)

# The revision wrappers around a piece of a paragraph, outermost first: () for untracked text,
# (ins,) for inserted, (moveTo, ins) for words inserted inside moved text, …
Path_ = tuple[RevisionKind, ...]


@dataclass(eq=False, slots=True)
class Atom:
    """One character of a paragraph's text, or one zero-width object (bookmark, footnote
    reference, field code, drawing…), with the run properties and the containers (hyperlink,
    content control, smart tag…) it sits in, so that it can be written back where it was.

    One exception: `_Stream.delete` puts a whole stretch of deleted text in one Atom, because a
    deleted word needs no position of its own; only `emit` reads those, splitting them at tabs
    and line breaks."""

    char: str  # the character as the loader reads it; "" for objects
    element: etree._Element | None = None  # a special element to copy (tab, sym, bookmark…)
    r_pr: etree._Element | None = None
    in_run: bool = True
    containers: tuple[etree._Element, ...] = ()
    literal: str | None = None  # text to write in w:t when element is None (default: char)
    # Text in a note-reference or superscript run with no real reference before it: a note
    # mark typed by hand ("group2"), which the structure parser may take out of the text.
    typed_mark: bool = False


_CONTAINERS = {w(t) for t in INLINE_WRAPPERS}
_CONTAINER_PROPERTIES = {w(t) for t in ("sdtPr", "sdtEndPr", "smartTagPr", "customXmlPr")}
_CHARACTERS = {w(name): text for name, text in RUN_CHARACTERS.items()}


def read_atoms(p: etree._Element) -> list[Atom]:
    """The atoms of a paragraph without revisions, in document order."""
    atoms: list[Atom] = []
    fields: list[bool] = []  # one entry per open complex field: past its "separate"?

    def in_code() -> bool:
        return any(not past for past in fields)

    def run(r: etree._Element, containers: tuple[etree._Element, ...]) -> None:
        r_pr = r.find(w("rPr"))
        is_reference = any(
            child.tag in (w("footnoteReference"), w("endnoteReference")) for child in r
        )
        mark_styled = is_reference or _reference_styled(r_pr)
        follows_mark = bool(atoms) and atoms[-1].char == "" and _is_note_mark(atoms[-1])

        def add(char: str, element: etree._Element | None, literal: str | None = None) -> None:
            atoms.append(Atom(char, element, r_pr, True, containers, literal))

        for child in r:
            tag = child.tag
            if tag == w("rPr"):
                continue
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
                add("", child)
            elif tag == w("t"):
                text = child.text or ""
                if in_code() or is_reference or (mark_styled and follows_mark):
                    add("", child)  # part of a footnote mark or a field code: not text
                    continue
                if "\u00ad" not in text:  # the common case, in one step (a clause can be long)
                    atoms.extend(
                        [
                            Atom(char, None, r_pr, True, containers, None, mark_styled)
                            for char in text
                        ]
                    )
                    continue
                for char in text:
                    if char == "\u00ad":
                        add("", None, char)  # soft hyphen: kept, but no reader sees it
                    else:
                        atoms.append(Atom(char, None, r_pr, True, containers, None, mark_styled))
            elif in_code():
                add("", child)
            elif tag in _CHARACTERS:
                add(_CHARACTERS[tag], child)  # a soft hyphen shows as nothing
            elif tag == w("sym"):
                add(symbol_text(child, W_NS) or "\ufffd", child)
            else:
                add("", child)  # footnoteReference, drawing, instrText, …

    def walk(parent: etree._Element, containers: tuple[etree._Element, ...]) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("pPr") or not isinstance(tag, str):
                continue
            if tag == w("r"):
                run(child, containers)
            elif tag in _CONTAINERS:
                walk(child, (*containers, child))
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    walk(content, (*containers, child, content))
            else:
                atoms.append(Atom("", child, None, False, containers))

    walk(p, ())
    # Line breaks at either end of a paragraph are layout, not text (the loader drops them).
    return atoms


def _is_note_mark(atom: Atom) -> bool:
    element = atom.element
    return element is not None and (
        element.tag in (w("footnoteReference"), w("endnoteReference"))
        or (element.tag == w("t") and atom.r_pr is not None and _reference_styled(atom.r_pr))
    )


def _reference_styled(r_pr: etree._Element | None) -> bool:
    if r_pr is None:
        return False
    style = r_pr.find(w("rStyle"))
    if style is not None and "reference" in (style.get(w("val")) or "").lower():
        value = (style.get(w("val")) or "").lower()
        return "footnote" in value or "endnote" in value
    align = r_pr.find(w("vertAlign"))
    return align is not None and align.get(w("val")) == "superscript"


@dataclass(slots=True)
class Piece:
    atom: Atom
    path: Path_


def emit(p: etree._Element, pieces: Sequence[Piece], revisions: Revisions) -> None:
    """Replace the content of `p` (not its properties) by `pieces`: containers copied once,
    revision wrappers shared by consecutive pieces, runs merged when their properties match."""
    for child in list(p):
        if child.tag != w("pPr"):
            p.remove(child)
    # The open chain: (key, element) pairs; keys are container identities or wrapper kinds.
    chain: list[tuple[tuple[str, int, str], etree._Element]] = []
    parent = p
    path: Path_ | None = None
    containers: tuple[etree._Element, ...] | None = None
    deleted = False
    # The open run is always the last child of `parent` (anything else appended to `parent`
    # closes it), so it never needs looking up; `last` is its last child, which plain text
    # extends when it is a text element of the right kind. lxml's len() and [-1] walk the
    # children, which per character cost seconds on a big clause.
    run: etree._Element | None = None
    run_r_pr: etree._Element | None = None
    last: etree._Element | None = None
    text_tag = w("t")
    # Text gathered per w:t / w:delText and set once at the end: growing an lxml text one
    # character at a time copies it every time (a 1 MB clause took minutes).
    texts: dict[etree._Element, list[str]] = {}
    parts: list[str] | None = None  # texts[last] when `last` takes text
    for piece in pieces:
        atom = piece.atom
        if piece.path != path or atom.containers != containers:
            path, containers = piece.path, atom.containers
            wanted: list[tuple[str, int, str]] = [("c", id(c), "") for c in containers]
            wanted += [("r", depth, kind) for depth, kind in enumerate(path)]
            common = 0
            while (
                common < len(chain) and common < len(wanted) and chain[common][0] == wanted[common]
            ):
                common += 1
            if common < len(chain) or common < len(wanted):
                del chain[common:]
                run = None
            parent = chain[-1][1] if chain else p
            for key in wanted[common:]:
                if key[0] == "c":
                    original = next(c for c in containers if id(c) == key[1])
                    element = _clone_container(original)
                else:
                    element = revisions.wrapper(key[2])
                parent.append(element)
                chain.append((key, element))
                parent = element
            deleted = RevisionKind.DELETED in path
            text_tag = w("delText" if deleted else "t")
        if not atom.in_run:
            assert atom.element is not None
            parent.append(copy.deepcopy(atom.element))
            run = None
            continue
        if run is None or run_r_pr is not atom.r_pr:
            run = etree.SubElement(parent, w("r"))
            run_r_pr = atom.r_pr
            last = None
            if atom.r_pr is not None and len(atom.r_pr):
                run.append(copy.deepcopy(atom.r_pr))
            parts = None
        if atom.element is not None:
            last = _copy_object(atom.element, deleted)
            run.append(last)
            parts = None
            continue
        text = atom.literal if atom.literal is not None else atom.char
        if len(text) > 1 and ("\t" in text or "\n" in text):  # a deleted stretch of text
            chunks = [chunk for chunk in _BREAKS.split(text) if chunk]
        else:
            chunks = [text]
        for chunk in chunks:
            if chunk == "\t" or chunk == "\n":
                last = etree.SubElement(run, w("tab" if chunk == "\t" else "br"))
                parts = None
            elif parts is not None:
                parts.append(chunk)
            elif last is not None and last.tag == text_tag:
                parts = texts.setdefault(last, [last.text or ""])
                parts.append(chunk)
            else:
                last = text_element(chunk, deleted=deleted)
                run.append(last)
                parts = texts[last] = [chunk]
    for element, gathered in texts.items():
        element.text = "".join(gathered)


_BREAKS = re.compile("([\t\n])")


def _copy_object(element: etree._Element, deleted: bool) -> etree._Element:
    """A copy of a special run child (tab, field code, footnote mark text…), as deleted text
    inside a deletion."""
    element = copy.deepcopy(element)
    if deleted:
        as_deleted(element)
    return element


def _clone_container(original: etree._Element) -> etree._Element:
    clone = etree.Element(original.tag, attrib=dict(original.attrib))
    for child in original:
        if child.tag in _CONTAINER_PROPERTIES:
            clone.append(copy.deepcopy(child))
    return clone


def wrap_content(p: etree._Element, kind: RevisionKind, revisions: Revisions) -> None:
    """Put all of a fresh paragraph's content inside one ``w:del`` or ``w:moveFrom``."""
    wrapper = revisions.wrapper(kind)
    for child in list(p):
        if child.tag == w("pPr"):
            continue
        p.remove(child)
        if kind is RevisionKind.DELETED:
            for run in child.iter(w("r")):
                mark_run_deleted(run)
        wrapper.append(child)
    p.append(wrapper)
