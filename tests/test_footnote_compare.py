"""Footnotes compared like clauses: added, deleted, modified, renumbered."""

from __future__ import annotations

from pathlib import Path

from revdiff.footnotes import compare_footnotes
from revdiff.model import ChangeKind, EditOp, Footnote, Marker, Nature

NOTE = Footnote("1", "These include the least developed countries.")
OTHER = Footnote("2", "See Resolution 64 (Rev. Dubai, 2014).")


def test_identical_notes_do_not_differ() -> None:
    assert compare_footnotes((NOTE, OTHER), (NOTE, OTHER)) == ()


def test_an_edited_note_is_modified_with_its_inline_diff() -> None:
    edited = Footnote("1", "These include all the least developed countries.")
    (change,) = compare_footnotes((NOTE,), (edited,))
    assert (change.id, change.kind, change.marker) == (
        "footnote:1",
        ChangeKind.MODIFIED,
        Marker.MOD,
    )
    assert change.natures == (Nature.SUBSTANTIVE,)
    assert [(e.op, e.text) for e in change.edits if e.op is not EditOp.EQUAL] == [
        (EditOp.INSERT, "all ")
    ]


def test_a_citation_update_in_a_note_is_a_citation_change() -> None:
    updated = Footnote("2", "See Resolution 64 (Rev. Buenos Aires, 2017).")
    (change,) = compare_footnotes((OTHER,), (updated,))
    assert Nature.CITATION in change.natures


def test_added_and_deleted_notes() -> None:
    (added,) = compare_footnotes((NOTE,), (NOTE, OTHER))
    assert (added.kind, added.marker, added.new) == (ChangeKind.ADDED, Marker.ADD, OTHER)
    (deleted,) = compare_footnotes((NOTE, OTHER), (OTHER,))
    assert (deleted.kind, deleted.marker, deleted.old) == (ChangeKind.DELETED, Marker.SUP, NOTE)


def test_notes_pair_by_text_before_mark() -> None:
    # Note 1 deleted, note 2 became note 1: one deletion and one renumbering, not an edit.
    moved = Footnote("1", OTHER.text)
    changes = compare_footnotes((NOTE, OTHER), (moved,))
    assert sorted((c.kind.value, c.renumbered) for c in changes) == [
        ("deleted", False),
        ("unchanged", True),
    ]


def test_a_reworded_note_under_a_new_mark_pairs_by_similarity() -> None:
    reworded = Footnote("3", "These include the least developed countries and SIDS.")
    (change,) = compare_footnotes((NOTE,), (reworded,))
    assert (change.kind, change.renumbered) == (ChangeKind.MODIFIED, True)


def test_a_reference_moved_to_another_clause_is_a_change(tmp_path: Path) -> None:
    from revdiff.compare import compare_documents
    from revdiff.load import load_document
    from revdiff.model import CompareOptions
    from revdiff.seeds import seed_paths

    text = seed_paths()[1].read_text(encoding="utf-8")
    ref = "[footnoteRef:1]1"
    assert text.count(ref) == 1
    moved = text.replace(ref, "").replace(
        "to contribute to the relevant initiatives",
        f"to contribute{ref} to the relevant initiatives",
    )
    assert moved.count(ref) == 1
    old_path, new_path = tmp_path / "old.txt", tmp_path / "new.txt"
    old_path.write_text(text, encoding="utf-8")
    new_path.write_text(moved, encoding="utf-8")
    comparison = compare_documents(
        load_document(old_path), load_document(new_path), CompareOptions()
    )
    assert not any(c.is_change for c in comparison.changes), "the clause texts leave marks out"
    (change,) = comparison.footnote_changes
    assert (change.kind, change.moved, change.marker) == (
        ChangeKind.UNCHANGED,
        True,
        Marker.MOD_EDITORIAL,
    )
    assert comparison.has_differences
