"""What every report says about the lines that are not clauses, and about its own doubts:
heading and footnote changes as report entries, and the warnings block.

Pure, like `common`: the text, Markdown, HTML and JSON reports take their words from here, so
that they say the same thing the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from revdiff.model import (
    ChangeKind,
    Comparison,
    FootnoteChange,
    HeadingChange,
    HeadingPart,
    Marker,
    Nature,
    ReportWarning,
    SectionKind,
    TextEdit,
)
from revdiff.render.common import (
    changed_metadata,
    edits_between,
    metadata_edits,
    metadata_name,
    normalise_edits,
)
from revdiff.warnings import report_warnings

_HEADING_NAMES = {
    SectionKind.PREAMBLE: "Call line",
    SectionKind.OPERATIVE: "Call line",
    SectionKind.NUMBERED: "Section heading",
    SectionKind.ANNEX: "Annex heading",
    SectionKind.BODY: "Heading",
}
_TITLE_NAMES = {SectionKind.NUMBERED: "Section title", SectionKind.ANNEX: "Annex title"}


@dataclass(frozen=True)
class Entry:
    """A heading or footnote change as a report lists it."""

    id: str
    marker: str  # NOC, MOD, (MOD), ADD, SUP
    name: str  # "Call line", "Annex title", "Front matter", "Footnote 1"
    flags: tuple[str, ...]  # the kind, then "moved" or "renumbered"
    natures: tuple[str, ...]
    edits: tuple[TextEdit, ...]
    note: str | None = None  # "section added", "mark 1 → 2"


def heading_entries(comparison: Comparison) -> tuple[Entry, ...]:
    kinds = {("old", s.id): s.kind for s in comparison.old.sections}
    kinds.update({("new", s.id): s.kind for s in comparison.new.sections})
    return tuple(_heading_entry(kinds, c) for c in comparison.heading_changes if c.is_change)


def footnote_entries(comparison: Comparison) -> tuple[Entry, ...]:
    return tuple(_footnote_entry(c) for c in comparison.footnote_changes if c.is_change)


def summary_extra_rows(comparison: Comparison) -> tuple[tuple[str, int], ...]:
    """The summary rows after the clause counts: metadata lines, headings and footnotes that
    changed."""
    return (
        ("Metadata lines changed", len(changed_metadata(comparison))),
        ("Headings changed", len(heading_entries(comparison))),
        ("Footnotes changed", len(footnote_entries(comparison))),
    )


def nothing_but_lines_note(comparison: Comparison) -> str:
    """What a report says when no clause changed: whether anything else did."""
    if comparison.has_differences:
        return "No clause changed; only the lines listed above."
    return "No differences: the versions match clause by clause."


def _heading_entry(kinds: dict[tuple[str, str], SectionKind], change: HeadingChange) -> Entry:
    kind = kinds.get(("new", change.new_section or ""))
    kind = kind or kinds.get(("old", change.old_section or ""), SectionKind.BODY)
    if change.part is HeadingPart.FRONT:
        name = "Front matter"
    elif change.part is HeadingPart.TITLE:
        name = _TITLE_NAMES.get(kind, "Title")
    else:
        name = _HEADING_NAMES[kind]
    note = None
    if change.old_section is None and change.new_section is not None:
        note = "section added"
    elif change.new_section is None and change.old_section is not None:
        note = "section removed"
    flags = (change.kind.value, *(("moved",) if change.moved else ()))
    return Entry(
        id=change.id,
        marker=change.marker.value,
        name=name,
        flags=flags,
        natures=tuple(n.value for n in change.natures),
        edits=_edits(change.edits, change.old, change.new),
        note=note,
    )


def _footnote_entry(change: FootnoteChange) -> Entry:
    old_mark = change.old.mark if change.old is not None else None
    new_mark = change.new.mark if change.new is not None else None
    notes = [f"mark {old_mark} → {new_mark}"] if change.renumbered else []
    if change.moved:
        notes.append("its reference now stands in another clause")
    note = "; ".join(notes) or None
    flags = (
        change.kind.value,
        *(("moved",) if change.moved else ()),
        *(("renumbered",) if change.renumbered else ()),
    )
    return Entry(
        id=change.id,
        marker=change.marker.value,
        name=f"Footnote {new_mark or old_mark}",
        flags=flags,
        natures=tuple(n.value for n in change.natures),
        edits=_edits(
            change.edits,
            change.old.text if change.old is not None else None,
            change.new.text if change.new is not None else None,
        ),
        note=note,
    )


def line_changes(comparison: Comparison) -> tuple[Entry, ...]:
    """Every changed line that is not a clause: metadata lines, then headings, then footnotes
    (what a history shows for each step beside its clause lineages)."""
    metadata = tuple(
        Entry(
            id=change.field,
            marker=(
                Marker.MOD_EDITORIAL if change.natures == (Nature.EDITORIAL,) else Marker.MOD
            ).value,
            name=metadata_name(change.field),
            flags=(ChangeKind.MODIFIED.value,),
            natures=tuple(n.value for n in change.natures),
            edits=metadata_edits(change),
        )
        for change in changed_metadata(comparison)
    )
    return (*metadata, *heading_entries(comparison), *footnote_entries(comparison))


def describe_entry(entry: Entry) -> str:
    """``MOD Call line (heading:resolves): modified, substantive``."""
    what = ", ".join((*entry.flags, *entry.natures, *((entry.note,) if entry.note else ())))
    return f"{entry.marker} {entry.name} ({entry.id}): {what}"


def _edits(edits: tuple[TextEdit, ...], old: str | None, new: str | None) -> tuple[TextEdit, ...]:
    return normalise_edits(edits) if edits else edits_between(old, new)


# --------------------------------------------------------------------------------------------
# Warnings


def warning_lines(comparison: Comparison) -> tuple[str, ...]:
    """One line per warning: ``file:line: message`` (file and line when the warning has them)."""
    return tuple(str(w) for w in report_warnings(comparison))


def warning_to_dict(warning: ReportWarning) -> dict[str, Any]:
    return {
        "code": warning.code.value,
        "file": warning.source,
        "line": warning.line,
        "message": warning.message,
    }


def heading_to_dict(change: HeadingChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "part": change.part.value,
        "kind": change.kind.value,
        "marker": change.marker.value,
        "moved": change.moved,
        "nature": [n.value for n in change.natures],
        "old_section": change.old_section,
        "new_section": change.new_section,
        "old": change.old,
        "new": change.new,
        "inline": _runs(_edits(change.edits, change.old, change.new)),
    }


def footnote_to_dict(change: FootnoteChange) -> dict[str, Any]:
    old = {"mark": change.old.mark, "text": change.old.text} if change.old is not None else None
    new = {"mark": change.new.mark, "text": change.new.text} if change.new is not None else None
    return {
        "id": change.id,
        "kind": change.kind.value,
        "marker": change.marker.value,
        "moved": change.moved,
        "renumbered": change.renumbered,
        "nature": [n.value for n in change.natures],
        "old": old,
        "new": new,
        "inline": _runs(
            _edits(
                change.edits,
                old["text"] if old is not None else None,
                new["text"] if new is not None else None,
            )
        ),
    }


def _runs(edits: tuple[TextEdit, ...]) -> list[list[str]]:
    return [[edit.op.value, edit.text] for edit in edits]
