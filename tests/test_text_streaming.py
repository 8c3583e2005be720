"""`read_text` decodes a file a line at a time; it must give exactly what decoding the whole text
(`decode_text`) and splitting it (`parse_text_blocks`) give, refusals and warnings included."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revdiff.errors import RevdiffError
from revdiff.load.text import decode_text, parse_text_blocks, read_text
from revdiff.model import LoadedText

# Pieces that exercise what differs between whole-text and per-line decoding: every kind of line
# end, multi-byte UTF-8 letters, bytes invalid in UTF-8 or in cp1252, byte-order marks, NUL and
# control bytes, Tika markup and the footnotes trailer.
PIECES = [
    b"\n",
    b"\r",
    b"\r\n",
    b"\r\r\n",
    b"a)\tthe Union",
    b"recalling",
    "caf\u00e9 \u2013 \u00ab\u2011\u00bb".encode(),
    "\u201cquoted\u201d".encode("cp1252"),
    b"\xe9",
    b"\x81",
    b"\x00",
    b"\x1b[2J",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"countries[footnoteRef:1]1 in",
    b"[1: 1\tThese include ",
    b"]",
    b"[bookmark: _Hlk1]",
    b"[FOOTNOTES]",
    b"1\tA trailer note",
    b"  \t",
]


def whole(data: bytes, source: str) -> LoadedText | str:
    """What reading `data` gave before line-at-a-time decoding: decode all, then split."""
    try:
        text, warnings = decode_text(data, source)
    except RevdiffError as error:
        return str(error)
    loaded = parse_text_blocks(text, source)
    if not loaded.blocks:
        warnings += (f"{source}: the file holds no text",)
    return LoadedText(loaded.source, loaded.format, loaded.blocks, warnings + loaded.warnings)


def streamed(data: bytes, folder: Path) -> LoadedText | str:
    path = folder / "input.txt"
    path.write_bytes(data)
    try:
        return read_text(path, max_size=len(data) + 1)
    except RevdiffError as error:
        return str(error)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
def test_reading_a_line_at_a_time_gives_what_decoding_the_whole_text_gives(
    pieces: list[bytes],
) -> None:
    data = b"".join(pieces)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        assert streamed(data, path) == whole(data, str(path / "input.txt"))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\r",
        b"a\r",
        b"a\r\r\nb\rc\n",
        b"\xef\xbb\xbfrecalling\r\na)\tx",
        b"\xef\xbb\xbfok \xff bad",
        "\ufeffUTF-16 text\r\nsecond".encode("utf-16"),
        "UTF-32 text\nsecond".encode("utf-32"),
        b"x" * 70000 + "\u00e9".encode() + b"\x01" * 10,
        "\u00e9".encode() * 40000 + b"\x01" * 4000,
        b"\x01" * 4000 + "\u00e9".encode() * 40000,
        b"caf\xe9\n" * 300000,  # not UTF-8, past the first megabyte checked
        b"a\n" * 600000 + b"\xff",  # invalid UTF-8 only in the second megabyte
    ],
    ids=lambda data: repr(data[:12]) + f"…{len(data)}",
)
def test_edge_inputs_read_the_same_line_at_a_time(data: bytes, tmp_path: Path) -> None:
    assert streamed(data, tmp_path) == whole(data, str(tmp_path / "input.txt"))
