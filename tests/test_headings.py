"""Headings compared: call lines, section and annex titles, whole sections, front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from revdiff.compare import compare_documents
from revdiff.headings import align_sections, compare_headings, describe_text_change
from revdiff.load import load_document
from revdiff.model import ChangeKind, CompareOptions, Document, HeadingPart, Marker, Nature
from revdiff.seeds import seed_paths

NEW_SEED = seed_paths()[1]
SEED_TEXT = NEW_SEED.read_text(encoding="utf-8")
TSB = "invites the Director of the Telecommunication Standardization Bureau"
BDT = "invites the Director of the Telecommunication Development Bureau"


def edited(tmp_path: Path, old: str, new: str) -> tuple[Document, Document]:
    assert old in SEED_TEXT
    path = tmp_path / "edited.txt"
    path.write_text(SEED_TEXT.replace(old, new, 1), encoding="utf-8")
    return load_document(NEW_SEED), load_document(path)


@pytest.mark.parametrize(
    ("old", "new", "change_id", "inline"),
    [
        ("\nresolves\n", "\ndecides\n", "heading:resolves", "[-resolves-]{+decides+}"),
        ("\nnoting\n", "\nnoting further\n", "heading:noting", "noting{+ further+}"),
        (TSB, BDT, "heading:" + "-".join(TSB.lower().split()), "[-Standardization-]"),
    ],
)
def test_a_changed_call_line_is_one_modified_heading(
    tmp_path: Path, old: str, new: str, change_id: str, inline: str
) -> None:
    before, after = edited(tmp_path, old, new)
    comparison = compare_documents(before, after, CompareOptions())
    (change,) = compare_headings(before, after, comparison.changes)
    assert change.id == change_id
    assert (change.kind, change.marker, change.natures) == (
        ChangeKind.MODIFIED,
        Marker.MOD,
        (Nature.SUBSTANTIVE,),
    )
    marked = "".join(
        {"=": e.text, "-": f"[-{e.text}-]", "+": f"{{+{e.text}+}}"}[e.op.value]
        for e in change.edits
    )
    assert inline in marked
    assert not any(c.is_change for c in comparison.changes), "the clauses stay where they were"


def test_identical_documents_have_no_heading_change() -> None:
    document = load_document(NEW_SEED)
    assert compare_headings(document, document) == ()


def test_a_removed_section_is_deleted_with_its_heading(tmp_path: Path) -> None:
    start = SEED_TEXT.index("\nnoting\n")
    end = SEED_TEXT.index("\nresolves\n")
    path = tmp_path / "no-noting.txt"
    path.write_text(SEED_TEXT[:start] + SEED_TEXT[end:], encoding="utf-8")
    before, after = load_document(NEW_SEED), load_document(path)
    changes = compare_documents(before, after, CompareOptions()).changes
    (change,) = compare_headings(before, after, changes)
    assert (change.id, change.kind, change.marker) == (
        "heading:noting",
        ChangeKind.DELETED,
        Marker.SUP,
    )
    swapped = compare_documents(after, before, CompareOptions()).changes
    (added,) = compare_headings(after, before, swapped)
    assert (added.kind, added.marker, added.new) == (ChangeKind.ADDED, Marker.ADD, "noting")


def test_sections_pair_by_their_clauses_not_by_position(tmp_path: Path) -> None:
    # The noting section renamed and moved after resolves: still the same section.
    start = SEED_TEXT.index("\nnoting\n")
    end = SEED_TEXT.index("\nresolves\n")
    after_resolves = SEED_TEXT.index("\ninvites the Director")
    noting = SEED_TEXT[start:end].replace("\nnoting\n", "\nnoting also\n")
    text = SEED_TEXT[:start] + SEED_TEXT[end:after_resolves] + noting + SEED_TEXT[after_resolves:]
    path = tmp_path / "moved.txt"
    path.write_text(text, encoding="utf-8")
    before, after = load_document(NEW_SEED), load_document(path)
    comparison = compare_documents(before, after, CompareOptions())
    headings = compare_headings(before, after, comparison.changes)
    by_id = {c.id: c for c in headings}
    assert by_id["heading:noting"].new == "noting also"
    assert by_id["heading:noting"].kind is ChangeKind.MODIFIED
    assert any(c.moved for c in headings)
    pairs = align_sections(before.sections, after.sections, comparison.changes)
    assert all(i is not None and j is not None for i, j in pairs)


def test_a_changed_front_matter_paragraph_is_reported(tmp_path: Path) -> None:
    before, after = edited(tmp_path, "is a permanent organ", "is an organ")
    (change,) = compare_headings(before, after)
    assert (change.part, change.id, change.kind) == (
        HeadingPart.FRONT,
        "front:2",
        ChangeKind.MODIFIED,
    )


def test_annex_titles_are_compared(tmp_path: Path) -> None:
    text = SEED_TEXT + "\nAnnex A\nGuidelines for consumer protection\nSome provision text.\n"
    renamed = text.replace("Guidelines for consumer", "Guidelines for user")
    old_path, new_path = tmp_path / "old.txt", tmp_path / "new.txt"
    old_path.write_text(text, encoding="utf-8")
    new_path.write_text(renamed, encoding="utf-8")
    before, after = load_document(old_path), load_document(new_path)
    comparison = compare_documents(before, after, CompareOptions())
    headings = compare_headings(before, after, comparison.changes)
    titles = [c for c in headings if c.part is HeadingPart.TITLE]
    assert [(c.old, c.new) for c in titles] == [
        ("Guidelines for consumer protection", "Guidelines for user protection")
    ]


def test_markers_follow_the_clause_rule() -> None:
    assert describe_text_change("resolves", "resolves,")[2] is Marker.MOD_EDITORIAL
    assert describe_text_change("resolves", "decides")[2] is Marker.MOD
    assert describe_text_change(None, "decides")[:1] == (ChangeKind.ADDED,)
    assert describe_text_change("decides", None)[2] is Marker.SUP
