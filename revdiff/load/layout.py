"""The layout stage: rebuild the paragraphs of text that was laid out in lines, before the
structure parser reads it.

Two kinds of input need it. A PDF's text layer (`revdiff.load.pdf_layout` does the geometry: lines,
spacing, fonts) and plain text wrapped at a fixed width, as `pdftotext` or an e-mail gives it.
This module holds what both share, on text alone: page furniture (page numbers, document
references such as ``WTSA16/2000-E``, running heads repeated at page breaks), joining lines with
words hyphenated across them rejoined only when the document itself spells them whole, labels
glued to their text (``1.11.1WTSA shall``), and headings kept as lines of their own.

Wrapped text is recognised, never configured: `unwrap_lines` looks at the first lines of a text
file and passes text that is not wrapped at a fixed width through untouched, line for line.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
HYPHENS = "-‐"
SOFT_HYPHEN = "\u00ad"
PAGE_BREAK = "\f"

# Page furniture, each pattern matched against a whole line.
PAGE_NUMBER_RE = re.compile(
    r"[-–—]\s*\d{1,4}\s*[-–—]|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.I
)
BARE_NUMBER_RE = re.compile(
    r"(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE
)
# A document's reference as ITU prints it in page headers and footers: "WTSA16/2000-E",
# "PP-18/45(Rev.1)-E", "TSAG/123-F". A slash, digits, and a one-letter language suffix.
DOCUMENT_REFERENCE_RE = re.compile(
    r"[A-Z][A-Za-z]*[-‑]?\d{0,4}(?:/[A-Z0-9]+)*/\d{1,5}(?:\s*\(Rev\.\s*\d+\))?[-‑][ACEFRS]"
)
# A reference with a page number run into it, as text extraction may join them: "-1WTSA16/2000-E".
_REFERENCE_LINE_RE = re.compile(
    rf"(?:[-–—]?\s*\d{{1,4}}\s*[-–—]?\s*)?{DOCUMENT_REFERENCE_RE.pattern}"
    r"(?:\s*[-–—]?\s*\d{1,4}\s*[-–—]?)?"
)
# A heading that stands on a line of its own in every layout: it never runs into the line
# before or after it.
# Mixed case only for Section, Annex and Appendix, as ITU sets them ("Section 1bis"): a line
# "Resolution 84" alone is more often the end of a wrapped sentence ("… in accordance with").
HEADING_RE = re.compile(
    r"(?:SECTION|Section|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment|PART)"
    r"\s+[0-9A-Z][0-9A-Za-z.]*(?:bis|ter)?"
    r"|(?:RESOLUTION|RECOMMENDATION|DECISION|OPINION)\s+\d+[A-Z]?(?:\s*\([^()]*\))?"
    r"|(?:SECTION|ANNEX|APPENDIX|ATTACHMENT)\b.{0,80}"
)
HISTORY_RE = re.compile(r"\([^()]*\d{4}[^()]*\)")  # "(Hammamet, 2016; Geneva, 2022)"
# Lines that always open a paragraph of their own: a note ("NOTE 2 – "), a figure or table
# caption ("Figure 9.1 – ").
OPENER_RE = re.compile(r"(?:NOTE(?:\s+\d{1,3})?|(?:Figure|Table)\s+\d+(?:\.\d+)*[a-z]?)\s*[–—-]\s")
# A label at the start of a paragraph: a), (a), i), 1, 1.3, 1bis, 1.11.1, A., –, •.
LABEL_RE = re.compile(
    r"(?:\(?[A-Za-z]{1,2}\)(?:bis|ter|quater)?|\(?[ivxlcIVXLC]{1,6}\)"
    r"|\d{1,3}(?:bis|ter|quater)?(?:\.\d{1,3}(?:bis|ter|quater)?)*[.)]?"
    r"|[A-Z]\.|[–—−•·‒\-*])"
)
# A label followed by a tab, or by the spaces a tab became (two or more), then the text.
_LABEL_GAP_RE = re.compile(rf"({LABEL_RE.pattern})(?:\t|\s{{2,}})\s*(?=\S)")
# A numbered label with no space before its text: "1.11.1WTSA shall", "2.3The study group".
# The label fills its tab stop in a wide font, so that the PDF has no gap to show: "7.1.10If".
_GLUED_LABEL_RE = re.compile(
    r"(\d{1,3}(?:bis|ter)?(?:\.\d{1,3}(?:bis|ter)?)+)(?=[A-Z][a-z]+\b|[A-Z]{2,}\b)"
)

# --------------------------------------------------------------------------------------------
# Shared by PDF and wrapped text


def vocabulary(lines: Iterable[str]) -> frozenset[str]:
    """Words the document spells whole inside its lines (not at a line's edges, where they may
    be halves of a hyphenated word): the evidence for rejoining a word hyphenated across lines."""
    words: set[str] = set()
    for line in lines:
        found = WORD_RE.findall(line)
        words.update(w.casefold() for w in found[1:-1])
    return frozenset(words)


def join_text(left: str, right: str, words: frozenset[str] = frozenset()) -> str:
    """Join two lines of one paragraph. A hyphen at the end of the first line is dropped only when
    the document elsewhere spells the joined word without it and never with it
    ("telecommuni- cation"); otherwise it is a compound's hyphen and stays ("consumer-protection",
    and "69-74" between digits). A soft hyphen always goes.

    Why the document and not a dictionary: text wrapped by a program (an e-mail client, Python's
    textwrap, `fold`) breaks lines after the hyphens that compounds already have and never adds
    one; only typesetters hyphenate words, and a resolution spells its long words many times."""
    left = left.rstrip(" \t")
    right = right.lstrip(" \t")
    if not left:
        return right
    if not right:
        return left
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if left[-1] in HYPHENS and len(left) >= 2 and left[-2].isalnum() and right[0].isalnum():
        head = WORD_RE.findall(left[:-1])
        tail = WORD_RE.findall(right)
        if head and tail and left[-2].isalpha() and right[0].isalpha():
            joined = (head[-1] + tail[0]).casefold()
            hyphenated = f"{head[-1]}-{tail[0]}".casefold()
            if joined in words and hyphenated not in words:
                return left[:-1] + right
        return left + right
    if left.endswith("/"):
        return left + right
    return f"{left} {right}"


def furniture_key(text: str) -> str:
    """Lines that differ only in their numbers are the same header: "Res. 84 – 3" ~ "– 4"."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def furniture_kind(text: str) -> str | None:
    """What kind of page furniture `text` (a whole line) is by its form alone: "page number",
    "document reference", or None. A bare number is not enough on its own (it may be text)."""
    text = " ".join(text.split())
    if PAGE_NUMBER_RE.fullmatch(text):
        return "page number"
    if _REFERENCE_LINE_RE.fullmatch(text):
        return "document reference"
    pieces = re.split(r"\s{1,}(?=[-–—]\s*\d)|(?<=\d\s[-–—])\s+", text)
    if len(pieces) > 1 and all(furniture_kind(p) for p in pieces):
        return "document reference"
    return None


def describe_furniture(dropped: Sequence[tuple[str, int]]) -> str | None:
    """The note that says what page furniture was left out: "12 lines of page furniture left
    out: page numbers (6), 'WTSA16/2000-E' (6)"."""
    total = sum(count for _, count in dropped)
    if not total:
        return None
    parts = ", ".join(f"{name} ({count})" for name, count in dropped)
    return f"{total} line{'s' if total != 1 else ''} of page furniture left out: {parts}"


def count_furniture(lines: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """Dropped lines counted by kind: page numbers together, every other line by its text
    (numbers aside), most frequent first."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for line in lines:
        text = " ".join(line.split())
        if furniture_kind(text) == "page number" or BARE_NUMBER_RE.fullmatch(text):
            counts["page numbers"] += 1
            continue
        key = furniture_key(text)
        shown[key] = _common_form(shown.get(key, text), text)
        counts[key] += 1
    return tuple(
        (name if name == "page numbers" else repr(shown[name]), count)
        for name, count in counts.most_common()
    )


def _common_form(seen: str, text: str) -> str:
    """A running head as it reads on every page: the numbers that change from page to page
    (its page number) shown as N ("Res. 84 – page N"), the others as they are."""
    old, new = re.split(r"(\d+)", seen), re.split(r"(\d+)", text)
    if len(old) != len(new):
        return seen
    return "".join(a if a == b or not a.isdigit() else "N" for a, b in zip(old, new, strict=True))


def is_heading(text: str) -> bool:
    """True for a line that is a heading by itself: SECTION 2, Annex A, RESOLUTION 84 (…)."""
    return HEADING_RE.fullmatch(" ".join(text.split())) is not None and len(text) <= 100


def split_label(text: str) -> str:
    """A paragraph whose label is set apart by a tab, by the spaces a tab became, or by nothing
    ("1.11.1WTSA shall"), with the label set apart by one tab, as the text loader sees labels."""
    match = _LABEL_GAP_RE.match(text)
    if match:
        return f"{match.group(1)}\t{text[match.end() :]}"
    match = _GLUED_LABEL_RE.match(text)
    if match:
        return f"{match.group(1)}\t{text[match.end() :]}"
    return text


def starts_with_glued_label(text: str) -> bool:
    """True for a line that opens with a numbered label glued to its text ("1.11.1WTSA")."""
    return _GLUED_LABEL_RE.match(text.strip()) is not None


@functools.cache
def call_line_re() -> re.Pattern[str]:
    """A line opening with an ITU call phrase ("recalling", "invites the Director …"), from the
    same grammar (revdiff/data/lang/*.toml) the structure parser reads."""
    from revdiff.structure.grammar import call_phrases

    alternatives = "|".join(re.escape(p) for p in call_phrases())
    return re.compile(rf"(?:{alternatives})\b")


# --------------------------------------------------------------------------------------------
# Wrapped plain text

SAMPLE_LINES = 400  # lines looked at to tell wrapped text; a resolution shows it in far fewer
MIN_WIDTH, MAX_WIDTH = 30, 160


def _length(line: str) -> int:
    return len(line.replace(PAGE_BREAK, "").rstrip().expandtabs(8))


def _first_word(line: str) -> str:
    """The first word as a wrapping program sees it: a no-break space does not end it."""
    line = line.strip(" \t")
    return line.split(" ", 1)[0].split("\t", 1)[0]


@dataclass(frozen=True)
class Wrap:
    """How a text was wrapped: at `width` characters, and how many characters short of it a
    line may stop and still have been full (`slack`): none for a program that counts
    characters (textwrap, fold, an e-mail client), some for text taken from a page set in a
    proportional font (pdftotext), whose lines are as long as the page is wide, not as long as
    a number of characters."""

    width: int
    slack: int = 0


def measure_wrap(lines: Sequence[str]) -> Wrap | None:
    """How `lines` were wrapped, or None when they were not wrapped at a fixed width. Wrapped
    text shows it twice over: no line that holds a space is (much) longer than the width, and
    many long lines stop inside a sentence, the next line going on in lower case."""
    texts = [line.replace(PAGE_BREAK, "").rstrip() for line in lines]
    nonblank = [t for t in texts if t.strip()]
    spaced = sorted(_length(t) for t in nonblank if " " in t.strip())
    if len(nonblank) < 6 or not spaced:
        return None
    if sum(1 for t in nonblank if t.startswith("   ")) > 0.2 * len(nonblank):
        return None  # indented text (a report, a table, code) is laid out, not wrapped prose
    # A few lines far beyond the rest (two lines a converter joined) do not set the width.
    usual = spaced[int(0.9 * (len(spaced) - 1))]
    width = max(n for n in spaced if n <= 1.15 * usual)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    overflows = []
    for previous, line in itertools.pairwise(texts):
        if not previous.strip() or not line.strip() or _length(previous) < 0.6 * width:
            continue
        continues = previous[-1].isalnum() and line.strip()[0].islower()
        if continues and not _LABEL_GAP_RE.match(line.strip()):
            overflows.append(_length(previous) + 1 + len(_first_word(line)) - width)
    if len(overflows) < 3 or len(overflows) < 0.15 * len(nonblank):
        return None
    overflows.sort()
    slack = max(0, -overflows[int(0.05 * (len(overflows) - 1))])
    if slack > 0.25 * width:
        return None  # lines of any length: not wrapped at a width
    if slack and (len(overflows) < 10 or len(overflows) < 0.2 * len(nonblank)):
        return None  # lines of uneven length need more evidence than a few of them
    return Wrap(width, slack)


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width at which `lines` were wrapped, or None (see `measure_wrap`)."""
    wrap = measure_wrap(lines)
    return None if wrap is None else wrap.width


@dataclass(frozen=True)
class Unwrapping:
    """What `unwrap_lines` found: the wrap width (None: not wrapped, lines passed through
    untouched) and the page furniture it left out, by kind."""

    width: int | None = None
    dropped: tuple[tuple[str, int], ...] = ()

    def notes(self) -> tuple[str, ...]:
        """What the rebuild did, for the load's warnings (nothing for text passed through)."""
        if self.width is None:
            return ()
        notes = [f"lines wrapped at {self.width} characters joined into paragraphs"]
        furniture = describe_furniture(self.dropped)
        if furniture:
            notes.append(furniture)
        return tuple(notes)


def unwrap_lines(lines: Iterator[str]) -> tuple[Iterator[str], Unwrapping]:
    """The lines of a text file with wrapped paragraphs rebuilt, as many lines as the file has:
    a paragraph's text stands at its first line, and the lines it absorbed (and page furniture)
    come back empty, so that every block keeps its line number in the file. Text that is not
    wrapped at a fixed width comes back as it was, still read lazily (a 200 MB file stays
    streamed); wrapped text is read whole, since furniture is told by repetition."""
    head = list(itertools.islice(lines, SAMPLE_LINES))
    wrap = measure_wrap(head)
    if wrap is None:
        return itertools.chain(head, lines), Unwrapping()
    out, dropped = rebuild_wrapped([*head, *lines], wrap)
    return iter(out), Unwrapping(wrap.width, count_furniture(dropped))


def rebuild_wrapped(lines: Sequence[str], wrap: Wrap) -> tuple[list[str], list[str]]:
    """Join wrapped lines into paragraphs (see `unwrap_lines`); returns the lines, as many as
    given, and the furniture lines left out."""
    pages = [line.count(PAGE_BREAK) for line in lines]
    texts = [line.replace(PAGE_BREAK, "").rstrip() for line in lines]
    furniture = _furniture_lines(texts, pages)
    words = vocabulary(t for i, t in enumerate(texts) if i not in furniture)
    # Labels alone on their lines (pdftotext's hanging indents) rather than before their text.
    alone = sum(
        1
        for text, after in itertools.pairwise(texts)
        if LABEL_RE.fullmatch(text.strip()) and not after.strip()
    ) > sum(1 for text in texts if _LABEL_GAP_RE.match(text.strip()))
    out, items = _join_paragraphs(texts, pages, furniture, words, (wrap, wrap), alone)
    # Text taken from a page with hanging indents (pdftotext) has narrower lines in its items
    # than in its other paragraphs: measured on the first pass, and the items joined again.
    item_wrap = _narrower(texts, items, wrap)
    if item_wrap != wrap:
        out, _ = _join_paragraphs(texts, pages, furniture, words, (wrap, item_wrap), alone)
    return out, [texts[i] for i in sorted(furniture)]


def _join_paragraphs(
    texts: Sequence[str],
    pages: Sequence[int],
    furniture: set[int],
    words: frozenset[str],
    wraps: tuple[Wrap, Wrap],
    labels_alone: bool,
) -> tuple[list[str], list[list[int]]]:
    """The joined lines, and the line indexes of each labelled paragraph (an item). `wraps`:
    how other paragraphs and items were wrapped; `labels_alone`: whether a label alone on its
    line before a blank line always opens an item."""
    out = [""] * len(texts)
    items: list[list[int]] = []
    start: int | None = None  # where the open paragraph's text stands
    previous = ""  # the open paragraph's last line
    labelled = blank = page_break = False
    for index, text in enumerate(texts):
        page_break = page_break or pages[index] > 0
        if index in furniture:
            continue
        if not text.strip():
            blank = True
            continue
        wrap = wraps[labelled]
        # A label alone on its line, a blank line after it: how pdftotext sets a hanging indent.
        alone = (
            labels_alone
            and LABEL_RE.fullmatch(text.strip())
            and texts[index + 1 : index + 2] == [""]
        )
        if start is not None and LABEL_RE.fullmatch(out[start]):
            out[start] = f"{out[start]}\t{text.strip()}"  # a label alone on its line
        elif (
            start is not None
            and not alone
            and not _breaks(previous, text, wrap, blank and not page_break)
        ):
            out[start] = join_text(out[start], text.strip(), words)
        else:
            if start is not None:
                out[start] = split_label(out[start])
            start = index
            out[index] = text.strip()
            labelled = bool(_LABEL_GAP_RE.match(out[index]) or LABEL_RE.fullmatch(out[index]))
            if labelled:
                items.append([])
        if labelled and not LABEL_RE.fullmatch(text.strip()):
            items[-1].append(index)
        previous = text
        blank = page_break = False
    if start is not None:
        out[start] = split_label(out[start])
    return out, items


def _narrower(texts: Sequence[str], items: Sequence[Sequence[int]], wrap: Wrap) -> Wrap:
    """The wrap of the items' lines, when they are clearly narrower than the text's."""
    lengths = sorted(_length(texts[i]) for item in items for i in item[:-1])
    if len(lengths) < 3:
        return wrap
    usual = lengths[int(0.9 * (len(lengths) - 1))]
    width = max(n for n in lengths if n <= 1.15 * usual)
    return Wrap(width, wrap.slack) if width < wrap.width - 2 else wrap


def _breaks(previous: str, line: str, wrap: Wrap, blank: bool) -> bool:
    """True when `line` starts a new paragraph after `previous`, the last line of the one before."""
    if blank:
        return True
    head = line.strip()
    last = previous.rstrip()
    width = wrap.width
    if _length(previous) + 1 + len(_first_word(line)) <= width - wrap.slack:
        return True  # the word would have fitted: the line before ended its paragraph
    if is_heading(head) or is_heading(last.strip()) or HISTORY_RE.fullmatch(head):
        return True
    if _LABEL_GAP_RE.match(head) or OPENER_RE.match(head):
        return True
    ending = last[-1:]
    if ending in {";", ":", "."} and (
        LABEL_RE.fullmatch(_first_word(head)) or call_line_re().match(head)
    ):
        return True
    # A call line after the preamble's closing comma, short enough to be the whole call.
    return (
        ending == ","
        and bool(call_line_re().match(head))
        and _length(line) < width - 10
        and head[-1:] not in {".", ";"}  # a call line never ends a sentence or an item
    )


def _furniture_lines(texts: Sequence[str], pages: Sequence[int]) -> set[int]:
    """The indexes of page furniture: page numbers and document references by their form, and a
    line repeated (numbers aside) next to at least three page breaks. A bare number goes only
    next to a page break or between blank lines."""
    near_break = _near_page_breaks(texts, pages)
    page_ends = _near_page_breaks(texts, pages, band=0)
    found = {i for i, t in enumerate(texts) if t.strip() and furniture_kind(t)}
    for index, text in enumerate(texts):
        # A bare number is a page number at a page's foot; at its head it may be a label.
        if text.strip() and BARE_NUMBER_RE.fullmatch(text.strip()) and index in page_ends:
            found.add(index)
    keys: dict[str, list[int]] = {}
    for index in near_break:
        text = texts[index].strip()
        if text and index not in found and not LABEL_RE.fullmatch(text) and not is_heading(text):
            keys.setdefault(furniture_key(text), []).append(index)
    for indexes in keys.values():
        if len(indexes) >= 3:
            found.update(indexes)
    return found


def _near_page_breaks(texts: Sequence[str], pages: Sequence[int], band: int = 2) -> set[int]:
    """The first and last `band` non-blank lines of every page (pages split at form feeds);
    with `band` 0, the last two non-blank lines of every page only (its foot)."""
    near: set[int] = set()
    breaks = [i for i, count in enumerate(pages) if count]
    if not breaks:
        return near
    bounds = [0, *breaks, len(texts)]
    for begin, end in itertools.pairwise(bounds):
        filled = [i for i in range(begin, end) if texts[i].strip()]
        near.update(filled[-2:] if band == 0 else filled[:band] + filled[-band:])
    return near
