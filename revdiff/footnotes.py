"""Footnote comparison: the notes of two versions, added, deleted or modified like clauses.

Pure: two tuples of Footnotes in, FootnoteChanges out. Notes are paired by text first (the
same text under the same mark, then under another mark: renumbered), then by mark (the same
note, edited), then by similarity of their words; what is left was added or deleted. A note
whose reference mark left its clause for another (the clause texts, which leave the marks out,
do not show it) is moved.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from revdiff.headings import describe_text_change, pair_by_key, pair_similar
from revdiff.model import Change, Document, Footnote, FootnoteChange
from revdiff.normalize import normalize_for_matching
from revdiff.textdiff import diff_words


def compare_document_footnotes(
    old: Document, new: Document, changes: Sequence[Change] = (), *, timeout: float = 2.0
) -> tuple[FootnoteChange, ...]:
    """`compare_footnotes` of two documents, with a note moved when its reference mark went to
    another clause than the one its clause became (`changes` say which clause became which)."""
    if not old.footnotes or not new.footnotes:
        # No note is paired, so none is asked whether it moved: the maps of every clause below
        # would be built for nothing (most documents have no footnote).
        return compare_footnotes(old.footnotes, new.footnotes, timeout=timeout)
    became: dict[str, set[str]] = {}
    for change in changes:
        for clause in change.old:
            became.setdefault(clause.id, set()).update(c.id for c in change.new)
    old_cited, new_cited = _cited_by(old), _cited_by(new)

    def moved(before: Footnote, after: Footnote) -> bool:
        now = new_cited.get(after, set())
        was = old_cited.get(before, set())
        expected = {n for clause_id in was for n in became.get(clause_id, ())}
        gained = bool(now - expected)
        lost = any(became.get(c) and not became[c] & now for c in was)
        return gained or lost

    return compare_footnotes(old.footnotes, new.footnotes, timeout=timeout, moved=moved)


def _cited_by(document: Document) -> dict[Footnote, set[str]]:
    cited: dict[Footnote, set[str]] = {}
    for clause in document.clauses:
        for note in clause.footnotes:
            cited.setdefault(note, set()).add(clause.id)
    return cited


def compare_footnotes(
    old: Sequence[Footnote],
    new: Sequence[Footnote],
    *,
    timeout: float = 2.0,
    moved: Callable[[Footnote, Footnote], bool] | None = None,
) -> tuple[FootnoteChange, ...]:
    """Every footnote that differs, in the new order (deleted ones at their old place);
    `moved` says whether a paired note's reference moved to another clause."""
    partner = align_footnotes(old, new)
    out: list[tuple[tuple[int, int, int], FootnoteChange]] = []
    paired_new = set(partner.values())
    anchor = -1
    for i, note in enumerate(old):
        if i in partner:
            anchor = partner[i]
            shifted = moved is not None and moved(note, new[anchor])
            change = _change(note, new[anchor], timeout, moved=shifted)
            if change is not None:
                out.append(((anchor, 0, 0), change))
        else:
            out.append(((anchor, 1, i), _one_sided(note, None, timeout)))
    for j, note in enumerate(new):
        if j not in paired_new:
            out.append(((j, 0, 0), _one_sided(None, note, timeout)))
    out.sort(key=lambda item: item[0])
    return tuple(change for _, change in out)


def align_footnotes(old: Sequence[Footnote], new: Sequence[Footnote]) -> dict[int, int]:
    """Old index → new index for the notes that are the same note in both versions."""
    partner: dict[int, int] = {}
    keys: tuple[Callable[[Footnote], Hashable], ...] = (
        lambda n: (n.mark, n.text),  # untouched
        lambda n: normalize_for_matching(n.text),  # renumbered, or edited editorially
        lambda n: n.mark,  # the same note, reworded
    )
    for key in keys:
        pair_by_key(old, new, key, partner)
    pair_similar(old, new, partner, lambda n: n.text)
    return partner


def _change(
    old: Footnote | None, new: Footnote | None, timeout: float, *, moved: bool = False
) -> FootnoteChange | None:
    renumbered = old is not None and new is not None and old.mark != new.mark
    before = old.text if old is not None else None
    after = new.text if new is not None else None
    if before == after and not renumbered and not moved:
        return None
    kind, natures, marker = describe_text_change(before, after)
    either = old if old is not None else new
    assert either is not None
    return FootnoteChange(
        id=f"footnote:{either.mark}",
        kind=kind,
        old=old,
        new=new,
        edits=diff_words(before or "", after or "", timeout=timeout),
        natures=natures,
        marker=marker,
        renumbered=renumbered,
        moved=moved,
    )


def _one_sided(old: Footnote | None, new: Footnote | None, timeout: float) -> FootnoteChange:
    change = _change(old, new, timeout)
    assert change is not None  # a note on one side only always differs
    return change
