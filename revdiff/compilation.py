"""The compile stage: one base resolution against several proposals, clause by clause.

Each proposal is compared with the base (the same comparison `revdiff compare` makes). Every base
clause becomes one row holding each proposal's version of it, with its marker and inline
changes, and a status that says whether the proposals leave it alone, change it, agree or
conflict. Section headings (the call lines) and footnotes are rows too, as clauses are. What
proposals add becomes rows of their own; additions from different proposals that say the same
thing in other words share one row, with their similarity.

Pure: Documents and Comparisons in, a `Compilation` out. Loading is `compile_files`'s job in
`revdiff.compare`'s terms (see `compile_documents`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from revdiff.errors import InputError
from revdiff.model import (
    Change,
    ChangeKind,
    Comparison,
    Document,
    EditOp,
    Footnote,
    FootnoteChange,
    HeadingChange,
    Marker,
    ReportWarning,
    TextEdit,
)
from revdiff.normalize import match_tokens

# Two added clauses from different proposals share a row when at least this share of their
# words agree (Dice on the matching form's words). Two regions adding "the same idea in other
# words" keep most content words; unrelated additions to one section rarely share half.
ADDED_SIMILARITY_FLOOR = 0.5


class RowStatus(StrEnum):
    """How the proposals treat one row of a compilation."""

    UNTOUCHED = "untouched"  # no proposal changes the base text
    CHANGED = "changed"  # exactly one proposal changes it
    AGREED = "agreed"  # several proposals make the same change
    CONFLICT = "conflict"  # several proposals make different changes
    MIXED = "mixed"  # some proposals delete it and others modify it
    ADDED = "added"  # no base text: one or more proposals add this text


class RowPart(StrEnum):
    """What a row holds."""

    CLAUSE = "clause"
    HEADING = "heading"  # a section's heading: a call line, a SECTION or Annex heading
    FOOTNOTE = "footnote"


@dataclass(frozen=True, slots=True)
class NamedProposal:
    """A proposal as a compilation names it: a short name (``APT``) and its document."""

    name: str
    document: Document


@dataclass(frozen=True, slots=True)
class BaseText:
    """The base's text of a row: a clause, a heading or a footnote, with its id and label."""

    id: str
    label: str | None
    text: str


@dataclass(frozen=True, slots=True)
class ProposalVersion:
    """One proposal's version of one row.

    `text` is None when the proposal suppresses the base text (SUP), or when the clause was
    merged into the version shown on the row of `merged_into`. `edits` diff the base text
    against `text` (a lone INSERT for an added text, a lone DELETE for a suppressed one).
    """

    marker: Marker
    text: str | None
    label: str | None
    edits: tuple[TextEdit, ...]
    ids: tuple[str, ...] = ()
    moved: bool = False
    merged_into: str | None = None
    # A split or a merge: the paragraphs were cut or joined, even where no word changed.
    restructured: bool = False

    @property
    def changes_base(self) -> bool:
        """True when this version differs from the base in text, existence, place or paragraphs
        (a split or a merge). A new label alone (relettering after another insertion) is not a
        change of the clause."""
        if self.text is None:
            return True
        return (
            self.moved
            or self.restructured
            or any(edit.op is not EditOp.EQUAL for edit in self.edits)
        )

    @property
    def deletes_base(self) -> bool:
        return self.text is None and self.merged_into is None


@dataclass(frozen=True, slots=True)
class CompilationRow:
    """One row: a base text (or none, for an added one) and each proposal's version of it.

    `versions` follows the order of the proposals; an added row holds only the proposals that
    add it. `groups` partitions those proposals by identical version (spacing aside).
    `similarity` is set on added rows that more than one proposal fills: the lowest word
    similarity between two of their texts.
    """

    part: RowPart
    base: BaseText | None
    section_id: str
    status: RowStatus
    versions: tuple[tuple[str, ProposalVersion], ...]
    groups: tuple[tuple[str, ...], ...]
    similarity: float | None = None

    @property
    def id(self) -> str:
        if self.base is not None:
            return self.base.id
        name, version = self.versions[0]
        return f"{name}:{version.ids[0]}" if version.ids else name

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
    proposals: tuple[NamedProposal, ...]
    comparisons: tuple[Comparison, ...]
    rows: tuple[CompilationRow, ...]

    def count(self, status: RowStatus) -> int:
        return sum(1 for row in self.rows if row.status is status)

    @property
    def has_differences(self) -> bool:
        return any(row.status is not RowStatus.UNTOUCHED for row in self.rows)

    @property
    def warnings(self) -> tuple[ReportWarning, ...]:
        """Every warning of every comparison, in proposal order, once each."""
        return tuple(dict.fromkeys(w for c in self.comparisons for w in c.warnings))


FOOTNOTES_SECTION = "footnotes"
"""The section id of the footnote rows, which come after every section's rows."""


def proposal_name(document: Document) -> str:
    """How a compilation names a proposal by default: the Source line of its document header
    ("APT Member Administrations"), else its file name without the extension."""
    for key, value in document.header:
        if key == "source" and value.strip():
            return value.strip()
    name = document.source.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def check_name_count(names: Sequence[str] | None, count: int, named: str, fix: str) -> None:
    """Refuse (`InputError`) names given for a compilation's proposals that are not one for
    each of the `count` `named` ("proposals", "proposal folders")."""
    if names is not None and len(names) != count:
        raise InputError(None, f"{len(names)} names for {count} {named}", fix)


def unique_names(names: Sequence[str]) -> tuple[str, ...]:
    """`names` with repeats told apart ("APT", "APT (2)"): a compilation's columns are keyed by
    name."""
    seen: Counter[str] = Counter()
    result = []
    for name in names:
        seen[name] += 1
        result.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return tuple(result)


def compile_proposals(
    base: Document, proposals: Sequence[NamedProposal], comparisons: Sequence[Comparison]
) -> Compilation:
    """The compilation of `proposals` against `base`; `comparisons[i]` compares `base` (old)
    with `proposals[i]` (new)."""
    if len(proposals) != len(comparisons):
        raise ValueError("one comparison per proposal")
    if len({p.name for p in proposals}) != len(proposals):
        raise ValueError("proposal names must differ (see unique_names)")
    clauses = base.clauses
    index_of = {id(clause): i for i, clause in enumerate(clauses)}
    per_clause: list[list[tuple[str, ProposalVersion]]] = [[] for _ in clauses]
    per_heading: list[list[tuple[str, ProposalVersion]]] = [[] for _ in base.sections]
    per_note: list[list[tuple[str, ProposalVersion]]] = [[] for _ in base.footnotes]
    additions: list[_Addition] = []
    for proposal, comparison in zip(proposals, comparisons, strict=True):
        name = proposal.name
        for i, version in _clause_versions(comparison, index_of):
            per_clause[i].append((name, version))
        headings = {c.id: c for c in comparison.heading_changes}
        for i, section in enumerate(base.sections):
            change = headings.get(f"heading:{section.id}")
            per_heading[i].append((name, _text_version(section.heading, change)))
        notes = {c.old.mark: c for c in comparison.footnote_changes if c.old is not None}
        for i, note in enumerate(base.footnotes):
            per_note[i].append((name, _text_version(note.text, notes.get(note.mark))))
        additions.extend(_added_clauses(name, comparison, index_of))
        additions.extend(_added_headings_and_notes(name, comparison, len(clauses)))

    by_anchor: dict[int, list[CompilationRow]] = {}
    for anchor, row in _group_additions(additions):
        by_anchor.setdefault(anchor, []).append(row)
    rows: list[CompilationRow] = [*by_anchor.get(-1, ())]
    first_clause = _first_clause_of_sections(base)
    for i, clause in enumerate(clauses):
        for s in first_clause.get(i, ()):
            section = base.sections[s]
            text = BaseText(f"heading:{section.id}", None, section.heading)
            rows.append(_base_row(RowPart.HEADING, text, section.id, per_heading[s]))
        label = clause.label
        rows.append(
            _base_row(
                RowPart.CLAUSE,
                BaseText(clause.id, label, clause.text),
                clause.section_id,
                per_clause[i],
            )
        )
        rows.extend(by_anchor.get(i, ()))
    for s in first_clause.get(len(clauses), ()):  # sections without clauses
        section = base.sections[s]
        text = BaseText(f"heading:{section.id}", None, section.heading)
        rows.append(_base_row(RowPart.HEADING, text, section.id, per_heading[s]))
    for i, note in enumerate(base.footnotes):
        text = BaseText(f"footnote:{note.mark}", note.mark, note.text)
        rows.append(_base_row(RowPart.FOOTNOTE, text, FOOTNOTES_SECTION, per_note[i]))
    rows.extend(by_anchor.get(len(clauses), ()))
    return Compilation(base, tuple(proposals), tuple(comparisons), tuple(rows))


def _first_clause_of_sections(base: Document) -> dict[int, list[int]]:
    """For each clause index, the sections whose heading row comes right before it; sections
    with no clause of their own come before the next section's first clause (or at the end,
    under the index len(clauses))."""
    out: dict[int, list[int]] = {}
    position = 0
    for s, section in enumerate(base.sections):
        out.setdefault(position, []).append(s)
        position += len(section.clauses)
    return out


def _base_row(
    part: RowPart,
    base: BaseText,
    section_id: str,
    versions: Sequence[tuple[str, ProposalVersion]],
) -> CompilationRow:
    held = tuple(versions)
    return CompilationRow(
        part=part,
        base=base,
        section_id=section_id,
        status=base_row_status(held),
        versions=held,
        groups=identical_groups(held),
    )


def base_row_status(versions: Sequence[tuple[str, ProposalVersion]]) -> RowStatus:
    """The status of a base text's row from its versions (order does not matter)."""
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
    return (text, version.merged_into, version.moved, version.restructured)


def _suppressed(
    text: str, merged_into: str | None = None, marker: Marker = Marker.SUP
) -> ProposalVersion:
    return ProposalVersion(
        marker=marker,
        text=None,
        label=None,
        edits=(TextEdit(EditOp.DELETE, text),),
        merged_into=merged_into,
    )


def _clause_versions(
    comparison: Comparison, index_of: dict[int, int]
) -> Iterable[tuple[int, ProposalVersion]]:
    """Each base clause's version in one proposal."""
    for change in comparison.changes:
        if not change.old:
            continue
        if change.kind is ChangeKind.DELETED:
            for clause in change.old:
                yield index_of[id(clause)], _suppressed(clause.text)
            continue
        first, *rest = change.old
        yield index_of[id(first)], _clause_version(change)
        for clause in rest:  # a merge: the later base clauses point at the merged version
            yield index_of[id(clause)], _suppressed(clause.text, first.id, change.marker)


def _clause_version(change: Change) -> ProposalVersion:
    labels = [clause.label for clause in change.new if clause.label]
    return ProposalVersion(
        marker=change.marker,
        text=" ".join(clause.text for clause in change.new),
        label=" ".join(labels) if labels else None,
        edits=change.edits,
        ids=tuple(clause.id for clause in change.new),
        moved=change.moved,
        restructured=change.kind in (ChangeKind.SPLIT, ChangeKind.MERGED),
    )


def _text_version(base_text: str, change: HeadingChange | FootnoteChange | None) -> ProposalVersion:
    """A heading's or footnote's version: the base text itself when the proposal leaves it."""
    if change is None:
        return ProposalVersion(Marker.NOC, base_text, None, (TextEdit(EditOp.EQUAL, base_text),))
    new = change.new
    text = new.text if isinstance(new, Footnote) else new
    if text is None:
        return _suppressed(base_text)
    label = new.mark if isinstance(new, Footnote) else None
    moved = isinstance(change, HeadingChange) and change.moved
    return ProposalVersion(change.marker, text, label, change.edits, (change.id,), moved=moved)


@dataclass(frozen=True, slots=True)
class _Addition:
    """A text one proposal adds, placed after the base clause `anchor` (-1: before all)."""

    name: str
    anchor: int
    part: RowPart
    id: str
    label: str | None
    text: str
    section_id: str
    words: Counter[str]


def _added_clauses(
    name: str, comparison: Comparison, index_of: dict[int, int]
) -> Iterable[_Addition]:
    """The clauses `name` adds, each anchored after the nearest base clause before it."""
    anchor = -1
    for change in comparison.changes:  # in the proposal's order
        if change.old:
            if change.new:  # a deleted clause keeps no place in the proposal
                anchor = max(index_of[id(clause)] for clause in change.old)
            continue
        for clause in change.new:
            yield _addition(
                name,
                anchor,
                RowPart.CLAUSE,
                clause.id,
                clause.label,
                clause.text,
                clause.section_id,
            )


def _added_headings_and_notes(name: str, comparison: Comparison, end: int) -> Iterable[_Addition]:
    """Headings of sections `name` adds, and footnotes it adds: after the last base clause."""
    for heading in comparison.heading_changes:
        if heading.kind is ChangeKind.ADDED and heading.new is not None:
            section = heading.new_section or heading.id
            yield _addition(name, end, RowPart.HEADING, heading.id, None, heading.new, section)
    for note in comparison.footnote_changes:
        if note.kind is ChangeKind.ADDED and note.new is not None:
            yield _addition(
                name,
                end,
                RowPart.FOOTNOTE,
                note.id,
                note.new.mark,
                note.new.text,
                FOOTNOTES_SECTION,
            )


def _addition(
    name: str,
    anchor: int,
    part: RowPart,
    item_id: str,
    label: str | None,
    text: str,
    section_id: str,
) -> _Addition:
    return _Addition(
        name, anchor, part, item_id, label, text, section_id, Counter(match_tokens(text))
    )


def _group_additions(additions: Sequence[_Addition]) -> list[tuple[int, CompilationRow]]:
    """Rows of added texts: an addition joins the most similar row of its part that holds none
    of its proposal's additions yet, if they share at least ADDED_SIMILARITY_FLOOR of their
    words."""
    rows: list[list[_Addition]] = []
    for addition in additions:
        best: tuple[float, int] | None = None
        for r, members in enumerate(rows):
            if members[0].part is not addition.part:
                continue
            if any(member.name == addition.name for member in members):
                continue
            score = min(_dice(addition.words, member.words) for member in members)
            if score >= ADDED_SIMILARITY_FLOOR and (best is None or score > best[0]):
                best = (score, r)
        if best is None:
            rows.append([addition])
        else:
            rows[best[1]].append(addition)
    return [(min(m.anchor for m in members), _added_row(members)) for members in rows]


def _added_row(members: Sequence[_Addition]) -> CompilationRow:
    versions = tuple(
        (
            member.name,
            ProposalVersion(
                marker=Marker.ADD,
                text=member.text,
                label=member.label,
                edits=(TextEdit(EditOp.INSERT, member.text),),
                ids=(member.id,),
            ),
        )
        for member in members
    )
    similarity = (
        min(_dice(a.words, b.words) for a in members for b in members if a is not b)
        if len(members) > 1
        else None
    )
    return CompilationRow(
        part=members[0].part,
        base=None,
        section_id=members[0].section_id,
        status=RowStatus.ADDED,
        versions=versions,
        groups=identical_groups(versions),
        similarity=similarity,
    )


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    return 2 * sum((a & b).values()) / total
