"""Writing one comparison (or compilation) in any `OutputFormat`: a rendered report, or the Word
redline (the Word table).

The CLI, the bundled demo and batch all write through `write_report`, so that a format is
written the same way wherever it is asked for. The bytes come from the pure renderers and the
redline builder; `output.py` does the writing (atomically, never over an input).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from revdiff.model import Comparison, OutputFormat

if TYPE_CHECKING:
    from revdiff.compilation import Compilation


@dataclass(frozen=True, slots=True)
class RedlineSettings:
    """How the Word redline marks its changes."""

    author: str = "revdiff"
    date: datetime | None = None  # None: SOURCE_DATE_EPOCH if set, else now
    comments: bool = True  # explain each change in a Word comment
    markers: bool = False  # ITU ADD/MOD/SUP marks beside provisions


def report_bytes(
    comparison: Comparison,
    fmt: OutputFormat,
    *,
    show_all: bool = False,
    color: bool | None = False,
    width: int | None = None,
    redline: RedlineSettings | None = None,
) -> bytes:
    """`comparison` as `fmt`: a report's UTF-8 text (`color` and `width` are the text report's;
    None: from the environment), or the Word redline's .docx bytes."""
    if fmt is OutputFormat.DOCX:
        from revdiff.redline import build_redline, read_base

        redline = redline or RedlineSettings()
        return build_redline(
            comparison,
            base=read_base(comparison),
            author=redline.author,
            date=redline.date,
            comments=redline.comments,
            markers=redline.markers,
        )
    if fmt is OutputFormat.JSON:
        from revdiff.render.json import render_json_bytes

        # The bytes as orjson makes them: decoding a 13 MB report to encode it again costs 0.03 s.
        return render_json_bytes(comparison)
    from revdiff.render import render_comparison

    report = render_comparison(comparison, fmt, show_all=show_all, color=color, width=width)
    return report.encode("utf-8")


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
    """Write `comparison` to `path` as `fmt` (atomically, never over an input; an existing file
    only with `force`) and return the path. A file never carries colour codes."""
    from revdiff.output import check_output_path, write_atomically

    check_output_path(path, inputs=inputs, force=force)  # before the work, not after
    data = report_bytes(comparison, fmt, show_all=show_all, width=width, redline=redline)
    return write_atomically(path, data, inputs=inputs, force=force)


def compilation_bytes(compilation: Compilation, fmt: OutputFormat) -> bytes:
    """The compilation in `fmt`: a report's UTF-8 text, or the Word table's .docx bytes."""
    if fmt is OutputFormat.DOCX:
        from revdiff.render.compilation_docx import render_compilation_docx

        return render_compilation_docx(compilation)
    from revdiff.render.compilation import (
        render_compilation_html,
        render_compilation_json,
        render_compilation_markdown,
        render_compilation_text,
    )

    render = {
        OutputFormat.TEXT: render_compilation_text,
        OutputFormat.MD: render_compilation_markdown,
        OutputFormat.HTML: render_compilation_html,
        OutputFormat.JSON: render_compilation_json,
    }[fmt]
    return render(compilation).encode("utf-8")
