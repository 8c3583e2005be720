"""The base document of a redline when the new version is plain text: a .docx built from the
parsed `Document`, in ITU's paragraph styles, with real Word footnotes.

The redline writer works on a `Layout`: a package plus where each part of the new document
stands in it (the paragraph of every clause, section heading, metadata line and front matter
line) and a `ParagraphMaker` that builds paragraphs for OLD content the new document lacks
(deleted clauses, removed sections). Here both come from the template; for a .docx new version,
the writer maps the real file onto the same `Layout`.

What the template looks like: front matter in Normal (a heading line such as FOREWORD in
``Heading_b``); the number line in ``Res_No``, the title in
``Res_title``, the history line in ``Res_ref`` (with the footnotes no clause carries), the
preamble line in ``Normal after title``; each section heading in ``Call`` (italic), or
``Section_No`` + ``Section_title`` for numbered sections, ``Annex_No`` + ``Annex_title`` for
annexes; each clause in Normal (top level) or ``enumlev1``–``enumlev3`` (nested), its label typed
and followed by a tab; footnote references at the end of their clause's paragraph (the text
model does not keep their position inside the sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from lxml import etree

from revdiff.model import Clause, Document, Footnote, Section, SectionKind
from revdiff.ooxml.names import (
    R_NS,
    W_NS,
    w,
)
from revdiff.ooxml.paragraphs import make_paragraph
from revdiff.ooxml.parts import Package
from revdiff.ooxml.runs import make_run_properties, text_element, text_run
from revdiff.redline.itu_styles import (
    FOOTNOTE_REFERENCE,
    FOOTNOTE_TEXT,
    METADATA_STYLES,
    STYLE_IDS,
    footnotes_part,
    section_properties,
    static_parts,
)


class ParagraphMaker(Protocol):
    """Builds untracked paragraphs for OLD content, styled like the base document's own."""

    def clause(
        self, clause: Clause, section: Section | None, near: etree._Element | None
    ) -> etree._Element: ...

    def heading(self, section: Section, near: etree._Element | None) -> list[etree._Element]: ...

    def line(self, role: str, text: str, near: etree._Element | None) -> etree._Element: ...


@dataclass
class Layout:
    """A base document and where the new version's parts stand in it."""

    package: Package
    main: str
    body: etree._Element
    clauses: dict[str, etree._Element]
    headings: dict[str, list[etree._Element]]
    metadata: dict[str, list[etree._Element]]
    front: list[etree._Element]
    maker: ParagraphMaker
    from_template: bool
    footnotes: etree._Element | None = None
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Paragraph building shared by the new document and old content


def clause_style(clause: Clause) -> str | None:
    """The template style of a clause: its own ITU style when it has one, else by depth."""
    if clause.style and clause.style in STYLE_IDS and clause.style != "Normal":
        return STYLE_IDS[clause.style]
    if clause.depth <= 0:
        return None
    return f"enumlev{min(clause.depth, 3)}"


def clause_runs(clause: Clause, section_kind: SectionKind | None) -> list[etree._Element]:
    """Label (italic in preambular sections, as ITU sets them), a tab, then the text."""
    runs = []
    if clause.label:
        italic = section_kind is SectionKind.PREAMBLE and clause.depth == 0
        runs.append(text_run(clause.label, make_run_properties(italic=italic)))
        runs.append(text_run("\t"))
    if clause.text:
        runs.append(text_run(clause.text))
    return runs


def heading_paragraphs(section: Section) -> list[etree._Element]:
    if section.kind is SectionKind.NUMBERED:
        styles = ("SectionNo", "Sectiontitle")
    elif section.kind is SectionKind.ANNEX:
        styles = ("AnnexNo", "Annextitle")
    elif section.kind in (SectionKind.PREAMBLE, SectionKind.OPERATIVE):
        styles = ("Call", "Normal")
    else:
        styles = ("Normal", "Normal")
    paragraphs = []
    if section.heading:
        paragraphs.append(make_paragraph(styles[0], [text_run(section.heading)]))
    if section.title:
        paragraphs.append(make_paragraph(styles[1], [text_run(section.title)]))
    return paragraphs


class _TemplateMaker:
    """Old content in the template's styles (the same function as the new content)."""

    def __init__(self, footnotes: _FootnoteWriter) -> None:
        self.footnotes = footnotes

    def clause(
        self, clause: Clause, section: Section | None, near: etree._Element | None
    ) -> etree._Element:
        del near
        p = make_paragraph(
            clause_style(clause), clause_runs(clause, section.kind if section else None)
        )
        for note in clause.footnotes:
            p.append(self.footnotes.reference(note))
        return p

    def heading(self, section: Section, near: etree._Element | None) -> list[etree._Element]:
        del near
        return heading_paragraphs(section)

    def line(self, role: str, text: str, near: etree._Element | None) -> etree._Element:
        del near
        return make_paragraph(METADATA_STYLES.get(role), [text_run(text)])


# --------------------------------------------------------------------------------------------
# Footnotes


class _FootnoteWriter:
    """Real Word footnotes: the footnotes part and reference runs. A mark that Word's automatic
    numbering would draw anyway (1, 2, 3 in order) is left to Word; any other mark (``1bis``) is
    a custom mark that follows the reference."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.next_id = 1
        self.auto_number = 0

    def reference(self, note: Footnote) -> etree._Element:
        note_id = str(self.next_id)
        self.next_id += 1
        custom = note.mark != str(self.auto_number + 1)
        if not custom:
            self.auto_number += 1
        run = etree.Element(w("r"))
        run.append(make_run_properties(style=FOOTNOTE_REFERENCE))
        reference = etree.SubElement(run, w("footnoteReference"))
        if custom:
            reference.set(w("customMarkFollows"), "1")
        reference.set(w("id"), note_id)
        if custom:
            run.append(text_element(note.mark, deleted=False))
        self._add_body(note_id, note, custom)
        return run

    def _add_body(self, note_id: str, note: Footnote, custom: bool) -> None:
        footnote = etree.SubElement(self.root, w("footnote"))
        footnote.set(w("id"), note_id)
        p = make_paragraph(FOOTNOTE_TEXT)
        footnote.append(p)
        mark = etree.SubElement(p, w("r"))
        mark.append(make_run_properties(style=FOOTNOTE_REFERENCE))
        if custom:
            mark.append(text_element(note.mark, deleted=False))
        else:
            etree.SubElement(mark, w("footnoteRef"))
        p.append(text_run("\t" + note.text))


# --------------------------------------------------------------------------------------------
# The package


def front_matter_style(line: str) -> str | None:
    """The ITU style of a front-matter paragraph: a heading line such as ``FOREWORD`` (a few
    words, all in capitals) in ``Heading_b``, as ITU sets it; other paragraphs in Normal."""
    words = line.split()
    heading = 0 < len(words) <= 6 and line.isupper()
    return STYLE_IDS["Heading_b"] if heading else None


def build_template(document: Document, *, date: datetime, author: str) -> Layout:
    """A .docx of `document` in ITU's styles, as a `Layout` the redline writer can work on."""
    root = etree.Element(w("document"), nsmap={"w": W_NS, "r": R_NS})
    body = etree.SubElement(root, w("body"))
    notes_root = footnotes_part()
    notes = _FootnoteWriter(notes_root)

    front = []
    for line in document.front_matter:
        p = make_paragraph(front_matter_style(line), [text_run(line)])
        body.append(p)
        front.append(p)

    claimed = {(n.mark, n.text) for clause in document.clauses for n in clause.footnotes}
    loose = [note for note in document.footnotes if (note.mark, note.text) not in claimed]
    metadata: dict[str, list[etree._Element]] = {}
    meta = document.metadata
    fields = [
        ("number_line", meta.number_line),
        ("title", meta.title),
        ("history", meta.history),
        ("preamble", meta.preamble),
    ]
    # Footnotes that no clause carries belong to the metadata lines (Res 1's history line).
    loose_home = "history" if meta.history else ("title" if meta.title else None)
    for name, value in fields:
        if value is None:
            continue
        p = make_paragraph(METADATA_STYLES[name], [text_run(value)])
        if name == loose_home:
            for note in loose:
                p.append(notes.reference(note))
        body.append(p)
        metadata[name] = [p]

    clauses: dict[str, etree._Element] = {}
    headings: dict[str, list[etree._Element]] = {}
    for section in document.sections:
        heads = heading_paragraphs(section)
        body.extend(heads)
        headings[section.id] = heads
        for clause in section.clauses:
            p = make_paragraph(clause_style(clause), clause_runs(clause, section.kind))
            for note in clause.footnotes:
                p.append(notes.reference(note))
            body.append(p)
            clauses[clause.id] = p
    body.append(section_properties())

    package = Package({}, None)
    for name, part in static_parts(document, date=date, author=author).items():
        package.parts[name] = part
    package.set_xml("word/document.xml", root)
    package.set_xml("word/footnotes.xml", notes_root)
    return Layout(
        package=package,
        main="word/document.xml",
        body=body,
        clauses=clauses,
        headings=headings,
        metadata=metadata,
        front=front,
        maker=_TemplateMaker(notes),
        from_template=True,
        footnotes=notes_root,
    )
