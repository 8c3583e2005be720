"""Writing one comparison to a file in any `OutputFormat`: a rendered report, or the Word redline.

The CLI, the bundled demo and batch all write through `write_report`, so that a format is
written the same way wherever it is asked for. The bytes come from the pure renderers and the
redline builder; `output.py` does the writing (atomically, never over an input).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from revdiff.model import Comparison, OutputFormat


@dataclass(frozen=True, slots=True)
class RedlineSettings:
    """How the Word redline marks its changes."""

    author: str = "revdiff"
    date: datetime | None = None  # None: SOURCE_DATE_EPOCH if set, else now
    comments: bool = True  # explain each change in a Word comment
    markers: bool = False  # ITU ADD/MOD/SUP marks beside provisions


def write_report(
    comparison: Comparison,
    fmt: OutputFormat,
    path: Path,
    *,
    inputs: Sequence[Path] = (),
    force: bool = False,
    show_all: bool = False,
    width: int | None = None,
    redline: RedlineSettings | None = None,
) -> Path:
    """Write `comparison` to `path` as `fmt` (a file never carries colour codes; `width` is the
    text report's, None: from the environment) and return the path."""
    if fmt is OutputFormat.DOCX:
        from revdiff.redline import write_redline_file

        redline = redline or RedlineSettings()
        return write_redline_file(
            comparison,
            path,
            author=redline.author,
            date=redline.date,
            comments=redline.comments,
            markers=redline.markers,
            force=force,
            inputs=inputs,
        )
    from revdiff.output import write_atomically
    from revdiff.render import render_comparison

    report = render_comparison(comparison, fmt, show_all=show_all, color=False, width=width)
    return write_atomically(path, report.encode("utf-8"), inputs=inputs, force=force)
