"""Footnote changes as tracked changes inside the real footnotes part.

The base shows every new footnote with its new text. A modified note has its words tracked
inside the note (``w:ins``/``w:del``, as a heading line is); an added note has its reference
and its text inserted; a deleted note whose clause is still there gets back its reference,
deleted, and a note of the old text, deleted (a deleted clause brings its notes back with it).
Accepting every revision shows the new notes, rejecting them the old ones.
"""

from __future__ import annotations

from lxml import etree

from revdiff.model import ChangeKind, Comparison, Footnote, FootnoteChange
from revdiff.ooxml.names import REL_FOOTNOTES, w
from revdiff.ooxml.revisions import RevisionKind
from revdiff.ooxml.runs import mark_run_deleted
from revdiff.redline.atoms import read_atoms, wrap_content
from revdiff.redline.draft import Draft
from revdiff.redline.locate import squash
from revdiff.redline.paragraphs import Rewrite, rewrite_line


def track_footnotes(draft: Draft, comparison: Comparison) -> None:
    """Track every footnote change of `comparison` in the footnotes of the draft's base."""
    if not comparison.footnote_changes:
        return
    root = footnotes_root(draft)
    if root is None:
        return
    bodies = _note_bodies(root)
    for change in comparison.footnote_changes:
        if change.kind is ChangeKind.MODIFIED and change.old and change.new:
            found = _find(bodies, change.new)
            if found is not None:
                rewrite_line(draft, found[1], change.old.text, change.new.text, Rewrite.LINE)
        elif change.kind is ChangeKind.ADDED and change.new is not None:
            found = _find(bodies, change.new)
            if found is not None:
                _insert_note(draft, *found)
        elif change.kind is ChangeKind.DELETED and change.old is not None:
            _put_back_note(draft, comparison, change)


def footnotes_root(draft: Draft) -> etree._Element | None:
    """The root of the base's footnotes part, if it has one."""
    layout = draft.layout
    if layout.footnotes is not None:
        return layout.footnotes
    package = layout.package
    name = package.related_part(layout.main, REL_FOOTNOTES)
    if not name or not package.has(name):
        return None
    return package.xml(name)


def _note_bodies(root: etree._Element) -> list[tuple[etree._Element, etree._Element, str]]:
    """(note, its paragraph, its text) for every one-paragraph note (not the separators)."""
    found = []
    for note in root.iterfind(w("footnote")):
        if note.get(w("type")) not in (None, "normal"):
            continue
        paragraphs = note.findall(w("p"))
        if len(paragraphs) == 1:
            text = squash("".join(a.char for a in read_atoms(paragraphs[0])))
            found.append((note, paragraphs[0], text))
    return found


def _find(
    bodies: list[tuple[etree._Element, etree._Element, str]], note: Footnote
) -> tuple[etree._Element, etree._Element] | None:
    """The note whose text ends with `note`'s text (its mark and tab come first); the first of
    several, each taken once."""
    wanted = squash(note.text)
    for index, (element, p, text) in enumerate(bodies):
        if text.endswith(wanted):
            del bodies[index]
            return element, p
    return None


def _insert_note(draft: Draft, note: etree._Element, p: etree._Element) -> None:
    wrap_content(p, RevisionKind.INSERTED, draft.revisions)
    note_id = note.get(w("id"))
    for reference in draft.layout.body.iter(w("footnoteReference")):
        run = reference.getparent()
        if reference.get(w("id")) != note_id or run is None or _inside_revision(run):
            continue
        wrapper = draft.revisions.wrapper(RevisionKind.INSERTED)
        run.addprevious(wrapper)
        wrapper.append(run)


def _inside_revision(element: etree._Element) -> bool:
    tags = {w(kind) for kind in ("ins", "del", "moveTo", "moveFrom")}
    return any(ancestor.tag in tags for ancestor in element.iterancestors())


def _put_back_note(draft: Draft, comparison: Comparison, change: FootnoteChange) -> None:
    """A deleted note whose clause is still there: a deleted reference at the end of the
    clause's new paragraph and a note of the old text. Only the template can make a note."""
    old = change.old
    assert old is not None
    maker = getattr(draft.layout.maker, "footnotes", None)
    reference_of = getattr(maker, "reference", None)
    if reference_of is None:
        return
    citing = {c.id for c in comparison.old.clauses if old in c.footnotes}
    for clause_change in comparison.changes:
        if not clause_change.new or not any(c.id in citing for c in clause_change.old):
            continue
        p = draft.layout.clauses.get(clause_change.new[-1].id)
        if p is None:
            continue
        run = reference_of(old)
        for note in footnotes_root_notes(draft, run):
            for body in note.findall(w("p")):
                wrap_content(body, RevisionKind.DELETED, draft.revisions)
        wrapper = draft.revisions.wrapper(RevisionKind.DELETED)
        mark_run_deleted(run)
        wrapper.append(run)
        p.append(wrapper)
        return


def footnotes_root_notes(draft: Draft, run: etree._Element) -> list[etree._Element]:
    """The notes a reference run points to."""
    root = footnotes_root(draft)
    if root is None:
        return []
    ids = {ref.get(w("id")) for ref in run.iter(w("footnoteReference"))}
    return [note for note in root.iterfind(w("footnote")) if note.get(w("id")) in ids]
