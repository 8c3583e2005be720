"""Hypothesis strategies for the redline: comparisons built BY CONSTRUCTION, not by the compare
stage, so that every kind of change the writer must show (edits, additions, deletions, moves
across sections, relabels, splits, merges, sections added and removed, metadata and front matter
changes) is exercised whatever the aligner decides.

`revision_sets()` draws an old document, applies random operations to get the new one, and
returns the `Comparison` that links them: changes in the new document's order, deleted clauses
after their old predecessor, edits that rebuild both texts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from hypothesis import strategies as st
from strategies import clause_texts

from revdiff.model import (
    Change,
    ChangeKind,
    Clause,
    Comparison,
    Document,
    EditOp,
    Marker,
    Metadata,
    MetadataChange,
    Nature,
    Section,
    SectionKind,
    SourceFormat,
    SourceLocation,
    TextEdit,
)

HEADINGS = ("recalling", "considering", "noting", "resolves", "instructs", "invites Member States")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_edits(old: str, new: str) -> tuple[TextEdit, ...]:
    """Token-level edits with difflib (independent of revdiff.textdiff) that rebuild both."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    edits: list[TextEdit] = []

    def add(op: EditOp, text: str) -> None:
        if not text:
            return
        if edits and edits[-1].op is op:
            edits[-1] = TextEdit(op, edits[-1].text + text)
        else:
            edits.append(TextEdit(op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add(EditOp.EQUAL, "".join(a[i1:i2]))
        else:
            add(EditOp.DELETE, "".join(a[i1:i2]))
            add(EditOp.INSERT, "".join(b[j1:j2]))
    assert "".join(e.text for e in edits if e.op is not EditOp.INSERT) == old
    assert "".join(e.text for e in edits if e.op is not EditOp.DELETE) == new
    return tuple(edits)


@dataclass
class _Link:
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    moved: bool = False


def _label(section_kind: SectionKind, index: int) -> str:
    if section_kind is SectionKind.OPERATIVE:
        return str(index + 1)
    return f"{LETTERS[index % 26]})"


def _kind_of(heading: str) -> SectionKind:
    if heading.startswith(("resolves", "instructs", "invites")):
        return SectionKind.OPERATIVE
    return SectionKind.PREAMBLE


def _document(
    name: str,
    spec: list[tuple[str, list[tuple[str, str | None, str]]]],
    metadata: Metadata,
    front: tuple[str, ...],
) -> Document:
    """A Document from [(heading, [(clause id, label, text), …]), …]."""
    sections = []
    line = 0
    for heading, items in spec:
        section_id = heading.split()[0] + ("-ms" if "Member" in heading else "")
        kind = _kind_of(heading)
        clauses = []
        for clause_id, label, text in items:
            line += 1
            clauses.append(
                Clause(clause_id, section_id, label, text, SourceLocation(name, line), style=None)
            )
        sections.append(Section(section_id, heading, kind, tuple(clauses)))
    return Document(name, SourceFormat.TEXT, metadata, tuple(sections), front_matter=front)


_texts = clause_texts(max_words=8).filter(lambda t: t.strip() != "")
_LABEL_LIKE = re.compile(r"^\s*(\d|[a-zA-Z]{1,4}\)|\(|[–−•\-](\s|$))")


def _unlabel_like(text: str) -> bool:
    """A text a parser would not read a label off, without the tabs that separate labels
    (for texts placed in a .docx base)."""
    return not _LABEL_LIKE.match(text) and "\t" not in text


_plain_texts = _texts.filter(_unlabel_like)


@st.composite
def _metadata(draw: st.DrawFn) -> Metadata:
    year = draw(st.sampled_from((2012, 2016, 2020, 2022)))
    return Metadata(
        number_line=f"RESOLUTION {draw(st.integers(1, 99))} (Geneva, {year})",
        title=draw(_texts),
        history=draw(st.sampled_from((None, f"(Geneva, {year})", "(Hammamet, 2016)"))),
        preamble=f"The World Telecommunication Standardization Assembly (Geneva, {year}),",
    )


@st.composite
def revision_sets(draw: st.DrawFn) -> Comparison:
    """An old document, a revision of it, and the Comparison between them."""
    headings = draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=3, unique=True))
    old_spec: list[tuple[str, list[tuple[str, str | None, str]]]] = []
    counter = 0
    for heading in headings:
        items = []
        for index, text in enumerate(draw(st.lists(_texts, min_size=0, max_size=5))):
            counter += 1
            items.append((f"o{counter}", _label(_kind_of(heading), index), text))
        old_spec.append((heading, items))
    old_meta = draw(_metadata())
    old_front = tuple(draw(st.lists(_texts, max_size=2)))
    old = _document("old.txt", old_spec, old_meta, old_front)

    links: list[_Link] = []
    new_sections: list[tuple[str, list[tuple[str, _Link]]]] = []
    moving: list[tuple[str, _Link]] = []
    for heading, items in old_spec:
        if draw(st.integers(0, 9)) == 0:  # the section is removed
            for clause_id, _, text in items:
                link = _Link(old=[clause_id])
                links.append(link)
                if draw(st.booleans()):
                    link.moved = True
                    moving.append((text, link))
            continue
        revised: list[tuple[str, _Link]] = []
        skip = False
        for position, (clause_id, _, text) in enumerate(items):
            if skip:
                skip = False
                continue
            if draw(st.integers(0, 5)) == 0:
                link = _Link()
                links.append(link)
                revised.append((draw(_texts), link))
            action = draw(
                st.sampled_from(("keep", "keep", "edit", "delete", "move", "split", "merge"))
            )
            link = _Link(old=[clause_id])
            links.append(link)
            if action == "keep":
                revised.append((text, link))
            elif action == "edit":
                revised.append((_edit(draw, text), link))
            elif action == "delete":
                pass
            elif action == "move":
                link.moved = True
                moved_text = _edit(draw, text) if draw(st.booleans()) else text
                moving.append((moved_text, link))
            elif action == "split":
                words = text.split(" ")
                if len(words) < 2:
                    revised.append((text, link))
                    continue
                cut = draw(st.integers(1, len(words) - 1))
                first, second = " ".join(words[:cut]), " ".join(words[cut:])
                if not first.strip() or not second.strip():
                    revised.append((text, link))
                    continue
                revised.append((first, link))
                revised.append((second, link))
            elif action == "merge" and position + 1 < len(items):
                following = items[position + 1]
                link.old.append(following[0])
                revised.append((text + " " + following[2], link))
                skip = True
            else:
                revised.append((text, link))
        new_sections.append((heading, revised))
    if draw(st.integers(0, 4)) == 0:
        spare = [h for h in HEADINGS if h not in {s for s, _ in new_sections} | set(headings)]
        if spare:
            added = [(draw(_texts), _Link()) for _ in range(draw(st.integers(1, 3)))]
            links.extend(link for _, link in added)
            new_sections.insert(draw(st.integers(0, len(new_sections))), (spare[0], added))
    if len(new_sections) > 1 and draw(st.integers(0, 4)) == 0:  # two sections swap places
        new_sections[0], new_sections[1] = new_sections[1], new_sections[0]
        _mark_reordered(old_spec, new_sections)
    for text, link in moving:
        if not new_sections:
            new_sections.append((HEADINGS[-1], []))
        target = new_sections[draw(st.integers(0, len(new_sections) - 1))][1]
        target.insert(draw(st.integers(0, len(target))), (text, link))

    new_spec: list[tuple[str, list[tuple[str, str | None, str]]]] = []
    counter = 0
    for heading, entries in new_sections:
        items = []
        for index, (text, link) in enumerate(entries):
            counter += 1
            clause_id = f"n{counter}"
            link.new.append(clause_id)
            items.append((clause_id, _label(_kind_of(heading), index), text))
        new_spec.append((heading, items))
    new_meta = draw(_revised_metadata(old_meta))
    new_front = old_front if draw(st.booleans()) else tuple(draw(st.lists(_texts, max_size=2)))
    new = _document("new.txt", new_spec, new_meta, new_front)
    return Comparison(old, new, _metadata_changes(old_meta, new_meta), _changes(old, new, links))


def _mark_reordered(
    old_spec: list[tuple[str, list[tuple[str, str | None, str]]]],
    new_sections: list[tuple[str, list[tuple[str, _Link]]]],
) -> None:
    """Clauses of a section whose place changed are moved (they break the old order)."""
    old_rank = {heading: k for k, (heading, _) in enumerate(old_spec)}
    common = [h for h, _ in new_sections if h in old_rank]
    best: list[list[str]] = []
    for heading in common:
        chains = [c for c in best if old_rank[c[-1]] < old_rank[heading]]
        best.append([*max(chains, key=len, default=[]), heading])
    kept = set(max(best, key=len, default=[]))
    for heading, entries in new_sections:
        if heading in old_rank and heading not in kept:
            for _, link in entries:
                if link.old:
                    link.moved = True


def _edit(draw: st.DrawFn, text: str) -> str:
    words = text.split(" ")
    index = draw(st.integers(0, len(words) - 1))
    action = draw(st.sampled_from(("replace", "insert", "delete")))
    replacement = draw(st.sampled_from(("sixty", "Resolution 20 (Rev. Geneva, 2022)", "ITU‑T")))
    if action == "replace":
        words[index] = replacement
    elif action == "insert":
        words.insert(index, replacement)
    elif len(words) > 1:
        del words[index]
    edited = " ".join(words)
    return edited if edited.strip() else text


@st.composite
def _revised_metadata(draw: st.DrawFn, old: Metadata) -> Metadata:
    title = old.title if draw(st.booleans()) else _edit(draw, old.title or "title")
    history = draw(
        st.sampled_from((old.history, old.history, None, "(Hammamet, 2016; Geneva, 2022)"))
    )
    return Metadata(
        number_line=old.number_line if draw(st.booleans()) else "RESOLUTION 84 (Rev. Geneva, 2022)",
        title=title,
        history=history,
        preamble=old.preamble,
    )


def _metadata_changes(old: Metadata, new: Metadata) -> tuple[MetadataChange, ...]:
    changes = []
    for name in ("number_line", "title", "history", "preamble"):
        before, after = getattr(old, name), getattr(new, name)
        edits = word_edits(before or "", after or "") if before and after else ()
        natures = (Nature.SUBSTANTIVE,) if before != after else ()
        changes.append(MetadataChange(name, before, after, edits, natures))
    return tuple(changes)


def _changes(old: Document, new: Document, links: list[_Link]) -> tuple[Change, ...]:
    old_clauses = {c.id: c for c in old.clauses}
    new_clauses = {c.id: c for c in new.clauses}
    by_new = {clause_id: link for link in links for clause_id in link.new}
    emitted: set[int] = set()
    ordered: list[_Link] = []
    for clause in new.clauses:
        link = by_new[clause.id]
        if id(link) not in emitted:
            emitted.add(id(link))
            ordered.append(link)
    # Deleted clauses after the change holding their old predecessor (or first).
    old_order = [c.id for c in old.clauses]
    for link in links:
        if link.new:
            continue
        index = old_order.index(link.old[0])
        position = 0
        for earlier in reversed(old_order[:index]):
            holder = next((k for k, x in enumerate(ordered) if earlier in x.old), None)
            if holder is not None:
                position = holder + 1
                break
        ordered.insert(position, link)
    changes = []
    for link in ordered:
        olds = tuple(old_clauses[i] for i in link.old)
        news = tuple(new_clauses[i] for i in link.new)
        old_joined = " ".join(c.text for c in olds)
        new_joined = " ".join(c.text for c in news)
        if not olds:
            kind, marker, edits = (
                ChangeKind.ADDED,
                Marker.ADD,
                (TextEdit(EditOp.INSERT, new_joined),),
            )
        elif not news:
            kind, marker, edits = (
                ChangeKind.DELETED,
                Marker.SUP,
                (TextEdit(EditOp.DELETE, old_joined),),
            )
        else:
            edits = word_edits(old_joined, new_joined)
            if len(news) > 1:
                kind = ChangeKind.SPLIT
            elif len(olds) > 1:
                kind = ChangeKind.MERGED
            else:
                kind = ChangeKind.UNCHANGED if old_joined == new_joined else ChangeKind.MODIFIED
            marker = Marker.NOC if kind is ChangeKind.UNCHANGED else Marker.MOD
        renumbered = bool(olds and news) and olds[0].label != news[0].label
        moved = link.moved
        if (moved or renumbered) and marker is Marker.NOC:
            marker = Marker.MOD_EDITORIAL
        natures = (Nature.SUBSTANTIVE,) if kind is not ChangeKind.UNCHANGED else ()
        changes.append(
            Change(
                kind,
                olds,
                news,
                tuple(e for e in edits if e.text),
                natures=natures,
                marker=marker,
                moved=moved,
                renumbered=renumbered,
            )
        )
    return tuple(changes)


@st.composite
def revisions_of(draw: st.DrawFn, new: Document, rate: int = 12) -> Comparison:
    """An OLD version derived from a given NEW document (for a fixed .docx base), and the
    Comparison between them: about one clause in `rate` is edited, added, moved (to another
    section), relabelled, has a deleted clause before it, or takes part in a split or merge."""
    sections = list(new.sections)
    old_items: dict[str, list[tuple[str, str | None, str, Clause]]] = {s.id: [] for s in sections}
    links: list[_Link] = []
    moving: list[tuple[tuple[str, str | None, str, Clause], _Link]] = []
    counter = 0

    def old_id() -> str:
        nonlocal counter
        counter += 1
        return f"old{counter}"

    for section in sections:
        clauses = list(section.clauses)
        index = 0
        while index < len(clauses):
            clause = clauses[index]
            action = "keep"
            if draw(st.integers(0, rate - 1)) == 0:
                action = draw(
                    st.sampled_from(
                        ("edit", "added", "moved", "relabel", "deleted", "split", "merge")
                    )
                )
            link = _Link(new=[clause.id])
            links.append(link)
            target = old_items[section.id]
            if action == "deleted":
                gone = _Link(old=[old_id()])
                links.append(gone)
                target.append((gone.old[0], clause.label, draw(_plain_texts), clause))
                action = "keep"
            if action == "keep":
                link.old.append(old_id())
                target.append((link.old[0], clause.label, clause.text, clause))
            elif action == "edit":
                link.old.append(old_id())
                target.append((link.old[0], clause.label, _edit(draw, clause.text or "x"), clause))
            elif action == "relabel":
                link.old.append(old_id())
                label = clause.label
                if label and re.fullmatch("[a-y]\\)", label):
                    label = chr(ord(label[0]) + 1) + ")"
                target.append((link.old[0], label, clause.text, clause))
            elif action == "moved" and len(sections) > 1:
                link.old.append(old_id())
                link.moved = True
                moving.append(((link.old[0], clause.label, clause.text, clause), link))
            elif (
                action == "split"
                and index + 1 < len(clauses)
                and clauses[index + 1].depth == clause.depth
                and clauses[index + 1].style == clause.style
            ):
                following = clauses[index + 1]
                link.new.append(following.id)
                link.old.append(old_id())
                target.append(
                    (link.old[0], clause.label, f"{clause.text} {following.text}", clause)
                )
                index += 1
            elif action == "merge" and " " in clause.text.strip():
                words = clause.text.split(" ")
                cut = draw(st.integers(1, len(words) - 1))
                first, second = " ".join(words[:cut]), " ".join(words[cut:])
                if first.strip() and second.strip() and _unlabel_like(second):
                    link.old += [old_id(), old_id()]
                    target.append((link.old[0], clause.label, first, clause))
                    target.append((link.old[1], None, second, clause))
                else:
                    link.old.append(old_id())
                    target.append((link.old[0], clause.label, clause.text, clause))
            elif action == "added":
                pass
            else:
                link.old.append(old_id())
                target.append((link.old[0], clause.label, clause.text, clause))
            index += 1
    section_ids = [s.id for s in sections]
    for item, link in moving:
        home = next(s.id for s in sections if any(c.id == link.new[0] for c in s.clauses))
        others = [sid for sid in section_ids if sid != home]
        target = old_items[draw(st.sampled_from(others))]
        target.insert(draw(st.integers(0, len(target))), item)
    built = []
    line = 0
    for section in sections:
        clauses = []
        for clause_id, label, text, like in old_items[section.id]:
            line += 1  # old clauses are styled like the new clause they stand for or beside
            clauses.append(
                Clause(
                    clause_id,
                    section.id,
                    label,
                    text,
                    SourceLocation("old", line),
                    depth=like.depth,
                    style=like.style,
                )
            )
        built.append(
            Section(section.id, section.heading, section.kind, tuple(clauses), section.title)
        )
    old = Document(
        "old.txt", SourceFormat.TEXT, new.metadata, tuple(built), front_matter=new.front_matter
    )
    metadata = _metadata_changes(new.metadata, new.metadata)
    return Comparison(old, new, metadata, _changes(old, new, links))


def fixed_revision(new: Document) -> Comparison:
    """A deterministic revision of a document: every 7th clause edited, every 11th added,
    every 13th has a deleted clause before it (hand-built, no randomness)."""
    links: list[_Link] = []
    sections = []
    for section in new.sections:
        clauses = []
        for clause in section.clauses:
            k = len(links)
            if k % 13 == 5:
                gone = Clause(
                    f"gone{k}",
                    section.id,
                    None,
                    "a deleted provision",
                    clause.location,
                    depth=clause.depth,
                    style=clause.style,
                )
                clauses.append(gone)
                links.append(_Link(old=[gone.id]))
            link = _Link(new=[clause.id])
            links.append(link)
            if k % 11 == 3:
                continue
            text = clause.text + " as amended" if k % 7 == 1 else clause.text
            old = Clause(
                f"old{k}",
                section.id,
                clause.label,
                text,
                clause.location,
                depth=clause.depth,
                style=clause.style,
            )
            clauses.append(old)
            link.old.append(old.id)
        sections.append(
            Section(section.id, section.heading, section.kind, tuple(clauses), section.title)
        )
    old_document = Document(
        "old.txt", new.format, new.metadata, tuple(sections), front_matter=new.front_matter
    )
    return Comparison(
        old_document,
        new,
        _metadata_changes(new.metadata, new.metadata),
        _changes(old_document, new, links),
    )
