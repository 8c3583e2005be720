"""The text loader: decoding, Tika markup, footnotes, blank lines, and the limits on reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revdiff.errors import InputError, RevdiffError, UnsupportedFormatError
from revdiff.load import read_input
from revdiff.load.text import decode_text, parse_text_blocks, read_text
from revdiff.model import Footnote, SourceFormat
from revdiff.seeds import seed_paths

# --------------------------------------------------------------------------------------------
# Decoding


def test_utf8_without_bom_decodes_without_warning() -> None:
    text, warnings = decode_text("Résolution 84 – « test »\n".encode(), "x.txt")
    assert text == "Résolution 84 – « test »\n"
    assert warnings == ()


def test_utf8_bom_is_dropped() -> None:
    text, warnings = decode_text(b"\xef\xbb\xbfrecalling\n", "x.txt")
    assert text == "recalling\n"
    assert warnings == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_decodes(encoding: str) -> None:
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    data = bom + "recalling\r\na)\tthe Union’s role;\r\n".encode(encoding)
    text, warnings = decode_text(data, "x.txt")
    assert text == "recalling\na)\tthe Union’s role;\n"
    assert warnings == ()


def test_cp1252_is_read_with_a_warning() -> None:
    data = "considering \u201cquoted\u201d caf\u00e9 \u2013 end".encode("cp1252")
    text, warnings = decode_text(data, "old.txt")
    assert text == "considering \u201cquoted\u201d caf\u00e9 \u2013 end"
    assert len(warnings) == 1
    assert "cp1252" in warnings[0] and "old.txt" in warnings[0]


def test_bytes_undefined_in_cp1252_fall_back_to_latin1_with_a_warning() -> None:
    data = b"caf\xe9 \x81 end"  # 0x81 is unassigned in cp1252 and invalid UTF-8
    text, warnings = decode_text(data, "odd.txt")
    assert text == "café \x81 end"
    assert len(warnings) == 1
    assert "Latin-1" in warnings[0]


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_become_lf(ending: str) -> None:
    text, _ = decode_text(ending.join(["a", "b", "c"]).encode(), "x.txt")
    assert text == "a\nb\nc"


def test_nul_heavy_input_is_refused_as_not_text() -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        decode_text(b"\x00\x01\x02binary\x00\x00\x00" * 50, "blob.txt")
    assert "does not look like text" in caught.value.message
    assert caught.value.path == "blob.txt"


def test_control_heavy_input_is_refused_as_not_text() -> None:
    with pytest.raises(UnsupportedFormatError, match="does not look like text"):
        decode_text(bytes(range(1, 9)) * 200, "blob.txt")


def test_utf16_without_bom_is_refused_rather_than_misread() -> None:
    with pytest.raises(UnsupportedFormatError, match="NUL bytes"):
        decode_text("recalling that".encode("utf-16-le"), "x.txt")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_arbitrary_bytes_raises_only_revdiff_errors(data: bytes) -> None:
    try:
        text, _ = decode_text(data, "x")
    except RevdiffError:
        return
    assert "\r" not in text


# --------------------------------------------------------------------------------------------
# Tika markup and line handling


def test_bookmarks_are_dropped() -> None:
    loaded = parse_text_blocks("[bookmark: _Hlk98406883]Studies concerning users\n", "x")
    assert [b.text for b in loaded.blocks] == ["Studies concerning users"]


def test_footnote_reference_and_inline_body_become_a_footnote_on_the_block() -> None:
    line = (
        "2\tto encourage developing countries[footnoteRef:1]1 in the study groups; "
        "[1: 1 \tThese include the least developed countries.] "
    )
    loaded = parse_text_blocks(line, "x")
    (block,) = loaded.blocks
    assert block.text == "2\tto encourage developing countries in the study groups;"
    assert block.footnotes == (Footnote("1", "These include the least developed countries."),)
    assert loaded.warnings == ()


def test_footnote_body_may_run_over_several_lines() -> None:
    text = "a)\tclause[footnoteRef:3]3; [3: 3\tFirst paragraph.\nSecond [sic] paragraph.]\nb)\tnext"
    loaded = parse_text_blocks(text, "x")
    assert [b.text for b in loaded.blocks] == ["a)\tclause;", "b)\tnext"]
    assert loaded.blocks[0].footnotes == (
        Footnote("3", "First paragraph.\nSecond [sic] paragraph."),
    )
    assert loaded.blocks[1].location == 3


def test_a_reference_without_a_body_is_kept_with_a_warning() -> None:
    loaded = parse_text_blocks("a)\tclause[footnoteRef:2]2;", "x")
    assert loaded.blocks[0].footnotes == (Footnote("2", ""),)
    assert any("footnote 2 has no text" in w for w in loaded.warnings)


def test_a_body_nobody_cites_stays_with_its_paragraph() -> None:
    loaded = parse_text_blocks("a)\tclause; [4: 4\tOrphan note.]", "x")
    assert loaded.blocks[0].text == "a)\tclause;"
    assert loaded.blocks[0].footnotes == (Footnote("4", "Orphan note."),)
    assert any("never cited" in w for w in loaded.warnings)


def test_blank_lines_are_skipped_and_locations_keep_line_numbers() -> None:
    loaded = parse_text_blocks("recalling\n\n\n   \na)\tone;\n", "x")
    assert [(b.text, b.location) for b in loaded.blocks] == [("recalling", 1), ("a)\tone;", 5)]


def test_soft_hyphens_go_but_no_break_characters_stay() -> None:
    loaded = parse_text_blocks(
        "  tele\u00adcom\u00admu\u00adni\u00adcations ITU\u2011T Res\u00a01 note\u202f:  ", "x"
    )
    assert loaded.blocks[0].text == "telecommunications ITU\u2011T Res\u00a01 note\u202f:"


def test_footnotes_trailer_of_a_plain_extraction_attaches_by_displayed_mark() -> None:
    text = (
        "(Hammamet, 2016)1, 1bis\n"
        "1.2\tIt shall meet at least once a year3.\n"
        "See ITU-T A.13 and countries3, too.\n"
        "[FOOTNOTES]\n"
        "1 \tPreviously published.\n"
        "1bis This edition.\n"
        "3\tOnce or more.\n"
    )
    loaded = parse_text_blocks(text, "x")
    assert [b.text for b in loaded.blocks] == [
        "(Hammamet, 2016)",
        "1.2\tIt shall meet at least once a year.",
        "See ITU-T A.13 and countries3, too.",
    ]
    assert [f.mark for f in loaded.blocks[0].footnotes] == ["1", "1bis"]
    assert loaded.blocks[1].footnotes == (Footnote("3", "Once or more."),)


def test_the_footnotes_of_a_trailer_lose_hidden_characters_as_other_lines_do() -> None:
    # Found by tests/test_fuzz_grammar.py: the lines after [FOOTNOTES] kept control characters,
    # soft hyphens and zero-width spaces, which every other line loses.
    text = "countries3 and more.\n[FOOTNOTES]\n3\tOnce\x16 or more\u00ad\u200b\x1b[2J.\n"
    loaded = parse_text_blocks(text, "x")
    assert loaded.blocks[0].footnotes == (Footnote("3", "Once or more[2J."),)


def test_the_2022_seed_has_its_footnote_on_the_encourage_item() -> None:
    _, new = seed_paths()
    loaded = read_text(new, max_size=10_000_000)
    with_notes = [b for b in loaded.blocks if b.footnotes]
    assert len(with_notes) == 1
    assert with_notes[0].text.startswith("2\tto encourage active participation")
    assert with_notes[0].footnotes[0].text.startswith("These include the least developed")
    assert not any("[bookmark" in b.text or "footnoteRef" in b.text for b in loaded.blocks)
    assert loaded.format is SourceFormat.TEXT


_MARKUP_PIECES = st.sampled_from(
    [*"ab1.)( \t\n\r[]:-–•\u00a0\u00adxyz", "[footnoteRef:1]1", "[1: 1\t", "[bookmark: x]"]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_MARKUP_PIECES, max_size=60).map("".join))
def test_parse_text_blocks_never_fails_on_arbitrary_text(text: str) -> None:
    try:
        loaded = parse_text_blocks(text, "x")
    except RevdiffError:
        return
    for block in loaded.blocks:
        assert block.text == block.text.strip() and block.text
        assert "\u00ad" not in block.text and "[bookmark:" not in block.text
    assert [b.location for b in loaded.blocks] == sorted({b.location for b in loaded.blocks})


# --------------------------------------------------------------------------------------------
# Reading files


def test_a_file_past_the_size_limit_is_refused_with_the_hint(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("recalling\n" * 100, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_text(path, max_size=200)
    assert "--max-size" in caught.value.message
    assert "200 bytes" in caught.value.message


def test_an_empty_file_loads_as_no_blocks_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    loaded = read_input(path)
    assert loaded.blocks == ()
    assert any("holds no text" in w for w in loaded.warnings)


def test_read_input_reads_text_by_content_whatever_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "resolution.tika"
    path.write_text("recalling\na)\tsomething;\n", encoding="utf-8")
    loaded = read_input(path)
    assert [b.text for b in loaded.blocks] == ["recalling", "a)\tsomething;"]


def test_plain_text_footnotes_end_where_the_text_goes_on() -> None:
    text = (
        "considering\na)\tthat users1 matter;\n____\n"
        "1 See Resolution 64 (Rev. Buenos Aires, 2017)\nresolves"
        "\n\n\n\n2\tto act.\n"
    )
    loaded = parse_text_blocks(text, "t.txt")
    assert [block.text for block in loaded.blocks] == [
        "considering",
        "a)\tthat users matter;",
        "resolves",
        "2\tto act.",
    ]
    assert loaded.blocks[1].footnotes == (
        Footnote("1", "See Resolution 64 (Rev. Buenos Aires, 2017)"),
    )


def test_plain_text_footnote_marks_may_stay_raised() -> None:
    loaded = parse_text_blocks(
        "a)\tthat users¹ matter,\n____\n¹ Including persons with disabilities.\n", "t.txt"
    )
    assert [block.text for block in loaded.blocks] == ["a)\tthat users matter,"]
    assert loaded.blocks[0].footnotes == (Footnote("1", "Including persons with disabilities."),)
