"""The .docx loader: runs, tracked changes in both views, styles, numbering, footnotes, locations.

Small Word packages are built in the tests from one-line XML; the real ITU files in
../shared/itu-docx are compared with the plain-text extractions that come with them.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revdiff.load import load_document, read_input
from revdiff.load.docx import read_docx
from revdiff.model import Footnote, LoadedText, SourceFormat, View
from revdiff.ooxml.numbering import format_number
from revdiff.ooxml.paragraphs import iter_body_paragraphs
from revdiff.ooxml.symbols import map_symbol
from revdiff.seeds import seed_paths

ROOT = Path(__file__).resolve().parents[1]
ITU_DOCX = Path(__file__).resolve().parents[2] / "shared" / "itu-docx"
RES1 = ITU_DOCX / "wtsa-res1-hammamet-2016.docx"
TRACKED = ITU_DOCX / "itu-t-g-imp8101-2018-tracked-changes.docx"
LIMIT = 200 * 1024 * 1024

needs_itu_docx = pytest.mark.skipif(
    not RES1.is_file() or not TRACKED.is_file(),
    reason=f"needs {ITU_DOCX} (ITU Word files, not shipped in the package)",
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

# --------------------------------------------------------------------------------------------
# A compact Word package builder: body XML in, .docx file out.


def build_docx(
    path: Path,
    body: str,
    *,
    styles: str | None = None,
    numbering: str | None = None,
    footnotes: str | None = None,
    endnotes: str | None = None,
) -> Path:
    """Write a minimal .docx whose body is `body` (w: prefixed XML) and whose optional parts are
    the given inner XML of w:styles, w:numbering, w:footnotes and w:endnotes."""
    parts = {
        "styles": ("styles", styles),
        "numbering": ("numbering", numbering),
        "footnotes": ("footnotes", footnotes),
        "endnotes": ("endnotes", endnotes),
    }
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/{kind}" Target="{kind}.xml"/>'
        for i, (kind, (_, content)) in enumerate(parts.items(), start=1)
        if content is not None
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        package.writestr(
            "word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>"
        )
        package.writestr(
            "word/_rels/document.xml.rels",
            f'<Relationships xmlns="{PKG_REL}">{rels}</Relationships>',
        )
        for kind, (root, content) in parts.items():
            if content is not None:
                package.writestr(f"word/{kind}.xml", f"<w:{root} {W}>{content}</w:{root}>")
    return path


def read(tmp_path: Path, body: str, view: View = View.ACCEPTED, **parts: str | None) -> LoadedText:
    return read_docx(build_docx(tmp_path / "t.docx", body, **parts), view=view, max_size=LIMIT)


def texts(loaded: LoadedText) -> list[str]:
    return [block.text for block in loaded.blocks]


def p(content: str, props: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>"


def r(content: str, props: str = "") -> str:
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{content}</w:r>"


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{text}</w:t>'


INS = '<w:ins w:id="1" w:author="A" w:date="2018-01-01T00:00:00Z">{}</w:ins>'
DEL = '<w:del w:id="2" w:author="A" w:date="2018-01-01T00:00:00Z">{}</w:del>'


def deleted(text: str) -> str:
    return DEL.format(f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>')


def inserted(text: str) -> str:
    return INS.format(r(t(text)))


# --------------------------------------------------------------------------------------------
# Runs


def test_run_content_maps_tabs_breaks_and_special_hyphens(tmp_path: Path) -> None:
    body = p(
        r(t("a)") + "<w:tab/>" + t("ITU") + "<w:noBreakHyphen/>" + t("T"))
        + r(t("tele") + "<w:softHyphen/>" + t("com\u00admunications"))
        + r("<w:br/>" + t("line two") + "<w:cr/>" + t("three"))
    )
    assert texts(read(tmp_path, body)) == ["a)\tITU\u2011Ttelecommunications\nline two\nthree"]


def test_symbol_font_characters_are_mapped_to_unicode(tmp_path: Path) -> None:
    body = p(
        r('<w:sym w:font="Symbol" w:char="F0E3"/>' + t(" ITU 2017 "))
        + r('<w:sym w:font="Symbol" w:char="F02D"/>' + t(" x "))
        + r('<w:sym w:font="Wingdings" w:char="F0FC"/>')
    )
    assert texts(read(tmp_path, body)) == ["© ITU 2017 − x ✓"]


def test_an_unknown_symbol_is_flagged_not_dropped_silently(tmp_path: Path) -> None:
    loaded = read(tmp_path, p(r('<w:sym w:font="Marlett" w:char="F0E3"/>' + t("x"))))
    assert texts(loaded) == ["\ufffdx"]
    assert any("Marlett F0E3" in warning for warning in loaded.warnings)


def test_field_codes_are_not_text_but_field_results_are(tmp_path: Path) -> None:
    body = p(
        r(t("see "))
        + r('<w:fldChar w:fldCharType="begin"/>')
        + r('<w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText>')
        + r('<w:fldChar w:fldCharType="separate"/>')
        + r(t("clause 3"))
        + r('<w:fldChar w:fldCharType="end"/>')
        + '<w:fldSimple w:instr=" PAGE ">'
        + r(t(", page 7"))
        + "</w:fldSimple>"
    )
    assert texts(read(tmp_path, body)) == ["see clause 3, page 7"]


def test_a_field_spanning_paragraphs_hides_its_code_in_each(tmp_path: Path) -> None:
    body = (
        p(r('<w:fldChar w:fldCharType="begin"/>') + r("<w:instrText> TOC \\o </w:instrText>"))
        + p(r('<w:fldChar w:fldCharType="separate"/>') + r(t("1\tScope")))
        + p(r(t("2\tReferences")) + r('<w:fldChar w:fldCharType="end"/>'))
    )
    assert texts(read(tmp_path, body)) == ["1\tScope", "2\tReferences"]


def test_wrappers_are_read_through(tmp_path: Path) -> None:
    body = p(
        f'<w:hyperlink r:id="rId9" xmlns:r="{REL}">{r(t("a "))}</w:hyperlink>'
        f'<w:smartTag w:element="place">{r(t("b "))}</w:smartTag>'
        f"<w:sdt><w:sdtPr/><w:sdtContent>{r(t('c '))}</w:sdtContent></w:sdt>"
        f'<w:customXml w:element="x">{r(t("d"))}</w:customXml>'
        f'<w:bookmarkStart w:id="0" w:name="_Hlk1"/><w:proofErr w:type="spellStart"/>'
    )
    assert texts(read(tmp_path, body)) == ["a b c d"]


def test_text_box_content_is_not_read_and_is_reported(tmp_path: Path) -> None:
    box = (
        "<w:pict><v:shape xmlns:v='urn:schemas-microsoft-com:vml'><v:textbox>"
        f"<w:txbxContent>{p(r(t('boxed')))}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    loaded = read(tmp_path, p(r(t("body text") + box)) + p(r(t("next"))))
    assert texts(loaded) == ["body text", "next"]
    assert [block.location for block in loaded.blocks] == [1, 2]
    assert any("text box" in warning for warning in loaded.warnings)


# --------------------------------------------------------------------------------------------
# Tracked changes


def test_accepted_view_keeps_insertions_and_drops_deletions(tmp_path: Path) -> None:
    body = p(
        r(t("Resolution ")) + deleted("64 (Dubai, 2014)") + inserted("64 (Rev. Buenos Aires, 2017)")
    )
    assert texts(read(tmp_path, body)) == ["Resolution 64 (Rev. Buenos Aires, 2017)"]
    assert texts(read(tmp_path, body, View.ORIGINAL)) == ["Resolution 64 (Dubai, 2014)"]


def test_moves_follow_the_same_rule_as_insertions_and_deletions(tmp_path: Path) -> None:
    move_from = f'<w:moveFrom w:id="3" w:author="A">{r(t("moved "))}</w:moveFrom>'
    move_to = f'<w:moveTo w:id="4" w:author="A">{r(t(" moved"))}</w:moveTo>'
    body = p(move_from + r(t("text")) + move_to)
    assert texts(read(tmp_path, body)) == ["text moved"]
    assert texts(read(tmp_path, body, View.ORIGINAL)) == ["moved text"]


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next_when_accepted(
    tmp_path: Path,
) -> None:
    mark_deleted = '<w:rPr><w:del w:id="5" w:author="A"/></w:rPr>'
    body = p(r(t("first, ")), mark_deleted) + p(r(t("second")))
    accepted = read(tmp_path, body)
    assert texts(accepted) == ["first, second"]
    assert accepted.blocks[0].location == 1
    assert texts(read(tmp_path, body, View.ORIGINAL)) == ["first, ", "second"]


def test_an_inserted_paragraph_mark_joins_the_paragraph_to_the_next_in_the_original(
    tmp_path: Path,
) -> None:
    mark_inserted = '<w:rPr><w:ins w:id="6" w:author="A"/></w:rPr>'
    body = p(r(t("one ")), mark_inserted) + p(r(t("two")))
    assert texts(read(tmp_path, body)) == ["one ", "two"]
    assert texts(read(tmp_path, body, View.ORIGINAL)) == ["one two"]


def test_a_wholly_deleted_paragraph_vanishes_and_the_next_keeps_its_place(
    tmp_path: Path,
) -> None:
    mark_deleted = '<w:rPr><w:del w:id="5" w:author="A"/></w:rPr>'
    body = p(deleted("gone entirely"), mark_deleted) + p(r(t("kept")))
    accepted = read(tmp_path, body)
    assert texts(accepted) == ["kept"]
    assert accepted.blocks[0].location == 2


def test_tracked_table_rows_exist_only_in_their_view(tmp_path: Path) -> None:
    def row(text: str, revision: str = "") -> str:
        props = f"<w:trPr>{revision}</w:trPr>" if revision else ""
        return f"<w:tr>{props}<w:tc>{p(r(t(text)))}</w:tc></w:tr>"

    body = (
        "<w:tbl>"
        + row("kept")
        + row("deleted row", '<w:del w:id="7" w:author="A"/>')
        + row("inserted row", '<w:ins w:id="8" w:author="A"/>')
        + "</w:tbl>"
        + p(r(t("after")))
    )
    accepted = read(tmp_path, body)
    original = read(tmp_path, body, View.ORIGINAL)
    assert texts(accepted) == ["kept", "inserted row", "after"]
    assert texts(original) == ["kept", "deleted row", "after"]
    # Dropped rows still count for locations, so both views number paragraphs alike.
    assert [b.location for b in accepted.blocks] == [1, 3, 4]
    assert [b.location for b in original.blocks] == [1, 2, 4]
    assert all(b.in_table for b in accepted.blocks[:2]) and not accepted.blocks[2].in_table


def test_the_original_view_takes_the_old_style_from_a_property_change(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Call"><w:name w:val="Call"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Normal" w:default="1">'
        '<w:name w:val="Normal"/></w:style>'
    )
    props = '<w:pStyle w:val="Call"/><w:pPrChange w:id="9" w:author="A"><w:pPr/></w:pPrChange>'
    body = p(r(t("resolves")), props)
    assert read(tmp_path, body, styles=styles).blocks[0].style == "Call"
    assert read(tmp_path, body, View.ORIGINAL, styles=styles).blocks[0].style == "Normal"


def test_tracked_changes_are_reported_with_the_view(tmp_path: Path) -> None:
    loaded = read(tmp_path, p(deleted("x") + inserted("y")), View.ORIGINAL)
    assert any("1 insertions, 1 deletions" in w and "original view" in w for w in loaded.warnings)


SEGMENT = st.tuples(
    st.sampled_from(["keep", "ins", "del"]),
    st.text(alphabet="abc xyz,;\u00a0", min_size=1, max_size=8),
)


@settings(max_examples=40, deadline=None)
@given(paragraphs=st.lists(st.lists(SEGMENT, min_size=1, max_size=6), min_size=1, max_size=4))
def test_each_view_is_exactly_the_text_outside_the_other_views_revisions(
    tmp_path_factory: pytest.TempPathFactory, paragraphs: list[list[tuple[str, str]]]
) -> None:
    folder = tmp_path_factory.mktemp("views")
    builders = {"keep": lambda s: r(t(s)), "ins": inserted, "del": deleted}
    body = "".join(
        p("".join(builders[kind](text) for kind, text in segments)) for segments in paragraphs
    )

    def expected(dropped: str) -> list[str]:
        joined = (
            "".join(text for kind, text in segments if kind != dropped) for segments in paragraphs
        )
        return [text for text in joined if text.strip()]

    assert texts(read(folder, body)) == expected("del")
    assert texts(read(folder, body, View.ORIGINAL)) == expected("ins")


# --------------------------------------------------------------------------------------------
# Styles


STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="ResNo"><w:name w:val="Res_No"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="enumlev1"><w:name w:val="enumlev1"/></w:style>'
    '<w:style w:type="character" w:styleId="FootnoteReference">'
    '<w:name w:val="footnote reference"/></w:style>'
)


def test_styles_are_reported_by_name_not_id(tmp_path: Path) -> None:
    body = (
        p(r(t("RESOLUTION 1")), '<w:pStyle w:val="ResNo"/>')
        + p(r(t("1.13\tVoting")), '<w:pStyle w:val="Heading2"/>')
        + p(r(t("plain")))
        + p(r(t("unknown id")), '<w:pStyle w:val="NoSuchStyle"/>')
    )
    loaded = read(tmp_path, body, styles=STYLES)
    assert [b.style for b in loaded.blocks] == ["Res_No", "Heading 2", "Normal", "NoSuchStyle"]
    assert loaded.format is SourceFormat.DOCX


def test_a_document_without_a_styles_part_still_loads(tmp_path: Path) -> None:
    loaded = read(tmp_path, p(r(t("text")), '<w:pStyle w:val="Call"/>'))
    assert [(b.text, b.style) for b in loaded.blocks] == [("text", "Call")]


def test_empty_paragraphs_are_skipped_but_counted(tmp_path: Path) -> None:
    body = p("") + p(r(t("  "))) + p(r(t("first"))) + p("") + p(r(t("second")))
    loaded = read(tmp_path, body)
    assert [(b.text, b.location) for b in loaded.blocks] == [("first", 3), ("second", 5)]


# --------------------------------------------------------------------------------------------
# Automatic numbering


def abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'
    )


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    props = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return p(r(t(text)), props)


def labels(loaded: LoadedText) -> list[tuple[str | None, str]]:
    return [(b.label, b.text) for b in loaded.blocks]


def test_lettered_and_decimal_lists_draw_their_labels(tmp_path: Path) -> None:
    numbering = (
        abstract(0, level(0, "lowerLetter", "%1)"))
        + abstract(1, level(0, "decimal", "%1"))
        + num(1, 0)
        + num(2, 1)
    )
    body = numbered("first", 1) + numbered("second", 1) + numbered("one", 2) + numbered("third", 1)
    assert labels(read(tmp_path, body, numbering=numbering)) == [
        ("a)", "first"),
        ("b)", "second"),
        ("1", "one"),
        ("c)", "third"),
    ]


def test_multilevel_labels_restart_deeper_levels(tmp_path: Path) -> None:
    numbering = abstract(
        0, level(0, "decimal", "%1"), level(1, "decimal", "%1.%2"), level(2, "lowerLetter", "%3)")
    ) + num(1, 0)
    body = (
        numbered("Section", 1)
        + numbered("first", 1, 1)
        + numbered("item", 1, 2)
        + numbered("item", 1, 2)
        + numbered("second", 1, 1)
        + numbered("item", 1, 2)
        + numbered("Next section", 1)
        + numbered("first again", 1, 1)
    )
    assert [b.label for b in read(tmp_path, body, numbering=numbering).blocks] == [
        "1",
        "1.1",
        "a)",
        "b)",
        "1.2",
        "a)",
        "2",
        "2.1",
    ]


def test_lvl_restart_zero_keeps_counting_across_higher_levels(tmp_path: Path) -> None:
    numbering = abstract(
        0,
        level(0, "upperRoman", "%1."),
        level(1, "decimal", "(%2)", extra='<w:lvlRestart w:val="0"/>'),
    ) + num(1, 0)
    body = numbered("I", 1) + numbered("x", 1, 1) + numbered("II", 1) + numbered("y", 1, 1)
    assert [b.label for b in read(tmp_path, body, numbering=numbering).blocks] == [
        "I.",
        "(1)",
        "II.",
        "(2)",
    ]


def test_start_values_and_start_overrides_are_honoured(tmp_path: Path) -> None:
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering = (
        abstract(0, level(0, "lowerRoman", "%1)", start=3)) + num(1, 0) + num(2, 0, override)
    )
    body = numbered("a", 1) + numbered("b", 1) + numbered("restarted", 2)
    assert [b.label for b in read(tmp_path, body, numbering=numbering).blocks] == [
        "iii)",
        "iv)",
        "i)",
    ]


def test_bullets_become_their_character(tmp_path: Path) -> None:
    symbol_font = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'
    numbering = (
        abstract(0, level(0, "bullet", "\u2013"))
        + abstract(1, level(0, "bullet", "\uf0b7", extra=symbol_font))
        + num(1, 0)
        + num(2, 1)
    )
    body = numbered("dash", 1) + numbered("dot", 2)
    assert labels(read(tmp_path, body, numbering=numbering)) == [("–", "dash"), ("•", "dot")]


def test_numbering_is_inherited_from_the_paragraph_style(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
        '<w:basedOn w:val="Heading1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    numbering = abstract(0, level(0, "decimal", "%1"), level(1, "decimal", "%1.%2")) + num(1, 0)
    body = (
        p(r(t("Scope")), '<w:pStyle w:val="Heading1"/>')
        + p(r(t("References")), '<w:pStyle w:val="Heading1"/>')
        + p(r(t("Normative")), '<w:pStyle w:val="Heading2"/>')
        + p(
            r(t("Unnumbered")),
            '<w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr>',
        )
    )
    assert labels(read(tmp_path, body, styles=styles, numbering=numbering)) == [
        ("1", "Scope"),
        ("2", "References"),
        ("2.1", "Normative"),
        (None, "Unnumbered"),
    ]


def test_dangling_numbering_references_give_no_label_and_no_crash(tmp_path: Path) -> None:
    numbering = num(1, 99) + '<w:num w:numId="2"/>'
    body = numbered("a", 1) + numbered("b", 2) + numbered("c", 3) + numbered("d", 1, 7)
    assert labels(read(tmp_path, body, numbering=numbering)) == [
        (None, "a"),
        (None, "b"),
        (None, "c"),
        (None, "d"),
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (4, "lowerRoman", "iv"),
        (1994, "upperRoman", "MCMXCIV"),
        (7, "decimalZero", "07"),
        (12, "decimal", "12"),
        (3, "none", ""),
    ],
)
def test_number_formats_follow_word(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals_read_back_to_their_value(value: int) -> None:
    numerals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    text = format_number(value, "lowerRoman")
    total = 0
    for index, char in enumerate(text):
        following = numerals[text[index + 1]] if index + 1 < len(text) else 0
        total += -numerals[char] if numerals[char] < following else numerals[char]
    assert total == value


def test_symbol_mapping_knows_the_glyphs_itu_files_use() -> None:
    assert map_symbol(0xF0E3, "Symbol") == "©"
    assert map_symbol(0xF02D, "Symbol") == "−"
    assert map_symbol(0xF0B7, "Symbol") == "•"
    assert map_symbol(0xF061, "Symbol") == "α"
    assert map_symbol(0x00E9, "Times New Roman") == "é"


# --------------------------------------------------------------------------------------------
# Footnotes

FOOTNOTES = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
    '<w:t>1</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t><w:tab/>'
    "<w:t>Previously published.</w:t></w:r></w:p></w:footnote>"
    '<w:footnote w:id="2"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
    '<w:footnoteRef/></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>bis</w:t>'
    '</w:r><w:r><w:t xml:space="preserve"> This edition.</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="3"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
    "<w:footnoteRef/></w:r><w:r><w:tab/><w:t>Developing countries.</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p></w:footnote>"
)
REF_STYLE = '<w:rStyle w:val="FootnoteReference"/>'


def test_footnote_marks_are_numbered_custom_or_suffixed_and_kept_out_of_the_text(
    tmp_path: Path,
) -> None:
    history = p(
        r(t("(Hammamet, 2016)"))
        + r('<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>1</w:t>', REF_STYLE)
        + r(t(", "), REF_STYLE)
        + r('<w:footnoteReference w:id="2"/>', REF_STYLE)
        + r(t("bis"), REF_STYLE)
    )
    item = p(
        r(t("developing countries"))
        + r('<w:footnoteReference w:id="3"/>', REF_STYLE)
        + r(t(" in the study groups"))
    )
    loaded = read(tmp_path, history + item, footnotes=FOOTNOTES, styles=STYLES)
    assert texts(loaded) == ["(Hammamet, 2016)", "developing countries in the study groups"]
    assert loaded.blocks[0].footnotes == (
        Footnote("1", "Previously published."),
        Footnote("1bis", "This edition."),
    )
    # Custom marks do not use up automatic numbers: the next automatic footnote is 2.
    assert loaded.blocks[1].footnotes == (
        Footnote("2", "Developing countries.\nSecond paragraph."),
    )


def test_a_superscript_run_after_a_mark_that_is_real_text_stays_text(tmp_path: Path) -> None:
    body = p(
        r(t("year"))
        + r('<w:footnoteReference w:id="3"/>', REF_STYLE)
        + r(t(", and more"), REF_STYLE)
    )
    loaded = read(tmp_path, body, footnotes=FOOTNOTES, styles=STYLES)
    assert texts(loaded) == ["year, and more"]
    assert [f.mark for f in loaded.blocks[0].footnotes] == ["1"]


def test_a_footnote_referenced_only_from_deleted_text_is_not_attached(tmp_path: Path) -> None:
    body = p(
        r(t("kept"))
        + DEL.format(r('<w:footnoteReference w:id="3"/>', REF_STYLE))
        + r('<w:footnoteReference w:id="1"/>', REF_STYLE)
    )
    accepted = read(tmp_path, body, footnotes=FOOTNOTES)
    original = read(tmp_path, body, View.ORIGINAL, footnotes=FOOTNOTES)
    assert [f.mark for f in accepted.blocks[0].footnotes] == ["1"]
    assert [f.mark for f in original.blocks[0].footnotes] == ["1", "2"]


def test_endnotes_are_attached_with_roman_marks(tmp_path: Path) -> None:
    endnotes = (
        '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r>'
        "<w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote>"
    )
    body = p(r(t("text")) + r('<w:endnoteReference w:id="1"/>'))
    loaded = read(tmp_path, body, endnotes=endnotes)
    assert loaded.blocks[0].footnotes == (Footnote("i", "An endnote."),)


# --------------------------------------------------------------------------------------------
# Locations


def test_locations_count_every_body_and_table_paragraph(tmp_path: Path) -> None:
    cell = "<w:tc>{}</w:tc>"
    body = (
        p(r(t("one")))
        + "<w:tbl><w:tr>"
        + cell.format(p(r(t("cell A"))) + p(""))
        + cell.format("<w:tbl><w:tr>" + cell.format(p(r(t("nested")))) + "</w:tr></w:tbl>" + p(""))
        + "</w:tr></w:tbl>"
        + f"<w:sdt><w:sdtContent>{p(r(t('in a control')))}</w:sdtContent></w:sdt>"
        + p(r(t("last")))
    )
    loaded = read(tmp_path, body)
    assert [(b.text, b.location, b.in_table) for b in loaded.blocks] == [
        ("one", 1, False),
        ("cell A", 2, True),
        ("nested", 4, True),
        ("in a control", 6, False),
        ("last", 7, False),
    ]


def paragraph_text(element: object) -> str:
    from lxml import etree

    assert isinstance(element, etree._Element)
    return "".join(element.itertext())


def body_element(path: Path) -> object:
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return root.find(f"{{{W_NS}}}body")


# --------------------------------------------------------------------------------------------
# The real ITU files


def unescape_tsv(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "\\": "\\"}[m.group(1)], text)


def res1_rows() -> list[tuple[str, str]]:
    lines = (
        (ITU_DOCX / "wtsa-res1-hammamet-2016.styles.tsv").read_text(encoding="utf-8").splitlines()
    )
    return [
        (style, unescape_tsv(text)) for style, text in (line.split("\t", 1) for line in lines[1:])
    ]


@pytest.fixture(scope="module")
def res1() -> LoadedText:
    return read_docx(RES1, view=View.ACCEPTED, max_size=LIMIT)


def removed_characters(longer: str, shorter: str) -> str | None:
    """The characters of `longer` that are not in `shorter`, if `shorter` is `longer` with
    characters only removed (None otherwise)."""
    from difflib import SequenceMatcher

    removed = []
    for op, i1, i2, _, _ in SequenceMatcher(None, longer, shorter, autojunk=False).get_opcodes():
        if op == "delete":
            removed.append(longer[i1:i2])
        elif op != "equal":
            return None
    return "".join(removed)


@needs_itu_docx
def test_res1_paragraphs_and_styles_match_the_extraction(res1: LoadedText) -> None:
    """Every paragraph outside the cover table, in order, with its style; the only difference
    allowed is that footnote marks are not in the text (and soft hyphens, which a reader does
    not see, are dropped)."""
    expected = [
        (s, x.replace("\u00ad", ""))
        for s, x in res1_rows()
        if s != "TABLE-ROW" and not s.startswith("FOOTNOTE")
    ]
    blocks = [b for b in res1.blocks if not b.in_table]
    assert len(blocks) == len(expected)
    style_ids = {
        "ResNo": "Res_No",
        "Restitle": "Res_title",
        "Resref": "Res_ref",
        "Normalaftertitle0": "Normal after title",
        "SectionNo": "Section_No",
        "Sectiontitle": "Section_title",
        "Heading2": "Heading 2",
        "Heading3": "Heading 3",
        "AppendixNo": "Appendix_No",
        "Appendixtitle": "Appendix_title",
        "Figurelegend": "Figure_legend",
    }
    for block, (style_id, text) in zip(blocks, expected, strict=True):
        assert block.style == style_ids.get(style_id, style_id), text
        if block.footnotes:
            removed = removed_characters(text, block.text)
            assert removed is not None
            assert removed.replace(", ", "") == "".join(f.mark for f in block.footnotes)
        else:
            assert block.text == text


@needs_itu_docx
def test_res1_cover_table_cells_are_read_as_table_blocks(res1: LoadedText) -> None:
    # The extraction writes a row as "cell | cell" and a cell's paragraphs joined by " / ",
    # and turns tab-stop definitions into tabs: compare the non-empty cell paragraphs.
    expected = [
        piece.strip("\t ")
        for style, row in res1_rows()
        if style == "TABLE-ROW"
        for cell in row.split(" | ")
        for piece in cell.split(" / ")
        if piece.strip("\t ")
    ]
    assert [b.text.strip() for b in res1.blocks if b.in_table] == expected


@needs_itu_docx
def test_res1_reads_as_a_resolution(res1: LoadedText) -> None:
    by_style: dict[str, list[str]] = {}
    for block in res1.blocks:
        by_style.setdefault(block.style or "", []).append(block.text)
    assert by_style["Res_No"] == ["RESOLUTION 1 (Rev.\u00a0Hammamet, 2016)"]
    assert by_style["Call"] == ["considering", "resolves"]
    assert (
        "b)bis\tthat the International Telecommunication Regulations (ITR) contain references "
        "to relevant ITU\u2011T Recommendations;" in by_style["Normal"]
    )
    assert by_style["Section_No"][:2] == ["SECTION\u00a01", "Section 1bis "]
    assert len(by_style["Section_No"]) == 10
    assert len(by_style["enumlev1"]) == 49
    assert by_style["Appendix_No"][0].startswith("Appendix I")
    assert next(b for b in res1.blocks if b.text.startswith("©")).text == "© ITU\u00a02017"


@needs_itu_docx
def test_res1_footnotes_carry_their_displayed_marks_and_texts(res1: LoadedText) -> None:
    notes = [f for b in res1.blocks for f in b.footnotes]
    assert [f.mark for f in notes] == ["1", "1bis", "2", "3", "4", "5"]
    expected = [
        re.sub(r"^\S+\s*", "", text) for style, text in res1_rows() if style.startswith("FOOTNOTE")
    ]
    assert [f.text for f in notes] == expected
    history = next(b for b in res1.blocks if b.style == "Res_ref")
    assert history.text == "(Hammamet, 2016)"
    assert [f.mark for f in history.footnotes] == ["1", "1bis"]


@needs_itu_docx
def test_res1_locations_find_the_paragraph_again(res1: LoadedText) -> None:
    paragraphs = list(iter_body_paragraphs(body_element(RES1)))  # type: ignore[arg-type]
    assert len(paragraphs) == 473
    for block in res1.blocks:
        raw = paragraph_text(paragraphs[block.location - 1])
        words = re.findall(r"\w+", block.text)[:4]
        assert all(word in raw for word in words), (block.location, block.text[:40])


@needs_itu_docx
def test_res1_docx_parses_into_preamble_numbered_sections_and_appendices() -> None:
    document = load_document(RES1)
    sections = {section.id: section for section in document.sections}
    assert list(sections)[:3] == ["considering", "resolves", "section-1"]
    assert "section-1bis" in sections and "section-9" in sections
    assert any(section.startswith("appendix") for section in sections)
    considering = [clause.label for clause in sections["considering"].clauses]
    assert considering[:4] == ["a)", "b)", "b)bis", "c)"]
    assert [f.mark for f in document.footnotes] == ["1", "1bis", "2", "3", "4", "5"]


@needs_itu_docx
@pytest.mark.parametrize("view", list(View))
def test_the_tracked_changes_file_loads_as_a_document_in_both_views(view: View) -> None:
    document = load_document(TRACKED, view=view)
    assert document.view is view
    assert document.clauses


def tracked_lines(view: View) -> list[str]:
    # Normalisation: a line break inside a paragraph is a line end in the extraction, and the
    # extraction has no empty lines. Nothing else is changed.
    loaded = read_docx(TRACKED, view=view, max_size=LIMIT)
    return [line for b in loaded.blocks for line in b.text.split("\n") if line.strip()]


def extraction(name: str) -> list[str]:
    return (
        (ITU_DOCX / f"itu-t-g-imp8101-2018-tracked-changes.{name}.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )


@needs_itu_docx
def test_tracked_changes_file_accepted_view_equals_the_after_extraction() -> None:
    assert tracked_lines(View.ACCEPTED) == extraction("after")


@needs_itu_docx
def test_tracked_changes_file_original_view_equals_the_before_extraction() -> None:
    assert tracked_lines(View.ORIGINAL) == extraction("before")


def revision_text(names: tuple[str, ...]) -> str:
    """The text inside the document's w:ins/w:moveTo or w:del/w:moveFrom runs, read straight
    from the XML, independently of the loader."""
    from lxml import etree

    with zipfile.ZipFile(TRACKED) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    w = f"{{{W_NS}}}"
    pieces = []
    for revision in root.iter(*(w + name for name in names)):
        for element in revision.iter(w + "t", w + "delText", w + "tab", w + "noBreakHyphen"):
            if element.getparent().tag != w + "r":
                continue  # w:tab inside w:tabs is a tab stop, not text
            pieces.append(
                {w + "tab": "\t", w + "noBreakHyphen": "\u2011"}.get(
                    element.tag, element.text or ""
                )
            )
    return "".join(pieces)


@needs_itu_docx
def test_the_views_differ_by_exactly_the_tracked_insertions_and_deletions() -> None:
    def all_text(view: View) -> str:
        loaded = read_docx(TRACKED, view=view, max_size=LIMIT)
        return "".join(b.text for b in loaded.blocks).replace("\n", "")

    accepted, original = all_text(View.ACCEPTED), all_text(View.ORIGINAL)
    deleted_text = revision_text(("del", "moveFrom"))
    inserted_text = revision_text(("ins", "moveTo"))
    assert len(deleted_text) > 10_000 and inserted_text == "and 801380138013 "
    # original = common + deleted and accepted = common + inserted, character for character.
    assert len(original) - len(deleted_text) == len(accepted) - len(inserted_text)
    assert Counter(original) + Counter(inserted_text) == Counter(accepted) + Counter(deleted_text)


@needs_itu_docx
def test_our_loader_keeps_tracked_text_that_python_docx_drops() -> None:
    import docx

    python_docx_text = "\n".join(p.text for p in docx.Document(str(TRACKED)).paragraphs)
    accepted = "\n".join(
        b.text for b in read_docx(TRACKED, view=View.ACCEPTED, max_size=LIMIT).blocks
    )
    original = "\n".join(
        b.text for b in read_docx(TRACKED, view=View.ORIGINAL, max_size=LIMIT).blocks
    )
    inserted_citation = "maintenance entity: [ITU\u2011T\u00a0G.8013]"
    deleted_definition = "1+1 (protection) architecture: [ITU-T G.808]"
    assert inserted_citation in accepted
    assert deleted_definition in original
    assert inserted_citation not in python_docx_text
    assert deleted_definition not in python_docx_text


@needs_itu_docx
def test_tracked_changes_file_numbers_its_headings(tmp_path: Path) -> None:
    loaded = read_docx(TRACKED, view=View.ACCEPTED, max_size=LIMIT)
    headings = [(b.label, b.text) for b in loaded.blocks if b.style in ("Heading 1", "Heading 2")]
    assert headings[:3] == [
        ("1", "Scope"),
        ("2", "Introduction"),
        ("3", "Defect resolution procedure"),
    ]
    assert ("6.1", "Section 3.1") in headings
    assert any("tracked changes (5 insertions, 376 deletions)" in w for w in loaded.warnings)


@needs_itu_docx
def test_read_input_dispatches_docx_by_content(tmp_path: Path) -> None:
    renamed = tmp_path / "res1.bin"
    renamed.write_bytes(RES1.read_bytes())
    loaded = read_input(renamed)
    assert loaded.format is SourceFormat.DOCX
    assert any(b.style == "Res_No" for b in loaded.blocks)


# --------------------------------------------------------------------------------------------
# fixtures/make_docx.py: the Res 84 seeds rendered as Word files


def load_make_docx() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_docx", ROOT / "fixtures" / "make_docx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_docx", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    make_docx = load_make_docx()
    folder = tmp_path_factory.mktemp("seeds")
    return {
        seed: make_docx.make_docx(seed, folder / (seed.stem + ".docx")) for seed in seed_paths()
    }


def test_the_seed_rendering_uses_automatic_numbering_styles_and_a_real_footnote(
    seed_docx: dict[Path, Path],
) -> None:
    new = seed_docx[seed_paths()[1]]
    with zipfile.ZipFile(new) as package:
        document = package.read("word/document.xml").decode()
        assert "word/footnotes.xml" in package.namelist()
        assert '<w:numFmt w:val="lowerLetter"/>' in package.read("word/numbering.xml").decode()
    assert "<w:numPr>" in document and "a)" not in re.sub(r"<[^>]+>", "", document)
    loaded = read_docx(new, view=View.ACCEPTED, max_size=LIMIT)
    assert [b.text for b in loaded.blocks if b.style == "Call"][:2] == ["recalling", "recognizing"]
    labelled = [b for b in loaded.blocks if b.label]
    assert [b.label for b in labelled[:6]] == ["a)", "b)", "c)", "d)", "e)", "a)"]
    noted = [b for b in loaded.blocks if b.footnotes]
    assert len(noted) == 1 and noted[0].label == "2"
    assert noted[0].footnotes[0].text.startswith("These include the least developed countries")


@pytest.mark.parametrize("which", [0, 1], ids=["2016-reconstructed", "2022"])
def test_the_docx_rendering_of_a_seed_has_the_same_outline_as_the_seed(
    seed_docx: dict[Path, Path], which: int
) -> None:
    seed = seed_paths()[which]
    from_text = load_document(seed)
    from_docx = load_document(seed_docx[seed])

    def outline(document: object) -> object:
        from revdiff.model import Document

        assert isinstance(document, Document)
        return (
            document.metadata,
            document.front_matter,
            [(s.id, s.heading, s.kind, s.title) for s in document.sections],
            [
                (c.id, c.section_id, c.label, c.text, c.footnotes, c.parent_id, c.depth)
                for c in document.clauses
            ],
            document.footnotes,
        )

    assert len(from_docx.sections) == 8 and len(from_docx.clauses) == 32
    assert outline(from_docx) == outline(from_text)


def test_make_docx_output_is_reproducible(tmp_path: Path) -> None:
    make_docx = load_make_docx()
    _, new = seed_paths()
    first = make_docx.make_docx(new, tmp_path / "a.docx").read_bytes()
    second = make_docx.make_docx(new, tmp_path / "b.docx").read_bytes()
    assert first == second
