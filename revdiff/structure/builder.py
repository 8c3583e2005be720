"""Building sections and clauses: nesting clauses by their labels and giving each a stable id."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from revdiff.errors import InputError
from revdiff.model import (
    Block,
    Clause,
    Proposal,
    ReportWarning,
    Section,
    SectionKind,
    SourceLocation,
    WarningCode,
)
from revdiff.structure.common import TERMINAL, TITLE_MAX_WORDS, style_role
from revdiff.structure.footnotes import strip_typed_marks
from revdiff.structure.labels import (
    Label,
    as_roman,
    continues,
    is_prefix,
    parse_given_label,
    roman_value,
    same_level,
    split_label,
)

WARNINGS_PER_KIND = 10  # a damaged input can repeat one problem thousands of times
BODY_SECTION_ID = "body"


@dataclass(slots=True)
class Draft:
    """What nesting needs to know of a clause while it may still receive children. Its `Clause`
    is made at once; a draft lives only while it is open (on its section's stack or a parent)."""

    id: str
    label: Label | None
    text: str
    parent: Draft | None
    heading_like: bool
    children_counts: dict[str, int] | None = None  # made for the first child
    # Stored, not derived by walking up: a hostile input may nest thousands of levels deep.
    depth: int = field(init=False)
    kind: str = field(init=False)
    # A numbered clause's label components (``1.3`` → ``("1", "3")``); () for any other. Stored:
    # nesting compares them with those of every open clause.
    components: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.depth = 0 if self.parent is None else self.parent.depth + 1
        self.kind = self.label.kind if self.label else "para"
        self.components = self.label.components if self.label and self.kind == "num" else ()


@dataclass(slots=True)
class SectionDraft:
    id: str
    heading: str
    kind: SectionKind
    title: str | None
    block: Block | None
    clauses: list[Clause] = field(default_factory=list)
    stack: list[Draft] = field(default_factory=list)
    top_counts: dict[str, int] = field(default_factory=dict)


class Builder:
    """Collects sections and nests clauses by their labels. Used only inside `parse_structure`."""

    def __init__(self, source: str, place: str = "line", max_clauses: int | None = None) -> None:
        self.source = source
        self.place = place  # "line" for text, "paragraph" for Word: what a location counts
        self.max_clauses = max_clauses
        self.clause_count = 0
        self.sections: list[SectionDraft] = []
        self.used_section_ids: set[str] = set()
        self.next_section_suffix: dict[str, int] = {}  # base id → next -N to try (stays linear)
        # A clause id starts with its section's id and "/", which no section id holds: ids can
        # only clash within a section, so these are kept for the current section only.
        self.used_clause_ids: set[str] = set()
        self.next_clause_suffix: dict[str, int] = {}
        self.warnings: list[str] = []
        self.notices: list[ReportWarning] = []
        self.pending: Proposal | None = None  # a marker waiting for its provision
        self.pending_block: Block | None = None
        self.proposed: tuple[SectionDraft, int] | None = None  # the last clause with a marker
        # Markers with no provision in this view (SUP accepted, ADD original), and whether the
        # notes that follow are still theirs.
        self.detached: list[Proposal] = []
        # SUP proposals detached since the last labelled clause: in the accepted view of a
        # proposal their provisions are gone, so a gap in the labels there is explained.
        self.suppressed_since_label = 0
        self.notes_detached = False
        self.warning_counts: dict[str, int] = {}

    def warn(
        self,
        category: str,
        message: str,
        block: Block | None = None,
        code: WarningCode = WarningCode.PARSE,
    ) -> None:
        """Record a parse warning about `block`; after a few of one category, only count the
        rest."""
        seen = self.warning_counts.get(category, 0)
        self.warning_counts[category] = seen + 1
        if seen < WARNINGS_PER_KIND:
            self.warnings.append(self._where(block) + message)
            line = block.location if block is not None else None
            self.notices.append(ReportWarning(code, self.source, message, line))

    def summarise_warnings(self) -> None:
        for category, count in self.warning_counts.items():
            if count > WARNINGS_PER_KIND:
                self.warnings.append(
                    f"… and {count - WARNINGS_PER_KIND} more warnings like these ({category})"
                )

    @staticmethod
    def _unique(base: str, used: set[str], next_suffix: dict[str, int]) -> str:
        if base not in used:
            used.add(base)
            return base
        counter = next_suffix.get(base, 2)
        while f"{base}-{counter}" in used:
            counter += 1
        next_suffix[base] = counter + 1
        unique = f"{base}-{counter}"
        used.add(unique)
        return unique

    # Sections --------------------------------------------------------------------------------

    def open_section(
        self, base_id: str, heading: str, kind: SectionKind, title: str | None, block: Block | None
    ) -> None:
        base_id = base_id or "section"
        section_id = self._unique(base_id, self.used_section_ids, self.next_section_suffix)
        if section_id != base_id:
            self.warn(
                "repeated headings",
                f"the heading {heading!r} repeats an earlier one; its section id is {section_id!r}",
                block,
            )
        self.sections.append(SectionDraft(section_id, heading, kind, title, block))
        self.used_clause_ids = set()
        self.next_clause_suffix = {}

    @property
    def current(self) -> SectionDraft:
        if not self.sections:
            self.open_section(BODY_SECTION_ID, "", SectionKind.BODY, None, None)
        return self.sections[-1]

    # Clauses ---------------------------------------------------------------------------------

    def add_block(self, block: Block) -> None:
        text = block.text.strip()
        label: Label | None = None
        if block.label:
            label = parse_given_label(block.label)
        elif not block.in_table:
            split = split_label(text)
            if split is not None:
                label, text = split
        if label is not None and (label.ambiguous or label.weak):  # else settled already
            label = self._settle_label(label)
            if label is None:
                text = block.text.strip()
        if label is None:
            self._add_paragraph(block, text)
        else:
            self._add_labelled(block, label, text)

    def _settle_label(self, label: Label) -> Label | None:
        """Decide what context-dependent labels are: a single letter that is also a roman
        numeral, and a number followed only by a space (a label only if the sequence agrees)."""
        stack = self.current.stack
        if label.ambiguous:
            letter_kind = label.kind
            roman_kind = letter_kind.replace("letter", "roman")
            roman = roman_value(label.segment.removesuffix(label.suffix)) or 0
            for draft in reversed(stack):
                value = draft.label.value if draft.label else None
                if value is None:
                    continue
                if draft.kind == letter_kind and label.value in {value, value + 1}:
                    return label
                if draft.kind == roman_kind and roman in {value, value + 1}:
                    return as_roman(label, roman_kind, roman)
            if label.segment.startswith("i"):
                return as_roman(label, roman_kind, roman)
            return label
        if label.weak:
            # "333.2 million people …", "2.5 GHz": a number and a space is a label only when it
            # continues a numbered list or opens one.
            for draft in reversed(stack):
                if draft.kind != "num" or draft.label is None:
                    continue
                if is_prefix(draft.label.components, label.components):
                    return label
                if same_level(draft.label, label) and continues(draft.label, label):
                    return label
            if label.value == 1 and not label.suffix:
                return label
            return None
        return label

    def _add_labelled(self, block: Block, label: Label, text: str) -> None:
        section = self.current
        stack = section.stack
        parent: Draft | None
        previous: Draft | None = None
        kind = label.kind
        components = label.components
        size = len(components)
        # Plain loops over the open clauses, last first, rather than next() over a generator or
        # helper calls: this runs for every labelled clause.
        parent_at: int | None = None  # a number's parent: the last clause whose number heads it
        sibling_at: int | None = None  # the last clause of the same list (1.4 after 1.3)
        if kind == "num":
            for i in range(len(stack) - 1, -1, -1):
                head = stack[i].components
                if head and len(head) < size and components[: len(head)] == head:
                    parent_at = i
                    break
            # A sibling counts only above the parent: below it, it is an uncle.
            level = components[:-1]
            for i in range(len(stack) - 1, -1 if parent_at is None else parent_at, -1):
                other = stack[i].components
                if other and len(other) == size and other[:-1] == level:
                    sibling_at = i
                    break
        else:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].kind == kind:
                    sibling_at = i
                    break
        if sibling_at is not None:
            previous = stack[sibling_at]
            del stack[sibling_at:]
            parent = stack[-1] if stack else None
        elif kind != "num":
            parent = self._list_parent(stack)
        elif parent_at is not None:
            del stack[parent_at + 1 :]
            parent = stack[-1]
        elif size > 1:
            stack.clear()
            parent = None
        elif any(draft.kind == "num" for draft in stack):
            # "1bis" after 1.1–1.3 with no item 1: a number of the first level, never a
            # child of 1.3.
            del stack[next(i for i, draft in enumerate(stack) if draft.kind == "num") :]
            parent = stack[-1] if stack else None
        else:
            parent = self._list_parent(stack)
        if previous is not None and previous.label is not None and not self.suppressed_since_label:
            self._check_sequence(previous.label, label, block)
        self.suppressed_since_label = 0
        draft = Draft(
            self._clause_id(section, parent, label, block),
            label,
            text,
            parent,
            heading_like=is_heading_like(block, label, text),
        )
        self._append(section, draft, block)

    def _list_parent(self, stack: list[Draft]) -> Draft | None:
        """The clause a new list hangs under: the last open clause, unless that is a paragraph
        that does not introduce a list (it does when it ends with a colon)."""
        while stack and stack[-1].kind == "para" and not stack[-1].text.rstrip().endswith(":"):
            stack.pop()
        return stack[-1] if stack else None

    def _add_paragraph(self, block: Block, text: str) -> None:
        section = self.current
        stack = section.stack
        if style_role(block.style) == "list" and stack:
            parent: Draft | None = stack[-1]
        else:
            # A plain paragraph belongs to the heading it follows (1.13 Voting → its text), or
            # to the section itself.
            while stack and not stack[-1].heading_like:
                stack.pop()
            parent = stack[-1] if stack else None
        draft = Draft(
            self._clause_id(section, parent, None, block), None, text, parent, heading_like=False
        )
        self._append(section, draft, block)

    def _append(self, section: SectionDraft, draft: Draft, block: Block) -> None:
        """Open `draft` and add its clause to `section`."""
        self.clause_count += 1
        if self.max_clauses is not None and self.clause_count > self.max_clauses:
            raise InputError(
                self.source,
                f"it holds more than {self.max_clauses:,} clauses, the most revdiff compares "
                "(a resolution has hundreds)",
                "check that this is the document you meant, or compare its parts one by one",
            )
        section.stack.append(draft)
        parent = draft.parent
        section.clauses.append(
            Clause(
                draft.id,
                section.id,
                draft.label.text if draft.label else None,
                strip_typed_marks(draft.text, block.footnotes) if block.footnotes else draft.text,
                SourceLocation(self.source, block.location),
                block.footnotes,
                parent.id if parent else None,
                draft.depth,
                block.style,
                self.pending,
            )
        )
        if self.pending is not None:
            self.proposed = (section, len(section.clauses) - 1)
            self.pending = None
        self.notes_detached = False

    # Proposals -------------------------------------------------------------------------------

    def propose(self, proposal: Proposal, block: Block) -> None:
        """A marker (``MOD ACP/64A1/1``): the next clause is the provision it proposes."""
        self.close_proposal()
        self.pending = proposal
        self.pending_block = block
        self.notes_detached = False

    def close_proposal(self) -> None:
        """Say so when a marker found no provision before the next marker or the end."""
        if self.pending is not None and self.pending.marker in {"SUP", "(SUP)"}:
            self.detached.append(self.pending)  # its provision deleted in this view
            self.suppressed_since_label += 1
        elif self.pending is not None:
            self.warn(
                "markers",
                f"the proposal marker {self.pending.marker!r} is not followed by a provision "
                "(expected the provision's text or number on the next line)",
                self.pending_block,
                WarningCode.MARKER,
            )
        self.pending = None

    def add_note(self, kind: str, text: str) -> bool:
        """Attach a ``Reasons:`` or ``References:`` text to the last proposed clause; False when
        no clause was proposed (it belongs to the whole text)."""
        if self.pending is not None:  # "SUP ACP/1/3" then its reasons: no provision in this view
            self.detached.append(replace(self.pending, **{kind: text}))
            if self.pending.marker in {"SUP", "(SUP)"}:
                self.suppressed_since_label += 1
            self.pending = None
            self.notes_detached = True
            return True
        if self.notes_detached:  # its References after its Reasons
            last = self.detached[-1]
            earlier = getattr(last, kind)
            self.detached[-1] = replace(last, **{kind: f"{earlier} {text}" if earlier else text})
            return True
        if self.proposed is None:
            return False
        section, position = self.proposed
        clause = section.clauses[position]
        proposal = clause.proposal or Proposal("MOD")
        earlier = getattr(proposal, kind)
        joined = f"{earlier} {text}" if earlier else text
        section.clauses[position] = replace(clause, proposal=replace(proposal, **{kind: joined}))
        return True

    def _clause_id(
        self, section: SectionDraft, parent: Draft | None, label: Label | None, block: Block
    ) -> str:
        if parent is None:
            counts = section.top_counts
        else:
            if parent.children_counts is None:
                parent.children_counts = {}
            counts = parent.children_counts
        base = parent.id if parent else section.id
        if label is None:
            counts["p"] = counts.get("p", 0) + 1
            segment = f"p{counts['p']}"
        elif label.kind in {"indent", "bullet"}:
            counts["-"] = counts.get("-", 0) + 1
            segment = f"-{counts['-']}"
        else:
            segment = label.segment
            if (
                label.kind == "num"
                and parent is not None
                and parent.label is not None
                and parent.kind == "num"
                and is_prefix(parent.label.components, label.components)
            ):
                # A dotted number is its own path: 1.3.1 under 1.3 is section-1/1.3.1.
                base = parent.id.rsplit("/", 1)[0]
        wanted = f"{base}/{segment}"
        clause_id = self._unique(wanted, self.used_clause_ids, self.next_clause_suffix)
        if clause_id != wanted:
            shown = label.text if label else "paragraph"
            self.warn(
                "duplicate labels",
                f"duplicate label {shown!r} in {section.id!r}; its id is {clause_id}",
                block,
                WarningCode.LABEL_SEQUENCE,
            )
        return clause_id

    def _check_sequence(self, previous: Label, label: Label, block: Block) -> None:
        if label.kind in {"indent", "bullet"} or label.kind.startswith("other:"):
            return
        # A repeated label is reported as a duplicate when its id is made.
        if label.text != previous.text and not continues(previous, label):
            self.warn(
                "label sequence",
                f"label {label.text!r} follows {previous.text!r} (a label missing or out of "
                "order?)",
                block,
                WarningCode.LABEL_SEQUENCE,
            )

    def _where(self, block: Block | None) -> str:
        return f"{self.place} {block.location}: " if block is not None else ""

    # Result ----------------------------------------------------------------------------------

    def build_sections(self) -> tuple[Section, ...]:
        sections = []
        for draft in self.sections:
            clauses = tuple(draft.clauses)
            draft.clauses.clear()
            location = SourceLocation(self.source, draft.block.location) if draft.block else None
            sections.append(
                Section(draft.id, draft.heading, draft.kind, clauses, draft.title, location)
            )
        return tuple(sections)


def is_heading_like(block: Block, label: Label, text: str) -> bool:
    """A numbered clause that is a heading (``1.13\\tVoting``): its paragraphs nest under it."""
    if block.style:  # plain text has none (and no role)
        role = style_role(block.style)
        if role == "heading":
            return True
        if role is not None:
            return False
    return (
        label.kind == "num"
        and bool(text)
        and not text.rstrip().endswith(TERMINAL)
        # At most one split more than the limit: a long clause need not be split whole.
        and len(text.split(None, TITLE_MAX_WORDS)) <= TITLE_MAX_WORDS
    )
