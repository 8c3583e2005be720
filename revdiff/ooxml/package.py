"""Safe reading of a Word package (a zip of XML parts): the parts a loader asks for, within limits.

Everything here assumes the file is hostile: the zip may be truncated, encrypted or a bomb whose
headers lie about sizes. A part is decompressed only after its declared size passed the limit,
and read in chunks so that the real size is counted too; each chunk is scanned for a DTD before
it is parsed (`revdiff.ooxml.xml` parses every part).
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from revdiff.errors import CorruptFileError, InputError, UnsupportedFormatError
from revdiff.load.sniff import OLE_MAGIC, PDF_MAGIC, SAVE_AS_DOCX, ZIP_MAGIC
from revdiff.ooxml.names import MAIN_PART, OFFICE_DOCUMENT, PACKAGE_RELS_PART, RELS_NS
from revdiff.ooxml.xml import DAMAGED, DAMAGED_FIX, DOCTYPE_OVERLAP, parse_xml, refuse_dtd

MAX_PARTS = 10_000  # Word packages have tens of parts; a central directory of millions is an attack
CHUNK = 1 << 16
STREAM_CHUNK = 1 << 20  # a streamed part is read and parsed a megabyte at a time

MAX_SIZE_FIX = (
    "if you trust the file, raise the limit with --max-size (in bytes); otherwise ask for a "
    "fresh copy"
)


@dataclass(frozen=True)
class OoxmlPackage:
    """The parts of a Word package a loader asked for, decompressed within the size limit.

    `names` lists every part in the zip (nothing is decompressed to list them); `parts` holds the
    bytes of the parts that were read. `main` is the name of the main document part, and
    `related` names the parts it relates to that were asked for and read, by relationship kind
    (the last segment of the relationship type: ``styles``, ``footnotes``, …).
    """

    source: str
    names: tuple[str, ...]
    parts: dict[str, bytes] = field(default_factory=dict)
    main: str = MAIN_PART
    related: dict[str, str] = field(default_factory=dict)  # "styles" -> "word/styles.xml", …
    warnings: tuple[str, ...] = ()
    # When the main part is streamed (`open_package(..., stream_main=True)`), it is not in
    # `parts`: this reads it again, chunk by chunk, from the still open package.
    stream_main: Callable[[], Iterator[bytes]] | None = None

    def has(self, name: str) -> bool:
        return name in self.parts

    def main_chunks(self) -> Iterator[bytes]:
        """The bytes of the main part: in one piece when it was read, in chunks when streamed."""
        if self.main in self.parts:
            yield self.parts[self.main]
        elif self.stream_main is not None:
            yield from self.stream_main()


def refuse_non_zip(path: Path, head: bytes) -> None:
    """Refuse, with the right message, a file named .docx that is not a zip package."""
    source = str(path)
    if head.startswith(ZIP_MAGIC):
        return
    if head.startswith(OLE_MAGIC):
        raise UnsupportedFormatError(
            source,
            "this is a legacy Word .doc or an encrypted (password-protected) Office file",
            "remove any password, then " + SAVE_AS_DOCX,
        )
    if head.startswith(PDF_MAGIC):
        raise UnsupportedFormatError(
            source,
            "this is a PDF file, not a Word document",
            "open the original Word file instead, or convert the PDF to .docx or plain text",
        )
    if head.startswith(b"PK\x05\x06"):
        raise CorruptFileError(source, "this Word file is an empty zip archive", DAMAGED_FIX)
    raise CorruptFileError(
        source,
        "this file is not a Word package (it is not a zip file)",
        "download the file again, or " + SAVE_AS_DOCX,
    )


def _declared_entry_count(path: Path, size: int) -> int | None:
    """The number of entries the end-of-central-directory record declares, read before zipfile
    builds an object per entry (None when the record is absent or zip64)."""
    tail_length = min(size, 22 + 0xFFFF)
    with path.open("rb") as stream:
        stream.seek(size - tail_length)
        tail = stream.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    (entries,) = struct.unpack_from("<H", tail, at + 10)
    return None if entries == 0xFFFF else int(entries)


def _too_big(source: str, what: str, max_size: int, *, bomb: bool = True) -> InputError:
    hint = " (a zip bomb?)" if bomb else ""
    return InputError(
        source, f"{what}, more than the --max-size limit of {max_size:,} bytes{hint}", MAX_SIZE_FIX
    )


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, budget: int, max_size: int
) -> bytes:
    """Decompress one whole part, with the checks of `_stream_member`."""
    return b"".join(_stream_member(archive, info, source, budget, max_size, chunk_size=CHUNK))


def read_package(path: Path, *, max_size: int, related: tuple[str, ...] = ()) -> OoxmlPackage:
    """Open the Word package at `path` and read its main document part and the parts the main
    part relates to with a relationship of a kind in `related` (``styles``, ``numbering``,
    ``footnotes``, …), refusing anything damaged, encrypted or larger than `max_size` once
    decompressed. A missing related part is not an error: the loader does without it."""
    with open_package(path, max_size=max_size, related=related) as package:
        return package


@contextmanager
def open_package(
    path: Path, *, max_size: int, related: tuple[str, ...] = (), stream_main: bool = False
) -> Iterator[OoxmlPackage]:
    """`read_package`, keeping the package open while the caller works. With `stream_main`,
    the main part is checked in full (its size, its checksum, no DTD) but not kept: the
    package's `main_chunks()` reads it again a megabyte at a time, so that a loader can parse
    a huge document without ever holding all of it."""
    source = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        raise InputError(
            source, f"cannot read the file ({error.strerror})", "check the path and permissions"
        ) from error
    refuse_non_zip(path, head)
    if size > max_size:
        raise _too_big(source, f"the file is {size:,} bytes", max_size, bomb=False)
    declared = _declared_entry_count(path, size)
    if declared is not None and declared > MAX_PARTS:
        raise CorruptFileError(
            source,
            f"the package declares {declared:,} parts, far more than any Word file has",
            DAMAGED_FIX,
        )
    with _damage_reported(source):
        archive = zipfile.ZipFile(path)
    with archive:
        with _damage_reported(source):
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise CorruptFileError(
                    source,
                    f"the package has {len(infos):,} parts, far more than any Word file has",
                    DAMAGED_FIX,
                )
            package = _read_parts(archive, infos, source, max_size, related, stream_main)
        yield package


@contextmanager
def _damage_reported(source: str) -> Iterator[None]:
    """Turn what zipfile and zlib raise on a damaged package into one CorruptFileError."""
    try:
        yield
    except zipfile.BadZipFile as error:
        raise CorruptFileError(source, f"{DAMAGED} ({error})", DAMAGED_FIX) from error
    except (zlib.error, EOFError, NotImplementedError, ValueError, OSError) as error:
        # zlib errors, truncation inside a part, an unsupported compression method, bad offsets.
        raise CorruptFileError(
            source, f"{DAMAGED} ({type(error).__name__}: {error})", DAMAGED_FIX
        ) from error


def _stream_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    source: str,
    budget: int,
    max_size: int,
    *,
    chunk_size: int | None = None,
) -> Iterator[bytes]:
    """Decompress one part a chunk at a time, refusing it as soon as its real size passes the
    budget or a chunk shows a DTD; damage (checksum, truncation) surfaces as CorruptFileError."""
    # Looked up at each call, not bound as a default: a test reads in tiny chunks by setting it.
    size = chunk_size or STREAM_CHUNK
    total = 0
    previous = b""
    with _damage_reported(source):
        stream = archive.open(info)
    with stream:
        while True:
            with _damage_reported(source):
                chunk = stream.read(size)
            if not chunk:
                return
            total += len(chunk)
            if total > budget:
                raise _too_big(
                    source,
                    f"the part {info.filename} decompressed to more than its header declared",
                    max_size,
                )
            refuse_dtd(previous[-DOCTYPE_OVERLAP:] + chunk, source, info.filename)
            previous = chunk
            yield chunk


def _read_parts(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    source: str,
    max_size: int,
    related: tuple[str, ...],
    stream_main: bool = False,
) -> OoxmlPackage:
    # Looked up case-insensitively, as Word does (part names differing only in case are refused
    # below, so the lower-cased name is unambiguous).
    by_name = {info.filename.lower(): info for info in infos}
    names = tuple(info.filename for info in infos)
    # Part names are case-insensitive and unique in a Word package (ECMA-376 Part 2). With two
    # parts of one name, Word and revdiff could each read a different text: refuse.
    seen: set[str] = set()
    for name in names:
        if name.lower() in seen:
            raise CorruptFileError(
                source,
                f"the package holds two parts named {name}, which no Word file has",
                DAMAGED_FIX,
            )
        seen.add(name.lower())
    if any(info.flag_bits & 0x1 for info in infos):
        raise UnsupportedFormatError(
            source,
            "the package is encrypted (password-protected)",
            "remove the password in Word (File > Info > Protect Document), save, and try again",
        )
    warnings: list[str] = []
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        # Never decompressed, never parsed: noting it is all revdiff does with a macro project.
        warnings.append("the document contains macros (vbaProject.bin); macros ignored, never run")

    spent = 0
    parts: dict[str, bytes] = {}

    def declared(name: str) -> zipfile.ZipInfo:
        """The part's entry, refused on its declared size first, so that a bomb is never
        decompressed at all."""
        info = by_name[name.lower()]
        if info.file_size > max_size:
            raise _too_big(
                source, f"the part {name} would decompress to {info.file_size:,} bytes", max_size
            )
        if spent + info.file_size > max_size:
            raise _too_big(
                source,
                f"the parts revdiff reads would decompress to {spent + info.file_size:,} bytes "
                "in all",
                max_size,
            )
        return info

    def take(name: str) -> bytes:
        nonlocal spent
        info = declared(name)
        data = _read_member(archive, info, source, max_size - spent, max_size)
        spent += len(data)
        parts[name] = data
        return data

    def check_streamed(name: str) -> Callable[[], Iterator[bytes]]:
        """Check a part as `take` does, in full and at the same point, without keeping it."""
        nonlocal spent
        info = declared(name)
        budget = max_size - spent
        spent += sum(
            len(chunk) for chunk in _stream_member(archive, info, source, budget, max_size)
        )
        return lambda: _stream_member(archive, info, source, budget, max_size)

    main = MAIN_PART
    if PACKAGE_RELS_PART in by_name:
        root = parse_xml(take(PACKAGE_RELS_PART), source, PACKAGE_RELS_PART)
        for rel in root.iter(f"{{{RELS_NS}}}Relationship"):
            if rel.get("Type") in OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                main = resolve_target("", rel.get("Target") or "")
                break
    if main.lower() not in by_name:
        main = MAIN_PART
    if main.lower() not in by_name:
        _refuse_other_zip_formats(archive, by_name, source)
        raise CorruptFileError(
            source,
            f"the Word package has no main document part ({MAIN_PART} is missing)",
            DAMAGED_FIX,
        )
    streamed = check_streamed(main) if stream_main else None
    if streamed is None:
        take(main)
    targets: dict[str, str] = {}
    main_rels = rels_name(main)
    if main_rels.lower() in by_name:
        root = parse_xml(take(main_rels), source, main_rels)
        for rel in root.iter(f"{{{RELS_NS}}}Relationship"):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            if kind in related and kind not in targets and rel.get("TargetMode") != "External":
                targets[kind] = resolve_target(main, rel.get("Target") or "")
    for kind in related:
        # Without a relationship, fall back to Word's usual name (word/styles.xml, …).
        name = targets.get(kind) or posixpath.join(posixpath.dirname(main), kind + ".xml")
        if name.lower() in by_name:
            if name not in parts:
                take(name)
            targets[kind] = name
        else:
            targets.pop(kind, None)
    return OoxmlPackage(source, names, parts, main, targets, tuple(warnings), streamed)


def _refuse_other_zip_formats(
    archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], source: str
) -> None:
    """A zip that is not a Word package at all (an OpenDocument file renamed .docx) gets its own
    message rather than "word/document.xml is missing"."""
    info = by_name.get("mimetype")
    if info is None or info.file_size > 200:
        return
    mimetype = archive.read(info).decode("ascii", "replace").strip()
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise UnsupportedFormatError(
            source,
            f"this is an OpenDocument file ({mimetype}), not a Word document",
            SAVE_AS_DOCX,
        )


def rels_name(part: str) -> str:
    """The relationships part of `part`: word/document.xml -> word/_rels/document.xml.rels."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target resolved against the folder of `source_part`, as a zip member name."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    folder = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
