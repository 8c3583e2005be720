"""The JSON report, schema "revdiff.report/1": the warnings, then every clause of both versions in
exactly one change, in the new document's order, with its inline runs, then every changed
heading and footnote. The schema ships beside this module
(schema/report-1.schema.json) and is documented in the README.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from revdiff.model import (
    METADATA_FIELDS,
    Change,
    ChangeKind,
    Clause,
    Comparison,
    Document,
    EditOp,
    Marker,
    Nature,
)
from revdiff.render import common, entries
from revdiff.render.json_text import to_json_bytes, to_json_text
from revdiff.warnings import report_warnings

SCHEMA_ID = "revdiff.report/1"
SCHEMA_FILE = "schema/report-1.schema.json"


def render_json(comparison: Comparison) -> str:
    """The report as JSON text (UTF-8 characters kept, two-space indent, newline at the end)."""
    return to_json_text(comparison_to_dict(comparison))


def render_json_bytes(comparison: Comparison) -> bytes:
    """`render_json(comparison)` encoded in UTF-8, for a file (no round trip through text)."""
    return to_json_bytes(comparison_to_dict(comparison))


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The report as plain Python values, in the schema's key order."""
    summary = comparison.summary
    headings = [entries.heading_to_dict(c) for c in comparison.heading_changes if c.is_change]
    footnotes = [entries.footnote_to_dict(c) for c in comparison.footnote_changes if c.is_change]
    return {
        "schema": SCHEMA_ID,
        "warnings": [entries.warning_to_dict(w) for w in report_warnings(comparison)],
        "old": _document(comparison.old, common.shows_language(comparison)),
        "new": _document(comparison.new, common.shows_language(comparison)),
        "summary": {
            **{name: int(getattr(summary, name)) for name in common.SUMMARY_FIELDS},
            "headings": len(headings),
            "footnotes": len(footnotes),
        },
        "metadata": _metadata(comparison),
        "changes": [_change(change) for change in comparison.changes],
        "headings": headings,
        "footnotes": footnotes,
    }


def _document(document: Document, language: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {
        "source": document.source,
        "title": document.metadata.title,
        "revision": document.metadata.revision,
        # Counted by section: Document.clauses would build a tuple of them all to be measured.
        "clauses": sum(len(section.clauses) for section in document.sections),
    }
    if language:  # only when a version is not in English, as in the other reports
        found["language"] = document.language or "en"
    return found


def _metadata(comparison: Comparison) -> list[dict[str, Any]]:
    """Every metadata field, changed or not, so that a reader sees which changed."""
    compared = {m.field: m for m in comparison.metadata}
    rows = []
    for field in METADATA_FIELDS:
        change = compared.get(field)
        if change is not None:
            old, new = change.old, change.new
        else:
            old = getattr(comparison.old.metadata, field, None)
            new = getattr(comparison.new.metadata, field, None)
        row: dict[str, Any] = {"field": field, "old": old, "new": new}
        if change is not None and change.changed:
            # A changed line says how, as a clause does: a no-break space for a space is an
            # editorial change a reader could not see in the two strings alone.
            row["nature"] = [_VALUES[nature] for nature in change.natures]
            row["inline"] = [[_VALUES[e.op], e.text] for e in common.metadata_edits(change)]
        rows.append(row)
    return rows


# An enum member's value through a dict: Enum.value is a descriptor call, and a 10,000-clause
# report reads some 30,000 of them.
_VALUES: dict[StrEnum, str] = {
    member: member.value for enum in (ChangeKind, Marker, Nature, EditOp) for member in enum
}


def _change(change: Change) -> dict[str, Any]:
    values = _VALUES
    edits = change.edits
    if len(edits) == 1 and edits[0].text:
        # One run, as an unchanged, added or deleted clause has: inline_edits would keep it as
        # it is (a 10,000-clause report has some 10,000 such changes).
        inline = [[values[edits[0].op], edits[0].text]]
    else:
        inline = [[values[edit.op], edit.text] for edit in common.inline_edits(change)]
    similarity, natures, old, new = change.similarity, change.natures, change.old, change.new
    # The one-clause and no-nature cases spelt out: a comprehension is a call of its own.
    return {
        "kind": values[change.kind],
        "marker": values[change.marker],
        "moved": change.moved,
        "renumbered": change.renumbered,
        "nature": [values[nature] for nature in natures] if natures else [],
        "old": [clause_dict(old[0])] if len(old) == 1 else [clause_dict(c) for c in old],
        "new": [clause_dict(new[0])] if len(new) == 1 else [clause_dict(c) for c in new],
        # 1.0, an unchanged clause's, needs no rounding (round() is the slowest call here).
        "similarity": 1.0 if similarity == 1.0 else round(float(similarity), 4),
        "inline": inline,
    }


def clause_dict(clause: Clause) -> dict[str, Any]:
    """A clause as every JSON document of revdiff names it: id, section, label and text (the
    outline adds its other members after these)."""
    return {
        "id": clause.id,
        "section": clause.section_id,
        "label": clause.label,
        "text": clause.text,
    }


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the report, as shipped with the package."""
    from revdiff.render.common import load_shipped_schema

    return load_shipped_schema(SCHEMA_FILE)
