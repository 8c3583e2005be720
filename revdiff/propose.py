"""The plan of an ITU proposal document: which provision gets which marker (``MOD``, ``ADD``,
``SUP``, ``(MOD)``, ``NOC``), which proposal id (``ACP/64A1/3``) and which reasons, and the
header fields on top. Pure: a `Comparison` and the options in, a `ProposalPlan` out; the Word
writer (`revdiff.redline.proposal`) and the Markdown and HTML renderers
(`revdiff.render.proposal`, whose `proposal_output` picks one of the three) all draw the
same plan.

A proposal document, as regional groups send them to a conference, is the new text in which
every provision proposed for change stands after a marker line (``MOD<TAB>ACP/64A1/3``) and
before a ``Reasons:`` paragraph. Ids number every marked provision in document order; with
``--noc collapse`` the unchanged provisions carry no marker (and so no id).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from revdiff.errors import RevdiffError
from revdiff.language import NAMES as LANGUAGE_NAMES
from revdiff.model import Change, Clause, Comparison, Marker, Proposal

__all__ = [
    "PLACEHOLDER",
    "NocMode",
    "ProposalPlan",
    "ProposeOptions",
    "Provision",
    "check_prefix",
    "plan_proposal",
]

PLACEHOLDER = "[to be completed]"
"""The reasons of a changed provision the reasons file says nothing about."""

WHOLE_TEXT = "resolution"
"""The reasons-file key of the proposal on the whole text (its number line, title, history or
preamble changed), as ITU marks a revised resolution: ``MOD ACP/64A1/1`` before its number
line."""

# What the reader takes for a proposal id (revdiff.structure.proposal): a capital, then
# segments after slashes. A prefix must give such ids once "/<n>" is added.
_PREFIX = re.compile(r"[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9.()]+)*")

# Header fields in the order ITU's cover pages give them, with the label each is written with.
HEADER_LABELS: tuple[tuple[str, str], ...] = (
    ("document", "Document"),
    ("date", "Date"),
    ("original", "Original"),
    ("source", "Source"),
    ("title", "Title"),
    ("agenda_item", "Agenda item"),
)


class NocMode(StrEnum):
    """How unchanged provisions appear: each after its own NOC marker, or without a marker."""

    SHOW = "show"
    COLLAPSE = "collapse"


@dataclass(frozen=True, slots=True)
class ProposeOptions:
    """What the author of the proposal says: the id prefix (``ACP/64A1``; None: markers
    without ids), how unchanged provisions show, the reasons by clause id, and header fields
    (key, value) as `HEADER_LABELS` names them."""

    prefix: str | None = None
    noc: NocMode = NocMode.SHOW
    reasons: tuple[tuple[str, str], ...] = ()
    header: tuple[tuple[str, str], ...] = ()
    date: datetime | None = None


@dataclass(frozen=True, slots=True)
class Provision:
    """One provision as the proposal shows it: its change, its marker (None: shown without a
    marker, an unchanged provision under ``--noc collapse``), its proposal id and its reasons
    (None: no Reasons paragraph)."""

    change: Change
    marker: Marker | None
    id: str | None
    reasons: str | None

    @property
    def key(self) -> str:
        """The clause id the provision is known by: the new clause's, else the old one's."""
        clause = self.change.new[0] if self.change.new else self.change.old[0]
        return clause.id

    @property
    def side(self) -> str:
        """Where the provision is shown: "new" (its new paragraphs) or "old" (deleted)."""
        return "new" if self.change.new else "old"

    @property
    def marker_line(self) -> str | None:
        """The marker paragraph's text, ``MOD<TAB>ACP/64A1/3`` (None without a marker)."""
        if self.marker is None:
            return None
        return f"{self.marker.value}\t{self.id}" if self.id else self.marker.value


@dataclass(frozen=True, slots=True)
class ProposalPlan:
    """A whole proposal: the comparison it shows, the header fields on top (key, label,
    value), the proposal on the whole text (when a metadata line changed: its marker stands
    before the number line, its reasons after the preamble), every change as a `Provision` in
    document order, and the reasons-file keys that name no provision (said as warnings)."""

    comparison: Comparison
    header: tuple[tuple[str, str, str], ...]
    provisions: tuple[Provision, ...]
    noc: NocMode
    unused_reasons: tuple[str, ...] = ()
    whole: Proposal | None = None

    @property
    def whole_line(self) -> str | None:
        """The whole text's marker line, ``MOD<TAB>ACP/64A1/1`` (None: no such proposal)."""
        whole = self.whole
        if whole is None:
            return None
        return f"{whole.marker}\t{whole.id}" if whole.id else whole.marker

    @property
    def marked(self) -> tuple[Provision, ...]:
        """The provisions proposed for change (MOD, (MOD), ADD, SUP)."""
        return tuple(p for p in self.provisions if p.marker not in (None, Marker.NOC))

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(
            f"the reasons given for {key!r} name no provision of either version (not used)"
            for key in self.unused_reasons
        )


def check_prefix(prefix: str | None) -> str | None:
    """The prefix of the proposal ids without a trailing slash; a prefix whose ids would not
    read back as ids (``ACP 64``) is refused."""
    if prefix is None:
        return None
    cleaned = prefix.strip().rstrip("/")
    if not _PREFIX.fullmatch(cleaned):
        raise RevdiffError(
            None,
            f"--prefix {prefix!r} does not make proposal ids ITU documents use",
            "write it as capitals and slashes without spaces, e.g. --prefix ACP/64A1",
        )
    return cleaned


def plan_proposal(comparison: Comparison, options: ProposeOptions) -> ProposalPlan:
    """Every change of `comparison` as a provision of the proposal, ids in document order."""
    prefix = check_prefix(options.prefix)
    reasons = dict(options.reasons)
    numbered: list[tuple[Change, Marker | None, str | None]] = []
    number = 0
    whole: Proposal | None = None
    used: set[str] = set()
    if any(change.changed for change in comparison.metadata):
        number += 1
        whole_id = f"{prefix}/{number}" if prefix else None
        key = next((k for k in (whole_id, WHOLE_TEXT) if k and k in reasons), None)
        if key is not None:
            used.add(key)
        whole = Proposal(Marker.MOD.value, whole_id, reasons[key] if key else PLACEHOLDER)
    for change in document_order(comparison):
        marker = _marker(change, options.noc)
        proposal_id = None
        if marker is not None:
            number += 1
            proposal_id = f"{prefix}/{number}" if prefix else None
        numbered.append((change, marker, proposal_id))
    found, matched = _match_reasons(numbered, {k: v for k, v in reasons.items() if k not in used})
    used |= matched
    provisions: list[Provision] = []
    for index, (change, marker, proposal_id) in enumerate(numbered):
        given = found.get(index)
        if given is None and marker not in (None, Marker.NOC):
            given = PLACEHOLDER
        provisions.append(Provision(change, marker, proposal_id, given))
    unused = tuple(key for key in reasons if key not in used)
    return ProposalPlan(
        comparison,
        proposal_header(comparison, options.header, options.date),
        tuple(provisions),
        options.noc,
        unused,
        whole,
    )


_Item = tuple[str, str]  # a paragraph of the Word proposal: ("new", clause id), ("heading", …)


def document_order(comparison: Comparison) -> list[Change]:
    """The changes in the order the Word proposal shows them, as the redline writer places them:
    the new clauses in the new document's order; each clause the new version lacks (deleted, or
    the old place of a moved one) after what shows its old predecessor, or after its section's
    heading when that section is in both versions. This order numbers the ids."""
    token: dict[int, _Item] = {}  # change -> the paragraph its marker stands before
    order: list[_Item] = []
    for section in comparison.new.sections:
        order.append(("heading", section.id))
        order.extend(("new", clause.id) for clause in section.clauses)
    home: dict[str, _Item] = {}  # old clause -> the paragraph that ends it when rejected
    old_side: dict[str, Change] = {}
    new_rank = {clause.id: k for k, clause in enumerate(comparison.new.clauses)}
    old_rank = {clause.id: k for k, clause in enumerate(comparison.old.clauses)}
    for change in comparison.changes:
        if change.new:
            token[id(change)] = ("new", change.new[0].id)
        if change.old and change.new and not change.moved:
            if _together(change.new, new_rank) and _together(change.old, old_rank):
                for clause in change.old:
                    home[clause.id] = ("new", change.new[-1].id)
            else:  # shown as its first parts modified, the other old ones deleted
                home[change.old[0].id] = ("new", change.new[0].id)
                old_side.update((clause.id, change) for clause in change.old[1:])
        elif change.old:
            old_side.update((clause.id, change) for clause in change.old)
    in_new = {section.id for section in comparison.new.sections}
    # Sections that changed places: their old heading is put back, and is the anchor.
    from revdiff.redline.plan import moved_section_ids

    titled = {s.id for s in comparison.new.sections if s.heading or s.title}
    moved = set(moved_section_ids(comparison, titled.__contains__))
    # What the writer puts right after each paragraph (None: the top), newest first: each old
    # paragraph goes right after its anchor, before those put there earlier.
    after: dict[_Item | None, list[_Item]] = {}
    anchor: _Item | None = None
    for section in comparison.old.sections:
        if section.id in moved and (section.heading or section.title):
            item = ("old heading", section.id)
            after.setdefault(anchor, []).insert(0, item)
            anchor = item
        elif section.id in in_new:
            anchor = ("heading", section.id)
        for clause in section.clauses:
            if clause.id in home:
                anchor = home[clause.id]
            elif clause.id in old_side:
                item = ("old", clause.id)
                after.setdefault(anchor, []).insert(0, item)
                anchor = item
                change = old_side[clause.id]
                if not change.new:
                    token.setdefault(id(change), item)
    rank: dict[_Item, int] = {}

    def visit(item: _Item | None) -> None:
        pending = [item]
        while pending:
            current = pending.pop()
            if current is not None:
                rank[current] = len(rank)
            pending.extend(reversed(after.get(current, [])))

    visit(None)
    for item in order:
        visit(item)
    return sorted(comparison.changes, key=lambda change: rank[token[id(change)]])


def _together(clauses: Sequence[Clause], rank: Mapping[str, int]) -> bool:
    """Whether a split's or a merge's clauses stand next to each other in one section, as the
    writer needs to show them as one stretch of paragraphs."""
    places = [rank.get(clause.id, -10) for clause in clauses]
    return len({c.section_id for c in clauses}) == 1 and all(
        b == a + 1 for a, b in itertools.pairwise(places)
    )


def _match_reasons(
    numbered: Sequence[tuple[Change, Marker | None, str | None]], reasons: Mapping[str, str]
) -> tuple[dict[int, str], set[str]]:
    """The reasons of each provision (by index) from the file's keys, and the keys used. A key
    may be a proposal id (``ACP/64A1/3``) or a clause id. A clause id names the OLD clause
    first, as proposals cite the text in force (``considering/c`` deleted, not the ``d)``
    relettered into its place); a key no old clause has names the new clause (an added one)."""
    found: dict[int, str] = {}
    taken: set[str] = set()
    for side in ("id", "old", "new"):
        for index, (change, _, proposal_id) in enumerate(numbered):
            if index in found:
                continue
            if side == "id":
                keys = [proposal_id] if proposal_id else []
            else:
                keys = [c.id for c in (change.old if side == "old" else change.new)]
            key = next((k for k in keys if k in reasons and k not in taken), None)
            if key is not None:
                found[index] = reasons[key]
                taken.add(key)
    return found, taken


def _marker(change: Change, noc: NocMode) -> Marker | None:
    if not change.is_change:
        return Marker.NOC if noc is NocMode.SHOW else None
    if change.marker is Marker.NOC:  # a change the classifier calls none: still proposed
        return Marker.MOD_EDITORIAL
    return change.marker


def proposal_header(
    comparison: Comparison,
    given: Sequence[tuple[str, str]],
    date: datetime | None,
) -> tuple[tuple[str, str, str], ...]:
    """The header fields (key, label, value) in ITU's order: the given ones, a title from the
    old version's number line, the date and the language of the text when known."""
    fields: dict[str, str] = {key: value for key, value in given if value.strip()}
    old = comparison.old.metadata
    if "title" not in fields:
        named = old.number_line or comparison.new.metadata.number_line
        fields["title"] = f"Proposed revision of {_sentence_case(named)}" if named else "Proposal"
    if "date" not in fields and date is not None:
        fields["date"] = f"{date.day} {date:%B %Y}"
    language = comparison.new.language or comparison.old.language
    if "original" not in fields and language in LANGUAGE_NAMES:
        fields["original"] = LANGUAGE_NAMES[language]
    return tuple(
        (key, label, " ".join(fields[key].split())) for key, label in HEADER_LABELS if key in fields
    )


def _sentence_case(number_line: str) -> str:
    """``RESOLUTION 84 (Rev. Hammamet, 2016)`` -> ``Resolution 84 (Rev. Hammamet, 2016)``."""
    head, _, rest = number_line.partition(" ")
    if head.isupper() and len(head) > 3:
        head = head.capitalize()
    return f"{head} {rest}".strip()
