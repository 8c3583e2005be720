"""revdiff: what changed between two versions of an ITU resolution, clause by clause.

The public API is small: `load` a file into a `Document`, `compare` two documents into a
`Comparison`, `render` a comparison as text, Markdown, HTML or JSON, and `write_redline` to make a
Word file with real tracked changes. Everything else is private. Heavy modules are imported only
when first used, so that `revdiff --help` starts fast.
"""

from __future__ import annotations

import os
from dataclasses import replace as _replace
from datetime import datetime
from pathlib import Path

# Python binds a submodule as an attribute of its package once: when the submodule is first
# imported. The three submodules named like a public function are imported here, before the
# functions are defined below, so that from then on `revdiff.load`, `revdiff.compare` and
# `revdiff.render` are the functions: a later `import revdiff.load` finds the module in
# sys.modules and binds nothing. (All three are light; the stages load when first used.)
import revdiff.compare as _compare_module
import revdiff.load as _load_module
import revdiff.render as _render_module
from revdiff.errors import (
    CorruptFileError,
    InputError,
    OutputError,
    RevdiffError,
    UnsupportedFormatError,
)
from revdiff.model import (
    Change,
    ChangeKind,
    Citation,
    Clause,
    CompareOptions,
    Comparison,
    Document,
    EditOp,
    Footnote,
    Marker,
    Metadata,
    MetadataChange,
    Nature,
    Section,
    SectionKind,
    Summary,
    TextEdit,
    View,
)

__all__ = [
    "Change",
    "ChangeKind",
    "Citation",
    "Clause",
    "CompareOptions",
    "Comparison",
    "CorruptFileError",
    "Document",
    "EditOp",
    "Footnote",
    "InputError",
    "Marker",
    "Metadata",
    "MetadataChange",
    "Nature",
    "OutputError",
    "RevdiffError",
    "Section",
    "SectionKind",
    "Summary",
    "TextEdit",
    "UnsupportedFormatError",
    "View",
    "compare",
    "load",
    "render",
    "write_redline",
]

__version__ = "0.1.0"


def load(path: str | os.PathLike[str], *, view: View | str = View.ACCEPTED) -> Document:
    """Read a resolution from a .txt (including Apache Tika output), .docx or .pdf file."""
    return _load_module.load_document(Path(path), view=View(view))


def compare(
    old: _compare_module.Source,
    new: _compare_module.Source,
    options: CompareOptions | None = None,
    *,
    view: View | str | None = None,
) -> Comparison:
    """Compare two versions of a resolution. Paths are loaded first, within the limits and in
    the views of `options`; `view`, if given, sets the view of both sides."""
    options = options or CompareOptions()
    if view is not None:
        options = _replace(options, old_view=View(view), new_view=View(view))
    return _compare_module.compare_files(old, new, options)


def render(comparison: Comparison, format: str = "text", *, show_all: bool = False) -> str:
    """Render a comparison as ``text``, ``md``, ``html`` or ``json``."""
    return _render_module.render_comparison(comparison, format, show_all=show_all)


def write_redline(
    comparison: Comparison,
    path: str | os.PathLike[str],
    *,
    author: str = "revdiff",
    date: datetime | None = None,
    comments: bool = True,
    markers: bool = False,
    force: bool = False,
) -> Path:
    """Write the new document with every difference from the old as Word tracked changes."""
    from revdiff.redline import write_redline_file

    return write_redline_file(
        comparison,
        Path(path),
        author=author,
        date=date,
        comments=comments,
        markers=markers,
        force=force,
    )
