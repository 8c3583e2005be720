"""Classification of each aligned pair: kind, nature, ITU marker, similarity, citation updates.

Kind says what happened to the clauses (unchanged, modified, added, deleted, split, merged).
Nature says what kind of difference the text shows, in the order editorial, citation,
substantive:

- editorial: the texts are equal once case, spacing, punctuation and typographic variants
  (no-break spaces, non-breaking hyphens, dashes, curly quotes) are set aside. Such a change is
  still a change, shown with its inline diff, in a metadata line as in a clause: Word's Compare
  reports white space by default, and "no differences" must mean the texts are the same;
- citation: they are editorially equal once the edition of every cited text is masked
  ("(Rev. Dubai, 2018)", "(Rev.WRC-19)", the "-6" of Recommendation ITU-R M.1036-6, an added
  or dropped edition): the same texts are cited, in other editions; editorial joins it when the
  text outside the editions differs too;
- substantive: anything else, a different text cited included (Resolution 196 → 169, Study
  Group 2 → 12: the number says which text binds); citation joins it when a citation was also
  updated.

A split or a merge is classified on the joined texts (see JOINER): when they are equal, only
the division into provisions changed, which is editorial.

Markers follow ITU proposals: NOC unchanged; (MOD) for an editorial-only modification, split or
merge, and for a clause whose text is identical but whose label or place changed (relettered
after an insertion, moved); MOD for any other modification, split or merge; ADD added; SUP
deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from revdiff.citations import (
    find_citations,
    mask_assembly_editions,
    mask_citations,
    match_citation_updates,
    with_known_body,
)
from revdiff.model import (
    METADATA_FIELDS,
    Change,
    ChangeKind,
    CitationUpdate,
    Clause,
    EditOp,
    Marker,
    Metadata,
    MetadataChange,
    Nature,
    TextEdit,
)
from revdiff.normalize import editorially_equal
from revdiff.textdiff import diff_words

JOINER = " "  # between the texts of the clauses of a split or a merge (see Change.edits)


def classify_change(
    old: Sequence[Clause],
    new: Sequence[Clause],
    *,
    moved: bool = False,
    renumbered: bool = False,
    timeout: float = 2.0,
    bodies: dict[tuple[str, str], str] | None = None,
) -> Change:
    """The Change for old clauses paired with new ones (either side may be empty)."""
    if len(old) == 1 and len(new) == 1 and old[0].text == new[0].text:
        # Most pairs of a revision (8,878 of the 10,095 of the benchmark pair): what the general
        # path below gives an unchanged clause, without joining or diffing its text.
        text = old[0].text
        return Change(
            ChangeKind.UNCHANGED,
            tuple(old),
            tuple(new),
            (TextEdit(EditOp.EQUAL, text),) if text else (),
            marker=Marker.MOD_EDITORIAL if moved or renumbered else Marker.NOC,
            moved=moved,
            renumbered=renumbered,
        )
    old_text = JOINER.join([c.text for c in old])
    new_text = JOINER.join([c.text for c in new])
    edits = diff_words(old_text, new_text, timeout=timeout)
    kind = _kind(old, new, old_text, new_text)
    if kind in (ChangeKind.ADDED, ChangeKind.DELETED):
        marker = Marker.ADD if kind is ChangeKind.ADDED else Marker.SUP
        return Change(
            kind=kind,
            old=tuple(old),
            new=tuple(new),
            edits=edits,
            natures=(Nature.SUBSTANTIVE,),
            marker=marker,
            similarity=0.0,
        )
    if kind is ChangeKind.UNCHANGED:
        return Change(
            kind=kind,
            old=tuple(old),
            new=tuple(new),
            edits=edits,
            marker=_marker(kind, (), moved=moved, renumbered=renumbered),
            moved=moved,
            renumbered=renumbered,
        )
    updates = tuple(
        CitationUpdate(with_known_body(u.old, bodies or {}), with_known_body(u.new, bodies or {}))
        for u in match_citation_updates(find_citations(old_text), find_citations(new_text))
    )
    # Equal joined texts of a split or a merge: only the paragraphs were cut or joined.
    natures = classify_natures(old_text, new_text, updates) or (Nature.EDITORIAL,)
    return Change(
        kind=kind,
        old=tuple(old),
        new=tuple(new),
        edits=edits,
        natures=natures,
        marker=_marker(kind, natures, moved=moved, renumbered=renumbered),
        moved=moved,
        renumbered=renumbered,
        similarity=edit_similarity(edits),
        citations=updates,
    )


def _kind(old: Sequence[Clause], new: Sequence[Clause], old_text: str, new_text: str) -> ChangeKind:
    if not old:
        return ChangeKind.ADDED
    if not new:
        return ChangeKind.DELETED
    if len(old) > 1:
        return ChangeKind.MERGED
    if len(new) > 1:
        return ChangeKind.SPLIT
    return ChangeKind.UNCHANGED if old_text == new_text else ChangeKind.MODIFIED


def classify_natures(
    old_text: str,
    new_text: str,
    updates: Sequence[CitationUpdate] = (),
    *,
    mask: Callable[[str], str] = mask_citations,
) -> tuple[Nature, ...]:
    """The natures of the difference between two texts, in the order editorial, citation,
    substantive; empty for identical texts. `mask` hides what a citation update may change."""
    if old_text == new_text:
        return ()
    if editorially_equal(old_text, new_text):
        return (Nature.EDITORIAL,)
    old_masked, new_masked = mask(old_text), mask(new_text)
    if editorially_equal(old_masked, new_masked):
        if old_masked != new_masked:
            return (Nature.EDITORIAL, Nature.CITATION)
        return (Nature.CITATION,)
    if updates:
        return (Nature.CITATION, Nature.SUBSTANTIVE)
    return (Nature.SUBSTANTIVE,)


def _marker(
    kind: ChangeKind, natures: tuple[Nature, ...], *, moved: bool, renumbered: bool
) -> Marker:
    if kind is ChangeKind.UNCHANGED:
        return Marker.MOD_EDITORIAL if moved or renumbered else Marker.NOC
    if natures == (Nature.EDITORIAL,):
        return Marker.MOD_EDITORIAL
    return Marker.MOD


def metadata_marker(change: MetadataChange) -> Marker:
    """The ITU marker of a metadata line: ADD for a line the old version lacks, SUP for one the
    new version lacks, otherwise as a modified clause's ((MOD) when only editorial)."""
    if not change.changed:
        return Marker.NOC
    if change.old is None:
        return Marker.ADD
    if change.new is None:
        return Marker.SUP
    return _marker(ChangeKind.MODIFIED, change.natures, moved=False, renumbered=False)


def edit_similarity(edits: Sequence[TextEdit]) -> float:
    """2 × kept characters / (old length + new length): 1.0 for identical texts."""
    kept = sum(len(e.text) for e in edits if e.op is EditOp.EQUAL)
    total = sum(len(e.text) * (2 if e.op is EditOp.EQUAL else 1) for e in edits)
    return 1.0 if total == 0 else 2 * kept / total


def compare_metadata(
    old: Metadata, new: Metadata, *, timeout: float = 2.0
) -> tuple[MetadataChange, ...]:
    """Every metadata line (number line, title, history, preamble), changed or not.

    A change of an assembly's place or year ("(Hammamet, 2016)" → "(Geneva, 2022)", a history
    line that gains "; Geneva, 2022") is a citation change: it updates which edition the line
    refers to, as an updated Resolution citation does.
    """
    changes = []
    for field in METADATA_FIELDS:
        before: str | None = getattr(old, field)
        after: str | None = getattr(new, field)
        edits = diff_words(before or "", after or "", timeout=timeout)
        changes.append(
            MetadataChange(field, before, after, edits, _metadata_natures(before, after))
        )
    return tuple(changes)


def _metadata_natures(old: str | None, new: str | None) -> tuple[Nature, ...]:
    if old == new:
        return ()
    if old is None or new is None:
        return (Nature.SUBSTANTIVE,)
    return classify_natures(old, new, mask=mask_assembly_editions)
