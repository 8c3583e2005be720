"""One redline being built: the base document's layout, the id counter, the paragraph marks to
track and the comments to anchor, gathered by the steps of the writer and applied at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from revdiff.ooxml.revisions import Revisions
from revdiff.redline.atoms import Path_
from revdiff.redline.template import Layout


@dataclass
class RedlineStats:
    """What a build did, for tests and diagnostics."""

    template: bool = False
    fallback_reason: str | None = None
    rebuilt_paragraphs: int = 0
    revisions: int = 0
    comments: int = 0
    moves: int = 0


@dataclass
class Draft:
    """The state of one build (not reused): the `layout` being rewritten, the `revisions`
    counter, the revision each paragraph MARK will carry (`marks`, applied last, since a
    trailing tracked mark must move up), and the comments to anchor: (first paragraph, last
    paragraph, text)."""

    layout: Layout
    revisions: Revisions
    stats: RedlineStats
    marks: dict[etree._Element, Path_] = field(default_factory=dict)
    anchors: list[tuple[etree._Element, etree._Element, str]] = field(default_factory=list)

    def mark(self, p: etree._Element, mark: Path_ | None) -> None:
        """Track the mark of `p` as `mark` (untracked when None or empty)."""
        if mark:
            self.marks[p] = mark
        else:
            self.marks.pop(p, None)

    def insert_after(self, anchor: etree._Element | None, p: etree._Element) -> etree._Element:
        """Put `p` right after `anchor` (at the top of the body when None) and return it."""
        if anchor is None:
            self.layout.body.insert(0, p)
        else:
            anchor.addnext(p)
        return p
