"""A mutable copy of a parsed resolution that the generator revises, and its serializer.

`draft_from_document` turns a parsed `Document` into a tree of `Node`s (one per clause, children
under their parent). `serialize_draft` writes a draft back as the Tika-like text the text loader
reads (one paragraph a line, ``label<TAB>text``) and says on which line each clause landed: the
line is how the true pairs are tied to the clauses that revdiff and the baselines see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from revdiff.model import Document
from revdiff.normalize import to_roman


@dataclass
class Node:
    """One clause of a draft. `origins` are the uids of the old clauses it comes from."""

    uid: int
    label: str | None
    text: str
    children: list[Node] = field(default_factory=list)
    origins: tuple[int, ...] = ()
    # What the revisions did to the text: None when the expected nature is ambiguous.
    natures: set[str] | None = field(default_factory=set)
    # True when a revision moved it, None when which of several clauses "moved" is ambiguous.
    moved: bool | None = False
    touched: bool = False  # a content revision already applied: one per clause keeps truth clean


@dataclass
class Part:
    """One section of a draft: its heading line, optional title line, kind and clauses."""

    heading: str
    title: str | None
    kind: str
    nodes: list[Node]
    # The closing punctuation of its items ("; … ;" then "," or "."), when it follows ITU usage.
    terminal: tuple[str, str] | None = None


@dataclass
class Draft:
    """A whole resolution: metadata lines and sections."""

    name: str
    metadata: list[str]
    parts: list[Part]
    next_uid: int = 0

    def new_uid(self) -> int:
        self.next_uid += 1
        return self.next_uid - 1


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Every node of a forest, in document order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def all_nodes(draft: Draft) -> Iterator[Node]:
    for part in draft.parts:
        yield from walk(part.nodes)


_TERMINALS = ";,."


def _detect_terminal(nodes: list[Node]) -> tuple[str, str] | None:
    """ITU lists end every item but the last with ";" and the last with "," or "."."""
    if len(nodes) < 2:
        return None
    ends = [n.text.rstrip()[-1:] for n in nodes]
    middle, last = ends[:-1], ends[-1]
    if all(e == ";" for e in middle) and last in ",.":
        return (";", last)
    return None


def _one_line(text: str) -> str:
    return " ".join(text.splitlines()).strip()


def draft_from_document(document: Document, name: str) -> Draft:
    """A draft of `document`: every clause a node with a fresh uid, nested as parsed."""
    draft = Draft(name=name, metadata=[], parts=[])
    meta = document.metadata
    for line in (meta.number_line, meta.title, meta.history, meta.preamble):
        if line:
            draft.metadata.append(_one_line(line))
    for section in document.sections:
        by_id: dict[str, Node] = {}
        roots: list[Node] = []
        for clause in section.clauses:
            uid = draft.new_uid()
            node = Node(uid=uid, label=clause.label, text=clause.text, origins=(uid,))
            parent = by_id.get(clause.parent_id) if clause.parent_id else None
            (parent.children if parent else roots).append(node)
            by_id[clause.id] = node
        part = Part(
            heading=_one_line(section.heading),
            title=_one_line(section.title) if section.title else None,
            kind=str(section.kind),
            nodes=roots,
        )
        part.terminal = _detect_terminal(roots) if part.kind in ("preamble", "operative") else None
        draft.parts.append(part)
    return draft


def clause_line(label: str | None, text: str) -> str:
    """One clause as a line of Tika-like text: the label, a tab, the text."""
    text = _one_line(text)
    return f"{label}\t{text}" if label else text


def serialize_draft(draft: Draft) -> tuple[str, dict[int, int]]:
    """The draft as text the loader reads, and the 1-based line of each node's uid."""
    lines: list[str] = list(draft.metadata)
    where: dict[int, int] = {}
    for part in draft.parts:
        lines.append(part.heading)
        if part.title:
            lines.append(part.title)
        for node in walk(part.nodes):
            lines.append(clause_line(node.label, node.text))
            where[node.uid] = len(lines)
    return "\n".join(lines) + "\n", where


def serialize_document(document: Document) -> str:
    """A parsed document written back as Tika-like text (clauses, headings and metadata)."""
    return serialize_draft(draft_from_document(document, document.source))[0]


# --------------------------------------------------------------------------------------------
# Labels: which sequence a list of sibling labels follows, and how to renumber it

_SUFFIX = re.compile(r"(bis|ter|quater)$")


def from_roman(text: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    if not text or any(ch not in values for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = values[ch]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total if to_roman(total) == text else None


def suffix_of(label: str | None) -> str:
    """The "bis"/"ter" of an inserted item's label (``b)bis``, ``1bis``), else ''."""
    if not label:
        return ""
    match = _SUFFIX.search(label)
    return match.group(1) if match else ""


@dataclass(frozen=True)
class Scheme:
    """How a list of siblings is numbered: letters ``a)``, roman ``i)``, numbers ``1``, numbers
    with a parenthesis ``1)``, or dotted ``1.3.2`` under a prefix; and the first value."""

    kind: str
    start: int
    prefix: str = ""

    def format(self, value: int) -> str:
        if self.kind == "letter":
            return f"{chr(ord('a') + value - 1)})"
        if self.kind == "roman":
            return f"{to_roman(value)})"
        if self.kind == "paren":
            return f"{value})"
        if self.kind == "dotted":
            return f"{self.prefix}.{value}"
        return str(value)

    def capacity(self) -> int:
        return 26 if self.kind == "letter" else 10_000


def _value(kind: str, base: str) -> tuple[int, str] | None:
    """The position a label stands for in a scheme, and its dotted prefix."""
    if kind == "letter":
        m = re.fullmatch(r"([a-z])\)", base)
        return (ord(m.group(1)) - ord("a") + 1, "") if m else None
    if kind == "roman":
        m = re.fullmatch(r"([ivxlc]+)\)", base)
        value = from_roman(m.group(1)) if m else None
        return (value, "") if value else None
    if kind == "number":
        return (int(base), "") if re.fullmatch(r"[1-9]\d*", base) else None
    if kind == "paren":
        m = re.fullmatch(r"([1-9]\d*)\)", base)
        return (int(m.group(1)), "") if m else None
    if kind == "dotted":
        m = re.fullmatch(r"(.+)\.([1-9]\d*)", base)
        return (int(m.group(2)), m.group(1)) if m else None
    return None


def detect_scheme(nodes: list[Node]) -> Scheme | None:
    """The numbering a sibling list follows, if its labels run in sequence; None otherwise."""
    plain = [n for n in nodes if not suffix_of(n.label)]
    if not plain or any(n.label is None for n in nodes):
        return None
    bases = [n.label for n in plain if n.label]
    for kind in ("roman", "letter", "number", "paren", "dotted"):
        values = [_value(kind, b) for b in bases]
        if any(v is None for v in values):
            continue
        numbers = [v[0] for v in values if v]
        prefixes = {v[1] for v in values if v}
        if len(prefixes) != 1 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            continue
        if kind == "roman" and numbers[0] != 1:
            continue  # "i)" alone after "h)" is a letter
        return Scheme(kind, numbers[0], prefixes.pop())
    return None


def _rename_prefix(nodes: list[Node], old: str, new: str) -> None:
    """After ``1.11`` became ``1.12``, its ``1.11.1`` becomes ``1.12.1``."""
    for node in nodes:
        if node.label and node.label.startswith(old + "."):
            node.label = new + node.label[len(old) :]
        _rename_prefix(node.children, old, new)


def relabel(nodes: list[Node], scheme: Scheme) -> None:
    """Number `nodes` in order from the scheme's start, as an editor renumbers after a change;
    an item with a ``bis`` suffix keeps following the item before it."""
    value = scheme.start
    previous: str | None = None
    for node in nodes:
        suffix = suffix_of(node.label)
        old = node.label
        if suffix:
            if previous is None:
                continue
            node.label = previous + suffix
        else:
            node.label = scheme.format(value)
            previous = node.label
            value += 1
        if old and node.label != old and scheme.kind == "dotted":
            _rename_prefix(node.children, old, node.label)
