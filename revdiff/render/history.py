"""The history reports: one `History` (a resolution across several versions) rendered as plain
text, Markdown, HTML (the lineage as a table with one column per version) or JSON
(``revdiff.history/1``).

Pure: every function returns a string. Inline changes use the same runs as the pairwise reports:
``[-deleted-]{+inserted+}`` in text, ~~struck~~/**bold** in Markdown, <del>/<ins> in HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from revdiff.errors import RevdiffError
from revdiff.history import ClauseState, History, Lineage, StateChange
from revdiff.model import (
    ChangeKind,
    Comparison,
    Document,
    EditOp,
    ReportWarning,
    TextEdit,
    WarningCode,
)
from revdiff.render import FORMATS, common, entries
from revdiff.render.json_text import to_json_text
from revdiff.warnings import history_warnings

SCHEMA_ID = "revdiff.history/1"
SCHEMA_FILE = "schema/history-1.schema.json"
_ALIASES = {"txt": "text", "markdown": "md", "htm": "html"}


def render_history(history: History, fmt: str, *, show_all: bool = False) -> str:
    """Render `history` as ``text``, ``md``, ``html`` or ``json``. Text and Markdown list only
    the clauses that changed after they first appeared unless `show_all`; HTML and JSON hold
    every clause."""
    name = _ALIASES.get(fmt.lower(), fmt.lower())
    if name == "text":
        return render_history_text(history, show_all=show_all)
    if name == "md":
        return render_history_markdown(history, show_all=show_all)
    if name == "html":
        return render_history_html(history)
    if name == "json":
        return render_history_json(history)
    raise RevdiffError(None, f"unknown history format {fmt!r}", "use one of " + ", ".join(FORMATS))


# --------------------------------------------------------------------------------------------
# Shared wording


def history_title(history: History) -> str:
    first = history.documents[0].metadata
    name = first.number_line or first.title or common.document_name(history.documents[0])
    # "RESOLUTION 84 (Rev. Geneva, 2022)" names one version; the history is of "RESOLUTION 84".
    name = name.split(" (", 1)[0].strip() if first.number_line else name
    count = len(history.documents)
    return f"History of {name} across {count} version{'s' if count != 1 else ''}"


def reconstruction_notes(history: History) -> tuple[str, ...]:
    return tuple(
        f"Version {history.version_label(i)} ({common.document_name(d)}) is a labelled "
        "reconstruction, not the official text."
        for i, d in enumerate(history.documents)
        if d.is_reconstruction
    )


def _steps(history: History) -> list[tuple[str, tuple[entries.Entry, ...]]]:
    """For each step between two versions that changed lines outside the clauses (metadata,
    headings, footnotes): ``"v1 → v2"`` and those changes, so that the report shows every
    difference its exit status counts."""
    steps = []
    for index, comparison in enumerate(history.comparisons):
        found = entries.line_changes(comparison)
        if found:
            step = f"{history.version_label(index)} → {history.version_label(index + 1)}"
            steps.append((step, found))
    return steps


def _heading(document: Document) -> str:
    return common.document_heading(document)


def state_words(history: History, state: ClauseState) -> str:
    """``modified (citation; relettered b) → c))``, ``deleted (merged into …)``, ``added``."""
    notes: list[str] = [n.value for n in state.natures]
    if state.renumbered and state.clause is not None:
        old_label = common.format_label(state.previous_label)
        notes.append(
            f"relettered {old_label} {common.ARROW} {common.format_label(state.clause.label)}"
        )
    if state.moved:
        notes.append(f"moved from {state.previous_id}" if state.previous_id else "moved")
    if state.kind is ChangeKind.SPLIT and state.related:
        if state.change is StateChange.ADDED:
            notes.append("split from " + ", ".join(state.related))
        else:
            notes.append("split into it and " + ", ".join(state.related))
    if state.kind is ChangeKind.MERGED and state.related:
        if state.change is StateChange.DELETED:
            notes.append("merged into " + ", ".join(state.related))
        else:
            notes.append("merged with " + ", ".join(state.related))
    if state.change is StateChange.ADDED and state.version == 0:
        notes.append("first version")
    word = state.change.value
    return f"{word} ({'; '.join(notes)})" if notes else word


def _label(state: ClauseState) -> str:
    return common.format_label(state.clause.label) if state.clause is not None else ""


def shown_lineages(history: History, show_all: bool) -> tuple[Lineage, ...]:
    """The lineages a text or Markdown report lists: those with something to tell."""
    if show_all:
        return history.lineages
    return tuple(
        lineage for lineage in history.lineages if lineage.has_changes or lineage.first_version > 0
    )


def summary_line(history: History) -> str:
    lineages = history.lineages
    later = sum(1 for lineage in lineages if lineage.first_version > 0)
    changed = sum(1 for lineage in lineages if lineage.has_changes)
    suppressed = sum(1 for lineage in lineages if lineage.suppressed_at is not None)
    return (
        f"{len(lineages)} clause{'s' if len(lineages) != 1 else ''}: {changed} changed after "
        f"they first appeared, {later} added after the first version, {suppressed} suppressed."
    )


# --------------------------------------------------------------------------------------------
# Text


def _text_runs(edits: Iterable[TextEdit]) -> str:
    parts = []
    for edit in common.normalise_edits(edits):
        text = common.printable(edit.text)
        if edit.op is EditOp.EQUAL:
            parts.append(text)
        elif edit.op is EditOp.DELETE:
            parts.append(f"[-{common.visible_whitespace(text)}-]")
        else:
            parts.append(f"{{+{common.visible_whitespace(text)}+}}")
    return "".join(parts)


def render_history_text(history: History, *, show_all: bool = False) -> str:
    """Plain text, readable without colour: each lineage, one line per version."""
    labels = [history.version_label(i) for i in range(len(history.documents))]
    width = max(len(label) for label in labels)
    lines = [history_title(history), ""]
    notes = [f"Note: {note}" for note in reconstruction_notes(history)]
    notes += [f"Warning: {warning}" for warning in history.warnings]
    lines += [*notes, ""] if notes else []
    lines.append("Versions, oldest first:")
    for label, document in zip(labels, history.documents, strict=True):
        lines.append(
            f"  {label:<{width}}  {common.printable(_heading(document))}  [{document.source}]"
        )
    lines += ["", summary_line(history)]
    for step, found in _steps(history):
        lines += ["", f"Lines outside the clauses, {step}:"]
        for entry in found:
            lines.append(f"  {common.printable(entries.describe_entry(entry))}")
            lines.append(f"    {_text_runs(entry.edits)}")
    shown = shown_lineages(history, show_all)
    hidden = len(history.lineages) - len(shown)
    if hidden:
        lines.append(f"{hidden} clauses present throughout without change are not listed (--all).")
    for lineage in shown:
        lines += ["", lineage.id]
        for state in lineage.states:
            if state.change is StateChange.ABSENT:
                continue
            head = f"  {labels[state.version]:<{width}}  {state_words(history, state)}"
            lines.append(head)
            if state.change is StateChange.MODIFIED and state.edits:
                body = _text_runs(state.edits)
            elif state.change is StateChange.ADDED and state.text is not None:
                body = common.printable(state.text)
            else:
                continue
            label = _label(state)
            lines.append(f"  {' ' * width}  {label + ' ' if label else ''}{body}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Markdown


def render_history_markdown(history: History, *, show_all: bool = False) -> str:
    """GitHub-flavoured Markdown: the versions, an overview table (one column per version),
    then each listed lineage with its changes inline."""
    from revdiff.render.markdown import escape_markdown, render_runs

    labels = [history.version_label(i) for i in range(len(history.documents))]
    lines = [f"# {escape_markdown(history_title(history))}", ""]
    for note in reconstruction_notes(history):
        lines += [f"> **Note:** {escape_markdown(note)}", ""]
    for warning in history.warnings:
        lines += [f"> **Warning:** {escape_markdown(warning)}", ""]
    lines += ["| Version | Number line | Source |", "|---|---|---|"]
    for label, document in zip(labels, history.documents, strict=True):
        lines.append(
            f"| {escape_markdown(label)} | {escape_markdown(_heading(document))} "
            f"| {escape_markdown(document.source)} |"
        )
    lines += ["", escape_markdown(summary_line(history)), ""]
    for step, found in _steps(history):
        lines += [f"## Lines outside the clauses, {escape_markdown(step)}", ""]
        for entry in found:
            lines.append(
                f"- {escape_markdown(entries.describe_entry(entry))} — {render_runs(entry.edits)}"
            )
        lines.append("")
    shown = shown_lineages(history, show_all)
    if not shown:
        return "\n".join(lines).rstrip("\n") + "\n"
    lines += ["## Lineage", ""]
    lines.append("| Clause | " + " | ".join(escape_markdown(label) for label in labels) + " |")
    lines.append("|---" * (len(labels) + 1) + "|")
    for lineage in shown:
        cells = [
            "—" if s.change is StateChange.ABSENT else escape_markdown(state_words(history, s))
            for s in lineage.states
        ]
        lines.append(f"| {escape_markdown(lineage.id)} | " + " | ".join(cells) + " |")
    lines.append("")
    for lineage in shown:
        lines += [f"### {escape_markdown(lineage.id)}", ""]
        for state in lineage.states:
            if state.change is StateChange.ABSENT:
                continue
            item = f"- **{escape_markdown(labels[state.version])}**: "
            item += escape_markdown(state_words(history, state))
            label = escape_markdown(_label(state) + " ") if _label(state) else ""
            if state.change is StateChange.MODIFIED and state.edits:
                item += " — " + label + render_runs(state.edits)
            elif state.change is StateChange.ADDED and state.text is not None:
                item += " — " + label + escape_markdown(state.text)
            lines.append(item)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------
# HTML

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem;color:#1b1b1b}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #c9c9c9;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f2f2f2}th.clause,td.clause{width:14rem;word-break:break-word}
td.absent{background:#fafafa;color:#999;text-align:center}
.state{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .35rem;border-radius:3px;
margin-bottom:.2rem}
.added .state{background:#dff3e3;color:#14532d}.modified .state{background:#fff1c2;color:#6b4e00}
.deleted .state{background:#fbdada;color:#7f1d1d}.unchanged .state{background:#eceff3;color:#333}
td.unchanged .text{color:#555}
del{background:#fbdada;color:#7f1d1d}ins{background:#dff3e3;color:#14532d;text-decoration:underline}
.note{background:#fff7d6;border-left:4px solid #e0b400;padding:.5rem .75rem}
.label{font-weight:600;margin-right:.3rem}
@media print{body{margin:0;font-size:11px}th{background:none}}
"""


_e = common.escape_html


def _html_runs(edits: Iterable[TextEdit]) -> str:
    parts = []
    for edit in common.normalise_edits(edits):
        if edit.op is EditOp.EQUAL:
            parts.append(_e(edit.text))
        else:
            tag = "del" if edit.op is EditOp.DELETE else "ins"
            parts.append(f"<{tag}>{_e(common.visible_whitespace(edit.text))}</{tag}>")
    return "".join(parts)


def _html_cell(history: History, state: ClauseState) -> str:
    change = state.change.value
    if state.change is StateChange.ABSENT:
        return '<td class="absent" title="absent">—</td>'
    words = _e(state_words(history, state))
    body = ""
    label = _label(state)
    label_html = f'<span class="label">{_e(label)}</span>' if label else ""
    if state.change is StateChange.MODIFIED and state.edits:
        body = f'<div class="text">{label_html}{_html_runs(state.edits)}</div>'
    elif state.text is not None:
        body = f'<div class="text">{label_html}{_e(state.text)}</div>'
    return f'<td class="{change}"><span class="state">{words}</span>{body}</td>'


def render_history_html(history: History) -> str:
    """One self-contained HTML page (no script, no network): the versions, then the lineage
    table, one row per clause and one column per version."""
    labels = [history.version_label(i) for i in range(len(history.documents))]
    title = history_title(history)
    out = [*common.static_page_head(title, _STYLE), f"<h1>{_e(title)}</h1>"]
    for note in reconstruction_notes(history):
        out.append(f'<p class="note"><strong>Note:</strong> {_e(note)}</p>')
    for warning in history.warnings:
        out.append(f'<p class="note"><strong>Warning:</strong> {_e(warning)}</p>')
    out += [
        "<h2>Versions</h2>",
        "<table>",
        "<thead><tr><th>Version</th><th>Number line</th><th>Title</th><th>Source</th></tr></thead>",
        "<tbody>",
    ]
    for label, document in zip(labels, history.documents, strict=True):
        out.append(
            f"<tr><td>{_e(label)}</td><td>{_e(_heading(document))}</td>"
            f"<td>{_e(document.metadata.title or '')}</td><td>{_e(document.source)}</td></tr>"
        )
    out += ["</tbody>", "</table>", f"<p>{_e(summary_line(history))}</p>"]
    for step, found in _steps(history):
        out += [f"<h2>Lines outside the clauses, {_e(step)}</h2>", "<ul>"]
        out += [
            f"<li>{_e(entries.describe_entry(entry))}: {_html_runs(entry.edits)}</li>"
            for entry in found
        ]
        out.append("</ul>")
    out.append("<h2>Lineage</h2>")
    out += ['<table class="lineage">', "<thead><tr>", '<th class="clause">Clause</th>']
    out += [f'<th scope="col">{_e(label)}</th>' for label in labels]
    out += ["</tr></thead>", "<tbody>"]
    for lineage in history.lineages:
        cells = "".join(_html_cell(history, state) for state in lineage.states)
        out.append(
            f'<tr id="{_e(lineage.id)}"><th scope="row" class="clause">{_e(lineage.id)}</th>'
            f"{cells}</tr>"
        )
    out += ["</tbody>", "</table>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# JSON


def history_to_dict(history: History) -> dict[str, Any]:
    """The ``revdiff.history/1`` document: versions oldest first; every clause with one state
    per version (``version`` is the index into ``versions``)."""
    return {
        "schema": SCHEMA_ID,
        "warnings": [
            entries.warning_to_dict(w) if isinstance(w, ReportWarning) else _text_warning(w)
            for w in history_warnings(history.comparisons, history.warnings)
        ],
        "versions": [
            {
                "source": document.source,
                "title": document.metadata.title,
                "revision": document.metadata.revision,
                "year": document.metadata.year,
            }
            for document in history.documents
        ],
        "clauses": [
            {
                "id": lineage.id,
                "states": [
                    {
                        "version": state.version,
                        "text": state.text,
                        "change": state.change.value,
                        "nature": [n.value for n in state.natures],
                    }
                    for state in lineage.states
                ],
            }
            for lineage in history.lineages
        ],
        "steps": [_step(index, comparison) for index, comparison in enumerate(history.comparisons)],
    }


def _text_warning(message: str) -> dict[str, Any]:
    """A history's own warning (its versions are not all one resolution) as a report's."""
    warning = ReportWarning(WarningCode.DIFFERENT_RESOLUTIONS, None, message)
    return entries.warning_to_dict(warning)


def _step(index: int, comparison: Comparison) -> dict[str, Any]:
    """What changed outside the clauses between version `index` and the next."""
    return {
        "from": index,
        "to": index + 1,
        "metadata": [
            {"field": m.field, "old": m.old, "new": m.new} for m in comparison.metadata if m.changed
        ],
        "headings": [entries.heading_to_dict(c) for c in comparison.heading_changes if c.is_change],
        "footnotes": [
            entries.footnote_to_dict(c) for c in comparison.footnote_changes if c.is_change
        ],
    }


def render_history_json(history: History) -> str:
    return to_json_text(history_to_dict(history))


def load_history_schema() -> dict[str, Any]:
    """The JSON Schema of ``revdiff.history/1``, as shipped with the package."""
    from revdiff.render.common import load_shipped_schema

    return load_shipped_schema(SCHEMA_FILE)
