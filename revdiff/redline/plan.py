"""Planning: each change of a comparison as the writer will show it, and which section headings
move.

A split or a merge whose parts are not next to each other cannot be shown as one rewritten
stretch of paragraphs: it is shown as a modification of its first parts plus whole added or
deleted clauses (the comment stays on the first).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from revdiff.model import Change, Clause, Comparison, Marker, TextEdit
from revdiff.ooxml.paragraphs import next_paragraph
from revdiff.ooxml.revisions import Revisions
from revdiff.redline.comments import describe_change
from revdiff.redline.paragraphs import edits_rebuild, word_edits
from revdiff.redline.template import Layout


@dataclass
class Plan:
    """One change as the writer will show it (splits and merges whose parts are not adjacent
    are shown as a modification plus whole added or deleted clauses)."""

    change: Change
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    edits: tuple[TextEdit, ...]
    moved: bool
    comment: str | None
    marker: Marker | None
    move_name: str | None = None
    new_paragraphs: list[etree._Element] = field(default_factory=list)
    old_paragraphs: list[etree._Element] = field(default_factory=list)


def plan_changes(comparison: Comparison, layout: Layout, revisions: Revisions) -> list[Plan]:
    """Every change of `comparison` as the writer will show it, in the comparison's order (a
    move takes its move name here)."""
    plans: list[Plan] = []
    old_order = {c.id: k for k, c in enumerate(comparison.old.clauses)}
    for change in comparison.changes:
        comment = describe_change(change, comparison) if change.is_change else None
        marker = change.marker if change.is_change else None
        old, new = change.old, change.new
        edits = change.edits
        joined_old = " ".join(c.text for c in old)
        joined_new = " ".join(c.text for c in new)
        if old and new and not edits_rebuild(edits, joined_old, joined_new):
            edits = word_edits(joined_old, joined_new)
        moved = change.moved and bool(old) and bool(new)
        adjacent = True
        if len(new) > 1 and not moved:
            adjacent = _adjacent(layout, new)
        if len(old) > 1 and not moved:
            positions = [old_order.get(c.id, -10) for c in old]
            adjacent = (
                adjacent
                and all(b == a + 1 for a, b in itertools.pairwise(positions))
                and len({c.section_id for c in old}) == 1  # no heading between them
            )
        if old and new and len(old) + len(new) > 2 and not adjacent:
            # Shown as old[0] -> new[0] modified, the rest added or deleted.
            first = Plan(
                change,
                old[:1],
                new[:1],
                word_edits(old[0].text, new[0].text),
                False,
                comment,
                marker,
            )
            plans.append(first)
            for clause in new[1:]:
                plans.append(Plan(change, (), (clause,), (), False, None, None))
            for clause in old[1:]:
                plans.append(Plan(change, (clause,), (), (), False, None, None))
            continue
        plan = Plan(change, old, new, edits, moved, comment, marker)
        if moved:
            plan.move_name = revisions.take_move_name()
        plans.append(plan)
    return plans


def _adjacent(layout: Layout, clauses: Sequence[Clause]) -> bool:
    """Whether the base shows `clauses` in consecutive paragraphs."""
    paragraphs = [layout.clauses.get(c.id) for c in clauses]
    if any(p is None for p in paragraphs):
        return False
    return all(a is not None and next_paragraph(a) is b for a, b in itertools.pairwise(paragraphs))


def moved_sections(comparison: Comparison, layout: Layout, revisions: Revisions) -> dict[str, str]:
    """Sections in both versions whose order changed: their headings move (a move name
    each), like clauses that break the order."""
    moved = moved_section_ids(comparison, lambda section_id: bool(layout.headings.get(section_id)))
    return {section_id: revisions.take_move_name() for section_id in moved}


def moved_section_ids(comparison: Comparison, has_heading: Callable[[str], bool]) -> list[str]:
    """The sections `moved_sections` moves, in the new document's order (the proposal writer
    numbers its provisions by where they stand, so it needs them too)."""
    old_position = {s.id: k for k, s in enumerate(comparison.old.sections)}
    common = [s.id for s in comparison.new.sections if s.id in old_position]
    keep = set(_longest_increasing(common, old_position))
    # Follow the compare stage where it moved (or kept) every clause that stayed in its
    # section; the longest increasing run decides for the others, and if the votes leave
    # the kept headings out of order.
    votes: dict[str, list[bool]] = {}
    for change in comparison.changes:
        for old, new in zip(change.old, change.new, strict=False):
            if old.section_id == new.section_id:
                votes.setdefault(new.section_id, []).append(change.moved)
    voted = {
        section_id
        for section_id in common
        if not (all(votes[section_id]) if votes.get(section_id) else section_id not in keep)
    }
    ranks = [old_position[section_id] for section_id in common if section_id in voted]
    if ranks == sorted(ranks):
        keep = voted
    return [
        section_id for section_id in common if section_id not in keep and has_heading(section_id)
    ]


def _longest_increasing(items: Sequence[str], rank: dict[str, int]) -> list[str]:
    """The longest run of `items` (in order) whose ranks increase; ties broken to the left."""
    best: list[list[str]] = []
    for item in items:
        candidates = [chain for chain in best if rank[chain[-1]] < rank[item]]
        longest = max(candidates, key=len, default=[])
        best.append([*longest, item])
    return max(best, key=len, default=[])
