"""Paragraph seams: keep a tracked change at the end of one paragraph apart from a change of the
same kind at the start of the next.

LibreOffice joins two adjacent insertions (or deletions) with the same author and date into one
tracked change even across a paragraph mark that is not itself tracked, so rejecting (or
accepting) that change removes the mark too and the two paragraphs run together: a front-matter
line replaced before a number line that gains a word (``[-World Telecommunication Development
Conference-]{+WTDC Resolution 30+}`` then ``{+WTDC +}RESOLUTION 30 …``) came back as one line
in LibreOffice's reject-all view. A deletion and an insertion side by side mean the same in
either order, so where one side of the seam ends (or starts) with such a pair, the pair is
turned round and the seam has a deletion on one side and an insertion on the other.
"""

from __future__ import annotations

from lxml import etree

from revdiff.ooxml.names import w

_CHANGES = (w("ins"), w("del"))
# Elements that take no room in the text and so do not keep two changes apart.
_INVISIBLE = (w("pPr"), w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"))


def separate_seams(body: etree._Element) -> int:
    """Turn round a deletion/insertion pair at every seam where LibreOffice would join two
    changes of one kind across an untracked paragraph mark; the number of seams changed."""
    changed = 0
    for p in body.iter(w("p")):
        following = p.getnext()
        if following is None or following.tag != w("p") or _mark_tracked(p):
            continue
        tail, head = _content(p), _content(following)
        if not tail or not head or tail[-1].tag not in _CHANGES or tail[-1].tag != head[0].tag:
            continue
        if _swap(tail[-2:]) or _swap(head[:2]):
            changed += 1
    return changed


def _content(p: etree._Element) -> list[etree._Element]:
    return [child for child in p if child.tag not in _INVISIBLE]


def _mark_tracked(p: etree._Element) -> bool:
    mark = p.find(f"{w('pPr')}/{w('rPr')}")
    return mark is not None and any(mark.find(tag) is not None for tag in _CHANGES)


def _swap(pair: list[etree._Element]) -> bool:
    """Put the second of a deletion/insertion pair before the first; False if it is not one."""
    if len(pair) != 2 or {pair[0].tag, pair[1].tag} != set(_CHANGES):
        return False
    first, second = pair
    first.addprevious(second)
    return True
