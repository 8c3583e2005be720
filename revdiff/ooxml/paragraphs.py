"""Paragraphs of the document body: which ``w:p`` elements count, in what order, and plain
paragraphs built from nothing.

`iter_body_paragraphs` is the one walk both sides agree on: the loader's `Block.location` is a
position in it, and the redline writer finds block N again as the N-th paragraph it yields.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from revdiff.ooxml.names import BLOCK_WRAPPERS, W_NS, namespace_of, w

if TYPE_CHECKING:
    from lxml import etree


def iter_body_paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """The ``w:p`` elements that `Block.location` counts, in document order: paragraphs of the
    body, of table cells (nested tables too) and of block-level content controls and custom XML;
    never paragraphs inside text boxes or other drawings."""
    ns = namespace_of(body) or W_NS
    p, tbl, tr, tc = (f"{{{ns}}}{name}" for name in ("p", "tbl", "tr", "tc"))
    containers = {f"{{{ns}}}{name}" for name in BLOCK_WRAPPERS}
    stack = [iter(body)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == p:
            yield child
        elif tag in (tbl, tr, tc) or tag in containers:
            stack.append(iter(child))


def next_paragraph(p: etree._Element) -> etree._Element | None:
    """The paragraph right after `p` among its siblings (None when a table, a content control
    or the section properties come first)."""
    sibling = p.getnext()
    while sibling is not None and sibling.tag != w("p"):
        if sibling.tag in (w("tbl"), w("sdt"), w("sectPr")):
            return None
        sibling = sibling.getnext()
    return sibling


def paragraph_properties(p: etree._Element) -> etree._Element:
    """The ``w:pPr`` of a paragraph, created as its first child if missing."""
    from lxml import etree

    p_pr = p.find(w("pPr"))
    if p_pr is None:
        p_pr = etree.Element(w("pPr"))
        p.insert(0, p_pr)
    return p_pr


def make_paragraph(
    style_id: str | None = None, runs: Iterable[etree._Element] = ()
) -> etree._Element:
    """A plain ``w:p`` with an optional paragraph style."""
    from lxml import etree

    p = etree.Element(w("p"))
    if style_id:
        p_pr = etree.SubElement(p, w("pPr"))
        etree.SubElement(p_pr, w("pStyle")).set(w("val"), style_id)
    for run in runs:
        p.append(run)
    return p


def insert_at_start(p: etree._Element, element: etree._Element) -> None:
    """Put `element` first in the content of `p`, right after its properties (where a move
    range or a comment range starts)."""
    p_pr = p.find(w("pPr"))
    if p_pr is not None:
        p_pr.addnext(element)
    else:
        p.insert(0, element)
