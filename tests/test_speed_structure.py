"""The shortcuts that make loading and structure parsing faster decide as the long way would."""

from __future__ import annotations

from pathlib import Path

import pytest

from revdiff.load.text import _HIDDEN, _shows_every_byte, _visible, read_text
from revdiff.model import Block, SectionKind
from revdiff.structure.labels import split_label
from revdiff.structure.lines import is_call_line


def test_the_bytes_check_knows_every_character_the_text_loader_hides() -> None:
    wide = {ch for ch in _HIDDEN if ord(ch) >= 0x80}
    assert wide == {chr(code) for code in range(0x80, 0xA0)} | {"\u00ad", "\ufeff", "\u200b"}
    filler = "ITU\u2011T \u2013 x\u00a0y\u00bf\u00ef\n" * 1000  # bytes a hidden one shares
    for ch in _HIDDEN:
        data = (filler + f"a{ch}b").encode()
        assert not _shows_every_byte(data, 0), repr(ch)
        assert not _shows_every_byte(b"\xef\xbb\xbf" + data, 3), repr(ch)
    for ch in "\t\r\u00a0\u202f\u2011\u00e9\u00c2\u00ac\u00ae\u200c":
        assert _shows_every_byte(f"a{ch}b".encode(), 0), repr(ch)
        assert _visible(f"a{ch}b") == f"a{ch}b"


def test_a_file_of_hidden_characters_is_still_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes("a)\tsoft\u00adhyphen and\u200bspace\x07bell\n".encode())
    loaded = read_text(path, max_size=1000)
    assert [block.text for block in loaded.blocks] == ["a)\tsofthyphen andspacebell"]


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("1.3\tthe text", "1.3", "the text"),
        ("1)\tthe text", "1)", "the text"),
        ("12bis)\tthe text", "12bis)", "the text"),
        ("123quinquies)\tthe text", "123quinquies)", "the text"),
        ("2 GHz bands", "2", "GHz bands"),
        ("a)\tthe text", "a)", "the text"),
    ],
)
def test_split_label_with_or_without_the_alpha_pattern(text: str, label: str, rest: str) -> None:
    split = split_label(text)
    assert split is not None
    assert (split[0].text, split[1]) == (label, rest)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("resolves", SectionKind.OPERATIVE),
        ("Recalling", SectionKind.PREAMBLE),
        ("1.3\tresolves", None),
        ("a)\tresolves", None),
        ("9" * 250 + " resolves", None),
        ("r" * 250, None),
        ("(a) considering", None),
    ],
)
def test_call_lines_are_told_by_their_first_characters(text: str, kind: SectionKind | None) -> None:
    assert is_call_line(Block(text, 1)) is kind
