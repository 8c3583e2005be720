"""The XML layer of the redline: revision and comment builders, schema order, ids, the package
and the revision date. XML is written compactly in the tests, as python-docx's own tests do."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree

from revdiff.errors import CorruptFileError, RevdiffError
from revdiff.model import View
from revdiff.ooxml.comments import comment_reference_run, ensure_comments_part, make_comment
from revdiff.ooxml.names import W_NS, w
from revdiff.ooxml.parts import Package
from revdiff.ooxml.revisions import (
    Revisions,
    format_revision_date,
    mark_paragraph,
    move_range,
    resolve_revisions,
    turn_on_track_changes,
)
from revdiff.ooxml.runs import text_run
from revdiff.ooxml.schema import PPR_ORDER, insert_in_order
from revdiff.ooxml.xml import parse_xml
from revdiff.redline import parse_revision_date
from revdiff.redline.atoms import Atom, Piece, emit, read_atoms
from revdiff.redline.locate import locate

DATE = datetime(2024, 5, 1, 12, 30, 15, tzinfo=UTC)


def xml(text: str) -> etree._Element:
    return etree.fromstring(f'<w:root xmlns:w="{W_NS}">{text}</w:root>')[0]


def tags(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def revisions(start: int = 1) -> Revisions:
    return Revisions("Jane Doe", DATE, next_id=start)


# ---- revisions --------------------------------------------------------------------------------


def test_a_wrapper_carries_a_fresh_id_the_author_and_the_date() -> None:
    made = revisions(7)
    first, second = made.wrapper("ins"), made.wrapper("del")
    assert (first.get(w("id")), second.get(w("id"))) == ("7", "8")
    assert first.get(w("author")) == "Jane Doe"
    assert first.get(w("date")) == "2024-05-01T12:30:15Z"
    with pytest.raises(ValueError):
        made.wrapper("bogus")


def test_dates_are_utc_whole_seconds_with_a_z() -> None:
    plus_two = datetime(2024, 5, 1, 14, 0, 0, 999, tzinfo=timezone(timedelta(hours=2)))
    assert format_revision_date(plus_two) == "2024-05-01T12:00:00Z"
    assert format_revision_date(datetime(2024, 5, 1)) == "2024-05-01T00:00:00Z"


def test_a_deleted_run_uses_del_text_and_keeps_tabs_and_breaks() -> None:
    run = text_run("a)\tfirst\nsecond\u2011x ", deleted=True)
    assert tags(run) == ["delText", "tab", "delText", "br", "delText", "noBreakHyphen", "delText"]
    assert run[-1].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_a_paragraph_mark_revision_goes_first_in_the_mark_properties_in_schema_order() -> None:
    p = xml(
        "<w:p><w:pPr><w:pStyle w:val='Call'/><w:jc w:val='left'/><w:sectPr/></w:pPr>"
        "<w:r><w:t>x</w:t></w:r></w:p>"
    )
    mark_paragraph(p, ["del", "ins"], revisions())
    p_pr = p[0]
    assert tags(p_pr) == ["pStyle", "jc", "rPr", "sectPr"]
    assert tags(p_pr.find(w("rPr"))) == ["ins", "del"]


def test_a_mark_is_added_before_existing_run_properties_of_the_mark() -> None:
    p = xml("<w:p><w:pPr><w:rPr><w:b/><w:lang w:val='en-GB'/></w:rPr></w:pPr></w:p>")
    mark_paragraph(p, ["moveFrom"], revisions())
    assert tags(p[0][0]) == ["moveFrom", "b", "lang"]


def test_insert_in_order_follows_the_schema_sequence() -> None:
    p_pr = xml("<w:pPr><w:pStyle w:val='a'/><w:spacing/><w:jc/></w:pPr>")
    insert_in_order(p_pr, etree.Element(w("numPr")), PPR_ORDER)
    insert_in_order(p_pr, etree.Element(w("keepNext")), PPR_ORDER)
    assert tags(p_pr) == ["pStyle", "keepNext", "numPr", "spacing", "jc"]


def test_a_move_range_pairs_its_start_and_end_and_carries_the_name() -> None:
    start, end = move_range("moveFrom", "revdiffMove1", revisions(3))
    assert etree.QName(start).localname == "moveFromRangeStart"
    assert start.get(w("name")) == "revdiffMove1"
    assert start.get(w("id")) == end.get(w("id")) == "3"
    assert start.get(w("author")) == "Jane Doe"


def test_track_changes_is_turned_on_in_the_settings_schema_order() -> None:
    settings = xml(
        "<w:settings><w:zoom w:percent='100'/><w:proofState/><w:defaultTabStop w:val='720'/>"
        "<w:compat/></w:settings>"
    )
    turn_on_track_changes(settings)
    turn_on_track_changes(settings)
    assert tags(settings) == ["zoom", "proofState", "trackRevisions", "defaultTabStop", "compat"]


# ---- comments ---------------------------------------------------------------------------------


def test_a_comment_has_its_id_author_date_and_text() -> None:
    comment = make_comment("12", "MOD · substantive", revisions())
    assert comment.get(w("id")) == "12"
    assert comment.get(w("initials")) == "JD"
    assert "".join(comment.itertext()) == "MOD · substantive"
    assert comment.find(f".//{w('annotationRef')}") is not None
    assert comment_reference_run("12")[0].get(w("id")) == "12"


def _minimal_package() -> Package:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdRevdiff1" Type="x" Target="styles.xml"/></Relationships>',
        )
    return Package.from_bytes(buffer.getvalue())


def test_a_comments_part_comes_with_its_relationship_and_content_type() -> None:
    package = _minimal_package()
    root = ensure_comments_part(package, "word/document.xml")
    assert ensure_comments_part(package, "word/document.xml") is root
    data = package.to_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "word/comments.xml" in archive.namelist()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert 'Target="comments.xml"' in rels and 'Id="rIdRevdiff2"' in rels
    assert "/word/comments.xml" in types and "comments+xml" in types


# ---- the package ------------------------------------------------------------------------------


def test_the_package_is_written_with_fixed_dates_and_content_types_first() -> None:
    package = _minimal_package()
    package.parts = {"word/media/a.png": b"\x89PNG", **package.parts}
    first, second = package.to_bytes(), package.to_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    png = next(i for i in infos if i.filename.endswith(".png"))
    assert png.compress_type == zipfile.ZIP_STORED


def test_untouched_parts_keep_their_bytes() -> None:
    package = _minimal_package()
    original = package.parts["word/document.xml"]
    package.xml("[Content_Types].xml")
    with zipfile.ZipFile(io.BytesIO(package.to_bytes())) as archive:
        assert archive.read("word/document.xml") == original


def test_ids_start_above_every_id_in_the_package() -> None:
    package = _minimal_package()
    package.parts["word/footnotes.xml"] = (
        b'<w:footnotes xmlns:w="x"><w:footnote w:id="41"/></w:footnotes>'
    )
    assert package.max_annotation_id() == 41


def test_a_part_with_a_dtd_is_refused() -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    with pytest.raises(CorruptFileError, match="DTD"):
        parse_xml(evil, None, "word/document.xml")
    with pytest.raises(CorruptFileError, match="not well-formed"):
        parse_xml(b"<x>", None, "word/document.xml")


def test_a_damaged_zip_is_refused() -> None:
    with pytest.raises(CorruptFileError, match="damaged"):
        Package.from_bytes(b"PK\x03\x04 truncated")


# ---- atoms: reading a paragraph and writing it back -------------------------------------------


def test_atoms_read_text_tabs_and_special_characters_and_skip_note_marks() -> None:
    p = xml(
        "<w:p><w:pPr/><w:bookmarkStart w:id='1' w:name='b'/>"
        "<w:r><w:rPr><w:i/></w:rPr><w:t>a)</w:t></w:r><w:r><w:tab/><w:t>ITU</w:t>"
        "<w:noBreakHyphen/><w:t>T\u00ad</w:t></w:r>"
        "<w:r><w:rPr><w:rStyle w:val='FootnoteReference'/></w:rPr>"
        "<w:footnoteReference w:customMarkFollows='1' w:id='2'/><w:t>1bis</w:t></w:r>"
        "<w:hyperlink r:id='x' xmlns:r='urn:r'><w:r><w:t> link</w:t></w:r></w:hyperlink></w:p>"
    )
    atoms = read_atoms(p)
    assert "".join(a.char for a in atoms) == "a)\tITU\u2011T link"
    found = locate(atoms, "ITU\u2011T link", "a)")
    assert found is not None and found.label is not None
    assert len(found.units) == len("ITU\u2011T link")


def test_whitespace_runs_match_whitespace_runs() -> None:
    atoms = [Atom(c) for c in "1\tto  be\tdone "]
    found = locate(atoms, "to be done", "1")
    assert found is not None
    assert [len(u) for u in found.units][2] == 2  # "  " shows the text's single space


def test_emit_shares_wrappers_keeps_containers_and_properties() -> None:
    p = xml(
        "<w:p><w:pPr><w:jc/></w:pPr><w:hyperlink w:history='1'><w:r><w:rPr><w:b/></w:rPr>"
        "<w:t>ab</w:t></w:r></w:hyperlink></w:p>"
    )
    atoms = read_atoms(p)
    made = revisions()
    pieces = [
        Piece(atoms[0], ()),
        Piece(atoms[1], ("ins",)),
        Piece(Atom("x", None, atoms[1].r_pr, True, atoms[1].containers), ("del",)),
    ]
    emit(p, pieces, made)
    assert tags(p) == ["pPr", "hyperlink"]
    link = p[1]
    assert link.get(w("history")) == "1"
    assert tags(link) == ["r", "ins", "del"]
    assert link.find(f"{w('del')}/{w('r')}/{w('delText')}").text == "x"
    assert link.find(f"{w('ins')}/{w('r')}/{w('rPr')}/{w('b')}") is not None


def test_existing_revisions_are_resolved_in_the_view_the_new_version_was_read_in() -> None:
    body = xml(
        "<w:body><w:p><w:pPr><w:rPr><w:del w:id='1'/></w:rPr></w:pPr>"
        "<w:r><w:t>one </w:t></w:r><w:ins w:id='2'><w:r><w:t>new</w:t></w:r></w:ins>"
        "<w:del w:id='3'><w:r><w:delText>old</w:delText></w:r></w:del></w:p>"
        "<w:p><w:r><w:t>two</w:t></w:r></w:p></w:body>"
    )
    accepted = etree.fromstring(etree.tostring(body))
    survivors = resolve_revisions(accepted, View.ACCEPTED)
    assert ["".join(p.itertext()) for p in accepted] == ["one newtwo"]
    assert len(survivors) == 1
    original = etree.fromstring(etree.tostring(body))
    resolve_revisions(original, View.ORIGINAL)
    assert ["".join(p.itertext()) for p in original] == ["one old", "two"]
    assert not list(original.iter(w("del"), w("ins"), w("delText")))


# ---- the revision date ------------------------------------------------------------------------


def test_iso_dates_are_read_as_utc() -> None:
    assert parse_revision_date("2024-05-01") == datetime(2024, 5, 1, tzinfo=UTC)
    assert parse_revision_date("2024-05-01T12:30:15.5Z") == DATE
    assert parse_revision_date("2024-05-01T14:30:15+02:00") == DATE


def test_without_a_date_source_date_epoch_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert parse_revision_date(None) == datetime.fromtimestamp(1700000000, UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(RevdiffError, match="SOURCE_DATE_EPOCH"):
        parse_revision_date(None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    now = parse_revision_date(None)
    assert now.tzinfo is not None and now.microsecond == 0
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_a_bad_date_says_how_to_write_one() -> None:
    with pytest.raises(RevdiffError, match="ISO 8601") as caught:
        parse_revision_date("yesterday")
    assert "2024-05-01" in caught.value.message
