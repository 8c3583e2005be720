"""The compare stage: two Documents in, one Comparison out. It composes, nothing else:
align the clauses, classify each pair (with its inline diff), compare the metadata lines, and
put the changes in the new document's order."""

from __future__ import annotations

from collections.abc import Sequence

from revdiff.align import ClausePair, align_clauses
from revdiff.citations import citation_bodies
from revdiff.classify import classify_change, compare_metadata
from revdiff.errors import InputError
from revdiff.model import METADATA_FIELDS, Change, CompareOptions, Comparison, Document

# Limits far beyond any resolution, within which a comparison renders every report and writes
# the Word redline in about a minute and under 1.5 GB (issue 6). A document past one is refused
# with a reason, not after ten minutes and gigabytes.
# - WTSA Resolution 1, one of the longest, has 339 clauses; a 100 MB text holds some 500,000.
MAX_CLAUSES = 50_000
# - Res 1 holds about 100,000 characters. A 1.2 MB .docx can hold 190 MB of text.
MAX_TEXT_CHARS = 20_000_000
# - One paragraph: the word diff, the inline report and the redline of a clause are built whole.
MAX_CLAUSE_CHARS = 2_000_000


def compare_documents(old: Document, new: Document, options: CompareOptions) -> Comparison:
    """Every difference between `old` and `new`; every clause of both is in exactly one Change.
    Raises `InputError` for a document past MAX_CLAUSES, MAX_TEXT_CHARS or MAX_CLAUSE_CHARS."""
    for document in (old, new):
        check_comparable(document)
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
    return Comparison(old, new, metadata, tuple(changes), options)


def check_comparable(document: Document) -> None:
    """Refuse (`InputError`) a document too big to compare within a minute and 1.5 GB."""
    fix = "check that this is the document you meant, or compare its parts one by one"
    count = len(document.clauses)
    if count > MAX_CLAUSES:
        raise InputError(
            document.source,
            f"it holds {count:,} clauses, more than the {MAX_CLAUSES:,} revdiff compares "
            "(a resolution has hundreds)",
            fix,
        )
    metadata = (getattr(document.metadata, field) or "" for field in METADATA_FIELDS)
    texts = [
        *((f"clause {clause.id}", clause.text) for clause in document.clauses),
        *((f"footnote {note.mark}", note.text) for note in document.footnotes),
        *(("the heading", text) for text in metadata),
    ]
    total = sum(len(text) for _, text in texts)
    if total > MAX_TEXT_CHARS:
        raise InputError(
            document.source,
            f"it holds {total:,} characters of text, more than the {MAX_TEXT_CHARS:,} revdiff "
            "compares (a resolution has about 100,000)",
            fix,
        )
    name, longest = max(texts, key=lambda item: len(item[1]), default=("", ""))
    if len(longest) > MAX_CLAUSE_CHARS:
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
