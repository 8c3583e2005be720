"""The compilation benchmark: six proposals against one 200-clause resolution, with known edits.

The base is a resolution of real clauses (the speed run's generator). Regions revise it as
regional groups do: two pairs of proposals share a set of edits and then each adds its own, and
two more revise it alone, so that some clauses are changed by one, some the same way by several
(agreed) and some differently (conflict, or deleted by one and reworded by another). Each
proposal's true fate of every base clause is known from the generator (which old clauses each
new one came from), so the expected status of every row is too, without asking revdiff.

    python -m benchmarks.compile            # prints the figures as JSON
    python -m benchmarks.compile --seed 7

Scored: per (base clause, proposal), whether the proposal changes the clause (F1 over
"changes"); per base clause, the status (accuracy), and the detection of agreements and of
conflicts (F1; a conflict here is any row the regions treat differently: conflict or mixed).
Timed: `compile_files` in this process on the six loaded texts (median of 5), load included.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.draft import Draft, Node, all_nodes, serialize_draft
from benchmarks.generate import OPERATIONS, Pool, build_large_draft, load_bases, revise

CLAUSES = 200
KINDS = [k for k in OPERATIONS if k not in ("section-add", "section-drop")]


def _fates(base: Draft, proposal: Draft) -> dict[int, tuple[object, ...] | None]:
    """What the proposal does to each base clause (by uid): None when it leaves it as it is,
    else a key that two proposals share exactly when they make the same change."""
    before = {n.uid: n.text for n in all_nodes(base)}
    made: dict[int, list[Node]] = {}
    for node in all_nodes(proposal):
        for origin in node.origins:
            made.setdefault(origin, []).append(node)
    fates: dict[int, tuple[object, ...] | None] = {}
    for uid, text in before.items():
        nodes = made.get(uid, [])
        if not nodes:
            fates[uid] = ("deleted",)
        elif len(nodes) == 1 and nodes[0].origins == (uid,) and nodes[0].text == text:
            fates[uid] = ("moved",) if nodes[0].moved else None
        else:
            texts = tuple(" ".join(n.text.split()) for n in nodes)
            fates[uid] = ("changed", texts, tuple(sorted(nodes[0].origins)))
    return fates


def expected_status(fates: Sequence[tuple[object, ...] | None]) -> str:
    """The status the compilation should give a row, from each proposal's true fate."""
    changing = [f for f in fates if f is not None]
    if not changing:
        return "untouched"
    deleting = [f for f in changing if f == ("deleted",)]
    if deleting and len(deleting) < len(changing):
        return "mixed"
    if len(changing) == 1:
        return "changed"
    return "agreed" if len(set(changing)) == 1 else "conflict"


def make_proposals(seed: int) -> tuple[Draft, list[Draft]]:
    bases, _ = load_bases()
    pool = Pool.from_bases(bases)
    rng = random.Random(seed)
    base = build_large_draft(pool, CLAUSES, rng)

    def revised(start: Draft, turn: int, count: int) -> Draft:
        local = random.Random(seed * 100 + turn)
        return revise(start, local, pool, local.choices(KINDS, k=count), metadata=False)[0]

    shared_a, shared_b = revised(base, 1, 4), revised(base, 2, 4)
    proposals = [
        revised(shared_a, 3, 2),
        revised(shared_a, 4, 2),
        revised(shared_b, 5, 2),
        revised(shared_b, 6, 2),
        revised(base, 7, 4),
        revised(base, 8, 4),
    ]
    # Regions that did not coordinate: the same clauses reworded differently by P1 and P3, and
    # the same way by P5 and P6.
    _reword_same_clauses(base, proposals, (0, 2), ("in particular", "as appropriate"), rng)
    _reword_same_clauses(base, proposals, (4, 5), ("without delay", "without delay"), rng)
    return base, proposals


def _reword_same_clauses(
    base: Draft,
    proposals: list[Draft],
    which: tuple[int, int],
    phrases: tuple[str, str],
    rng: random.Random,
    count: int = 5,
) -> None:
    """Add `phrases[k]` before the end of `count` clauses that both proposals keep as in the
    base, in proposal `which[k]`."""
    before = {n.uid: n.text for n in all_nodes(base)}
    kept = []
    for index in which:
        same = {
            n.uid
            for n in all_nodes(proposals[index])
            if n.origins == (n.uid,) and before.get(n.uid) == n.text
        }
        kept.append(same)
    chosen = rng.sample(sorted(kept[0] & kept[1]), count)
    for index, phrase in zip(which, phrases, strict=True):
        for node in all_nodes(proposals[index]):
            if node.uid in chosen:
                body = node.text.rstrip(";,.")
                node.text = f"{body}, {phrase}{node.text[len(body) :]}"


def _f1(truth: set[object], found: set[object]) -> float:
    if not truth and not found:
        return 1.0
    hit = len(truth & found)
    return 2 * hit / (len(truth) + len(found)) if truth or found else 1.0


def run(seed: int) -> dict[str, object]:
    from revdiff.compare import compile_files

    base, proposals = make_proposals(seed)
    names = [f"P{i}" for i in range(1, len(proposals) + 1)]
    with tempfile.TemporaryDirectory() as folder:
        base_text, base_lines = serialize_draft(base)
        base_path = Path(folder, "base.txt")
        base_path.write_text(base_text, encoding="utf-8")
        paths = []
        for name, proposal in zip(names, proposals, strict=True):
            path = Path(folder, f"{name}.txt")
            path.write_text(serialize_draft(proposal)[0], encoding="utf-8")
            paths.append(path)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            compilation = compile_files(base_path, paths, names=names)
            times.append(time.perf_counter() - start)
    uid_by_line = {line: uid for uid, line in base_lines.items()}
    fates = [_fates(base, proposal) for proposal in proposals]
    truth_changes: set[object] = set()
    found_changes: set[object] = set()
    statuses: list[tuple[str, str]] = []
    for row in compilation.rows:
        if row.base is None or row.part.value != "clause":
            continue
        clause = next(c for c in compilation.base.clauses if c.id == row.base.id)
        uid = uid_by_line[clause.location.line]
        row_fates = [f[uid] for f in fates]
        for name, fate in zip(names, row_fates, strict=True):
            if fate is not None:
                truth_changes.add((uid, name))
        found_changes.update((uid, name) for name in row.changed_by)
        statuses.append((expected_status(row_fates), row.status.value))

    def detected(kinds: set[str]) -> float:
        return _f1(
            {i for i, (want, _) in enumerate(statuses) if want in kinds},
            {i for i, (_, got) in enumerate(statuses) if got in kinds},
        )

    expected_counts = {s: sum(1 for want, _ in statuses if want == s) for s, _ in statuses}
    return {
        "seed": seed,
        "base_clauses": len(compilation.base.clauses),
        "proposals": len(proposals),
        "rows": len(compilation.rows),
        "expected_statuses": expected_counts,
        "change_f1": round(_f1(truth_changes, found_changes), 4),
        "status_accuracy": round(sum(w == g for w, g in statuses) / len(statuses), 4),
        "agreement_f1": round(detected({"agreed"}), 4),
        "conflict_f1": round(detected({"conflict", "mixed"}), 4),
        "compile_seconds_median": round(statistics.median(times), 3),
        "compile_seconds_all": [round(t, 3) for t in times],
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, action="append", help="seed (repeatable)")
    args = parser.parse_args(argv)
    for seed in args.seed or [1, 2, 3]:
        print(json.dumps(run(seed)), flush=True)


if __name__ == "__main__":
    main()
