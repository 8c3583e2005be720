"""The terminal report, drawn with rich: a summary table, the metadata changes, then each change
with its inline diff, clause id, labels (old → new), ITU marker and nature.

Rendered into a string, never printed. In colour, deletions are red and struck through and
insertions green and underlined; without colour the same runs read ``[-deleted-]{+inserted+}``
(git's word-diff marks), so that a piped or NO_COLOR report stays readable.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from revdiff.model import (
    Change,
    ChangeKind,
    Comparison,
    EditOp,
    Marker,
    MetadataChange,
    TextEdit,
)
from revdiff.render import common, entries

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

MIN_WIDTH = 40
DEFAULT_WIDTH = 100  # when neither COLUMNS nor a terminal says

_MARKER_STYLES: dict[str, str] = {
    Marker.NOC: "dim",
    Marker.MOD: "bold yellow",
    Marker.MOD_EDITORIAL: "bold cyan",
    Marker.ADD: "bold green",
    Marker.SUP: "bold red",
}
_MARKER_WIDTH = 7  # "(MOD)" and two spaces
_DELETED = "red strike"
_INSERTED = "green underline"


def _p(text: str) -> str:
    return common.printable(text)


def wants_color(environ: dict[str, str] | None = None, stream: object = None) -> bool:
    """Colour or not, from the environment: NO_COLOR wins, then FORCE_COLOR, then whether the
    output is a terminal (a dumb one does not count)."""
    env = dict(os.environ) if environ is None else environ
    if env.get("NO_COLOR", "") != "":
        return False
    if env.get("FORCE_COLOR", "") != "":
        return True
    if env.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    target = sys.stdout if stream is None else stream
    isatty = getattr(target, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except ValueError:  # a closed stream
        return False


def terminal_width() -> int:
    """COLUMNS if set, else the terminal's width, else DEFAULT_WIDTH."""
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def render_text(
    comparison: Comparison,
    *,
    show_all: bool = False,
    color: bool | None = None,
    width: int | None = None,
) -> str:
    """The terminal report as a string (with ANSI codes only when `color`)."""
    from rich.console import Console

    use_color = wants_color() if color is None else color
    console = Console(
        file=io.StringIO(),
        width=max(MIN_WIDTH, width if width is not None else terminal_width()),
        height=25,
        force_terminal=use_color,
        color_system="standard" if use_color else None,
        no_color=not use_color,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
        tab_size=4,
    )
    _Report(comparison, console, use_color, show_all).draw()
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(text, str)
    # rich pads wrapped lines out to the wrap width; trailing spaces only get in the way.
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())


class _Report:
    """Draws one report onto a console; holds nothing once `draw` returns."""

    def __init__(self, comparison: Comparison, console: Console, color: bool, show_all: bool):
        self.comparison = comparison
        self.console = console
        self.color = color
        self.show_all = show_all

    def draw(self) -> None:
        self.draw_header()
        self.draw_warnings()
        self.draw_summary()
        self.draw_metadata()
        self.draw_lines("Headings", entries.heading_entries(self.comparison))
        self.draw_lines("Footnotes", entries.footnote_entries(self.comparison))
        self.draw_changes()

    # ----------------------------------------------------------------------------------------

    def draw_header(self) -> None:
        from rich.text import Text

        c = self.comparison
        self.console.print(Text(_p(common.report_title(c)), style="bold"))
        for side, document in (("old", c.old), ("new", c.new)):
            facts = dict(common.document_facts(document, language=common.shows_language(c)))
            line = Text()
            line.append(f"{side}  ", style="bold")
            line.append(_p(f"{facts['Source']} · {facts['Revision']} · {facts['Clauses']} clauses"))
            if "Language" in facts:
                line.append(_p(f" · {facts['Language']}"))
            self.console.print(line)
        self.console.print()

    def draw_warnings(self) -> None:
        """The report's own doubts, before anything else: a reader must see them first."""
        from rich.text import Text

        lines = entries.warning_lines(self.comparison)
        if not lines:
            return
        self.console.print(Text("Warnings", style="bold yellow"))
        for line in lines:
            self.console.print(Text(_p(f"! {line}"), style="yellow"))
        self.console.print()

    def draw_summary(self) -> None:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        self.console.print(Text("Summary", style="bold"))
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
        )
        table.add_column("Change")
        table.add_column("Clauses", justify="right")
        for name, count in common.summary_rows(self.comparison.summary):
            style = "dim" if count == 0 else None
            table.add_row(name, str(count), style=style)
        for name, count in entries.summary_extra_rows(self.comparison):
            table.add_row(name, str(count), style="dim" if not count else None)
        self.console.print(table)
        self.console.print()

    def draw_metadata(self) -> None:
        from rich.text import Text

        changes = common.changed_metadata(self.comparison)
        if not changes:
            return
        self.console.print(Text("Metadata", style="bold"))
        for change in changes:
            self.draw_entry(self.metadata_head(change), self.runs(common.metadata_edits(change)))
        self.console.print()

    def metadata_head(self, change: MetadataChange) -> Text:
        from rich.text import Text

        head = Text(common.metadata_name(change.field), style="bold")
        if change.old is None:
            head.append(" · added")
        elif change.new is None:
            head.append(" · removed")
        natures = common.nature_names(change)
        if natures:
            head.append(" · " + ", ".join(natures), style="italic")
        return head

    def draw_changes(self) -> None:
        from rich.rule import Rule
        from rich.text import Text

        changes = common.shown_changes(self.comparison, self.show_all)
        if not changes:
            self.console.print(Text(entries.nothing_but_lines_note(self.comparison)))
            return
        self.console.print(Text("Changes", style="bold"))
        for group in common.group_by_section(self.comparison, changes):
            title = group.heading + (f" ({group.status})" if group.status else "")
            self.console.print(Rule(style="dim"))
            self.console.print(Text(_p(title), style="bold"))
            for change in group.changes:
                self.draw_change(change)
        hidden = len(self.comparison.changes) - len(changes)
        if hidden:
            noun = "clause" if hidden == 1 else "clauses"
            self.console.print(
                Text(f"{hidden} unchanged {noun} not shown (--all shows them).", style="dim")
            )

    def draw_change(self, change: Change) -> None:
        from rich.text import Text

        marker = change.marker.value
        head = Text()
        head.append(_p(common.label_text(change)), style="bold")
        head.append("  ")
        head.append(_p(common.clause_ids(change)), style="cyan")
        head.append(" · " + ", ".join(common.change_flags(change)))
        natures = common.nature_names(change)
        if natures:
            head.append(" · " + ", ".join(natures), style="italic")
        if change.kind is ChangeKind.UNCHANGED and not change.is_change:
            body = Text(_p(common.joined_text(change.new or change.old)), style="dim")
        else:
            body = self.runs(common.inline_edits(change))
        notes = [
            Text(_p(note), style="italic") for note in common.change_notes(self.comparison, change)
        ]
        self.draw_marked(marker, head, body, notes)

    def draw_lines(self, title: str, found: Iterable[entries.Entry]) -> None:
        """Changed headings or footnotes, each beside its marker as a clause is."""
        from rich.text import Text

        shown = tuple(found)
        if not shown:
            return
        self.console.print(Text(title, style="bold"))
        for entry in shown:
            head = Text()
            head.append(_p(entry.name), style="bold")
            head.append("  ")
            head.append(_p(entry.id), style="cyan")
            head.append(" · " + ", ".join(entry.flags))
            if entry.natures:
                head.append(" · " + ", ".join(entry.natures), style="italic")
            notes = [Text(_p(entry.note), style="italic")] if entry.note else []
            self.draw_marked(entry.marker, head, self.runs(entry.edits), notes)
        self.console.print()

    def draw_marked(self, marker: str, head: Text, body: Text, notes: list[Text]) -> None:
        from rich.cells import cell_len
        from rich.console import Group
        from rich.segment import Segment, Segments

        # Two columns: the ITU marker, then everything else with a hanging indent. Drawn line by
        # line: a rich Table measuring one row per change took two thirds of a 10,000-clause
        # report.
        console = self.console
        width = console.width - _MARKER_WIDTH
        # A clause id or label is never cut inside: one longer than the line is drawn whole,
        # past the edge, where the terminal wraps it.
        longest = max((cell_len(word) for word in head.plain.split()), default=0)
        if longest > width:
            lines = [
                *console.render_lines(head, console.options.update_width(longest), pad=True),
                *console.render_lines(
                    Group(body, *notes), console.options.update_width(width), pad=True
                ),
            ]
        else:
            lines = console.render_lines(
                Group(head, body, *notes), console.options.update_width(width), pad=True
            )
        marker_style = console.get_style(_MARKER_STYLES.get(marker, "bold"))
        marker_cell = [Segment(marker.ljust(_MARKER_WIDTH), marker_style)]
        gutter = [Segment(" " * _MARKER_WIDTH)]
        drawn: list[Segment] = []
        for number, line in enumerate(lines):
            drawn += marker_cell if number == 0 else gutter
            drawn += line
            drawn.append(Segment.line())
        console.print(Segments(drawn), end="", crop=False, soft_wrap=True)

    def draw_entry(self, head: Text, body: Text, notes: Iterable[Text] = ()) -> None:
        from rich.console import Group
        from rich.padding import Padding

        indent = (0, 0, 0, _MARKER_WIDTH)
        parts: list[RenderableType] = [head, Padding(body, indent, expand=False)]
        parts.extend(Padding(note, indent, expand=False) for note in notes)
        self.console.print(Group(*parts))

    def runs(self, edits: Iterable[TextEdit]) -> Text:
        """Inline runs as styled text (colour) or with ``[-…-]{+…+}`` marks (no colour)."""
        from rich.text import Text

        text = Text()
        for edit in edits:
            if edit.op is EditOp.EQUAL:
                text.append(_p(edit.text))
                continue
            shown = _p(common.visible_whitespace(edit.text))
            if edit.op is EditOp.DELETE:
                text.append(shown if self.color else f"[-{shown}-]", style=_DELETED)
            else:
                text.append(shown if self.color else f"{{+{shown}+}}", style=_INSERTED)
        if not text.plain:
            text.append("(empty)", style="dim")
        return text
