"""The base document of a redline when the new version is a .docx: its own revisions resolved
in the view it was read in, then every clause, section heading, metadata line and front-matter
line of the new `Document` found again among its paragraphs (`map_docx_base` -> `Layout`).

A clause is looked for at its location first (`Block.location` counts paragraphs as
`iter_body_paragraphs` walks them), then by its text. When something cannot be found, the
writer is told (`NeedTemplate`) and builds the redline on the template instead.
"""

from __future__ import annotations

import re

from lxml import etree

from revdiff.model import Clause, Document, Section
from revdiff.ooxml.names import CONTENT_TYPES_PART, CT_MAIN, w
from revdiff.ooxml.paragraphs import iter_body_paragraphs, make_paragraph, next_paragraph
from revdiff.ooxml.parts import Package
from revdiff.ooxml.revisions import clone_properties, resolve_revisions
from revdiff.ooxml.runs import text_run
from revdiff.ooxml.schema import PPR_ORDER, get_or_add
from revdiff.redline.atoms import read_atoms
from revdiff.redline.locate import locate, paragraph_text, squash
from revdiff.redline.template import Layout

_LABEL_SHAPE = (re.compile(r"[0-9]+"), re.compile(r"[A-Za-z]+"))


def _label_shape(label: str) -> str:
    """`label` with its numbers and letters stood for by one sign each: ``1.4`` -> ``#.#``."""
    digits, letters = _LABEL_SHAPE
    return letters.sub("a", digits.sub("#", label))


def _same_list(model: Clause, clause: Clause) -> bool:
    """Whether `clause` belongs in the automatic list of `model`: same section, same label form."""
    return (
        model.section_id == clause.section_id
        and model.label is not None
        and clause.label is not None
        and _label_shape(model.label) == _label_shape(clause.label)
    )


def _leave_list(p: etree._Element) -> None:
    """Take paragraph `p` out of any automatic list: numbering id 0 means none, also over a
    list its style would give it."""
    props = p.find(w("pPr"))
    if props is None:
        props = etree.Element(w("pPr"))
        p.insert(0, props)
    numbering = get_or_add(props, w("numPr"), PPR_ORDER)
    for child in list(numbering):
        numbering.remove(child)
    etree.SubElement(numbering, w("numId")).set(w("val"), "0")


class NeedTemplate(Exception):
    """The .docx base cannot carry this comparison faithfully: build on the template."""


class _DocxMaker:
    """Old content styled like the base's own paragraphs of the same kind."""

    def __init__(self, layout_clauses: dict[str, etree._Element], document: Document) -> None:
        self.clauses = layout_clauses
        self.document = document
        self.headings: dict[str, list[etree._Element]] = {}
        self.metadata: dict[str, list[etree._Element]] = {}
        self.front: list[etree._Element] = []
        self.by_style: dict[tuple[str | None, int], list[tuple[Clause, etree._Element]]] = {}
        for clause in document.clauses:
            p = layout_clauses.get(clause.id)
            if p is not None:
                self.by_style.setdefault((clause.style, clause.depth), []).append((clause, p))

    def clause(
        self, clause: Clause, section: Section | None, near: etree._Element | None
    ) -> etree._Element:
        candidates = self.by_style.get((clause.style, clause.depth)) or [
            pair
            for pairs in self.by_style.values()
            for pair in pairs
            if pair[0].depth == clause.depth
        ]
        model: tuple[Clause, etree._Element] | None = None
        if candidates:
            same = [c for c in candidates if section is not None and c[0].section_id == section.id]
            model = (same or candidates)[0]
        if model is None:
            p = make_paragraph(None)
            if clause.label:
                p.append(text_run(clause.label + "\t"))
            p.append(text_run(clause.text))
            return p
        model_clause, model_p = model
        atoms = read_atoms(model_p)
        found = locate(atoms, model_clause.text, model_clause.label)
        p = clone_properties(model_p)
        text_props = None
        label_props = None
        typed = False
        if found is not None:
            typed = found.label is not None
            if found.units and found.units[0]:
                text_props = atoms[found.units[0][0]].r_pr
            if found.label is not None:
                label_props = atoms[found.label[0]].r_pr
        else:
            first = next((a for a in atoms if a.char), None)
            text_props = first.r_pr if first is not None else None
        numbered = not typed and model_clause.label is not None
        if numbered and not _same_list(model_clause, clause):
            # Word numbers a paragraph by the list it is in: a clause taking the list of another
            # section's (or another kind of) item would show that list's next label (f) for a
            # deleted noting b)), so it leaves the list and its own label is typed.
            _leave_list(p)
            numbered = False
        if clause.label and not numbered:
            p.append(text_run(clause.label, label_props))
            p.append(text_run("\t", text_props))
        if clause.text:
            p.append(text_run(clause.text, text_props))
        return p

    def heading(self, section: Section, near: etree._Element | None) -> list[etree._Element]:
        model: list[etree._Element] | None = None
        for other in self.document.sections:
            if other.kind is section.kind and self.headings.get(other.id):
                model = self.headings[other.id]
                break
        if model is None:
            model = next((h for h in self.headings.values() if h), None)
        lines = [x for x in (section.heading, section.title) if x]
        made = []
        for k, line in enumerate(lines):
            source = model[min(k, len(model) - 1)] if model else None
            made.append(_styled_like(source, line))
        return made

    def line(self, role: str, text: str, near: etree._Element | None) -> etree._Element:
        source: etree._Element | None = None
        if role != "front" and self.metadata.get(role):
            source = self.metadata[role][0]
        if source is None and role == "front" and self.front:
            source = self.front[0]
        return _styled_like(source, text)


def _styled_like(source: etree._Element | None, text: str) -> etree._Element:
    if source is None:
        return make_paragraph(None, [text_run(text)])
    p = clone_properties(source)
    first = next((a for a in read_atoms(source) if a.char), None)
    p.append(text_run(text, first.r_pr if first is not None else None))
    return p


def map_docx_base(base: bytes, document: Document, *, max_size: int) -> Layout:
    """The new .docx as a `Layout`: its own revisions resolved in the view it was read in, and
    every clause, heading and metadata line found again. Its parts may decompress to
    `max_size` bytes in all (the comparison's --max-size, as when the loader read it)."""
    package = Package.from_bytes(base, document.source, max_size=max_size)
    main = package.main_part()
    if not package.has(CONTENT_TYPES_PART) or not package.has(main):
        raise NeedTemplate("the base lacks its content types or its main part")
    if package.content_type(main) != CT_MAIN:
        raise NeedTemplate("the base is not a plain .docx (macro-enabled or other)")
    root = package.xml(main)
    if root.tag != w("document"):
        raise NeedTemplate("the main part is not a transitional WordprocessingML document")
    body = root.find(w("body"))
    if body is None:
        raise NeedTemplate("the document has no body")
    paragraphs = list(iter_body_paragraphs(body))
    survivors = resolve_revisions(body, document.view)
    for name in package.related_parts(main, _STORIES):
        if _REVISION_MARKUP.search(package.parts.get(name, b"")):
            resolve_revisions(package.xml(name), document.view)  # else its bytes stay as is

    def paragraph(index: int) -> etree._Element | None:
        if not 1 <= index <= len(paragraphs):
            return None
        p = paragraphs[index - 1]
        while p in survivors:
            p = survivors[p]
        return p if p.getparent() is not None else None

    clauses: dict[str, etree._Element] = {}
    for clause in document.clauses:
        p = paragraph(clause.location.line)
        if p is None or locate(read_atoms(p), clause.text, clause.label) is None:
            p = _search(body, clause.text, set(clauses.values()))
        if p is None:
            raise NeedTemplate(f"clause {clause.id} not found at paragraph {clause.location.line}")
        clauses[clause.id] = p
    claimed = set(clauses.values())
    headings: dict[str, list[etree._Element]] = {}
    for section in document.sections:
        lines = [x for x in (section.heading, section.title) if x]
        found: list[etree._Element] = []
        start = paragraph(section.location.line) if section.location else None
        for line in lines:
            p = None
            if start is not None and _shows(start, line) and start not in claimed:
                p = start
            else:
                p = _search(body, line, claimed | set(found), whole=True)
            if p is None:
                break
            found.append(p)
            start = next_paragraph(p)
        headings[section.id] = found
        claimed |= set(found)
    metadata: dict[str, list[etree._Element]] = {}
    meta = document.metadata
    for name, value in (
        ("number_line", meta.number_line),
        ("title", meta.title),
        ("history", meta.history),
        ("preamble", meta.preamble),
    ):
        if not value:
            continue
        p = _search(body, value, claimed, whole=True)
        if p is not None:
            metadata[name] = [p]
            claimed.add(p)
        elif name == "title":
            span = _search_span(body, value, claimed)
            if span:
                metadata[name] = span
                claimed |= set(span)
    front: list[etree._Element] = []
    for line in document.front_matter:
        p = _search(body, line, claimed | set(front), whole=True)
        if p is None:
            front = []
            break
        front.append(p)
    maker = _DocxMaker(clauses, document)
    maker.headings, maker.metadata, maker.front = headings, metadata, front
    return Layout(
        package=package,
        main=main,
        body=body,
        clauses=clauses,
        headings=headings,
        metadata=metadata,
        front=front,
        maker=maker,
        from_template=False,
    )


def _shows(p: etree._Element, line: str) -> bool:
    return paragraph_text(p) == squash(line)


def _search(
    body: etree._Element,
    text: str,
    claimed: set[etree._Element],
    *,
    whole: bool = False,
) -> etree._Element | None:
    wanted = squash(text)
    if not wanted:
        return None
    for p in iter_body_paragraphs(body):
        if p in claimed or p.getparent() is None:
            continue
        shown = paragraph_text(p)
        if (shown == wanted) if whole else (wanted in shown):
            return p
    return None


def _search_span(
    body: etree._Element, text: str, claimed: set[etree._Element]
) -> list[etree._Element] | None:
    wanted = squash(text)
    paragraphs = [p for p in iter_body_paragraphs(body) if p not in claimed]
    for k, p in enumerate(paragraphs):
        span = [p]
        shown = paragraph_text(p)
        if not shown or not wanted.startswith(shown):
            continue
        for q in paragraphs[k + 1 : k + 4]:
            shown = f"{shown} {paragraph_text(q)}"
            span.append(q)
            if shown == wanted:
                return span
            if not wanted.startswith(shown):
                break
    return None


# The parts besides the body that hold text (notes, headers, footers, comments), and what shows
# that one carries revisions (most carry none: their bytes then stay exactly as they were).
_STORIES = ("footnotes", "endnotes", "header", "footer", "comments")
_REVISION_MARKUP = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo|\w+Change)\b")
