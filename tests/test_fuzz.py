"""Fuzzing (issue 6): mutated text, mutated Word packages and PDFs, and comparisons. The only
allowed outcomes are a result or a RevdiffError; every result keeps the loaders' guarantees.

Bounded: a few dozen examples per property and no deadline (the machine is shared), so the whole
file runs in well under a minute. REVDIFF_FUZZ_EXAMPLES=1000 fuzzes longer, by hand. Hypothesis
keeps failing examples in .hypothesis/ (ignored by git) and replays them first.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from bad_fixtures import BAD, SEED_NEW, SEED_OLD, check_document, load_make_bad
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from revdiff.errors import RevdiffError
from revdiff.load import load_document
from revdiff.load.text import decode_text, parse_text_blocks
from revdiff.model import CompareOptions, Document
from revdiff.structure import parse_structure

make_bad = load_make_bad()

EXAMPLES = int(os.environ.get("REVDIFF_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEED_BYTES = SEED_NEW.read_bytes()
BASE_DOCX = (BAD / "base.docx").read_bytes()
W = make_bad.W


def load_or_refuse(path: Path) -> Document | None:
    """load_document, with a RevdiffError turned into None; anything else fails the test."""
    try:
        document = load_document(path)
    except RevdiffError as error:
        assert error.problem and error.fix
        return None
    check_document(document)
    return document


def load_bytes_or_refuse(folder: Path, name: str, data: bytes) -> Document | None:
    """`data` written to `folder / name`, then load_or_refuse."""
    path = folder / name
    path.write_bytes(data)
    return load_or_refuse(path)


# --------------------------------------------------------------------------------------------
# Text


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes_decode_to_text_or_are_refused(data: bytes) -> None:
    try:
        text, _ = decode_text(data, "fuzz.txt")
    except RevdiffError:
        return
    check_document(parse_structure(parse_text_blocks(text, "fuzz.txt")))


TRICKY = st.sampled_from(
    [
        "[",
        "]",
        "[bookmark: ",
        "[footnoteRef:1]1",
        "[1: 1 \t",
        "[FOOTNOTES]",
        "a)\t",
        "b)bis\t",
        "1.3\t",
        "–\t",
        "(",
        ")",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x00",
        "\x1b[2J",
        "\ufeff",
        "\u2028",
        "\u00a0",
        "RESOLUTION 1 (Geneva, 2030)\n",
        "recalling\n",
        "resolves\n",
        "SECTION 1\n",
        "ANNEX A\n",
        "Appendix I (to Resolution 1)\n",
        "The World Telecommunication Standardization Assembly (Geneva, 2030),\n",
    ]
)


@FUZZ
@given(st.lists(st.one_of(TRICKY, st.text(max_size=30)), max_size=60))
def test_any_text_parses_into_a_document(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        document = parse_structure(parse_text_blocks(text, "fuzz.txt"))
    except RevdiffError:
        return
    check_document(document)


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    """The seed's bytes with bytes flipped, slices cut or repeated and lines shuffled."""
    data = bytearray(SEED_BYTES)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "insert", "swap-lines"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 400))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@FUZZ
@given(mutated_seed(), st.sampled_from([".txt", ".docx", ".doc", ""]))
def test_a_mutated_seed_loads_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    load_bytes_or_refuse(tmp_path_factory.mktemp("fuzz"), f"mutated{suffix}", data)


# --------------------------------------------------------------------------------------------
# Word packages


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def real_docx_bases() -> list[bytes]:
    """The good Word file of fixtures/bad, and the richer one fixtures/make_docx.py renders
    from the seed (automatic numbering, real footnotes, bookmarks)."""
    bases = [BASE_DOCX]
    import importlib.util
    import sys

    maker = Path(__file__).resolve().parents[1] / "fixtures" / "make_docx.py"
    spec = importlib.util.spec_from_file_location("make_docx", maker)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_docx", module)
    spec.loader.exec_module(module)
    bases.append(module.render_resolution_docx(SEED_OLD.read_text(encoding="utf-8")))
    return bases


BASES = real_docx_bases()

# Elements the loader has to make sense of wherever they turn up.
INSERTS = [
    f'<w:ins xmlns:w="{W}" w:id="1" w:author="a" w:date="2020-01-01T00:00:00Z">'
    "<w:r><w:t>inserted</w:t></w:r></w:ins>",
    f'<w:del xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:delText>deleted</w:delText></w:r></w:del>',
    f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="99"/></w:r>',
    f'<w:r xmlns:w="{W}"><w:sym w:font="Symbol" w:char="F0E3"/></w:r>',
    f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="begin"/></w:r>',
    f'<w:r xmlns:w="{W}"><w:instrText> PAGE </w:instrText></w:r>',
    f'<w:pPr xmlns:w="{W}"><w:numPr><w:ilvl w:val="7"/><w:numId w:val="42"/></w:numPr></w:pPr>',
    f'<w:pPr xmlns:w="{W}"><w:pStyle w:val="Call"/><w:rPr><w:del w:id="3" w:author="a"/></w:rPr>'
    "</w:pPr>",
    f'<w:tbl xmlns:w="{W}"><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    f'<w:sdt xmlns:w="{W}"><w:sdtContent><w:p><w:r><w:t>control</w:t></w:r></w:p>'
    "</w:sdtContent></w:sdt>",
    f'<w:r xmlns:w="{W}"><w:t>\u202eevil\u202c 😀 [/] &lt;script&gt;</w:t></w:r>',
    f'<w:moveFrom xmlns:w="{W}" w:id="4" w:author="a"><w:r><w:t>moved</w:t></w:r></w:moveFrom>',
]


@st.composite
def mutated_document_xml(draw: st.DrawFn, xml: bytes) -> bytes:
    """document.xml with elements deleted, moved, duplicated or inserted (well-formed still)."""
    root = etree.fromstring(xml)
    for _ in range(draw(st.integers(1, 8))):
        elements = list(root.iter())[2:]  # not the document and its body
        if not elements:
            break
        target = elements[draw(st.integers(0, len(elements) - 1))]
        parent = target.getparent()
        kind = draw(st.sampled_from(["delete", "move", "duplicate", "insert", "attribute"]))
        if parent is None:
            continue
        if kind == "delete":
            parent.remove(target)
        elif kind == "move":
            other = elements[draw(st.integers(0, len(elements) - 1))]
            if target not in other.iterancestors() and other is not target:
                other.append(target)
        elif kind == "duplicate":
            parent.insert(parent.index(target), etree.fromstring(etree.tostring(target)))
        elif kind == "insert":
            target.append(etree.fromstring(draw(st.sampled_from(INSERTS))))
        elif target.attrib:
            name = draw(st.sampled_from(sorted(target.attrib)))
            target.set(name, draw(st.sampled_from(["", "-1", "999999999999", "x", "0"])))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    """A real .docx with its zip bytes damaged, its parts swapped, dropped or emptied, or its
    document.xml restructured."""
    base = draw(st.sampled_from(BASES))
    kind = draw(st.sampled_from(["bytes", "truncate", "parts", "xml", "xml"]))
    if kind == "bytes":
        data = bytearray(base)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
        return bytes(data)
    if kind == "truncate":
        return base[: draw(st.integers(0, len(base) - 1))]
    parts = parts_of(base)
    names = sorted(parts)
    if kind == "parts":
        for _ in range(draw(st.integers(1, 4))):
            a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
            action = draw(st.sampled_from(["swap", "drop", "empty", "garbage"]))
            if action == "swap" and a in parts and b in parts:
                parts[a], parts[b] = parts[b], parts[a]
            elif action == "drop":
                parts.pop(a, None)
            elif action == "empty":
                parts[a] = b""
            else:
                parts[a] = draw(st.binary(max_size=200))
        return zip_of(parts)
    parts["word/document.xml"] = draw(mutated_document_xml(parts["word/document.xml"]))
    return zip_of(parts)


@FUZZ
@given(mutated_docx())
def test_a_mutated_word_file_loads_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    load_bytes_or_refuse(tmp_path_factory.mktemp("fuzz"), "mutated.docx", data)


# --------------------------------------------------------------------------------------------
# Compare, render, redline


@settings(FUZZ, max_examples=max(1, EXAMPLES * 5 // 8))
@given(mutated_seed(), mutated_seed(), st.booleans())
def test_comparing_mutated_texts_gives_a_complete_comparison(
    tmp_path_factory: pytest.TempPathFactory, old: bytes, new: bytes, as_word: bool
) -> None:
    from revdiff.compare import compare_documents
    from revdiff.redline import build_redline
    from revdiff.render import render_comparison

    folder = tmp_path_factory.mktemp("fuzz")
    documents = [
        load_bytes_or_refuse(folder, "old.txt", old),
        load_bytes_or_refuse(folder, "new.txt", new),
    ]
    if documents[0] is None or documents[1] is None:
        return
    comparison = compare_documents(documents[0], documents[1], CompareOptions(diff_timeout=0.5))
    seen_old = [c.id for change in comparison.changes for c in change.old]
    seen_new = [c.id for change in comparison.changes for c in change.new]
    assert sorted(seen_old) == sorted(c.id for c in documents[0].clauses)
    assert sorted(seen_new) == sorted(c.id for c in documents[1].clauses)
    for fmt in ("text", "md", "html", "json"):
        assert render_comparison(comparison, fmt)
    if as_word:
        redline = build_redline(comparison, base=None, author="fuzz", date=None)
        with zipfile.ZipFile(io.BytesIO(redline)) as archive:
            etree.fromstring(archive.read("word/document.xml"))


@settings(FUZZ, max_examples=max(1, EXAMPLES * 3 // 8))
@given(mutated_docx())
def test_a_redline_on_a_mutated_word_file_is_built_or_refused(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    from revdiff.compare import compare_documents
    from revdiff.redline import build_redline

    new = load_bytes_or_refuse(tmp_path_factory.mktemp("fuzz"), "new.docx", data)
    if new is None:
        return
    old = load_document(SEED_OLD)
    comparison = compare_documents(old, new, CompareOptions(diff_timeout=0.5))
    try:
        redline = build_redline(comparison, base=data, author="fuzz", date=None)
    except RevdiffError:
        return
    with zipfile.ZipFile(io.BytesIO(redline)) as archive:
        etree.fromstring(archive.read("word/document.xml"))


# --------------------------------------------------------------------------------------------
# PDF


def real_pdf_bases() -> list[bytes]:
    """The good PDF of fixtures/bad (deflated content), and a small resolution whose content
    streams are not compressed, so that mutations reach pypdf's parsers of operators too."""
    lines = make_bad.small_resolution_lines()
    objects = make_bad.pdf_objects(make_bad.text_pdf(lines))
    plain = [make_bad.pdf_stream(content, compress=False) for content in make_bad.pdf_pages(lines)]
    return [(BAD / "base.pdf").read_bytes(), make_bad.pdf_file([*objects[:4], *plain])]


PDF_BASES = real_pdf_bases()
PDF_TOKENS = [
    b"[",
    b"]",
    b"<<",
    b">>",
    b"(",
    b")",
    b"<",
    b"1 0 R",
    b"2 0 R",
    b"99999 0 R",
    b"-1",
    b"4294967296",
    b"1e999",
    b"/Kids [2 0 R]",
    b"/Length 999999999",
    b"/Filter /FlateDecode",
    b"/Filter /LZWDecode",
    b"/Prev 0",
    b"endstream",
    b"endobj",
    b"stream\n",
    b"xref\n0 1\n",
    b"%%EOF",
    b" Tj ",
    b" TJ ",
    b" Tf ",
    b" Do ",
    b" BT ",
    b" ET ",
    b" cm ",
    b"\x00",
    b"\xff\xfe",
]


@st.composite
def mutated_pdf(draw: st.DrawFn) -> bytes:
    """A real small PDF with bytes flipped, slices cut or repeated, PDF tokens inserted (brackets,
    references, filters, operators) or its end cut off."""
    data = bytearray(draw(st.sampled_from(PDF_BASES)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "token", "token", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 3))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(PDF_TOKENS)) * draw(st.integers(1, 50))
        else:
            del data[at:]
    return bytes(data)


@FUZZ
@given(mutated_pdf())
def test_a_mutated_pdf_loads_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    load_bytes_or_refuse(tmp_path_factory.mktemp("fuzz"), "mutated.pdf", data)
