"""What every report shares: titles, labels ("b) → c)"), section groups, summary rows, notes and
inline runs, so that the text, Markdown, HTML and JSON reports say the same thing the same way.

Everything here is pure: it reads a Comparison and returns strings and tuples.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from revdiff.citations import describe_citation_update
from revdiff.language import language_name
from revdiff.model import (
    Change,
    ChangeKind,
    Clause,
    Comparison,
    Document,
    EditOp,
    Marker,
    MetadataChange,
    Summary,
    TextEdit,
)

ARROW = "→"
NO_LABEL = "¶"  # an unlabelled paragraph
NO_CLAUSE = "—"

SUMMARY_FIELDS: tuple[str, ...] = (
    "unchanged",
    "modified",
    "added",
    "deleted",
    "split",
    "merged",
    "moved",
    "renumbered",
)
"""The summary counts, in the order every report lists them (the JSON schema's order)."""

METADATA_NAMES: dict[str, str] = {
    "number_line": "Number line",
    "title": "Title",
    "history": "History line",
    "preamble": "Preamble line",
}

MARKER_MEANINGS: dict[str, str] = {
    Marker.NOC: "no change",
    Marker.MOD: "modified",
    Marker.MOD_EDITORIAL: "editorial change only",
    Marker.ADD: "added",
    Marker.SUP: "suppressed (deleted)",
}

# Control characters from an input must never reach a terminal or a page as such (an ESC could
# drive the terminal): C0 ones are shown as their Unicode control pictures (␛, ␇), DEL as ␡, and
# C1 ones as the replacement character. Tab and line feed are kept.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def printable(text: str) -> str:
    """`text` with control characters (other than tab and line feed) made visible and inert."""
    return _CONTROLS.sub(_control_picture, text)


# Whitespace that was inserted or deleted on its own would be invisible in a report: show it.
_VISIBLE_WHITESPACE = {" ": "␣", "\u00a0": "⍽", "\u202f": "⍽", "\t": "⇥", "\n": "↵", "\r": ""}


# --------------------------------------------------------------------------------------------
# Documents and titles


def escape_html(text: str) -> str:
    """`text` for HTML content or an attribute value: printable, with <, >, & and quotes escaped."""
    return html.escape(printable(text), quote=True)


def static_page_head(title: str, style: str) -> list[str]:
    """The lines of a self-contained HTML page up to its `<body>`: no script and no network
    (the policy allows only the inline style)."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{escape_html(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
    ]


def document_name(document: Document) -> str:
    """The file name of a document's source, without its folder."""
    return document.source.replace("\\", "/").rsplit("/", 1)[-1]


def document_heading(document: Document) -> str:
    """How a report names one version: its number line, else its title, else its file name."""
    metadata = document.metadata
    return metadata.number_line or metadata.title or document_name(document)


def report_title(comparison: Comparison) -> str:
    """``RESOLUTION 84 (Hammamet, 2016) → RESOLUTION 84 (Rev. Geneva, 2022)``."""
    old, new = document_heading(comparison.old), document_heading(comparison.new)
    if old != new:
        return f"{old} {ARROW} {new}"
    old_name, new_name = document_name(comparison.old), document_name(comparison.new)
    if old_name == new_name or old in (old_name, new_name):
        return old
    return f"{old}: {old_name} {ARROW} {new_name}"


def reconstruction_notes(comparison: Comparison) -> tuple[str, ...]:
    """One sentence per version that is a labelled reconstruction, not the official text."""
    notes = []
    for side, document in (("old", comparison.old), ("new", comparison.new)):
        if document.is_reconstruction:
            notes.append(
                f"The {side} version ({document_name(document)}) is a labelled reconstruction, "
                "not the official text."
            )
    return tuple(notes)


def document_facts(document: Document, *, language: bool = False) -> tuple[tuple[str, str], ...]:
    """The rows a report shows about one version: source, revision, clause count, and with
    `language` the language it was read in."""
    facts: tuple[tuple[str, str], ...] = (
        ("Source", document.source),
        ("Revision", document.metadata.revision or NO_CLAUSE),
        ("Clauses", str(len(document.clauses))),
    )
    if language:
        facts += (("Language", language_name(document.language or "en")),)
    return facts


def shows_language(comparison: Comparison) -> bool:
    """Whether a report names the languages read: when either version is not in English (an
    English report of English texts says nothing it need not)."""
    return any(d.language not in (None, "en") for d in (comparison.old, comparison.new))


# --------------------------------------------------------------------------------------------
# Summary


def summary_rows(summary: Summary) -> tuple[tuple[str, int], ...]:
    """``(("Unchanged", 40), ("Modified", 5), …)`` in SUMMARY_FIELDS order."""
    return tuple((name.capitalize(), int(getattr(summary, name))) for name in SUMMARY_FIELDS)


def changed_metadata(comparison: Comparison) -> tuple[MetadataChange, ...]:
    return tuple(m for m in comparison.metadata if m.changed)


def shown_changes(comparison: Comparison, show_all: bool) -> tuple[Change, ...]:
    """The changes a report lists: every one with `show_all`, else those that differ."""
    return tuple(c for c in comparison.changes if show_all or c.is_change)


def metadata_name(field: str) -> str:
    return METADATA_NAMES.get(field, field.replace("_", " ").capitalize())


# --------------------------------------------------------------------------------------------
# One change: labels, ids, kind and notes


def format_label(label: str | None) -> str:
    return label if label else NO_LABEL


def format_labels(clauses: Sequence[Clause]) -> str:
    if not clauses:
        return NO_CLAUSE
    return ", ".join(format_label(c.label) for c in clauses)


def label_text(change: Change) -> str:
    """The labels a change involves: ``b)``, or ``b) → c)`` when relettered, ``c) → c), d)``
    for a split."""
    old, new = format_labels(change.old), format_labels(change.new)
    if not change.old:
        return new
    if not change.new or old == new:
        return old
    return f"{old} {ARROW} {new}"


def clause_ids(change: Change) -> str:
    """The clause ids a change involves: ``recalling/a``, or ``considering/d → considering/c``
    when the id changed (relettered, moved, split, merged)."""
    old = " + ".join(c.id for c in change.old)
    new = " + ".join(c.id for c in change.new)
    if not old or not new or old == new:
        return new or old
    return f"{old} {ARROW} {new}"


def change_flags(change: Change) -> tuple[str, ...]:
    """Kind first, then "moved" and "renumbered" when they apply: ``("modified", "moved")``."""
    flags = [change.kind.value]
    if change.moved:
        flags.append("moved")
    if change.renumbered:
        flags.append("renumbered")
    return tuple(flags)


def nature_names(change: Change | MetadataChange) -> tuple[str, ...]:
    return tuple(n.value for n in change.natures)


def filter_kind(change: Change) -> str:
    """The one tag the HTML kind filter uses: the kind, except that an unchanged text that
    only moved or was relettered is filed under "moved" or "renumbered", not "unchanged"."""
    if change.kind is ChangeKind.UNCHANGED:
        if change.moved:
            return "moved"
        if change.renumbered:
            return "renumbered"
    return change.kind.value


def change_notes(comparison: Comparison, change: Change) -> tuple[str, ...]:
    """Sentences that explain a change beyond its text: where it moved from, which citations
    were updated."""
    notes = []
    if change.moved and change.old:
        first = change.old[0]
        notes.append(f"moved from {section_heading(comparison, first.section_id)} {_place(first)}")
    notes.extend(describe_citation_update(update) for update in change.citations)
    return tuple(notes)


def _place(clause: Clause) -> str:
    return clause.label if clause.label else f"({clause.id})"


# --------------------------------------------------------------------------------------------
# Sections


@dataclass(frozen=True)
class SectionGroup:
    """A run of consecutive changes that sit in one section (of the new version, or of the old
    one for deleted clauses)."""

    section_id: str
    heading: str
    status: str | None  # "new section", "removed section" or None
    changes: tuple[Change, ...]


def change_section_id(change: Change) -> str:
    clauses = change.new or change.old
    return clauses[0].section_id if clauses else ""


def section_heading(comparison: Comparison, section_id: str) -> str:
    section = comparison.new.section(section_id) or comparison.old.section(section_id)
    return section.heading if section is not None and section.heading else section_id


def section_status(comparison: Comparison, section_id: str) -> str | None:
    in_old = comparison.old.section(section_id) is not None
    in_new = comparison.new.section(section_id) is not None
    if in_new and not in_old:
        return "new section"
    if in_old and not in_new:
        return "removed section"
    return None


def group_by_section(comparison: Comparison, changes: Iterable[Change]) -> tuple[SectionGroup, ...]:
    """Group consecutive changes by section, keeping the comparison's order."""
    groups: list[SectionGroup] = []
    run: list[Change] = []
    current: str | None = None
    for change in changes:
        section_id = change_section_id(change)
        if run and section_id != current:
            groups.append(_group(comparison, current or "", run))
            run = []
        current = section_id
        run.append(change)
    if run:
        groups.append(_group(comparison, current or "", run))
    return tuple(groups)


def _group(comparison: Comparison, section_id: str, changes: list[Change]) -> SectionGroup:
    return SectionGroup(
        section_id=section_id,
        heading=section_heading(comparison, section_id),
        status=section_status(comparison, section_id),
        changes=tuple(changes),
    )


# --------------------------------------------------------------------------------------------
# Inline runs


def joined_text(clauses: Sequence[Clause]) -> str:
    """The clauses' texts joined as the comparison diffs them (one space between)."""
    return " ".join(c.text for c in clauses)


def normalise_edits(edits: Iterable[TextEdit]) -> tuple[TextEdit, ...]:
    """Drop empty runs and merge neighbours with the same operation."""
    merged: list[TextEdit] = []
    for edit in edits:
        if not edit.text:
            continue
        if merged and merged[-1].op is edit.op:
            merged[-1] = TextEdit(edit.op, merged[-1].text + edit.text)
        else:
            merged.append(edit)
    return tuple(merged)


def edits_between(old: str | None, new: str | None) -> tuple[TextEdit, ...]:
    """The plainest edits from `old` to `new`: kept whole, or deleted then inserted."""
    old, new = old or "", new or ""
    if old == new:
        return normalise_edits([TextEdit(EditOp.EQUAL, old)])
    return normalise_edits([TextEdit(EditOp.DELETE, old), TextEdit(EditOp.INSERT, new)])


def inline_edits(change: Change) -> tuple[TextEdit, ...]:
    """The change's inline runs, or, if the comparison left them empty, the plainest runs that
    rebuild both texts."""
    if change.edits:
        return normalise_edits(change.edits)
    return edits_between(joined_text(change.old), joined_text(change.new))


def metadata_edits(change: MetadataChange) -> tuple[TextEdit, ...]:
    if change.edits:
        return normalise_edits(change.edits)
    return edits_between(change.old, change.new)


def old_text(edits: Iterable[TextEdit]) -> str:
    return "".join(e.text for e in edits if e.op is not EditOp.INSERT)


def new_text(edits: Iterable[TextEdit]) -> str:
    return "".join(e.text for e in edits if e.op is not EditOp.DELETE)


def side_edits(edits: Iterable[TextEdit], side: str) -> tuple[TextEdit, ...]:
    """The runs one side of a side-by-side view shows: the old side keeps deletions, the new
    side insertions."""
    dropped = EditOp.INSERT if side == "old" else EditOp.DELETE
    return tuple(e for e in edits if e.op is not dropped)


def visible_whitespace(text: str) -> str:
    """A changed run made only of whitespace, drawn with visible symbols (␣ ⇥ ↵ ⍽) so that the
    change can be seen; any other run is returned as it is."""
    if text.strip():
        return text
    return "".join(_VISIBLE_WHITESPACE.get(ch, "␣") for ch in text)


def split_edge_whitespace(text: str) -> tuple[str, str, str]:
    """``" word  "`` → ``(" ", "word", "  ")``: Markdown emphasis must not start or end with
    whitespace, so the edges go outside the markers."""
    core = text.strip()
    if not core:
        return "", text, ""
    start = len(text) - len(text.lstrip())
    end = start + len(core)
    return text[:start], core, text[end:]


def load_shipped_schema(file_name: str) -> dict[str, Any]:
    """A JSON Schema shipped with the package under revdiff/render/schema/."""
    import json
    from importlib.resources import files

    schema = json.loads(files("revdiff.render").joinpath(file_name).read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema
