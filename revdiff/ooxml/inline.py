"""A paragraph's content read in a view: its text run by run, the foot- and endnotes it
references with their displayed marks, and the text of the notes themselves.

Runs are read directly: ``w:t``; ``w:tab``/``w:ptab`` -> tab; ``w:br``/``w:cr`` -> newline;
``w:noBreakHyphen`` -> U+2011; soft hyphens dropped; ``w:sym`` -> the Unicode character of its
glyph (`revdiff.ooxml.runs`). Field codes (``w:instrText``, the part of a complex field between
``begin`` and ``separate``) are not text; field results are. Hyperlinks, smart tags, content
controls, custom XML and simple fields are read through; tracked changes are read in the view
(`revdiff.ooxml.revisions.hidden_in`). A note mark is the reference's number or custom mark,
plus any superscript suffix typed after it (``1`` + ``bis``); separators between two marks
(``1, 1bis``) belong to the marks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from revdiff.model import View
from revdiff.ooxml.names import INLINE_WRAPPERS, M_NS, tag_table
from revdiff.ooxml.revisions import MARK_KINDS, hidden_in
from revdiff.ooxml.runs import fixed_characters, symbol_text
from revdiff.ooxml.styles import on_attribute

if TYPE_CHECKING:
    from lxml import etree

NOTE_SUFFIX = re.compile(r"[0-9A-Za-z]+")
NOTE_SEPARATOR = re.compile(r"[\s,;]+")


@dataclass
class Note:
    kind: str  # "footnote" | "endnote"
    id: str
    mark: str  # the custom mark, or what follows an automatic number ("bis")
    # An automatic number: the note's rank among the document's notes of its kind. It becomes
    # the shown number once the whole body is read, since the number format (the last section's
    # properties) and the restarts (the next section's properties) come after the note.
    auto: int | None = None


@dataclass
class ParagraphText:
    """What one ``w:p`` contributes in the view: its text pieces and the notes it references."""

    parts: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # Footnote-mark parsing: the note whose mark may still grow ("1" + "bis"), and a superscript
    # separator seen after it (", " between two marks), held until we know what follows.
    open_note: Note | None = None
    held_separator: str = ""

    @property
    def text(self) -> str:
        return "".join(self.parts)


class InlineReader:
    """Reads paragraphs' content in one view, keeping what runs across paragraphs: open
    complex fields, automatic note numbers, and what could not be read (text boxes, unknown
    symbols), for the loader's warnings."""

    def __init__(self, w: str, view: View, note_reference: set[str]) -> None:
        self.w = w
        self.view = view
        self.note_reference = note_reference  # character styles of note reference marks
        self.T = tag_table(w)
        self.VAL = self.T["val"]
        self.ID = self.T["id"]
        # Inline wrappers whose runs are read as if they were the paragraph's own.
        self.pass_through = {f"{{{w}}}{name}" for name in (*INLINE_WRAPPERS, "sdtContent")}
        self.characters = fixed_characters(w)
        self.revision_tags = {f"{{{w}}}{kind}" for kind in MARK_KINDS}
        self.hidden = {f"{{{w}}}{kind}" for kind in hidden_in(view)}
        self.fields: list[bool] = []  # open complex fields: True once past "separate"
        self.note_numbers = {"footnote": 0, "endnote": 0}
        self.text_boxes = 0
        self.unknown_symbols: set[str] = set()
        self.footnote_texts: dict[tuple[str, str], str] = {}

    def note_text(self, note: Note) -> str:
        """The text of a referenced note ("" when the notes part lacks it)."""
        return self.footnote_texts.get((note.kind, note.id), "")

    def paragraph(self, p: etree._Element) -> ParagraphText:
        """The text and note references of one ``w:p``."""
        out = ParagraphText()
        self._inline(p, out)
        self._close_note(out, end=True)
        return out

    def _inline(self, element: etree._Element, out: ParagraphText) -> None:
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

    def _math(self, element: etree._Element, out: ParagraphText) -> None:
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
        if r_style is not None and r_style.get(self.VAL) in self.note_reference:
            return True
        align = r_pr.find(self.T["vertAlign"])
        return align is not None and align.get(self.VAL) == "superscript"

    def _run(self, run: etree._Element, out: ParagraphText) -> None:
        T = self.T
        styled: bool | None = None  # whether the run looks like a note mark, looked up lazily
        custom_mark: Note | None = None
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

    def _note_reference(self, element: etree._Element, out: ParagraphText) -> Note | None:
        kind = "footnote" if element.tag == self.T["footnoteReference"] else "endnote"
        note_id = element.get(self.ID) or ""
        # Separators between two marks ("1, 1bis") belong to the marks, not to the text.
        out.held_separator = ""
        if on_attribute(element.get(f"{{{self.w}}}customMarkFollows")):
            note = Note(kind, note_id, "")
            out.notes.append(note)
            out.open_note = note
            return note
        self.note_numbers[kind] += 1
        note = Note(kind, note_id, "", auto=self.note_numbers[kind])
        out.notes.append(note)
        out.open_note = note
        return None

    def _text(self, out: ParagraphText, piece: str, *, reference_styled: bool) -> None:
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

    def _close_note(self, out: ParagraphText, *, end: bool) -> None:
        if out.open_note is None:
            return
        if out.held_separator and not end:
            out.parts.append(out.held_separator)
        out.held_separator = ""
        out.open_note = None

    def read_notes(self, parts: Mapping[str, etree._Element | None]) -> None:
        """Read the text of every foot- and endnote in the `parts` (``footnotes``,
        ``endnotes``), its own mark excluded."""
        for kind in ("footnote", "endnote"):
            root = parts.get(kind + "s")
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
            out = ParagraphText()
            if first:
                # The note's own mark: a footnoteRef and any superscript text typed around it.
                out.open_note = Note("mark", "", "")
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
