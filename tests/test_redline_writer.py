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
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree
from redline_strategies import fixed_revision, revision_sets, revisions_of
from redline_walker import (
    comparable,
    document_root,
    expected_lines,
    q,
    view_paragraphs,
    view_texts,
)
from strategies import revised_documents

from revdiff.compare import compare_documents
from revdiff.load import load_document
from revdiff.model import (
    ChangeKind,
    Clause,
    CompareOptions,
    Comparison,
    Document,
    EditOp,
    View,
)
from revdiff.ooxml.names import W_NS
from revdiff.ooxml.revisions import Revisions
from revdiff.ooxml.schema import PPR_ORDER, RPR_ORDER
from revdiff.redline import build_redline
from revdiff.redline.atoms import Atom, Piece, emit, read_atoms
from revdiff.redline.itu_styles import MARKER_STYLE
from revdiff.redline.writer import RedlineStats, build_redline_bytes
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


_REVISIONS = ("ins", "del", "moveFrom", "moveTo")


def assert_every_revision_is_ours(data: bytes, author: str) -> Counter[str]:
    """Every revision in every XML part of `data` (run-level wrappers, tracked paragraph marks,
    move ranges, comments) carries an id, `author` and the date, and no run-level wrapper is
    empty; returns how many of each sort there are ("run", "mark", "range", "comment")."""
    found: Counter[str] = Counter()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
        roots = [etree.fromstring(archive.read(name)) for name in names]
    for root in roots:
        for element in root.iter(
            *(q(t) for t in _REVISIONS),
            q("moveFromRangeStart"),
            q("moveToRangeStart"),
            q("comment"),
        ):
            parent = element.getparent()
            name = etree.QName(element).localname
            if name == "comment":
                sort = "comment"
            elif name.endswith("RangeStart"):
                sort = "range"
            elif parent is not None and parent.tag in (q("rPr"), q("trPr")):
                sort = "mark"  # a paragraph mark's (or a row's) own revision: empty by design
            else:
                sort = "run"
                assert len(element), f"an empty w:{name} wrapper"
            found[sort] += 1
            assert element.get(q("id")), name
            assert element.get(q("author")) == author, name
            assert element.get(q("date")) == "2024-05-01T12:00:00Z", name
    return found


def test_every_revision_has_the_author_and_date() -> None:
    data = build_redline(seed_comparison(), base=None, author="ITU Secretariat", date=DATE)
    found = assert_every_revision_is_ours(data, "ITU Secretariat")
    assert found["run"] and found["comment"], found


def test_every_revision_of_a_move_has_the_author_and_date() -> None:
    case = CASES / "move-across-sections"
    comparison = compare(load_document(case / "old.txt"), load_document(case / "new.txt"))
    data = build_redline(comparison, base=None, author="ITU Secretariat", date=DATE)
    found = assert_every_revision_is_ours(data, "ITU Secretariat")
    assert found["range"] and found["run"] and found["mark"], found


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


# ---- on a .docx base ---------------------------------------------------------------------------

ITU_DOCX = Path(__file__).resolve().parents[2] / "shared" / "itu-docx"
RES1 = ITU_DOCX / "wtsa-res1-hammamet-2016.docx"
TRACKED = ITU_DOCX / "itu-t-g-imp8101-2018-tracked-changes.docx"
needs_itu_docx = pytest.mark.skipif(
    not RES1.is_file(),
    reason="needs ../shared/itu-docx (ITU Word files, not shipped in the package)",
)


def make_docx(source: Path, target: Path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
    from make_docx import make_docx as render

    return render(source, target)


def build_on(base: Path, comparison: Comparison, **options: bool) -> tuple[bytes, RedlineStats]:
    return build_redline_bytes(
        comparison,
        base=base.read_bytes(),
        author="revdiff",
        date=DATE,
        comments=options.get("comments", True),
        markers=options.get("markers", False),
    )


def outline(document: Document, *, labels: bool = True) -> list[tuple[str | None, str]]:
    return [(c.label if labels else None, c.text) for c in document.clauses]


@needs_itu_docx
def test_a_base_with_tracked_changes_of_its_own_keeps_none_of_them() -> None:
    """The tracked changes already in a Word base (other authors, other dates) are resolved in
    the view it was read in: every revision left in any part is ours."""
    new = load_document(TRACKED)
    old = load_document(ITU_DOCX / "itu-t-g-imp8101-2018-tracked-changes.before.txt")
    data, stats = build_on(TRACKED, compare(old, new))
    assert not stats.template, stats.fallback_reason
    found = assert_every_revision_is_ours(data, "revdiff")
    assert found["run"] and found["comment"], found


def test_the_redline_is_built_on_a_new_docx_and_our_loader_reads_both_views_back(
    tmp_path: Path,
) -> None:
    old_seed, new_seed = seed_paths()
    new_docx = make_docx(new_seed, tmp_path / "new.docx")
    for old_path in (old_seed, make_docx(old_seed, tmp_path / "old.docx")):
        comparison = compare(load_document(old_path), load_document(new_docx))
        data, stats = build_on(new_docx, comparison)
        assert not stats.template and stats.rebuilt_paragraphs == 0
        # Accept All gives the new .docx, paragraph by paragraph.
        assert view_texts(data, "accept") == view_texts(new_docx.read_bytes(), "accept")
        redline_path = tmp_path / "redline.docx"
        redline_path.write_bytes(data)
        accepted = load_document(redline_path, view=View.ACCEPTED)
        original = load_document(redline_path, view=View.ORIGINAL)
        assert outline(accepted) == outline(comparison.new)
        assert accepted.metadata == comparison.new.metadata
        assert outline(original) == outline(comparison.old)
        assert original.metadata == comparison.old.metadata


def _subsequence(small: list[str], big: list[str]) -> bool:
    rest = iter(big)
    return all(any(x == y for y in rest) for x in small)


def assert_docx_views(base: bytes, data: bytes, comparison: Comparison) -> None:
    """Accept All gives the base; Reject All gives every untouched base paragraph in order and
    the old clauses in old order, and nothing else."""
    assert view_texts(data, "accept") == view_texts(base, "accept")
    every = [p.text for p in view_paragraphs(base, "accept", keep_empty=True)]
    changed_new = {c.location.line for ch in comparison.changes if ch.is_change for c in ch.new}
    changed_old = {c.id for ch in comparison.changes if ch.is_change for c in ch.old}
    untouched = [
        comparable(t) for k, t in enumerate(every, 1) if k not in changed_new and t.strip()
    ]
    rejected = [comparable(t) for t in view_texts(data, "reject")]

    def line(clause: Clause) -> str:
        return comparable(f"{clause.label}\t{clause.text}" if clause.label else clause.text)

    old_lines = [line(c) for c in comparison.old.clauses]
    assert _subsequence(untouched, rejected)
    assert _subsequence(old_lines, rejected)
    changed_lines = [line(c) for c in comparison.old.clauses if c.id in changed_old]
    assert len(rejected) == len(untouched) + len(changed_lines)


if RES1.is_file():
    _RES1 = load_document(RES1)

    @needs_itu_docx
    @settings(
        max_examples=6,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
    )
    @given(revisions_of(_RES1))
    def test_revisions_on_the_real_res1_docx_round_trip(comparison: Comparison) -> None:
        data, stats = build_on(RES1, comparison)
        assert not stats.template and stats.rebuilt_paragraphs == 0
        assert_docx_views(RES1.read_bytes(), data, comparison)


@needs_itu_docx
def test_our_loader_reads_a_res1_redline_back(tmp_path: Path) -> None:
    new = load_document(RES1)
    comparison = fixed_revision(new)
    data, _ = build_on(RES1, comparison)
    assert_loader_reads_back(data, comparison, tmp_path)


def assert_loader_reads_back(data: bytes, comparison: Comparison, tmp_path: Path) -> None:
    """Our loader reads the redline's accepted view as the new document and its original view
    as the old one (auto-numbered labels are drawn by Word's numbering in either view, so the
    original view is compared on texts)."""
    path = tmp_path / "redline.docx"
    path.write_bytes(data)
    assert outline(load_document(path, view=View.ACCEPTED)) == outline(comparison.new)
    original = load_document(path, view=View.ORIGINAL)
    assert outline(original, labels=False) == outline(comparison.old, labels=False)


@needs_itu_docx
@pytest.mark.parametrize("view", [View.ACCEPTED, View.ORIGINAL])
def test_a_base_with_its_own_tracked_changes_is_resolved_in_its_view(
    view: View, tmp_path: Path
) -> None:
    new = load_document(TRACKED, view=view)
    comparison = fixed_revision(new)
    data, stats = build_on(TRACKED, comparison)
    assert not stats.template
    authors = {e.get(q("author")) for e in document_root(data).iter(q("ins"), q("del"))}
    assert authors == {"revdiff"}
    assert_loader_reads_back(data, comparison, tmp_path)


@needs_itu_docx
def test_formatting_of_the_base_is_kept_run_by_run() -> None:
    comparison = fixed_revision(load_document(RES1))
    data, _ = build_on(RES1, comparison)
    base_root = etree.fromstring(zipfile.ZipFile(RES1).read("word/document.xml"))
    root = document_root(data)
    # Untouched paragraphs are the base's XML exactly; styles, numbering, headers stay.
    changed = {c.location.line for ch in comparison.changes if ch.is_change for c in ch.new}
    from revdiff.ooxml.paragraphs import iter_body_paragraphs

    base_paragraphs = list(iter_body_paragraphs(base_root.find(q("body"))))
    kept = [p for k, p in enumerate(base_paragraphs, 1) if k not in changed]
    serialized = {etree.tostring(p) for p in root.iter(q("p"))}
    assert sum(etree.tostring(p) in serialized for p in kept) == len(kept)
    with zipfile.ZipFile(io.BytesIO(data)) as out, zipfile.ZipFile(RES1) as original:
        for name in ("word/styles.xml", "word/numbering.xml", "word/header1.xml"):
            assert out.read(name) == original.read(name)
    # Edited clauses keep their italic labels and non-breaking hyphens.
    edited = next(
        ch.new[0]
        for ch in comparison.changes
        if ch.kind is ChangeKind.MODIFIED and ch.new[0].id.startswith("considering/")
    )
    p = base_paragraphs[edited.location.line - 1]
    out_p = next(x for x in root.iter(q("p")) if "".join(x.itertext()).find(edited.text[:30]) >= 0)
    assert out_p.find(f"{q('r')}/{q('rPr')}/{q('i')}") is not None
    assert len(list(out_p.iter(q("noBreakHyphen")))) == len(list(p.iter(q("noBreakHyphen"))))


# ---- our loader reads template redlines back -------------------------------------------------

PAIRS = [("seed-res84", *seed_paths())] + [
    (case.name, case / "old.txt", case / "new.txt") for case in CASE_DIRS
]


@pytest.mark.parametrize(("name", "old_path", "new_path"), PAIRS, ids=[p[0] for p in PAIRS])
def test_our_loader_reads_both_views_of_a_template_redline(
    name: str, old_path: Path, new_path: Path, tmp_path: Path
) -> None:
    old, new = load_document(old_path), load_document(new_path)
    path = tmp_path / f"{name}.docx"
    path.write_bytes(redline(compare(old, new)))
    for view, expected in ((View.ACCEPTED, new), (View.ORIGINAL, old)):
        back = load_document(path, view=view)
        assert [(c.id, c.label, c.text, c.footnotes) for c in back.clauses] == [
            (c.id, c.label, c.text, c.footnotes) for c in expected.clauses
        ]
        assert back.metadata == expected.metadata
        assert back.front_matter == expected.front_matter
        assert [(s.id, s.heading, s.title) for s in back.sections] == [
            (s.id, s.heading, s.title) for s in expected.sections
        ]


def test_template_footnotes_are_real_word_footnotes_with_custom_marks() -> None:
    from revdiff.model import (
        Footnote,
        Metadata,
        Section,
        SectionKind,
        SourceFormat,
        SourceLocation,
    )

    notes = (Footnote("1", "First note."), Footnote("1bis", "A bis note."))
    clause = Clause("resolves/1", "resolves", "1", "to study", SourceLocation("x", 1), notes)
    document = Document(
        "new.txt",
        SourceFormat.TEXT,
        Metadata(number_line="RESOLUTION 9 (Geneva, 2022)"),
        (Section("resolves", "resolves", SectionKind.OPERATIVE, (clause,)),),
        footnotes=notes,
    )
    comparison = Comparison(document, document, (), ())
    data = redline(comparison)
    root = document_root(data)
    references = list(root.iter(q("footnoteReference")))
    assert [r.get(q("customMarkFollows")) for r in references] == [None, "1"]
    footnotes = part(data, "word/footnotes.xml")
    bodies = {n.get(q("id")): "".join(n.itertext()) for n in footnotes if n.get(q("type")) is None}
    assert sorted(bodies.values()) == ["1bisA bis note.", "First note."]  # w:tab has no text
    assert footnotes.find(f".//{q('footnoteRef')}") is not None
    assert view_texts(data, "accept")[-1] == "1\tto study"


def test_a_docx_whose_clauses_cannot_be_found_falls_back_to_the_template(tmp_path: Path) -> None:
    import dataclasses

    old_seed, new_seed = seed_paths()
    new_docx = make_docx(new_seed, tmp_path / "new.docx")
    comparison = compare(load_document(old_seed), load_document(new_docx))
    # The new document as parsed no longer matches the file (say, it changed since).
    lost = dataclasses.replace(
        comparison.new,
        sections=tuple(
            dataclasses.replace(
                s,
                clauses=tuple(dataclasses.replace(c, text=c.text + " (edited)") for c in s.clauses),
            )
            for s in comparison.new.sections
        ),
    )
    changed = dataclasses.replace(comparison, new=lost, changes=())
    data, stats = build_on(new_docx, changed)
    assert stats.template and stats.fallback_reason
    assert view_texts(data, "accept") == expected_lines(lost)


# ---- big clauses: text handled a stretch at a time -------------------------------------------


def _field_paragraph() -> etree._Element:
    """A paragraph with formatted text, a field code (a w:t that is not text) and a hyperlink."""
    return etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:pPr/><w:r><w:rPr><w:b/></w:rPr><w:t>ab</w:t></w:r>'
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:hyperlink w:history='1'><w:r><w:t>cd</w:t></w:r></w:hyperlink></w:p>"
    )


def _emitted(stretches: list[tuple[str, tuple[str, ...]]], *, one_atom: bool) -> bytes:
    """The paragraph rewritten as its own atoms, each followed by deleted or inserted text in
    the atom's properties: one atom per character, or one per stretch."""
    p = _field_paragraph()
    atoms = read_atoms(p)
    pieces: list[Piece] = []
    for atom, (text, path) in zip(atoms, stretches, strict=False):
        pieces.append(Piece(atom, ()))
        chunks = [text] if one_atom else list(text)
        for chunk in chunks:
            pieces.append(Piece(Atom(chunk, None, atom.r_pr, True, atom.containers), path))
    emit(p, pieces, Revisions("revdiff", DATE))
    return etree.tostring(p)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ab \t\n\u2011", min_size=1, max_size=8),
            st.sampled_from([("del",), ("ins",), ("moveTo", "del")]),
        ),
        min_size=1,
        max_size=7,
    )
)
def test_a_stretch_of_text_in_one_atom_is_written_as_its_characters_one_by_one(
    stretches: list[tuple[str, tuple[str, ...]]],
) -> None:
    assert _emitted(stretches, one_atom=True) == _emitted(stretches, one_atom=False)


def test_text_after_a_copied_field_code_is_written_into_a_run_of_its_own_kind() -> None:
    p = _field_paragraph()
    atoms = read_atoms(p)
    code = next(a for a in atoms if a.element is not None and a.element.tag == q("instrText"))
    pieces = [Piece(code, ("del",)), Piece(Atom("x\ty", None, code.r_pr), ("del",))]
    emit(p, pieces, Revisions("revdiff", DATE))
    deletion = p.find(q("del"))
    assert deletion is not None
    assert [etree.QName(c).localname for c in deletion.find(q("r"))] == [
        "delInstrText",
        "delText",
        "tab",
        "delText",
    ]


def _resolution(text: str) -> str:
    return (
        "RESOLUTION 99 (Geneva, 2020)\nProtection of numbering resources\n(Geneva, 2020)\n"
        "The World Telecommunication Standardization Assembly (Geneva, 2020),\nresolves\n"
        f"1\tto continue studies;\n2\t{text}\n3\tto report annually,\n"
    )


def test_a_long_clause_with_every_tenth_word_changed_round_trips(tmp_path: Path) -> None:
    words = [f"w{k}" for k in range(1500)]
    old_text = " ".join(words)
    new_text = " ".join(w + "x" if k % 10 == 5 else w for k, w in enumerate(words))
    (tmp_path / "old.txt").write_text(_resolution(old_text), encoding="utf-8")
    (tmp_path / "new.txt").write_text(_resolution(new_text), encoding="utf-8")
    comparison = compare(load_document(tmp_path / "old.txt"), load_document(tmp_path / "new.txt"))
    data = redline(comparison)
    assert_views(data, comparison)
    # Each insertion and deletion of the word diff is one revision, however long the clause.
    (change,) = [c for c in comparison.changes if c.is_change]
    ops = Counter(edit.op for edit in change.edits)
    root = document_root(data)
    assert len(root.findall(f".//{q('del')}")) == ops[EditOp.DELETE] > 50
    assert len(root.findall(f".//{q('ins')}")) == ops[EditOp.INSERT] > 50


def test_the_base_is_read_within_the_comparison_s_size_limit() -> None:
    """--max-size reaches the redline's reading of its base as it reached the loader's."""
    import dataclasses

    from revdiff.errors import CorruptFileError

    base = Path(__file__).resolve().parents[1] / "fixtures" / "bad" / "base.docx"
    old, _ = seed_paths()
    comparison = compare(load_document(old), load_document(base))
    small = dataclasses.replace(
        comparison, options=dataclasses.replace(comparison.options, max_size=1_000)
    )
    with pytest.raises(CorruptFileError, match="more than the 1,000 bytes"):
        build_redline_bytes(
            small, base=base.read_bytes(), author="a", date=DATE, comments=True, markers=False
        )
    _, stats = build_redline_bytes(
        comparison, base=base.read_bytes(), author="a", date=DATE, comments=True, markers=False
    )
    assert not stats.template, stats.fallback_reason
