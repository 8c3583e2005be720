"""Tell an input's format from its first bytes (and its extension), before any loader reads it.

Content wins over the extension: a PDF renamed to .docx is a PDF. Formats revdiff does not read are
refused here with a message that says how to convert them. An OLE compound file (the container of
.doc, .xls and of password-protected Office files) is told apart by the names in its directory,
so that the message can say "remove the password" rather than "save as .docx".
"""

from __future__ import annotations

import struct
from pathlib import Path

from revdiff.errors import CorruptFileError, UnsupportedFormatError
from revdiff.model import SourceFormat

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, and encrypted Office files
PDF_MAGIC = b"%PDF-"
RTF_MAGIC = b"{\\rtf"

SAVE_AS_DOCX = "open it in Word or LibreOffice and save it as .docx (or export it as plain text)"
TEXT_EXTENSIONS = {".txt", ".text", ".tika", ""}
GIVE_RESOLUTION = "give the resolution itself, as a .docx or text file"

# Binary formats that arrive by e-mail instead of a resolution. Every magic is at least two bytes
# that no text file starts with (a control byte or a byte above 0x7F).
_OTHER_BINARY: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", GIVE_RESOLUTION),
    (b"\xff\xd8\xff", "a JPEG image", GIVE_RESOLUTION),
    (b"GIF87a", "a GIF image", GIVE_RESOLUTION),
    (b"GIF89a", "a GIF image", GIVE_RESOLUTION),
    (b"II*\x00", "a TIFF image", GIVE_RESOLUTION),
    (b"MM\x00*", "a TIFF image", GIVE_RESOLUTION),
    (b"\x1f\x8b", "a gzip archive", "extract it first (gunzip) and give the file inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract it first and give the file inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "extract it first and give the file inside"),
    (b"\xfd7zXZ\x00", "an xz archive", "extract it first (unxz) and give the file inside"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive", "extract it first and give the file inside"),
    (b"\x7fELF", "a program (ELF executable)", GIVE_RESOLUTION),
)


def detect_format(path: Path, head: bytes) -> SourceFormat:
    """The format of `path`, judged by its first bytes `head` and then its extension."""
    suffix = path.suffix.lower()
    if head.startswith(PDF_MAGIC):
        return SourceFormat.PDF
    if head.startswith(OLE_MAGIC):
        problem, fix = describe_ole(path)
        raise UnsupportedFormatError(str(path), problem, fix)
    if head.startswith(RTF_MAGIC):
        raise UnsupportedFormatError(str(path), "this is an RTF file", SAVE_AS_DOCX)
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        if suffix in {".odt", ".ods", ".odp"} or b"mimetypeapplication/vnd.oasis" in head[:100]:
            raise UnsupportedFormatError(
                str(path), "this is an OpenDocument file, which revdiff does not read", SAVE_AS_DOCX
            )
        if b"mimetypeapplication/epub+zip" in head[:100]:
            raise UnsupportedFormatError(str(path), "this is an EPUB e-book", GIVE_RESOLUTION)
        return SourceFormat.DOCX
    for magic, what, fix in _OTHER_BINARY:
        if head.startswith(magic):
            raise UnsupportedFormatError(str(path), f"this is {what}, not a resolution", fix)
    if suffix in {".docx", ".docm", ".dotx", ".dotm"}:
        # A .docx that is not a zip at all: renamed text, HTML or a damaged download.
        raise CorruptFileError(
            str(path),
            "this .docx is not a Word package (it is not a zip file)",
            "download the file again, or " + SAVE_AS_DOCX,
        )
    if suffix in {".doc", ".odt", ".rtf", ".pages", ".wpd"}:
        raise UnsupportedFormatError(
            str(path), f"revdiff does not read {suffix} files", SAVE_AS_DOCX
        )
    return SourceFormat.TEXT


# --------------------------------------------------------------------------------------------
# OLE compound files ([MS-CFB]): just enough to read the names in the root directory

_FREE_OR_END = 0xFFFFFFFA  # sector numbers from here up are markers, not sectors
_MAX_DIRECTORY_SECTORS = 64  # a .doc's directory holds a handful of entries; stop long before
_WORD_FIB_MAGIC = 0xA5EC
_FIB_ENCRYPTED = 0x0100  # FibBase.fEncrypted, in the flags word at byte 10 of WordDocument
_MINI_STREAM_CUTOFF = 4096


def describe_ole(path: Path) -> tuple[str, str]:
    """What kind of OLE compound file `path` is, as (problem, fix) for the refusal message."""
    try:
        entries = _ole_directory(path)
    except (OSError, struct.error, ValueError):
        entries = {}
    if "EncryptedPackage" in entries or "EncryptionInfo" in entries:
        return (
            "this Office file is encrypted with a password (password-protected)",
            "open it in Word, remove the password (File > Info > Protect Document > Encrypt "
            "with Password, then clear it) and save it as .docx",
        )
    if "WordDocument" in entries:
        if _word_fib_encrypted(path, entries["WordDocument"]):
            return (
                "this legacy Word .doc is encrypted with a password (password-protected)",
                "open it in Word, remove the password and save it as .docx",
            )
        return "this is a legacy Word 97-2003 .doc file, which revdiff does not read", SAVE_AS_DOCX
    if "Workbook" in entries or "Book" in entries:
        return "this is an Excel workbook, not a Word document", GIVE_RESOLUTION
    if "PowerPoint Document" in entries:
        return "this is a PowerPoint presentation, not a Word document", GIVE_RESOLUTION
    if any(name.startswith("__substg1.0_") for name in entries):
        return (
            "this is a saved Outlook e-mail (.msg), not a resolution",
            "save the resolution attached to the e-mail and give that file",
        )
    return (
        "this is a legacy Word .doc or an encrypted (password-protected) Office file",
        "remove any password, then " + SAVE_AS_DOCX,
    )


def _ole_directory(path: Path) -> dict[str, tuple[int, int]]:
    """The directory entries of an OLE file: name -> (first sector, size). Bounded reads only;
    anything inconsistent ends the walk (the caller then falls back to a generic message)."""
    entries: dict[str, tuple[int, int]] = {}
    with path.open("rb") as handle:
        header = handle.read(512)
        if len(header) < 512:
            return entries
        shift = struct.unpack_from("<H", header, 30)[0]
        if shift not in (9, 12):
            return entries
        sector_size = 1 << shift
        first_directory = struct.unpack_from("<L", header, 48)[0]
        difat = struct.unpack_from("<109L", header, 76)
        per_fat_sector = sector_size // 4

        def read_sector(number: int) -> bytes:
            handle.seek((number + 1) * sector_size)
            data = handle.read(sector_size)
            if len(data) < sector_size:
                raise ValueError("sector past the end of the file")
            return data

        def next_sector(number: int) -> int:
            index = number // per_fat_sector
            if index >= len(difat) or difat[index] >= _FREE_OR_END:
                return _FREE_OR_END  # beyond the header's part of the FAT: stop
            fat = read_sector(difat[index])
            value: int = struct.unpack_from("<L", fat, (number % per_fat_sector) * 4)[0]
            return value

        sector = first_directory
        seen: set[int] = set()
        while sector < _FREE_OR_END and sector not in seen:
            if len(seen) >= _MAX_DIRECTORY_SECTORS:
                break
            seen.add(sector)
            data = read_sector(sector)
            for offset in range(0, sector_size, 128):
                length = struct.unpack_from("<H", data, offset + 64)[0]
                kind = data[offset + 66]
                if kind == 0 or not 2 <= length <= 64:
                    continue
                name = data[offset : offset + length - 2].decode("utf-16-le", "replace")
                start, size = struct.unpack_from("<LQ", data, offset + 116)
                entries.setdefault(name, (start, size))
            sector = next_sector(sector)
    return entries


def _word_fib_encrypted(path: Path, entry: tuple[int, int]) -> bool:
    """True if the WordDocument stream's FIB says the .doc is encrypted."""
    start, size = entry
    if size < _MINI_STREAM_CUTOFF or start >= _FREE_OR_END:
        return False  # a stream this small lives in the mini stream; not worth following
    try:
        with path.open("rb") as handle:
            header = handle.read(512)
            sector_size = 1 << struct.unpack_from("<H", header, 30)[0]
            handle.seek((start + 1) * sector_size)
            fib = handle.read(12)
        magic, flags = struct.unpack_from("<H8xH", fib)
    except (OSError, struct.error):
        return False
    return magic == _WORD_FIB_MAGIC and bool(flags & _FIB_ENCRYPTED)
