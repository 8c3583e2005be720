"""Footnote changes in the redline: tracked inside the real footnotes, so that accepting every
revision shows the new notes and rejecting them the old ones (LibreOffice's verdict skips
footnotes, so the notes are read here from the footnotes part)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from redline_walker import _text, expected_lines, q, view_texts

from revdiff.compare import compare_files
from revdiff.model import ChangeKind
from revdiff.redline import build_redline
from revdiff.seeds import seed_paths

NEW_SEED = seed_paths()[1]
SEED_TEXT = NEW_SEED.read_text(encoding="utf-8")
REFERENCE = "[footnoteRef:1]1"
BODY = (
    " [1: 1 \tThese include the least developed countries, small island developing states, "
    "landlocked developing countries and countries with economic in transition.]"
)


def note_texts(docx: bytes, view: str) -> list[str]:
    """The texts of the notes the body refers to in `view`, in reference order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    drop = {q("del"), q("moveFrom")} if view == "accept" else {q("ins"), q("moveTo")}
    unwrap = {q("ins"), q("moveTo")} if view == "accept" else {q("del"), q("moveFrom")}
    by_id = {note.get(q("id")): note for note in notes.iter(q("footnote"))}
    texts = []
    for reference in body.iter(q("footnoteReference")):
        if any(ancestor.tag in drop for ancestor in reference.iterancestors()):
            continue
        note = by_id[reference.get(q("id"))]
        text = "".join(
            _text(child, drop, unwrap)
            for p in note.iter(q("p"))
            for child in p
            if child.tag != q("pPr")
        )
        texts.append(text.split("\t", 1)[-1].strip())
    return texts


def variant(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old_text", "new_text", "kind"),
    [
        (SEED_TEXT, SEED_TEXT.replace("include the least", "include all the least"), "modified"),
        (SEED_TEXT.replace(REFERENCE, "").replace(BODY, ""), SEED_TEXT, "added"),
        (SEED_TEXT, SEED_TEXT.replace(REFERENCE, "").replace(BODY, ""), "deleted"),
    ],
)
def test_a_footnote_change_round_trips_inside_the_footnotes(
    tmp_path: Path, old_text: str, new_text: str, kind: str
) -> None:
    assert old_text != new_text
    old, new = variant(tmp_path, "old.txt", old_text), variant(tmp_path, "new.txt", new_text)
    comparison = compare_files(old, new)
    assert [c.kind for c in comparison.footnote_changes] == [ChangeKind(kind)]
    docx = build_redline(comparison, base=None)
    for view, document in (("accept", comparison.new), ("reject", comparison.old)):
        expected = [n.text for clause in document.clauses for n in clause.footnotes]
        assert note_texts(docx, view) == expected, view
    assert view_texts(docx, "accept") == expected_lines(comparison.new)
    assert view_texts(docx, "reject") == expected_lines(comparison.old)


def test_a_changed_call_line_is_tracked_in_the_redline(tmp_path: Path) -> None:
    new = variant(tmp_path, "new.txt", SEED_TEXT.replace("\nresolves\n", "\ndecides\n"))
    comparison = compare_files(NEW_SEED, new)
    docx = build_redline(comparison, base=None)
    assert "resolves" not in view_texts(docx, "accept")
    assert "decides" in view_texts(docx, "accept")
    assert view_texts(docx, "reject") == expected_lines(comparison.old)


NUMBERED = (
    "RESOLUTION 1 (Geneva, 2020)\nTitle here\n(Geneva, 2020)\nThe Assembly (Geneva, 2020),\n"
    "resolves\n1\tto do.\nSECTION 1\nGeneral provisions\n1.1\tThe assembly meets.\n"
    "ANNEX A\nGuidelines for consumer protection\nSome provision text.\n"
)
UNTITLED = NUMBERED.replace("General provisions\n", "").replace(
    "Guidelines for consumer protection\n", ""
)


@pytest.mark.parametrize(("old_text", "new_text"), [(NUMBERED, UNTITLED), (UNTITLED, NUMBERED)])
def test_a_section_or_annex_title_added_or_removed_round_trips(
    tmp_path: Path, old_text: str, new_text: str
) -> None:
    old, new = variant(tmp_path, "old.txt", old_text), variant(tmp_path, "new.txt", new_text)
    comparison = compare_files(old, new)
    assert sorted(c.id for c in comparison.heading_changes) == ["title:annex-a", "title:section-1"]
    docx = build_redline(comparison, base=None)
    assert view_texts(docx, "accept") == expected_lines(comparison.new)
    assert view_texts(docx, "reject") == expected_lines(comparison.old)


def test_a_renamed_call_line_is_tracked_word_by_word(tmp_path: Path) -> None:
    before = "invites the Director of the Telecommunication Standardization Bureau"
    after = "invites the Director of the Telecommunication Development Bureau"
    new = variant(tmp_path, "new.txt", SEED_TEXT.replace(before, after, 1))
    comparison = compare_files(NEW_SEED, new)
    docx = build_redline(comparison, base=None)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    inserted = ["".join(t.text or "" for t in e.iter(q("t"))) for e in body.iter(q("ins"))]
    deleted = ["".join(t.text or "" for t in e.iter(q("delText"))) for e in body.iter(q("del"))]
    assert inserted == ["Development"] and deleted == ["Standardization"]
    assert view_texts(docx, "reject") == expected_lines(comparison.old)


def test_a_call_line_removed_puts_its_heading_back_in_the_rejected_view(tmp_path: Path) -> None:
    # Its clauses stay (now under no call): the heading alone was deleted.
    new = variant(tmp_path, "new.txt", SEED_TEXT.replace("\nrecalling\n", "\n\n", 1))
    comparison = compare_files(NEW_SEED, new)
    docx = build_redline(comparison, base=None)
    assert view_texts(docx, "accept") == expected_lines(comparison.new)
    assert view_texts(docx, "reject") == expected_lines(comparison.old)
