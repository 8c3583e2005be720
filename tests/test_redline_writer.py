"""The redline writer: accepting every revision gives the new text and rejecting every revision
gives the old text, paragraph by paragraph, as judged by an independent walker over the XML; on
constructed revision sets, on the compare stage's own comparisons, on the seed pair and on every
fixture case."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree
from redline_strategies import revision_sets
from redline_walker import document_root, expected_lines, q, view_paragraphs, view_texts
from strategies import revised_documents

from revdiff.compare import compare_documents
from revdiff.load import load_document
from revdiff.model import ChangeKind, CompareOptions, Comparison, Document
from revdiff.redline import build_redline
from revdiff.redline.ooxml import PPR_ORDER, RPR_ORDER
from revdiff.redline.template import MARKER_STYLE
from revdiff.seeds import seed_paths

DATE = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
CASE_DIRS = (
    sorted(p for p in CASES.iterdir() if (p / "old.txt").is_file()) if CASES.is_dir() else []
)


def redline(comparison: Comparison, **options: bool) -> bytes:
    return build_redline(comparison, base=None, author="revdiff", date=DATE, **options)


def compare(old: Document, new: Document) -> Comparison:
    return compare_documents(old, new, CompareOptions())


def seed_comparison() -> Comparison:
    old, new = seed_paths()
    return compare(load_document(old), load_document(new))


def assert_views(data: bytes, comparison: Comparison) -> None:
    assert view_texts(data, "accept") == expected_lines(comparison.new)
    assert view_texts(data, "reject") == expected_lines(comparison.old)


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


# ---- the round trip, everywhere ---------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(revision_sets())
def test_accept_all_gives_new_and_reject_all_gives_old_on_any_revision_set(
    comparison: Comparison,
) -> None:
    assert_views(redline(comparison), comparison)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(revision_sets())
def test_markers_and_comments_do_not_change_either_view(comparison: Comparison) -> None:
    assert_views(redline(comparison, markers=True, comments=True), comparison)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(revised_documents())
def test_the_compare_stage_comparisons_round_trip(pair: tuple[Document, Document]) -> None:
    assert_views(redline(compare(*pair)), compare(*pair))


def test_the_seed_pair_round_trips() -> None:
    comparison = seed_comparison()
    assert_views(redline(comparison), comparison)


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_every_fixture_case_round_trips(case: Path) -> None:
    comparison = compare(load_document(case / "old.txt"), load_document(case / "new.txt"))
    data = redline(comparison, markers=True)
    assert_views(data, comparison)


def test_fixture_cases_are_there() -> None:
    assert len(CASE_DIRS) >= 10


# ---- what the revisions look like -------------------------------------------------------------


def test_every_revision_has_the_author_and_date() -> None:
    data = build_redline(seed_comparison(), base=None, author="ITU Secretariat", date=DATE)
    root = document_root(data)
    revisions = [
        e for e in root.iter(q("ins"), q("del"), q("moveFrom"), q("moveTo")) if len(e) or True
    ]
    assert revisions
    for element in revisions:
        assert element.get(q("author")) == "ITU Secretariat"
        assert element.get(q("date")) == "2024-05-01T12:00:00Z"
    for comment in part(data, "word/comments.xml"):
        assert comment.get(q("author")) == "ITU Secretariat"


def test_ids_are_unique_across_revisions_ranges_and_comments() -> None:
    case = CASES / "move-across-sections"
    comparison = compare(load_document(case / "old.txt"), load_document(case / "new.txt"))
    data = redline(comparison)
    root = document_root(data)
    annotation_ids = [
        e.get(q("id"))
        for e in root.iter(
            q("ins"),
            q("del"),
            q("moveFrom"),
            q("moveTo"),
            q("moveFromRangeStart"),
            q("moveToRangeStart"),
            q("commentRangeStart"),
        )
    ]
    assert len(annotation_ids) == len(set(annotation_ids))
    for end, start in (
        ("moveFromRangeEnd", "moveFromRangeStart"),
        ("moveToRangeEnd", "moveToRangeStart"),
        ("commentRangeEnd", "commentRangeStart"),
    ):
        assert sorted(e.get(q("id")) for e in root.iter(q(end))) == sorted(
            e.get(q("id")) for e in root.iter(q(start))
        )
    comment_ids = {c.get(q("id")) for c in part(data, "word/comments.xml")}
    assert comment_ids == {e.get(q("id")) for e in root.iter(q("commentReference"))}


def test_a_moved_clause_is_a_named_move_from_its_old_place_to_its_new_place() -> None:
    case = CASES / "move-across-sections"
    comparison = compare(load_document(case / "old.txt"), load_document(case / "new.txt"))
    moved = [c for c in comparison.changes if c.moved]
    assert moved
    data = redline(comparison)
    root = document_root(data)
    sources = {e.get(q("name")) for e in root.iter(q("moveFromRangeStart"))}
    targets = {e.get(q("name")) for e in root.iter(q("moveToRangeStart"))}
    assert sources == targets and len(sources) == len(moved)
    text = moved[0].new[0].text
    from_text = "".join(
        t.text or ""
        for e in root.iter(q("moveFrom"))
        if e.getparent().tag == q("p")
        for t in e.iter(q("t"))
    )
    to_text = "".join(
        t.text or ""
        for e in root.iter(q("moveTo"))
        if e.getparent().tag == q("p")
        for t in e.iter(q("t"))
    )
    assert text in from_text.replace("\t", "") or text in from_text
    assert text in to_text


def test_a_relabelled_item_tracks_its_label_alone() -> None:
    case = CASES / "reletter-after-insertion"
    comparison = compare(load_document(case / "old.txt"), load_document(case / "new.txt"))
    relabelled = [c for c in comparison.changes if c.renumbered and c.kind is ChangeKind.UNCHANGED]
    assert relabelled
    root = document_root(redline(comparison))
    deleted = [
        "".join(t.text or "" for t in e.iter(q("delText")))
        for e in root.iter(q("del"))
        if e.getparent().tag == q("p")
    ]
    inserted = [
        "".join(t.text or "" for t in e.iter(q("t")))
        for e in root.iter(q("ins"))
        if e.getparent().tag == q("p")
    ]
    for change in relabelled:
        assert change.old[0].label in deleted
        assert change.new[0].label in inserted


def test_whole_added_and_deleted_clauses_carry_their_paragraph_marks() -> None:
    case = CASES / "deletion"
    comparison = compare(load_document(case / "old.txt"), load_document(case / "new.txt"))
    data = redline(comparison)
    marks = Counter(
        e.tag.split("}")[1]
        for e in document_root(data).iter(q("ins"), q("del"))
        if e.getparent().tag == q("rPr")
    )
    deleted = sum(len(c.old) for c in comparison.changes if c.kind is ChangeKind.DELETED)
    assert marks["del"] == deleted
    # Accept All leaves no empty paragraph.
    assert all(p.text.strip() for p in view_paragraphs(data, "accept", keep_empty=True))


def test_comments_say_kind_nature_and_marker() -> None:
    data = redline(seed_comparison())
    texts = ["".join(t.text or "" for t in c.iter(q("t"))) for c in part(data, "word/comments.xml")]
    assert any(
        t.startswith("MOD · citation updated:") and "Resolution 196" in t and "→" in t
        for t in texts
    )
    assert any(t.startswith("MOD · history line") for t in texts)


def test_no_comments_part_without_comments() -> None:
    data = redline(seed_comparison(), comments=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert "word/comments.xml" not in names
        assert b"comments" not in archive.read("[Content_Types].xml")
    assert not list(document_root(data).iter(q("commentReference")))


def test_markers_stand_beside_the_provisions_in_their_own_style() -> None:
    case = CASES / "deletion"
    comparison = compare(load_document(case / "old.txt"), load_document(case / "new.txt"))
    root = document_root(redline(comparison, markers=True))
    marks = [
        "".join(t.text or "" for t in r.iter(q("t")))
        for r in root.iter(q("r"))
        if r.find(f"{q('rPr')}/{q('rStyle')}") is not None
        and r.find(f"{q('rPr')}/{q('rStyle')}").get(q("val")) == MARKER_STYLE
    ]
    expected = [c.marker.value for c in comparison.changes if c.is_change]
    assert sorted(marks) == sorted(expected)
    assert "SUP" in marks


def test_properties_keep_the_schema_order() -> None:
    data = redline(seed_comparison(), markers=True)
    for p_pr in document_root(data).iter(q("pPr")):
        ranks = [PPR_ORDER.index(child.tag) for child in p_pr]
        assert ranks == sorted(ranks)
        r_pr = p_pr.find(q("rPr"))
        if r_pr is not None:
            ranks = [RPR_ORDER.index(child.tag) for child in r_pr]
            assert ranks == sorted(ranks)


def test_deleted_text_is_del_text_and_only_inside_deletions() -> None:
    root = document_root(redline(seed_comparison()))
    for text in root.iter(q("delText")):
        assert any(a.tag == q("del") for a in text.iterancestors())
    for deletion in root.iter(q("del")):
        if deletion.getparent().tag != q("rPr"):
            assert not list(deletion.iter(q("t")))


# ---- reproducible bytes -----------------------------------------------------------------------


def test_same_inputs_and_date_give_the_same_bytes() -> None:
    comparison = seed_comparison()
    assert redline(comparison) == redline(seed_comparison())


def test_another_date_changes_only_the_dates() -> None:
    comparison = seed_comparison()
    first = redline(comparison)
    second = build_redline(comparison, base=None, date=datetime(2030, 1, 2, tzinfo=UTC))
    assert first != second

    def normalised(data: bytes) -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read("word/document.xml")
        return re.sub(rb'w:date="[^"]*"', b"", body)

    assert normalised(first) == normalised(second)


def test_zip_entries_have_a_fixed_date() -> None:
    with zipfile.ZipFile(io.BytesIO(redline(seed_comparison()))) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
