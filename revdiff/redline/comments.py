"""Comments: the words of the comment beside each change (marker, what happened, why it
matters) and the comments anchored on the paragraphs that show the changes."""

from __future__ import annotations

from revdiff.citations import describe_citation_update
from revdiff.classify import metadata_marker
from revdiff.model import Change, ChangeKind, Comparison, MetadataChange, Nature
from revdiff.ooxml.comments import (
    comment_range_end,
    comment_range_start,
    comment_reference_run,
    ensure_comments_part,
    make_comment,
)
from revdiff.ooxml.paragraphs import insert_at_start
from revdiff.redline.draft import Draft

_KIND_WORDS = {
    ChangeKind.ADDED: "added",
    ChangeKind.DELETED: "deleted",
}


def describe_change(change: Change, comparison: Comparison) -> str:
    """A comment's text: marker, what happened, and why it matters, e.g.
    ``MOD · citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)``."""
    parts = [change.marker.value]
    if change.kind in _KIND_WORDS:
        parts.append(_KIND_WORDS[change.kind])
    elif change.kind is ChangeKind.SPLIT:
        parts.append(f"split into {len(change.new)} clauses")
    elif change.kind is ChangeKind.MERGED:
        parts.append(f"merged from {len(change.old)} clauses")
    if change.moved and change.old:
        old = change.old[0]
        section = comparison.old.section(old.section_id)
        where = section.heading if section is not None else old.section_id
        label = f" {old.label}" if old.label else ""
        parts.append(f"moved from {where}{label}")
    if change.renumbered:
        before = ", ".join(label or "(none)" for label in change.old_labels)
        after = ", ".join(label or "(none)" for label in change.new_labels)
        parts.append(f"relabelled {before} → {after}")
    for nature in change.natures:
        if nature is Nature.CITATION and change.citations:
            parts.extend(_describe_citations(change))
        else:
            parts.append(nature.value)
    return " · ".join(parts)


def _describe_citations(change: Change) -> list[str]:
    return [describe_citation_update(update) for update in change.citations]


_FIELD_WORDS = {
    "number_line": "number line",
    "title": "title",
    "history": "history line",
    "preamble": "preamble",
}


def describe_metadata_change(change: MetadataChange) -> str:
    """A metadata line's comment: its marker, which line, and the natures of the change."""
    parts = [metadata_marker(change).value, _FIELD_WORDS.get(change.field, change.field)]
    parts.extend(n.value for n in change.natures)
    return " · ".join(parts)


def add_comments(draft: Draft) -> None:
    """Anchor a comment on each of the draft's anchors (first to last paragraph), in order."""
    if not draft.anchors:
        return
    layout, revisions = draft.layout, draft.revisions
    part = ensure_comments_part(layout.package, layout.main)
    for first, last, text in draft.anchors:
        comment_id = revisions.take_id()
        insert_at_start(first, comment_range_start(comment_id))
        last.append(comment_range_end(comment_id))
        last.append(comment_reference_run(comment_id))
        part.append(make_comment(comment_id, text, revisions))
        draft.stats.comments += 1
