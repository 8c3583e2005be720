"""The layout stage: wrapped plain text is recognised and rebuilt; unwrapped text is untouched.

The wrapped inputs are the seeds and ITU's Res 1 wrapped here with Python's textwrap (as an
e-mail client or `fold -s` would) at several widths; the expected clauses are those of the
unwrapped text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from revdiff.errors import InputError
from revdiff.load import load_document, read_input
from revdiff.load import text as text_loader
from revdiff.load.layout import (
    describe_furniture,
    furniture_kind,
    join_text,
    split_label,
    unwrap_lines,
    wrap_width,
)
from revdiff.load.text import parse_text_blocks
from revdiff.model import Document, LoadedText
from revdiff.structure import parse_structure

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RES1_TEXT = SHARED / "itu-docx" / "wtsa-res1-hammamet-2016.extracted.txt"


def text_inputs() -> list[Path]:
    """Every text input the project has: seeds, fixtures, and the shared extractions."""
    found = [*SEEDS, *sorted((ROOT / "fixtures").rglob("*.txt"))]
    found += sorted((SHARED / "itu-docx").glob("*.txt"))
    return found


def wrap(text: str, width: int, separator: str = "\n") -> str:
    return separator.join(
        textwrap.fill(line, width) if line.strip() else line for line in text.split("\n")
    )


def clauses(document: Document) -> list[tuple[str, str | None, str]]:
    return [(c.id, c.label, " ".join(c.text.split())) for c in document.clauses]


def _unchanged(lines: Iterator[str]) -> tuple[Iterator[str], object]:
    from revdiff.load.layout import Unwrapping

    return lines, Unwrapping()


@pytest.mark.parametrize("path", text_inputs(), ids=lambda p: p.name)
def test_unwrapped_text_loads_exactly_as_without_the_layout_stage(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_layout = _outcome(path)
    monkeypatch.setattr(text_loader, "unwrap_lines", _unchanged)
    assert with_layout == _outcome(path)
    assert not isinstance(with_layout, LoadedText) or with_layout.dropped_furniture == ()


def _outcome(path: Path) -> LoadedText | str:
    try:
        return read_input(path)
    except InputError as error:
        return str(error)


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["lines", "blank-lines"])
@pytest.mark.parametrize("width", [60, 72, 80])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_a_seed_wrapped_at_a_fixed_width_has_the_clauses_of_the_seed(
    seed: Path, width: int, separator: str
) -> None:
    clean = load_document(seed)
    wrapped = parse_text_blocks(wrap(seed.read_text(encoding="utf-8"), width, separator), "w.txt")
    document = parse_structure(wrapped)
    assert clauses(document) == clauses(clean)
    assert document.metadata == clean.metadata
    assert [(c.id, c.footnotes) for c in document.clauses] == [
        (c.id, c.footnotes) for c in clean.clauses
    ]
    assert f"w.txt: lines wrapped at {width} characters joined into paragraphs" in wrapped.warnings


@pytest.mark.parametrize("width", [60, 72, 80])
def test_res1_wrapped_keeps_at_least_98_percent_of_its_clauses(width: int) -> None:
    if not RES1_TEXT.is_file():
        pytest.skip(f"needs {RES1_TEXT} (ITU Word files, not shipped in the package)")
    clean = clauses(load_document(RES1_TEXT))
    text = RES1_TEXT.read_text(encoding="utf-8")
    got = set(clauses(parse_structure(parse_text_blocks(wrap(text, width), "w.txt"))))
    same = sum(1 for clause in clean if clause in got)
    # Known shortfall: a paragraph whose last line happens to be full and ends a sentence, with
    # the next paragraph starting a sentence, cannot be told from a wrapped sentence end
    # (2 to 5 of 340 clauses here).
    assert same >= 0.98 * len(clean)


FILLER = (
    "a)\tthat the study groups concerned should expedite the work on the Recommendations that "
    "would provide additional detail and guidance for the implementation of this resolution, "
    "and that they report on the progress made to the next assembly and to the advisory group;"
)


def test_a_label_alone_on_its_line_joins_its_text() -> None:
    lines = [
        "considering",
        *textwrap.wrap(FILLER, 60),
        *textwrap.wrap(
            "b)\tthat consumer protection is a consumer-protection matter, and that the "
            "telecommunication operators and users are concerned, noting that the work is done;",
            60,
        ),
        "resolves",
        "1",
        "that the study groups report to the assembly;",
        "1.11.1WTSA shall consider reports from the Director of the",
        "Bureau and from the study groups;",
    ]
    out, found = unwrap_lines(iter(lines))
    assert found.width == 60
    assert [line for line in out if line] == [
        "considering",
        FILLER,
        "b)\tthat consumer protection is a consumer-protection matter, and that the "
        "telecommunication operators and users are concerned, noting that the work is done;",
        "resolves",
        "1\tthat the study groups report to the assembly;",
        "1.11.1\tWTSA shall consider reports from the Director of the Bureau and from the study "
        "groups;",
    ]


def test_line_numbers_stay_those_of_the_file() -> None:
    wrapped = textwrap.wrap(FILLER, 60)
    lines = ["recalling", *wrapped, *wrapped]
    loaded = parse_text_blocks("\n".join(lines), "w.txt")
    assert [b.location for b in loaded.blocks] == [1, 2, 2 + len(wrapped)]


def test_text_that_is_not_wrapped_is_not_detected() -> None:
    assert (
        wrap_width(["recalling", "a)\tone;", "b)\ttwo;", "resolves", "1\tthat;", "2\tthat"]) is None
    )
    long_lines = [f"a)\t{'that the text is long ' * 12};" for _ in range(20)]
    assert wrap_width(long_lines) is None


def test_page_furniture_in_wrapped_text_is_dropped_and_counted() -> None:
    body = " ".join(f"word{n} and more words that continue the sentence" for n in range(40))
    lines = textwrap.wrap("a)\t" + body + ";", 72)
    pages = [lines[i : i + 10] for i in range(0, len(lines), 10)]
    text_lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        if number > 1:
            text_lines.append("\fWTSA16/2000-E")
        text_lines.extend(["recalling"] if number == 1 else [])
        text_lines.extend(page)
        text_lines.extend(["", f"- {number} -"])
    loaded = parse_text_blocks("\n".join(text_lines), "w.txt")
    texts = [b.text for b in loaded.blocks]
    assert texts == ["recalling", "a)\t" + body + ";"]
    assert dict(loaded.dropped_furniture) == {
        "page numbers": len(pages),
        "'WTSA16/2000-E'": len(pages) - 1,
    }
    note = describe_furniture(loaded.dropped_furniture)
    assert note is not None and note in " ".join(loaded.warnings)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("- 3 -", "page number"),
        ("– 12 –", "page number"),
        ("Page 3 of 9", "page number"),
        ("WTSA16/2000-E", "document reference"),
        ("- 3 - WTSA16/2000-E", "document reference"),
        ("-1WTSA16/2000-E", "document reference"),
        ("PP-18/45(Rev.1)-E", "document reference"),
        ("recalling", None),
        ("3", None),
        ("Resolution 84/2016-E is cited", None),
    ],
)
def test_furniture_is_told_by_its_form(line: str, kind: str | None) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("the telecommuni-", "cation sector", "the telecommuni-cation sector"),
        ("a consumer-", "protection law", "a consumer-protection law"),
        ("Nos. 69-", "74 of the Rules", "Nos. 69-74 of the Rules"),
        ("interoper\u00ad", "ability", "interoperability"),
        ("http://www.itu.int/", "ITU-T", "http://www.itu.int/ITU-T"),
        ("2016 -", "2020", "2016 - 2020"),
    ],
)
def test_lines_are_joined_keeping_hyphens_without_evidence(
    left: str, right: str, joined: str
) -> None:
    assert join_text(left, right) == joined


def test_a_hyphen_goes_when_the_document_spells_the_word_whole() -> None:
    words = frozenset({"telecommunication"})
    assert join_text("the telecommuni-", "cation sector", words) == "the telecommunication sector"
    both = frozenset({"telecommunication", "telecommuni-cation"})
    assert join_text("the telecommuni-", "cation", both) == "the telecommuni-cation"


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("1.11.1WTSA shall consider", "1.11.1\tWTSA shall consider"),
        ("7.1.10If, despite", "7.1.10\tIf, despite"),
        ("1bis.1.1.1Texts should", "1bis.1.1.1\tTexts should"),
        ("a)      that the", "a)\tthat the"),
        ("1.3\tWTSA shall", "1.3\tWTSA shall"),
        ("a) that the", "a) that the"),
        ("2022 was the year", "2022 was the year"),
        ("1.2GHz bands", "1.2GHz bands"),
    ],
)
def test_labels_are_set_apart_from_their_text(text: str, split: str) -> None:
    assert split_label(text) == split


def test_a_wrapped_file_reads_like_the_clean_one(tmp_path: Path) -> None:
    seed = SEEDS[0]
    path = tmp_path / "wrapped.txt"
    path.write_text(wrap(seed.read_text(encoding="utf-8"), 72), encoding="utf-8")
    assert clauses(load_document(path)) == clauses(load_document(seed))
    loaded: LoadedText = read_input(path)
    assert any("wrapped at 72 characters" in w for w in loaded.warnings)


def wrap_proportionally(text: str, width: float) -> str:
    """The text as pdftotext gives a page set in a proportional font: lines as wide as the
    column (so of uneven length in characters), each item's label alone on its line before a
    blank line, and items in a narrower column than other paragraphs (their hanging indent)."""
    from test_pdf_loader import wrap_words

    from revdiff.load.pdf_layout import relative_width

    out: list[str] = []
    for paragraph in text.split("\n"):
        label, tab, body = paragraph.partition("\t")
        if not tab:
            label, body = "", paragraph
        column = width - 6 if label else width
        out.extend([label, ""] if label else [])
        out.extend(wrap_words(body, column, relative_width))
    return "\n".join(out)


@pytest.mark.parametrize("width", [70.0, 85.0])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_text_from_a_page_in_a_proportional_font_has_the_clauses_of_the_seed(
    seed: Path, width: float
) -> None:
    clean = load_document(seed)
    text = wrap_proportionally(seed.read_text(encoding="utf-8"), width)
    loaded = parse_text_blocks(text, "p.txt")
    document = parse_structure(loaded)
    assert any("joined into paragraphs" in warning for warning in loaded.warnings)
    assert clauses(document) == clauses(clean)


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("RESOLUTION 84 (Rev. Geneva, 2022)", True),
        ("SECTION 2", True),
        ("Section 1bis", True),
        ("Annex A", True),
        ("APPENDIX II – Title of the appendix", True),
        ("Resolution 64 (Rev. Buenos Aires, 2017) of the World Conference (WTDC)", False),
        ("Resolution 84", False),
        ("that the study groups concerned should expedite", False),
    ],
)
def test_headings_are_told_by_their_form(line: str, heading: bool) -> None:
    from revdiff.load.layout import is_heading

    assert is_heading(line) is heading
