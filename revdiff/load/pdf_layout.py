"""The pure part of reading a PDF: from the text runs pypdf reports, with their positions, fonts
and sizes, to the paragraphs a reader sees (`parse_pdf_pages`).

A PDF has lines, not paragraphs. We drop the page furniture (running headers and footers, page
numbers, document references), take footnote bodies out of the page foot and their reference
marks out of the text, join the lines of each paragraph (rejoining words hyphenated across lines
only where the document itself shows the unhyphenated word), and keep each item's label apart
from its text with a tab, exactly as the plain-text loader sees ``a)\\tResolution 196 …``.
What a PDF shares with wrapped plain text (furniture patterns, joining, labels, headings) is in
`revdiff.load.layout`. No IO here: the heuristics are tested on hand-made pages as well as on
PDFs that LibreOffice makes. `Block.location` is the 1-based number of the paragraph's first line
among all text lines of the PDF, page after page, counted before headers and footers are dropped.

About 700 lines, kept as one concept: the geometry of one page's lines (where a line ends, what
stands at the foot, what starts a paragraph) is measured once and read by every step after it.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from revdiff.errors import UnsupportedFormatError
from revdiff.load.layout import (
    BARE_NUMBER_RE,
    LABEL_RE,
    call_line_re,
    count_furniture,
    describe_furniture,
    furniture_key,
    furniture_kind,
    is_heading,
    join_text,
    split_label,
    starts_with_glued_label,
    vocabulary,
)
from revdiff.load.text import parse_text_blocks
from revdiff.model import Block, Footnote, LoadedText, SourceFormat

# A note paragraph ("NOTE –", "NOTE 2 –"): always a paragraph of its own in ITU texts.
NOTE_RE = re.compile(r"NOTE(?:\s+\d{1,3})?\s*[–—-]\s")
MARK_RE = re.compile(r"\d{1,3}(?:bis|ter|quater)?|\*{1,3}|[a-z]")
AVERAGE_EM = 0.5  # average advance of a character, in ems: only relative lengths matter here


@dataclass(frozen=True)
class PdfChunk:
    """A run of text as pypdf reports it: its start on the page (points, origin bottom left) and
    its effective font size and font name."""

    text: str
    x: float
    y: float
    size: float
    font: str = ""


@dataclass(frozen=True)
class PdfLine:
    """The chunks that share one baseline, left to right, with the line's number in the PDF."""

    page: int
    number: int
    chunks: tuple[PdfChunk, ...]
    baseline: float
    size: float

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chunks)

    @property
    def x(self) -> float:
        return next((c.x for c in self.chunks if c.text.strip()), self.chunks[0].x)

    @property
    def fonts(self) -> frozenset[str]:
        return frozenset(c.font for c in self.chunks if c.text.strip())


@dataclass
class _Paragraph:
    lines: list[PdfLine] = field(default_factory=list)
    text: str = ""
    marks: list[str] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# From chunks to blocks (pure)


def parse_pdf_pages(
    pages: Sequence[Sequence[PdfChunk]],
    source: str,
    *,
    image_pages: frozenset[int] = frozenset(),
) -> LoadedText:
    """Turn the chunks of each page into paragraphs: lines, furniture dropped, footnotes taken
    out, lines joined. Pure: `read_pdf` feeds it what pypdf reports. `image_pages` are the
    (1-based) pages that hold images: one of them without text is probably scanned."""
    warnings_: list[str] = []
    page_lines: list[list[PdfLine]] = []
    number = 0
    for index, chunks in enumerate(pages, start=1):
        lines = group_lines(index, chunks, first_number=number + 1)
        number += len(lines)
        page_lines.append(lines)
        if not lines and index in image_pages:
            warnings_.append(
                f"page {index} has images but no text (a scanned page?); its text is missing"
            )
    if not any(page_lines):
        raise UnsupportedFormatError(
            source,
            "this PDF has no text layer (it is probably a scanned image)",
            "run OCR on it, or get the Word (.docx) version of the text",
        )
    body_size = _body_size(page_lines)
    kept = drop_page_furniture(page_lines)
    kept_ids = {id(line) for lines in kept for line in lines}
    dropped = count_furniture(
        line.text for lines in page_lines for line in lines if id(line) not in kept_ids
    )
    page_lines = kept
    bodies: list[list[PdfLine]] = []
    notes: list[tuple[int, str, str]] = []  # (page, mark, text)
    for lines in page_lines:
        body, page_notes = split_footnotes(lines, body_size)
        bodies.append(body)
        notes.extend(page_notes)
    marks = frozenset(mark for _, mark, _ in notes)
    paragraphs = join_lines([line for body in bodies for line in body], marks=marks)
    _attach_footnotes(paragraphs, notes, warnings_)
    blocks = tuple(
        Block(
            text=p.text,
            location=p.lines[0].number,
            footnotes=tuple(p.footnotes),
        )
        for p in paragraphs
        if p.text.strip()
    )
    blocks, markup_warnings = resolve_markup(blocks, source)
    warnings_.extend(markup_warnings)
    furniture = describe_furniture(dropped)
    if furniture:
        warnings_.append(furniture)
    return LoadedText(
        source=source,
        format=SourceFormat.PDF,
        blocks=blocks,
        warnings=tuple(warnings_),
        dropped_furniture=dropped,
    )


# Apache Tika's markup, printed as it was: a text file with Tika's markup made into a PDF.
_MARKUP_RE = re.compile(r"\[(?:bookmark:|footnoteRef:\d)|^\[FOOTNOTES\]$")


def resolve_markup(blocks: Sequence[Block], source: str) -> tuple[tuple[Block, ...], list[str]]:
    """Blocks whose text shows Apache Tika's markup (``[footnoteRef:1]1``, ``[bookmark: …]``, a
    ``[FOOTNOTES]`` list at the end) read the way the text loader reads that markup in a text
    file: footnotes on their blocks, bookmarks gone. Blocks without markup are returned as they
    are; each block keeps its location and the footnotes it had."""
    if not any(_MARKUP_RE.search(block.text) for block in blocks):
        return tuple(blocks), []
    # One block a line: the text loader's lines are these paragraphs.
    read = parse_text_blocks("\n".join(b.text.replace("\n", " ") for b in blocks), source)
    resolved = tuple(
        Block(
            block.text,
            blocks[block.location - 1].location,
            footnotes=blocks[block.location - 1].footnotes + block.footnotes,
        )
        for block in read.blocks
    )
    return resolved, [w.replace(f"{source}:", "line ", 1) for w in read.warnings]


def group_lines(page: int, chunks: Sequence[PdfChunk], *, first_number: int = 1) -> list[PdfLine]:
    """Gather chunks into lines by baseline, top of the page first. A raised or lowered chunk
    (a footnote mark) stays on its line: baselines closer than half a line are one line."""
    rows: list[list[PdfChunk]] = []
    for chunk in chunks:
        if not chunk.text.strip(" ") and not rows:
            continue
        for row in reversed(rows[-3:]):
            size = max(_main_size(row), chunk.size)
            if abs(_baseline(row) - chunk.y) <= 0.5 * size:
                row.append(chunk)
                break
        else:
            rows.append([chunk])
    lines = []
    rows = [row for row in rows if "".join(c.text for c in row).strip()]
    rows.sort(key=lambda row: -_baseline(row))
    for offset, row in enumerate(rows):
        ordered = sorted(row, key=lambda c: c.x)
        # pypdf reports a gap as a " " chunk at the next chunk's x: drop it at the line's edges.
        while ordered and not ordered[0].text.strip():
            ordered.pop(0)
        while ordered and not ordered[-1].text.strip():
            ordered.pop()
        lines.append(
            PdfLine(
                page=page,
                number=first_number + offset,
                chunks=tuple(ordered),
                baseline=_baseline(row),
                size=_main_size(row),
            )
        )
    return lines


def _main_size(chunks: Sequence[PdfChunk]) -> float:
    weights: Counter[float] = Counter()
    for c in chunks:
        weights[c.size] += len(c.text.strip()) or 0
    if not weights or not any(weights.values()):
        return chunks[0].size if chunks else 0.0
    return max(weights.items(), key=lambda item: (item[1], item[0]))[0]


def _baseline(chunks: Sequence[PdfChunk]) -> float:
    size = _main_size(chunks)
    at_size = [c.y for c in chunks if c.size == size and c.text.strip()]
    return at_size[0] if at_size else chunks[0].y


def _body_size(pages: Sequence[Sequence[PdfLine]]) -> float:
    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            for c in line.chunks:
                weights[round(c.size * 2) / 2] += len(c.text.strip())
    return max(weights.items(), key=lambda item: (item[1], item[0]))[0] if weights else 10.0


def drop_page_furniture(
    pages: Sequence[Sequence[PdfLine]], *, band: int = 2
) -> list[list[PdfLine]]:
    """Drop running headers and footers and page numbers.

    Only the first and last `band` lines of a page are candidates. Among them, a line goes when
    the same line (numbers aside) stands at the same height at the top or foot of at least a
    third of the pages (and at least two), or when it is a bare page number ("3", "- 3 -",
    "Page 3 of 9"). A one-page PDF keeps its header: nothing shows that it is one.
    """
    heights: dict[str, list[float]] = {}
    for lines in pages:
        for line in _edges(lines, band):
            heights.setdefault(furniture_key(line.text), []).append(line.baseline)
    threshold = max(2, -(-len(pages) // 3))
    repeated: dict[str, float] = {}
    for key, values in heights.items():
        usual = Counter(round(v) for v in values).most_common(1)[0][0]
        if sum(1 for v in values if abs(v - usual) <= 3.0) >= threshold:
            repeated[key] = usual
    kept: list[list[PdfLine]] = []
    for lines in pages:
        edge_ids = {id(line) for line in _edges(lines, band)}
        kept.append(
            [
                line
                for line in lines
                if id(line) not in edge_ids or not _is_furniture(line, repeated)
            ]
        )
    return kept


def _is_furniture(line: PdfLine, repeated: dict[str, float]) -> bool:
    if BARE_NUMBER_RE.fullmatch(line.text.strip()) or furniture_kind(line.text):
        return True
    usual = repeated.get(furniture_key(line.text))
    return usual is not None and abs(line.baseline - usual) <= 3.0


def _edges(lines: Sequence[PdfLine], band: int) -> list[PdfLine]:
    if len(lines) <= 2 * band:
        return list(lines)
    return list(lines[:band]) + list(lines[-band:])


def split_footnotes(
    lines: Sequence[PdfLine], body_size: float
) -> tuple[list[PdfLine], list[tuple[int, str, str]]]:
    """Take the footnote bodies out of a page: the run of smaller-type lines at the foot of the
    page, starting with a mark. Returns the body lines and (page, mark, text) per footnote."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < 0.92 * body_size:
        start -= 1
    foot = list(lines[start:])
    first = _footnote_start(foot[0]) if foot else None
    if first is None:
        return list(lines), []
    notes: list[tuple[int, str, str]] = []
    for line in foot:
        opened = _footnote_start(line)
        if opened is not None:
            notes.append((line.page, opened[0], opened[1]))
        else:
            page, mark, text = notes[-1]
            notes[-1] = (page, mark, join_text(text, _tidy(line.text)))
    return list(lines[:start]), notes


def _footnote_start(line: PdfLine) -> tuple[str, str] | None:
    """The mark and text of a line that opens a footnote: a raised mark first ("¹ These…"), or a
    mark set on the line ("1 These…"). Word processors may draw the raised mark twice ("² ²")
    or split a custom mark ("¹ ᵇⁱˢ"): the raised pieces at the start make one mark."""
    pieces: list[str] = []
    end = 0
    for index, chunk in enumerate(line.chunks):
        if not chunk.text.strip():
            continue
        if not _is_raised(chunk, line):
            break
        piece = chunk.text.strip()
        if not pieces or pieces[-1] != piece:
            pieces.append(piece)
        end = index + 1
    if pieces:
        joined = "".join(pieces)
        mark = joined if MARK_RE.fullmatch(joined) else pieces[0]
        if MARK_RE.fullmatch(mark):
            return mark, _tidy("".join(c.text for c in line.chunks[end:]))
    match = re.match(r"\s*(\d{1,3}(?:bis|ter|quater)?|\*{1,3})[\s\u00a0]+(\S.*)", line.text)
    if match:
        return match.group(1), _tidy(match.group(2))
    return None


def _is_raised(chunk: PdfChunk, line: PdfLine) -> bool:
    return chunk.size < 0.85 * line.size and chunk.y > line.baseline + 0.1 * line.size


def _raised_runs(line: PdfLine) -> list[tuple[int, int, str]]:
    """The runs of raised small type on a line (footnote marks, superscripts) as (first chunk,
    chunk after the last, text without spaces): "1", ", ", "1", "bis" raised give "1,1bis".
    Spaces between raised chunks (pypdf reports gaps as " " chunks) belong to the run."""
    runs: list[tuple[int, int, str]] = []
    index = 0
    chunks = line.chunks
    while index < len(chunks):
        if chunks[index].text.strip() and _is_raised(chunks[index], line):
            end = index + 1
            while end < len(chunks) and (
                not chunks[end].text.strip() or _is_raised(chunks[end], line)
            ):
                end += 1
            while end > index + 1 and not chunks[end - 1].text.strip():
                end -= 1
            text = "".join(c.text for c in chunks[index:end])
            runs.append((index, end, re.sub(r"\s+", "", text)))
            index = end
        else:
            index += 1
    return runs


def _marks_of(text: str) -> list[str]:
    """The footnote marks a raised run names ("1,1bis" → ["1", "1bis"]), or [] if it is not a
    list of marks."""
    pieces = [p for p in re.split(r"[,;]", text) if p]
    return pieces if pieces and all(MARK_RE.fullmatch(p) for p in pieces) else []


# --------------------------------------------------------------------------------------------
# Joining lines into paragraphs


@dataclass(frozen=True)
class _Metrics:
    """What the whole document says about its layout: the line pitch per type size, whether its
    paragraphs are set apart by extra space (`spaced`), and the edges of the text column.

    Line ends are estimates (characters times an average advance): good enough to see a line that
    stops well short in ragged-right text, not to tell a justified line from a paragraph's last.
    So where the spacing shows the paragraphs, shortness is not asked at all."""

    pitch: dict[float, float]
    right: float
    left: float
    spaced: frozenset[float] = frozenset()  # the type sizes whose paragraphs are spaced apart
    advance: dict[str, float] = field(default_factory=dict)  # ems per character, by font

    def end(self, line: PdfLine) -> float:
        last = line.chunks[-1]
        return last.x + self.width(last.text.rstrip(), last.size, last.font)

    def width(self, text: str, size: float, font: str = "") -> float:
        scale = self.advance.get(font)
        if scale is None:
            return len(text) * AVERAGE_EM * size
        return relative_width(text) * scale * size

    def centered(self, line: PdfLine) -> bool:
        """True for a line set in the middle of the column (a title): its shortness says
        nothing about where its paragraph ends."""
        width = max(self.right - self.left, 1.0)
        before, after = line.x - self.left, self.right - self.end(line)
        return before > 0.05 * width and abs(before - after) < 0.1 * width

    def ends_short(self, line: PdfLine, following: PdfLine) -> bool:
        """True when the first word of `following` would have fit at the end of `line`: then
        `line` did not wrap, it ended its paragraph. The estimate of a line's end is rough, so
        the line must stop well short (4% of the column) to count."""
        first_word = following.text.strip().split(" ", 1)[0]
        room = self.right - self.end(line)
        tolerance = 0.04 * max(self.right - self.left, 1.0)
        font = next((c.font for c in following.chunks if c.text.strip()), "")
        return room - tolerance > self.width(" " + first_word, following.size, font)


def _measure(lines: Sequence[PdfLine]) -> _Metrics:
    advance = _advances(lines)
    rough = _Metrics(pitch={}, right=0.0, left=0.0, advance=advance)
    ends = sorted(rough.end(line) for line in lines)
    right = ends[int(0.9 * (len(ends) - 1))] if ends else 0.0
    left = min((line.x for line in lines), default=0.0)
    metrics = _Metrics(pitch={}, right=right, left=left, advance=advance)
    wraps: dict[float, list[float]] = {}
    deltas: dict[float, list[float]] = {}
    for previous, line in itertools.pairwise(lines):
        if previous.page != line.page or previous.size != line.size:
            continue
        delta = round((previous.baseline - line.baseline) * 2) / 2
        if delta < 0.8 * line.size:
            continue
        deltas.setdefault(line.size, []).append(delta)
        # Evidence of a wrapped line: it stops mid-sentence, and the next word would not fit.
        if previous.text.rstrip()[-1:] not in {".", ";", ":", ",", ""} and not (
            metrics.ends_short(previous, line)
        ):
            wraps.setdefault(line.size, []).append(delta)
    pitch: dict[float, float] = {}
    for size, values in deltas.items():
        # Wrapped lines show the pitch best: their most common spacing. Failing them, the smallest
        # spacing that recurs, if it is a plausible line pitch (a paragraph gap only adds to it).
        counts = Counter(wraps.get(size, []))
        if counts:
            pitch[size] = max(counts.items(), key=lambda item: (item[1], -item[0]))[0]
            continue
        recurring = sorted(v for v, n in Counter(values).items() if n >= 2)
        if recurring and recurring[0] <= 1.6 * size:
            pitch[size] = recurring[0]
    spaced = set()
    for size, values in deltas.items():
        gaps = sum(1 for d in values if d > pitch.get(size, 1.2 * size) + _slack(size))
        if gaps >= 3 and gaps >= 0.15 * len(values):
            spaced.add(size)
    return _Metrics(pitch=pitch, right=right, left=left, spaced=frozenset(spaced), advance=advance)


# Advances of characters relative to one another, as most Latin text faces draw them: capitals
# wide, i and l narrow. A line of capitals ("NOTE 5 – DIRECTOR'S ANNOUNCEMENT …") is a fifth
# wider than a line of as many lower-case letters; counting characters alone took it for short.
_NARROW = dict.fromkeys("iljI.,;:'!|", 0.55) | dict.fromkeys("frt()[]-/ ", 0.7)
_WIDE = dict.fromkeys("mwMW—", 1.6) | dict.fromkeys("ABCDEGHKNOQRUVXY&%", 1.4)


def relative_width(text: str) -> float:
    """The width of `text` in units of an average lower-case letter."""
    return sum(_NARROW.get(ch) or _WIDE.get(ch) or (1.25 if ch.isupper() else 1.0) for ch in text)


def _advances(lines: Sequence[PdfLine]) -> dict[str, float]:
    """The advance of an average lower-case letter in each font, in ems (`relative_width` gives
    the rest), measured where a line holds two chunks of one font side by side (the second
    starts where the first ends). A Times-like font runs some 10% narrower than a DejaVu-like
    one: with one guess for all, the short lines that end paragraphs in a document without
    paragraph spacing are misjudged in one or the other."""
    samples: dict[str, list[float]] = {}
    for line in lines:
        for first, second in itertools.pairwise(line.chunks):
            count = relative_width(first.text)
            if (
                first.font
                and first.font == second.font
                and first.size == second.size
                and len(first.text) >= 8
                and second.x > first.x
            ):
                samples.setdefault(first.font, []).append(
                    (second.x - first.x) / (count * first.size)
                )
    return {font: statistics.median(v) for font, v in samples.items() if len(v) >= 3}


def _slack(size: float) -> float:
    """How much more than the line pitch the space above a line must be to open a paragraph."""
    return max(2.0, 0.2 * size)


def join_lines(
    lines: Sequence[PdfLine], *, marks: frozenset[str] = frozenset()
) -> list[_Paragraph]:
    """Join lines into paragraphs. A line starts a new paragraph when it starts with a label
    followed by a tab-sized gap, when the space above it is larger than the usual line pitch,
    when its type size or font changes, when it leaves the left edge the paragraph's earlier lines
    kept, when it opens a note ("NOTE 2 –"), when it opens with a call phrase after a line
    ending in punctuation (documents without paragraph spacing only), when it heads a
    page and the line before ended with ";" or ":" (or ended a sentence short of the margin), or,
    in a document whose paragraphs are not
    spaced apart, when the line before it ended short (the first word of this line would have
    fit; centred lines excepted)."""
    metrics = _measure(lines)
    words = vocabulary(line.text for line in lines)
    indents = label_indents(lines)
    paragraphs: list[_Paragraph] = []
    for line in lines:
        label, text, found = _line_text(line, marks, indents)
        current = paragraphs[-1] if paragraphs else None
        if current is None or label is not None or _breaks(current.lines, line, metrics):
            paragraph = _Paragraph(lines=[line], text=text if label is None else f"{label}\t{text}")
            paragraph.marks.extend(found)
            paragraphs.append(paragraph)
            continue
        current.lines.append(line)
        current.text = join_text(current.text, text, words)
        current.marks.extend(found)
    for paragraph in paragraphs:
        paragraph.text = paragraph.text.strip(" \t")
        if "\t" not in paragraph.text:
            paragraph.text = split_label(paragraph.text)  # "1.11.1WTSA shall" has no gap to see
    return paragraphs


def _breaks(previous_lines: Sequence[PdfLine], line: PdfLine, metrics: _Metrics) -> bool:
    previous = previous_lines[-1]
    if abs(previous.size - line.size) > 0.5:
        return True
    if is_heading(line.text) or is_heading(previous.text) or starts_with_glued_label(line.text):
        return True  # SECTION, Annex, Appendix headings stand alone even without spacing
    if previous.fonts and line.fonts and not previous.fonts & line.fonts:
        return True
    if previous.page == line.page:
        pitch = metrics.pitch.get(line.size, 1.2 * line.size)
        if previous.baseline - line.baseline > pitch + _slack(line.size):
            return True
        if previous.baseline < line.baseline:  # a new column or a float: start afresh
            return True
    elif previous.text.rstrip()[-1:] in {";", ":"}:
        # Across a page break the spacing says nothing; an item's closing ";" (or the ":" before
        # a list) at the foot of a page almost always ends its paragraph.
        return True
    elif previous.text.rstrip()[-1:] in {".", "?", "!"} and metrics.ends_short(previous, line):
        # A sentence that ends well short of the margin at the foot of a page ends its paragraph
        # too (a full line ending a sentence may well go on over the page).
        return True
    if len(previous_lines) >= 2 and abs(previous_lines[1].x - line.x) > 3.0:
        return True
    if NOTE_RE.match(line.text.strip()):
        return True
    if line.size in metrics.spaced:
        # Spacing shows where paragraphs end: the fallbacks below would only cut paragraphs
        # whose line happens to end short by our rough estimate, or to open with "taking …".
        return False
    ending = previous.text.rstrip()[-1:]
    # A call line never ends a sentence or an item: "taking into account …, including
    # priorities." after a comma is the sentence going on, not a call.
    if (
        ending in {",", ";", ":", "."}
        and call_line_re().match(line.text.strip())
        and line.text.rstrip()[-1:] not in {".", ";"}
    ):
        return True
    if ending in {";", ":", "."} and LABEL_RE.fullmatch(line.text.strip().split(" ", 1)[0]):
        return True  # an item whose label is set apart by one space only ("2 that …")
    if metrics.centered(previous) and metrics.centered(line):
        return False
    return metrics.ends_short(previous, line)


def _line_text(
    line: PdfLine, marks: frozenset[str], indents: frozenset[int] = frozenset()
) -> tuple[str | None, str, list[str]]:
    """The line's text without footnote reference marks (raised marks that footnotes at a page
    foot carry; any other superscript stays), and its label if it has one (see `_label`)."""
    kept = _without_marks(line, marks)
    label = _label(kept, indents)
    if label is not None:
        token, rest = label
        return token, _tidy("".join(c.text for c in rest)), _found_marks(line, marks)
    return None, _tidy("".join(c.text for c in kept)), _found_marks(line, marks)


def _reference_runs(line: PdfLine, marks: frozenset[str]) -> list[tuple[int, int, list[str]]]:
    runs = []
    for begin, end, text in _raised_runs(line):
        named = _marks_of(text)
        if begin > 0 and named and all(mark in marks for mark in named):
            runs.append((begin, end, named))
    return runs


def _found_marks(line: PdfLine, marks: frozenset[str]) -> list[str]:
    return [mark for _, _, named in _reference_runs(line, marks) for mark in named]


def _without_marks(line: PdfLine, marks: frozenset[str]) -> list[PdfChunk]:
    dropped = {i for begin, end, _ in _reference_runs(line, marks) for i in range(begin, end)}
    return [c for i, c in enumerate(line.chunks) if i not in dropped]


def _label_split(chunks: Sequence[PdfChunk]) -> tuple[str, int, bool] | None:
    """The label-like first word of a line, the index of the chunk where the text after it
    starts, and whether a tab-sized gap separates them. The first word may span chunks ("1",
    "bis", ".", "7.1" when fonts change); it must end where a chunk ends, followed by a gap or
    a space. None when the first word is not label-like, or when the text goes on in the same
    chunk (an ordinary space, not a tab)."""
    start = next((i for i, c in enumerate(chunks) if c.text.strip()), None)
    if start is None:
        return None
    first = chunks[start]
    for end in range(start + 1, min(len(chunks), start + 8)):
        head = _tidy("".join(c.text for c in chunks[start:end]))
        if not head or any(ch.isspace() for ch in head):
            return None
        following = chunks[end]
        gap = following.x - (first.x + len(head) * AVERAGE_EM * first.size)
        if following.text.strip() and not following.text[0].isspace() and gap <= 0.9 * first.size:
            continue  # the word goes on in the next chunk
        if not LABEL_RE.fullmatch(head):
            return None
        index = next((i for i in range(end, len(chunks)) if chunks[i].text.strip()), None)
        if index is None:
            return None
        gap = chunks[index].x - (first.x + len(head) * AVERAGE_EM * first.size)
        return head, index, gap > 0.9 * first.size
    return None


def _label(
    chunks: Sequence[PdfChunk], indents: frozenset[int]
) -> tuple[str, list[PdfChunk]] | None:
    """A line's label and the chunks of its text, when the text after a label-like first word
    starts after a tab-sized gap, or exactly where the text of other labelled lines starts (a
    long label such as "1bis.7.1" can fill its indent, leaving no gap to see)."""
    split = _label_split(chunks)
    if split is None:
        return None
    token, index, wide = split
    if wide or round(chunks[index].x) in indents:
        return token, list(chunks[index:])
    return None


def label_indents(lines: Sequence[PdfLine]) -> frozenset[int]:
    """Where the text of clearly labelled lines starts (a tab stop), where at least two do."""
    counts: Counter[int] = Counter()
    for line in lines:
        split = _label_split(line.chunks)
        if split is not None and split[2]:
            counts[round(line.chunks[split[1]].x)] += 1
    return frozenset(x for x, n in counts.items() if n >= 2)


def _tidy(text: str) -> str:
    """A line's text as a reader sees it: symbol-font glyphs as Unicode (U+F02D "−"), runs of
    spaces (justified text, gaps pypdf reports) as one space, no spaces at the ends."""
    if any(0xF000 <= ord(ch) <= 0xF0FF for ch in text):
        from revdiff.ooxml.symbols import map_symbol

        text = "".join(
            (map_symbol(ord(ch), None) or ch) if 0xF000 <= ord(ch) <= 0xF0FF else ch for ch in text
        )
    return re.sub(r" {2,}", " ", text).strip(" \t")


def _attach_footnotes(
    paragraphs: Sequence[_Paragraph],
    notes: Sequence[tuple[int, str, str]],
    warnings_: list[str],
) -> None:
    """Give each footnote body to the paragraph whose text carries its reference mark."""
    pending = list(notes)
    for paragraph in paragraphs:
        for mark in paragraph.marks:
            found = next((n for n in pending if n[1] == mark), None)
            if found is None:
                continue
            pending.remove(found)
            paragraph.footnotes.append(Footnote(mark=mark, text=found[2]))
    for page, mark, _ in pending:
        warnings_.append(f"footnote {mark} on page {page} has no reference mark in the text")
