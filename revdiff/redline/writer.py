"""The redline writer: a `Comparison` and a base document -> .docx bytes with tracked changes.

It speaks in clauses. The base is the NEW document (the real .docx when there is one, else the
template of `template.py`); each change rewrites the paragraphs of its new clauses into tracked
runs, and the clauses the new document lacks are put back, as deleted (or moved-from) paragraphs,
at their place in the OLD document. Accepting every revision gives the new text, rejecting every
revision gives the old text, paragraph by paragraph.

How each change looks:

- MODIFIED: word-level ``w:ins``/``w:del`` from `Change.edits`; the runs keep the formatting of
  the characters they came from (every run property, run by run), hyperlinks, content controls,
  bookmarks, fields and footnote references stay where they were.
- ADDED / DELETED: the whole paragraph, its paragraph mark included, is inserted / deleted, so
  that Accept All leaves no empty paragraph and Reject All restores the old paragraph in place.
- Moved: a ``w:moveFrom`` paragraph at the old place and ``w:moveTo`` content at the new place,
  in move ranges sharing one name; edits inside the moved text are nested in the move
  (``w:moveTo``/``w:del``, ``w:ins``).
- Relabelled (``b)`` -> ``c)``): a deletion and insertion of the typed LABEL alone. When the label
  comes from Word's automatic numbering nothing is tracked: the numbering renumbers itself.
- SPLIT (one old clause, several new): the new paragraphs keep the edits; each new paragraph
  mark but the last is inserted, the new labels are inserted, and the space that joined the
  parts in the old text is a deleted space, so rejecting joins them back into the old paragraph.
- MERGED (several old, one new): the new paragraph is cut where the old paragraphs ended; the
  cuts are deleted paragraph marks, the old labels after them deleted text.
- Metadata lines, section headings and front matter are tracked like any text.

If a clause of a .docx base cannot be found again (its location and text do not match), the
whole redline is built on the template instead: the text is right, the formatting is the
template's.
"""

from __future__ import annotations

import bisect
import copy
import difflib
import itertools
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from revdiff.model import (
    Change,
    ChangeKind,
    Clause,
    Comparison,
    Document,
    EditOp,
    Marker,
    MetadataChange,
    Nature,
    Section,
    TextEdit,
)
from revdiff.ooxml.comments import (
    comment_range_end,
    comment_range_start,
    comment_reference_run,
    ensure_comments_part,
    make_comment,
)
from revdiff.ooxml.names import CT_MAIN, REL_SETTINGS, REL_STYLES, W_NS, w
from revdiff.ooxml.paragraphs import iter_body_paragraphs, make_paragraph, next_paragraph
from revdiff.ooxml.parts import Package
from revdiff.ooxml.revisions import (
    Revisions,
    clear_paragraph_mark,
    mark_paragraph,
    move_range,
    resolve_revisions,
    turn_on_track_changes,
)
from revdiff.ooxml.runs import (
    RUN_CHARACTERS,
    as_deleted,
    make_run_properties,
    mark_run_deleted,
    symbol_text,
    text_element,
    text_run,
)
from revdiff.redline.template import (
    MARKER_STYLE,
    Layout,
    build_template,
    clone_properties,
    ensure_marker_style,
)

WHITESPACE = " \t\n\r\f\v"  # what the structure parser squashes; no-break spaces are text

Path_ = tuple[str, ...]  # revision wrappers around a piece, outermost first


@dataclass
class RedlineStats:
    """What a build did, for tests and diagnostics."""

    template: bool = False
    fallback_reason: str | None = None
    rebuilt_paragraphs: int = 0
    revisions: int = 0
    comments: int = 0
    moves: int = 0


class _NeedTemplate(Exception):
    """The .docx base cannot carry this comparison faithfully: build on the template."""


# --------------------------------------------------------------------------------------------
# Entry point


def build_redline_bytes(
    comparison: Comparison,
    *,
    base: bytes | None,
    author: str,
    date: datetime,
    comments: bool,
    markers: bool,
) -> tuple[bytes, RedlineStats]:
    """The redline of `comparison` on `base` (the new .docx) or on the template."""
    stats = RedlineStats()
    if base is not None:
        try:
            layout = map_docx_base(base, comparison.new, author=author, date=date)
            return _write(layout, comparison, author, date, comments, markers, stats), stats
        except _NeedTemplate as reason:
            stats = RedlineStats(fallback_reason=str(reason))
    stats.template = True
    layout = build_template(comparison.new, date=date, author=author)
    return _write(layout, comparison, author, date, comments, markers, stats), stats


def _write(
    layout: Layout,
    comparison: Comparison,
    author: str,
    date: datetime,
    comments: bool,
    markers: bool,
    stats: RedlineStats,
) -> bytes:
    revisions = Revisions(author, date, next_id=layout.package.max_annotation_id() + 1)
    first_id = revisions.next_id
    redliner = _Redliner(layout, comparison, revisions, stats, comments=comments, markers=markers)
    redliner.run()
    stats.revisions = revisions.next_id - first_id
    stats.moves = revisions.move_count
    return layout.package.to_bytes()


# --------------------------------------------------------------------------------------------
# Atoms: a paragraph's content, one character or one object at a time


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


_CONTAINERS = {w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")}
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
                    atoms.extend([Atom(char, None, r_pr, True, containers) for char in text])
                    continue
                for char in text:
                    if char == "\u00ad":
                        add("", None, char)  # soft hyphen: kept, but no reader sees it
                    else:
                        add(char, None)
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


# --------------------------------------------------------------------------------------------
# Finding a clause's text among a paragraph's atoms


@dataclass
class Located:
    """Where a text sits in a paragraph's atoms: `units[j]` are the atoms that show character j
    of the text (a run of whitespace may show as one space), `start`/`end` bound them, and
    `label` spans a typed label before them."""

    atoms: list[Atom]
    start: int
    end: int
    units: list[list[int]]
    label: tuple[int, int] | None


def _squash_map(text: str) -> tuple[str, list[int]]:
    """`text` with whitespace runs as one space and no leading whitespace, and for each kept
    character its index in `text`."""
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if char in WHITESPACE:
            if out and out[-1] != " ":
                out.append(" ")
                index.append(position)
            continue
        out.append(char)
        index.append(position)
    return "".join(out), index


def _squash(text: str) -> str:
    return _squash_map(text)[0].rstrip(" ")


def locate(atoms: list[Atom], text: str, label: str | None) -> Located | None:
    """Find `text` (and a typed `label` before it) in `atoms`; None if it is not there."""
    chars = [k for k, atom in enumerate(atoms) if atom.char]
    joined = "".join(atoms[k].char for k in chars)
    lead = len(joined) - len(joined.lstrip(WHITESPACE))
    label_span: tuple[int, int] | None = None
    search_from = lead
    if label and joined.startswith(label, lead):
        label_span = (chars[lead], chars[lead + len(label) - 1] + 1)
        search_from = lead + len(label)
    if not text.strip(WHITESPACE):
        position = search_from
        while position < len(joined) and joined[position] in WHITESPACE:
            position += 1
        at = chars[position] if position < len(chars) else len(atoms)
        if text:  # whitespace only: it shows as the whitespace there, after any separator
            skip = 1 if label_span is not None and search_from < len(joined) else 0
            units = _walk(joined, search_from + skip, text)
            if units is None:
                return None
            flat = [chars[i] for unit in units for i in unit]
            at = flat[0] if flat else at
            return Located(atoms, at, at, [[chars[i] for i in u] for u in units], label_span)
        return Located(atoms, at, at, [], label_span)
    squashed, index = _squash_map(joined)
    wanted = _squash(text)
    begin = next((k for k, i in enumerate(index) if i >= search_from), len(index))
    found = squashed.find(wanted, begin)
    if found < 0:
        return None
    start = index[found]
    if text[0] in WHITESPACE:  # the text's own leading whitespace is there too
        # (but after a label, one whitespace character is the separator, not the text's)
        floor = search_from + 1 if label_span is not None else search_from
        while start > floor and joined[start - 1] in WHITESPACE:
            start -= 1
    units = _walk(joined, start, text)
    if units is None:
        return None
    _to_atoms(units, chars)
    first = next((unit[0] for unit in units if unit), None)
    last = next((unit[-1] for unit in reversed(units) if unit), None)
    if first is None or last is None:
        return None
    return Located(atoms, first, last + 1, units, label_span)


def _to_atoms(units: list[list[int]], chars: list[int]) -> None:
    """Turn units of character positions into units of atom indices, in place (a big clause
    has millions of units: a second copy cost a few hundred megabytes)."""
    for unit in units:
        for m, i in enumerate(unit):
            unit[m] = chars[i]


def _walk(joined: str, at: int, text: str) -> list[list[int]] | None:
    """Map each character of `text` to the characters of `joined` from `at` that show it;
    whitespace runs match whitespace runs of any length."""
    units: list[list[int]] = []
    t = at
    for j, char in enumerate(text):
        if char in WHITESPACE:
            if t >= len(joined) or joined[t] not in WHITESPACE:
                if units and j > 0 and text[j - 1] in WHITESPACE:
                    units.append([])  # the run in `joined` was shorter
                    continue
                return None
            more = j + 1 < len(text) and text[j + 1] in WHITESPACE
            if more:
                if t + 1 < len(joined) and joined[t + 1] in WHITESPACE:
                    units.append([t])
                    t += 1
                else:
                    units.append([])
                continue
            run = []
            while t < len(joined) and joined[t] in WHITESPACE:
                run.append(t)
                t += 1
            units.append(run)
        elif t < len(joined) and joined[t] == char:
            units.append([t])
            t += 1
        else:
            return None
    return units


def rebuild(atoms: list[Atom], text: str, label: str | None, typed: bool) -> Located:
    """A paragraph's atoms rebuilt from the model text, when the text cannot be found run by
    run: objects kept (those before the first character first), the label in its run's
    properties, the text in the properties of the first character after the label."""
    first_char = next((a for a in atoms if a.char), None)
    r_pr = first_char.r_pr if first_char is not None else None
    label_r_pr = r_pr
    if typed and label and first_char is not None:
        body = next(
            (
                a
                for a in atoms[atoms.index(first_char) + len(label) :]
                if a.char and a.char not in WHITESPACE
            ),
            None,
        )
        r_pr = body.r_pr if body is not None else r_pr
    leading: list[Atom] = []
    for atom in atoms:
        if atom.char:
            break
        leading.append(atom)
    trailing = [a for a in atoms[len(leading) :] if not a.char and a.literal is None]
    made: list[Atom] = list(leading)
    span: tuple[int, int] | None = None
    if typed and label:
        span = (len(made), len(made) + len(label))
        made.extend(Atom(c, None, label_r_pr) for c in label)
        made.append(Atom("\t", None, label_r_pr))
    start = len(made)
    made.extend(Atom(c, None, r_pr) for c in text)
    units = [[start + j] for j in range(len(text))]
    end = len(made)
    made.extend(trailing)
    return Located(made, start, end, units, span)


# --------------------------------------------------------------------------------------------
# Writing pieces back as runs


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
            deleted = "del" in path
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


def wrap_content(p: etree._Element, kind: str, revisions: Revisions) -> None:
    """Put all of a fresh paragraph's content inside one ``w:del`` or ``w:moveFrom``."""
    wrapper = revisions.wrapper(kind)
    for child in list(p):
        if child.tag == w("pPr"):
            continue
        p.remove(child)
        if kind == "del":
            for run in child.iter(w("r")):
                mark_run_deleted(run)
        wrapper.append(child)
    p.append(wrapper)


# --------------------------------------------------------------------------------------------
# Rewriting the new side of one change


class _Stream:
    """Builds the pieces of one change's new paragraphs from its edits."""

    def __init__(
        self,
        located: list[Located],
        paths: dict[str, Path_],
        base: str,
    ) -> None:
        self.located = located
        self.paths = paths
        self.base = base  # the status of prefix/suffix/objects: "=" or "+" (added) …
        self.i = 0
        self.cursor = 0
        self.pieces: list[Piece] = []
        self.segments: list[tuple[int, list[Piece], Path_ | None]] = []
        self.last: Atom | None = None

    @property
    def atoms(self) -> list[Atom]:
        return self.located[self.i].atoms

    def put(self, atom: Atom, status: str) -> None:
        if not atom.char:
            status = self.base if status != "-" else status
        self.pieces.append(Piece(atom, self.paths[status]))
        if atom.char and atom.in_run:
            self.last = atom

    def advance(self, until: int, status: str) -> None:
        while self.cursor < until:
            atom = self.atoms[self.cursor]
            self.put(atom, status if atom.char else self.base)
            self.cursor += 1

    def delete(self, text: str) -> None:
        """Add `text` as deleted, in the properties of the last character put (or the next)."""
        if self.paths["-"] == ("skip",) or not text:
            return
        model = self.last or next(
            (a for a in itertools.islice(self.atoms, self.cursor, None) if a.char), None
        )
        r_pr = model.r_pr if model is not None else None
        containers = model.containers if model is not None else ()
        # One atom for the whole stretch (only `emit` reads it, and it splits at tabs and line
        # breaks): one per character cost hundreds of bytes each on a big clause.
        self.pieces.append(Piece(Atom(text, None, r_pr, True, containers), self.paths["-"]))

    def consume(self, j: int, status: str) -> None:
        self.consume_run(j, j + 1, status)

    def consume_run(self, first: int, stop: int, status: str) -> None:
        """Put the atoms that show characters `first` to `stop` of the current text (and the
        objects before each) with `status`: `consume` for each, in one loop."""
        units = self.located[self.i].units
        atoms = self.atoms
        paths = self.paths
        path = paths[status]
        base_path = paths[self.base]
        object_path = path if status == "-" else base_path  # `put` for an object
        append = self.pieces.append
        cursor = self.cursor
        last = self.last
        for j in range(first, stop):
            unit = units[j]
            if not unit:
                continue
            while cursor < unit[0]:  # `advance`: what lies between, at the base status
                atom = atoms[cursor]
                append(Piece(atom, base_path))
                if atom.char and atom.in_run:
                    last = atom
                cursor += 1
            for k in unit:
                atom = atoms[k]
                if atom.char:
                    append(Piece(atom, path))
                    if atom.in_run:
                        last = atom
                else:
                    append(Piece(atom, object_path))
            cursor = unit[-1] + 1
        self.cursor = cursor
        self.last = last

    def start(self, old_label: str | None, new_label: str | None, kind: str) -> None:
        """Write the prefix (label and separator) of the current paragraph."""
        loc = self.located[self.i]
        span = loc.label
        if kind == "insert":
            self.advance(loc.start, "+")
            return
        if span is not None:
            a, b = span
            self.advance(a, self.base)
            if kind == "first" and old_label != new_label:
                self.last = next((x for x in self.atoms[a:b] if x.char), self.last)
                if old_label:
                    self.delete(old_label)
                self.advance(b, "+")
                self.advance(loc.start, self.base if old_label else "+")
            else:
                self.advance(loc.start, self.base)
            return
        self.advance(loc.start, self.base)
        if kind == "first" and old_label and new_label is None:
            self.delete(old_label + "\t")

    def spaced_end(self) -> bool:
        """Whether the current paragraph ends with whitespace after its text (which then
        stands for the space that joined it to the next part in the old text)."""
        loc = self.located[self.i]
        return any(a.char and a.char in WHITESPACE for a in loc.atoms[loc.end :])

    def end_paragraph(self, mark: Path_ | None) -> None:
        self.advance(len(self.atoms), self.base)
        self.segments.append((self.i, self.pieces, mark))
        self.pieces = []

    def next_paragraph(self, mark: Path_ | None, kind: str) -> None:
        self.end_paragraph(mark)
        self.i += 1
        self.cursor = 0
        self.last = None
        self.start(None, None, kind)

    def cut(self, mark: Path_, old_label: str | None, typed: bool) -> None:
        """End an output paragraph inside the current new paragraph (a merge)."""
        self.segments.append((self.i, self.pieces, mark))
        self.pieces = []
        if old_label and typed:
            self.delete(old_label + "\t")


def _boundaries(texts: Sequence[str]) -> list[int]:
    """Positions of the joining spaces in the texts joined by single spaces."""
    positions = []
    total = 0
    for text in texts[:-1]:
        total += len(text)
        positions.append(total)
        total += 1
    return positions


def _next_at(positions: Sequence[int], at: int) -> int:
    """The first of the increasing `positions` at or after `at` (a very large number if none)."""
    index = bisect.bisect_left(positions, at)
    return positions[index] if index < len(positions) else sys.maxsize


def edits_rebuild(edits: Sequence[TextEdit], old: str, new: str) -> bool:
    old_text = "".join(e.text for e in edits if e.op is not EditOp.INSERT)
    new_text = "".join(e.text for e in edits if e.op is not EditOp.DELETE)
    return old_text == old and new_text == new


def word_edits(old: str, new: str) -> tuple[TextEdit, ...]:
    """Word-level edits (the compare stage's own diff)."""
    if old == new:
        return (TextEdit(EditOp.EQUAL, old),) if old else ()
    from revdiff.textdiff import diff_words

    edits = diff_words(old, new)
    if edits_rebuild(edits, old, new):
        return edits
    return tuple(  # pragma: no cover - diff_words always rebuilds both texts
        e for e in (TextEdit(EditOp.DELETE, old), TextEdit(EditOp.INSERT, new)) if e.text
    )


# --------------------------------------------------------------------------------------------
# The redliner: one build


_NORMAL: dict[str, Path_] = {"=": (), "+": ("ins",), "-": ("del",)}
# Inside moved text, deleted words are not repeated at the destination: they show in the
# moveFrom paragraph at the source. Word would accept w:del nested in w:moveTo, but LibreOffice
# 7.4 mishandles every nesting of a deletion in moved text (w:moveTo/w:del, w:del/w:moveTo,
# w:ins/w:del: Accept All or Reject All keeps the wrong text), so the destination shows the new
# text, its insertions as w:ins inside the move range.
_MOVE: dict[str, Path_] = {"=": ("moveTo",), "+": ("ins",), "-": ("skip",)}
_ADDED: dict[str, Path_] = {"=": ("ins",), "+": ("ins",), "-": ("del",)}


@dataclass
class _Plan:
    """One change as the writer will show it (splits and merges whose parts are not adjacent
    are shown as a modification plus whole added or deleted clauses)."""

    change: Change
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    edits: tuple[TextEdit, ...]
    moved: bool
    comment: str | None
    marker: Marker | None
    move_name: str | None = None
    new_paragraphs: list[etree._Element] = field(default_factory=list)
    old_paragraphs: list[etree._Element] = field(default_factory=list)


class _Redliner:
    def __init__(
        self,
        layout: Layout,
        comparison: Comparison,
        revisions: Revisions,
        stats: RedlineStats,
        *,
        comments: bool,
        markers: bool,
    ) -> None:
        self.layout = layout
        self.comparison = comparison
        self.revisions = revisions
        self.stats = stats
        self.comments = comments
        self.markers = markers
        self.marks: dict[etree._Element, Path_] = {}
        self.anchors: list[tuple[etree._Element, etree._Element, str]] = []
        self.marker_paragraphs: list[tuple[etree._Element, str]] = []
        self.old_home: dict[str, etree._Element] = {}
        self.plans: list[_Plan] = []
        self.old_sections = {s.id: s for s in comparison.old.sections}
        self.new_sections = {s.id: s for s in comparison.new.sections}

    # ---- the steps ------------------------------------------------------------------------

    def run(self) -> None:
        self._plan()
        self.moved_sections = self._moved_sections()
        self._front_matter()
        self._metadata()
        self._headings()
        for plan in self.plans:
            if plan.new:
                self._new_side(plan)
        self._old_side()
        for plan in self.plans:
            self._annotate(plan)
        self._insert_markers()
        self._apply_marks()
        self._finish_package()

    # ---- planning -------------------------------------------------------------------------

    def _plan(self) -> None:
        old_order = {c.id: k for k, c in enumerate(self.comparison.old.clauses)}
        for change in self.comparison.changes:
            comment = describe_change(change, self.comparison) if change.is_change else None
            marker = change.marker if change.is_change else None
            old, new = change.old, change.new
            edits = change.edits
            joined_old = " ".join(c.text for c in old)
            joined_new = " ".join(c.text for c in new)
            if old and new and not edits_rebuild(edits, joined_old, joined_new):
                edits = word_edits(joined_old, joined_new)
            moved = change.moved and bool(old) and bool(new)
            adjacent = True
            if len(new) > 1 and not moved:
                adjacent = self._adjacent_new(new)
            if len(old) > 1 and not moved:
                positions = [old_order.get(c.id, -10) for c in old]
                adjacent = (
                    adjacent
                    and all(b == a + 1 for a, b in itertools.pairwise(positions))
                    and len({c.section_id for c in old}) == 1  # no heading between them
                )
            if old and new and len(old) + len(new) > 2 and not adjacent:
                # Shown as old[0] -> new[0] modified, the rest added or deleted.
                first = _Plan(
                    change,
                    old[:1],
                    new[:1],
                    word_edits(old[0].text, new[0].text),
                    False,
                    comment,
                    marker,
                )
                self.plans.append(first)
                for clause in new[1:]:
                    self.plans.append(_Plan(change, (), (clause,), (), False, None, None))
                for clause in old[1:]:
                    self.plans.append(_Plan(change, (clause,), (), (), False, None, None))
                continue
            plan = _Plan(change, old, new, edits, moved, comment, marker)
            if moved:
                plan.move_name = self.revisions.take_move_name()
            self.plans.append(plan)

    def _adjacent_new(self, clauses: Sequence[Clause]) -> bool:
        paragraphs = [self.layout.clauses.get(c.id) for c in clauses]
        if any(p is None for p in paragraphs):
            return False
        return all(
            a is not None and next_paragraph(a) is b for a, b in itertools.pairwise(paragraphs)
        )

    # ---- locating -------------------------------------------------------------------------

    def _locate(self, p: etree._Element, text: str, label: str | None) -> Located:
        atoms = read_atoms(p)
        found = locate(atoms, text, label)
        if found is not None:
            return found
        self.stats.rebuilt_paragraphs += 1
        chars = "".join(a.char for a in atoms).lstrip(WHITESPACE)
        typed = bool(label) and chars.startswith(label or "")
        return rebuild(atoms, text, label, typed)

    # ---- new side -------------------------------------------------------------------------

    def _new_side(self, plan: _Plan) -> None:
        paragraphs = []
        for clause in plan.new:
            p = self.layout.clauses.get(clause.id)
            if p is None:
                raise _NeedTemplate(f"clause {clause.id} not found in the base document")
            paragraphs.append(p)
        if (
            len(plan.old) == 1
            and len(plan.new) == 1
            and not plan.moved
            and plan.old[0].text == plan.new[0].text
            and plan.old[0].label == plan.new[0].label
        ):
            # Unchanged: the base paragraph stays exactly as it is.
            plan.new_paragraphs = paragraphs
            self.old_home[plan.old[0].id] = paragraphs[0]
            return
        texts = [c.text for c in plan.new]
        labels = [c.label for c in plan.new]
        if not plan.old:
            outputs = self._rewrite(paragraphs, texts, labels, (), None, (), mode="added")
        else:
            outputs = self._rewrite(
                paragraphs,
                texts,
                labels,
                [c.text for c in plan.old],
                plan.old[0].label,
                plan.edits,
                mode="move" if plan.moved else "normal",
                old_labels=[c.label for c in plan.old],
            )
        plan.new_paragraphs = [p for p, _ in outputs]
        if plan.moved:
            self._range(outputs[0][0], outputs[-1][0], "moveTo", plan.move_name or "")
        elif plan.old:
            # Where each old clause ends in the rejected view: at a cut (a merge) or at the end.
            ends = [p for p, mark in outputs[:-1] if mark == ("del",)][: len(plan.old) - 1]
            ends += [outputs[-1][0]] * (len(plan.old) - len(ends))
            for clause, end in zip(plan.old, ends, strict=True):
                self.old_home[clause.id] = end

    def _rewrite(
        self,
        paragraphs: list[etree._Element],
        texts: Sequence[str],
        labels: Sequence[str | None],
        old_texts: Sequence[str],
        old_label: str | None,
        edits: Sequence[TextEdit],
        *,
        mode: str,
        old_labels: Sequence[str | None] = (),
    ) -> list[tuple[etree._Element, Path_ | None]]:
        """Rewrite `paragraphs` (showing `texts`) with tracked changes from `edits`; returns the
        output paragraphs (cuts included) with their paragraph-mark revisions."""
        located = [
            self._locate(p, t, lab) for p, t, lab in zip(paragraphs, texts, labels, strict=True)
        ]
        paths: dict[str, Path_] = {
            "normal": _NORMAL,
            "move": _MOVE,
            "added": _ADDED,
            "neutral": _NORMAL,
        }[mode]
        stream = _Stream(located, paths, "+" if mode == "added" else "=")
        if mode == "added":
            edits = (TextEdit(EditOp.INSERT, " ".join(texts)),) if any(texts) else ()
            stream.start(None, None, "insert")
        else:
            stream.start(old_label, labels[0], "first")
        new_bound_list = _boundaries(texts)
        new_bounds = set(new_bound_list)
        old_bounds = _boundaries(old_texts) if mode == "normal" else []
        between = {"normal": ("ins",), "move": ("moveTo",), "added": ("ins",), "neutral": None}[
            mode
        ]
        last_mark = {"normal": None, "move": ("moveTo",), "added": ("ins",), "neutral": None}[mode]
        typed = located[0].label is not None or all(label is None for label in labels)
        offsets = [0]
        for text in texts[:-1]:
            offsets.append(offsets[-1] + len(text) + 1)
        new_pos = old_pos = 0
        # Characters are handled a stretch at a time: only the boundaries between clauses need
        # one step each (a clause can be megabytes long).
        for edit in edits:
            text = edit.text
            size = len(text)
            k = 0
            if edit.op is EditOp.DELETE:
                while k < size:
                    stop = min(size, _next_at(old_bounds, old_pos + k) - old_pos)
                    if stop > k:
                        stream.delete(text[k:stop])
                        k = stop
                        continue
                    index = old_bounds.index(old_pos + k) + 1
                    next_label = old_labels[index] if index < len(old_labels) else None
                    stream.cut(("del",), next_label, typed)
                    k += 1
                old_pos += size
                continue
            equal = edit.op is EditOp.EQUAL
            status = "=" if equal else "+"
            while k < size:
                stop = min(size, _next_at(new_bound_list, new_pos + k) - new_pos)
                if equal:
                    stop = min(stop, _next_at(old_bounds, old_pos + k) - old_pos)
                if stop > k:
                    offset = offsets[stream.i]
                    stream.consume_run(new_pos + k - offset, new_pos + stop - offset, status)
                    k = stop
                    continue
                if new_pos + k in new_bounds:
                    if equal and mode != "neutral" and not stream.spaced_end():
                        stream.delete(text[k])  # the old text had a space where the new has ¶
                    stream.next_paragraph(between, "insert" if mode != "neutral" else "neutral")
                else:  # an old boundary inside equal text: where merged clauses were joined
                    stream.consume(new_pos + k - offsets[stream.i], "+")
                    index = old_bounds.index(old_pos + k) + 1
                    next_label = old_labels[index] if index < len(old_labels) else None
                    stream.cut(("del",), next_label, typed)
                k += 1
            new_pos += size
            if equal:
                old_pos += size
        while stream.i < len(paragraphs) - 1:  # texts with no edits left (empty texts)
            stream.next_paragraph(between, "insert" if mode != "neutral" else "neutral")
        stream.end_paragraph(last_mark)
        return self._materialise(paragraphs, stream.segments)

    def _materialise(
        self,
        paragraphs: list[etree._Element],
        segments: list[tuple[int, list[Piece], Path_ | None]],
    ) -> list[tuple[etree._Element, Path_ | None]]:
        by_paragraph: dict[int, list[tuple[list[Piece], Path_ | None]]] = {}
        for index, pieces, mark in segments:
            by_paragraph.setdefault(index, []).append((pieces, mark))
        outputs: list[tuple[etree._Element, Path_ | None]] = []
        for index, parts in sorted(by_paragraph.items()):
            original = paragraphs[index]
            for pieces, mark in parts[:-1]:
                clone = clone_properties(original)
                original.addprevious(clone)
                emit(clone, pieces, self.revisions)
                self._mark(clone, mark)
                outputs.append((clone, mark))
            pieces, mark = parts[-1]
            emit(original, pieces, self.revisions)
            self._mark(original, mark)
            outputs.append((original, mark))
        return outputs

    def _mark(self, p: etree._Element, mark: Path_ | None) -> None:
        if mark:
            self.marks[p] = mark
        else:
            self.marks.pop(p, None)

    # ---- old side -------------------------------------------------------------------------

    def _old_side(self) -> None:
        """Put back the old clauses (and section headings) the new document lacks, in old order,
        each right after the paragraph that shows its predecessor in the rejected view."""
        deleted: dict[str, _Plan] = {}
        moved: dict[str, _Plan] = {}
        for plan in self.plans:
            for clause in plan.old:
                if not plan.new:
                    deleted[clause.id] = plan
                elif plan.moved:
                    moved[clause.id] = plan
        anchor = self._start_anchor()
        maker = self.layout.maker
        for section in self.comparison.old.sections:
            heads = self.layout.headings.get(section.id)
            name = self.moved_sections.get(section.id)
            if name is not None:
                made = maker.heading(section, anchor)
                for p in made:
                    anchor = self._insert_after(anchor, p)
                    wrap_content(p, "moveFrom", self.revisions)
                    self._mark(p, ("moveFrom",))
                if made:
                    self._range(made[0], made[-1], "moveFrom", name)
            elif section.id in self.new_sections and heads:
                anchor = heads[-1]
            elif section.id not in self.new_sections:
                made = maker.heading(section, anchor)
                for p in made:
                    anchor = self._insert_after(anchor, p)
                    wrap_content(p, "del", self.revisions)
                    self._mark(p, ("del",))
            for clause in section.clauses:
                home = self.old_home.get(clause.id)
                if home is not None:
                    anchor = home
                    continue
                found = deleted.get(clause.id) or moved.get(clause.id)
                if found is None:
                    continue
                plan = found
                p = maker.clause(clause, section, anchor)
                anchor = self._insert_after(anchor, p)
                if plan.moved:
                    wrap_content(p, "moveFrom", self.revisions)
                    self._range(p, p, "moveFrom", plan.move_name or "")
                    self._mark(p, ("moveFrom",))
                else:
                    wrap_content(p, "del", self.revisions)
                    self._mark(p, ("del",))
                plan.old_paragraphs.append(p)

    def _start_anchor(self) -> etree._Element | None:
        for name in reversed(("number_line", "title", "history", "preamble")):
            if self.layout.metadata.get(name):
                return self.layout.metadata[name][-1]
        return self.layout.front[-1] if self.layout.front else None

    def _insert_after(self, anchor: etree._Element | None, p: etree._Element) -> etree._Element:
        if anchor is None:
            self.layout.body.insert(0, p)
        else:
            anchor.addnext(p)
        return p

    def _range(self, first: etree._Element, last: etree._Element, kind: str, name: str) -> None:
        start, end = move_range(kind, name, self.revisions)
        p_pr = first.find(w("pPr"))
        if p_pr is not None:
            p_pr.addnext(start)
        else:
            first.insert(0, start)
        last.append(end)

    # ---- metadata, headings, front matter ------------------------------------------------

    def _metadata(self) -> None:
        previous: etree._Element | None = self.layout.front[-1] if self.layout.front else None
        for change in self.comparison.metadata:
            paragraphs = self.layout.metadata.get(change.field, [])
            if not change.changed:
                if paragraphs:
                    previous = paragraphs[-1]
                continue
            comment = describe_metadata_change(change)
            if change.new is not None and not paragraphs:
                raise _NeedTemplate(f"the {change.field} line was not found in the base document")
            if change.new is None:
                assert change.old is not None
                p = self.layout.maker.line(change.field, change.old, previous)
                previous = self._insert_after(previous, p)
                wrap_content(p, "del", self.revisions)
                self._mark(p, ("del",))
                self.anchors.append((p, p, comment))
                continue
            texts = self._split_over(paragraphs, change.new)
            if change.old is None:
                self._rewrite(paragraphs, texts, [None] * len(texts), (), None, (), mode="added")
            else:
                edits = change.edits
                if not edits_rebuild(edits, change.old, change.new):
                    edits = word_edits(change.old, change.new)
                self._rewrite(
                    paragraphs,
                    texts,
                    [None] * len(texts),
                    [change.old],
                    None,
                    edits,
                    mode="neutral",
                )
            self.anchors.append((paragraphs[0], paragraphs[-1], comment))
            previous = paragraphs[-1]

    def _split_over(self, paragraphs: list[etree._Element], text: str) -> list[str]:
        """The parts of a metadata line that each of its paragraphs shows (a title may span
        several paragraphs; the parser joined them with spaces)."""
        if len(paragraphs) == 1:
            return [text]
        parts = [_squash("".join(a.char for a in read_atoms(p))) for p in paragraphs]
        if " ".join(parts) == text:
            return parts
        raise _NeedTemplate("a metadata line spans paragraphs that do not match its text")

    def _headings(self) -> None:
        old_sections = self.old_sections
        for section in self.comparison.new.sections:
            paragraphs = self.layout.headings.get(section.id, [])
            lines = [x for x in (section.heading, section.title) if x]
            if len(paragraphs) != len(lines):
                if (
                    section.id not in old_sections
                    or self._heading_lines(old_sections[section.id]) != lines
                ):
                    raise _NeedTemplate(f"the heading of section {section.id} was not found")
                continue
            old = old_sections.get(section.id)
            if old is None:
                if paragraphs:
                    self._rewrite(
                        paragraphs, lines, [None] * len(lines), (), None, (), mode="added"
                    )
                continue
            old_lines = self._heading_lines(old)
            name = self.moved_sections.get(section.id)
            moved = name is not None and bool(paragraphs)
            for p, new_line, old_line in zip(paragraphs, lines, old_lines, strict=False):
                if moved or new_line != old_line:
                    self._rewrite(
                        [p],
                        [new_line],
                        [None],
                        [old_line],
                        None,
                        word_edits(old_line, new_line),
                        mode="move" if moved else "neutral",
                    )
            if name is not None and paragraphs:
                for p in paragraphs[len(old_lines) :]:
                    self._rewrite([p], [lines[-1]], [None], (), None, (), mode="added")
                self._range(paragraphs[0], paragraphs[-1], "moveTo", name)

    def _moved_sections(self) -> dict[str, str]:
        """Sections in both versions whose order changed: their headings move (a move name
        each), like clauses that break the order."""
        old_position = {s.id: k for k, s in enumerate(self.comparison.old.sections)}
        common = [s.id for s in self.comparison.new.sections if s.id in old_position]
        keep = set(_longest_increasing(common, old_position))
        # Follow the compare stage where it moved (or kept) every clause that stayed in its
        # section; the longest increasing run decides for the others, and if the votes leave
        # the kept headings out of order.
        votes: dict[str, list[bool]] = {}
        for change in self.comparison.changes:
            for old, new in zip(change.old, change.new, strict=False):
                if old.section_id == new.section_id:
                    votes.setdefault(new.section_id, []).append(change.moved)
        voted = {
            section_id
            for section_id in common
            if not (all(votes[section_id]) if votes.get(section_id) else section_id not in keep)
        }
        ranks = [old_position[section_id] for section_id in common if section_id in voted]
        if ranks == sorted(ranks):
            keep = voted
        return {
            section_id: self.revisions.take_move_name()
            for section_id in common
            if section_id not in keep and self.layout.headings.get(section_id)
        }

    @staticmethod
    def _heading_lines(section: Section) -> list[str]:
        return [x for x in (section.heading, section.title) if x]

    def _front_matter(self) -> None:
        old_lines = list(self.comparison.old.front_matter)
        new_lines = list(self.comparison.new.front_matter)
        if old_lines == new_lines:
            return
        front = self.layout.front
        if len(front) != len(new_lines):
            if self.layout.from_template:  # pragma: no cover - the template writes every line
                raise AssertionError("template front matter out of step")
            return  # a .docx whose front matter was not found: left as it is
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        anchor: etree._Element | None = None
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                anchor = front[b2 - 1]
                continue
            if op == "replace" and a2 - a1 == b2 - b1:
                for k in range(a2 - a1):
                    p = front[b1 + k]
                    self._rewrite(
                        [p],
                        [new_lines[b1 + k]],
                        [None],
                        [old_lines[a1 + k]],
                        None,
                        word_edits(old_lines[a1 + k], new_lines[b1 + k]),
                        mode="neutral",
                    )
                    anchor = p
                continue
            for k in range(a1, a2):
                p = self.layout.maker.line("front", old_lines[k], anchor)
                anchor = self._insert_after(anchor, p)
                wrap_content(p, "del", self.revisions)
                self._mark(p, ("del",))
            for k in range(b1, b2):
                p = front[k]
                self._rewrite([p], [new_lines[k]], [None], (), None, (), mode="added")
                anchor = p

    # ---- annotations ----------------------------------------------------------------------

    def _annotate(self, plan: _Plan) -> None:
        shown = plan.new_paragraphs or plan.old_paragraphs
        if not shown:
            return
        if plan.comment:
            self.anchors.append((shown[0], shown[-1], plan.comment))
        if self.markers and plan.marker is not None and plan.marker is not Marker.NOC:
            self.marker_paragraphs.append((shown[0], plan.marker.value))

    def _insert_markers(self) -> None:
        if not self.marker_paragraphs:
            return
        styles = self.layout.package.related_part(self.layout.main, REL_STYLES)
        if styles and self.layout.package.has(styles):
            ensure_marker_style(self.layout.package.xml(styles))
        for before, text in self.marker_paragraphs:
            p = make_paragraph(None, [text_run(text, make_run_properties(style=MARKER_STYLE))])
            p_pr = etree.Element(w("pPr"))
            etree.SubElement(p_pr, w("keepNext"))
            p.insert(0, p_pr)
            before.addprevious(p)

    def _apply_marks(self) -> None:
        """Track paragraph marks. The last paragraph of a body or cell keeps an untracked mark
        (Word cannot delete it): a trailing run of tracked marks is shifted one paragraph up,
        which shows the same text in both views."""
        parents: dict[int, etree._Element] = {}
        for p in self.marks:
            parent = p.getparent()
            if parent is not None:
                parents[id(parent)] = parent
        for parent in parents.values():
            paragraphs = [child for child in parent if child.tag == w("p")]
            if not paragraphs or not self.marks.get(paragraphs[-1]):
                continue
            k = len(paragraphs) - 1
            while k >= 0 and self.marks.get(paragraphs[k]):
                k -= 1
            if k < 0:
                continue  # every paragraph of the container is tracked: nothing to shift to
            for index in range(k, len(paragraphs) - 1):
                following = self.marks.get(paragraphs[index + 1])
                if following:
                    self.marks[paragraphs[index]] = following
                else:  # pragma: no cover - the run is contiguous
                    self.marks.pop(paragraphs[index], None)
            self.marks.pop(paragraphs[-1], None)
        for p in _document_order(self.layout.body, self.marks):
            clear_paragraph_mark(p)
            mark_paragraph(p, self.marks[p], self.revisions)

    def _finish_package(self) -> None:
        package, main = self.layout.package, self.layout.main
        settings = package.related_part(main, REL_SETTINGS)
        if settings and package.has(settings):
            turn_on_track_changes(package.xml(settings))
        if not (self.comments and self.anchors):
            return
        part = ensure_comments_part(package, main)
        for first, last, text in self.anchors:
            comment_id = self.revisions.take_id()
            p_pr = first.find(w("pPr"))
            start = comment_range_start(comment_id)
            if p_pr is not None:
                p_pr.addnext(start)
            else:
                first.insert(0, start)
            last.append(comment_range_end(comment_id))
            last.append(comment_reference_run(comment_id))
            part.append(make_comment(comment_id, text, self.revisions))
            self.stats.comments += 1


def _longest_increasing(items: Sequence[str], rank: dict[str, int]) -> list[str]:
    """The longest run of `items` (in order) whose ranks increase; ties broken to the left."""
    best: list[list[str]] = []
    for item in items:
        candidates = [chain for chain in best if rank[chain[-1]] < rank[item]]
        longest = max(candidates, key=len, default=[])
        best.append([*longest, item])
    return max(best, key=len, default=[])


def _document_order(
    body: etree._Element, wanted: dict[etree._Element, Path_]
) -> Iterator[etree._Element]:
    for p in body.iter(w("p")):
        if p in wanted:
            yield p


# --------------------------------------------------------------------------------------------
# Comments' words


_KIND_WORDS = {
    ChangeKind.ADDED: "added",
    ChangeKind.DELETED: "deleted",
}


def describe_change(change: Change, comparison: Comparison) -> str:
    """A comment's text: marker, what happened, and why it matters, e.g.
    ``MOD · citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)``."""
    parts = [change.marker.value]
    if change.kind in _KIND_WORDS:
        parts.append(_KIND_WORDS[change.kind])
    elif change.kind is ChangeKind.SPLIT:
        parts.append(f"split into {len(change.new)} clauses")
    elif change.kind is ChangeKind.MERGED:
        parts.append(f"merged from {len(change.old)} clauses")
    if change.moved and change.old:
        old = change.old[0]
        section = comparison.old.section(old.section_id)
        where = section.heading if section is not None else old.section_id
        label = f" {old.label}" if old.label else ""
        parts.append(f"moved from {where}{label}")
    if change.renumbered:
        before = ", ".join(label or "(none)" for label in change.old_labels)
        after = ", ".join(label or "(none)" for label in change.new_labels)
        parts.append(f"relabelled {before} → {after}")
    for nature in change.natures:
        if nature is Nature.CITATION and change.citations:
            parts.extend(_describe_citations(change))
        else:
            parts.append(nature.value)
    return " · ".join(parts)


def _describe_citations(change: Change) -> list[str]:
    try:
        from revdiff.citations import describe_citation_update
    except ImportError:  # pragma: no cover - the compare stage ships with the writer
        return ["citation"]
    return [describe_citation_update(update) for update in change.citations]


_FIELD_WORDS = {
    "number_line": "number line",
    "title": "title",
    "history": "history line",
    "preamble": "preamble",
}


def describe_metadata_change(change: MetadataChange) -> str:
    marker = "(MOD)" if change.natures == (Nature.EDITORIAL,) else "MOD"
    if change.old is None:
        marker = "ADD"
    elif change.new is None:
        marker = "SUP"
    parts = [marker, _FIELD_WORDS.get(change.field, change.field)]
    parts.extend(n.value for n in change.natures)
    return " · ".join(parts)


# --------------------------------------------------------------------------------------------
# A .docx base: resolve its own revisions, then find the new document's parts in it


class _DocxMaker:
    """Old content styled like the base's own paragraphs of the same kind."""

    def __init__(self, layout_clauses: dict[str, etree._Element], document: Document) -> None:
        self.clauses = layout_clauses
        self.document = document
        self.headings: dict[str, list[etree._Element]] = {}
        self.metadata: dict[str, list[etree._Element]] = {}
        self.front: list[etree._Element] = []
        self.by_style: dict[tuple[str | None, int], list[tuple[Clause, etree._Element]]] = {}
        for clause in document.clauses:
            p = layout_clauses.get(clause.id)
            if p is not None:
                self.by_style.setdefault((clause.style, clause.depth), []).append((clause, p))

    def clause(
        self, clause: Clause, section: Section | None, near: etree._Element | None
    ) -> etree._Element:
        candidates = self.by_style.get((clause.style, clause.depth)) or [
            pair
            for pairs in self.by_style.values()
            for pair in pairs
            if pair[0].depth == clause.depth
        ]
        model: tuple[Clause, etree._Element] | None = None
        if candidates:
            same = [c for c in candidates if section is not None and c[0].section_id == section.id]
            model = (same or candidates)[0]
        if model is None:
            p = make_paragraph(None)
            if clause.label:
                p.append(text_run(clause.label + "\t"))
            p.append(text_run(clause.text))
            return p
        model_clause, model_p = model
        atoms = read_atoms(model_p)
        found = locate(atoms, model_clause.text, model_clause.label)
        p = clone_properties(model_p)
        text_props = None
        label_props = None
        typed = False
        if found is not None:
            typed = found.label is not None
            if found.units and found.units[0]:
                text_props = atoms[found.units[0][0]].r_pr
            if found.label is not None:
                label_props = atoms[found.label[0]].r_pr
        else:
            first = next((a for a in atoms if a.char), None)
            text_props = first.r_pr if first is not None else None
        if clause.label and (typed or model_clause.label is None):
            p.append(text_run(clause.label, label_props))
            p.append(text_run("\t", text_props))
        if clause.text:
            p.append(text_run(clause.text, text_props))
        return p

    def heading(self, section: Section, near: etree._Element | None) -> list[etree._Element]:
        model: list[etree._Element] | None = None
        for other in self.document.sections:
            if other.kind is section.kind and self.headings.get(other.id):
                model = self.headings[other.id]
                break
        if model is None:
            model = next((h for h in self.headings.values() if h), None)
        lines = [x for x in (section.heading, section.title) if x]
        made = []
        for k, line in enumerate(lines):
            source = model[min(k, len(model) - 1)] if model else None
            made.append(_styled_like(source, line))
        return made

    def line(self, role: str, text: str, near: etree._Element | None) -> etree._Element:
        source: etree._Element | None = None
        if role != "front" and self.metadata.get(role):
            source = self.metadata[role][0]
        if source is None and role == "front" and self.front:
            source = self.front[0]
        return _styled_like(source, text)


def _styled_like(source: etree._Element | None, text: str) -> etree._Element:
    if source is None:
        return make_paragraph(None, [text_run(text)])
    p = clone_properties(source)
    first = next((a for a in read_atoms(source) if a.char), None)
    p.append(text_run(text, first.r_pr if first is not None else None))
    return p


def map_docx_base(base: bytes, document: Document, *, author: str, date: datetime) -> Layout:
    """The new .docx as a `Layout`: its own revisions resolved in the view it was read in, and
    every clause, heading and metadata line found again."""
    del author, date
    package = Package.from_bytes(base, document.source)
    main = package.main_part()
    if not package.has("[Content_Types].xml") or not package.has(main):
        raise _NeedTemplate("the base lacks its content types or its main part")
    if package.content_type(main) != CT_MAIN:
        raise _NeedTemplate("the base is not a plain .docx (macro-enabled or other)")
    root = package.xml(main)
    if root.tag != w("document"):
        raise _NeedTemplate("the main part is not a transitional WordprocessingML document")
    body = root.find(w("body"))
    if body is None:
        raise _NeedTemplate("the document has no body")
    paragraphs = list(iter_body_paragraphs(body))
    survivors = resolve_revisions(body, document.view)
    for name in package.related_parts(main, _STORIES):
        if _REVISION_MARKUP.search(package.parts.get(name, b"")):
            resolve_revisions(package.xml(name), document.view)  # else its bytes stay as is

    def paragraph(index: int) -> etree._Element | None:
        if not 1 <= index <= len(paragraphs):
            return None
        p = paragraphs[index - 1]
        while p in survivors:
            p = survivors[p]
        return p if p.getparent() is not None else None

    clauses: dict[str, etree._Element] = {}
    for clause in document.clauses:
        p = paragraph(clause.location.line)
        if p is None or locate(read_atoms(p), clause.text, clause.label) is None:
            p = _search(body, clause.text, set(clauses.values()))
        if p is None:
            raise _NeedTemplate(f"clause {clause.id} not found at paragraph {clause.location.line}")
        clauses[clause.id] = p
    claimed = set(clauses.values())
    headings: dict[str, list[etree._Element]] = {}
    for section in document.sections:
        lines = [x for x in (section.heading, section.title) if x]
        found: list[etree._Element] = []
        start = paragraph(section.location.line) if section.location else None
        for line in lines:
            p = None
            if start is not None and _shows(start, line) and start not in claimed:
                p = start
            else:
                p = _search(body, line, claimed | set(found), whole=True)
            if p is None:
                break
            found.append(p)
            start = next_paragraph(p)
        headings[section.id] = found
        claimed |= set(found)
    metadata: dict[str, list[etree._Element]] = {}
    meta = document.metadata
    for name, value in (
        ("number_line", meta.number_line),
        ("title", meta.title),
        ("history", meta.history),
        ("preamble", meta.preamble),
    ):
        if not value:
            continue
        p = _search(body, value, claimed, whole=True)
        if p is not None:
            metadata[name] = [p]
            claimed.add(p)
        elif name == "title":
            span = _search_span(body, value, claimed)
            if span:
                metadata[name] = span
                claimed |= set(span)
    front: list[etree._Element] = []
    for line in document.front_matter:
        p = _search(body, line, claimed | set(front), whole=True)
        if p is None:
            front = []
            break
        front.append(p)
    maker = _DocxMaker(clauses, document)
    maker.headings, maker.metadata, maker.front = headings, metadata, front
    return Layout(
        package=package,
        main=main,
        body=body,
        clauses=clauses,
        headings=headings,
        metadata=metadata,
        front=front,
        maker=maker,
        from_template=False,
    )


def _paragraph_text(p: etree._Element) -> str:
    return _squash("".join(a.char for a in read_atoms(p)))


def _shows(p: etree._Element, line: str) -> bool:
    return _paragraph_text(p) == _squash(line)


def _search(
    body: etree._Element,
    text: str,
    claimed: set[etree._Element],
    *,
    whole: bool = False,
) -> etree._Element | None:
    wanted = _squash(text)
    if not wanted:
        return None
    for p in iter_body_paragraphs(body):
        if p in claimed or p.getparent() is None:
            continue
        shown = _paragraph_text(p)
        if (shown == wanted) if whole else (wanted in shown):
            return p
    return None


def _search_span(
    body: etree._Element, text: str, claimed: set[etree._Element]
) -> list[etree._Element] | None:
    wanted = _squash(text)
    paragraphs = [p for p in iter_body_paragraphs(body) if p not in claimed]
    for k, p in enumerate(paragraphs):
        span = [p]
        shown = _paragraph_text(p)
        if not shown or not wanted.startswith(shown):
            continue
        for q in paragraphs[k + 1 : k + 4]:
            shown = f"{shown} {_paragraph_text(q)}"
            span.append(q)
            if shown == wanted:
                return span
            if not wanted.startswith(shown):
                break
    return None


# The parts besides the body that hold text (notes, headers, footers, comments), and what shows
# that one carries revisions (most carry none: their bytes then stay exactly as they were).
_STORIES = ("footnotes", "endnotes", "header", "footer", "comments")
_REVISION_MARKUP = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo|\w+Change)\b")
