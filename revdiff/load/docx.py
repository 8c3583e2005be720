"""The .docx loader: Word's XML read run by run into blocks, in the accepted or the original view.

python-docx is not used here. Its package reader parses every part with its own XML parser
(before our safety checks could refuse a hostile part), and its ``Paragraph.text`` drops the
text inside tracked insertions, deletions and moves. So the package is opened by
`revdiff.ooxml.package` (size limits, no DTDs, no entities) and every part is read with lxml.

What a block is:

- One block per paragraph that exists in the chosen view and shows text. Runs are read
  directly: ``w:t``; ``w:tab``/``w:ptab`` -> tab; ``w:br``/``w:cr`` -> newline (line, page and
  column breaks alike, as plain-text extractions of Word files do; a break at either end of a
  paragraph is layout and is dropped);
  ``w:noBreakHyphen`` -> U+2011; soft hyphens (``w:softHyphen`` and U+00AD) are dropped, since a
  reader never sees them; ``w:sym`` -> the Unicode character for common Symbol and Wingdings
  glyphs. Field codes (``w:instrText``, the part of a complex field between ``begin`` and
  ``separate``) are not text; field results are. Hyperlinks, smart tags, content controls,
  custom XML and simple fields are read through.
- Tracked changes: the ACCEPTED view keeps ``w:ins`` and ``w:moveTo`` and drops ``w:del`` and
  ``w:moveFrom``; the ORIGINAL view does the reverse. A paragraph whose mark does not exist in the
  view (``w:pPr/w:rPr/w:del`` when accepted, ``w:pPr/w:rPr/w:ins`` when original) is joined to the
  next paragraph, as Word does when the change is accepted or rejected. Table rows inserted or
  deleted with tracking are dropped in the view where they do not exist. In the ORIGINAL view a
  tracked paragraph-property change (``w:pPrChange``) gives the old style and numbering.
- `Block.style` is the paragraph style's NAME from styles.xml (``Res_No``, ``Call``,
  ``Heading 2``), ``Normal`` when none is set. `Block.label` is the label Word's automatic
  numbering draws (``a)``, ``1.3``, ``–``), from the paragraph's ``w:numPr`` or its style's;
  typed labels stay in `Block.text`. Counters are kept per list instance (``w:num``) and
  level, honouring start values, ``w:startOverride``, ``w:lvlRestart`` and ``w:isLgl``;
  deeper levels restart when a higher level is used.
- Footnotes and endnotes referenced from a paragraph are attached to its block with their
  displayed mark (auto numbers in reference order, custom marks, and a superscript suffix such as
  ``bis`` typed after the reference); marks are not part of `Block.text`.
- `Block.location` is the 1-based position of the paragraph among ALL ``w:p`` elements of the
  document body in document order: body paragraphs, table-cell paragraphs (nested tables too)
  and paragraphs inside block-level content controls and custom XML, including empty paragraphs
  and paragraphs that a view drops. Paragraphs inside text boxes, shapes and other drawings are
  NOT counted (and their text is not read). `iter_body_paragraphs` yields exactly the counted
  paragraphs, so a writer can find block N again as the N-th paragraph it yields. When paragraphs
  are joined (deleted marks), the block's location is that of the first paragraph contributing
  text, while its style and label come from the paragraph whose mark survives (Word keeps a
  paragraph's properties in its mark).

Not read: headers, footers, comments, text boxes and drawings (counted in a warning). Hidden
text (``w:vanish``) is read like any other text: dropping it could lose words.

Memory: the main part is never held whole. It is parsed as it is decompressed, and each
paragraph or table row is read and then cleared (`_DocxReader._stream_body`), so a document.xml
near the 200 MB limit is read in a few hundred MB rather than the several GB of its lxml tree.
The other parts (styles, numbering, notes) are small and parsed whole.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from revdiff.errors import CorruptFileError
from revdiff.model import Block, Footnote, LoadedText, SourceFormat, View
from revdiff.ooxml.names import (
    INLINE_WRAPPERS,
    M_NS,
    WORD_NAMESPACES,
    namespace_of,
    tag_table,
)
from revdiff.ooxml.package import OoxmlPackage, open_package
from revdiff.ooxml.paragraphs import iter_body_paragraphs
from revdiff.ooxml.revisions import MARK_KINDS, hidden_in
from revdiff.ooxml.runs import fixed_characters, symbol_text
from revdiff.ooxml.symbols import map_symbol
from revdiff.ooxml.xml import DAMAGED_FIX, parse_xml, stream_xml

if TYPE_CHECKING:
    from lxml import etree

# The parts of the package the loader reads besides the main document, by relationship kind.
RELATED_PARTS = ("styles", "numbering", "footnotes", "endnotes", "settings")

# python-docx shows these built-in style names capitalised (its BabelFish); so do we, so that a
# style reads the same whichever tool reported it.
UI_STYLE_NAMES = {
    "caption": "Caption",
    "footer": "Footer",
    "header": "Header",
    **{f"heading {n}": f"Heading {n}" for n in range(1, 10)},
}

NOTE_SUFFIX = re.compile(r"[0-9A-Za-z]+")
NOTE_SEPARATOR = re.compile(r"[\s,;]+")


# The main part is streamed (see `_DocxReader._stream_body`): lxml reports only these elements, a
# tenth of a document's, and the reader clears each block-level element once it has read it.
_STREAMED_TAGS = tuple(
    "{*}" + name
    for name in (
        "body",
        "p",
        "tbl",
        "tr",
        "sdt",
        "sdtContent",
        "customXml",
        "sectPr",
        "ins",
        "del",
        "moveFrom",
        "moveTo",
    )
)


def read_docx(path: Path, *, view: View, max_size: int) -> LoadedText:
    """Read the .docx (or .docm) at `path` into blocks, in the `view` of its tracked changes."""
    with open_package(path, max_size=max_size, related=RELATED_PARTS, stream_main=True) as package:
        return _DocxReader(package, View(view)).read()


# --------------------------------------------------------------------------------------------
# Definitions read from styles.xml and numbering.xml


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False  # w:isLgl: show every level in decimal
    font: str | None = None


@dataclass
class _Styles:
    names: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    num_pr: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    default_paragraph: str | None = None
    # Character styles of foot- and endnote reference marks (Word's ids, plus any so named).
    note_reference: set[str] = field(
        default_factory=lambda: {"FootnoteReference", "EndnoteReference"}
    )


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    abstract_style_link: dict[str, str] = field(default_factory=dict)
    abstract_of_num: dict[str, str] = field(default_factory=dict)
    level_overrides: dict[str, dict[int, _Level]] = field(default_factory=dict)
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    style_levels: dict[str, int] = field(default_factory=dict)  # styleId -> ilvl (w:lvl/w:pStyle)


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _on(element: etree._Element | None, w: str) -> bool:
    """A Word on/off property: present and not explicitly false."""
    if element is None:
        return False
    return element.get(f"{{{w}}}val", "true").lower() not in {"0", "false", "off"}


def to_roman(number: int) -> str:
    """``14`` -> ``xiv`` (lower case; numbers below 1 give "")."""
    parts = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def format_number(value: int, fmt: str) -> str:
    """A counter value in a Word number format: decimal, lowerLetter (a…z, aa…), roman, …."""
    if fmt in ("lowerLetter", "upperLetter"):
        if value < 1:
            return str(value)
        if value > 26 * 40:
            return str(value)  # no list is that long; refuse to build a huge label
        # Word repeats the letter past z: y, z, aa, bb, … (not Excel's aa, ab).
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value) if 0 < value < 4000 else str(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


# --------------------------------------------------------------------------------------------
# The reader


@dataclass
class _Note:
    kind: str  # "footnote" | "endnote"
    id: str
    mark: str  # the custom mark, or what follows an automatic number ("bis")
    # An automatic number: the note's rank among the document's notes of its kind. It becomes
    # the shown number once the whole body is read, since the number format (the last section's
    # properties) and the restarts (the next section's properties) come after the note.
    auto: int | None = None


@dataclass
class _Paragraph:
    """What one ``w:p`` contributes in the view: its text pieces and the notes it references."""

    parts: list[str] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)
    # Footnote-mark parsing: the note whose mark may still grow ("1" + "bis"), and a superscript
    # separator seen after it (", " between two marks), held until we know what follows.
    open_note: _Note | None = None
    held_separator: str = ""

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Frame:
    """A block-level element of the body being streamed: the body itself, a content control or
    custom XML around paragraphs ("container"), a block-level ``w:sdt`` ("sdt"), or a table (or a
    content control around its rows: "table"). Paragraphs and table rows are read whole."""

    element: etree._Element
    kind: str
    pending: _Pending | None = None
    found_content: bool = False


@dataclass
class _Pending:
    """Paragraphs whose marks do not exist in the view, waiting to be joined to the next one."""

    text: list[str] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)
    first_location: int | None = None


class _DocxReader:
    """One read of one package in one view (not reused: the counters are per document)."""

    def __init__(self, package: OoxmlPackage, view: View) -> None:
        self.package = package
        self.view = view
        self.source = package.source
        self.warnings: list[str] = list(package.warnings)
        ns = self._main_namespace()
        if ns not in WORD_NAMESPACES:
            raise CorruptFileError(
                self.source,
                f"the main part {package.main} is not a WordprocessingML document",
                DAMAGED_FIX,
            )
        self.w = ns
        self._tags()
        self.parts = self._related_parts()
        self.styles = self._read_styles()
        self.numbering = self._read_numbering()
        self.counters: dict[str, list[int | None]] = {}
        self.fields: list[bool] = []  # open complex fields: True once past "separate"
        self.note_numbers = {"footnote": 0, "endnote": 0}
        self.tracked = {"inserted": 0, "deleted": 0}
        self.text_boxes = 0
        self.unknown_symbols: set[str] = set()
        self.location = 0
        self.blocks: list[Block] = []
        self.footnote_texts: dict[tuple[str, str], str] = {}
        # Automatic note numbers are shown once the body is read (see `_Note.auto`): the blocks
        # that wait for them, the footnote numbering's possible restarts (section index, notes
        # numbered so far), the sections' restart flags and the body's own section properties.
        self.blocks_with_numbered_notes: list[tuple[int, list[_Note]]] = []
        self.footnote_restarts: list[tuple[int, int]] = []
        self._section_restarts: list[bool] = []
        self._section = 0
        self.body_section: etree._Element | None = None

    def _main_namespace(self) -> str:
        """The namespace of the main part's root element, from the first bytes parsed."""
        main = self.package.main
        events = stream_xml(self.package.main_chunks(), self.source, main, events=("start",))
        with closing(events):
            for _, element in events:
                return namespace_of(element)
        return ""  # not reached: an XML document without a root element is refused above

    def _tags(self) -> None:
        w = self.w

        def q(name: str) -> str:
            return f"{{{w}}}{name}"

        self.T = tag_table(w)
        # Inline wrappers whose runs are read as if they were the paragraph's own.
        self.pass_through = {q(name) for name in (*INLINE_WRAPPERS, "sdtContent")}
        self.characters = fixed_characters(w)
        self.revision_tags = {q(kind) for kind in MARK_KINDS}
        self.hidden = {q(kind) for kind in hidden_in(self.view)}
        self.VAL = self.T["val"]
        self.ID = self.T["id"]

    # ---- parts ------------------------------------------------------------------------------

    def _related_parts(self) -> dict[str, etree._Element | None]:
        result: dict[str, etree._Element | None] = dict.fromkeys(RELATED_PARTS)
        for kind, name in self.package.related.items():
            result[kind] = parse_xml(self.package.parts[name], self.source, name)
        return result

    def _read_styles(self) -> _Styles:
        styles = _Styles()
        root = self.parts["styles"]
        if root is None:
            return styles
        w = self.w
        for style in root.iter(f"{{{w}}}style"):
            style_id = style.get(f"{{{w}}}styleId")
            if style_id is None:
                continue
            kind = style.get(f"{{{w}}}type", "paragraph")
            name_el = style.find(f"{{{w}}}name")
            name = name_el.get(self.VAL) if name_el is not None else None
            name = name or style_id
            if kind == "character":
                if name.lower() in {"footnote reference", "endnote reference"}:
                    styles.note_reference.add(style_id)
                continue
            if kind != "paragraph":
                continue
            styles.names[style_id] = UI_STYLE_NAMES.get(name, name)
            based = style.find(f"{{{w}}}basedOn")
            if based is not None and based.get(self.VAL):
                styles.based_on[style_id] = based.get(self.VAL) or ""
            if _on_attr(style.get(f"{{{w}}}default")):
                styles.default_paragraph = styles.default_paragraph or style_id
            num_pr = style.find(f"{{{w}}}pPr/{{{w}}}numPr")
            if num_pr is not None:
                styles.num_pr[style_id] = self._num_pr_values(num_pr)
        return styles

    def _num_pr_values(self, num_pr: etree._Element) -> tuple[str | None, int | None]:
        num_id = num_pr.find(self.T["numId"])
        ilvl = num_pr.find(self.T["ilvl"])
        return (
            num_id.get(self.VAL) if num_id is not None else None,
            _int(ilvl.get(self.VAL)) if ilvl is not None else None,
        )

    def _read_level(self, lvl: etree._Element) -> _Level:
        w = self.w

        def val(name: str) -> str | None:
            element = lvl.find(f"{{{w}}}{name}")
            return element.get(self.VAL) if element is not None else None

        fonts = lvl.find(f"{{{w}}}rPr/{{{w}}}rFonts")
        return _Level(
            start=_int(val("start"), 1) or 0,
            fmt=val("numFmt") or "decimal",
            text=val("lvlText") or "",
            restart=_int(val("lvlRestart")),
            legal=_on(lvl.find(f"{{{w}}}isLgl"), w),
            font=fonts.get(f"{{{w}}}ascii") if fonts is not None else None,
        )

    def _read_numbering(self) -> _Numbering:
        numbering = _Numbering()
        root = self.parts["numbering"]
        if root is None:
            return numbering
        w = self.w
        for abstract in root.iter(f"{{{w}}}abstractNum"):
            abstract_id = abstract.get(f"{{{w}}}abstractNumId") or ""
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{{{w}}}lvl"):
                ilvl = _int(lvl.get(f"{{{w}}}ilvl"), 0) or 0
                levels[ilvl] = self._read_level(lvl)
                p_style = lvl.find(f"{{{w}}}pStyle")
                if p_style is not None and p_style.get(self.VAL):
                    numbering.style_levels[p_style.get(self.VAL) or ""] = ilvl
            numbering.abstract[abstract_id] = levels
            link = abstract.find(f"{{{w}}}numStyleLink")
            if link is not None and link.get(self.VAL):
                numbering.abstract_style_link[abstract_id] = link.get(self.VAL) or ""
        for num in root.iter(f"{{{w}}}num"):
            num_id = num.get(f"{{{w}}}numId") or ""
            abstract_ref = num.find(f"{{{w}}}abstractNumId")
            if abstract_ref is None:
                continue
            numbering.abstract_of_num[num_id] = abstract_ref.get(self.VAL) or ""
            for override in num.iter(f"{{{w}}}lvlOverride"):
                ilvl = _int(override.get(f"{{{w}}}ilvl"), 0) or 0
                start = override.find(f"{{{w}}}startOverride")
                if start is not None:
                    value = _int(start.get(self.VAL))
                    if value is not None:
                        numbering.start_overrides.setdefault(num_id, {})[ilvl] = value
                replaced = override.find(f"{{{w}}}lvl")
                if replaced is not None:
                    numbering.level_overrides.setdefault(num_id, {})[ilvl] = self._read_level(
                        replaced
                    )
        return numbering

    def _read_note_settings(self) -> dict[str, tuple[str, int]]:
        """The number format and first number of auto-numbered foot- and endnotes."""
        formats = {"footnote": ("decimal", 1), "endnote": ("lowerRoman", 1)}
        settings = self.parts["settings"]
        candidates = [settings] if settings is not None else []
        # The last section's properties (the body's sectPr) override the document settings.
        if self.body_section is not None:
            candidates.append(self.body_section)
        for element in candidates:
            for kind, tag in (("footnote", "footnotePr"), ("endnote", "endnotePr")):
                pr = element.find(self.T[tag])
                if pr is None:
                    continue
                fmt, start = formats[kind]
                fmt_el = pr.find(self.T["numFmt"])
                start_el = pr.find(self.T["numStart"])
                if fmt_el is not None and fmt_el.get(self.VAL):
                    fmt = fmt_el.get(self.VAL) or fmt
                if start_el is not None:
                    start = _int(start_el.get(self.VAL), start) or start
                formats[kind] = (fmt, start)
        return formats

    # ---- numbering --------------------------------------------------------------------------

    def _level(self, num_id: str, ilvl: int) -> _Level | None:
        override = self.numbering.level_overrides.get(num_id, {}).get(ilvl)
        if override is not None:
            return override
        abstract_id = self.numbering.abstract_of_num.get(num_id)
        seen: set[str] = set()
        while abstract_id is not None and abstract_id not in seen:
            seen.add(abstract_id)
            levels = self.numbering.abstract.get(abstract_id, {})
            if ilvl in levels:
                return levels[ilvl]
            # A list that only links to a numbering style: follow the style to its list.
            link = self.numbering.abstract_style_link.get(abstract_id)
            linked_num = self.styles.num_pr.get(link, (None, None))[0] if link else None
            abstract_id = self.numbering.abstract_of_num.get(linked_num or "")
        return None

    def _numbering_of(
        self, p_pr: etree._Element | None, style_id: str | None
    ) -> tuple[str, int] | None:
        num_id: str | None = None
        ilvl: int | None = None
        if p_pr is not None:
            num_pr = p_pr.find(self.T["numPr"])
            if num_pr is not None:
                num_id, ilvl = self._num_pr_values(num_pr)
        seen: set[str] = set()
        current = style_id
        while (num_id is None or ilvl is None) and current and current not in seen:
            seen.add(current)
            style_num, style_ilvl = self.styles.num_pr.get(current, (None, None))
            num_id = num_id if num_id is not None else style_num
            if ilvl is None:
                ilvl = style_ilvl
                if ilvl is None and current in self.numbering.style_levels:
                    ilvl = self.numbering.style_levels[current]
            current = self.styles.based_on.get(current)
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        return num_id, max(0, min(ilvl or 0, 8))

    def _next_label(self, num_id: str, ilvl: int) -> str | None:
        level = self._level(num_id, ilvl)
        if level is None:
            return None
        counters = self.counters.get(num_id)
        starts = self.numbering.start_overrides.get(num_id, {})
        if counters is None:
            counters = self.counters[num_id] = [None] * 9
        current = counters[ilvl]
        counters[ilvl] = starts.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            deeper_level = self._level(num_id, deeper)
            restart = deeper_level.restart if deeper_level is not None else None
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                counters[deeper] = None
        if level.fmt == "bullet":
            return self._bullet(level)
        label = level.text

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            referenced = self._level(num_id, index)
            if referenced is None:
                return ""
            value = counters[index]
            if value is None:
                value = starts.get(index, referenced.start)
            fmt = "decimal" if level.legal and referenced.fmt != "none" else referenced.fmt
            return format_number(value, fmt)

        label = re.sub(r"%([1-9])", number, label).strip()
        return label or None

    def _bullet(self, level: _Level) -> str | None:
        text = level.text.strip()
        if not text:
            return None
        mapped = []
        for char in text:
            code = ord(char)
            if 0xF000 <= code <= 0xF0FF or (level.font and "wingdings" in level.font.lower()):
                mapped.append(map_symbol(code, level.font) or "•")
            else:
                mapped.append(char)
        return "".join(mapped)

    # ---- body -------------------------------------------------------------------------------

    def read(self) -> LoadedText:
        self._read_notes()
        if not self._stream_body():
            raise CorruptFileError(
                self.source, f"the main part {self.package.main} has no document body", DAMAGED_FIX
            )
        self._number_notes()
        if self.tracked["inserted"] or self.tracked["deleted"]:
            self.warnings.append(
                f"the document carries tracked changes ({self.tracked['inserted']} insertions, "
                f"{self.tracked['deleted']} deletions); read in the {self.view.value} view"
            )
        if self.text_boxes:
            self.warnings.append(
                f"{self.text_boxes} text box(es) or drawing(s) with text were not read"
            )
        if self.unknown_symbols:
            self.warnings.append(
                "unknown symbol-font characters shown as U+FFFD: "
                + ", ".join(sorted(self.unknown_symbols))
            )
        return LoadedText(
            source=self.source,
            format=SourceFormat.DOCX,
            blocks=tuple(self.blocks),
            warnings=tuple(self.warnings),
            view=self.view,
        )

    def _stream_body(self) -> bool:
        """Read the body as the main part is parsed, clearing what has been read: whether the
        document has a body.

        Every paragraph and table row is read whole, by the same code as a paragraph inside a
        table cell, when its end is parsed; the body, block-level content controls and tables
        are followed element by element (`_Frame`), so that only one paragraph or row and the
        elements around it are in memory at a time. The order in which paragraphs are read,
        and so every counter (location, numbering, notes, fields), is that of a walk of the
        whole tree."""
        T = self.T
        inserted = {T["ins"], T["moveTo"]}
        deleted = {T["del"], T["moveFrom"]}
        section_parents = {T["pPr"], T["body"]}
        open_sections: dict[etree._Element, int] = {}
        frames: list[_Frame] = []
        body_seen = False
        events = stream_xml(
            self.package.main_chunks(), self.source, self.package.main, tags=_STREAMED_TAGS
        )
        with closing(events):
            for event, element in events:
                tag = element.tag
                parent = element.getparent()
                if not frames:
                    # Only the first w:body directly under the root is the body (as root.find does).
                    if (
                        event == "start"
                        and tag == T["body"]
                        and not body_seen
                        and parent is not None
                        and parent.getparent() is None
                    ):
                        body_seen = True
                        frames.append(_Frame(element, "container", _Pending()))
                    continue
                if event == "start":
                    # Counted over the whole body, so that both views report the same figures.
                    if tag in inserted:
                        self.tracked["inserted"] += 1
                    elif tag in deleted:
                        self.tracked["deleted"] += 1
                    elif (
                        tag == T["sectPr"] and parent is not None and parent.tag in section_parents
                    ):
                        # A paragraph's own section break or the body's last one (a sectPr inside
                        # a tracked property change, w:sectPrChange, is history, not a section).
                        open_sections[element] = len(self._section_restarts)
                        self._section_restarts.append(False)
                    frame = frames[-1]
                    if parent is frame.element:
                        self._stream_start(frame, element, frames)
                    continue
                if tag == T["sectPr"] and element in open_sections:
                    self._section_restarts[open_sections.pop(element)] = self._restarts(element)
                    if parent is not None and parent.tag == T["body"] and self.body_section is None:
                        self.body_section = copy.deepcopy(element)
                frame = frames[-1]
                if element is frame.element:
                    frames.pop()
                    if frame.pending is not None:
                        self._flush(frame.pending, None, None, False)
                    _discard(element)
                elif parent is frame.element:
                    if frame.kind == "container" and tag == T["p"]:
                        assert frame.pending is not None
                        frame.pending = self._paragraph(element, frame.pending, in_table=False)
                        _discard(element)
                    elif frame.kind == "table" and tag == T["tr"]:
                        self._row(element)
                        _discard(element)
        return body_seen

    def _stream_start(self, frame: _Frame, child: etree._Element, frames: list[_Frame]) -> None:
        """A child of a streamed element begins: follow it if it is itself block-level content
        (as `_container` and `_table` recurse into it); paragraphs and rows wait for their end."""
        T = self.T
        tag = child.tag
        if frame.kind == "container":
            assert frame.pending is not None
            if tag == T["tbl"]:
                self._flush(frame.pending, None, None, False)
                frame.pending = _Pending()
                frames.append(_Frame(child, "table"))
            elif tag in (T["sdt"], T["customXml"], T["sdtContent"]):
                self._flush(frame.pending, None, None, False)
                frame.pending = _Pending()
                if tag == T["sdt"]:
                    frames.append(_Frame(child, "sdt"))
                else:
                    frames.append(_Frame(child, "container", _Pending()))
        elif frame.kind == "sdt":
            # Only the first w:sdtContent of a content control is read (as sdt.find does).
            if tag == T["sdtContent"] and not frame.found_content:
                frame.found_content = True
                frames.append(_Frame(child, "container", _Pending()))
        elif frame.kind == "table" and tag in (T["sdt"], T["sdtContent"], T["customXml"]):
            frames.append(_Frame(child, "table"))

    def _restarts(self, sect: etree._Element) -> bool:
        """Whether the section these properties describe restarts its footnote numbers."""
        pr = sect.find(self.T["footnotePr"])
        if pr is None:
            return False
        element = pr.find(self.T["numRestart"])
        return element is not None and element.get(self.VAL) == "eachSect"

    def _number_notes(self) -> None:
        """Give the automatically numbered notes their shown numbers, now that the body's
        section properties (number format, restarts) are all known."""
        self.note_formats = self._read_note_settings()
        restarts = [
            count
            for section, count in self.footnote_restarts
            if section < len(self._section_restarts) and self._section_restarts[section]
        ]
        for index, notes in self.blocks_with_numbered_notes:
            footnotes = []
            for note in notes:
                mark = note.mark
                if note.auto is not None:
                    number = note.auto
                    if note.kind == "footnote":
                        # Numbered since the last restart before this note.
                        before = bisect_left(restarts, number)
                        number -= restarts[before - 1] if before else 0
                    fmt, start = self.note_formats[note.kind]
                    mark = format_number(number + start - 1, fmt) + note.mark
                footnotes.append(Footnote(mark, self.footnote_texts.get((note.kind, note.id), "")))
            self.blocks[index] = replace(self.blocks[index], footnotes=tuple(footnotes))

    def _container(self, container: etree._Element, *, in_table: bool) -> None:
        """Read the block-level content of the body, a table cell or a content control."""
        T = self.T
        pending = _Pending()
        for child in container:
            tag = child.tag
            if tag == T["p"]:
                pending = self._paragraph(child, pending, in_table=in_table)
            elif tag == T["tbl"]:
                self._flush(pending, None, None, in_table)
                pending = _Pending()
                self._table(child)
            elif tag in (T["sdt"], T["customXml"], T["sdtContent"]):
                self._flush(pending, None, None, in_table)
                pending = _Pending()
                inner = child.find(T["sdtContent"]) if tag == T["sdt"] else child
                if inner is not None:
                    self._container(inner, in_table=in_table)
        self._flush(pending, None, None, in_table)

    def _table(self, table: etree._Element) -> None:
        T = self.T
        for row in _children(table, {T["tr"]}, {T["sdt"], T["sdtContent"], T["customXml"]}):
            self._row(row)

    def _row(self, row: etree._Element) -> None:
        T = self.T
        tr_pr = row.find(T["trPr"])
        dropped = False
        if tr_pr is not None:
            if tr_pr.find(T["del"]) is not None:
                dropped = self.view is View.ACCEPTED
            elif tr_pr.find(T["ins"]) is not None:
                dropped = self.view is View.ORIGINAL
        for cell in _children(row, {T["tc"]}, {T["sdt"], T["sdtContent"], T["customXml"]}):
            if dropped:
                # The row does not exist in this view; its paragraphs still count for location.
                self.location += sum(1 for _ in iter_body_paragraphs(cell))
            else:
                self._container(cell, in_table=True)

    def _paragraph(self, p: etree._Element, pending: _Pending, *, in_table: bool) -> _Pending:
        T = self.T
        self.location += 1
        location = self.location
        p_pr = p.find(T["pPr"])
        if p_pr is not None and p_pr.find(T["sectPr"]) is not None:
            self._section += 1
        mark_exists = True
        props = p_pr
        if p_pr is not None:
            mark = p_pr.find(T["rPr"])
            if mark is not None:
                mark_exists = not any(mark.find(tag) is not None for tag in self.hidden)
            if self.view is View.ORIGINAL:
                change = p_pr.find(T["pPrChange"])
                if change is not None and change.find(T["pPr"]) is not None:
                    props = change.find(T["pPr"])
        paragraph = _Paragraph()
        self._inline(p, paragraph)
        self._close_note(paragraph, end=True)
        text = paragraph.text
        if text and pending.first_location is None:
            pending.first_location = location
        pending.text.append(text)
        pending.notes.extend(paragraph.notes)
        if not mark_exists:
            return pending
        self._flush(pending, props, location, in_table)
        # A new section starts after a paragraph that carries a sectPr: restart footnote numbers
        # there if that section says so.
        if p_pr is not None and p_pr.find(T["sectPr"]) is not None:
            # Whether that section restarts is known once the body is read (`_number_notes`).
            self.footnote_restarts.append((self._section, self.note_numbers["footnote"]))
        return _Pending()

    def _flush(
        self,
        pending: _Pending,
        props: etree._Element | None,
        location: int | None,
        in_table: bool,
    ) -> None:
        """Emit the joined paragraphs as one block, with the style and label of `props` (the
        properties of the paragraph whose mark ends the block)."""
        if location is None:
            if not pending.text:
                return
            location = pending.first_location or self.location
        style_id = None
        if props is not None:
            p_style = props.find(self.T["pStyle"])
            if p_style is not None:
                style_id = p_style.get(self.VAL)
        style_id = style_id or self.styles.default_paragraph
        label = None
        numbering = self._numbering_of(props, style_id)
        if numbering is not None:
            label = self._next_label(*numbering)
        # Breaks at either end of a paragraph are layout (a page break before a heading), not text.
        text = "".join(pending.text).replace("\u00ad", "").strip("\n")
        notes = tuple(
            Footnote(note.mark, self.footnote_texts.get((note.kind, note.id), ""))
            for note in pending.notes
        )
        if not text.strip() and not notes:
            return
        if any(note.auto is not None for note in pending.notes):
            self.blocks_with_numbered_notes.append((len(self.blocks), pending.notes))
        style = self.styles.names.get(style_id, style_id) if style_id else None
        self.blocks.append(
            Block(
                text=text,
                location=pending.first_location or location,
                style=style or "Normal",
                label=label,
                footnotes=notes,
                in_table=in_table,
            )
        )

    # ---- inline content ---------------------------------------------------------------------

    def _inline(self, element: etree._Element, out: _Paragraph) -> None:
        T = self.T
        for child in element:
            tag = child.tag
            if tag == T["r"]:
                self._run(child, out)
            elif tag in self.revision_tags:
                if tag not in self.hidden:
                    self._inline(child, out)
            elif tag in self.pass_through:
                self._inline(child, out)
            elif tag == T["sdt"]:
                content = child.find(T["sdtContent"])
                if content is not None:
                    self._inline(content, out)
            elif isinstance(tag, str) and tag.startswith(f"{{{M_NS}}}"):
                self._math(child, out)

    def _math(self, element: etree._Element, out: _Paragraph) -> None:
        if self._in_field_code():
            return
        for t in element.iter(f"{{{M_NS}}}t"):
            self._text(out, t.text or "", reference_styled=False)

    def _in_field_code(self) -> bool:
        return any(not past_separate for past_separate in self.fields)

    def _is_reference_styled(self, run: etree._Element) -> bool:
        r_pr = run.find(self.T["rPr"])
        if r_pr is None:
            return False
        r_style = r_pr.find(self.T["rStyle"])
        if r_style is not None and r_style.get(self.VAL) in self.styles.note_reference:
            return True
        align = r_pr.find(self.T["vertAlign"])
        return align is not None and align.get(self.VAL) == "superscript"

    def _run(self, run: etree._Element, out: _Paragraph) -> None:
        T = self.T
        styled: bool | None = None  # whether the run looks like a note mark, looked up lazily
        custom_mark: _Note | None = None
        for child in run:
            tag = child.tag
            piece: str | None = None
            if tag == T["t"] or tag == T["delText"]:
                piece = child.text or ""
            elif tag in self.characters:
                piece = self.characters[tag]
            elif tag == T["sym"]:
                piece = self._symbol(child)
            elif tag == T["fldChar"]:
                kind = child.get(f"{{{self.w}}}fldCharType")
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            elif tag in (T["footnoteReference"], T["endnoteReference"]):
                if self._in_field_code():
                    continue
                custom_mark = self._note_reference(child, out)
                continue
            elif tag in (T["drawing"], T["pict"], T["object"]):
                if any(True for _ in child.iter(T["txbxContent"])):
                    self.text_boxes += 1
                continue
            else:
                continue  # rPr, instrText, footnoteRef, lastRenderedPageBreak, annotations, …
            if self._in_field_code() or not piece:
                continue
            if custom_mark is not None and tag == T["t"]:
                custom_mark.mark += piece
                continue
            if styled is None and out.open_note is not None:
                styled = self._is_reference_styled(run)
            self._text(out, piece, reference_styled=bool(styled))

    def _symbol(self, sym: etree._Element) -> str:
        mapped = symbol_text(sym, self.w)
        if mapped is None:
            raw = sym.get(f"{{{self.w}}}char") or ""
            self.unknown_symbols.add(f"{sym.get(f'{{{self.w}}}font') or '?'} {raw}")
            return "\ufffd"
        return mapped

    def _note_reference(self, element: etree._Element, out: _Paragraph) -> _Note | None:
        kind = "footnote" if element.tag == self.T["footnoteReference"] else "endnote"
        note_id = element.get(self.ID) or ""
        # Separators between two marks ("1, 1bis") belong to the marks, not to the text.
        out.held_separator = ""
        if _on_attr(element.get(f"{{{self.w}}}customMarkFollows")):
            note = _Note(kind, note_id, "")
            out.notes.append(note)
            out.open_note = note
            return note
        self.note_numbers[kind] += 1
        note = _Note(kind, note_id, "", auto=self.note_numbers[kind])
        out.notes.append(note)
        out.open_note = note
        return None

    def _text(self, out: _Paragraph, piece: str, *, reference_styled: bool) -> None:
        """Add visible text, unless it continues a footnote mark (``bis`` after ``1``)."""
        if out.open_note is not None and reference_styled:
            if not out.held_separator and NOTE_SUFFIX.fullmatch(piece):
                out.open_note.mark += piece
                return
            if NOTE_SEPARATOR.fullmatch(piece):
                out.held_separator += piece
                return
        self._close_note(out, end=False)
        out.parts.append(piece)

    def _close_note(self, out: _Paragraph, *, end: bool) -> None:
        if out.open_note is None:
            return
        if out.held_separator and not end:
            out.parts.append(out.held_separator)
        out.held_separator = ""
        out.open_note = None

    # ---- notes ------------------------------------------------------------------------------

    def _read_notes(self) -> None:
        """Read every foot- and endnote's text, its own mark excluded."""
        for kind in ("footnote", "endnote"):
            root = self.parts[kind + "s"]
            if root is None:
                continue
            for note in root.iter(self.T[kind]):
                if note.get(f"{{{self.w}}}type") not in (None, "normal"):
                    continue  # separators and continuation notices
                self.footnote_texts[(kind, note.get(self.ID) or "")] = self._note_text(note)

    def _note_text(self, note: etree._Element) -> str:
        saved_fields, self.fields = self.fields, []
        saved_numbers = dict(self.note_numbers)
        paragraphs = []
        first = True
        for p in note.iter(self.T["p"]):
            out = _Paragraph()
            if first:
                # The note's own mark: a footnoteRef and any superscript text typed around it.
                out.open_note = _Note("mark", "", "")
            self._inline(p, out)
            self._close_note(out, end=True)
            text = out.text.replace("\u00ad", "")
            if first:
                text = text.lstrip(" \t\u00a0")
                first = False
            if text.strip():
                paragraphs.append(text)
        self.fields = saved_fields
        self.note_numbers = saved_numbers
        return "\n".join(paragraphs).strip()


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in {"1", "true", "on"}


def _discard(element: etree._Element) -> None:
    """Free an element that has been read, and the siblings before it (read or skipped)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _children(
    element: etree._Element, wanted: set[str], transparent: set[str]
) -> Iterator[etree._Element]:
    """The children of `element` with a tag in `wanted`, looking through `transparent` wrappers
    (content controls and custom XML around table rows and cells)."""
    for child in element:
        if child.tag in wanted:
            yield child
        elif child.tag in transparent:
            yield from _children(child, wanted, transparent)
