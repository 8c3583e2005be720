"""The redline round trip on real texts and real Word layouts: rejecting every change gives the
old document back and accepting gives the new one, paragraph for paragraph, front matter and
labels included, as the independent walker and LibreOffice read it.

- WTDC Resolution 30 (Doha, 2006 -> Rev. Hyderabad, 2010): a front-matter line before the number
  line replaced, the number line gaining a body prefix ("WTDC RESOLUTION 30");
- a Word base whose labels are Word's automatic numbering: a deleted clause keeps its label;
- a clause moved and edited: how the words deleted from it are shown (pinned).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from redline_walker import document_root, expected_lines, q, view_texts
from test_redline_libreoffice import libreoffice, nonempty, run_libreoffice
from typer.testing import CliRunner

from revdiff.cli import app
from revdiff.compare import compare_documents
from revdiff.load import load_document
from revdiff.model import CompareOptions, Comparison
from revdiff.ooxml.names import W_NS
from revdiff.ooxml.revisions import Revisions
from revdiff.redline import build_redline
from revdiff.redline.seams import separate_seams

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RES30 = FIXTURES / "wtdc-res30"
OLD30 = RES30 / "res30-doha-2006.txt"
NEW30 = RES30 / "res30-hyderabad-2010.txt"
MOVE_CASE = FIXTURES / "cases" / "move-across-sections"
SEED_2022 = Path(__file__).resolve().parents[1] / "seeds" / "res84-geneva-2022.tika.txt"
DATE = datetime(2024, 5, 1, tzinfo=UTC)

__all__ = ["libreoffice"]  # the fixture is used by name below


def compare(old: Path, new: Path) -> Comparison:
    return compare_documents(load_document(old), load_document(new), CompareOptions())


def redline(comparison: Comparison, base: bytes | None = None) -> bytes:
    return build_redline(comparison, base=base, date=DATE, comments=False)


def render_docx(text: str) -> bytes:
    sys.path.insert(0, str(FIXTURES))
    from make_docx import render_resolution_docx

    data: bytes = render_resolution_docx(text)
    return data


def change_kinds_at_seams(data: bytes) -> list[tuple[str, str]]:
    """For each pair of paragraphs whose mark between them is not tracked: the tag of the
    first paragraph's last child and of the next one's first child."""
    found = []
    body = document_root(data).find(q("body"))
    assert body is not None
    for p in body.iter(q("p")):
        following = p.getnext()
        mark = p.find(f"{q('pPr')}/{q('rPr')}")
        if following is None or following.tag != q("p"):
            continue
        if mark is not None and (
            mark.find(q("ins")) is not None or mark.find(q("del")) is not None
        ):
            continue
        tail = [c for c in p if c.tag != q("pPr")]
        head = [c for c in following if c.tag != q("pPr")]
        if tail and head:
            found.append((etree.QName(tail[-1]).localname, etree.QName(head[0]).localname))
    return found


# WTDC Resolution 30


def test_the_wtdc_res30_pair_has_front_matter_before_a_prefixed_number_line() -> None:
    comparison = compare(OLD30, NEW30)
    assert comparison.old.metadata.number_line == "RESOLUTION 30 (Rev. Doha, 2006)"
    assert comparison.new.metadata.number_line == "WTDC RESOLUTION 30 (Rev. Hyderabad, 2010)"
    assert expected_lines(comparison.old)[0] == "World Telecommunication Development Conference"
    assert expected_lines(comparison.new)[0] == "WTDC Resolution 30"


def test_the_wtdc_res30_redline_rejects_to_2006_and_accepts_to_2010() -> None:
    comparison = compare(OLD30, NEW30)
    data = redline(comparison)
    assert view_texts(data, "reject") == expected_lines(comparison.old)
    assert view_texts(data, "accept") == expected_lines(comparison.new)


def test_no_untracked_paragraph_mark_has_a_change_of_one_kind_on_both_sides() -> None:
    # LibreOffice joins such changes into one across the mark and loses the mark with them.
    data = redline(compare(OLD30, NEW30))
    seams = change_kinds_at_seams(data)
    assert ("del", "ins") in seams  # the replaced front-matter line before the number line
    assert not [s for s in seams if s[0] == s[1] and s[0] in ("ins", "del")]


def _paragraphs(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>')


def _kinds(body: etree._Element) -> list[list[str]]:
    return [[etree.QName(c).localname for c in p] for p in body]


def test_a_seam_is_separated_by_turning_a_deletion_and_insertion_round() -> None:
    body = _paragraphs(
        "<w:p><w:del/><w:ins/></w:p><w:p><w:ins/><w:r/></w:p>"
        "<w:p><w:r/><w:del/></w:p><w:p><w:del/><w:ins/></w:p>"
    )
    assert separate_seams(body, Revisions("revdiff", DATE)) == 2
    assert _kinds(body) == [["ins", "del"], ["ins", "r"], ["r", "del"], ["ins", "del"]]


def test_a_seam_across_a_tracked_mark_or_without_a_pair_is_left_alone() -> None:
    body = _paragraphs(
        "<w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:del/><w:ins/></w:p><w:p><w:ins/></w:p>"
        "<w:p><w:r/><w:ins/></w:p><w:p><w:ins/><w:r/></w:p>"
    )
    assert separate_seams(body, Revisions("revdiff", DATE)) == 0
    assert _kinds(body) == [["pPr", "del", "ins"], ["ins"], ["r", "ins"], ["ins", "r"]]


def _texts(p: etree._Element, drop: str) -> str:
    """The text of `p` without the changes of kind `drop` (``del`` accepts, ``ins`` rejects)."""
    return "".join(
        t.text or ""
        for t in p.iter(q("t"), q("delText"))
        if not any(a.tag == q(drop) for a in t.iterancestors())
    )


def test_a_seam_without_a_pair_takes_in_the_next_word() -> None:
    body = _paragraphs(
        '<w:p><w:r><w:t>Conference</w:t></w:r><w:ins><w:r><w:t xml:space="preserve"> plus</w:t>'
        '</w:r></w:ins></w:p><w:p><w:ins><w:r><w:t xml:space="preserve">WTDC </w:t></w:r></w:ins>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">RESOLUTION 30</w:t></w:r></w:p>'
    )
    assert separate_seams(body, Revisions("revdiff", DATE, next_id=50)) == 1
    second = body[1]
    assert _kinds(body)[1] == ["del", "ins", "ins", "r"]
    assert _texts(second, "del") == "WTDC RESOLUTION 30"
    assert _texts(second, "ins") == "RESOLUTION 30"
    assert [e.get(q("id")) for e in second if e.tag != q("r")] == ["50", None, "51"]
    assert second[0].find(f"{q('r')}/{q('rPr')}/{q('b')}") is not None  # the word's properties


def _insertions_on_both_sides_of_a_seam(tmp_path: Path) -> Comparison:
    """The 2006 text with a word added at the end of its front-matter line and the body prefix
    added to its number line: an insertion alone on each side of the seam."""
    new = tmp_path / "seam.txt"
    text = OLD30.read_text(encoding="utf-8")
    text = text.replace("Conference\n", "Conference plus\n", 1).replace(
        "RESOLUTION 30", "WTDC RESOLUTION 30", 1
    )
    new.write_text(text, encoding="utf-8")
    return compare(OLD30, new)


def test_insertions_alone_on_both_sides_of_a_seam_round_trip(tmp_path: Path) -> None:
    comparison = _insertions_on_both_sides_of_a_seam(tmp_path)
    data = redline(comparison)
    assert not [s for s in change_kinds_at_seams(data) if s[0] == s[1] and s[0] in ("ins", "del")]
    assert view_texts(data, "reject") == expected_lines(comparison.old)
    assert view_texts(data, "accept") == expected_lines(comparison.new)


def test_libreoffice_rejects_the_wtdc_res30_redlines_to_the_old_texts(
    libreoffice: None, tmp_path: Path
) -> None:
    cases = {
        "res30": compare(OLD30, NEW30),
        "seam": _insertions_on_both_sides_of_a_seam(tmp_path),
    }
    for name, comparison in cases.items():
        (tmp_path / f"{name}.docx").write_bytes(redline(comparison))
    results = run_libreoffice([tmp_path / f"{name}.docx" for name in cases], tmp_path)
    for name, comparison in cases.items():
        result = results[f"{name}.docx"]
        assert nonempty(result["reject"]) == expected_lines(comparison.old), name
        assert nonempty(result["accept"]) == expected_lines(comparison.new), name


def test_history_and_batch_read_the_prefixed_number_lines(tmp_path: Path) -> None:
    runner = CliRunner()
    history = runner.invoke(app, ["history", str(OLD30), str(NEW30), "--format", "json"])
    assert history.exit_code == 1, history.output  # the versions differ, as in diff(1)
    steps = json.loads(history.output)
    assert "WTDC RESOLUTION 30 (Rev. Hyderabad, 2010)" in json.dumps(steps, ensure_ascii=False)
    old_dir, new_dir, out = tmp_path / "old", tmp_path / "new", tmp_path / "out"
    old_dir.mkdir()
    new_dir.mkdir()
    (old_dir / OLD30.name).write_bytes(OLD30.read_bytes())
    (new_dir / NEW30.name).write_bytes(NEW30.read_bytes())
    batch = runner.invoke(app, ["batch", str(old_dir), str(new_dir), "-o", str(out), "--exit-zero"])
    assert batch.exit_code == 0, batch.output
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert "30" in json.dumps(index)
    assert "unpaired" not in batch.output.lower()


# A Word base with automatic numbering


def _without(text: str, *lines: str) -> str:
    for line in lines:
        start = text.index(line)
        text = text[:start] + text[text.index("\n", start) + 1 :].lstrip("\n")
    return text


NOTING = (
    "a)\tthe importance of keeping users",
    "b)\tthat landlocked countries",
    "c)\tthat the issue of accessibility",
)


def _num_id(p: etree._Element) -> str | None:
    num = p.find(f"{q('pPr')}/{q('numPr')}/{q('numId')}")
    return None if num is None else num.get(q("val"))


def _deleted_paragraphs(data: bytes, words: str) -> list[etree._Element]:
    return [
        p
        for p in document_root(data).iter(q("p"))
        if words in "".join(t.text or "" for t in p.iter(q("delText")))
    ]


def _word_pair(tmp_path: Path, new_text: str) -> tuple[Comparison, bytes]:
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(render_docx(SEED_2022.read_text(encoding="utf-8")))
    new.write_bytes(render_docx(new_text))
    return compare(old, new), new.read_bytes()


@pytest.mark.skipif(not SEED_2022.is_file(), reason="needs the seed text")
def test_a_deleted_item_of_a_numbered_list_stays_in_its_list(tmp_path: Path) -> None:
    text = _without(SEED_2022.read_text(encoding="utf-8"), NOTING[1])
    text = text.replace(NOTING[2], "b)" + NOTING[2][2:])
    comparison, base = _word_pair(tmp_path, text)
    data = redline(comparison, base)
    (deleted,) = _deleted_paragraphs(data, "that landlocked countries")
    kept = next(p for p in document_root(data).iter(q("p")) if _num_id(p) and p is not deleted)
    assert _num_id(deleted) is not None
    # Same list as its surviving neighbours, so Word numbers it b) in the rejected view.
    neighbours = {_num_id(p) for p in (deleted.getprevious(), deleted.getnext())}
    assert neighbours == {_num_id(deleted)}
    assert kept is not None


@pytest.mark.skipif(not SEED_2022.is_file(), reason="needs the seed text")
def test_deleted_items_of_a_list_the_new_version_lacks_type_their_labels(tmp_path: Path) -> None:
    # The nearest paragraph of the same style is recalling's list: inheriting it, the deleted
    # noting items would be numbered f), g), h) after recalling's a) to e).
    comparison, base = _word_pair(tmp_path, _without(SEED_2022.read_text("utf-8"), *NOTING))
    data = redline(comparison, base)
    for line in NOTING:
        label, words = line.split("\t")
        (deleted,) = _deleted_paragraphs(data, words)
        assert _num_id(deleted) == "0"  # out of any list
        texts = [t.text for t in deleted.iter(q("delText"))]
        assert texts[0] == label
    rejected = view_texts(data, "reject")
    assert [t for t in rejected if t.startswith(tuple(NOTING))] == [
        next(t for t in rejected if t.startswith(line)) for line in NOTING
    ]


# A clause moved and edited


def test_words_deleted_from_moved_text_show_at_the_old_place_only(tmp_path: Path) -> None:
    """Pinned: Word writes a deletion inside moved text nested in the move, and LibreOffice
    gets accept/reject of every such nesting wrong (docs/redline.md), so the moved-to
    paragraph carries the new words (insertions inside the move) and no deletion."""
    new = tmp_path / "new.txt"
    new.write_text(
        (MOVE_CASE / "new.txt")
        .read_text(encoding="utf-8")
        .replace(
            "that regional cooperation helps administrations to detect misuse early;",
            "that regional cooperation helps national administrations to detect misuse;",
        ),
        encoding="utf-8",
    )
    comparison = compare(MOVE_CASE / "old.txt", new)
    data = redline(comparison)
    root = document_root(data)
    move_to = [p for p in root.iter(q("p")) if p.find(f".//{q('moveTo')}") is not None]
    move_from = [p for p in root.iter(q("p")) if p.find(f".//{q('moveFrom')}") is not None]
    assert move_to and move_from
    for p in move_to:
        assert p.find(f".//{q('del')}") is None and p.find(f".//{q('delText')}") is None
        inserted = "".join(t.text or "" for t in p.iter(q("t")) if t.getparent() is not None)
        assert "national" in inserted
    old_words = "".join(t.text or "" for p in move_from for t in p.iter(q("delText"), q("t")))
    assert "early" in old_words
    assert view_texts(data, "reject") == expected_lines(comparison.old)
    assert view_texts(data, "accept") == expected_lines(comparison.new)
