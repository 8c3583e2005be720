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
