"""The redline writer: a `Comparison` and a base document -> .docx bytes with tracked changes.

It speaks in clauses. The base is the NEW document (the real .docx when there is one, else the
template of `template.py`); each change rewrites the paragraphs of its new clauses into tracked
runs, and the clauses the new document lacks are put back, as deleted (or moved-from) paragraphs,
at their place in the OLD document. Accepting every revision gives the new text, rejecting every
revision gives the old text, paragraph by paragraph.

How each change looks:

- MODIFIED: word-level ``w:ins``/``w:del`` from `Change.edits`; the runs keep the formatting of
  the characters they came from (every run property, run by run), hyperlinks, content controls,
  bookmarks, fields and footnote references stay where they were.
- ADDED / DELETED: the whole paragraph, its paragraph mark included, is inserted / deleted, so
  that Accept All leaves no empty paragraph and Reject All restores the old paragraph in place.
- Moved: a ``w:moveFrom`` paragraph at the old place and ``w:moveTo`` content at the new place,
  in move ranges sharing one name; edits inside the moved text are nested in the move
  (``w:moveTo``/``w:del``, ``w:ins``).
- Relabelled (``b)`` -> ``c)``): a deletion and insertion of the typed LABEL alone. When the label
  comes from Word's automatic numbering nothing is tracked: the numbering renumbers itself.
- SPLIT (one old clause, several new): the new paragraphs keep the edits; each new paragraph
  mark but the last is inserted, the new labels are inserted, and the space that joined the
  parts in the old text is a deleted space, so rejecting joins them back into the old paragraph.
- MERGED (several old, one new): the new paragraph is cut where the old paragraphs ended; the
  cuts are deleted paragraph marks, the old labels after them deleted text.
- Metadata lines, section headings and front matter are tracked like any text.

If a clause of a .docx base cannot be found again (its location and text do not match), the
whole redline is built on the template instead: the text is right, the formatting is the
template's.

The layers below: `plan` (what each change shows), `paragraphs` (a change's paragraphs
rewritten, moves), `atoms` and `locate` (run atoms), `base` and `template` (the base document),
`comments`, all over `revdiff.ooxml`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from datetime import datetime

from lxml import etree

from revdiff.model import Comparison, HeadingPart, Marker, Section
from revdiff.ooxml.bidi import mark_right_to_left
from revdiff.ooxml.names import REL_SETTINGS, REL_STYLES, w
from revdiff.ooxml.paragraphs import make_paragraph
from revdiff.ooxml.revisions import RevisionKind, Revisions, turn_on_track_changes
from revdiff.ooxml.runs import make_run_properties, text_run
from revdiff.redline.atoms import Path_, read_atoms, wrap_content
from revdiff.redline.base import NeedTemplate, map_docx_base
from revdiff.redline.comments import add_comments, describe_metadata_change
from revdiff.redline.draft import Draft, RedlineStats
from revdiff.redline.itu_styles import MARKER_STYLE, ensure_marker_style
from revdiff.redline.locate import squash
from revdiff.redline.notes import track_footnotes
from revdiff.redline.paragraphs import (
    DELETED,
    MOVED_FROM,
    Rewrite,
    add_move_range,
    apply_marks,
    edits_rebuild,
    rewrite,
    rewrite_added,
    rewrite_line,
    word_edits,
)
from revdiff.redline.plan import Plan, moved_sections, plan_changes
from revdiff.redline.seams import separate_seams
from revdiff.redline.template import Layout, build_template

__all__ = ["Decorate", "RedlineStats", "build_redline_bytes"]

Decorate = Callable[[Draft, Sequence[Plan]], None]
"""A last step over the built redline (the proposal writer's markers and reasons), given the
plans with their paragraphs; it runs before paragraph marks are tracked."""


def build_redline_bytes(
    comparison: Comparison,
    *,
    base: bytes | None,
    author: str,
    date: datetime,
    comments: bool,
    markers: bool,
    decorate: Decorate | None = None,
) -> tuple[bytes, RedlineStats]:
    """The redline of `comparison` on `base` (the new .docx) or on the template."""
    stats = RedlineStats()
    if base is not None:
        try:
            layout = map_docx_base(base, comparison.new, max_size=comparison.options.max_size)
            data = _write(layout, comparison, author, date, comments, markers, stats, decorate)
            return data, stats
        except NeedTemplate as reason:
            stats = RedlineStats(fallback_reason=str(reason))
    stats.template = True
    layout = build_template(comparison.new, date=date, author=author)
    return _write(layout, comparison, author, date, comments, markers, stats, decorate), stats


def _write(
    layout: Layout,
    comparison: Comparison,
    author: str,
    date: datetime,
    comments: bool,
    markers: bool,
    stats: RedlineStats,
    decorate: Decorate | None = None,
) -> bytes:
    revisions = Revisions(author, date, next_id=layout.package.max_annotation_id() + 1)
    first_id = revisions.next_id
    draft = Draft(layout, revisions, stats)
    _Redliner(draft, comparison, markers=markers, decorate=decorate).run()
    mark_right_to_left(layout.body)  # Arabic paragraphs: w:bidi and w:rtl, so Word shows them RTL
    separate_seams(layout.body, revisions)  # LibreOffice joins changes across a paragraph mark
    package, main = layout.package, layout.main
    settings = package.related_part(main, REL_SETTINGS)
    if settings and package.has(settings):
        turn_on_track_changes(package.xml(settings))
    if comments:
        add_comments(draft)
    stats.revisions = revisions.next_id - first_id
    stats.moves = revisions.move_count
    return package.to_bytes()


def _heading_lines(section: Section) -> list[str]:
    return [x for x in (section.heading, section.title) if x]


class _Redliner:
    """The steps of one build, in order (`run`): plan the changes, track the front matter, the
    metadata lines and the section headings, rewrite the new side of every change, put back
    the old clauses the new version lacks, then comment, mark and track paragraph marks."""

    def __init__(
        self,
        draft: Draft,
        comparison: Comparison,
        *,
        markers: bool,
        decorate: Decorate | None = None,
    ) -> None:
        self.draft = draft
        self.decorate = decorate
        self.layout = draft.layout
        self.comparison = comparison
        self.markers = markers
        self.marker_paragraphs: list[tuple[etree._Element, str]] = []
        # Where each old clause ends in the rejected view, for the old clauses put back after it.
        self.old_home: dict[str, etree._Element] = {}
        self.old_sections = {s.id: s for s in comparison.old.sections}
        self.new_sections = {s.id: s for s in comparison.new.sections}
        # A section renamed in place (resolves -> decides; the compare stage paired the two by
        # their clauses): its heading is rewritten word by word, not deleted and inserted whole.
        self.renamed = {
            h.new_section: h.old_section
            for h in comparison.heading_changes
            if h.part is HeadingPart.HEADING
            and h.old
            and h.new
            and h.old_section is not None
            and h.new_section is not None
            and h.old_section not in self.new_sections
            and h.new_section not in self.old_sections
            and not h.moved
        }
        self.renamed_back = {old: new for new, old in self.renamed.items()}
        # Where a section's heading ends in the rejected view, when an old title was put back.
        self.heading_end: dict[str, etree._Element] = {}

    def run(self) -> None:
        revisions = self.draft.revisions
        plans = plan_changes(self.comparison, self.layout, revisions)
        self.moved_sections = moved_sections(self.comparison, self.layout, revisions)
        self._front_matter()
        self._metadata()
        self._headings()
        for plan in plans:
            if plan.new:
                self._new_side(plan)
        self._old_side(plans)
        track_footnotes(self.draft, self.comparison)
        for plan in plans:
            self._annotate(plan)
        self._insert_markers()
        if self.decorate is not None:
            self.decorate(self.draft, plans)
        apply_marks(self.draft)

    # ---- the changes of clauses -----------------------------------------------------------

    def _new_side(self, plan: Plan) -> None:
        paragraphs = []
        for clause in plan.new:
            p = self.layout.clauses.get(clause.id)
            if p is None:
                raise NeedTemplate(f"clause {clause.id} not found in the base document")
            paragraphs.append(p)
        if (
            len(plan.old) == 1
            and len(plan.new) == 1
            and not plan.moved
            and plan.old[0].text == plan.new[0].text
            and plan.old[0].label == plan.new[0].label
        ):
            # Unchanged: the base paragraph stays exactly as it is.
            plan.new_paragraphs = paragraphs
            self.old_home[plan.old[0].id] = paragraphs[0]
            return
        texts = [c.text for c in plan.new]
        labels = [c.label for c in plan.new]
        if not plan.old:
            outputs = rewrite_added(self.draft, paragraphs, texts, labels)
        else:
            outputs = rewrite(
                self.draft,
                paragraphs,
                texts,
                labels,
                [c.text for c in plan.old],
                plan.old[0].label,
                plan.edits,
                Rewrite.MOVED if plan.moved else Rewrite.MODIFIED,
                old_labels=[c.label for c in plan.old],
            )
        plan.new_paragraphs = [p for p, _ in outputs]
        if plan.moved:
            add_move_range(
                self.draft,
                outputs[0][0],
                outputs[-1][0],
                RevisionKind.MOVED_TO,
                plan.move_name or "",
            )
        elif plan.old:
            # Where each old clause ends in the rejected view: at a cut (a merge) or at the end.
            ends = [p for p, mark in outputs[:-1] if mark == DELETED][: len(plan.old) - 1]
            ends += [outputs[-1][0]] * (len(plan.old) - len(ends))
            for clause, end in zip(plan.old, ends, strict=True):
                self.old_home[clause.id] = end

    def _old_side(self, plans: Sequence[Plan]) -> None:
        """Put back the old clauses (and section headings) the new document lacks, in old order,
        each right after the paragraph that shows its predecessor in the rejected view."""
        deleted: dict[str, Plan] = {}
        moved: dict[str, Plan] = {}
        for plan in plans:
            for clause in plan.old:
                if not plan.new:
                    deleted[clause.id] = plan
                elif plan.moved:
                    moved[clause.id] = plan
        anchor = self._start_anchor()
        maker = self.layout.maker
        for section in self.comparison.old.sections:
            new_id = self.renamed_back.get(section.id, section.id)
            heads = self.layout.headings.get(new_id)
            name = self.moved_sections.get(section.id)
            if name is not None:
                made = maker.heading(section, anchor)
                for p in made:
                    anchor = self._put_back(anchor, p, MOVED_FROM)
                if made:
                    add_move_range(self.draft, made[0], made[-1], RevisionKind.MOVED_FROM, name)
            elif new_id in self.new_sections and heads:
                anchor = self.heading_end.get(new_id, heads[-1])
            elif new_id not in self.new_sections:
                for p in maker.heading(section, anchor):
                    anchor = self._put_back(anchor, p, DELETED)
            for clause in section.clauses:
                home = self.old_home.get(clause.id)
                if home is not None:
                    anchor = home
                    continue
                found = deleted.get(clause.id) or moved.get(clause.id)
                if found is None:
                    continue
                p = maker.clause(clause, section, anchor)
                if found.moved:
                    anchor = self._put_back(anchor, p, MOVED_FROM, found.move_name or "")
                else:
                    anchor = self._put_back(anchor, p, DELETED)
                found.old_paragraphs.append(p)

    def _put_back(
        self, anchor: etree._Element | None, p: etree._Element, mark: Path_, move: str | None = None
    ) -> etree._Element:
        """Insert old content `p` after `anchor`, all of it deleted (or moved from, in the move
        range named `move`), its paragraph mark too."""
        self.draft.insert_after(anchor, p)
        wrap_content(p, mark[0], self.draft.revisions)
        if move is not None:
            add_move_range(self.draft, p, p, RevisionKind.MOVED_FROM, move)
        self.draft.mark(p, mark)
        return p

    def _start_anchor(self) -> etree._Element | None:
        for name in reversed(("number_line", "title", "history", "preamble")):
            if self.layout.metadata.get(name):
                return self.layout.metadata[name][-1]
        return self.layout.front[-1] if self.layout.front else None

    # ---- metadata, headings, front matter ------------------------------------------------

    def _metadata(self) -> None:
        previous: etree._Element | None = self.layout.front[-1] if self.layout.front else None
        for change in self.comparison.metadata:
            paragraphs = self.layout.metadata.get(change.field, [])
            if not change.changed:
                if paragraphs:
                    previous = paragraphs[-1]
                continue
            comment = describe_metadata_change(change)
            if change.new is not None and not paragraphs:
                raise NeedTemplate(f"the {change.field} line was not found in the base document")
            if change.new is None:
                assert change.old is not None
                p = self.layout.maker.line(change.field, change.old, previous)
                previous = self._put_back(previous, p, DELETED)
                self.draft.anchors.append((p, p, comment))
                continue
            texts = self._split_over(paragraphs, change.new)
            if change.old is None:
                rewrite_added(self.draft, paragraphs, texts)
            else:
                edits = change.edits
                if not edits_rebuild(edits, change.old, change.new):
                    edits = word_edits(change.old, change.new)
                labels = [None] * len(texts)
                rewrite(
                    self.draft, paragraphs, texts, labels, [change.old], None, edits, Rewrite.LINE
                )
            self.draft.anchors.append((paragraphs[0], paragraphs[-1], comment))
            previous = paragraphs[-1]

    def _split_over(self, paragraphs: list[etree._Element], text: str) -> list[str]:
        """The parts of a metadata line that each of its paragraphs shows (a title may span
        several paragraphs; the parser joined them with spaces)."""
        if len(paragraphs) == 1:
            return [text]
        parts = [squash("".join(a.char for a in read_atoms(p))) for p in paragraphs]
        if " ".join(parts) == text:
            return parts
        raise NeedTemplate("a metadata line spans paragraphs that do not match its text")

    def _headings(self) -> None:
        old_sections = self.old_sections
        for section in self.comparison.new.sections:
            paragraphs = self.layout.headings.get(section.id, [])
            lines = _heading_lines(section)
            if len(paragraphs) != len(lines):
                if (
                    section.id not in old_sections
                    or _heading_lines(old_sections[section.id]) != lines
                ):
                    raise NeedTemplate(f"the heading of section {section.id} was not found")
                continue
            old = old_sections.get(self.renamed.get(section.id, section.id))
            if old is None:
                if paragraphs:
                    rewrite_added(self.draft, paragraphs, lines)
                continue
            old_lines = _heading_lines(old)
            name = self.moved_sections.get(section.id)
            moved = name is not None and bool(paragraphs)
            how = Rewrite.MOVED if moved else Rewrite.LINE
            for p, new_line, old_line in zip(paragraphs, lines, old_lines, strict=False):
                if moved or new_line != old_line:
                    rewrite_line(self.draft, p, old_line, new_line, how)
            if name is not None and paragraphs:
                for p in paragraphs[len(old_lines) :]:
                    rewrite_added(self.draft, [p], [lines[-1]])
                add_move_range(
                    self.draft, paragraphs[0], paragraphs[-1], RevisionKind.MOVED_TO, name
                )
            elif paragraphs:
                self._title_added_or_removed(section, old, paragraphs, lines, old_lines)

    def _title_added_or_removed(
        self,
        section: Section,
        old: Section,
        paragraphs: list[etree._Element],
        lines: list[str],
        old_lines: list[str],
    ) -> None:
        """A section that gained a title has it inserted; one that lost its title gets the old
        title back, deleted, right after its heading (a moved section's old heading is put
        back whole at its old place instead)."""
        for p, line in zip(paragraphs[len(old_lines) :], lines[len(old_lines) :], strict=True):
            rewrite_added(self.draft, [p], [line])
        if len(old_lines) > len(lines):
            anchor = paragraphs[-1]
            for p in self.layout.maker.heading(old, anchor)[len(lines) :]:
                anchor = self._put_back(anchor, p, DELETED)
            self.heading_end[section.id] = anchor

    def _front_matter(self) -> None:
        old_lines = list(self.comparison.old.front_matter)
        new_lines = list(self.comparison.new.front_matter)
        if old_lines == new_lines:
            return
        front = self.layout.front
        if len(front) != len(new_lines):
            if self.layout.from_template:  # pragma: no cover - the template writes every line
                raise AssertionError("template front matter out of step")
            return  # a .docx whose front matter was not found: left as it is
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        anchor: etree._Element | None = None
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                anchor = front[b2 - 1]
                continue
            if op == "replace" and a2 - a1 == b2 - b1:
                for k in range(a2 - a1):
                    p = front[b1 + k]
                    rewrite_line(self.draft, p, old_lines[a1 + k], new_lines[b1 + k], Rewrite.LINE)
                    anchor = p
                continue
            for k in range(a1, a2):
                p = self.layout.maker.line("front", old_lines[k], anchor)
                anchor = self._put_back(anchor, p, DELETED)
            for k in range(b1, b2):
                p = front[k]
                rewrite_added(self.draft, [p], [new_lines[k]])
                anchor = p

    # ---- annotations ----------------------------------------------------------------------

    def _annotate(self, plan: Plan) -> None:
        shown = plan.new_paragraphs or plan.old_paragraphs
        if not shown:
            return
        if plan.comment:
            self.draft.anchors.append((shown[0], shown[-1], plan.comment))
        if self.markers and plan.marker is not None and plan.marker is not Marker.NOC:
            self.marker_paragraphs.append((shown[0], plan.marker.value))

    def _insert_markers(self) -> None:
        if not self.marker_paragraphs:
            return
        package = self.layout.package
        styles = package.related_part(self.layout.main, REL_STYLES)
        if styles and package.has(styles):
            ensure_marker_style(package.xml(styles))
        for before, text in self.marker_paragraphs:
            p = make_paragraph(None, [text_run(text, make_run_properties(style=MARKER_STYLE))])
            p_pr = etree.Element(w("pPr"))
            etree.SubElement(p_pr, w("keepNext"))
            p.insert(0, p_pr)
            before.addprevious(p)
