"""CI regression guard for alignment quality (issue 5), and the checks that make it trustworthy.

The guard generates ~30 revisions of the in-repo Res 84 seed from a fixed seed (benchmarks/
generate.py), runs revdiff on the written files and fails if its changed-clause F1 falls below
the floor recorded in benchmarks/quality_floor.json. No timing is measured here.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is not installed with the package
    sys.path.insert(0, str(ROOT))

from benchmarks.baselines import align_paragraphs_lcs  # noqa: E402
from benchmarks.draft import (  # noqa: E402
    Node,
    detect_scheme,
    draft_from_document,
    relabel,
    serialize_draft,
)
from benchmarks.generate import Case, generate_cases, load_bases  # noqa: E402
from benchmarks.quality import Tally, read_floor, run_guard, score  # noqa: E402
from revdiff.load import load_document  # noqa: E402
from revdiff.seeds import seed_paths  # noqa: E402


def _guard_cases() -> list[Case]:
    floor = read_floor()
    bases, _ = load_bases(with_shared=False)
    return generate_cases(bases, int(str(floor["cases"])), int(str(floor["seed"])))


def test_changed_clause_f1_does_not_drop_below_the_recorded_floor(tmp_path: Path) -> None:
    floor = read_floor()
    tally = run_guard(tmp_path, cases=int(str(floor["cases"])), seed=int(str(floor["seed"])))
    precision, recall, f1 = tally.changed
    recorded = float(str(floor["changed_f1_floor"]))
    assert f1 >= recorded, (
        f"changed-clause F1 fell to {f1:.4f} (precision {precision:.4f}, recall {recall:.4f}) "
        f"below the recorded floor {recorded}; run `python -m benchmarks --only quality` to see "
        "the weakest cases, or re-record with --record-floor if the change is deliberate"
    )


def test_the_same_seed_generates_the_same_cases() -> None:
    bases, _ = load_bases(with_shared=False)
    first = generate_cases(bases, 6, 99)
    again = generate_cases(bases, 6, 99)
    assert [(c.old_text, c.new_text, c.truth) for c in first] == [
        (c.old_text, c.new_text, c.truth) for c in again
    ]


def test_the_truth_names_exactly_the_clauses_the_parser_finds(tmp_path: Path) -> None:
    for case in _guard_cases():
        where = case.write(tmp_path)
        old = load_document(where / "old.txt")
        new = load_document(where / "new.txt")
        assert {c.location.line for c in old.clauses} == {o for e in case.truth for o in e.old}
        assert {c.location.line for c in new.clauses} == {n for e in case.truth for n in e.new}
        used_old = [o for e in case.truth for o in e.old]
        assert len(used_old) == len(set(used_old)), "an old clause appears in two true entries"


def test_a_serialized_seed_parses_back_to_the_same_clauses(tmp_path: Path) -> None:
    document = load_document(seed_paths()[1])
    text, lines = serialize_draft(draft_from_document(document, "seed"))
    (tmp_path / "seed.txt").write_text(text, encoding="utf-8")
    again = load_document(tmp_path / "seed.txt")
    assert [(c.id, c.label, c.text) for c in again.clauses] == [
        (c.id, c.label, c.text) for c in document.clauses
    ]
    assert sorted(lines.values()) == [c.location.line for c in again.clauses]


def test_perfect_answers_score_one_and_the_paragraph_baseline_misses_relettering() -> None:
    perfect, lcs = Tally(cases=0), Tally(cases=0)
    for case in _guard_cases():
        perfect.add(score(case.truth, case.truth))
        lcs.add(score(case.truth, align_paragraphs_lcs(case.old_text, case.new_text)))
    assert perfect.changed == (1.0, 1.0, 1.0)
    assert perfect.all == (1.0, 1.0, 1.0)
    assert lcs.changed[2] < 1.0


def test_inserting_an_item_reletters_the_items_after_it() -> None:
    nodes = [Node(i, f"{letter})", f"text {letter}") for i, letter in enumerate("abc")]
    scheme = detect_scheme(nodes)
    assert scheme is not None
    nodes.insert(1, Node(9, None, "new"))
    relabel(nodes, scheme)
    assert [(n.label, n.text) for n in nodes] == [
        ("a)", "text a"),
        ("b)", "new"),
        ("c)", "text b"),
        ("d)", "text c"),
    ]


def test_renumbering_a_dotted_item_renumbers_its_sub_items() -> None:
    child = Node(5, "1.11.1", "sub")
    nodes = [Node(0, "1.10", "x"), Node(1, "1.11", "y", children=[child])]
    scheme = detect_scheme(nodes)
    assert scheme is not None
    nodes.insert(0, Node(9, None, "new"))
    relabel(nodes, scheme)
    assert [n.label for n in nodes] == ["1.10", "1.11", "1.12"]
    assert child.label == "1.12.1"


def test_a_bis_item_follows_the_item_before_it() -> None:
    nodes = [Node(0, "a)", "x"), Node(1, "b)", "y")]
    scheme = detect_scheme(nodes)
    assert scheme is not None
    nodes.insert(1, Node(9, "bis", "new"))
    relabel(nodes, scheme)
    assert [n.label for n in nodes] == ["a)", "a)bis", "b)"]
