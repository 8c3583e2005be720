"""Structure: a loader's flat blocks → a `Document` (metadata, front matter, sections, clauses).

Pure. Paragraph styles decide where a .docx supplied them (``Res_No``, ``Call``, ``Section_No``,
``enumlev1``, …); plain text falls back to the patterns ITU resolutions are written in. The call
words (*recalling*, *resolves*, …) and the issuing bodies are data, in ``revdiff/data/calls.toml``.

Decisions worth knowing:

* Everything before the ``RESOLUTION N (…)`` line is front matter; without such a line there is
  none. The number line, the title (until the history line ``(Hammamet, 2016; …)``) and the
  preamble line ``The World … (…),`` are metadata, not clauses.
* Headings inside numbered sections (``1.13\\tVoting``, Word's Heading 2/3) are clauses labelled
  ``1.13`` whose text is the heading; the paragraphs under them are their children (``p1``…).
* Clause ids follow the label path: ``recalling/a``, ``section-1/1.3/b``, ``resolves/1/-2`` for
  the second indent under item 1, ``resolves/p1`` for an unlabelled paragraph. A dotted number
  is a path already, so ``1.3.1`` under ``1.3`` is ``section-1/1.3.1``, not ``…/1.3/1.3.1``.
* An empty input gives a document with no sections and a warning; an input with no recognisable
  structure gives one BODY section of its paragraphs, with a warning. Nothing here raises,
  except on a caller's clause limit (`max_clauses`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from revdiff.errors import InputError
from revdiff.model import (
    Block,
    Clause,
    Document,
    Footnote,
    LoadedText,
    Metadata,
    Section,
    SectionKind,
    SourceFormat,
    SourceLocation,
)

SLUG_WORDS = 8  # call lines are long; their first words identify them across versions
WARNINGS_PER_KIND = 10  # a damaged input can repeat one problem thousands of times
BODY_SECTION_ID = "body"

# --------------------------------------------------------------------------------------------
# Data: call words and issuing bodies


@dataclass(frozen=True)
class _CallWords:
    phrases: tuple[tuple[tuple[str, ...], SectionKind], ...]  # longest first
    bodies: tuple[tuple[str, str], ...]  # (name as written, abbreviation)

    @functools.cached_property
    def by_first_word(self) -> dict[str, tuple[tuple[tuple[str, ...], SectionKind], ...]]:
        index: dict[str, list[tuple[tuple[str, ...], SectionKind]]] = {}
        for phrase, kind in self.phrases:
            index.setdefault(phrase[0], []).append((phrase, kind))
        return {word: tuple(entries) for word, entries in index.items()}


@functools.cache
def _call_words() -> _CallWords:
    raw = resources.files("revdiff").joinpath("data", "calls.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    phrases: list[tuple[tuple[str, ...], SectionKind]] = []
    for key, kind in (("preamble", SectionKind.PREAMBLE), ("operative", SectionKind.OPERATIVE)):
        for phrase in data["calls"][key]:
            phrases.append((tuple(_words(phrase)), kind))
    phrases.sort(key=lambda item: -len(item[0]))
    bodies = tuple((name, str(abbreviation)) for name, abbreviation in data["bodies"].items())
    return _CallWords(tuple(phrases), bodies)


_WORD = re.compile(r"[^\W_]+")
_FIRST_WORD = _WORD.search


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


# --------------------------------------------------------------------------------------------
# Styles: ITU's style names as Word shows them ("Res_No") or as style ids ("ResNo")


def _style_role(style: str | None) -> str | None:
    """The part a paragraph style plays, or None for plain text and ordinary body styles."""
    if not style:
        return None
    key = re.sub(r"[\s_\-]+", "", style).lower()
    if key in {"resno", "resolutionno", "recno", "decisionno"}:
        return "number"
    if key in {"restitle", "resolutiontitle", "rectitle", "decisiontitle"}:
        return "title"
    if key in {"resref", "resolutionref", "recref", "decisionref"}:
        return "history"
    if key.startswith("normalaftertitle"):
        return "after-title"
    if key == "call":
        return "call"
    if key in {"sectionno", "sectionnumber"}:
        return "section"
    if key in {"sectiontitle"}:
        return "section-title"
    if key.startswith(("annex", "appendix", "attachment")):
        if "title" in key:
            return "annex-title"
        if "ref" in key:
            return "annex-ref"
        return "annex"
    if re.fullmatch(r"heading\d", key):
        return "heading"
    if re.fullmatch(r"enumlev\d", key):
        return "list"
    return None


# --------------------------------------------------------------------------------------------
# Patterns for plain text

_NUMBER_LINE = re.compile(
    r"(?:DRAFT\s+)?(?:REVISED\s+)?(?P<kind>RESOLUTION|DECISION|RECOMMENDATION|OPINION)"
    r"\s+(?P<number>[0-9A-Z][\w/.\-]*)\s*(?:\((?P<revision>.*)\))?",
    re.IGNORECASE,
)
# "(Hammamet, 2016; Geneva, 2022)", possibly followed by footnote marks: "(Hammamet, 2016)1, 1bis".
_HISTORY = re.compile(
    r"(?P<history>\([^()]*\b\d{4}\b[^()]*\))"
    r"\s*(?:\d{1,2}(?:bis|ter)?(?:\s*,\s*\d{1,2}(?:bis|ter)?)*)?"
)
_PREAMBLE = re.compile(r"The\s.*[,:]", re.DOTALL)
_SECTION_NO = re.compile(r"section\s+(?P<number>\d+[a-z]*)", re.IGNORECASE)
_SECTION_START = re.compile(r"\s*section", re.IGNORECASE).match
_ANNEX = re.compile(
    r"(?P<word>ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)"
    r"(?:\s+(?P<name>[A-Z0-9]{1,4}|[IVXLC]{1,6}))?"
    r"(?:\s+(?P<to>(?:TO|to)\s+(?:RESOLUTION|Resolution)\b.*)|\s*(?P<ref>\(to\s.*\))"
    r"|\s+[–—-]\s+(?P<title>\S.*))?"
)
_ANNEX_INITIALS = ("A", "a")
_SUFFIX = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)"
_ALPHA_LABEL = re.compile(
    r"(?P<open>\()?(?P<core>[a-z]|([a-z])\3|[ivxlc]{2,7}|\d{1,3})\)(?P<suffix>" + _SUFFIX + r")?"
    r"(?:(?P<sep>[ \t\u00a0\u202f]+)|(?=[^\s)]))"
)
_NUMBER_LABEL = re.compile(
    r"(?P<number>\d{1,3}" + _SUFFIX + r"?(?:\.\d{1,3}" + _SUFFIX + r"?)*)(?P<dot>\.?)"
    r"(?P<sep>[ \u00a0\u202f\t]+)(?=\S)"
)
_INDENT_LABEL = re.compile(r"(?P<mark>[–—\-−•·▪◦])(?P<sep>\t+|[ \u00a0\u202f]+)(?=\S)")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_TERMINAL = (".", ";", ":", ",", "!", "?")
_TITLE_MAX_WORDS = 12
_CALL_MAX_WORDS = 40  # "instructs the Director of …, in consultation with …" runs long


def _roman_value(text: str) -> int | None:
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for index, ch in enumerate(text):
        value = _ROMAN[ch]
        following = _ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total if _to_roman(total) == text else None


def _to_roman(value: int) -> str:
    parts = ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"))
    out = ""
    for amount, letters in (*parts, (4, "iv"), (1, "i")):
        while value >= amount:
            out += letters
            value -= amount
    return out


_SPACES = re.compile(r"[ \t\n\r\f\v]+")
# Only these need the substitution: without them every run of spaces is a single space already.
_NEEDS_SQUASH = re.compile(r"[\t\n\r\f\v]|  ").search


def _squash(text: str) -> str:
    """One line of text: line breaks and runs of spaces or tabs become one space (no-break
    spaces are kept: they are characters a reader sees)."""
    if _NEEDS_SQUASH(text) is None:
        return text.strip()
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------------------------
# Labels


@dataclass(frozen=True, slots=True)
class _Label:
    """A label split off a paragraph: as displayed, its kind, and its place in a sequence."""

    text: str  # "a)", "b)bis", "(a)", "1.3", "–"
    # "letter)", "(letter)", "roman)", "(roman)", "num)", "(num)", "num", "indent", "bullet"
    kind: str
    value: int | None = None  # ordinal of the last component (a=1, iv=4, 1.3 → 3)
    suffix: str = ""  # "bis", "ter", …
    components: tuple[str, ...] = ()  # "1bis.2.1" → ("1bis", "2", "1")
    segment: str = ""  # its piece of a clause id: "a", "bbis", "1.3", "ii"
    ambiguous: bool = False  # a single letter that is also a roman numeral (i, v, x, l, c)
    weak: bool = False  # a number followed by a space only: a label only if the sequence agrees


def _split_label(text: str) -> tuple[_Label, str] | None:
    """Split a typed label off the start of `text`: ``a)\\tthe …``, ``b)bis\\t…``,
    ``a)Resolution …``, ``1.3\\t…``, ``–\\t…``. None when the start is not unambiguously a label."""
    match = _ALPHA_LABEL.match(text)
    if match:
        rest = text[match.end() :]
        if match.group("sep") is None and not re.match(r"[^\W_]|[\"'“‘«§(]", rest):
            return None
        return _make_alpha_label(match), rest.strip()
    match = _NUMBER_LABEL.match(text)
    if match:
        number = match.group("number")
        weak = "\t" not in match.group("sep")
        return _number_label(number, weak=weak), text[match.end() :].strip()
    match = _INDENT_LABEL.match(text)
    if match:
        mark = match.group("mark")
        kind = "bullet" if mark in "•·▪◦" else "indent"
        return _Label(mark, kind), text[match.end() :].strip()
    return None


def _make_alpha_label(match: re.Match[str]) -> _Label:
    return _alpha_label(match.group("core"), match.group("suffix") or "", match.group("open"))


@functools.lru_cache(maxsize=4096)  # labels repeat; a _Label is immutable, so it can be shared
def _alpha_label(core: str, suffix: str, open_bracket: str | None) -> _Label:
    opened = open_bracket is not None
    shown = ("(" if opened else "") + core + ")" + suffix
    style = "({})" if opened else "{})"
    if core.isdigit():
        return _Label(shown, style.format("num"), int(core), suffix, segment=core + suffix)
    roman = _roman_value(core)
    if (len(core) > 1 and roman is not None and core[0] != core[-1]) or len(core) > 2:
        return _Label(shown, style.format("roman"), roman, suffix, segment=core + suffix)
    if len(core) == 2 and roman is not None and core in {"ii", "xx", "cc"}:
        return _Label(shown, style.format("roman"), roman, suffix, segment=core + suffix)
    value = ord(core[0]) - 96 + (26 if len(core) == 2 else 0)
    return _Label(
        shown,
        style.format("letter"),
        value,
        suffix,
        segment=core + suffix,
        ambiguous=len(core) == 1 and core in _ROMAN,
    )


_LAST_NUMBER = re.compile(r"(\d+)(.*)").match


def _number_label(number: str, *, weak: bool = False) -> _Label:
    components = tuple(number.split("."))
    last = _LAST_NUMBER(components[-1])
    value = int(last.group(1)) if last else None
    suffix = last.group(2) if last else ""
    return _Label(number, "num", value, suffix, components, segment=number, weak=weak)


def _parse_given_label(label: str) -> _Label:
    """A label Word's automatic numbering supplied (already apart from the text)."""
    shown = label.strip()
    split = _split_label(shown + "\tx")
    if split is not None and split[1] == "x":
        return split[0]
    bare = shown.rstrip(".")
    if re.fullmatch(r"\d{1,3}" + _SUFFIX + r"?(?:\.\d{1,3}" + _SUFFIX + r"?)*", bare):
        return _number_label(bare)
    slug = "-".join(_words(shown)) or "label"
    return _Label(shown, "other:" + shown, segment=slug)


def _is_prefix(parent: tuple[str, ...], child: tuple[str, ...]) -> bool:
    return bool(parent) and len(parent) < len(child) and child[: len(parent)] == parent


# --------------------------------------------------------------------------------------------
# Building sections and clauses


@dataclass(slots=True)
class _Draft:
    """What nesting needs to know of a clause while it may still receive children. Its `Clause`
    is made at once; a draft lives only while it is open (on its section's stack or a parent)."""

    id: str
    label: _Label | None
    text: str
    parent: _Draft | None
    heading_like: bool
    children_counts: dict[str, int] | None = None  # made for the first child
    # Stored, not derived by walking up: a hostile input may nest thousands of levels deep.
    depth: int = field(init=False)
    kind: str = field(init=False)

    def __post_init__(self) -> None:
        self.depth = 0 if self.parent is None else self.parent.depth + 1
        self.kind = self.label.kind if self.label else "para"


@dataclass(slots=True)
class _SectionDraft:
    id: str
    heading: str
    kind: SectionKind
    title: str | None
    block: Block | None
    clauses: list[Clause] = field(default_factory=list)
    stack: list[_Draft] = field(default_factory=list)
    top_counts: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Collects sections and nests clauses by their labels. Used only inside `parse_structure`."""

    def __init__(self, source: str, place: str = "line", max_clauses: int | None = None) -> None:
        self.source = source
        self.place = place  # "line" for text, "paragraph" for Word: what a location counts
        self.max_clauses = max_clauses
        self.clause_count = 0
        self.sections: list[_SectionDraft] = []
        self.used_section_ids: set[str] = set()
        self.next_section_suffix: dict[str, int] = {}  # base id → next -N to try (stays linear)
        # A clause id starts with its section's id and "/", which no section id holds: ids can
        # only clash within a section, so these are kept for the current section only.
        self.used_clause_ids: set[str] = set()
        self.next_clause_suffix: dict[str, int] = {}
        self.warnings: list[str] = []
        self.warning_counts: dict[str, int] = {}

    def warn(self, category: str, message: str) -> None:
        """Record a parse warning; after a few of one category, only count the rest."""
        seen = self.warning_counts.get(category, 0)
        self.warning_counts[category] = seen + 1
        if seen < WARNINGS_PER_KIND:
            self.warnings.append(message)

    def summarise_warnings(self) -> None:
        for category, count in self.warning_counts.items():
            if count > WARNINGS_PER_KIND:
                self.warnings.append(
                    f"… and {count - WARNINGS_PER_KIND} more warnings like these ({category})"
                )

    @staticmethod
    def _unique(base: str, used: set[str], next_suffix: dict[str, int]) -> str:
        if base not in used:
            used.add(base)
            return base
        counter = next_suffix.get(base, 2)
        while f"{base}-{counter}" in used:
            counter += 1
        next_suffix[base] = counter + 1
        unique = f"{base}-{counter}"
        used.add(unique)
        return unique

    # Sections --------------------------------------------------------------------------------

    def open_section(
        self, base_id: str, heading: str, kind: SectionKind, title: str | None, block: Block | None
    ) -> None:
        base_id = base_id or "section"
        section_id = self._unique(base_id, self.used_section_ids, self.next_section_suffix)
        if section_id != base_id:
            self.warn(
                "repeated headings",
                f"{self._where(block)}the heading {heading!r} repeats an "
                f"earlier one; its section id is {section_id!r}",
            )
        self.sections.append(_SectionDraft(section_id, heading, kind, title, block))
        self.used_clause_ids = set()
        self.next_clause_suffix = {}

    @property
    def current(self) -> _SectionDraft:
        if not self.sections:
            self.open_section(BODY_SECTION_ID, "", SectionKind.BODY, None, None)
        return self.sections[-1]

    # Clauses ---------------------------------------------------------------------------------

    def add_block(self, block: Block) -> None:
        text = block.text.strip()
        label: _Label | None = None
        if block.label:
            label = _parse_given_label(block.label)
        elif not block.in_table:
            split = _split_label(text)
            if split is not None:
                label, text = split
        if label is not None:
            label = self._settle_label(label)
        if label is None:
            text = block.text.strip()
            self._add_paragraph(block, text)
        else:
            self._add_labelled(block, label, text)

    def _settle_label(self, label: _Label) -> _Label | None:
        """Decide what context-dependent labels are: a single letter that is also a roman
        numeral, and a number followed only by a space (a label only if the sequence agrees)."""
        stack = self.current.stack
        if label.ambiguous:
            letter_kind = label.kind
            roman_kind = letter_kind.replace("letter", "roman")
            roman = _roman_value(label.segment.removesuffix(label.suffix)) or 0
            for draft in reversed(stack):
                value = draft.label.value if draft.label else None
                if value is None:
                    continue
                if draft.kind == letter_kind and label.value in {value, value + 1}:
                    return label
                if draft.kind == roman_kind and roman in {value, value + 1}:
                    return _as_roman(label, roman_kind, roman)
            if label.segment.startswith("i"):
                return _as_roman(label, roman_kind, roman)
            return label
        if label.weak:
            for draft in reversed(stack):
                if draft.kind != "num" or draft.label is None:
                    continue
                if _is_prefix(draft.label.components, label.components):
                    return label
                if _continues(draft.label, label):
                    return label
            if label.value == 1 and not label.suffix:
                return label
            return None
        return label

    def _add_labelled(self, block: Block, label: _Label, text: str) -> None:
        section = self.current
        stack = section.stack
        parent: _Draft | None
        previous: _Draft | None = None
        if label.kind == "num":
            components = label.components
            parent_at = next(
                (
                    i
                    for i in range(len(stack) - 1, -1, -1)
                    if _is_prefix(_components(stack[i]), components)
                ),
                None,
            )
            # A sibling (1.4 after 1.3) counts only above the parent: below it, it is an uncle.
            floor = -1 if parent_at is None else parent_at
            sibling_at = next(
                (
                    i
                    for i in range(len(stack) - 1, floor, -1)
                    if _same_level_components(_components(stack[i]), components)
                ),
                None,
            )
            if sibling_at is not None:
                previous = stack[sibling_at]
                del stack[sibling_at:]
                parent = stack[-1] if stack else None
            elif parent_at is not None:
                del stack[parent_at + 1 :]
                parent = stack[-1]
            elif len(label.components) > 1:
                stack.clear()
                parent = None
            else:
                parent = self._list_parent(stack)
        else:
            sibling_at = next(
                (i for i in range(len(stack) - 1, -1, -1) if stack[i].kind == label.kind), None
            )
            if sibling_at is not None:
                previous = stack[sibling_at]
                del stack[sibling_at:]
                parent = stack[-1] if stack else None
            else:
                parent = self._list_parent(stack)
        if previous is not None and previous.label is not None:
            self._check_sequence(previous.label, label, block)
        draft = _Draft(
            self._clause_id(section, parent, label, block),
            label,
            text,
            parent,
            heading_like=_is_heading_like(block, label, text),
        )
        self._append(section, draft, block)

    def _list_parent(self, stack: list[_Draft]) -> _Draft | None:
        """The clause a new list hangs under: the last open clause, unless that is a paragraph
        that does not introduce a list (it does when it ends with a colon)."""
        while stack and stack[-1].kind == "para" and not stack[-1].text.rstrip().endswith(":"):
            stack.pop()
        return stack[-1] if stack else None

    def _add_paragraph(self, block: Block, text: str) -> None:
        section = self.current
        stack = section.stack
        if _style_role(block.style) == "list" and stack:
            parent: _Draft | None = stack[-1]
        else:
            # A plain paragraph belongs to the heading it follows (1.13 Voting → its text), or
            # to the section itself.
            while stack and not stack[-1].heading_like:
                stack.pop()
            parent = stack[-1] if stack else None
        draft = _Draft(
            self._clause_id(section, parent, None, block), None, text, parent, heading_like=False
        )
        self._append(section, draft, block)

    def _append(self, section: _SectionDraft, draft: _Draft, block: Block) -> None:
        """Open `draft` and add its clause to `section`."""
        self.clause_count += 1
        if self.max_clauses is not None and self.clause_count > self.max_clauses:
            raise InputError(
                self.source,
                f"it holds more than {self.max_clauses:,} clauses, the most revdiff compares "
                "(a resolution has hundreds)",
                "check that this is the document you meant, or compare its parts one by one",
            )
        section.stack.append(draft)
        parent = draft.parent
        section.clauses.append(
            Clause(
                draft.id,
                section.id,
                draft.label.text if draft.label else None,
                draft.text,
                SourceLocation(self.source, block.location),
                block.footnotes,
                parent.id if parent else None,
                draft.depth,
                block.style,
            )
        )

    def _clause_id(
        self, section: _SectionDraft, parent: _Draft | None, label: _Label | None, block: Block
    ) -> str:
        if parent is None:
            counts = section.top_counts
        else:
            if parent.children_counts is None:
                parent.children_counts = {}
            counts = parent.children_counts
        base = parent.id if parent else section.id
        if label is None:
            counts["p"] = counts.get("p", 0) + 1
            segment = f"p{counts['p']}"
        elif label.kind in {"indent", "bullet"}:
            counts["-"] = counts.get("-", 0) + 1
            segment = f"-{counts['-']}"
        else:
            segment = label.segment
            if (
                label.kind == "num"
                and parent is not None
                and parent.label is not None
                and parent.kind == "num"
                and _is_prefix(parent.label.components, label.components)
            ):
                # A dotted number is its own path: 1.3.1 under 1.3 is section-1/1.3.1.
                base = parent.id.rsplit("/", 1)[0]
        wanted = f"{base}/{segment}"
        clause_id = self._unique(wanted, self.used_clause_ids, self.next_clause_suffix)
        if clause_id != wanted:
            shown = label.text if label else "paragraph"
            self.warn(
                "duplicate labels",
                f"{self._where(block)}duplicate label {shown!r} in {section.id!r}; "
                f"its id is {clause_id}",
            )
        return clause_id

    def _check_sequence(self, previous: _Label, label: _Label, block: Block) -> None:
        if label.kind in {"indent", "bullet"} or label.kind.startswith("other:"):
            return
        # A repeated label is reported as a duplicate when its id is made.
        if label.text != previous.text and not _continues(previous, label):
            self.warn(
                "label sequence",
                f"{self._where(block)}label {label.text!r} follows {previous.text!r} "
                "(a label missing or out of order?)",
            )

    def _where(self, block: Block | None) -> str:
        return f"{self.place} {block.location}: " if block is not None else ""

    # Result ----------------------------------------------------------------------------------

    def build_sections(self) -> tuple[Section, ...]:
        sections = []
        for draft in self.sections:
            clauses = tuple(draft.clauses)
            draft.clauses.clear()
            location = SourceLocation(self.source, draft.block.location) if draft.block else None
            sections.append(
                Section(draft.id, draft.heading, draft.kind, clauses, draft.title, location)
            )
        return tuple(sections)


def _as_roman(label: _Label, kind: str, value: int) -> _Label:
    return _Label(label.text, kind, value, label.suffix, segment=label.segment, ambiguous=False)


def _same_level(a: _Label, b: _Label) -> bool:
    return _same_level_components(a.components, b.components)


def _same_level_components(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and len(a) == len(b) and a[:-1] == b[:-1]


def _components(draft: _Draft) -> tuple[str, ...]:
    """A numbered clause's label components (``1.3`` → ``("1", "3")``); () for any other."""
    return draft.label.components if draft.label is not None and draft.kind == "num" else ()


def _continues(previous: _Label, label: _Label) -> bool:
    """True when `label` may follow `previous` in one list: the next value (b after a, 1.4
    after 1.3bis), or the same value with a suffix (b)bis after b))."""
    if previous.kind != label.kind or previous.value is None or label.value is None:
        return True
    if label.kind == "num" and not _same_level(previous, label):
        return True
    if label.value == previous.value + 1 and not label.suffix:
        return True
    return label.value == previous.value and label.suffix != previous.suffix and bool(label.suffix)


def _is_heading_like(block: Block, label: _Label, text: str) -> bool:
    """A numbered clause that is a heading (``1.13\\tVoting``): its paragraphs nest under it."""
    if _style_role(block.style) == "heading":
        return True
    if block.style is not None and _style_role(block.style) is not None:
        return False
    return (
        label.kind == "num"
        and bool(text)
        and not text.rstrip().endswith(_TERMINAL)
        # At most one split more than the limit: a long clause need not be split whole.
        and len(text.split(None, _TITLE_MAX_WORDS)) <= _TITLE_MAX_WORDS
    )


# --------------------------------------------------------------------------------------------
# Recognising lines


def _match_call(text: str) -> SectionKind | None:
    """The kind of call a line opens with (longest phrase first), or None."""
    head = text[:200].lower()  # the longest call phrase is a few words long
    # Most lines start with a word no call starts with: look no further than that word.
    first = _FIRST_WORD(head)
    index = _call_words().by_first_word
    if first is None or first.group() not in index:
        return None
    words = _WORD.findall(head)
    for phrase, kind in index[words[0]]:
        if tuple(words[: len(phrase)]) == phrase:
            return kind
    return None


def _is_call_line(block: Block) -> SectionKind | None:
    role = _style_role(block.style)
    if block.label or block.in_table or role not in {None, "call", "after-title"}:
        return None
    if role != "call" and _opens_no_call(block.text):
        return None
    line = _squash(block.text)
    kind = _match_call(line)
    if role == "call":
        return kind or SectionKind.OPERATIVE
    if kind is None:
        return None
    words = line.split()
    if len(words) > _CALL_MAX_WORDS or line.endswith((".", ";")):
        return None
    if len(words) > 1 and words[1].lower() == "that":
        return None
    return kind


def _opens_no_call(text: str) -> bool:
    """True when `text`'s first word (whole, within the 200 characters `_match_call` reads)
    starts no call phrase: then `_match_call` finds nothing, and the line need not be squashed."""
    first = _FIRST_WORD(text[:256].lower())
    return first is not None and first.end() < 200 and first.group() not in _call_index()


def _call_index() -> dict[str, tuple[tuple[tuple[str, ...], SectionKind], ...]]:
    return _call_words().by_first_word


def _section_number(block: Block) -> str | None:
    role = _style_role(block.style)
    if role not in {None, "section"}:
        return None
    if role is None and _SECTION_START(block.text) is None:
        return None  # the usual line: not worth squashing
    match = _SECTION_NO.fullmatch(_squash(block.text))
    if match:
        return match.group("number")
    if role == "section":
        return "-".join(_words(block.text)[1:]) or "x"
    return None


def _annex_heading(block: Block) -> tuple[str, str, str | None] | None:
    """(section id, heading, title if on the same line: ``Annex A – Title``) when `block` opens
    an annex, appendix or attachment."""
    role = _style_role(block.style)
    if role not in {None, "annex"} or block.label:
        return None
    if role is None and block.text.lstrip()[:1] not in _ANNEX_INITIALS:
        return None  # the usual line: every heading word starts with A
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    if not lines:
        return None
    match = _ANNEX.fullmatch(lines[0].strip())
    if match is None:
        if role != "annex":
            return None
        return "-".join(_words(lines[0])[:2]) or "annex", _squash(block.text), None
    if len(lines) > 1 and not lines[1].startswith("(to"):
        return None
    word = match.group("word").lower()
    name = match.group("name")
    section_id = f"{word}-{name.lower()}" if name else word
    title = match.group("title")
    if title is not None:
        if role != "annex" and (len(title.split()) > 15 or title.rstrip().endswith(_TERMINAL)):
            return None  # running text that happens to start "Annex A – …"
        heading = _squash(block.text[: block.text.index(title)]).rstrip(" –—-")
        return section_id, heading, _squash(title)
    return section_id, _squash(block.text), None


def _is_title_like(block: Block) -> bool:
    if block.label or _split_label(block.text) is not None:
        return False
    text = _squash(block.text)
    return bool(text) and len(text.split()) <= 20 and not text.endswith((".", ";", ":"))


def _is_plain(block: Block) -> bool:
    return _style_role(block.style) is None and not block.in_table


# --------------------------------------------------------------------------------------------
# Metadata


def _parse_metadata(
    blocks: Sequence[Block],
) -> tuple[int, Metadata, int] | None:
    """Find the number line; read metadata after it. Returns (index of the number line,
    metadata, index of the first block after the metadata), or None."""
    start = None
    for index, block in enumerate(blocks):
        role = _style_role(block.style)
        if block.in_table or block.label:
            continue
        if role == "number" or (role is None and _NUMBER_LINE.fullmatch(_squash(block.text))):
            start = index
            break
    if start is None:
        return None
    number_line = _squash(blocks[start].text)
    match = _NUMBER_LINE.fullmatch(number_line)
    number = revision = place = None
    year = None
    if match:
        number = match.group("number")
        revision = match.group("revision")
        if revision is not None:
            revision = " ".join(revision.split())
            edition = re.fullmatch(
                r"(?:Rev\.\s*)?(?P<place>.*?),?\s*(?P<year>\d{4})", revision, re.IGNORECASE
            )
            if edition:
                place = edition.group("place").strip(" ,") or None
                year = int(edition.group("year"))
    index = start + 1
    title_lines: list[str] = []
    history = None
    # The title runs until the history line; without one, it is the one line after the number.
    scan = index
    while scan < len(blocks) and scan < index + 4:
        block = blocks[scan]
        role = _style_role(block.style)
        if role == "history" or (
            role in {None, "title"} and _HISTORY.fullmatch(_squash(block.text))
        ):
            history_match = _HISTORY.fullmatch(_squash(block.text))
            history = history_match.group("history") if history_match else _squash(block.text)
            title_lines = [_squash(b.text) for b in blocks[index:scan]]
            index = scan + 1
            break
        if (
            _is_call_line(block)
            or _section_number(block)
            or block.label
            or role not in {None, "title"}
            or _PREAMBLE.fullmatch(_squash(block.text))
        ):
            break
        scan += 1
    if history is None and index < len(blocks):
        candidate = blocks[index]
        role = _style_role(candidate.style)
        if role == "title" or (
            _is_plain(candidate)
            and _is_title_like(candidate)
            and not _is_call_line(candidate)
            and not _section_number(candidate)
        ):
            title_lines = [_squash(candidate.text)]
            index += 1
    preamble = None
    if index < len(blocks):
        candidate = blocks[index]
        role = _style_role(candidate.style)
        text = _squash(candidate.text)
        if (role in {None, "after-title"} and _PREAMBLE.fullmatch(text)) and not _is_call_line(
            candidate
        ):
            preamble = text
            index += 1
    body = _infer_body(preamble) if preamble else None
    metadata = Metadata(
        number_line=number_line,
        body=body,
        number=number,
        revision=revision,
        place=place,
        year=year,
        title=" ".join(title_lines) or None,
        history=history,
        preamble=preamble,
    )
    return start, metadata, index


def _infer_body(text: str) -> str | None:
    for name, abbreviation in _call_words().bodies:
        if name.lower() in text.lower():
            return abbreviation
    return None


# --------------------------------------------------------------------------------------------
# The stage


def parse_structure(loaded: LoadedText, *, max_clauses: int | None = None) -> Document:
    """Turn a loader's blocks into a Document: metadata, front matter, sections of clauses,
    footnotes and parse warnings. Pure; never raises on odd input.

    With `max_clauses`, an input of more clauses is refused (`InputError`) as soon as its
    clause after the last is found, without parsing the rest.
    """
    return parse_block_list(loaded, list(loaded.blocks), max_clauses=max_clauses)


# Put in place of a block the parse has gone past, so that the list no longer keeps it alive.
_SPENT = Block("", 0)


def parse_block_list(
    loaded: LoadedText, blocks: list[Block], *, max_clauses: int | None = None
) -> Document:
    """`parse_structure` of `blocks`, given apart from `loaded` (whose own blocks are ignored).
    The list is emptied as the parse goes, so that a caller that keeps no other reference to the
    blocks (`load_document`) frees each block once its clause is made: a large input never has
    all its blocks and all its clauses in memory at once."""
    blocks[:] = [block for block in blocks if block.text.strip() or block.footnotes]
    warnings = list(loaded.warnings)
    footnotes = _collect_footnotes(blocks)

    def document(
        metadata: Metadata, sections: tuple[Section, ...], front: tuple[str, ...] = ()
    ) -> Document:
        return Document(
            source=loaded.source,
            format=loaded.format,
            metadata=metadata,
            sections=sections,
            front_matter=front,
            footnotes=footnotes,
            warnings=tuple(warnings),
            view=loaded.view,
        )

    if not any(block.text.strip() for block in blocks):
        warnings.append(f"{loaded.source}: the document is empty: no sections, no clauses")
        blocks.clear()
        return document(Metadata(), ())

    found = _parse_metadata(blocks)
    front: tuple[str, ...] = ()
    if found is None:
        metadata, front, index = Metadata(), (), 0
    else:
        start, metadata, index = found
        front = tuple(_squash(b.text) for b in blocks[:start] if b.text.strip())

    place = "line" if loaded.format is SourceFormat.TEXT else "paragraph"
    builder = _Builder(loaded.source, place, max_clauses)
    recognised = False
    seen_operative = False
    body_blocks = blocks  # read from `index` on; what lies before it is spent
    spent = 0
    while index < len(body_blocks):
        while spent < index:
            body_blocks[spent] = _SPENT
            spent += 1
        block = body_blocks[index]
        index += 1
        if not block.text.strip():
            continue
        section_number = _section_number(block)
        if section_number is not None:
            title, index = _read_title(body_blocks, index, "section-title")
            builder.open_section(
                f"section-{section_number.lower()}",
                _squash(block.text),
                SectionKind.NUMBERED,
                title,
                block,
            )
            recognised = True
            continue
        annex = _annex_heading(block)
        if annex is not None:
            section_id, heading, title = annex
            while index < len(body_blocks) and (
                _style_role(body_blocks[index].style) == "annex-ref"
                or (
                    _is_plain(body_blocks[index])
                    and _squash(body_blocks[index].text).startswith("(to ")
                )
            ):
                heading = f"{heading} {_squash(body_blocks[index].text)}"
                index += 1
            if title is None:
                title, index = _read_title(body_blocks, index, "annex-title")
            builder.open_section(section_id, heading, SectionKind.ANNEX, title, block)
            recognised = True
            continue
        call = _is_call_line(block)
        if call is not None:
            heading = _squash(block.text)
            if _match_call(heading) is None:
                call = SectionKind.OPERATIVE if seen_operative else SectionKind.PREAMBLE
            seen_operative = seen_operative or call is SectionKind.OPERATIVE
            slug = "-".join(_words(heading)[:SLUG_WORDS])
            builder.open_section(slug, heading, call, None, block)
            recognised = True
            continue
        builder.add_block(block)

    blocks.clear()
    sections = builder.build_sections()
    builder.summarise_warnings()
    warnings.extend(f"{loaded.source}: {warning}" for warning in builder.warnings)
    if not recognised and found is None:
        warnings.append(
            f"{loaded.source}: no resolution structure recognised (no RESOLUTION line, call "
            f"words or numbered sections); read as {sum(len(s.clauses) for s in sections)} "
            "paragraphs in one section"
        )
    elif not recognised:
        warnings.append(
            f"{loaded.source}: no call words (recalling, resolves, …) or numbered sections "
            "found; the text after the title is one section of paragraphs"
        )
    return document(metadata, sections, front)


def _read_title(blocks: Sequence[Block], index: int, role: str) -> tuple[str | None, int]:
    """The title line(s) under a section or annex heading, and the index after them."""
    if index >= len(blocks):
        return None, index
    block = blocks[index]
    styled = _style_role(block.style) == role
    if not styled and not (
        _is_plain(block)
        and _is_title_like(block)
        and _is_call_line(block) is None
        and _section_number(block) is None
        and _annex_heading(block) is None
    ):
        return None, index
    parts = [_squash(block.text)]
    index += 1
    # Plain-text extractions break long titles over lines ("Approval of … Recommendations" /
    # "using the traditional approval process"): a lowercase line continues the title.
    while (
        not styled
        and index < len(blocks)
        and _is_plain(blocks[index])
        and _is_title_like(blocks[index])
        and blocks[index].text.strip()[:1].islower()
        and _is_call_line(blocks[index]) is None
    ):
        parts.append(_squash(blocks[index].text))
        index += 1
    return " ".join(parts), index


def _collect_footnotes(blocks: Sequence[Block]) -> tuple[Footnote, ...]:
    # A dict keeps the first of equal footnotes, in order, without a quadratic search.
    seen: dict[Footnote, None] = {}
    for block in blocks:
        if block.footnotes:
            seen.update(dict.fromkeys(block.footnotes))
    return tuple(seen)
