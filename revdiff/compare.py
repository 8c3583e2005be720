"""The compare stage, and the one place that loads inputs for it.

`compare_files` loads two inputs with one `CompareOptions` (limits, views, language) and compares
them; the CLI, batch, history and the Python API all come through it, so an option is added once.
`compare_documents` composes the pure stages: align the clauses, classify each pair (with its
inline diff), compare the metadata lines, and put the changes in the new document's order."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from revdiff.errors import InputError
from revdiff.model import (
    MAX_CLAUSES,
    METADATA_FIELDS,
    Change,
    CompareOptions,
    Comparison,
    Document,
    View,
)

if TYPE_CHECKING:
    from revdiff.align import ClausePair
    from revdiff.compilation import Compilation
    from revdiff.history import History

__all__ = [
    "MAX_CLAUSES",
    "MAX_CLAUSE_CHARS",
    "MAX_TEXT_CHARS",
    "Source",
    "check_comparable",
    "compare_documents",
    "compare_files",
    "compile_files",
    "load_input",
    "trace_history",
]

Source = Document | str | os.PathLike[str]
"""An input to compare: a path to load, or a Document already loaded."""
PageProgress = Callable[[int, int], None]
"""Called as ``progress(page, pages)`` while a PDF is read (a long volume, for one resolution)."""

# Limits far beyond any resolution, within which a comparison renders every report and writes
# the Word redline in about a minute and under 1.5 GB. A document past one is refused with a
# reason, not after ten minutes and gigabytes. MAX_CLAUSES (model.py) bounds the clauses.
# - Res 1 holds about 100,000 characters. A 1.2 MB .docx can hold 190 MB of text.
MAX_TEXT_CHARS = 20_000_000
# - One paragraph: the word diff, the inline report and the redline of a clause are built whole.
MAX_CLAUSE_CHARS = 2_000_000


def load_input(
    source: Source, options: CompareOptions, view: View, progress: PageProgress | None = None
) -> Document:
    """`source` as a Document: loaded in `view` within the limits of `options`, or as given."""
    if isinstance(source, Document):
        return source
    from revdiff.load import load_document

    # A document too big to compare is refused as soon as its parse passes the limit.
    return load_document(
        Path(source),
        view=view,
        max_size=options.max_size,
        max_clauses=options.max_clauses,
        lang=options.lang,
        resolution=options.resolution,
        progress=progress,
    )


def compare_files(
    old: Source,
    new: Source,
    options: CompareOptions | None = None,
    *,
    progress: PageProgress | None = None,
) -> Comparison:
    """Load `old` (in `options.old_view`) and `new` (in `options.new_view`) and compare them.
    The same path may be given twice, to compare two views of one Word file. `progress`
    follows the pages of a PDF input as it is read."""
    options = options or CompareOptions()
    old_document = load_input(old, options, options.old_view, progress)
    new_document = load_input(new, options, options.new_view, progress)
    return compare_documents(old_document, new_document, options)


def trace_history(
    sources: Sequence[Source],
    options: CompareOptions | None = None,
    *,
    keep_order: bool = False,
    progress: PageProgress | None = None,
) -> History:
    """Load every version (in `options.new_view`; `progress` follows a PDF's pages), put them in
    order, compare each with the next, and follow each clause across them."""
    from revdiff.history import build_history, order_versions

    options = options or CompareOptions()
    documents = [load_input(source, options, options.new_view, progress) for source in sources]
    ordered = order_versions(documents, keep_order=keep_order)
    comparisons = tuple(
        compare_documents(old, new, options) for old, new in itertools.pairwise(ordered)
    )
    return build_history(ordered, comparisons)


def compile_files(
    base: Source,
    proposals: Sequence[Source],
    options: CompareOptions | None = None,
    *,
    names: Sequence[str] | None = None,
) -> Compilation:
    """Load a base resolution (in `options.old_view`) and proposals against it (in
    `options.new_view`, by default their accepted text), compare each proposal with the base and
    compile the results clause by clause. A proposal is named by `names`, else by the Source
    line of its document header, else by its file name."""
    from revdiff.compilation import (
        NamedProposal,
        check_name_count,
        compile_proposals,
        proposal_name,
        unique_names,
    )

    options = options or CompareOptions()
    fix = "give one name per proposal, in the order of the files"
    check_name_count(names, len(proposals), "proposals", fix)
    base_document = load_input(base, options, options.old_view)
    documents = [load_input(source, options, options.new_view) for source in proposals]
    chosen = unique_names(names if names is not None else [proposal_name(d) for d in documents])
    named = [NamedProposal(n, d) for n, d in zip(chosen, documents, strict=True)]
    comparisons = [compare_documents(base_document, p.document, options) for p in named]
    return compile_proposals(base_document, named, comparisons)


def compare_documents(old: Document, new: Document, options: CompareOptions) -> Comparison:
    """Every difference between `old` and `new`; every clause of both is in exactly one Change.
    Raises `InputError` for a document past MAX_CLAUSES, MAX_TEXT_CHARS or MAX_CLAUSE_CHARS."""
    # The stages are imported when first used, so that `import revdiff` stays light.
    from revdiff.align import align_clauses
    from revdiff.citations import citation_bodies
    from revdiff.classify import classify_change, compare_metadata
    from revdiff.footnotes import compare_document_footnotes
    from revdiff.headings import compare_headings
    from revdiff.warnings import comparison_warnings

    for document in (old, new):
        check_comparable(document, options.max_clauses)
    alignment = align_clauses(old, new, options)
    old_clauses, new_clauses = old.clauses, new.clauses
    bodies = citation_bodies(c.text for c in (*old_clauses, *new_clauses))
    pairs = order_pairs(alignment.pairs, len(old_clauses))
    changes: list[Change] = []
    for pair in pairs:
        changes.append(
            classify_change(
                [old_clauses[i] for i in pair.old],
                [new_clauses[j] for j in pair.new],
                moved=pair.moved,
                renumbered=pair.renumbered,
                timeout=options.diff_timeout,
                bodies=bodies,
            )
        )
    metadata = compare_metadata(old.metadata, new.metadata, timeout=options.diff_timeout)
    return Comparison(
        old,
        new,
        metadata,
        tuple(changes),
        options,
        heading_changes=compare_headings(old, new, changes, timeout=options.diff_timeout),
        footnote_changes=compare_document_footnotes(
            old, new, changes, timeout=options.diff_timeout
        ),
        warnings=comparison_warnings(old, new),
    )


def check_comparable(document: Document, max_clauses: int = MAX_CLAUSES) -> None:
    """Refuse (`InputError`) a document too big to compare within a minute and 1.5 GB."""
    fix = "check that this is the document you meant, or compare its parts one by one"
    # The clauses read by section: Document.clauses builds a tuple of them on every read.
    count = sum(len(section.clauses) for section in document.sections)
    if count > max_clauses:
        raise InputError(
            document.source,
            f"it holds {count:,} clauses, more than the {max_clauses:,} revdiff compares "
            "(a resolution has hundreds)",
            fix,
        )
    metadata = [getattr(document.metadata, field) or "" for field in METADATA_FIELDS]
    texts = [
        *[clause.text for section in document.sections for clause in section.clauses],
        *[note.text for note in document.footnotes],
        *metadata,
    ]
    total = sum(map(len, texts))
    if total > MAX_TEXT_CHARS:
        raise InputError(
            document.source,
            f"it holds {total:,} characters of text, more than the {MAX_TEXT_CHARS:,} revdiff "
            "compares (a resolution has about 100,000)",
            fix,
        )
    longest = max(texts, key=len, default="")
    if len(longest) > MAX_CLAUSE_CHARS:
        # Named only now: formatting a name for each of 10,000 clauses cost more than the check.
        names = itertools.chain(
            (f"clause {clause.id}" for clause in document.clauses),
            (f"footnote {note.mark}" for note in document.footnotes),
            ("the heading" for _ in metadata),
        )
        name = next(
            name for name, text in zip(names, texts, strict=True) if len(text) == len(longest)
        )
        raise InputError(
            document.source,
            f"{name} holds {len(longest):,} characters, more than the {MAX_CLAUSE_CHARS:,} "
            "revdiff compares in one paragraph",
            "split the paragraph, or check that this is the document you meant",
        )


def order_pairs(pairs: Sequence[ClausePair], old_count: int) -> list[ClausePair]:
    """Pairs in the new document's order; a deleted clause comes right after the change that
    holds the clause preceding it in the old document (first, if nothing precedes it), and
    consecutive deleted clauses keep their old order."""
    new_position_of_old: list[int | None] = [None] * old_count
    for pair in pairs:
        if pair.new:
            for i in pair.old:
                new_position_of_old[i] = pair.new[0]
    # The new position of the nearest paired clause before each old clause, in old order.
    anchor_before: list[int] = []
    anchor = -1
    for position in new_position_of_old:
        anchor_before.append(anchor)
        if position is not None:
            anchor = position
    keyed: list[tuple[tuple[int, int, int], ClausePair]] = []
    for pair in pairs:
        if pair.new:
            keyed.append(((pair.new[0], 0, 0), pair))
        else:
            keyed.append(((anchor_before[pair.old[0]], 1, pair.old[0]), pair))
    keyed.sort(key=lambda item: item[0])
    return [pair for _, pair in keyed]
