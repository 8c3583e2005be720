"""Right-to-left paragraphs: the bidirectional properties Word needs to lay out Arabic text.

A paragraph whose text is in Arabic script gets ``w:bidi`` in its ``w:pPr`` (the paragraph runs
right to left: its first item letter on the right, its tab stops from the right), and each of
its runs, inside tracked insertions and deletions too, ``w:rtl`` in its ``w:rPr`` (the run's
characters are laid out right to left and use the complex-script font and size). Both are
added in schema order and never twice; a paragraph already marked (a Word base document in
Arabic carries them) is left as it is.
"""

from __future__ import annotations

from lxml import etree

from revdiff.language import direction_of
from revdiff.ooxml.names import w
from revdiff.ooxml.schema import PPR_ORDER, RPR_ORDER, get_or_add

_TEXT_TAGS = (w("t"), w("delText"))


def paragraph_text(p: etree._Element) -> str:
    """Every character of `p`'s text, deleted or not (what decides its direction)."""
    return "".join(node.text or "" for node in p.iter(*_TEXT_TAGS))


def mark_right_to_left(body: etree._Element) -> int:
    """Mark every paragraph of `body` whose text is mostly Arabic script right to left; the
    number of paragraphs marked."""
    marked = 0
    for p in body.iter(w("p")):
        if direction_of(paragraph_text(p)) != "rtl":
            continue
        p_pr = p.find(w("pPr"))
        if p_pr is None:
            p_pr = etree.Element(w("pPr"))
            p.insert(0, p_pr)
        get_or_add(p_pr, w("bidi"), PPR_ORDER)
        for run in p.iter(w("r")):
            r_pr = run.find(w("rPr"))
            if r_pr is None:
                r_pr = etree.Element(w("rPr"))
                run.insert(0, r_pr)
            get_or_add(r_pr, w("rtl"), RPR_ORDER)
        marked += 1
    return marked
