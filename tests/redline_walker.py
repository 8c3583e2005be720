"""Accept all / reject all the tracked changes of a .docx, independently of the writer: a small
walker over word/document.xml used by the redline tests as the judge of what a redline means.

Accepting keeps ``w:ins`` and ``w:moveTo`` content and drops ``w:del`` and ``w:moveFrom``;
rejecting does the reverse. A paragraph whose mark is deleted (accept) or inserted (reject) joins
the next paragraph, as in Word. Text: ``w:t``/``w:delText``, tabs as ``\\t``, breaks as ``\\n``,
``w:noBreakHyphen`` as U+2011; footnote reference runs (and their custom marks) are not text, nor
are runs in the ``--markers`` character style.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARKER_STYLE = "RevdiffMarker"
# A note number typed after a word (Res 1's "study group2."): the structure parser takes it out
# of a clause's text while the paragraph keeps it, so texts are compared without it.
TYPED_MARK = re.compile(r"(?<=[a-z\u00df-\u00ff][a-z\u00df-\u00ff])[0-9]+(?=[\s,.;:)]|$)")


def q(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str | None


def document_root(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        data = archive.read("word/document.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def view_paragraphs(docx: bytes, view: str, *, keep_empty: bool = False) -> list[Paragraph]:
    """The paragraphs of the body after accepting (``view="accept"``) or rejecting
    (``"reject"``) every revision: text and the style of the mark that ends them."""
    if view not in ("accept", "reject"):
        raise ValueError(view)
    body = document_root(docx).find(q("body"))
    assert body is not None
    drop = {q("del"), q("moveFrom")} if view == "accept" else {q("ins"), q("moveTo")}
    unwrap = {q("ins"), q("moveTo")} if view == "accept" else {q("del"), q("moveFrom")}
    result: list[Paragraph] = []
    pending = ""
    for p in _paragraphs(body):
        text = pending + "".join(_text(child, drop, unwrap) for child in p if child.tag != q("pPr"))
        mark = p.find(f"{q('pPr')}/{q('rPr')}")
        mark_gone = mark is not None and any(mark.find(tag) is not None for tag in drop)
        if mark_gone:
            pending = text
            continue
        pending = ""
        style = p.find(f"{q('pPr')}/{q('pStyle')}")
        paragraph = Paragraph(text, style.get(q("val")) if style is not None else None)
        if keep_empty or text.strip():
            result.append(paragraph)
    if pending.strip():
        result.append(Paragraph(pending, None))
    return result


def view_texts(docx: bytes, view: str) -> list[str]:
    return [p.text for p in view_paragraphs(docx, view)]


def _paragraphs(body: etree._Element) -> list[etree._Element]:
    found = []
    for p in body.iter(q("p")):
        ancestor = p.getparent()
        inside_box = False
        while ancestor is not None:
            if ancestor.tag == q("txbxContent"):
                inside_box = True
                break
            ancestor = ancestor.getparent()
        if not inside_box:
            found.append(p)
    return found


def _text(element: etree._Element, drop: set[str], unwrap: set[str]) -> str:
    tag = element.tag
    if tag in drop:
        return ""
    if tag == q("r"):
        if _skipped_run(element):
            return ""
        return "".join(_run_text(child) for child in element)
    if tag in unwrap or tag in {
        q("hyperlink"),
        q("smartTag"),
        q("customXml"),
        q("fldSimple"),
        q("sdt"),
        q("sdtContent"),
        q("dir"),
        q("bdo"),
    }:
        return "".join(_text(child, drop, unwrap) for child in element)
    return ""


def _skipped_run(run: etree._Element) -> bool:
    style = run.find(f"{q('rPr')}/{q('rStyle')}")
    if style is not None and style.get(q("val")) == MARKER_STYLE:
        return True
    return any(
        child.tag in (q("footnoteReference"), q("endnoteReference"), q("commentReference"))
        for child in run
    )


def _run_text(child: etree._Element) -> str:
    tag = child.tag
    if tag in (q("t"), q("delText")):
        return child.text or ""
    if tag == q("tab"):
        return "\t"
    if tag in (q("br"), q("cr")):
        return "\n"
    if tag == q("noBreakHyphen"):
        return "\u2011"
    return ""


def revision_counts(docx: bytes) -> dict[str, int]:
    """How many of each revision element the body holds (paragraph marks counted apart)."""
    root = document_root(docx)
    counts: dict[str, int] = {}
    for name in ("ins", "del", "moveFrom", "moveTo"):
        marks = sum(
            1
            for element in root.iter(q(name))
            if element.getparent() is not None and element.getparent().tag == q("rPr")
        )
        counts[name] = sum(1 for _ in root.iter(q(name))) - marks
        counts[name + "-mark"] = marks
    return counts


def expected_lines(document: object) -> list[str]:
    """The paragraphs a template-built redline must show for `document` (a revdiff Document):
    front matter, metadata lines, section headings and titles, clauses as label, tab, text."""
    from revdiff.model import Document

    assert isinstance(document, Document)
    lines = list(document.front_matter)
    meta = document.metadata
    lines += [x for x in (meta.number_line, meta.title, meta.history, meta.preamble) if x]
    for section in document.sections:
        lines += [x for x in (section.heading, section.title) if x]
        for clause in section.clauses:
            lines.append(f"{clause.label}\t{clause.text}" if clause.label else clause.text)
    return [line for line in lines if line.strip()]


def comparable(line: str) -> str:
    """A paragraph's text as a clause's: without a short typed label before a tab (automatic
    labels are not text, typed ones are) and without note numbers typed after a word."""
    return TYPED_MARK.sub("", re.sub(r"^[^\t]{0,12}\t", "", line)).strip()
