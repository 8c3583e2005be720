"""The compare stage: two Documents in, one Comparison out. It composes, nothing else:
align the clauses, classify each pair (with its inline diff), compare the metadata lines, and
put the changes in the new document's order."""

from __future__ import annotations

from collections.abc import Sequence

from revdiff.align import ClausePair, align_clauses
from revdiff.citations import citation_bodies
from revdiff.classify import classify_change, compare_metadata
from revdiff.errors import InputError
from revdiff.model import Change, CompareOptions, Comparison, Document

# Far beyond any resolution (WTSA Resolution 1, one of the longest, has 339 clauses), and about
# the most that compares, renders every report and writes the Word redline within a minute and
# 1.5 GB. A 100 MB text holds some 500,000 "clauses": refused here, with a reason, not after ten
# minutes and 4 GB (issue 6).
MAX_CLAUSES = 50_000


def compare_documents(old: Document, new: Document, options: CompareOptions) -> Comparison:
    """Every difference between `old` and `new`; every clause of both is in exactly one Change."""
    for document in (old, new):
        count = len(document.clauses)
        if count > MAX_CLAUSES:
            raise InputError(
                document.source,
                f"it holds {count:,} clauses, more than the {MAX_CLAUSES:,} revdiff compares "
                "(a resolution has hundreds)",
                "check that this is the document you meant, or compare its parts one by one",
            )
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
