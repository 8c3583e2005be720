"""Many resolutions in one PDF: the Proceedings of an assembly, the Final Acts of a conference.

`list_resolutions` names the resolutions a PDF holds and the pages each starts on;
`resolution_pages` keeps the pages (and, on the pages where one resolution ends and the next
begins, the part of the page) of one of them, for the PDF loader to read as a document of its own.
Both read the PDF a page at a time: a 1,000-page volume never has its whole text in memory.

A resolution starts at its number line set on a line of its own, in capitals as ITU prints it:
``RESOLUTION 84 (Rev. Geneva, 2022)`` (``RÉSOLUTION``, ``RESOLUCIÓN`` in French and Spanish).
Mentions in running text ("Resolution 84 of …") are not number lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from revdiff.errors import InputError
from revdiff.load.pdf import Progress, check_pdf, iter_pages
from revdiff.load.pdf_layout import PdfChunk, group_lines

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
    for number, total, chunks, _ in iter_pages(path, max_size):
        for resolution, heading, title, _ in _starts(number, chunks):
            found.append(PdfResolution(resolution, heading, title, number))
        if progress is not None:
            progress(number, total)
    return tuple(found)


def _normal(number: str) -> str:
    return number.strip().upper().removeprefix("RESOLUTION").strip().lstrip("0") or "0"


def resolution_pages(
    path: Path, resolution: str, max_size: int, progress: Progress | None = None
) -> tuple[list[list[PdfChunk]], frozenset[int]]:
    """The chunks of the pages of resolution `resolution`, from its number line to the next
    resolution's (or the end of the file); the pages are numbered from 1 again."""
    wanted = _normal(resolution)
    pages: list[list[PdfChunk]] = []
    image_pages: set[int] = set()
    seen: list[str] = []
    inside = done = False
    for number, total, chunks, images in iter_pages(path, max_size):
        if progress is not None:
            progress(number, total)
        if done:
            continue  # the rest is not read into blocks, but the progress bar runs to its end
        kept: list[PdfChunk] = list(chunks) if inside else []
        for found, _, _, baseline in _starts(number, chunks):
            seen.append(found)
            if not inside and _normal(found) == wanted:
                inside = True
                kept = [c for c in chunks if c.y <= baseline + 1.0]
            elif inside and kept and _normal(found) != wanted:
                kept = [c for c in kept if c.y > baseline + 1.0]
                done = True
                break
        if inside:
            pages.append(kept)
            if images:
                image_pages.add(len(pages))
        inside = inside and not done
    if not pages:
        held = ", ".join(dict.fromkeys(seen)) or "none with a RESOLUTION number line"
        raise InputError(
            str(path),
            f"this PDF holds no Resolution {resolution} (it holds: {held})",
            "give one of the numbers it holds (revdiff show FILE lists them)",
        )
    return pages, frozenset(image_pages)
