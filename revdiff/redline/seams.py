"""Paragraph seams: keep a tracked change at the end of one paragraph apart from a change of the
same kind at the start of the next.

LibreOffice joins two adjacent insertions (or deletions) with the same author and date into one
tracked change even across a paragraph mark that is not itself tracked, so rejecting (or
accepting) that change removes the mark too and the two paragraphs run together: a front-matter
line replaced before a number line that gains a word (``[-World Telecommunication Development
Conference-]{+WTDC Resolution 30+}`` then ``{+WTDC +}RESOLUTION 30 …``) came back as one line
in LibreOffice's reject-all view. A deletion and an insertion side by side mean the same in
either order, so where one side of the seam ends (or starts) with such a pair, the pair is
turned round and the seam has a deletion on one side and an insertion on the other. Where there
is no pair, the change that starts the second paragraph takes in the first word after it (that
word deleted before the change and inserted after it: the same text in both views), which gives
that paragraph a start of the other kind.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from revdiff.ooxml.names import w
from revdiff.ooxml.revisions import Revisions

_CHANGES = (w("ins"), w("del"))
# Elements that take no room in the text and so do not keep two changes apart.
_INVISIBLE = (w("pPr"), w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"))
_OTHER = {"ins": "del", "del": "ins"}
_FIRST_WORD = re.compile(r"\s*\S+\s*")


def separate_seams(body: etree._Element, revisions: Revisions) -> int:
    """Keep apart the changes at every seam where LibreOffice would join two changes of one
    kind across an untracked paragraph mark; the number of seams changed."""
    changed = 0
    for p in body.iter(w("p")):
        following = p.getnext()
        if following is None or following.tag != w("p") or _mark_tracked(p):
            continue
        tail, head = _content(p), _content(following)
        if not tail or not head or tail[-1].tag not in _CHANGES or tail[-1].tag != head[0].tag:
            continue
        if _swap(tail[-2:]) or _swap(head[:2]) or _widen(head, revisions):
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


def _widen(head: list[etree._Element], revisions: Revisions) -> bool:
    """Make the change that starts a paragraph (`head[0]`) take in the first word of the plain
    run after it: a change of the other kind showing that word goes before it and one of its
    kind after it. False if what follows is not a run of plain text."""
    if len(head) < 2 or not _plain_text(head[1]):
        return False
    change, run = head[0], head[1]
    text_node = run.find(w("t"))
    assert text_node is not None and text_node.text
    word = _FIRST_WORD.match(text_node.text)
    if word is None:
        return False
    rest = text_node.text[word.end() :]
    kind = etree.QName(change).localname
    before = revisions.wrapper(_OTHER[kind])
    after = revisions.wrapper(kind)
    before.append(_copy_run(run, word.group(), deleted=before.tag == w("del")))
    after.append(_copy_run(run, word.group(), deleted=after.tag == w("del")))
    change.addprevious(before)
    change.addnext(after)
    if rest:
        text_node.text = rest
        text_node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    else:
        run.getparent().remove(run)  # type: ignore[union-attr]
    return True


def _plain_text(run: etree._Element) -> bool:
    """A ``w:r`` holding only its properties and one ``w:t`` with text."""
    if run.tag != w("r"):
        return False
    children = [child.tag for child in run]
    texts = run.findall(w("t"))
    return len(texts) == 1 and bool(texts[0].text) and children in ([w("t")], [w("rPr"), w("t")])


def _copy_run(run: etree._Element, text: str, *, deleted: bool) -> etree._Element:
    new = etree.Element(w("r"))
    props = run.find(w("rPr"))
    if props is not None:
        new.append(copy.deepcopy(props))
    node = etree.SubElement(new, w("delText" if deleted else "t"))
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return new
