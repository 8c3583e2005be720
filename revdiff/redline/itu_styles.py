"""ITU's styles and the fixed parts of the template package: the paragraph and character
styles ITU's resolutions use (with their values), the page, the settings, the content types,
relationships and document properties. `template.py` builds the document on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from revdiff.model import Document
from revdiff.ooxml.names import (
    CP_NS,
    CT_CORE_PROPERTIES,
    CT_EXTENDED_PROPERTIES,
    CT_FOOTNOTES,
    CT_MAIN,
    CT_NS,
    CT_RELATIONSHIPS,
    CT_SETTINGS,
    CT_STYLES,
    DC_NS,
    DCTERMS_NS,
    EXTENDED_PROPERTIES_NS,
    R_NS,
    REL_CORE_PROPERTIES,
    REL_EXTENDED_PROPERTIES,
    REL_FOOTNOTES,
    REL_OFFICE_DOCUMENT,
    REL_SETTINGS,
    REL_STYLES,
    RELS_NS,
    W_NS,
    XSI_NS,
    w,
)
from revdiff.ooxml.revisions import format_revision_date
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
    "Heading_b": "Headingb",
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


def footnotes_part() -> etree._Element:
    """The footnotes part with Word's two separator notes and no note yet."""
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


def section_properties() -> etree._Element:
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


def static_parts(document: Document, *, date: datetime, author: str) -> dict[str, bytes]:
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
    cp, dc, dcterms, xsi = CP_NS, DC_NS, DCTERMS_NS, XSI_NS
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
            "Headingb",
            "Heading_b",
            p_pr=[*keep, ("spacing", {"before": "160"})],
            r_pr=[("b", {})],
        ),
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


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OVERRIDES = (
    ("/word/document.xml", CT_MAIN),
    ("/word/styles.xml", CT_STYLES),
    ("/word/settings.xml", CT_SETTINGS),
    ("/word/footnotes.xml", CT_FOOTNOTES),
    ("/docProps/core.xml", CT_CORE_PROPERTIES),
    ("/docProps/app.xml", CT_EXTENDED_PROPERTIES),
)
_CONTENT_TYPES = (
    _XML
    + f'<Types xmlns="{CT_NS}">'
    + f'<Default Extension="rels" ContentType="{CT_RELATIONSHIPS}"/>'
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
    (REL_CORE_PROPERTIES, "docProps/core.xml"),
    (REL_EXTENDED_PROPERTIES, "docProps/app.xml"),
)
_DOCUMENT_RELS = _relationships(
    (REL_STYLES, "styles.xml"), (REL_SETTINGS, "settings.xml"), (REL_FOOTNOTES, "footnotes.xml")
)
_APP = (
    _XML
    + f'<Properties xmlns="{EXTENDED_PROPERTIES_NS}">'
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
