"""revdiff: what changed between two versions of an ITU resolution, clause by clause.

The public API is small: `load` a file into a `Document`, `compare` two documents into a
`Comparison`, `render` a comparison as text, Markdown, HTML or JSON, and `write_redline` to make a
Word file with real tracked changes. Everything else is private. Heavy modules are imported only
when first used, so that `revdiff --help` starts fast.
"""

from __future__ import annotations

import os
import sys
import types
from datetime import datetime
from pathlib import Path

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

_PathOrDocument = Document | str | os.PathLike[str]


def load(path: str | os.PathLike[str], *, view: View | str = View.ACCEPTED) -> Document:
    """Read a resolution from a .txt (including Apache Tika output) or .docx file."""
    from revdiff.load import load_document

    return load_document(Path(path), view=View(view))


def compare(
    old: _PathOrDocument,
    new: _PathOrDocument,
    options: CompareOptions | None = None,
    *,
    view: View | str = View.ACCEPTED,
) -> Comparison:
    """Compare two versions of a resolution; paths are loaded first (in `view`)."""
    from revdiff.compare import MAX_CLAUSES, compare_documents
    from revdiff.load import load_document

    def loaded(document: _PathOrDocument) -> Document:
        if isinstance(document, Document):
            return document
        # A document too big to compare is refused as soon as its parse passes the limit.
        return load_document(Path(document), view=View(view), max_clauses=MAX_CLAUSES)

    old_document, new_document = loaded(old), loaded(new)
    return compare_documents(old_document, new_document, options or CompareOptions())


def render(comparison: Comparison, format: str = "text", *, show_all: bool = False) -> str:
    """Render a comparison as ``text``, ``md``, ``html`` or ``json``."""
    from revdiff.render import render_comparison

    return render_comparison(comparison, format, show_all=show_all)


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


class _Package(types.ModuleType):
    """The revdiff package itself. Importing its submodules ``revdiff.load``, ``revdiff.compare``
    and ``revdiff.render`` makes Python set each as an attribute of the package, over the public
    function of the same name: the second ``revdiff.load(path)`` would then call a module. This
    keeps the functions; the submodules stay importable (``from revdiff.load import …``,
    ``importlib.import_module("revdiff.load")``)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in {"load", "compare", "render"} and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
