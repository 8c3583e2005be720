"""Tell an input's format from its first bytes (and its extension), before any loader reads it.

Content wins over the extension: a PDF renamed to .docx is a PDF. Formats revdiff does not read are
refused here with a message that says how to convert them.
"""

from __future__ import annotations

from pathlib import Path

from revdiff.errors import UnsupportedFormatError
from revdiff.model import SourceFormat

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, and encrypted Office files
PDF_MAGIC = b"%PDF-"
RTF_MAGIC = b"{\\rtf"

SAVE_AS_DOCX = "open it in Word or LibreOffice and save it as .docx (or export it as plain text)"
TEXT_EXTENSIONS = {".txt", ".text", ".tika", ""}


def detect_format(path: Path, head: bytes) -> SourceFormat:
    """The format of `path`, judged by its first bytes `head` and then its extension."""
    suffix = path.suffix.lower()
    if head.startswith(PDF_MAGIC):
        return SourceFormat.PDF
    if head.startswith(OLE_MAGIC):
        raise UnsupportedFormatError(
            str(path),
            "this is a legacy Word .doc or an encrypted (password-protected) Office file",
            "remove any password, then " + SAVE_AS_DOCX,
        )
    if head.startswith(RTF_MAGIC):
        raise UnsupportedFormatError(str(path), "this is an RTF file", SAVE_AS_DOCX)
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        if suffix in {".odt", ".ods", ".odp"} or b"mimetypeapplication/vnd.oasis" in head[:100]:
            raise UnsupportedFormatError(
                str(path), "this is an OpenDocument file, which revdiff does not read", SAVE_AS_DOCX
            )
        return SourceFormat.DOCX
    if suffix in {".docx", ".docm", ".dotx", ".dotm"}:
        # A .docx that is not a zip at all: renamed text, HTML or a damaged download.
        from revdiff.errors import CorruptFileError

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
