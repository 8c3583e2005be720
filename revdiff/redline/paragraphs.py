"""Paragraphs and moves: one change's new paragraphs rewritten with tracked runs, and the
marks and move ranges around them.

`rewrite` walks a change's word edits over the atoms of its new paragraphs. How the pieces are
tracked depends on what the paragraphs are (`Rewrite`): the new side of a modified clause
(insertions and deletions; a split's new paragraph marks inserted and a merge's old ones cut
back in as deleted marks), the destination of a move, wholly added text, or a single line
outside the clauses (a heading, a metadata line) whose paragraph marks are never tracked.
"""

from __future__ import annotations

import bisect
import itertools
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from lxml import etree

from revdiff.model import EditOp, TextEdit
from revdiff.ooxml.names import w
from revdiff.ooxml.paragraphs import insert_at_start
from revdiff.ooxml.revisions import (
    RevisionKind,
    clear_paragraph_mark,
    clone_properties,
    mark_paragraph,
    move_range,
)
from revdiff.redline.atoms import Atom, Path_, Piece, emit, read_atoms
from revdiff.redline.draft import Draft
from revdiff.redline.locate import WHITESPACE, Located, locate, rebuild

INSERTED: Path_ = (RevisionKind.INSERTED,)
DELETED: Path_ = (RevisionKind.DELETED,)
MOVED_FROM: Path_ = (RevisionKind.MOVED_FROM,)
MOVED_TO: Path_ = (RevisionKind.MOVED_TO,)


class Status(Enum):
    """What a piece of a rewritten paragraph is: in both versions, new, or old only."""

    EQUAL = "="
    INSERTED = "+"
    DELETED = "-"


class Start(Enum):
    """How a paragraph's label and separator are written: the first paragraph of a change
    (its label may change), a paragraph the change adds, or a line without a tracked start."""

    FIRST = "first"
    INSERTED = "insert"
    PLAIN = "plain"


@dataclass(frozen=True)
class _Tracking:
    """The revisions around each kind of piece, and around the paragraph marks."""

    equal: Path_
    inserted: Path_
    deleted: Path_ | None  # None: deleted words are not written here
    base: Status  # the status of labels, separators and objects
    between: Path_ | None  # the mark of every new paragraph but the last
    last: Path_ | None  # the mark of the last new paragraph
    cuts: bool  # old clause boundaries cut the new paragraph (a merge)
    joins: bool  # the new paragraphs after the first are tracked as inserted (a split)

    def path(self, status: Status) -> Path_:
        if status is Status.EQUAL:
            return self.equal
        if status is Status.INSERTED:
            return self.inserted
        assert self.deleted is not None, "no deleted pieces in this rewrite"
        return self.deleted


class Rewrite(Enum):
    """What the paragraphs being rewritten are."""

    MODIFIED = "modified"  # the new side of a changed clause (or split, or merge)
    MOVED = "moved"  # the destination of a move
    ADDED = "added"  # text the old version lacks: all of it inserted
    LINE = "line"  # a heading, metadata or front-matter line: its words only

    @property
    def tracking(self) -> _Tracking:
        return _TRACKING[self]


# Moved text: deleted words are not repeated at the destination, they show in the moveFrom
# paragraph at the source. Word would accept w:del nested in w:moveTo, but LibreOffice 7.4
# mishandles every nesting of a deletion in moved text (w:moveTo/w:del, w:del/w:moveTo,
# w:ins/w:del: Accept All or Reject All keeps the wrong text), so the destination shows the new
# text, its insertions as w:ins inside the move range.
_TRACKING = {  # equal, inserted, deleted, base, between, last, cuts, joins
    Rewrite.MODIFIED: _Tracking((), INSERTED, DELETED, Status.EQUAL, INSERTED, None, True, True),
    Rewrite.MOVED: _Tracking(
        MOVED_TO, INSERTED, None, Status.EQUAL, MOVED_TO, MOVED_TO, False, True
    ),
    Rewrite.ADDED: _Tracking(
        INSERTED, INSERTED, DELETED, Status.INSERTED, INSERTED, INSERTED, False, True
    ),
    Rewrite.LINE: _Tracking((), INSERTED, DELETED, Status.EQUAL, None, None, False, False),
}

Output = list[tuple[etree._Element, Path_ | None]]  # paragraphs written, with their marks


class _Stream:
    """Builds the pieces of one change's new paragraphs from its edits."""

    def __init__(self, located: list[Located], tracking: _Tracking) -> None:
        self.located = located
        self.tracking = tracking
        self.base = tracking.base  # the status of labels, separators and objects
        self.i = 0
        self.cursor = 0
        self.pieces: list[Piece] = []
        self.segments: list[tuple[int, list[Piece], Path_ | None]] = []
        self.last: Atom | None = None

    @property
    def atoms(self) -> list[Atom]:
        return self.located[self.i].atoms

    def put(self, atom: Atom, status: Status) -> None:
        if not atom.char:
            status = self.base if status is not Status.DELETED else status
        self.pieces.append(Piece(atom, self.tracking.path(status)))
        if atom.char and atom.in_run:
            self.last = atom

    def advance(self, until: int, status: Status) -> None:
        while self.cursor < until:
            atom = self.atoms[self.cursor]
            self.put(atom, status if atom.char else self.base)
            self.cursor += 1

    def delete(self, text: str) -> None:
        """Add `text` as deleted, in the properties of the last character put (or the next)."""
        path = self.tracking.deleted
        if path is None or not text:
            return
        model = self.last or next(
            (a for a in itertools.islice(self.atoms, self.cursor, None) if a.char), None
        )
        r_pr = model.r_pr if model is not None else None
        containers = model.containers if model is not None else ()
        # One atom for the whole stretch (only `emit` reads it, and it splits at tabs and line
        # breaks): one per character cost hundreds of bytes each on a big clause.
        self.pieces.append(Piece(Atom(text, None, r_pr, True, containers), path))

    def consume(self, j: int, status: Status) -> None:
        self.consume_run(j, j + 1, status)

    def consume_run(self, first: int, stop: int, status: Status) -> None:
        """Put the atoms that show characters `first` to `stop` of the current text (and the
        objects before each) with `status`: `consume` for each, in one loop."""
        units = self.located[self.i].units
        atoms = self.atoms
        path = self.tracking.path(status)
        base_path = self.tracking.path(self.base)
        object_path = path if status is Status.DELETED else base_path  # `put` for an object
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

    def start(self, old_label: str | None, new_label: str | None, kind: Start) -> None:
        """Write the prefix (label and separator) of the current paragraph."""
        loc = self.located[self.i]
        span = loc.label
        if kind is Start.INSERTED:
            self.advance(loc.start, Status.INSERTED)
            return
        if span is not None:
            a, b = span
            self.advance(a, self.base)
            if kind is Start.FIRST and old_label != new_label:
                self.last = next((x for x in self.atoms[a:b] if x.char), self.last)
                if old_label:
                    self.delete(old_label)
                self.advance(b, Status.INSERTED)
                self.advance(loc.start, self.base if old_label else Status.INSERTED)
            else:
                self.advance(loc.start, self.base)
            return
        self.advance(loc.start, self.base)
        if kind is Start.FIRST and old_label and new_label is None:
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

    def next_paragraph(self, mark: Path_ | None, kind: Start) -> None:
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
    """Whether `edits` rebuild `old` and `new` exactly."""
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


def rewrite(
    draft: Draft,
    paragraphs: list[etree._Element],
    texts: Sequence[str],
    labels: Sequence[str | None],
    old_texts: Sequence[str],
    old_label: str | None,
    edits: Sequence[TextEdit],
    how: Rewrite,
    old_labels: Sequence[str | None] = (),
) -> Output:
    """Rewrite `paragraphs` (showing `texts`) with tracked changes from `edits`; returns the
    output paragraphs (cuts included) with their paragraph-mark revisions."""
    located = [
        _locate(draft, p, t, lab) for p, t, lab in zip(paragraphs, texts, labels, strict=True)
    ]
    tracking = how.tracking
    stream = _Stream(located, tracking)
    if how is Rewrite.ADDED:
        edits = (TextEdit(EditOp.INSERT, " ".join(texts)),) if any(texts) else ()
        stream.start(None, None, Start.INSERTED)
    else:
        stream.start(old_label, labels[0], Start.FIRST)
    new_bound_list = _boundaries(texts)
    new_bounds = set(new_bound_list)
    old_bounds = _boundaries(old_texts) if tracking.cuts else []
    following = Start.INSERTED if tracking.joins else Start.PLAIN
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
                stream.cut(DELETED, next_label, typed)
                k += 1
            old_pos += size
            continue
        equal = edit.op is EditOp.EQUAL
        status = Status.EQUAL if equal else Status.INSERTED
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
                if equal and tracking.joins and not stream.spaced_end():
                    stream.delete(text[k])  # the old text had a space where the new has ¶
                stream.next_paragraph(tracking.between, following)
            else:  # an old boundary inside equal text: where merged clauses were joined
                stream.consume(new_pos + k - offsets[stream.i], Status.INSERTED)
                index = old_bounds.index(old_pos + k) + 1
                next_label = old_labels[index] if index < len(old_labels) else None
                stream.cut(DELETED, next_label, typed)
            k += 1
        new_pos += size
        if equal:
            old_pos += size
    while stream.i < len(paragraphs) - 1:  # texts with no edits left (empty texts)
        stream.next_paragraph(tracking.between, following)
    stream.end_paragraph(tracking.last)
    return _materialise(draft, paragraphs, stream.segments)


def _materialise(
    draft: Draft,
    paragraphs: list[etree._Element],
    segments: list[tuple[int, list[Piece], Path_ | None]],
) -> Output:
    by_paragraph: dict[int, list[tuple[list[Piece], Path_ | None]]] = {}
    for index, pieces, mark in segments:
        by_paragraph.setdefault(index, []).append((pieces, mark))
    outputs: Output = []
    for index, parts in sorted(by_paragraph.items()):
        original = paragraphs[index]
        for pieces, mark in parts[:-1]:
            clone = clone_properties(original)
            original.addprevious(clone)
            emit(clone, pieces, draft.revisions)
            draft.mark(clone, mark)
            outputs.append((clone, mark))
        pieces, mark = parts[-1]
        emit(original, pieces, draft.revisions)
        draft.mark(original, mark)
        outputs.append((original, mark))
    return outputs


def _locate(draft: Draft, p: etree._Element, text: str, label: str | None) -> Located:
    """Where `text` (after a typed `label`) sits in `p`; rebuilt from the text if not there."""
    atoms = read_atoms(p)
    found = locate(atoms, text, label)
    if found is not None:
        return found
    draft.stats.rebuilt_paragraphs += 1
    chars = "".join(a.char for a in atoms).lstrip(WHITESPACE)
    typed = bool(label) and chars.startswith(label or "")
    return rebuild(atoms, text, label, typed)


def rewrite_line(draft: Draft, p: etree._Element, old: str, new: str, how: Rewrite) -> Output:
    """Rewrite one line (a heading, a title, a front-matter paragraph) from `old` to `new`."""
    return rewrite(draft, [p], [new], [None], [old], None, word_edits(old, new), how)


def rewrite_added(
    draft: Draft,
    paragraphs: list[etree._Element],
    texts: Sequence[str],
    labels: Sequence[str | None] | None = None,
) -> Output:
    """Rewrite `paragraphs` (showing `texts`) as wholly inserted, paragraph marks included."""
    if labels is None:
        labels = [None] * len(texts)
    return rewrite(draft, paragraphs, texts, labels, (), None, (), Rewrite.ADDED)


def add_move_range(
    draft: Draft, first: etree._Element, last: etree._Element, kind: RevisionKind, name: str
) -> None:
    """Enclose the paragraphs `first` to `last` in a move range named `name`."""
    start, end = move_range(kind, name, draft.revisions)
    insert_at_start(first, start)
    last.append(end)


def apply_marks(draft: Draft) -> None:
    """Track paragraph marks. The last paragraph of a body or cell keeps an untracked mark
    (Word cannot delete it): a trailing run of tracked marks is shifted one paragraph up,
    which shows the same text in both views."""
    parents: dict[int, etree._Element] = {}
    for p in draft.marks:
        parent = p.getparent()
        if parent is not None:
            parents[id(parent)] = parent
    for parent in parents.values():
        paragraphs = [child for child in parent if child.tag == w("p")]
        if not paragraphs or not draft.marks.get(paragraphs[-1]):
            continue
        k = len(paragraphs) - 1
        while k >= 0 and draft.marks.get(paragraphs[k]):
            k -= 1
        if k < 0:
            continue  # every paragraph of the container is tracked: nothing to shift to
        for index in range(k, len(paragraphs) - 1):
            following = draft.marks.get(paragraphs[index + 1])
            if following:
                draft.marks[paragraphs[index]] = following
            else:  # pragma: no cover - the run is contiguous
                draft.marks.pop(paragraphs[index], None)
        draft.marks.pop(paragraphs[-1], None)
    for p in _document_order(draft.layout.body, draft.marks):
        clear_paragraph_mark(p)
        mark_paragraph(p, draft.marks[p], draft.revisions)


def _document_order(
    body: etree._Element, wanted: dict[etree._Element, Path_]
) -> Iterator[etree._Element]:
    for p in body.iter(w("p")):
        if p in wanted:
            yield p
