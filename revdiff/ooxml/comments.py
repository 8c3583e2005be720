"""Comments: the ``w:comment`` elements of the comments part, the range that anchors each in
the text and the reference run Word shows its balloon from, and the part itself."""

from __future__ import annotations

from lxml import etree

from revdiff.ooxml.names import CT_COMMENTS, REL_COMMENTS, W_NS, w
from revdiff.ooxml.parts import Package
from revdiff.ooxml.revisions import Revisions
from revdiff.ooxml.runs import text_run


def comment_range_start(comment_id: str) -> etree._Element:
    element = etree.Element(w("commentRangeStart"))
    element.set(w("id"), comment_id)
    return element


def comment_range_end(comment_id: str) -> etree._Element:
    element = etree.Element(w("commentRangeEnd"))
    element.set(w("id"), comment_id)
    return element


def comment_reference_run(comment_id: str) -> etree._Element:
    """The run that anchors a comment in the text (Word shows the balloon from here)."""
    run = etree.Element(w("r"))
    reference = etree.SubElement(run, w("commentReference"))
    reference.set(w("id"), comment_id)
    return run


def make_comment(comment_id: str, text: str, revisions: Revisions) -> etree._Element:
    """One ``w:comment`` of the comments part, one paragraph of text."""
    comment = etree.Element(w("comment"))
    comment.set(w("id"), comment_id)
    comment.set(w("author"), revisions.author)
    comment.set(w("date"), revisions.date_text)
    comment.set(w("initials"), initials(revisions.author))
    p = etree.SubElement(comment, w("p"))
    mark = etree.SubElement(p, w("r"))
    etree.SubElement(mark, w("annotationRef"))
    p.append(text_run(text))
    return comment


def initials(author: str) -> str:
    letters = "".join(word[0] for word in author.split() if word)
    return (letters or "R")[:8]


def empty_comments_part() -> etree._Element:
    return etree.Element(w("comments"), nsmap={"w": W_NS})


def ensure_comments_part(package: Package, main: str) -> etree._Element:
    """The comments part of the main document, created (part, relationship, content type) if
    the package has none."""
    existing = package.related_part(main, REL_COMMENTS)
    if existing and package.has(existing):
        return package.xml(existing)
    name = "word/comments.xml"
    number = 1
    while package.has(name):
        number += 1
        name = f"word/comments{number}.xml"
    root = empty_comments_part()
    package.set_xml(name, root)
    package.relate(main, name, REL_COMMENTS)
    package.set_content_type(name, CT_COMMENTS)
    return root
