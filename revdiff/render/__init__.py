"""The reports: one Comparison rendered as terminal text, Markdown, HTML or JSON.

Each renderer is a pure function from a Comparison to a string; none prints or writes. They are
imported only when asked for, so that rich is loaded only for the text report.
"""

from __future__ import annotations

from revdiff.errors import RevdiffError
from revdiff.model import Comparison, OutputFormat

FORMATS: tuple[str, ...] = tuple(f.value for f in OutputFormat if f is not OutputFormat.DOCX)
"""The report formats (the Word redline, ``docx``, is written by `revdiff.redline`)."""


def render_comparison(
    comparison: Comparison,
    fmt: OutputFormat | str,
    *,
    show_all: bool = False,
    color: bool | None = None,
    width: int | None = None,
) -> str:
    """Render `comparison` as ``text``, ``md``, ``html`` or ``json`` (or an extension naming
    one of them: ``txt``, ``markdown``, ``htm``).

    `show_all` lists unchanged clauses too (text and Markdown; HTML and JSON always hold every
    clause). `color` and `width` apply to the text report only; None means: decide from the
    environment (NO_COLOR, FORCE_COLOR, whether stdout is a terminal, COLUMNS).
    """
    name = OutputFormat.from_extension(fmt)
    if name is OutputFormat.TEXT:
        from revdiff.render.text import render_text

        return render_text(comparison, show_all=show_all, color=color, width=width)
    if name is OutputFormat.MD:
        from revdiff.render.markdown import render_markdown

        return render_markdown(comparison, show_all=show_all)
    if name is OutputFormat.HTML:
        from revdiff.render.html import render_html

        return render_html(comparison)
    if name is OutputFormat.JSON:
        from revdiff.render.json import render_json

        return render_json(comparison)
    raise RevdiffError(
        None,
        f"unknown report format {fmt!r}",
        "use one of " + ", ".join(FORMATS) + " (or docx for a Word redline)",
    )
