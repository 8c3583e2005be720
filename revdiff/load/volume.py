"""Many resolutions in one PDF: the Proceedings of an assembly, the Final Acts of a conference.

`list_resolutions` names the resolutions a PDF holds and the pages each starts on;
`resolution_pages` keeps the pages (and, on the pages where one resolution ends and the next
begins, the part of the page) of one of them, for the PDF loader to read as a document of its own;
`iter_volume` reads them all, one after the other, in one pass. All read the PDF a page at a
time: a 1,000-page volume never has its whole text in memory, only one resolution's.

A resolution starts at its number line set on a line of its own, in capitals as ITU prints it:
``RESOLUTION 84 (Rev. Geneva, 2022)`` (``RÉSOLUTION``, ``RESOLUCIÓN`` in French and Spanish).
Mentions in running text ("Resolution 84 of …") are not number lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from revdiff.errors import InputError
from revdiff.load.pdf import Progress, captured_pypdf_messages, check_pdf, iter_pages
from revdiff.load.pdf_layout import PdfChunk, group_lines, parse_pdf_pages
from revdiff.model import LoadedText

# ITU's English, French and Spanish texts ("RÉSOLUTION 84", "RESOLUCIÓN 84").
NUMBER_LINE_RE = re.compile(
    r"(?:RESOLUTION|R[ÉE]SOLUTION|RESOLUCI[ÓO]N)\s+(\d{1,4}[A-Z]?)(?:\s*\([^)]*\)?)?\s*\*?"
)


@dataclass(frozen=True)
class PdfResolution:
    """One resolution of a PDF: its number ("84"), its number line, its title (the line after
    the number line, when it is on the same page) and the 1-based page it starts on."""

    number: str
    heading: str
    title: str
    page: int


def number_line(text: str) -> str | None:
    """The resolution number of a number line ("RESOLUTION 84 (Rev. Geneva, 2022)" → "84")."""
    match = NUMBER_LINE_RE.fullmatch(" ".join(text.replace("\u00a0", " ").split()))
    return match.group(1) if match else None


def _starts(page: int, chunks: Sequence[PdfChunk]) -> list[tuple[str, str, str, float]]:
    """The number lines on one page: (number, heading, title, baseline), top first."""
    lines = group_lines(page, chunks)
    found = []
    for index, line in enumerate(lines):
        number = number_line(line.text)
        if number is not None:
            title = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
            found.append((number, " ".join(line.text.split()), title, line.baseline))
    return found


def list_resolutions(
    path: Path, *, max_size: int, progress: Progress | None = None
) -> tuple[PdfResolution, ...]:
    """The resolutions of the PDF at `path`, in the order they appear."""
    check_pdf(path, max_size)
    found: list[PdfResolution] = []
    for number, total, chunks, _ in iter_pages(path, max_size, streamed=True):
        for resolution, heading, title, _ in _starts(number, chunks):
            found.append(PdfResolution(resolution, heading, title, number))
        if progress is not None:
            progress(number, total)
    return tuple(found)


def _normal(number: str) -> str:
    return number.strip().upper().lstrip("0") or "0"


@dataclass
class _Part:
    """One resolution's pages as they are gathered."""

    entry: PdfResolution
    pages: list[list[PdfChunk]] = field(default_factory=list)
    image_pages: set[int] = field(default_factory=set)


def _split(path: Path, max_size: int, progress: Progress | None) -> Iterator[_Part]:
    """The resolutions of a volume in turn, each with its pages: from its number line to the
    next one (a page where one ends and the next begins is cut at the number line). Pages
    before the first number line (a cover, a table of contents) belong to none. Only the
    resolution being gathered is in memory."""
    current: _Part | None = None
    for number, total, chunks, images in iter_pages(path, max_size, streamed=True):
        if progress is not None:
            progress(number, total)
        remaining = list(chunks)
        for found, heading, title, baseline in _starts(number, chunks):  # top first
            if current is not None:
                current.pages.append([c for c in remaining if c.y > baseline + 1.0])
                yield current
            remaining = [c for c in remaining if c.y <= baseline + 1.0]
            current = _Part(PdfResolution(found, heading, title, number))
        if current is not None:
            current.pages.append(remaining)
            if images:
                current.image_pages.add(len(current.pages))
    if current is not None:
        yield current


def resolution_pages(
    path: Path, resolution: str, max_size: int, progress: Progress | None = None
) -> tuple[list[list[PdfChunk]], frozenset[int]]:
    """The chunks of the pages of resolution `resolution` (the first that has that number),
    numbered from 1 again. Reading stops at the end of that resolution."""
    wanted = _normal(resolution)
    seen: list[str] = []
    for part in _split(path, max_size, progress):
        if _normal(part.entry.number) == wanted:
            return part.pages, frozenset(part.image_pages)
        seen.append(part.entry.number)
    held = ", ".join(dict.fromkeys(seen)) or "none with a RESOLUTION number line"
    raise InputError(
        str(path),
        f"this PDF holds no Resolution {resolution} (it holds: {held})",
        "give one of the numbers it holds (revdiff show FILE lists them)",
    )


def iter_volume(
    path: Path, *, max_size: int, progress: Progress | None = None
) -> Iterator[tuple[PdfResolution, LoadedText]]:
    """Every resolution of the PDF at `path` read into blocks, one after the other, in one pass
    over the pages (for a batch over a volume: each resolution's blocks can be parsed and
    compared before the next one is read)."""
    check_pdf(path, max_size)
    with captured_pypdf_messages() as messages:
        for part in _split(path, max_size, progress):
            loaded = parse_pdf_pages(part.pages, str(path), image_pages=frozenset(part.image_pages))
            extra = tuple(f"pypdf: {message}" for message in dict.fromkeys(messages))
            messages.clear()
            yield part.entry, replace(loaded, warnings=loaded.warnings + extra)
