"""The streamed outline (`iter_outline_text`, `iter_outline_json`) is the outline: the same
text, and exactly the JSON ``json.dumps(outline_to_dict(…), indent=2)`` gives, in pieces of
whole lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revdiff.load import load_document
from revdiff.model import (
    Clause,
    Document,
    Footnote,
    Metadata,
    Section,
    SectionKind,
    SourceFormat,
    SourceLocation,
    View,
)
from revdiff.render import outline
from revdiff.render.outline import (
    iter_outline_json,
    iter_outline_text,
    outline_to_dict,
    render_outline_json,
    render_outline_text,
)
from revdiff.seeds import seed_paths

ITU_DOCX = Path(__file__).resolve().parents[2] / "shared" / "itu-docx"

# Any text, the outline's own hole marker and strings JSON must escape among them.
TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["\x00hole-0\x00", "\x00hole-1\x00", '"\\\n\t', "\u2028é\U0001f600", ""]),
)
MAYBE = st.none() | TEXTS


@st.composite
def outlines(draw: st.DrawFn) -> Document:
    """A document with any strings in every field the outline shows."""
    sections = []
    for number in range(draw(st.integers(0, 3))):
        clauses = tuple(
            Clause(
                id=draw(TEXTS),
                section_id=f"s{number}",
                label=draw(MAYBE),
                text=draw(TEXTS),
                location=SourceLocation("x.txt", draw(st.integers(0, 10**6))),
                footnotes=tuple(
                    Footnote(draw(TEXTS), draw(TEXTS)) for _ in range(draw(st.integers(0, 2)))
                ),
                parent_id=draw(MAYBE),
                depth=draw(st.integers(0, 40)),
            )
            for _ in range(draw(st.integers(0, 4)))
        )
        kind = draw(st.sampled_from(SectionKind))
        sections.append(Section(draw(TEXTS), draw(TEXTS), kind, clauses, draw(MAYBE)))
    metadata = Metadata(
        number_line=draw(MAYBE), title=draw(MAYBE), year=draw(st.none() | st.integers())
    )
    return Document(
        source=draw(st.sampled_from(["a.txt", "x-reconstructed.txt", "dir/\u00e9\x00.docx"])),
        format=draw(st.sampled_from(SourceFormat)),
        metadata=metadata,
        sections=tuple(sections),
        front_matter=tuple(draw(st.lists(TEXTS, max_size=2))),
        footnotes=tuple(Footnote(draw(TEXTS), draw(TEXTS)) for _ in range(draw(st.integers(0, 2)))),
        warnings=tuple(draw(st.lists(TEXTS, max_size=2))),
        view=draw(st.sampled_from(View)),
    )


def whole_json(document: Document) -> str:
    """The outline JSON as it was made before streaming: the whole dict dumped at once."""
    return json.dumps(outline_to_dict(document), ensure_ascii=False, indent=2) + "\n"


def check_pieces(pieces: list[str], whole: str) -> None:
    assert "".join(pieces) == whole
    assert all(piece.endswith("\n") for piece in pieces)


@settings(max_examples=120, deadline=None)
@given(outlines())
def test_the_streamed_json_is_the_whole_json(document: Document) -> None:
    check_pieces(list(iter_outline_json(document)), whole_json(document))
    assert render_outline_json(document) == whole_json(document)


@settings(max_examples=60, deadline=None)
@given(outlines())
def test_the_streamed_text_is_the_whole_text(document: Document) -> None:
    check_pieces(list(iter_outline_text(document)), render_outline_text(document))


def real_inputs() -> list[Path]:
    found = list(seed_paths())
    if ITU_DOCX.is_dir():
        found += sorted(ITU_DOCX.glob("*.txt")) + sorted(ITU_DOCX.glob("*.docx"))
    return found


@pytest.mark.parametrize("path", real_inputs(), ids=lambda path: path.name)
def test_real_documents_stream_the_same_json(path: Path) -> None:
    document = load_document(path)
    check_pieces(list(iter_outline_json(document)), whole_json(document))


def test_small_pieces_still_end_with_line_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """With tiny pieces a piece boundary falls inside nearly every line: none may split one."""
    monkeypatch.setattr(outline, "PIECE_SIZE", 7)
    document = load_document(seed_paths()[1])
    for render, whole in (
        (iter_outline_json, whole_json),
        (iter_outline_text, render_outline_text),
    ):
        pieces = list(render(document))
        assert len(pieces) > 50
        check_pieces(pieces, whole(document))
