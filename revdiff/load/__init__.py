"""Loading: the only code that reads input files. Checks the path, sniffs the format, dispatches.

`read_input` returns the flat `LoadedText` a format loader made; `load_document` goes on to parse
its structure. Every failure is an `InputError` (or subclass) naming the file and the fix.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from revdiff.errors import InputError, UnsupportedFormatError
from revdiff.load.sniff import SAVE_AS_DOCX, detect_format
from revdiff.model import DEFAULT_MAX_SIZE, Document, LoadedText, SourceFormat, View

_HEAD_SIZE = 512

__all__ = ["DEFAULT_MAX_SIZE", "load_document", "read_input"]


def load_document(
    path: Path,
    *,
    view: View = View.ACCEPTED,
    max_size: int = DEFAULT_MAX_SIZE,
    max_clauses: int | None = None,
    lang: str | None = None,
    resolution: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """Read `path` (text, .docx or PDF) and parse it into a `Document`. With `max_clauses`, a
    document of more clauses is refused (`InputError`) as soon as the parse finds one too many.
    `lang` names the text's language (None: tell it from the text); `resolution` picks one
    resolution of a PDF that holds several; `progress(page, pages)` follows a PDF's pages.
    """
    from revdiff.structure import parse_block_list

    loaded = read_input(
        path, view=view, max_size=max_size, resolution=resolution, progress=progress
    )
    # Only the list keeps the blocks alive from here: popping hands each one to the parse, which
    # lets go of it once read (the parse never changes what it is given).
    pending = list(reversed(loaded.blocks))
    blocks = (pending.pop() for _ in range(len(pending)))
    loaded = replace(loaded, blocks=())
    # Passed on only when given, so that the parse's own default (detection) stays its own.
    language = {"lang": lang} if lang is not None else {}
    return parse_block_list(loaded, blocks, max_clauses=max_clauses, **language)


def read_input(
    path: Path,
    *,
    view: View = View.ACCEPTED,
    max_size: int = DEFAULT_MAX_SIZE,
    resolution: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LoadedText:
    """Check that `path` is a readable file, tell its format by content and extension, and
    hand it to that format's loader (`progress(page, pages)` is called for a PDF's pages)."""
    path = Path(path)
    head = _read_head(path)
    source_format = detect_format(path, head)
    if resolution is not None and source_format is not SourceFormat.PDF:
        raise InputError(
            str(path),
            f"choosing one resolution ({resolution}) inside a file works for PDF files only",
            "give a file that holds the one resolution",
        )
    if source_format is SourceFormat.TEXT:
        from revdiff.load.text import read_text

        return read_text(path, max_size=max_size)
    if source_format is SourceFormat.DOCX:
        from revdiff.load.docx import read_docx

        return read_docx(path, view=view, max_size=max_size)
    if source_format is SourceFormat.PDF:
        try:
            from revdiff.load.pdf import read_pdf
        except ModuleNotFoundError as error:
            # PDF support is optional: the pypdf extra may be missing from this installation.
            if error.name not in {"revdiff.load.pdf", "pypdf"}:
                raise
            raise UnsupportedFormatError(
                str(path),
                "this installation of revdiff cannot read PDF files",
                "reinstall revdiff with its dependencies (pip install pypdf), or " + SAVE_AS_DOCX,
            ) from None

        return read_pdf(path, max_size=max_size, resolution=resolution, progress=progress)
    raise UnsupportedFormatError(
        str(path), f"revdiff cannot read {source_format} files", "convert it: " + SAVE_AS_DOCX
    )


def _read_head(path: Path) -> bytes:
    """The first bytes of `path`, after refusing what is not a readable regular file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(
            str(path), "no such file", "check the spelling and the directory of the path"
        ) from None
    except PermissionError:
        raise InputError(
            str(path), "permission denied", "make the file and its folders readable"
        ) from None
    except OSError as error:
        raise _cannot_read(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(str(path), "this is a directory, not a file", "give the path of a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            str(path),
            "this is not a regular file (a device, pipe or socket)",
            "save the input to a file first and give that path",
        )
    if not os.access(path, os.R_OK):
        raise _unreadable(path)
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD_SIZE)
    except PermissionError:
        raise _unreadable(path) from None
    except OSError as error:
        raise _cannot_read(path, error) from None


def _unreadable(path: Path) -> InputError:
    return InputError(str(path), "permission denied", "make the file readable (chmod +r)")


def _cannot_read(path: Path, error: OSError) -> InputError:
    return InputError(
        str(path), f"cannot read the file ({error.strerror or error})", "check the path"
    )
