"""The compilation reports: JSON (schema "revdiff.compilation/1"), Markdown and HTML.

A compilation is a wide table: the base clause in the first column, each proposal's version of
it in one column each (deleted text struck, inserted text underlined, against the base), and a
status per row. Pure functions from a `Compilation` to a string; the Word table is
`revdiff.render.compilation_docx`, and `revdiff.write.compilation_bytes` picks by format.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from revdiff.compilation import (
    FOOTNOTES_SECTION,
    Compilation,
    CompilationRow,
    ProposalVersion,
    RowStatus,
)
from revdiff.model import EditOp, ReportWarning, TextEdit
from revdiff.render import common
from revdiff.render.json_text import to_json_text

SCHEMA_ID = "revdiff.compilation/1"
SCHEMA_FILE = "schema/compilation-1.schema.json"

STATUS_WORDS: dict[RowStatus, str] = {
    RowStatus.UNTOUCHED: "untouched",
    RowStatus.CHANGED: "changed by one",
    RowStatus.AGREED: "same change by several",
    RowStatus.CONFLICT: "conflict",
    RowStatus.MIXED: "deleted by some, modified by others",
    RowStatus.ADDED: "added",
}


# --------------------------------------------------------------------------------------------
# JSON


def render_compilation_json(compilation: Compilation) -> str:
    """The compilation as JSON text (two-space indent, newline at the end)."""
    return to_json_text(compilation_to_dict(compilation))


def compilation_to_dict(compilation: Compilation) -> dict[str, Any]:
    """The compilation as plain Python values, in the schema's key order."""
    return {
        "schema": SCHEMA_ID,
        "base": {
            "source": compilation.base.source,
            "title": compilation.base.metadata.title,
            "number_line": compilation.base.metadata.number_line,
            "clauses": len(compilation.base.clauses),
        },
        "proposals": [
            {"name": proposal.name, "source": proposal.document.source}
            for proposal in compilation.proposals
        ],
        "summary": {status.value: compilation.count(status) for status in RowStatus},
        "warnings": [_warning(warning) for warning in compilation.warnings],
        "rows": [_row(row) for row in compilation.rows],
    }


def _warning(warning: ReportWarning) -> dict[str, Any]:
    return {"code": warning.code.value, "file": warning.source, "message": warning.message}


def _row(row: CompilationRow) -> dict[str, Any]:
    base = row.base
    return {
        "id": row.id,
        "part": row.part.value,
        "section": row.section_id,
        "base": None if base is None else {"id": base.id, "label": base.label, "text": base.text},
        "status": row.status.value,
        "proposals": {name: _version(version) for name, version in row.versions},
        "groups": [list(group) for group in row.groups],
        "similarity": None if row.similarity is None else round(row.similarity, 4),
    }


def _version(version: ProposalVersion) -> dict[str, Any]:
    return {
        "marker": version.marker.value,
        "label": version.label,
        "text": version.text,
        "inline": [[edit.op.value, edit.text] for edit in version.edits],
        "moved": version.moved,
        "merged_into": version.merged_into,
    }


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the compilation, as shipped with the package."""
    return common.load_shipped_schema(SCHEMA_FILE)


# --------------------------------------------------------------------------------------------
# Shared by the Markdown and HTML tables


def compilation_title(compilation: Compilation) -> str:
    return "Compilation: " + common.document_heading(compilation.base)


def conflicts_by_section(compilation: Compilation) -> Counter[str]:
    """How many rows of each section are conflicts or mixed (delete against modify)."""
    return Counter(
        row.section_id
        for row in compilation.rows
        if row.status in (RowStatus.CONFLICT, RowStatus.MIXED)
    )


def summary_line(compilation: Compilation) -> str:
    counts = [
        f"{compilation.count(status)} {STATUS_WORDS[status]}"
        for status in RowStatus
        if compilation.count(status)
    ]
    return f"{len(compilation.rows)} rows: " + ", ".join(counts)


def status_note(row: CompilationRow) -> str:
    """The status with the proposals it names: "conflict: APT, CEPT"."""
    if row.status is RowStatus.UNTOUCHED:
        return STATUS_WORDS[row.status]
    names = ", ".join(row.changed_by)
    note = f"{STATUS_WORDS[row.status]}: {names}"
    if row.similarity is not None:
        note += f" (similarity {row.similarity:.2f})"
    return note


def section_name(compilation: Compilation, section_id: str) -> str:
    """The heading a table shows above a section's rows."""
    if section_id == FOOTNOTES_SECTION:
        return "Footnotes"
    section = compilation.base.section(section_id)
    return section.heading if section is not None else section_id


def _shown_edits(row: CompilationRow, version: ProposalVersion) -> tuple[TextEdit, ...]:
    if version.merged_into is not None:
        return (TextEdit(EditOp.EQUAL, f"(merged into {version.merged_into})"),)
    return version.edits


def _label(label: str | None) -> str:
    return f"{label} " if label else ""


# --------------------------------------------------------------------------------------------
# Text (the terminal): one line per row that some proposal touches


def render_compilation_text(compilation: Compilation) -> str:
    """Each row that is not untouched, with its status and the proposals it names; then the
    counts. The versions themselves are in the Markdown, HTML, JSON and Word tables."""
    lines = [compilation_title(compilation)]
    for proposal in compilation.proposals:
        lines.append(f"  {proposal.name}: {proposal.document.source}")
    for warning in compilation.warnings:
        lines.append(f"Warning: {warning}")
    lines.append("")
    touched = [row for row in compilation.rows if row.status is not RowStatus.UNTOUCHED]
    width = max((len(row.id) for row in touched), default=0)
    for row in touched:
        markers = ", ".join(
            f"{name} {version.marker.value}"
            for name, version in row.versions
            if version.changes_base
        )
        lines.append(f"{row.id:<{width}}  {row.status.value:<9}  {markers}")
    if touched:
        lines.append("")
    lines.append(summary_line(compilation))
    return "\n".join(common.printable(line) for line in lines) + "\n"


# --------------------------------------------------------------------------------------------
# Markdown


def render_compilation_markdown(compilation: Compilation) -> str:
    """A GFM table per section: base, one column per proposal, status."""
    from revdiff.render.markdown import escape_markdown, render_runs

    names = [proposal.name for proposal in compilation.proposals]
    lines = [f"# {escape_markdown(compilation_title(compilation))}", ""]
    lines += [f"Base: {escape_markdown(compilation.base.source)}", ""]
    for proposal in compilation.proposals:
        lines.append(
            f"- {escape_markdown(proposal.name)}: {escape_markdown(proposal.document.source)}"
        )
    lines += ["", escape_markdown(summary_line(compilation)), ""]
    for warning in compilation.warnings:
        lines.append(f"> **Warning:** {escape_markdown(str(warning))}")
    header = ["Clause", "Base", *[escape_markdown(n) for n in names], "Status"]
    section = None
    for row in compilation.rows:
        if row.section_id != section:
            section = row.section_id
            lines += ["", f"## {escape_markdown(section_name(compilation, section))}", ""]
            lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        cells = [escape_markdown(row.id)]
        base = row.base
        cells.append("" if base is None else escape_markdown(_label(base.label) + base.text))
        for name in names:
            version = row.version(name)
            if version is None:
                cells.append("")
                continue
            runs = render_runs(_shown_edits(row, version))
            cells.append(f"{version.marker.value} {escape_markdown(_label(version.label))}{runs}")
        cells.append(escape_markdown(status_note(row)))
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# HTML

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b}
header{padding:12px 16px;border-bottom:1px solid #ccc}
h1{font-size:1.25em;margin:0 0 4px}
.filters{padding:8px 16px;position:sticky;top:0;background:#fff;z-index:3;
border-bottom:1px solid #ddd}
.filters label{margin-right:12px;white-space:nowrap}
table{border-collapse:collapse;min-width:100%}
th,td{border:1px solid #ddd;padding:6px 8px;vertical-align:top;min-width:14em}
thead th{position:sticky;top:41px;background:#f3f3f3;z-index:2}
td.id,th.id{min-width:7em;font-family:ui-monospace,monospace;font-size:.85em}
tr.section th{background:#e8eef7;text-align:left;position:static}
del{color:#a00;text-decoration:line-through}
ins{color:#005a9c;text-decoration:underline}
.m{font-weight:600;font-size:.8em;margin-right:4px}
.st-conflict td.status,.st-mixed td.status{background:#fde2e1}
.st-agreed td.status{background:#e2f5e1}
.st-changed td.status{background:#fff6d6}
.st-added td.status{background:#e6eefc}
@media print{.filters{display:none}thead th{position:static}
del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

# The filters work without script (the page's policy allows none): each radio button hides rows
# through :has(), which every current browser supports; with an older one all rows stay visible.
_FILTER_STYLE = """
body:has(#f-conflict:checked) tr.row:not(.st-conflict):not(.st-mixed){display:none}
body:has(#f-agreed:checked) tr.row:not(.st-agreed){display:none}
body:has(#f-changed:checked) tr.st-untouched{display:none}
"""


def render_compilation_html(compilation: Compilation) -> str:
    """A self-contained page: one wide table with sticky headers and status filters."""
    from revdiff.render.html import _runs

    e = common.escape_html
    names = [proposal.name for proposal in compilation.proposals]
    title = compilation_title(compilation)
    conflicts = conflicts_by_section(compilation)
    lines = common.static_page_head(title, _STYLE + _FILTER_STYLE)
    lines += ["<header>", f"<h1>{e(title)}</h1>", f"<p>Base: {e(compilation.base.source)}</p>"]
    for warning in compilation.warnings:
        lines.append(f'<p class="warning"><strong>Warning:</strong> {e(str(warning))}</p>')
    lines += [f"<p>{e(summary_line(compilation))}</p>", "</header>"]
    lines.append('<div class="filters" role="group" aria-label="Show">')
    for value, text in (
        ("all", "all rows"),
        ("changed", "changed rows"),
        ("conflict", f"conflicts only ({sum(conflicts.values())})"),
        ("agreed", f"agreements only ({compilation.count(RowStatus.AGREED)})"),
    ):
        checked = " checked" if value == "all" else ""
        lines.append(
            f'<label><input type="radio" name="show" id="f-{value}"{checked}> {e(text)}</label>'
        )
    lines.append("</div>")
    lines += ["<table>", "<thead><tr>", '<th class="id">Clause</th>']
    lines.append("<th>Base</th>")
    for proposal in compilation.proposals:
        lines.append(f'<th title="{e(proposal.document.source)}">{e(proposal.name)}</th>')
    lines += ["<th>Status</th>", "</tr></thead>", "<tbody>"]
    section = None
    width = len(names) + 3
    for row in compilation.rows:
        if row.section_id != section:
            section = row.section_id
            name = section_name(compilation, section)
            count = conflicts.get(section, 0)
            note = f" ({count} conflict{'s' if count != 1 else ''})" if count else ""
            lines.append(f'<tr class="section"><th colspan="{width}">{e(name)}{e(note)}</th></tr>')
        base = row.base
        cells = [f'<td class="id">{e(row.id)}</td>']
        base_text = "" if base is None else e(_label(base.label) + base.text)
        cells.append(f"<td>{base_text}</td>")
        for name in names:
            version = row.version(name)
            if version is None:
                cells.append("<td></td>")
                continue
            cells.append(
                f'<td><span class="m">{e(version.marker.value)}</span>'
                f"{e(_label(version.label))}{_runs(_shown_edits(row, version))}</td>"
            )
        cells.append(f'<td class="status">{e(status_note(row))}</td>')
        lines.append(f'<tr class="row st-{row.status.value}">{"".join(cells)}</tr>')
    lines += ["</tbody></table>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
