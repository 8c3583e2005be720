"""The Markdown report (GitHub-flavoured), for a pull request or a wiki: a title, the
reconstruction note if any, the summary table, metadata changes, then the changes section by
section with ``~~deleted~~`` and ``**inserted**`` runs.

Clause text is escaped, so that a ``*`` or ``|`` in a resolution stays a character. GFM opens and
closes ``**`` and ``~~`` only where the delimiters are "flanking" (not next to whitespace, and
next to punctuation only from the right side); edge spaces therefore go outside the markers, and
a run whose markers still would not work (``word**(new**``) falls back to ``<del>``/``<strong>``,
the HTML GitHub makes of the markers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from revdiff.model import Change, ChangeKind, Comparison, EditOp, MetadataChange, TextEdit
from revdiff.render import common, entries

# Characters that could start or end Markdown syntax anywhere in a line. Every ASCII punctuation
# character may be backslash-escaped in CommonMark, so escaping is always safe.
_SPECIALS = re.compile(r"([\\`*_~\[\]<>|&#])")
# Block syntax that only counts at the start of a line: a list item ("1." "1)" "-" "+").
_LIST_START = re.compile(r"^(\d{1,9}(?=[.)])|[-+])")


def escape_markdown(text: str) -> str:
    """Text that GFM shows as it is within a line (no emphasis, links, HTML or table cells)."""
    escaped = _SPECIALS.sub(r"\\\1", common.printable(text))
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def escape_line_start(line: str) -> str:
    """A line that would start a list ("1." "-" "+") with its marker escaped, and leading
    whitespace (which Markdown would drop, or read as a code block) as character references."""
    body = line.lstrip()
    if body != line:
        lead = line[: len(line) - len(body)]
        return "".join(f"&#{ord(ch)};" for ch in lead) + escape_line_start(body)
    match = _LIST_START.match(line)
    if not match:
        return line
    token = match.group(1)
    if token.isdigit():
        return token + "\\" + line[len(token) :]
    return "\\" + line


def code(text: str) -> str:
    """A code span, or escaped text if `text` holds a backtick."""
    text = common.printable(text)
    return f"`{text}`" if "`" not in text else escape_markdown(text)


def render_markdown(comparison: Comparison, *, show_all: bool = False) -> str:
    """The Markdown report. With `show_all`, unchanged clauses are listed too."""
    lines: list[str] = []
    lines += [f"# {escape_markdown(common.report_title(comparison))}", ""]
    lines += _warnings(comparison)
    lines += _documents_table(comparison)
    lines += ["## Summary", "", "| Change | Clauses |", "| --- | ---: |"]
    lines += [f"| {name} | {count} |" for name, count in common.summary_rows(comparison.summary)]
    lines += [f"| {name} | {count} |" for name, count in entries.summary_extra_rows(comparison)]
    lines.append("")
    lines += _metadata(comparison)
    lines += _entries("Headings", entries.heading_entries(comparison))
    lines += _entries("Footnotes", entries.footnote_entries(comparison))
    lines += _changes(comparison, show_all)
    return "\n".join(lines).rstrip("\n") + "\n"


def _warnings(comparison: Comparison) -> list[str]:
    """The report's own doubts, at the top, where a reader cannot miss them."""
    found = entries.warning_lines(comparison)
    if not found:
        return []
    return ["> **Warnings**", ">", *(f"> - {escape_markdown(line)}" for line in found), ""]


def _entries(title: str, found: Sequence[entries.Entry]) -> list[str]:
    """Changed headings or footnotes, each as a clause change is shown."""
    if not found:
        return []
    lines = [f"## {title}", ""]
    for entry in found:
        head = (
            f"**{escape_markdown(entry.marker)}** {escape_markdown(entry.name)} · "
            f"{code(entry.id)} · {', '.join(entry.flags)}"
        )
        if entry.natures:
            head += f" · *{', '.join(entry.natures)}*"
        lines += [head, "", f"> {escape_line_start(render_runs(entry.edits))}", ""]
        if entry.note:
            lines += [f"- {escape_markdown(entry.note)}", ""]
    return lines


def _documents_table(comparison: Comparison) -> list[str]:
    language = common.shows_language(comparison)
    old = common.document_facts(comparison.old, language=language)
    new = common.document_facts(comparison.new, language=language)
    rows = ["| | Old | New |", "| --- | --- | --- |"]
    for (name, old_value), (_, new_value) in zip(old, new, strict=True):
        rows.append(f"| {name} | {escape_markdown(old_value)} | {escape_markdown(new_value)} |")
    return [*rows, ""]


def _metadata(comparison: Comparison) -> list[str]:
    changes = common.changed_metadata(comparison)
    if not changes:
        return []
    lines = ["## Metadata", ""]
    for change in changes:
        lines.append(f"- {_metadata_head(change)}: {render_runs(common.metadata_edits(change))}")
    return [*lines, ""]


def _metadata_head(change: MetadataChange) -> str:
    head = f"**{common.metadata_name(change.field)}**"
    extra = [*common.nature_names(change)]
    if change.old is None:
        extra.insert(0, "added")
    elif change.new is None:
        extra.insert(0, "removed")
    return head + (f" ({', '.join(extra)})" if extra else "")


def _changes(comparison: Comparison, show_all: bool) -> list[str]:
    changes = common.shown_changes(comparison, show_all)
    lines = ["## Changes", ""]
    if not changes:
        return [*lines, entries.nothing_but_lines_note(comparison), ""]
    for group in common.group_by_section(comparison, changes):
        status = f" ({group.status})" if group.status else ""
        lines += [f"### {escape_markdown(group.heading)}{status}", ""]
        for change in group.changes:
            lines += _change(comparison, change)
    hidden = len(comparison.changes) - len(changes)
    if hidden:
        noun = "clause is" if hidden == 1 else "clauses are"
        lines += [f"*{hidden} unchanged {noun} not shown.*", ""]
    return lines


def _change(comparison: Comparison, change: Change) -> list[str]:
    head = (
        f"**{escape_markdown(change.marker.value)}** "
        f"{escape_markdown(common.label_text(change))} · "
        f"{code(common.clause_ids(change))} · {', '.join(common.change_flags(change))}"
    )
    natures = common.nature_names(change)
    if natures:
        head += f" · *{', '.join(natures)}*"
    if change.kind is ChangeKind.UNCHANGED and not change.is_change:
        body = escape_markdown(common.joined_text(change.new or change.old)) or "*(empty)*"
    else:
        body = render_runs(common.inline_edits(change))
    lines = [head, "", f"> {escape_line_start(body)}", ""]
    notes = common.change_notes(comparison, change)
    if notes:
        lines += [f"- {escape_markdown(note)}" for note in notes]
        lines.append("")
    return lines


# --------------------------------------------------------------------------------------------
# Inline runs with GFM delimiters


@dataclass
class _Run:
    op: EditOp
    lead: str  # whitespace moved out before the opening marker
    core: str  # escaped text inside the markers
    trail: str  # whitespace moved out after the closing marker
    html: bool = False  # use <del>/<ins> because the markers would not be recognised


_MARKS = {EditOp.DELETE: ("~~", "~~"), EditOp.INSERT: ("**", "**")}
# The HTML GFM itself makes of ~~ and **, so that a fallback run looks like the others.
_TAGS = {EditOp.DELETE: ("<del>", "</del>"), EditOp.INSERT: ("<strong>", "</strong>")}


def render_runs(edits: Iterable[TextEdit]) -> str:
    """Inline runs as GFM: kept text plain, deletions ``~~struck~~``, insertions ``**bold**``."""
    runs = [_make_run(edit) for edit in common.normalise_edits(edits)]
    # Switching a run to HTML tags only puts punctuation (< >) next to its neighbours, which
    # never stops their markers from flanking, so this settles in a few passes.
    for _ in range(len(runs) + 1):
        text, spans = _assemble(runs)
        failing = [i for i, (start, end) in spans.items() if not _markers_work(text, start, end)]
        if not failing:
            return text or "*(empty)*"
        for index in failing:
            runs[index].html = True
    return _assemble(runs)[0]


def _make_run(edit: TextEdit) -> _Run:
    if edit.op is EditOp.EQUAL:
        return _Run(edit.op, "", escape_markdown(edit.text), "")
    shown = common.visible_whitespace(edit.text)
    lead, core, trail = common.split_edge_whitespace(shown)
    # Edge whitespace stays outside the markers; a newline in it becomes <br> like elsewhere.
    return _Run(edit.op, escape_markdown(lead), escape_markdown(core), escape_markdown(trail))


def _assemble(runs: Sequence[_Run]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The Markdown text, and for each marked run the positions of its opening marker's first
    character and its closing marker's end."""
    parts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    length = 0
    for index, run in enumerate(runs):
        if run.op is EditOp.EQUAL:
            piece = run.core
        else:
            opening, closing = (_TAGS if run.html else _MARKS)[run.op]
            piece = f"{run.lead}{opening}{run.core}{closing}{run.trail}"
            if not run.html:
                start = length + len(run.lead)
                spans[index] = (start, start + len(opening) + len(run.core) + len(closing))
        parts.append(piece)
        length += len(piece)
    return "".join(parts), spans


def _markers_work(text: str, start: int, end: int) -> bool:
    """Whether the two-character markers at text[start:start+2] and text[end-2:end] open and
    close emphasis under GFM's flanking rules."""
    before_open = text[start - 1] if start > 0 else None
    after_open = text[start + 2] if start + 2 < len(text) else None
    before_close = text[end - 3] if end - 3 >= 0 else None
    after_close = text[end] if end < len(text) else None
    return _left_flanking(before_open, after_open) and _right_flanking(before_close, after_close)


def _is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _is_punct(ch: str | None) -> bool:
    return ch is not None and unicodedata.category(ch)[0] in "PS"


def _left_flanking(before: str | None, after: str | None) -> bool:
    if _is_space(after):
        return False
    return not _is_punct(after) or _is_space(before) or _is_punct(before)


def _right_flanking(before: str | None, after: str | None) -> bool:
    if _is_space(before):
        return False
    return not _is_punct(before) or _is_space(after) or _is_punct(after)
