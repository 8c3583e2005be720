"""History: one resolution followed across several versions, clause by clause.

Pure. Given the versions oldest first and the comparison between each consecutive pair,
`build_history` follows every clause through the chain of pairings: where it first appears, how
it changes at each later version (with the nature of the change), and where it is suppressed. A
clause keeps its lineage when it is relettered or moved, because the pairings are content-based.

Decisions worth knowing:

* In the first version every clause present is ``added``: that is where its lineage starts.
* After a deletion the lineage is ``deleted`` at that version and ``absent`` afterwards; a clause
  that comes back later is a new lineage (the pairwise comparisons cannot tell otherwise).
* A split continues the lineage into the first of the new clauses (``modified``); the others
  start lineages of their own (``added``, noted as split from it). A merge continues the first
  old clause's lineage; the others end there (``deleted``, noted as merged into it).
* A lineage is named by the clause id in the last version that has the clause. Where two
  lineages would share a name, those that end earlier get ``@<version>`` (the year, when the
  years tell the versions apart) after it.
* `order_versions` puts the versions in order of the date in their metadata (year, then an
  original before its revisions, then the order given); a version without a year cannot be
  placed, and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from revdiff.errors import RevdiffError
from revdiff.model import (
    Change,
    ChangeKind,
    Clause,
    Comparison,
    Document,
    Nature,
    TextEdit,
)


class StateChange(StrEnum):
    """What happened to a clause at one version, relative to the version before."""

    ADDED = "added"
    MODIFIED = "modified"
    UNCHANGED = "unchanged"
    DELETED = "deleted"
    ABSENT = "absent"


@dataclass(frozen=True)
class ClauseState:
    """One clause at one version: its text there and how it got there from the version before.

    `natures` and `edits` are set for ``modified`` only: the nature of the change and the diff of
    the previous version's text against this one. `kind` is the
    pairwise change behind the state (``split`` and ``merged`` show here); `related` names the
    other clauses of a split or merge (in this version for a split, a merge's survivor for a
    clause merged away); `previous_id` is the clause's id in the version before when it differs,
    `previous_label` its label there.
    """

    version: int
    change: StateChange
    clause: Clause | None = None
    natures: tuple[Nature, ...] = ()
    edits: tuple[TextEdit, ...] = ()
    kind: ChangeKind | None = None
    moved: bool = False
    renumbered: bool = False
    previous_id: str | None = None
    previous_label: str | None = None
    related: tuple[str, ...] = ()

    @property
    def text(self) -> str | None:
        return self.clause.text if self.clause is not None else None

    @property
    def present(self) -> bool:
        return self.clause is not None

    @property
    def is_change(self) -> bool:
        """True where something happened at this version (relettering and moves count)."""
        if self.change is StateChange.UNCHANGED:
            return self.moved or self.renumbered
        return self.change is not StateChange.ABSENT


@dataclass(frozen=True)
class Lineage:
    """One clause followed through every version: exactly one state per version."""

    id: str
    states: tuple[ClauseState, ...]

    @property
    def first_version(self) -> int:
        return next(s.version for s in self.states if s.present)

    @property
    def last_version(self) -> int:
        return max(s.version for s in self.states if s.present)

    @property
    def suppressed_at(self) -> int | None:
        """The version at which the clause was deleted, if it was."""
        return next((s.version for s in self.states if s.change is StateChange.DELETED), None)

    @property
    def has_changes(self) -> bool:
        """True when the clause changed after it first appeared (or was suppressed)."""
        first = self.first_version
        return any(s.is_change for s in self.states if s.version > first)


@dataclass(frozen=True)
class History:
    """The versions (oldest first), the comparisons between neighbours and every lineage."""

    documents: tuple[Document, ...]
    comparisons: tuple[Comparison, ...]
    lineages: tuple[Lineage, ...]
    warnings: tuple[str, ...] = ()

    @property
    def has_differences(self) -> bool:
        return any(c.has_differences for c in self.comparisons)

    def version_label(self, version: int) -> str:
        """How reports name a version: its year when the years tell the versions apart, else
        ``v1``, ``v2``…"""
        return version_labels(self.documents)[version]


# --------------------------------------------------------------------------------------------
# Ordering


def order_versions(
    documents: Sequence[Document], *, keep_order: bool = False
) -> tuple[Document, ...]:
    """The versions oldest first, by the date in their metadata: year, then an original before
    a revision of the same year, then the order given. With `keep_order`, as given."""
    if keep_order:
        return tuple(documents)
    for document in documents:
        if document.metadata.year is None:
            line = document.metadata.number_line
            found = (
                f"no year in the number line {line!r} or the history line under it"
                if line
                else "no number line (RESOLUTION N (…, YEAR)) to give its year"
            )
            raise RevdiffError(
                document.source,
                f"{found}, so the versions cannot be put in order",
                "give the versions oldest first and pass --keep-order",
            )
    ranked = sorted(
        enumerate(documents),
        key=lambda item: (item[1].metadata.year or 0, _is_revision(item[1]), item[0]),
    )
    return tuple(document for _, document in ranked)


def _is_revision(document: Document) -> bool:
    revision = document.metadata.revision or ""
    return revision.lstrip().lower().startswith("rev")


def version_labels(documents: Sequence[Document]) -> tuple[str, ...]:
    years = [d.metadata.year for d in documents]
    if None not in years and len(set(years)) == len(years):
        return tuple(str(y) for y in years)
    return tuple(f"v{i + 1}" for i in range(len(documents)))


def _identity(document: Document) -> tuple[str | None, str | None]:
    return (document.metadata.body, document.metadata.number)


# --------------------------------------------------------------------------------------------
# Lineages


@dataclass
class _Track:
    """A lineage being built: its states so far, and the clause it holds in the latest version."""

    states: list[ClauseState]
    current: Clause | None


def build_history(documents: Sequence[Document], comparisons: Sequence[Comparison]) -> History:
    """Follow every clause of `documents` (oldest first) through `comparisons`, where
    ``comparisons[i]`` compares ``documents[i]`` with ``documents[i + 1]``."""
    if not documents:
        raise ValueError("a history needs at least one version")
    if len(comparisons) != len(documents) - 1:
        raise ValueError("there must be one comparison between each pair of neighbouring versions")
    for index, comparison in enumerate(comparisons):
        if comparison.old.source != documents[index].source or (
            comparison.new.source != documents[index + 1].source
        ):
            raise ValueError(
                f"comparison {index} does not compare versions {index} and {index + 1}"
            )

    tracks: list[_Track] = []
    holder: dict[tuple[str, int], int] = {}  # the clause (id, line) → its track, latest version
    for clause in documents[0].clauses:
        holder[_key(clause)] = len(tracks)
        tracks.append(
            _Track([ClauseState(0, StateChange.ADDED, clause, kind=ChangeKind.ADDED)], clause)
        )
    order = list(range(len(tracks)))

    for index, comparison in enumerate(comparisons, start=1):
        next_holder: dict[tuple[str, int], int] = {}
        touched: list[int] = []
        for change in comparison.changes:
            touched.extend(_advance(change, index, tracks, holder, next_holder))
        for track in tracks:
            if len(track.states) < index + 1:  # not in this comparison: gone before
                track.states.append(ClauseState(index, StateChange.ABSENT))
                track.current = None
        order = _merge_order(order, touched)
        holder = next_holder

    lineages = [Lineage("", tuple(t.states)) for t in tracks]
    named = _name_lineages(lineages, documents)
    warnings = _identity_warnings(documents)
    return History(
        documents=tuple(documents),
        comparisons=tuple(comparisons),
        lineages=tuple(named[i] for i in order),
        warnings=warnings,
    )


def _key(clause: Clause) -> tuple[str, int]:
    return (clause.id, clause.location.line)


def _advance(
    change: Change,
    version: int,
    tracks: list[_Track],
    holder: dict[tuple[str, int], int],
    next_holder: dict[tuple[str, int], int],
) -> list[int]:
    """Extend the tracks this change touches to `version`; returns them in report order."""
    old_tracks = [holder[_key(c)] for c in change.old if _key(c) in holder]
    touched: list[int] = []
    moved, renumbered = change.moved, change.renumbered

    if not change.new:  # deleted
        for number in old_tracks:
            tracks[number].states.append(
                ClauseState(version, StateChange.DELETED, kind=change.kind)
            )
            tracks[number].current = None
            touched.append(number)
        return touched

    if not old_tracks:  # added (or pieces of a clause we could not follow)
        for clause in change.new:
            next_holder[_key(clause)] = len(tracks)
            related = tuple(c.id for c in change.old)
            tracks.append(
                _Track(
                    [ClauseState(v, StateChange.ABSENT) for v in range(version)]
                    + [
                        ClauseState(
                            version, StateChange.ADDED, clause, kind=change.kind, related=related
                        )
                    ],
                    clause,
                )
            )
            touched.append(len(tracks) - 1)
        return touched

    survivor, *others = old_tracks
    first_new, *more_new = change.new
    previous = tracks[survivor].current
    text_changed = change.kind is not ChangeKind.UNCHANGED
    tracks[survivor].states.append(
        ClauseState(
            version,
            StateChange.MODIFIED if text_changed else StateChange.UNCHANGED,
            first_new,
            natures=change.natures if text_changed else (),
            edits=change.edits if text_changed else (),
            kind=change.kind,
            moved=moved,
            renumbered=renumbered,
            previous_id=previous.id
            if previous is not None and previous.id != first_new.id
            else None,
            previous_label=previous.label if previous is not None else None,
            related=tuple(c.id for c in more_new) + tuple(c.id for c in change.old[1:]),
        )
    )
    tracks[survivor].current = first_new
    next_holder[_key(first_new)] = survivor
    touched.append(survivor)
    for number in others:  # merged into the survivor's clause
        tracks[number].states.append(
            ClauseState(
                version,
                StateChange.DELETED,
                kind=change.kind,
                related=(first_new.id,),
            )
        )
        tracks[number].current = None
        touched.append(number)
    for clause in more_new:  # split off the survivor's clause
        next_holder[_key(clause)] = len(tracks)
        tracks.append(
            _Track(
                [ClauseState(v, StateChange.ABSENT) for v in range(version)]
                + [
                    ClauseState(
                        version,
                        StateChange.ADDED,
                        clause,
                        kind=change.kind,
                        related=(change.old[0].id,),
                    )
                ],
                clause,
            )
        )
        touched.append(len(tracks) - 1)
    return touched


def _merge_order(previous: list[int], touched: list[int]) -> list[int]:
    """The report order after one more version: the tracks of this comparison in its order
    (the new document's, deletions at their old place), and every track that ended earlier
    right after the track it followed before."""
    seen = set(touched)
    following: dict[int | None, list[int]] = {}
    anchor: int | None = None
    for number in previous:
        if number in seen:
            anchor = number
        else:
            following.setdefault(anchor, []).append(number)
    order = list(following.get(None, []))
    for number in dict.fromkeys(touched):
        order.append(number)
        order.extend(following.get(number, []))
    return order


def _name_lineages(lineages: Sequence[Lineage], documents: Sequence[Document]) -> list[Lineage]:
    labels = version_labels(documents)
    last = len(documents) - 1
    names: list[str] = []
    for lineage in lineages:
        final = next(s.clause for s in reversed(lineage.states) if s.clause is not None)
        assert final is not None
        names.append(final.id)
    counts = Counter(names)
    for position, lineage in enumerate(lineages):
        if counts[names[position]] > 1 and lineage.last_version != last:
            names[position] = f"{names[position]}@{labels[lineage.last_version]}"
    # Twins even so (a parser that repeated an id): number them, so that every name is unique.
    seen: Counter[str] = Counter()
    for position, name in enumerate(names):
        seen[name] += 1
        if seen[name] > 1:
            names[position] = f"{name}#{seen[name]}"
    return [Lineage(name, lineage.states) for name, lineage in zip(names, lineages, strict=True)]


def _identity_warnings(documents: Sequence[Document]) -> tuple[str, ...]:
    identities = {_identity(d) for d in documents}
    if len(identities) <= 1:
        return ()
    shown = ", ".join(
        f"{d.source}: {' '.join(p for p in _identity(d) if p) or 'no number line'}"
        for d in documents
    )
    return (f"the versions are not all the same resolution ({shown})",)
