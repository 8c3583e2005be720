"""Read a PDF into blocks for the structure parser: pypdf gives the text layer with positions, and
this module rebuilds the paragraphs a reader sees.

A PDF has lines, not paragraphs. We drop the page furniture (running headers and footers, page
numbers), take footnote bodies out of the page foot and their reference marks out of the text, join
the lines of each paragraph (rejoining words hyphenated across lines only where the document itself
shows the unhyphenated word), and keep each item's label apart from its text with a tab, exactly as
the plain-text loader sees ``a)\\tResolution 196 …``. The result goes to the same `parse_structure`.

Everything after extraction is pure (`parse_pdf_pages` over `PdfChunk`s), so the heuristics are
tested on hand-made pages as well as on PDFs that LibreOffice makes from the seeds.
`Block.location` is the 1-based number of the paragraph's first line among all text lines of the
PDF, page after page, counted before headers and footers are dropped.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import tomllib
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from revdiff.errors import CorruptFileError, InputError, UnsupportedFormatError
from revdiff.model import Block, Footnote, LoadedText, SourceFormat

PDF_EXTRA_FIX = "install the PDF extra: pip install 'revdiff[pdf]' (it adds pypdf)"

# A paragraph's label: a), b)bis, (a), i), 1, 1.3, 1bis.2, 1), A., –, •. It counts as a label only
# when a tab-sized gap follows it on the line, so "2022 was" never becomes label "2022".
LABEL_RE = re.compile(
    r"(?:\(?[A-Za-z]{1,2}\)(?:bis|ter|quater)?|\(?[ivxlcIVXLC]{1,6}\)"
    r"|\d{1,3}(?:bis|ter|quater)?(?:\.\d{1,3}(?:bis|ter|quater)?)*[.)]?"
    r"|[A-Z]\.|[–—−•·‒\-*])"
)
MARK_RE = re.compile(r"\d{1,3}(?:bis|ter|quater)?|\*{1,3}|[a-z]")
WORD_RE = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
HYPHENS = "-‐"
SOFT_HYPHEN = "\u00ad"
BARE_NUMBER_RE = re.compile(r"(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?", re.I)
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
# Extraction (the only part that touches pypdf)


def read_pdf(path: Path, *, max_size: int) -> LoadedText:
    """Read the text layer of the PDF at `path` into blocks (see the module docstring)."""
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
    with _captured_pypdf_messages() as messages:
        pages = _extract_chunks(path, max_size)
    loaded = parse_pdf_pages(pages, str(path))
    extra = tuple(f"pypdf: {message}" for message in dict.fromkeys(messages))
    return LoadedText(
        source=loaded.source,
        format=loaded.format,
        blocks=loaded.blocks,
        warnings=loaded.warnings + extra,
        view=loaded.view,
    )


@contextmanager
def _captured_pypdf_messages() -> Iterator[list[str]]:
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


def _extract_chunks(path: Path, max_size: int) -> list[list[PdfChunk]]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    damaged_fix = "download it again, or open it in a PDF viewer and save a new copy"
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
        pages: list[list[PdfChunk]] = []
        total = 0
        for page in reader.pages:
            chunks = _page_chunks(page)
            total += sum(len(c.text) for c in chunks)
            if total > max_size:
                raise InputError(
                    str(path),
                    f"the text of this PDF is larger than the {max_size:,}-byte limit on inputs",
                    "if it really is a resolution, raise the limit (--max-size on the command "
                    "line, max_size= in the API)",
                )
            pages.append(chunks)
    except InputError:
        raise
    except FileNotDecryptedError as error:
        raise UnsupportedFormatError(
            str(path),
            "this PDF is password-protected",
            "open it with its password and save or print an unprotected copy",
        ) from error
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        # pypdf reports damage with many exception types; all of them mean the same to the user.
        raise CorruptFileError(
            str(path), f"the PDF is damaged or unreadable ({type(error).__name__})", damaged_fix
        ) from error
    except Exception as error:
        if type(error).__module__.startswith("pypdf"):  # e.g. DependencyError for AES
            raise CorruptFileError(str(path), f"pypdf cannot read it ({error})", damaged_fix) from (
                error
            )
        raise
    return pages


def _page_chunks(page: Any) -> list[PdfChunk]:
    chunks: list[PdfChunk] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
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


# --------------------------------------------------------------------------------------------
# From chunks to blocks (pure)


def parse_pdf_pages(pages: Sequence[Sequence[PdfChunk]], source: str) -> LoadedText:
    """Turn the chunks of each page into paragraphs: lines, furniture dropped, footnotes taken
    out, lines joined. Pure: `read_pdf` feeds it what pypdf reports."""
    warnings_: list[str] = []
    page_lines: list[list[PdfLine]] = []
    number = 0
    for index, chunks in enumerate(pages, start=1):
        lines = group_lines(index, chunks, first_number=number + 1)
        number += len(lines)
        page_lines.append(lines)
        if not lines:
            warnings_.append(
                f"page {index} has no text layer (a scanned image?); its text is missing"
            )
    if not any(page_lines):
        raise UnsupportedFormatError(
            source,
            "this PDF has no text layer (it is probably a scanned image)",
            "run OCR on it, or get the Word (.docx) version of the text",
        )
    body_size = _body_size(page_lines)
    page_lines = drop_page_furniture(page_lines)
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
    return LoadedText(
        source=source, format=SourceFormat.PDF, blocks=blocks, warnings=tuple(warnings_)
    )


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


def _furniture_key(text: str) -> str:
    """Lines that differ only in their numbers are the same header: "Res. 84 – 3" ~ "– 4"."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


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
            heights.setdefault(_furniture_key(line.text), []).append(line.baseline)
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
    if BARE_NUMBER_RE.fullmatch(line.text.strip()):
        return True
    usual = repeated.get(_furniture_key(line.text))
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
            notes[-1] = (page, mark, _join_text(text, line.text.strip()))
    return list(lines[:start]), notes


def _footnote_start(line: PdfLine) -> tuple[str, str] | None:
    chunks = [c for c in line.chunks if c.text.strip()]
    if not chunks:
        return None
    first = chunks[0]
    if MARK_RE.fullmatch(first.text.strip()) and (
        first.size < 0.85 * line.size or first.y > line.baseline + 0.15 * line.size
    ):
        rest = "".join(c.text for c in line.chunks[line.chunks.index(first) + 1 :])
        return first.text.strip(), rest.strip()
    match = re.match(r"\s*(\d{1,3}(?:bis|ter|quater)?|\*{1,3})[\s\u00a0]+(\S.*)", line.text)
    if match:
        return match.group(1), match.group(2).strip()
    return None


def _is_raised_mark(chunk: PdfChunk, line: PdfLine) -> bool:
    return bool(MARK_RE.fullmatch(chunk.text.strip())) and (
        chunk.size < 0.85 * line.size and chunk.y > line.baseline + 0.1 * line.size
    )


# --------------------------------------------------------------------------------------------
# Joining lines into paragraphs


@dataclass(frozen=True)
class _Metrics:
    """What the whole document says about its layout: the line pitch per type size (measured on
    lines that wrap; 1.2 times the size where no line does) and the right edge of the column."""

    pitch: dict[float, float]
    right: float
    left: float

    def end(self, line: PdfLine) -> float:
        last = line.chunks[-1]
        return last.x + len(last.text.rstrip()) * AVERAGE_EM * last.size

    def width(self, text: str, size: float) -> float:
        return len(text) * AVERAGE_EM * size

    def ends_short(self, line: PdfLine, following: PdfLine) -> bool:
        """True when the first word of `following` would have fit at the end of `line`: then
        `line` did not wrap, it ended its paragraph. The estimate of a line's end is rough, so
        the line must stop well short (8% of the column) to count."""
        first_word = following.text.strip().split(" ", 1)[0]
        room = self.right - self.end(line)
        tolerance = 0.08 * max(self.right - self.left, 1.0)
        return room - tolerance > self.width(" " + first_word, following.size)


def _measure(lines: Sequence[PdfLine]) -> _Metrics:
    rough = _Metrics(pitch={}, right=0.0, left=0.0)
    ends = sorted(rough.end(line) for line in lines)
    right = ends[int(0.9 * (len(ends) - 1))] if ends else 0.0
    left = min((line.x for line in lines), default=0.0)
    metrics = _Metrics(pitch={}, right=right, left=left)
    deltas: dict[float, list[float]] = {}
    for previous, line in itertools.pairwise(lines):
        # Evidence of a wrapped line: it stops mid-sentence, and the next word would not fit.
        wrapped = (
            previous.page == line.page
            and previous.size == line.size
            and previous.text.rstrip()[-1:] not in {".", ";", ":", ",", ""}
            and not metrics.ends_short(previous, line)
        )
        if wrapped:
            delta = round((previous.baseline - line.baseline) * 2) / 2
            if delta >= 0.8 * line.size:
                deltas.setdefault(line.size, []).append(delta)
    pitch: dict[float, float] = {}
    for size, values in deltas.items():
        # The smallest spacing that recurs: a paragraph gap only ever adds to it.
        recurring = sorted(v for v, n in Counter(values).items() if n >= 2)
        if recurring:
            pitch[size] = recurring[0]
        elif min(values) <= 1.5 * size:
            pitch[size] = min(values)
    return _Metrics(pitch=pitch, right=right, left=left)


def join_lines(
    lines: Sequence[PdfLine], *, marks: frozenset[str] = frozenset()
) -> list[_Paragraph]:
    """Join lines into paragraphs. A line starts a new paragraph when it starts with a label
    followed by a tab-sized gap, when the space above it is larger than the usual line pitch,
    when its type size or font changes, when it leaves the left edge the paragraph's earlier lines
    kept, when the line before it ended short (the first word of this line would have fit), when
    it opens with a call phrase after a line ending in punctuation, or when it heads a page and
    the line before ended with ";" or ":"."""
    metrics = _measure(lines)
    vocabulary = _vocabulary(lines)
    paragraphs: list[_Paragraph] = []
    for line in lines:
        label, text, found = _line_text(line, marks)
        current = paragraphs[-1] if paragraphs else None
        if current is None or label is not None or _breaks(current.lines, line, metrics):
            paragraph = _Paragraph(lines=[line], text=text if label is None else f"{label}\t{text}")
            paragraph.marks.extend(found)
            paragraphs.append(paragraph)
            continue
        current.lines.append(line)
        current.text = _join_text(current.text, text, vocabulary)
        current.marks.extend(found)
    for paragraph in paragraphs:
        paragraph.text = paragraph.text.strip(" \t")
    return paragraphs


def _breaks(previous_lines: Sequence[PdfLine], line: PdfLine, metrics: _Metrics) -> bool:
    previous = previous_lines[-1]
    if abs(previous.size - line.size) > 0.5:
        return True
    if previous.fonts and line.fonts and not previous.fonts & line.fonts:
        return True
    if previous.page == line.page:
        pitch = metrics.pitch.get(line.size, 1.2 * line.size)
        if previous.baseline - line.baseline > pitch + max(2.0, 0.2 * line.size):
            return True
        if previous.baseline < line.baseline:  # a new column or a float: start afresh
            return True
    elif previous.text.rstrip()[-1:] in {";", ":"}:
        # Across a page break the spacing says nothing; an item's closing ";" (or the ":" before
        # a list) at the foot of a page almost always ends its paragraph.
        return True
    if len(previous_lines) >= 2 and abs(previous_lines[1].x - line.x) > 3.0:
        return True
    if previous.text.rstrip()[-1:] in {",", ";", ":", "."} and _call_line_re().match(
        line.text.strip()
    ):
        return True
    return metrics.ends_short(previous, line)


@functools.cache
def _call_line_re() -> re.Pattern[str]:
    """A line opening with an ITU call phrase ("recalling", "invites the Director …"), from the
    same data file the structure parser reads. Call lines are italic and spaced apart in ITU's
    styles, which `_breaks` sees; this is the fallback for PDFs without either."""
    raw = resources.files("revdiff").joinpath("data", "calls.toml").read_text(encoding="utf-8")
    calls = tomllib.loads(raw)["calls"]
    phrases = sorted({p for group in calls.values() for p in group}, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?:{alternatives})\b")


def _line_text(line: PdfLine, marks: frozenset[str]) -> tuple[str | None, str, list[str]]:
    """The line's text without footnote reference marks (raised marks that some footnote at a
    page foot carries; any other superscript stays), and its label when a tab-sized gap follows
    one."""
    kept: list[PdfChunk] = []
    found: list[str] = []
    for chunk in line.chunks:
        if kept and chunk.text.strip() in marks and _is_raised_mark(chunk, line):
            found.append(chunk.text.strip())
            continue
        kept.append(chunk)
    label = None
    texts = [c for c in kept if c.text.strip()]
    if len(texts) >= 2:
        first, second = texts[0], texts[1]
        token = first.text.strip()
        gap = second.x - (first.x + len(first.text.rstrip()) * AVERAGE_EM * first.size)
        if LABEL_RE.fullmatch(token) and gap > 0.9 * first.size:
            label = token
            kept = kept[kept.index(second) :]
    parts: list[str] = []
    for chunk in kept:
        piece = chunk.text
        if parts and parts[-1].endswith(" ") and piece.startswith(" "):
            piece = piece.lstrip(" ")
        parts.append(piece)
    return label, "".join(parts).strip(" \t"), found


def _vocabulary(lines: Sequence[PdfLine]) -> frozenset[str]:
    """Words the document spells whole inside its lines (not at a line's edges, where they may
    be halves of a hyphenated word): the evidence for rejoining a word hyphenated across lines."""
    words: set[str] = set()
    for line in lines:
        found = WORD_RE.findall(line.text)
        words.update(w.casefold() for w in found[1:-1])
    return frozenset(words)


def _join_text(left: str, right: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Join two lines of one paragraph. A hyphen at the end of the first line is dropped only when
    the document elsewhere spells the joined word without it ("telecommuni- cation"); otherwise
    it is a compound's hyphen and stays ("consumer-protection"). A soft hyphen always goes."""
    left = left.rstrip(" \t")
    right = right.lstrip(" \t")
    if not left:
        return right
    if not right:
        return left
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if left[-1] in HYPHENS and len(left) >= 2 and left[-2].isalpha() and right[0].isalpha():
        head = WORD_RE.findall(left[:-1])
        tail = WORD_RE.findall(right)
        if head and tail:
            joined = (head[-1] + tail[0]).casefold()
            hyphenated = f"{head[-1]}-{tail[0]}".casefold()
            if joined in vocabulary and hyphenated not in vocabulary:
                return left[:-1] + right
        return left + right
    if left.endswith("/"):
        return left + right
    return f"{left} {right}"


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
