"""Many resolutions in one PDF: the Proceedings of an assembly, the Final Acts of a conference.

Pure: over the pages of a PDF as the PDF loader reads them, one at a time (`revdiff.load.pdf`
does the reading: `list_resolutions`, `iter_volume`, and `read_pdf` with a resolution number).
`list_entries` names the resolutions and the pages each starts on; `split_volume` gathers each
resolution's pages (a page where one resolution ends and the next begins is cut at the number
line), holding only the resolution being gathered: a 1,000-page volume never has its whole text
in memory.

A resolution starts at its number line set on a line of its own, in capitals as ITU prints it:
``RESOLUTION 84 (Rev. Geneva, 2022)`` (``RÉSOLUTION``, ``RESOLUCIÓN`` in French and Spanish).
Mentions in running text ("Resolution 84 of …") are not number lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from revdiff.errors import InputError
from revdiff.load.pdf_layout import PdfChunk, group_lines

Progress = Callable[[int, int], None]  # (pages read, pages in the file)
# A page as the PDF loader reads it: (number, page count, chunks, whether it holds only images).
Page = tuple[int, int, list[PdfChunk], bool]

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


def list_entries(
    pages: Iterable[Page], progress: Progress | None = None
) -> tuple[PdfResolution, ...]:
    """The resolutions of a volume, in the order they appear."""
    found: list[PdfResolution] = []
    for number, total, chunks, _ in pages:
        for resolution, heading, title, _ in _starts(number, chunks):
            found.append(PdfResolution(resolution, heading, title, number))
        if progress is not None:
            progress(number, total)
    return tuple(found)


def _normal(number: str) -> str:
    return number.strip().upper().lstrip("0") or "0"


@dataclass
class VolumePart:
    """One resolution of a volume with its pages (numbered from 1 again)."""

    entry: PdfResolution
    pages: list[list[PdfChunk]] = field(default_factory=list)
    image_pages: set[int] = field(default_factory=set)


def split_volume(pages: Iterable[Page], progress: Progress | None = None) -> Iterator[VolumePart]:
    """The resolutions of a volume in turn, each with its pages: from its number line to the
    next one. Pages before the first number line (a cover, a table of contents) belong to none.
    Only the resolution being gathered is in memory."""
    current: VolumePart | None = None
    heads: set[str] = set()  # the top lines of the pages read so far, numbers masked
    for number, total, chunks, images in pages:
        if progress is not None:
            progress(number, total)
        remaining = list(chunks)
        head = _running_head(number, chunks, heads)
        for found, heading, title, baseline in _starts(number, chunks):  # top first
            if current is not None:
                # What stands above the number line ends the resolution before, except the
                # page's running head: in a resolution of one page it would repeat nowhere,
                # and the layout stage could not tell it from text.
                above = [c for c in remaining if c.y > baseline + 1.0 and c not in head]
                current.pages.append(above)
                yield current
            remaining = [c for c in remaining if c.y <= baseline + 1.0]
            current = VolumePart(PdfResolution(found, heading, title, number))
        if current is not None:
            current.pages.append(remaining)
            if images:
                current.image_pages.add(len(current.pages))
    if current is not None:
        yield current


def _running_head(page: int, chunks: Sequence[PdfChunk], heads: set[str]) -> list[PdfChunk]:
    """The chunks of the page's top line when an earlier page had the same top line (its page
    numbers aside): a running head. Records this page's top line in `heads`."""
    lines = group_lines(page, chunks)
    if not lines:
        return []
    key = re.sub(r"\d+", "#", " ".join(lines[0].text.split())).casefold()
    seen = key in heads
    heads.add(key)
    return list(lines[0].chunks) if seen and number_line(lines[0].text) is None else []


def find_resolution(parts: Iterable[VolumePart], resolution: str, source: str) -> VolumePart:
    """The first part whose number is `resolution`; reading stops at its end."""
    wanted = _normal(resolution)
    seen: list[str] = []
    for part in parts:
        if _normal(part.entry.number) == wanted:
            return part
        seen.append(part.entry.number)
    held = ", ".join(dict.fromkeys(seen)) or "none with a RESOLUTION number line"
    raise InputError(
        source,
        f"this PDF holds no Resolution {resolution} (it holds: {held})",
        "give one of the numbers it holds (revdiff show FILE lists them)",
    )
