"""The .docx loader: Word's XML read run by run into blocks, in the accepted or the original view.

python-docx is not used here. Its package reader parses every part with its own XML parser
(before our safety checks could refuse a hostile part), and its ``Paragraph.text`` drops the
text inside tracked insertions, deletions and moves. So the package is opened by
`revdiff.ooxml.package` (size limits, no DTDs, no entities) and every part is read with lxml.
Word's XML itself is known in `revdiff.ooxml` (runs and notes in `inline`, styles, numbering,
revisions); this module walks the body and makes the blocks.

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
  NOT counted (and their text is not read). `revdiff.ooxml.paragraphs.iter_body_paragraphs`
  yields exactly the counted
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
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from revdiff.errors import CorruptFileError
from revdiff.model import Block, Footnote, LoadedText, SourceFormat, View
from revdiff.ooxml.inline import InlineReader, Note
from revdiff.ooxml.names import (
    WORD_NAMESPACES,
    namespace_of,
    tag_table,
)
from revdiff.ooxml.numbering import ListCounters, format_number, read_numbering
from revdiff.ooxml.package import OoxmlPackage, open_package
from revdiff.ooxml.paragraphs import iter_body_paragraphs
from revdiff.ooxml.revisions import hidden_in
from revdiff.ooxml.styles import int_value, read_styles
from revdiff.ooxml.xml import DAMAGED_FIX, parse_xml, stream_xml

if TYPE_CHECKING:
    from lxml import etree

# The parts of the package the loader reads besides the main document, by relationship kind.
RELATED_PARTS = ("styles", "numbering", "footnotes", "endnotes", "settings")


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
# The reader


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
    notes: list[Note] = field(default_factory=list)
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
        self.styles = read_styles(self.parts["styles"], ns)
        self.lists = ListCounters(read_numbering(self.parts["numbering"], ns), self.styles, ns)
        self.inline = InlineReader(ns, view, self.styles.note_reference)
        self.tracked = {"inserted": 0, "deleted": 0}
        self.location = 0
        self.blocks: list[Block] = []
        # Automatic note numbers are shown once the body is read (see `Note.auto`): the blocks
        # that wait for them, the footnote numbering's possible restarts (section index, notes
        # numbered so far), the sections' restart flags and the body's own section properties.
        self.blocks_with_numbered_notes: list[tuple[int, list[Note]]] = []
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
        self.T = tag_table(self.w)
        self.VAL = self.T["val"]
        # Revisions that do not exist in the view (a paragraph mark among them joins the next).
        self.hidden = {f"{{{self.w}}}{kind}" for kind in hidden_in(self.view)}

    # ---- parts ------------------------------------------------------------------------------

    def _related_parts(self) -> dict[str, etree._Element | None]:
        result: dict[str, etree._Element | None] = dict.fromkeys(RELATED_PARTS)
        for kind, name in self.package.related.items():
            result[kind] = parse_xml(self.package.parts[name], self.source, name)
        return result

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
                    start = int_value(start_el.get(self.VAL), start) or start
                formats[kind] = (fmt, start)
        return formats

    # ---- body -------------------------------------------------------------------------------

    def read(self) -> LoadedText:
        self.inline.read_notes(self.parts)
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
        if self.inline.text_boxes:
            self.warnings.append(
                f"{self.inline.text_boxes} text box(es) or drawing(s) with text were not read"
            )
        if self.inline.unknown_symbols:
            self.warnings.append(
                "unknown symbol-font characters shown as U+FFFD: "
                + ", ".join(sorted(self.inline.unknown_symbols))
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
                footnotes.append(Footnote(mark, self.inline.note_text(note)))
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
        paragraph = self.inline.paragraph(p)
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
            self.footnote_restarts.append((self._section, self.inline.note_numbers["footnote"]))
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
        label = self.lists.label(props, style_id)
        # Breaks at either end of a paragraph are layout (a page break before a heading), not text.
        text = "".join(pending.text).replace("\u00ad", "").strip("\n")
        notes = tuple(Footnote(note.mark, self.inline.note_text(note)) for note in pending.notes)
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
