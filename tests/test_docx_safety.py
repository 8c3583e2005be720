"""Hostile and broken Word files: each is refused with a message naming the file, the problem and
the fix, or (a .docm) read without its macros. The nasty files are built here with zipfile."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revdiff.errors import CorruptFileError, InputError, RevdiffError, UnsupportedFormatError
from revdiff.load import DEFAULT_MAX_SIZE, read_input
from revdiff.load.docx import read_docx
from revdiff.model import View
from revdiff.ooxml import package as ooxml_package
from revdiff.ooxml.xml import parse_xml, safe_parser

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>considering</w:t></w:r></w:p>'
    "</w:body></w:document>"
)
CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
MB = 1024 * 1024


def write_zip(path: Path, parts: dict[str, bytes | str], *, level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def docx(
    path: Path, document: bytes | str = DOCUMENT, extra: dict[str, bytes | str] | None = None
) -> Path:
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": document,
    }
    parts.update(extra or {})
    return write_zip(path, parts)


def assert_names_file_problem_and_fix(error: RevdiffError, path: Path, *words: str) -> None:
    message = str(error)
    assert message.startswith(f"{path}: "), message
    assert ". To fix: " in message, message
    assert "\n" not in message
    for word in words:
        assert word in message, message


@pytest.fixture
def opened_parts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the zip members revdiff decompresses during the test."""
    names: list[str] = []
    original = zipfile.ZipFile.open

    def spy(
        self: zipfile.ZipFile, name: str | zipfile.ZipInfo, mode: str = "r", *args: object
    ) -> object:
        if mode == "r":  # building the test files opens members for writing: not counted
            names.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return original(self, name, mode, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return names


@pytest.fixture
def bytes_decompressed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A running total of the bytes zipfile hands out while decompressing."""
    total = [0]
    original = zipfile.ZipExtFile.read

    def counting(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = original(self, n)
        total[0] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return total


# --------------------------------------------------------------------------------------------
# Zip bombs


def test_a_part_declared_larger_than_the_limit_is_refused_before_decompressing(
    tmp_path: Path, opened_parts: list[str]
) -> None:
    big = DOCUMENT.replace("considering", "x" * (2 * MB))
    path = docx(tmp_path / "bomb.docx", big)
    with pytest.raises(InputError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=1 * MB)
    assert_names_file_problem_and_fix(caught.value, path, "word/document.xml", "--max-size")
    assert "word/document.xml" not in opened_parts


def test_parts_whose_declared_sizes_add_up_past_the_limit_are_refused(tmp_path: Path) -> None:
    half = DOCUMENT.replace("considering", "y" * (600 * 1024))
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>'
    )
    path = docx(
        tmp_path / "pair.docx",
        half,
        {
            "word/styles.xml": f'<w:styles xmlns:w="{W_NS}">' + " " * (600 * 1024) + "</w:styles>",
            "word/_rels/document.xml.rels": rels,
        },
    )
    with pytest.raises(InputError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=1 * MB)
    assert_names_file_problem_and_fix(caught.value, path, "in all", "--max-size")


@pytest.fixture(scope="module")
def real_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real zip bomb: a 300 MB document.xml of zeros, about 1.4 MB compressed."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        with package.open("word/document.xml", "w") as part:
            chunk = bytes(MB)
            for _ in range(300):
                part.write(chunk)
    return path


def test_a_real_300_mb_bomb_is_refused_by_the_default_limit_without_decompressing(
    real_bomb: Path, opened_parts: list[str], bytes_decompressed: list[int]
) -> None:
    assert real_bomb.stat().st_size < 5 * MB
    with pytest.raises(InputError) as caught:
        read_input(real_bomb, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, real_bomb, "314,572,800 bytes", "--max-size")
    assert "word/document.xml" not in opened_parts
    assert bytes_decompressed[0] == 0


def patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Make the local and central headers of member `name` lie about its uncompressed size."""
    encoded = name.encode()
    patched = bytearray(data)
    for signature, size_at, name_length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        start = 0
        while (at := patched.find(signature, start)) >= 0:
            (length,) = struct.unpack_from("<H", patched, at + name_length_at)
            if bytes(patched[at + name_at : at + name_at + length]) == encoded:
                struct.pack_into("<I", patched, at + size_at, size)
            start = at + 4
    return bytes(patched)


def test_a_header_that_understates_the_size_never_yields_more_than_the_limit(
    tmp_path: Path, bytes_decompressed: list[int]
) -> None:
    big = DOCUMENT.replace("considering", "z" * (8 * MB))
    honest = docx(tmp_path / "honest.docx", big).read_bytes()
    path = tmp_path / "liar.docx"
    path.write_bytes(patch_declared_size(honest, "word/document.xml", 1000))
    with pytest.raises(RevdiffError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=1 * MB)
    # zipfile stops at the declared size and the CRC check then fails: refused as damaged.
    assert_names_file_problem_and_fix(caught.value, path, "damaged or incomplete")
    assert bytes_decompressed[0] <= 1 * MB


def test_the_chunked_reader_stops_as_soon_as_the_real_size_passes_the_budget(
    tmp_path: Path, bytes_decompressed: list[int]
) -> None:
    path = write_zip(tmp_path / "part.zip", {"word/document.xml": bytes(4 * MB)})
    with zipfile.ZipFile(path) as archive, pytest.raises(InputError) as caught:
        info = archive.getinfo("word/document.xml")
        ooxml_package._read_member(archive, info, str(path), 100_000, 100_000)
    assert "decompressed to more than its header declared" in str(caught.value)
    assert bytes_decompressed[0] <= 100_000 + ooxml_package.CHUNK


def test_a_file_larger_than_the_limit_is_refused_before_opening_the_zip(
    tmp_path: Path, opened_parts: list[str]
) -> None:
    path = docx(
        tmp_path / "large.docx",
        DOCUMENT,
        {"word/media/image1.png": random.Random(0).randbytes(200_000)},
    )
    with pytest.raises(InputError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=100_000)
    assert_names_file_problem_and_fix(caught.value, path, "--max-size")
    assert opened_parts == []


def test_a_package_with_absurdly_many_parts_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ooxml_package, "MAX_PARTS", 20)
    parts = {f"junk/{n}.xml": "<x/>" for n in range(30)}
    path = docx(tmp_path / "many.docx", DOCUMENT, dict(parts))
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=MB)
    assert_names_file_problem_and_fix(caught.value, path, "32 parts")


# --------------------------------------------------------------------------------------------
# XML attacks

XXE = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>'
    "</w:document>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document ['
    '<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)


@pytest.mark.parametrize("document", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_a_document_with_a_dtd_is_refused(tmp_path: Path, document: str) -> None:
    path = docx(tmp_path / "dtd.docx", document)
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(
        caught.value, path, "word/document.xml", "DTD/entity declarations", "refusing for safety"
    )
    assert "root:" not in str(caught.value)


def test_a_dtd_in_a_secondary_part_is_refused_and_named(tmp_path: Path) -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/numbering" Target="numbering.xml"/></Relationships>'
    )
    numbering = XXE.replace("w:document", "w:numbering").replace(
        "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>", ""
    )
    path = docx(
        tmp_path / "n.docx",
        DOCUMENT,
        {"word/_rels/document.xml.rels": rels, "word/numbering.xml": numbering},
    )
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "word/numbering.xml", "DTD")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_dtd_is_found_in_utf16_parts_too(encoding: str) -> None:
    bom = "\ufeff".encode(encoding)
    data = bom + XXE.replace(
        '<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    ).encode(encoding)
    with pytest.raises(CorruptFileError, match="DTD"):
        parse_xml(data, "x.docx", "word/document.xml")


@pytest.mark.parametrize("document", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_the_parser_itself_never_expands_entities(document: str) -> None:
    """Defence in depth: even past the DTD refusal, the parser resolves no entity."""
    from lxml import etree

    try:
        root = etree.fromstring(document.encode(), parser=safe_parser())
    except etree.XMLSyntaxError as error:
        # libxml2 may also stop an expansion outright ("entity amplification factor exceeded").
        assert "amplification" in str(error) or "entity" in str(error).lower()
        return
    text = "".join(t.text or "" for t in root.iter(f"{{{W_NS}}}t"))
    assert "root:" not in text
    assert "lol" not in text


def test_a_dtd_in_a_part_revdiff_never_reads_does_not_matter(tmp_path: Path) -> None:
    path = docx(tmp_path / "ok.docx", DOCUMENT, {"customXml/item1.xml": XXE})
    loaded = read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert [b.text for b in loaded.blocks] == ["considering"]


# --------------------------------------------------------------------------------------------
# Broken packages


def test_a_package_without_word_document_xml_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "empty.docx", {"[Content_Types].xml": CONTENT_TYPES})
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "word/document.xml is missing")


def test_the_main_part_is_found_through_the_package_relationships(tmp_path: Path) -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="/word/document2.xml"/></Relationships>'
    )
    path = write_zip(
        tmp_path / "renamed-main.docx",
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": rels, "word/document2.xml": DOCUMENT},
    )
    loaded = read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert [b.text for b in loaded.blocks] == ["considering"]


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("word/document.xml", DOCUMENT[:-20]),
        ("word/document.xml", b"\xff\xfe\x00garbage"),
        ("word/footnotes.xml", f'<w:footnotes xmlns:w="{W_NS}"><w:footnote>'),
    ],
    ids=["truncated-xml", "binary", "bad-footnotes"],
)
def test_malformed_xml_is_refused_naming_the_part(
    tmp_path: Path, part: str, data: str | bytes
) -> None:
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": DOCUMENT,
    }
    parts[part] = data
    path = write_zip(tmp_path / "bad.docx", parts)
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, part, "not well-formed")


def test_xml_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    path = docx(tmp_path / "html.docx", "<html><body>hello</body></html>")
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "not a WordprocessingML document")


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "good.docx"
    body = "".join(
        f"<w:p><w:r><w:t>paragraph {n} of a longer text</w:t></w:r></w:p>" for n in range(200)
    )
    return docx(
        path, DOCUMENT.replace("<w:p><w:r><w:t>considering</w:t></w:r></w:p>", body)
    ).read_bytes()


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_zip_is_refused_as_damaged(
    tmp_path: Path, good_docx: bytes, keep: float
) -> None:
    path = tmp_path / "cut.docx"
    path.write_bytes(good_docx[: int(len(good_docx) * keep)])
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(
        caught.value, path, "damaged or incomplete", "download it again or re-save it in Word"
    )


def test_corrupted_compressed_data_is_refused_as_damaged(tmp_path: Path, good_docx: bytes) -> None:
    data = bytearray(good_docx)
    start = data.find(b"word/document.xml") + len("word/document.xml") + 20
    for offset in range(start, start + 40):
        data[offset] ^= 0x5A
    path = tmp_path / "flipped.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "damaged")


def test_an_empty_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w"):
        pass
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "empty zip")


# --------------------------------------------------------------------------------------------
# Encrypted, renamed and macro-enabled files

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def test_an_encrypted_office_file_is_refused_with_the_password_advice(tmp_path: Path) -> None:
    # Word saves a password-protected .docx as an OLE compound file (EncryptedPackage).
    path = tmp_path / "secret.docx"
    path.write_bytes(OLE_HEADER)
    assert_both_readers_refuse(path, "password")


def assert_both_readers_refuse(path: Path, problem: str) -> None:
    """The .docx reader and the format-sniffing `read_input` both refuse `path` as an
    unsupported format, naming the file, `problem` and a fix."""
    for reader in (
        lambda: read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE),
        lambda: read_input(path),
    ):
        with pytest.raises(UnsupportedFormatError) as caught:
            reader()
        assert_names_file_problem_and_fix(caught.value, path, problem)


def set_encrypted_flag(data: bytes) -> bytes:
    patched = bytearray(data)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := patched.find(signature, start)) >= 0:
            (flags,) = struct.unpack_from("<H", patched, at + flags_at)
            struct.pack_into("<H", patched, at + flags_at, flags | 0x1)
            start = at + 4
    return bytes(patched)


def test_a_zip_with_encrypted_entries_is_refused(tmp_path: Path, good_docx: bytes) -> None:
    path = tmp_path / "zipcrypto.docx"
    path.write_bytes(set_encrypted_flag(good_docx))
    with pytest.raises(UnsupportedFormatError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "encrypted", "remove the password")


def test_a_docm_is_read_without_touching_its_macros(
    tmp_path: Path, opened_parts: list[str]
) -> None:
    path = docx(
        tmp_path / "macros.docm",
        DOCUMENT,
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Sub AutoOpen()"},
    )
    loaded = read_input(path)
    assert [b.text for b in loaded.blocks] == ["considering"]
    assert any("macros ignored" in warning for warning in loaded.warnings)
    assert "word/vbaProject.bin" not in opened_parts


def test_a_pdf_renamed_to_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "really-a.pdf.docx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    with pytest.raises(UnsupportedFormatError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "PDF")
    with pytest.raises(RevdiffError):
        read_input(path)


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_an_odt_renamed_to_docx_is_refused_as_opendocument(tmp_path: Path) -> None:
    path = tmp_path / "really-an-odt.docx"
    path.write_bytes(odt_bytes())
    assert_both_readers_refuse(path, "OpenDocument")


def test_text_renamed_to_docx_is_refused_as_not_a_word_package(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("recalling\na)\tsomething\n", encoding="utf-8")
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "not a zip file")


# --------------------------------------------------------------------------------------------
# Mutations of a valid package: a result or a RevdiffError, never anything else


def mutations(data: bytes) -> Callable[[st.DrawFn], bytes]:
    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        mutated = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(mutated) - 1))
            mutated[at] = draw(st.integers(0, 255))
        if draw(st.booleans()):
            mutated = mutated[: draw(st.integers(0, len(mutated)))]
        return bytes(mutated)

    return mutate


def _xml_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        # Stored (uncompressed), so that mutations reach the XML rather than only the deflate.
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr(
            "word/document.xml", DOCUMENT.replace("considering", "a)\tthe Union; b) x")
        )
    return buffer.getvalue()


PACKAGE = _xml_package()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=mutations(PACKAGE)())
def test_a_mutated_package_gives_a_result_or_a_revdiff_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "mutant.docx"
    path.write_bytes(data)
    for view in View:
        try:
            loaded = read_docx(path, view=view, max_size=MB)
        except RevdiffError as error:
            assert str(error).startswith(f"{path}: ")
        else:
            assert all(isinstance(b.text, str) for b in loaded.blocks)


def test_part_names_are_matched_without_regard_to_case(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "upper.docx",
        {"[Content_Types].xml": CONTENT_TYPES, "Word/Document.XML": DOCUMENT},
    )
    loaded = read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert [b.text for b in loaded.blocks] == ["considering"]


def test_two_parts_whose_names_differ_only_in_case_are_refused(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "twins.docx",
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": DOCUMENT,
            "WORD/document.xml": DOCUMENT.replace("considering", "resolves"),
        },
    )
    with pytest.raises(CorruptFileError) as caught:
        read_docx(path, view=View.ACCEPTED, max_size=DEFAULT_MAX_SIZE)
    assert_names_file_problem_and_fix(caught.value, path, "two parts named")
