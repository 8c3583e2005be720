"""The compile stage: one base resolution against several proposals, clause by clause.

Each proposal is compared with the base (the same comparison `revdiff compare` makes). Every base
clause becomes one row holding each proposal's version of it, with its marker and inline
changes, and a status that says whether the proposals leave it alone, change it, agree or
conflict. Clauses that proposals add become rows of their own; additions from different
proposals that say the same thing in other words share one row, with their similarity.

Pure: Documents and Comparisons in, a `Compilation` out. Loading is `compile_files`'s job in
`revdiff.compare`'s terms (see `compile_documents`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from revdiff.model import (
    Change,
    ChangeKind,
    Clause,
    Comparison,
    Document,
    EditOp,
    Marker,
    TextEdit,
)
from revdiff.normalize import match_tokens

# Two added clauses from different proposals share a row when at least this share of their
# words agree (Dice on the matching form's words). Two regions adding "the same idea in other
# words" keep most content words; unrelated additions to one section rarely share half.
ADDED_SIMILARITY_FLOOR = 0.5


class RowStatus(StrEnum):
    """How the proposals treat one row of a compilation."""

    UNTOUCHED = "untouched"  # no proposal changes the base clause
    CHANGED = "changed"  # exactly one proposal changes it
    AGREED = "agreed"  # several proposals make the same change
    CONFLICT = "conflict"  # several proposals make different changes
    MIXED = "mixed"  # some proposals delete it and others modify it
    ADDED = "added"  # no base clause: one or more proposals add this text


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposal as a compilation names it: a short name (``APT``) and its document."""

    name: str
    document: Document


@dataclass(frozen=True, slots=True)
class ProposalVersion:
    """One proposal's version of one row.

    `text` is None when the proposal suppresses the base clause (SUP), or when the clause was
    merged into the version shown on the row of `merged_into`. `edits` diff the base text
    against `text` (a lone INSERT for an added clause, a lone DELETE for a suppressed one).
    """

    marker: Marker
    text: str | None
    label: str | None
    edits: tuple[TextEdit, ...]
    clause_ids: tuple[str, ...] = ()
    moved: bool = False
    merged_into: str | None = None

    @property
    def changes_base(self) -> bool:
        """True when this version differs from the base clause in text, existence or place.
        A new label alone (relettering after another insertion) is not a change of the clause."""
        if self.text is None:
            return True
        return self.moved or any(edit.op is not EditOp.EQUAL for edit in self.edits)

    @property
    def deletes_base(self) -> bool:
        return self.text is None and self.merged_into is None


@dataclass(frozen=True, slots=True)
class CompilationRow:
    """One row: a base clause (or none, for an added one) and each proposal's version of it.

    `versions` follows the order of the proposals; an added row holds only the proposals that
    add it. `groups` partitions those proposals by identical version (spacing aside).
    `similarity` is set on added rows that more than one proposal fills: the lowest word
    similarity between two of their texts.
    """

    base: Clause | None
    section_id: str
    status: RowStatus
    versions: tuple[tuple[str, ProposalVersion], ...]
    groups: tuple[tuple[str, ...], ...]
    similarity: float | None = None

    @property
    def id(self) -> str:
        if self.base is not None:
            return self.base.id
        first = self.versions[0]
        return f"{first[0]}:{first[1].clause_ids[0]}" if first[1].clause_ids else first[0]

    def version(self, name: str) -> ProposalVersion | None:
        return next((v for n, v in self.versions if n == name), None)

    @property
    def changed_by(self) -> tuple[str, ...]:
        """The proposals that change this row (for an added row: those that add it)."""
        return tuple(name for name, version in self.versions if version.changes_base)


@dataclass(frozen=True, slots=True)
class Compilation:
    """A base resolution, the proposals against it, and the rows that compile them."""

    base: Document
    proposals: tuple[Proposal, ...]
    comparisons: tuple[Comparison, ...]
    rows: tuple[CompilationRow, ...]

    def count(self, status: RowStatus) -> int:
        return sum(1 for row in self.rows if row.status is status)

    @property
    def has_differences(self) -> bool:
        return any(row.status is not RowStatus.UNTOUCHED for row in self.rows)

    @property
    def warnings(self) -> tuple[object, ...]:
        """Every warning of every comparison, in proposal order, without repeats."""
        seen: dict[str, object] = {}
        for comparison in self.comparisons:
            for warning in getattr(comparison, "warnings", ()):
                seen.setdefault(repr(warning), warning)
        return tuple(seen.values())


def compile_proposals(
    base: Document, proposals: Sequence[Proposal], comparisons: Sequence[Comparison]
) -> Compilation:
    """The compilation of `proposals` against `base`; `comparisons[i]` compares `base` (old)
    with `proposals[i]` (new)."""
    if len(proposals) != len(comparisons):
        raise ValueError("one comparison per proposal")
    base_clauses = base.clauses
    index_of = {id(clause): i for i, clause in enumerate(base_clauses)}
    per_base: list[list[tuple[str, ProposalVersion]]] = [[] for _ in base_clauses]
    additions: list[_Addition] = []
    for proposal, comparison in zip(proposals, comparisons, strict=True):
        for base_index, version in _versions_of_base(comparison, index_of):
            per_base[base_index].append((proposal.name, version))
        additions.extend(_additions(proposal.name, comparison, index_of))
    added_rows = _group_additions(additions)
    rows: list[CompilationRow] = []
    by_anchor: dict[int, list[CompilationRow]] = {}
    for anchor, row in added_rows:
        by_anchor.setdefault(anchor, []).append(row)
    rows.extend(by_anchor.get(-1, ()))
    for i, clause in enumerate(base_clauses):
        versions = tuple(per_base[i])
        rows.append(
            CompilationRow(
                base=clause,
                section_id=clause.section_id,
                status=base_row_status(versions),
                versions=versions,
                groups=identical_groups(versions),
            )
        )
        rows.extend(by_anchor.get(i, ()))
    return Compilation(base, tuple(proposals), tuple(comparisons), tuple(rows))


def base_row_status(versions: Sequence[tuple[str, ProposalVersion]]) -> RowStatus:
    """The status of a base clause's row from its versions (order does not matter)."""
    changing = [version for _, version in versions if version.changes_base]
    if not changing:
        return RowStatus.UNTOUCHED
    deleting = [version for version in changing if version.deletes_base]
    if deleting and len(deleting) < len(changing):
        return RowStatus.MIXED
    if len(changing) == 1:
        return RowStatus.CHANGED
    keys = {_version_key(version) for version in changing}
    return RowStatus.AGREED if len(keys) == 1 else RowStatus.CONFLICT


def identical_groups(
    versions: Sequence[tuple[str, ProposalVersion]],
) -> tuple[tuple[str, ...], ...]:
    """The proposals grouped by identical version, groups in order of first appearance."""
    groups: dict[tuple[object, ...], list[str]] = {}
    for name, version in versions:
        groups.setdefault(_version_key(version), []).append(name)
    return tuple(tuple(names) for names in groups.values())


def _version_key(version: ProposalVersion) -> tuple[object, ...]:
    text = None if version.text is None else " ".join(version.text.split())
    return (text, version.merged_into, version.moved)


def _versions_of_base(
    comparison: Comparison, index_of: dict[int, int]
) -> Iterable[tuple[int, ProposalVersion]]:
    """Each base clause's version in one proposal."""
    for change in comparison.changes:
        if not change.old:
            continue
        if change.kind is ChangeKind.DELETED:
            for clause in change.old:
                yield (
                    index_of[id(clause)],
                    ProposalVersion(
                        marker=Marker.SUP,
                        text=None,
                        label=None,
                        edits=(TextEdit(EditOp.DELETE, clause.text),),
                    ),
                )
            continue
        first, *rest = change.old
        yield index_of[id(first)], _version(change)
        for clause in rest:  # a merge: the later base clauses point at the merged version
            yield (
                index_of[id(clause)],
                ProposalVersion(
                    marker=change.marker,
                    text=None,
                    label=None,
                    edits=(TextEdit(EditOp.DELETE, clause.text),),
                    merged_into=first.id,
                ),
            )


def _version(change: Change) -> ProposalVersion:
    labels = [clause.label for clause in change.new if clause.label]
    return ProposalVersion(
        marker=change.marker,
        text=" ".join(clause.text for clause in change.new),
        label=" ".join(labels) if labels else None,
        edits=change.edits,
        clause_ids=tuple(clause.id for clause in change.new),
        moved=change.moved,
    )


@dataclass(frozen=True, slots=True)
class _Addition:
    """A clause one proposal adds, placed after the base clause `anchor` (-1: before all)."""

    name: str
    anchor: int
    clause: Clause
    words: Counter[str]


def _additions(name: str, comparison: Comparison, index_of: dict[int, int]) -> Iterable[_Addition]:
    """The clauses `name` adds, each anchored after the nearest base clause before it."""
    anchor = -1
    for change in comparison.changes:  # in the proposal's order
        if change.old:
            if change.new:  # a deleted clause keeps no place in the proposal
                anchor = max(index_of[id(clause)] for clause in change.old)
            continue
        for clause in change.new:
            yield _Addition(name, anchor, clause, Counter(match_tokens(clause.text)))


def _group_additions(additions: Sequence[_Addition]) -> list[tuple[int, CompilationRow]]:
    """Rows of added clauses: an addition joins the most similar row that holds none of its
    proposal's additions yet, if they share at least ADDED_SIMILARITY_FLOOR of their words."""
    rows: list[list[_Addition]] = []
    for addition in additions:
        best: tuple[float, int] | None = None
        for r, members in enumerate(rows):
            if any(member.name == addition.name for member in members):
                continue
            score = min(_dice(addition.words, member.words) for member in members)
            if score >= ADDED_SIMILARITY_FLOOR and (best is None or score > best[0]):
                best = (score, r)
        if best is None:
            rows.append([addition])
        else:
            rows[best[1]].append(addition)
    result = []
    for members in rows:
        versions = tuple(
            (
                member.name,
                ProposalVersion(
                    marker=Marker.ADD,
                    text=member.clause.text,
                    label=member.clause.label,
                    edits=(TextEdit(EditOp.INSERT, member.clause.text),),
                    clause_ids=(member.clause.id,),
                ),
            )
            for member in members
        )
        similarity = (
            min(_dice(a.words, b.words) for a in members for b in members if a is not b)
            if len(members) > 1
            else None
        )
        row = CompilationRow(
            base=None,
            section_id=members[0].clause.section_id,
            status=RowStatus.ADDED,
            versions=versions,
            groups=identical_groups(versions),
            similarity=similarity,
        )
        result.append((min(member.anchor for member in members), row))
    return result


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    return 2 * sum((a & b).values()) / total
