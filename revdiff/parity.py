"""Parity: do two language versions of one resolution have the same structure?

Pure: two Documents in, a `Parity` out. Translators and editors check by hand that the French (or
Arabic, …) text of a resolution has the English text's sections in the same order, the same item
labels, the same number of items and footnotes, and cites the same texts by the same numbers.
This does it: sections are paired by their kind and their labels (their headings are in two
languages and cannot be compared), items by their labels (a Cyrillic or Arabic letter stands for
the Latin letter at its place), and every difference is one `Mismatch` worded for a reader:
"resolves 3 exists in English but not in French".
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from revdiff.citations import find_citations
from revdiff.language import language_name, letter_ordinal, with_language
from revdiff.model import Clause, Document, Section


class MismatchKind(StrEnum):
    """What differs between the two language versions."""

    METADATA = "metadata"  # number or year of the number line
    SECTION_MISSING = "section-missing"  # a section in one version only
    SECTION_ORDER = "section-order"  # the same sections in another order
    ITEM_MISSING = "item-missing"  # a labelled item in one version only
    ITEM_COUNT = "item-count"  # a section holds more items in one version
    FOOTNOTES = "footnotes"  # another number of footnotes (in the document or an item)
    CITATIONS = "citations"  # an item cites other texts or other numbers


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One difference of structure, with where it is (in the first version's words when it has
    the place) and a sentence saying it."""

    kind: MismatchKind
    where: str  # "resolves 3", "considering d)", "" for the whole document
    message: str
    first: str | None = None  # the first version's value (a label, a count, citations)
    second: str | None = None


@dataclass(frozen=True, slots=True)
class SectionPair:
    """A section of each version taken to be the same section (one side None when missing)."""

    first: Section | None
    second: Section | None


@dataclass(frozen=True, slots=True)
class Parity:
    """Two language versions of one text and every way their structures differ."""

    first: Document
    second: Document
    sections: tuple[SectionPair, ...]
    mismatches: tuple[Mismatch, ...]

    @property
    def first_language(self) -> str:
        return self.first.language or "en"

    @property
    def second_language(self) -> str:
        return self.second.language or "en"

    @property
    def same_structure(self) -> bool:
        return not self.mismatches

    def counts(self) -> dict[str, int]:
        """Mismatches by kind, every kind present (0 when none)."""
        found = Counter(m.kind for m in self.mismatches)
        return {kind.value: found.get(kind, 0) for kind in MismatchKind}


def check_parity(first: Document, second: Document) -> Parity:
    """Compare the structure of two language versions of one resolution.

    A document whose language is not set is given the one its words tell.
    """
    first = first if first.language else with_language(first)
    second = second if second.language else with_language(second)
    names = (language_name(first.language or "en"), language_name(second.language or "en"))
    mismatches: list[Mismatch] = list(_metadata_mismatches(first, second, names))
    pairs = _pair_sections(first.sections, second.sections)
    mismatches.extend(_section_mismatches(pairs, names))
    for pair in pairs:
        if pair.first is not None and pair.second is not None:
            mismatches.extend(_item_mismatches(pair.first, pair.second, names))
    mismatches.extend(_footnote_total(first, second, names))
    return Parity(first, second, tuple(pairs), tuple(mismatches))


# --------------------------------------------------------------------------------------------
# Labels across scripts

_LABEL = re.compile(
    r"\(?(?P<core>[^\W\d_]{1,2}|\d+(?:\.\d+)*)(?P<suffix>bis|ter|quater)?\)?(?P<after>bis|ter)?"
)


def label_key(label: str | None) -> str:
    """What a label is, whatever script and punctuation it is written in: ``b)`` → ``b``,
    Arabic ``ب)`` → ``b``, Cyrillic ``б)`` → ``b``, ``b)bis`` and Spanish ``bbis)`` → ``bbis``,
    ``1.3`` → ``1.3``, ``(iv)`` → ``iv``; an indent or an unlabelled paragraph → ``""``.

    >>> [label_key(x) for x in ["b)", "ب)", "б)", "هـ)", "b)bis", "bbis)", "1.3", "(iv)", "–"]]
    ['b', 'b', 'b', 'e', 'bbis', 'bbis', '1.3', 'iv', '']
    """
    if not label:
        return ""
    text = label.strip()
    match = _LABEL.fullmatch(text)
    if match is None:
        return ""
    core = match.group("core")
    suffix = match.group("suffix") or match.group("after") or ""
    if core[0].isdigit():
        return core + suffix
    if core.isascii():
        return core.lower() + suffix
    whole = letter_ordinal(core)  # a letter written with two characters: Arabic "هـ"
    if whole is not None and whole <= 26:
        return chr(ord("a") + whole - 1) + suffix
    return "".join(_as_latin(ch) for ch in core) + suffix


def _as_latin(letter: str) -> str:
    ordinal = letter_ordinal(letter)
    return chr(ord("a") + ordinal - 1) if ordinal is not None and ordinal <= 26 else letter


# --------------------------------------------------------------------------------------------
# Sections


def _signature(section: Section) -> tuple[str, tuple[str, ...]]:
    """What two language versions of a section share: its kind and its top-level labels."""
    top = tuple(label_key(c.label) for c in section.clauses if c.parent_id is None)
    return section.kind.value, top


def _pair_sections(first: Sequence[Section], second: Sequence[Section]) -> list[SectionPair]:
    """Sections paired in order: by kind and labels first, then the unpaired ones of one kind
    between two pairs taken to be each other (a call whose items differ is still that call)."""
    a = [_signature(s) for s in first]
    b = [_signature(s) for s in second]
    pairs: list[SectionPair] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(
                SectionPair(first[i], second[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        left, right = list(first[i1:i2]), list(second[j1:j2])
        while left and right and left[0].kind is right[0].kind:
            pairs.append(SectionPair(left.pop(0), right.pop(0)))
        pairs.extend(SectionPair(s, None) for s in left)
        pairs.extend(SectionPair(None, s) for s in right)
    return pairs


def _section_name(section: Section) -> str:
    heading = section.heading or section.id
    words = heading.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def _section_mismatches(pairs: Sequence[SectionPair], names: tuple[str, str]) -> Iterable[Mismatch]:
    unpaired_first = [p.first for p in pairs if p.second is None and p.first is not None]
    unpaired_second = [p.second for p in pairs if p.first is None and p.second is not None]
    # The same section elsewhere in the other version: an order difference, not a missing one.
    moved: set[int] = set()
    for section in unpaired_first:
        twin = next(
            (
                other
                for other in unpaired_second
                if id(other) not in moved and _signature(other) == _signature(section)
            ),
            None,
        )
        if twin is not None:
            moved.update({id(section), id(twin)})
            yield Mismatch(
                MismatchKind.SECTION_ORDER,
                _section_name(section),
                f"{_section_name(section)} stands elsewhere in {names[1]} ({_section_name(twin)})",
            )
    for pair in pairs:
        if pair.second is None and pair.first is not None and id(pair.first) not in moved:
            name = _section_name(pair.first)
            yield _only_in(MismatchKind.SECTION_MISSING, name, names, name)
        if pair.first is None and pair.second is not None and id(pair.second) not in moved:
            name = _section_name(pair.second)
            yield _only_in(MismatchKind.SECTION_MISSING, name, names, name, second=True)


# --------------------------------------------------------------------------------------------
# Items


def _item_mismatches(first: Section, second: Section, names: tuple[str, str]) -> Iterable[Mismatch]:
    section = _section_name(first)
    a = _labelled(first.clauses)
    b = _labelled(second.clauses)
    for key, (clause, shown) in a.items():
        if key not in b:
            yield _only_in(MismatchKind.ITEM_MISSING, f"{section} {shown}", names, clause.label)
    for key, (clause, shown) in b.items():
        if key not in a:
            yield _only_in(
                MismatchKind.ITEM_MISSING, f"{section} {shown}", names, clause.label, second=True
            )
    yield from _counts(
        MismatchKind.ITEM_COUNT, section, "item", first.clauses, second.clauses, names
    )
    for key, (clause, shown) in a.items():
        other = b.get(key)
        if other is not None:
            yield from _clause_mismatches(f"{section} {shown}", clause, other[0], names)


def _labelled(clauses: Sequence[Clause]) -> dict[str, tuple[Clause, str]]:
    """Labelled items by their place, script-free (``b/1`` for item 1) under b)), each with its
    path as written (``b) 1)``)."""
    by_id = {c.id: c for c in clauses}
    found: dict[str, tuple[Clause, str]] = {}
    for clause in clauses:
        if not label_key(clause.label):
            continue
        keys, shown = [label_key(clause.label)], [clause.label or ""]
        parent = by_id.get(clause.parent_id) if clause.parent_id else None
        while parent is not None:
            keys.append(label_key(parent.label) or "¶")
            if parent.label:
                shown.append(parent.label)
            parent = by_id.get(parent.parent_id) if parent.parent_id else None
        found.setdefault("/".join(reversed(keys)), (clause, " ".join(reversed(shown))))
    return found


def _only_in(
    kind: MismatchKind,
    where: str,
    names: tuple[str, str],
    value: str | None,
    *,
    second: bool = False,
) -> Mismatch:
    """ "resolves 3 exists in English but not in French" (or the other way with `second`)."""
    has, lacks = (names[1], names[0]) if second else names
    return Mismatch(
        kind,
        where,
        f"{where} exists in {has} but not in {lacks}",
        None if second else value,
        value if second else None,
    )


def _counts(
    kind: MismatchKind,
    where: str,
    noun: str,
    first: Sequence[object],
    second: Sequence[object],
    names: tuple[str, str],
) -> Iterable[Mismatch]:
    """ "resolves has 3 items in English, 2 in French", when the counts differ."""
    a, b = len(first), len(second)
    if a != b:
        counted = f"{a} {noun}" + ("" if a == 1 else "s")
        place = f"{where} has " if where else ""
        yield Mismatch(
            kind, where, f"{place}{counted} in {names[0]}, {b} in {names[1]}", str(a), str(b)
        )


def _clause_mismatches(
    where: str, first: Clause, second: Clause, names: tuple[str, str]
) -> Iterable[Mismatch]:
    yield from _counts(
        MismatchKind.FOOTNOTES, where, "footnote", first.footnotes, second.footnotes, names
    )
    cited_a, cited_b = cited(first.text), cited(second.text)
    if cited_a != cited_b:
        shown_a, shown_b = _shown(cited_a), _shown(cited_b)
        yield Mismatch(
            MismatchKind.CITATIONS,
            where,
            f"{where} cites {shown_a} in {names[0]}, {_shown_against(cited_b, cited_a)} "
            f"in {names[1]}",
            shown_a,
            shown_b,
        )


def cited(text: str) -> tuple[tuple[str, str], ...]:
    """The texts a clause cites, as (kind, number), sorted: what two language versions of the
    clause must share whatever the words around them.

    >>> cited("Résolution 196 (Rév. Dubaï, 2018) et Recommandation UIT-T E.164")
    (('Recommendation', 'E.164'), ('Resolution', '196'))
    >>> cited("第154号决议(2006年,安塔利亚)")
    (('Resolution', '154'),)
    """
    return tuple(sorted({(c.kind, _plain_number(c.number)) for c in find_citations(text)}))


def _plain_number(number: str) -> str:
    """A cited number without its Sector, which each language writes its own way (ITU-T,
    UIT-T, МСЭ-T): ``UIT-T E.164`` → ``E.164``."""
    return number.split()[-1]


def _shown(citations: tuple[tuple[str, str], ...]) -> str:
    if not citations:
        return "nothing"
    by_kind: dict[str, list[str]] = {}
    for kind, number in citations:
        by_kind.setdefault(kind, []).append(number)
    return "; ".join(f"{kind} {', '.join(numbers)}" for kind, numbers in by_kind.items())


def _shown_against(shown: tuple[tuple[str, str], ...], other: tuple[tuple[str, str], ...]) -> str:
    """The second version's citations, without repeating the kind when it is the only one and
    the same as the first's: "cites Resolution 196 in English, 169 in French"."""
    kinds = {kind for kind, _ in shown} | {kind for kind, _ in other}
    if len(kinds) == 1 and shown and other:
        return ", ".join(number for _, number in shown)
    return _shown(shown)


# --------------------------------------------------------------------------------------------
# Document-wide


def _metadata_mismatches(
    first: Document, second: Document, names: tuple[str, str]
) -> Iterable[Mismatch]:
    a, b = first.metadata, second.metadata
    for field, value_a, value_b in (
        ("number", a.number, b.number),
        ("year", str(a.year) if a.year else None, str(b.year) if b.year else None),
    ):
        if value_a and value_b and value_a != value_b:
            yield Mismatch(
                MismatchKind.METADATA,
                field,
                f"the number line's {field} is {value_a} in {names[0]}, {value_b} in {names[1]}",
                value_a,
                value_b,
            )


def _footnote_total(
    first: Document, second: Document, names: tuple[str, str]
) -> Iterable[Mismatch]:
    return _counts(MismatchKind.FOOTNOTES, "", "footnote", first.footnotes, second.footnotes, names)
