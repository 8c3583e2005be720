"""Heading comparison: the lines that are not clauses but say what the clauses are.

A call line (*resolves* → *decides*, *invites the Director of the TSB* → *… of the BDT*), a
SECTION or Annex heading, the title under it, a whole section added or removed, and the
front-matter paragraphs before the number line. Pure: two Documents and the clause changes
in, HeadingChanges out.

Sections are paired by content, not by position: first where their clauses went (the old
section whose clauses mostly went to one new section, and that new section's clauses mostly
came from it), then by identical heading, then, between two paired sections, the most similar
heading of the same kind. A paired section that stands out of order among the others is moved.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

from revdiff.classify import classify_natures
from revdiff.model import (
    Change,
    ChangeKind,
    Document,
    HeadingChange,
    HeadingPart,
    Marker,
    Nature,
    Section,
)
from revdiff.normalize import match_tokens, normalize_for_matching
from revdiff.textdiff import diff_words

T = TypeVar("T")

# Two headings with no clause evidence pair when their words are at least this similar.
HEADING_FLOOR = 0.5
# Of the new sections in a gap between two pairs, this many nearest are candidates (thousands
# of sections added at once must not be compared with every one removed).
GAP_WINDOW = 20
# Front-matter lines of a replaced run are paired by similarity up to this many line pairs.
MAX_LINE_PAIRS = 10_000

_ADDED_MARKERS = {ChangeKind.ADDED: Marker.ADD, ChangeKind.DELETED: Marker.SUP}


def compare_headings(
    old: Document,
    new: Document,
    changes: Sequence[Change] = (),
    *,
    timeout: float = 2.0,
) -> tuple[HeadingChange, ...]:
    """Every changed heading, title and front-matter paragraph, and every section added or
    removed, in the new document's order (removed ones at their old place)."""
    pairs = align_sections(old.sections, new.sections, changes)
    moved = _out_of_order([(i, j) for i, j in pairs if i is not None and j is not None])
    out: list[HeadingChange] = []
    for i, j in pairs:
        before = old.sections[i] if i is not None else None
        after = new.sections[j] if j is not None else None
        out.extend(_section_changes(before, after, (i, j) in moved, timeout))
    return (*compare_front_matter(old, new, timeout=timeout), *out)


def align_sections(
    old: Sequence[Section], new: Sequence[Section], changes: Sequence[Change] = ()
) -> list[tuple[int | None, int | None]]:
    """Pairs of section indices (old, new), None on the side a section is missing from; in
    the new order, a removed section right after the pair of the old section before it."""
    old_index = {s.id: n for n, s in enumerate(old)}
    new_index = {s.id: n for n, s in enumerate(new)}
    # The votes listed, then counted by Counter in C: 10,000 `votes[key] += 1` cost more.
    cast: list[tuple[int, int]] = []
    for change in changes:
        for a in change.old:
            i = old_index.get(a.section_id)
            if i is None:
                continue
            for b in change.new:
                j = new_index.get(b.section_id)
                if j is not None:
                    cast.append((i, j))
    votes = Counter(cast)
    # A pair needs the most votes of its row (where the old section's clauses went) and of its
    # column (where the new section's clauses came from).
    row_best: dict[int, int] = {}
    column_best: dict[int, int] = {}
    for (i, j), count in votes.items():
        row_best[i] = max(row_best.get(i, 0), count)
        column_best[j] = max(column_best.get(j, 0), count)
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for (i, j), count in sorted(votes.items(), key=lambda item: (-item[1], item[0])):
        if i not in partner and j not in taken and count == row_best[i] == column_best[j]:
            partner[i] = j
            taken.add(j)
    pair_by_key(old, new, _key, partner)  # unpaired sections with the same heading
    _pair_similar(old, new, partner)
    return _in_new_order(len(old), len(new), partner)


def _key(section: Section) -> str:
    return normalize_for_matching(section.heading)


def pair_by_key(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable], partner: dict[int, int]
) -> None:
    """Pair, in order, the unpaired items of `old` and `new` whose keys are equal."""
    taken = set(partner.values())
    free: dict[Hashable, list[int]] = {}
    for j, item in enumerate(new):
        if j not in taken:
            free.setdefault(key(item), []).append(j)
    for i, item in enumerate(old):
        candidates = free.get(key(item))
        if i not in partner and candidates:
            partner[i] = candidates.pop(0)


def _pair_similar(old: Sequence[Section], new: Sequence[Section], partner: dict[int, int]) -> None:
    """An unpaired old section and the most similar unpaired new section of the same kind
    between the partners of its paired neighbours."""
    pair_similar(old, new, partner, lambda s: s.heading, fits=lambda a, b: a.kind is b.kind)


def pair_similar(
    old: Sequence[T],
    new: Sequence[T],
    partner: dict[int, int],
    text: Callable[[T], str],
    *,
    fits: Callable[[T, T], bool] | None = None,
) -> None:
    """Pair each unpaired old item with the most similar (at least HEADING_FLOOR) of the
    nearest GAP_WINDOW unpaired new items that `fit` it, between the partners of its paired
    neighbours; in order, so that a later item sees the pairs made before it."""
    paired = sorted(partner)
    taken = set(partner.values())
    for i, item in enumerate(old):
        if i in partner:
            continue
        k = bisect.bisect_left(paired, i)
        before = partner[paired[k - 1]] if k > 0 else -1
        after = partner[paired[k]] if k < len(paired) else len(new)
        free = (
            j
            for j in range(before + 1, after)
            if j not in taken and (fits is None or fits(item, new[j]))
        )
        scored = [
            (heading_similarity(text(item), text(new[j])), -j, j)
            for j in itertools.islice(free, GAP_WINDOW)
        ]
        if scored:
            score, _, j = max(scored)
            if score >= HEADING_FLOOR:
                partner[i] = j
                taken.add(j)
                bisect.insort(paired, i)


def heading_similarity(old: str, new: str) -> float:
    """How alike two headings are, on the words of their matching forms (0 to 1)."""
    a, b = match_tokens(old), match_tokens(new)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _in_new_order(
    old_count: int, new_count: int, partner: dict[int, int]
) -> list[tuple[int | None, int | None]]:
    keyed: list[tuple[tuple[int, int, int], tuple[int | None, int | None]]] = []
    paired_new = set(partner.values())
    for j in range(new_count):
        if j not in paired_new:
            keyed.append(((j, 0, 0), (None, j)))
    anchor = -1
    for i in range(old_count):
        if i in partner:
            anchor = partner[i]
            keyed.append(((anchor, 0, 0), (i, anchor)))
        else:
            keyed.append(((anchor, 1, i), (i, None)))
    keyed.sort(key=lambda item: item[0])
    return [pair for _, pair in keyed]


def _out_of_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs outside a longest run that keeps its order (patience sorting, n log n)."""
    ordered = sorted(pairs, key=lambda p: p[1])
    tails: list[int] = []  # the smallest old index ending an ordered run of each length
    tail_at: list[int] = []  # where in `ordered` that run ends
    previous: list[int] = [-1] * len(ordered)
    for n, (i, _) in enumerate(ordered):
        k = bisect.bisect_left(tails, i)
        if k == len(tails):
            tails.append(i)
            tail_at.append(n)
        else:
            tails[k], tail_at[k] = i, n
        previous[n] = tail_at[k - 1] if k > 0 else -1
    keep: set[tuple[int, int]] = set()
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        keep.add(ordered[n])
        n = previous[n]
    return set(ordered) - keep


def _section_changes(
    old: Section | None, new: Section | None, moved: bool, timeout: float
) -> list[HeadingChange]:
    either = old if old is not None else new
    section_id = either.id if either is not None else ""
    out = []
    for part in (HeadingPart.HEADING, HeadingPart.TITLE):
        change = _text_change(
            f"{part.value}:{section_id}",
            part,
            _line(old, part),
            _line(new, part),
            old,
            new,
            timeout,
            moved=moved and part is HeadingPart.HEADING,
        )
        if change is not None:
            out.append(change)
    return out


def _line(section: Section | None, part: HeadingPart) -> str | None:
    if section is None:
        return None
    return section.heading if part is HeadingPart.HEADING else section.title


def _text_change(
    change_id: str,
    part: HeadingPart,
    before: str | None,
    after: str | None,
    old: Section | None,
    new: Section | None,
    timeout: float,
    *,
    moved: bool = False,
) -> HeadingChange | None:
    """The change between two heading texts, or None when nothing differs. A section that is
    only on one side has its heading (and title) added or deleted."""
    if before == after and not (moved and before is not None):
        return None
    kind, natures, marker = describe_text_change(before, after)
    return HeadingChange(
        id=change_id,
        part=part,
        kind=kind,
        old=before,
        new=after,
        edits=diff_words(before or "", after or "", timeout=timeout),
        natures=natures,
        marker=marker,
        old_section=old.id if old is not None else None,
        new_section=new.id if new is not None else None,
        old_location=old.location if old is not None else None,
        new_location=new.location if new is not None else None,
        moved=moved,
    )


def describe_text_change(
    before: str | None, after: str | None
) -> tuple[ChangeKind, tuple[Nature, ...], Marker]:
    """Kind, natures and ITU marker of a line that is not a clause (a heading, a title, a
    footnote): added (ADD), deleted (SUP), modified (MOD, or (MOD) when only editorial), or
    unchanged and moved ((MOD), as a moved clause)."""
    if before is None or after is None:
        if before is None and after is None:
            return ChangeKind.UNCHANGED, (), Marker.NOC
        kind = ChangeKind.ADDED if before is None else ChangeKind.DELETED
        return kind, (Nature.SUBSTANTIVE,), _ADDED_MARKERS[kind]
    if before == after:
        return ChangeKind.UNCHANGED, (), Marker.MOD_EDITORIAL
    natures = classify_natures(before, after)
    marker = Marker.MOD_EDITORIAL if natures == (Nature.EDITORIAL,) else Marker.MOD
    return ChangeKind.MODIFIED, natures, marker


# --------------------------------------------------------------------------------------------
# Front matter


def compare_front_matter(
    old: Document, new: Document, *, timeout: float = 2.0
) -> tuple[HeadingChange, ...]:
    """Changed, added and removed front-matter paragraphs (FOREWORD …), aligned as a line
    diff aligns lines; within a replaced run, lines pair in order by similarity.

    A proposal document's front matter is its cover (conference, document number, source,
    title), the submission's and not the resolution's: it is not compared."""
    before, after = old.front_matter, new.front_matter
    if before == after or old.header or new.header:
        return ()
    out: list[HeadingChange] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        for i, j in pair_lines_in_order(before[a0:a1], after[b0:b1]):
            line_before = before[a0 + i] if i is not None else None
            line_after = after[b0 + j] if j is not None else None
            change_id = f"front:{a0 + i + 1}" if i is not None else f"front:+{b0 + (j or 0) + 1}"
            change = _text_change(
                change_id, HeadingPart.FRONT, line_before, line_after, None, None, timeout
            )
            if change is not None:
                out.append(change)
    return tuple(out)


def pair_lines_in_order(
    before: Sequence[str], after: Sequence[str]
) -> list[tuple[int | None, int | None]]:
    """The pairing of two short runs of lines that keeps their order and has the most
    similarity (pairs below HEADING_FLOOR are not made); unpaired lines stand alone, in order.
    Quadratic: for the few lines of front matter."""
    rows, cols = len(before), len(after)
    if rows * cols > MAX_LINE_PAIRS:  # a replaced run this long: line against line, in order
        return [(k if k < rows else None, k if k < cols else None) for k in range(max(rows, cols))]
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            similar = heading_similarity(before[i], after[j])
            paired = score[i + 1][j + 1] + similar if similar >= HEADING_FLOOR else -1.0
            score[i][j] = max(paired, score[i + 1][j], score[i][j + 1])
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < rows and j < cols:
        similar = heading_similarity(before[i], after[j])
        if similar >= HEADING_FLOOR and score[i][j] == score[i + 1][j + 1] + similar:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out += [(k, None) for k in range(i, rows)]
    out += [(None, k) for k in range(j, cols)]
    return out
