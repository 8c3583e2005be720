"""Alignment quality: revdiff and the two baselines scored against the generated true pairs.

An entry links old clauses to new ones. Scoring uses its *items*: every (old, new) clause pair of
the entry, and (old, -) for a deleted clause or (-, new) for an added one, so that leaving a
clause unpaired correctly counts as much as pairing it correctly. Precision, recall and F1 of
items are reported over all clauses and over changed clauses only (items that touch a clause
the truth says changed: modified, added, deleted, split, merged, moved or relettered). Kind,
nature, moved and renumbered accuracy are over the true changed entries: the method must give
an entry with exactly the same clauses and the same value. Figures are summed over cases
(micro-averaged). Clauses are identified by their line in the case files.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.baselines import align_paragraphs_lcs, align_section_label
from benchmarks.entry import Entry

if TYPE_CHECKING:
    from benchmarks.generate import Case
    from revdiff.model import Comparison, Document

METHODS = ("revdiff", "paragraph LCS", "section + label")

Item = tuple[int | None, int | None]


@dataclass
class Tally:
    """Counts summed over cases; the figures are derived."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    changed_tp: int = 0
    changed_fp: int = 0
    changed_fn: int = 0
    kind_ok: int = 0
    kind_n: int = 0
    nature_ok: int = 0
    nature_n: int = 0
    moved_ok: int = 0
    moved_n: int = 0
    moves_found: int = 0
    moves_true: int = 0
    renumbered_ok: int = 0
    renumbered_n: int = 0
    says_natures: bool = True
    says_moves: bool = True
    says_renumbered: bool = True
    cases: int = 0
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        for f in fields(self):
            if f.type in ("int", "float"):
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.says_natures = self.says_natures and other.says_natures
        self.says_moves = self.says_moves and other.says_moves
        self.says_renumbered = self.says_renumbered and other.says_renumbered

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def all(self) -> tuple[float, float, float]:
        return self._prf(self.tp, self.fp, self.fn)

    @property
    def changed(self) -> tuple[float, float, float]:
        return self._prf(self.changed_tp, self.changed_fp, self.changed_fn)

    @staticmethod
    def _share(ok: int, n: int, says: bool = True) -> float | None:
        return ok / n if says and n else None

    @property
    def kind_accuracy(self) -> float | None:
        return self._share(self.kind_ok, self.kind_n)

    @property
    def nature_accuracy(self) -> float | None:
        return self._share(self.nature_ok, self.nature_n, self.says_natures)

    @property
    def moved_accuracy(self) -> float | None:
        return self._share(self.moved_ok, self.moved_n, self.says_moves)

    @property
    def moves_detected(self) -> float | None:
        return self._share(self.moves_found, self.moves_true, self.says_moves)

    @property
    def renumbered_accuracy(self) -> float | None:
        return self._share(self.renumbered_ok, self.renumbered_n, self.says_renumbered)

    def figures(self) -> dict[str, float | int | None]:
        p, r, f = self.all
        cp, cr, cf = self.changed
        return {
            "cases": self.cases,
            "precision_all": p,
            "recall_all": r,
            "f1_all": f,
            "precision_changed": cp,
            "recall_changed": cr,
            "f1_changed": cf,
            "kind_accuracy": self.kind_accuracy,
            "nature_accuracy": self.nature_accuracy,
            "moved_accuracy": self.moved_accuracy,
            "moves_detected": self.moves_detected,
            "renumbered_accuracy": self.renumbered_accuracy,
            "items_true_changed": self.changed_tp + self.changed_fn,
            "seconds": round(self.seconds, 3),
        }


def _items(entry: Entry) -> set[Item]:
    if entry.old and entry.new:
        return {(o, n) for o in entry.old for n in entry.new}
    return {(o, None) for o in entry.old} | {(None, n) for n in entry.new}


def _restrict(entry: Entry, old_lines: set[int], new_lines: set[int]) -> Entry | None:
    """The entry with lines that are not clauses (headings, metadata) left out; a clause paired
    only with such a line becomes unpaired."""
    old = tuple(o for o in entry.old if o in old_lines)
    new = tuple(n for n in entry.new if n in new_lines)
    if not old and not new:
        return None
    if old == entry.old and new == entry.new:
        return entry
    kind = entry.kind if old and new else ("added" if new else "deleted")
    return Entry(kind, old, new, entry.natures, entry.moved, entry.renumbered)


def score(
    truth: Sequence[Entry],
    predicted: Iterable[Entry],
    *,
    says_natures: bool = True,
    says_moves: bool = True,
    says_renumbered: bool = True,
) -> Tally:
    """Score one case's predicted entries against its true entries."""
    old_lines = {o for e in truth for o in e.old}
    new_lines = {n for e in truth for n in e.new}
    kept = [e for e in (_restrict(p, old_lines, new_lines) for p in predicted) if e is not None]
    true_items = set().union(*(_items(e) for e in truth)) if truth else set()
    got_items = set().union(*(_items(e) for e in kept)) if kept else set()
    changed_old = {o for e in truth if e.is_change for o in e.old}
    changed_new = {n for e in truth if e.is_change for n in e.new}

    def in_scope(item: Item) -> bool:
        return item[0] in changed_old or item[1] in changed_new

    tally = Tally(
        says_natures=says_natures, says_moves=says_moves, says_renumbered=says_renumbered, cases=1
    )
    tally.tp = len(true_items & got_items)
    tally.fp = len(got_items - true_items)
    tally.fn = len(true_items - got_items)
    true_scope = {i for i in true_items if in_scope(i)}
    got_scope = {i for i in got_items if in_scope(i)}
    tally.changed_tp = len(true_scope & got_scope)
    tally.changed_fp = len(got_scope - true_scope)
    tally.changed_fn = len(true_scope - got_scope)

    by_clauses = {(frozenset(e.old), frozenset(e.new)): e for e in kept}
    for true in truth:
        if not true.is_change:
            continue
        got = by_clauses.get((frozenset(true.old), frozenset(true.new)))
        tally.kind_n += 1
        tally.kind_ok += got is not None and got.kind == true.kind
        if true.kind == "modified" and true.natures:
            tally.nature_n += 1
            tally.nature_ok += (
                got is not None
                and got.natures is not None
                and set(got.natures) == set(true.natures)
            )
        if true.moved is not None:
            tally.moved_n += 1
            tally.moved_ok += got is not None and bool(got.moved) == true.moved
            if true.moved:
                tally.moves_true += 1
                tally.moves_found += got is not None and bool(got.moved)
        if true.kind in ("unchanged", "modified"):
            tally.renumbered_n += 1
            tally.renumbered_ok += got is not None and got.renumbered == true.renumbered
    return tally


def entries_from_comparison(comparison: Comparison) -> list[Entry]:
    """revdiff's changes as entries, clauses by their line."""
    return [
        Entry(
            str(change.kind),
            tuple(c.location.line for c in change.old),
            tuple(c.location.line for c in change.new),
            tuple(str(n) for n in change.natures),
            change.moved,
            change.renumbered,
        )
        for change in comparison.changes
    ]


@dataclass
class CaseScores:
    """One case's tallies by method, with what describes it."""

    id: str
    type: str
    base: str
    tallies: dict[str, Tally]
    changed_true: int
    parse_gaps: int = 0


def load_pair(folder: Path) -> tuple[Document, Document]:
    from revdiff.load import load_document

    return load_document(folder / "old.txt"), load_document(folder / "new.txt")


def evaluate_case(case: Case, folder: Path) -> CaseScores:
    """Write the case under `folder`, run revdiff and both baselines on its files, score."""
    from revdiff.compare import compare_documents
    from revdiff.model import CompareOptions

    where = case.write(folder)
    truth = case.truth
    tallies: dict[str, Tally] = {}

    started = time.perf_counter()
    old, new = load_pair(where)
    comparison = compare_documents(old, new, CompareOptions())
    tallies["revdiff"] = score(truth, entries_from_comparison(comparison))
    tallies["revdiff"].seconds = time.perf_counter() - started

    started = time.perf_counter()
    old_text = (where / "old.txt").read_text(encoding="utf-8")
    new_text = (where / "new.txt").read_text(encoding="utf-8")
    lcs = align_paragraphs_lcs(old_text, new_text)
    tallies["paragraph LCS"] = score(
        truth, lcs, says_natures=False, says_moves=False, says_renumbered=False
    )
    tallies["paragraph LCS"].seconds = time.perf_counter() - started

    started = time.perf_counter()
    labelled = align_section_label(old, new)
    tallies["section + label"] = score(
        truth, labelled, says_natures=False, says_moves=False, says_renumbered=False
    )
    tallies["section + label"].seconds = time.perf_counter() - started

    parsed = {c.location.line for c in old.clauses}, {c.location.line for c in new.clauses}
    expected = {o for e in truth for o in e.old}, {n for e in truth for n in e.new}
    gaps = len(parsed[0] ^ expected[0]) + len(parsed[1] ^ expected[1])
    changed = sum(1 for e in truth if e.is_change)
    return CaseScores(case.id, case.type, case.base, tallies, changed, gaps)


@dataclass
class QualityResult:
    """Every case's scores, and their sums overall and by revision type."""

    cases: list[CaseScores] = field(default_factory=list)

    def total(self, method: str, *, case_type: str | None = None) -> Tally:
        tally = Tally(cases=0)
        for case in self.cases:
            if case_type is None or case.type == case_type:
                tally.add(case.tallies[method])
        return tally

    def types(self) -> list[str]:
        return list(dict.fromkeys(c.type for c in self.cases))

    def weakest(self, method: str = "revdiff", count: int = 8) -> list[CaseScores]:
        """The cases where `method` did worst on changed clauses."""
        ranked = sorted(self.cases, key=lambda c: (c.tallies[method].changed[2], c.id))
        return [c for c in ranked if c.tallies[method].changed[2] < 1.0][:count]


def run_quality(cases: Sequence[Case], folder: Path) -> QualityResult:
    result = QualityResult()
    for case in cases:
        result.cases.append(evaluate_case(case, folder))
    return result


# --------------------------------------------------------------------------------------------
# The CI guard: a small fixed benchmark whose changed-clause F1 must not drop

FLOOR_FILE = Path(__file__).with_name("quality_floor.json")


def read_floor() -> dict[str, object]:
    import json

    record: dict[str, object] = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    return record


def run_guard(folder: Path, *, cases: int, seed: int) -> Tally:
    """revdiff's tally on the guard's cases: generated from the in-repo seeds only, so that the
    figure does not depend on ../shared being present."""
    from benchmarks.generate import generate_cases, load_bases

    bases, _ = load_bases(with_shared=False)
    result = run_quality(generate_cases(bases, cases, seed), folder)
    return result.total("revdiff")


def record_floor(folder: Path, *, cases: int = 30, seed: int = 2024) -> dict[str, object]:
    """Measure the guard and write quality_floor.json: the floor is the measured figure (the
    benchmark is deterministic, so any drop is a real regression; re-record deliberately)."""
    import json

    tally = run_guard(folder, cases=cases, seed=seed)
    f1 = tally.changed[2]
    record: dict[str, object] = {
        "about": (
            "Changed-clause F1 floor for tests/test_quality_guard.py: revdiff on generated "
            "revisions of the in-repo Res 84 seed. Re-record with `python -m benchmarks "
            "--record-floor` after a deliberate change to the aligner or the generator."
        ),
        "cases": cases,
        "seed": seed,
        "changed_f1_floor": int(f1 * 1000) / 1000,
        "measured": {k: v for k, v in tally.figures().items() if k != "seconds"},
    }
    FLOOR_FILE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record
