"""The base document of a redline when the new version is plain text: a .docx built from the
parsed `Document`, in ITU's paragraph styles, with real Word footnotes.

The redline writer works on a `Layout`: a package plus where each part of the new document
stands in it (the paragraph of every clause, section heading, metadata line and front matter
line) and a `ParagraphMaker` that builds paragraphs for OLD content the new document lacks
(deleted clauses, removed sections). Here both come from the template; for a .docx new version,
the writer maps the real file onto the same `Layout`.

What the template looks like: front matter in Normal; the number line in ``Res_No``, the title in
``Res_title``, the history line in ``Res_ref`` (with the footnotes no clause carries), the
preamble line in ``Normal after title``; each section heading in ``Call`` (italic), or
``Section_No`` + ``Section_title`` for numbered sections, ``Annex_No`` + ``Annex_title`` for
annexes; each clause in Normal (top level) or ``enumlev1``–``enumlev3`` (nested), its label typed
and followed by a tab; footnote references at the end of their clause's paragraph (the text
model does not keep their position inside the sentence).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from lxml import etree

from revdiff.model import Clause, Document, Footnote, Section, SectionKind
from revdiff.ooxml.names import (
    CT_MAIN,
    R_NS,
    REL_FOOTNOTES,
    REL_OFFICE_DOCUMENT,
    REL_SETTINGS,
    REL_STYLES,
    RELS_NS,
    W_NS,
    w,
)
from revdiff.ooxml.paragraphs import make_paragraph
from revdiff.ooxml.parts import Package
from revdiff.ooxml.revisions import format_revision_date
from revdiff.ooxml.runs import make_run_properties, text_element, text_run
from revdiff.ooxml.xml import serialize_xml

# Style ids as ITU's own documents spell them (Res 1 2016 uses these ids).
STYLE_IDS = {
    "Normal": "Normal",
    "Res_No": "ResNo",
    "Res_title": "Restitle",
    "Res_ref": "Resref",
    "Normal after title": "Normalaftertitle",
    "Call": "Call",
    "Section_No": "SectionNo",
    "Section_title": "Sectiontitle",
    "Annex_No": "AnnexNo",
    "Annex_title": "Annextitle",
    "enumlev1": "enumlev1",
    "enumlev2": "enumlev2",
    "enumlev3": "enumlev3",
}
FOOTNOTE_TEXT = "FootnoteText"
FOOTNOTE_REFERENCE = "FootnoteReference"
MARKER_STYLE = "RevdiffMarker"
"""The character style of ``--markers`` runs (ADD, MOD, SUP): plain, untracked text that a
reader can tell from the resolution's own text."""

METADATA_STYLES = {
    "number_line": "ResNo",
    "title": "Restitle",
    "history": "Resref",
    "preamble": "Normalaftertitle",
}


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


def build_template(document: Document, *, date: datetime, author: str) -> Layout:
    """A .docx of `document` in ITU's styles, as a `Layout` the redline writer can work on."""
    root = etree.Element(w("document"), nsmap={"w": W_NS, "r": R_NS})
    body = etree.SubElement(root, w("body"))
    notes_root = _footnotes_part()
    notes = _FootnoteWriter(notes_root)

    front = []
    for line in document.front_matter:
        p = make_paragraph(None, [text_run(line)])
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
    body.append(_section_properties())

    package = Package({}, None)
    for name, part in _static_parts(document, date=date, author=author).items():
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


def _footnotes_part() -> etree._Element:
    root = etree.Element(w("footnotes"), nsmap={"w": W_NS, "r": R_NS})
    for note_id, kind, mark in (
        ("-1", "separator", "separator"),
        ("0", "continuationSeparator", "continuationSeparator"),
    ):
        note = etree.SubElement(root, w("footnote"))
        note.set(w("type"), kind)
        note.set(w("id"), note_id)
        p = etree.SubElement(note, w("p"))
        p_pr = etree.SubElement(p, w("pPr"))
        spacing = etree.SubElement(p_pr, w("spacing"))
        spacing.set(w("before"), "0")
        spacing.set(w("after"), "0")
        spacing.set(w("line"), "240")
        spacing.set(w("lineRule"), "auto")
        etree.SubElement(etree.SubElement(p, w("r")), w(mark))
    return root


def _section_properties() -> etree._Element:
    """A4 portrait with ITU's margins."""
    sect = etree.Element(w("sectPr"))
    size = etree.SubElement(sect, w("pgSz"))
    size.set(w("w"), "11907")
    size.set(w("h"), "16840")
    margins = etree.SubElement(sect, w("pgMar"))
    for name, value in (
        ("top", "1418"),
        ("right", "1134"),
        ("bottom", "1418"),
        ("left", "1134"),
        ("header", "567"),
        ("footer", "567"),
        ("gutter", "0"),
    ):
        margins.set(w(name), value)
    return sect


def _static_parts(document: Document, *, date: datetime, author: str) -> dict[str, bytes]:
    """Every part but the document and footnotes, in zip order."""
    stamp = format_revision_date(date)
    title = document.metadata.number_line or ""
    return {
        "[Content_Types].xml": _CONTENT_TYPES.encode("utf-8"),
        "_rels/.rels": _PACKAGE_RELS.encode("utf-8"),
        "docProps/core.xml": serialize_xml(_core_properties(title, author, stamp)),
        "docProps/app.xml": _APP.encode("utf-8"),
        "word/document.xml": b"",
        "word/_rels/document.xml.rels": _DOCUMENT_RELS.encode("utf-8"),
        "word/styles.xml": serialize_xml(_styles()),
        "word/settings.xml": _SETTINGS.encode("utf-8"),
        "word/footnotes.xml": b"",
    }


def _core_properties(title: str, author: str, stamp: str) -> etree._Element:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    dcterms = "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element(
        f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc, "dcterms": dcterms, "xsi": xsi}
    )
    etree.SubElement(root, f"{{{dc}}}title").text = title
    etree.SubElement(root, f"{{{dc}}}creator").text = author
    etree.SubElement(root, f"{{{cp}}}lastModifiedBy").text = author
    for name in ("created", "modified"):
        element = etree.SubElement(root, f"{{{dcterms}}}{name}")
        element.set(f"{{{xsi}}}type", "dcterms:W3CDTF")
        element.text = stamp
    return root


def _style(
    style_id: str,
    name: str,
    *,
    kind: str = "paragraph",
    based_on: str | None = "Normal",
    next_style: str | None = None,
    p_pr: Sequence[tuple[str, dict[str, str]]] = (),
    r_pr: Sequence[tuple[str, dict[str, str]]] = (),
    default: bool = False,
) -> etree._Element:
    style = etree.Element(w("style"))
    style.set(w("type"), kind)
    if default:
        style.set(w("default"), "1")
    style.set(w("styleId"), style_id)
    etree.SubElement(style, w("name")).set(w("val"), name)
    if based_on:
        etree.SubElement(style, w("basedOn")).set(w("val"), based_on)
    if next_style:
        etree.SubElement(style, w("next")).set(w("val"), next_style)
    etree.SubElement(style, w("qFormat"))
    for tag, props in (("pPr", p_pr), ("rPr", r_pr)):
        if not props:
            continue
        container = etree.SubElement(style, w(tag))
        for child, attributes in props:
            element = etree.SubElement(container, w(child))
            for key, value in attributes.items():
                element.set(w(key), value)
    return style


def _styles() -> etree._Element:
    """ITU's paragraph styles, with the values ITU's own resolutions use (Times New Roman 12 pt,
    tab stops every 397 twips from 794, centred title lines, italic calls)."""
    root = etree.Element(w("styles"), nsmap={"w": W_NS})
    defaults = etree.SubElement(root, w("docDefaults"))
    r_default = etree.SubElement(etree.SubElement(defaults, w("rPrDefault")), w("rPr"))
    fonts = etree.SubElement(r_default, w("rFonts"))
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(w(key), "Times New Roman")
    etree.SubElement(r_default, w("sz")).set(w("val"), "24")
    etree.SubElement(r_default, w("szCs")).set(w("val"), "24")
    lang = etree.SubElement(r_default, w("lang"))
    lang.set(w("val"), "en-GB")
    etree.SubElement(defaults, w("pPrDefault"))

    keep: list[tuple[str, dict[str, str]]] = [("keepNext", {}), ("keepLines", {})]
    centre: list[tuple[str, dict[str, str]]] = [("jc", {"val": "center"})]
    tabs: tuple[str, dict[str, str]] = ("tabs", {})
    styles = [
        _style(
            "Normal",
            "Normal",
            based_on=None,
            default=True,
            p_pr=[tabs, ("spacing", {"before": "120"})],
        ),
        _style(
            "ResNo",
            "Res_No",
            next_style="Restitle",
            p_pr=[*keep, ("spacing", {"before": "480"}), *centre],
            r_pr=[("caps", {}), ("sz", {"val": "28"})],
        ),
        _style(
            "Restitle",
            "Res_title",
            next_style="Resref",
            p_pr=[*keep, ("spacing", {"before": "360"}), *centre],
            r_pr=[("b", {}), ("sz", {"val": "28"})],
        ),
        _style(
            "Resref",
            "Res_ref",
            next_style="Normalaftertitle",
            p_pr=[*keep, ("spacing", {"before": "120"}), *centre],
            r_pr=[("i", {})],
        ),
        _style("Normalaftertitle", "Normal after title", p_pr=[("spacing", {"before": "360"})]),
        _style(
            "Call",
            "Call",
            p_pr=[*keep, ("spacing", {"before": "160"}), ("ind", {"left": "794"})],
            r_pr=[("i", {})],
        ),
        _style(
            "SectionNo",
            "Section_No",
            next_style="Sectiontitle",
            p_pr=[*keep, ("spacing", {"before": "720"}), *centre],
            r_pr=[("caps", {}), ("sz", {"val": "28"})],
        ),
        _style(
            "Sectiontitle",
            "Section_title",
            p_pr=[*keep, ("spacing", {"before": "240", "after": "120"}), *centre],
            r_pr=[("b", {}), ("sz", {"val": "28"})],
        ),
        _style(
            "AnnexNo",
            "Annex_No",
            p_pr=[*keep, ("spacing", {"before": "480", "after": "80"}), *centre],
            r_pr=[("caps", {}), ("sz", {"val": "28"})],
        ),
        _style(
            "Annextitle",
            "Annex_title",
            p_pr=[*keep, ("spacing", {"before": "240", "after": "280"}), *centre],
            r_pr=[("b", {}), ("sz", {"val": "28"})],
        ),
        _style(
            "enumlev1",
            "enumlev1",
            p_pr=[("spacing", {"before": "80"}), ("ind", {"left": "794", "hanging": "794"})],
        ),
        _style(
            "enumlev2",
            "enumlev2",
            based_on="enumlev1",
            p_pr=[("ind", {"left": "1191", "hanging": "397"})],
        ),
        _style(
            "enumlev3",
            "enumlev3",
            based_on="enumlev2",
            p_pr=[("ind", {"left": "1588", "hanging": "397"})],
        ),
        _style(
            FOOTNOTE_TEXT,
            "footnote text",
            p_pr=[("spacing", {"before": "80"}), ("ind", {"left": "255", "hanging": "255"})],
            r_pr=[("sz", {"val": "20"})],
        ),
        _style(
            FOOTNOTE_REFERENCE,
            "footnote reference",
            kind="character",
            based_on=None,
            r_pr=[("position", {"val": "6"}), ("sz", {"val": "16"})],
        ),
        _style(MARKER_STYLE, "revdiff marker", kind="character", based_on=None, r_pr=[("b", {})]),
    ]
    # Normal's tab stops (ITU: 794, 1191, 1588, 1985 twips): labels are followed by a tab.
    normal_tabs = styles[0].find(f"{w('pPr')}/{w('tabs')}")
    assert normal_tabs is not None
    for position in ("794", "1191", "1588", "1985"):
        tab = etree.SubElement(normal_tabs, w("tab"))
        tab.set(w("val"), "left")
        tab.set(w("pos"), position)
    root.extend(styles)
    return root


def ensure_marker_style(styles: etree._Element) -> None:
    """Define the ``--markers`` character style in a base document's styles part."""
    for style in styles.iter(w("style")):
        if style.get(w("styleId")) == MARKER_STYLE:
            return
    styles.append(
        _style(MARKER_STYLE, "revdiff marker", kind="character", based_on=None, r_pr=[("b", {})])
    )


def clone_properties(p: etree._Element) -> etree._Element:
    """A new paragraph with a copy of `p`'s properties, minus revision marks, section breaks and
    property changes (those belong to `p` alone)."""
    new = etree.Element(w("p"))
    p_pr = p.find(w("pPr"))
    if p_pr is not None:
        p_pr = copy.deepcopy(p_pr)
        for tag in ("sectPr", "pPrChange"):
            for found in p_pr.findall(w(tag)):
                p_pr.remove(found)
        r_pr = p_pr.find(w("rPr"))
        if r_pr is not None:
            for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange"):
                for found in r_pr.findall(w(tag)):
                    r_pr.remove(found)
        new.append(p_pr)
    return new


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OFFICE = "application/vnd.openxmlformats-officedocument"
_WML = f"{_OFFICE}.wordprocessingml"
_RELS = "http://schemas.openxmlformats.org"
_OVERRIDES = (
    ("/word/document.xml", CT_MAIN),
    ("/word/styles.xml", f"{_WML}.styles+xml"),
    ("/word/settings.xml", f"{_WML}.settings+xml"),
    ("/word/footnotes.xml", f"{_WML}.footnotes+xml"),
    ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ("/docProps/app.xml", f"{_OFFICE}.extended-properties+xml"),
)
_CONTENT_TYPES = (
    _XML
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" '
    + 'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in _OVERRIDES)
    + "</Types>"
)


def _relationships(*targets: tuple[str, str]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{k}" Type="{kind}" Target="{target}"/>'
        for k, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_XML}<Relationships xmlns="{RELS_NS}">{rels}</Relationships>'


_PACKAGE_RELS = _relationships(
    (REL_OFFICE_DOCUMENT, "word/document.xml"),
    (f"{_RELS}/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
    (f"{_RELS}/officeDocument/2006/relationships/extended-properties", "docProps/app.xml"),
)
_DOCUMENT_RELS = _relationships(
    (REL_STYLES, "styles.xml"), (REL_SETTINGS, "settings.xml"), (REL_FOOTNOTES, "footnotes.xml")
)
_APP = (
    _XML
    + f'<Properties xmlns="{_RELS}/officeDocument/2006/extended-properties">'
    + "<Application>revdiff</Application></Properties>"
)
_SETTINGS = (
    _XML
    + f'<w:settings xmlns:w="{W_NS}">'
    + '<w:defaultTabStop w:val="794"/>'
    + '<w:characterSpacingControl w:val="doNotCompress"/>'
    + '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    + '<w:compat><w:compatSetting w:name="compatibilityMode" '
    + 'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    + "</w:settings>"
)
