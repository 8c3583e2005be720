"""Read a PDF into blocks for the structure parser: pypdf gives the text layer, run by run, with
positions, fonts and sizes (this module, the only one that touches pypdf), and
`revdiff.load.pdf_layout` rebuilds the paragraphs a reader sees. The result goes to the same
`parse_structure` as text and Word files. A PDF that holds many resolutions (Proceedings, Final
Acts) is listed (`list_resolutions`) and read one resolution at a time (`read_pdf` with a number,
`iter_volume`), page by page, with `revdiff.load.volume` telling where each starts.
"""

from __future__ import annotations

import logging
import os
import traceback
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from revdiff.errors import CorruptFileError, InputError, UnsupportedFormatError
from revdiff.load.pdf_layout import PdfChunk, parse_pdf_pages
from revdiff.load.text import CONTROL_CHARACTERS, make_visible_filter
from revdiff.load.volume import (
    PdfResolution,
    Progress,
    find_resolution,
    list_entries,
    split_volume,
)
from revdiff.model import LoadedText

PDF_EXTRA_FIX = "reinstall revdiff with its dependencies (pip install pypdf)"

# A font without a usable encoding maps glyph codes straight to characters, control characters
# and lone UTF-16 surrogates among them: none may reach a report, a terminal or a Word file (the
# text loader's controls; a surrogate cannot even be written as UTF-8, so it shows as U+FFFD).
# Carriage return separates words too. Soft hyphens stay: joining lines needs them.
_visible = make_visible_filter(
    CONTROL_CHARACTERS
    | dict.fromkeys(map(chr, range(0xD800, 0xE000)), "\ufffd")
    | {"\ufeff": None, "\r": " "}
)


# --------------------------------------------------------------------------------------------
# Extraction (the only part that touches pypdf)


def read_pdf(
    path: Path,
    *,
    max_size: int,
    resolution: str | None = None,
    progress: Progress | None = None,
) -> LoadedText:
    """Read the text layer of the PDF at `path` into blocks (see the module docstring). With
    `resolution` ("84"), only the pages of that resolution in a PDF that holds many (Proceedings,
    Final Acts) are kept. `progress(page, pages)` is called after each page is read."""
    check_pdf(path, max_size)
    with captured_pypdf_messages() as messages:
        if resolution is None:
            pages, image_pages = _extract_chunks(path, max_size, progress)
        else:
            streamed = iter_pages(path, max_size, streamed=True)
            part = find_resolution(split_volume(streamed, progress), resolution, str(path))
            pages, image_pages = part.pages, frozenset(part.image_pages)
    loaded = parse_pdf_pages(pages, str(path), image_pages=image_pages)
    extra = tuple(f"pypdf: {message}" for message in dict.fromkeys(messages))
    return replace(loaded, warnings=loaded.warnings + extra)


def list_resolutions(
    path: Path, *, max_size: int, progress: Progress | None = None
) -> tuple[PdfResolution, ...]:
    """The resolutions of the PDF at `path` (Proceedings, Final Acts), in the order they
    appear, read a page at a time."""
    check_pdf(path, max_size)
    with captured_pypdf_messages():
        return list_entries(iter_pages(path, max_size, streamed=True), progress)


def iter_volume(
    path: Path, *, max_size: int, progress: Progress | None = None
) -> Iterator[tuple[PdfResolution, LoadedText]]:
    """Every resolution of the PDF at `path` read into blocks, one after the other, in one pass
    over the pages, one resolution's pages in memory at a time (for a batch over a volume:
    each can be parsed and compared before the next one is read)."""
    check_pdf(path, max_size)
    with captured_pypdf_messages() as messages:
        for part in split_volume(iter_pages(path, max_size, streamed=True), progress):
            pages = part.pages
            loaded = parse_pdf_pages(pages, str(path), image_pages=frozenset(part.image_pages))
            extra = tuple(f"pypdf: {message}" for message in dict.fromkeys(messages))
            messages.clear()
            yield part.entry, replace(loaded, warnings=loaded.warnings + extra)


def check_pdf(path: Path, max_size: int) -> None:
    """Refuse a PDF that cannot be read at all here: pypdf missing, or a file over the limit."""
    try:
        import pypdf  # noqa: F401  (optional: only the PDF extra installs it)
    except ImportError as error:
        raise UnsupportedFormatError(
            str(path), "reading PDF needs the pypdf package, which is not installed", PDF_EXTRA_FIX
        ) from error
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(
            str(path), f"cannot read the file ({error.strerror})", "check the path"
        ) from error
    if size > max_size:
        raise InputError(
            str(path),
            f"the file is larger than the {max_size:,}-byte limit on inputs",
            "if it really is a resolution, raise the limit (--max-size on the command line, "
            "max_size= in the API)",
        )


@contextmanager
def captured_pypdf_messages() -> Iterator[list[str]]:
    """Collect what pypdf reports through `warnings` and `logging`: those become load warnings
    instead of lines on stderr (or errors under ``-W error``)."""
    messages: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("pypdf")
    handler = _Collect(level=logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield messages
        messages.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


# Drawing instructions cost pypdf far more to read than text costs the text loader (about a
# second and 50 MB a megabyte, against 0.15 s and 5 MB for text): a PDF's decoded page content
# may be at most 1/CONTENT_SHARE of the limit on inputs, so that the default limit keeps a PDF
# to about a minute and well under 1.5 GB, as it does a text file. 10 MB is some 1,700 pages of
# dense text, far beyond any resolution.
CONTENT_SHARE = 20
DAMAGED_FIX = "download it again, or open it in a PDF viewer and save a new copy"
LIMIT_FIX = (
    "if it really is a resolution, raise the limit (--max-size on the command line, max_size= "
    "in the API)"
)


def _extract_chunks(
    path: Path, max_size: int, progress: Progress | None = None
) -> tuple[list[list[PdfChunk]], frozenset[int]]:
    pages: list[list[PdfChunk]] = []
    image_pages: set[int] = set()
    for number, total, chunks, images in iter_pages(path, max_size):
        pages.append(chunks)
        if images:
            image_pages.add(number)
        if progress is not None:
            progress(number, total)
    return pages, frozenset(image_pages)


def iter_pages(
    path: Path, max_size: int, *, streamed: bool = False
) -> Iterator[tuple[int, int, list[PdfChunk], bool]]:
    """The chunks of each page in turn, as (page number, page count, chunks, whether a page
    without text holds images): only one page's text is in memory at a time. The drawing
    instructions of all pages count against the PDF's share of `max_size`; with `streamed`
    (a reader that keeps no more than a resolution of a volume), those of each page alone."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
        total = content = 0
        count = len(reader.pages)
        for number, page in enumerate(reader.pages, start=1):
            content = (0 if streamed else content) + _content_size(page)
            if content * CONTENT_SHARE > max_size:
                raise InputError(
                    str(path),
                    (
                        f"page {number} of this PDF holds"
                        if streamed
                        else f"the pages of this PDF (up to page {number}) hold"
                    )
                    + " more than "
                    f"{max_size // CONTENT_SHARE:,} bytes of drawing instructions, the share of "
                    f"the {max_size:,}-byte limit on inputs that a PDF may use",
                    LIMIT_FIX,
                )
            chunks = _page_chunks(page)
            images = not chunks and _has_images(page)
            total += sum(len(c.text) for c in chunks)
            if total > max_size:
                raise InputError(
                    str(path),
                    f"the text of this PDF is larger than the {max_size:,}-byte limit on inputs",
                    LIMIT_FIX,
                )
            yield number, count, chunks, images
    except InputError:
        raise
    except FileNotDecryptedError as error:
        raise UnsupportedFormatError(
            str(path),
            "this PDF is password-protected",
            "open it with its password and save or print an unprotected copy",
        ) from error
    except DependencyError as error:  # AES without cryptography (a dependency, but maybe removed)
        raise UnsupportedFormatError(
            str(path),
            f"reading this PDF needs a package that is not installed ({_said(error)})",
            "install it (pip install cryptography), or save or print an unencrypted copy",
        ) from error
    except LimitReachedError as error:
        raise CorruptFileError(
            str(path),
            "this PDF goes past one of pypdf's safety limits on streams (a damaged file, or a "
            f"decompression bomb: {_said(error)})",
            "get the Word (.docx) version of the text, or print the PDF to a new PDF",
        ) from error
    except RecursionError as error:
        raise CorruptFileError(
            str(path),
            "the PDF nests its arrays or dictionaries too deeply to read (damaged or hostile)",
            DAMAGED_FIX,
        ) from error
    except MemoryError as error:
        raise InputError(
            str(path), "the PDF needs more memory to read than this machine has", DAMAGED_FIX
        ) from error
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        # pypdf reports damage with many exception types; all of them mean the same to the user.
        raise CorruptFileError(str(path), _damage(path, error), DAMAGED_FIX) from error
    except Exception as error:
        # Broken input can trip pypdf in places that raise IndexError, ZeroDivisionError,
        # zlib.error and the like: from inside pypdf, they too mean a damaged file.
        if not _raised_in_pypdf(error):
            raise
        raise CorruptFileError(str(path), _damage(path, error), DAMAGED_FIX) from error


def _raised_in_pypdf(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return any(f"{os.sep}pypdf{os.sep}" in frame.filename for frame in frames)


def _said(error: BaseException) -> str:
    """pypdf's own words, on one short line (they end up inside our one-line message)."""
    text = " ".join(str(error).split()).rstrip(".")
    return (text[:117] + "...") if len(text) > 120 else text or type(error).__name__


def _damage(path: Path, error: BaseException) -> str:
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - 1024))
            complete = b"%%EOF" in handle.read()
    except OSError:
        complete = True
    if not complete:
        return (
            "the PDF is incomplete: it stops before its end-of-file marker (a partial download?) "
            f"and cannot be read ({_said(error)})"
        )
    return f"the PDF is damaged or unreadable ({type(error).__name__}: {_said(error)})"


def _content_size(page: Any) -> int:
    """The decoded size of a page's content streams, each counted as often as the page draws it
    (pypdf keeps the decoded data, so extracting the text decodes nothing twice)."""
    from pypdf.generic import ArrayObject, StreamObject

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    size = 0
    for stream in streams:
        stream = stream.get_object() if stream is not None else None
        if isinstance(stream, StreamObject):
            size += len(stream.get_data())
    return size


def _has_images(page: Any) -> bool:
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    objects = resources.get("/XObject") if resources is not None else None
    return bool(objects.get_object()) if objects is not None else False


def _page_chunks(page: Any) -> list[PdfChunk]:
    chunks: list[PdfChunk] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        text = _visible(text)
        if text and text != "\n":
            chunks.append(_chunk(text, cm, tm, font, size))

    # Upright text only: rotated margin stamps are not part of the resolution.
    page.extract_text(visitor_text=visit, orientations=(0,))
    return chunks


def _chunk(text: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: float) -> PdfChunk:
    """Place a chunk on the page: the text matrix, then the current transformation matrix."""
    a, b, c, d, e, f = (float(v) for v in cm)
    x = a * float(tm[4]) + c * float(tm[5]) + e
    y = b * float(tm[4]) + d * float(tm[5]) + f
    scale = (float(tm[2]) ** 2 + float(tm[3]) ** 2) ** 0.5 * (c * c + d * d) ** 0.5
    name = ""
    if isinstance(font, dict):
        name = str(font.get("/BaseFont", "")).split("+", 1)[-1].lstrip("/")
    return PdfChunk(text=text, x=x, y=y, size=round(float(size) * (scale or 1.0), 2), font=name)
