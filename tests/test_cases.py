"""Hand-checked comparison cases, one per revision phenomenon, found by listing fixtures/cases/.

Each case folder holds old.txt and new.txt (small resolutions in Tika-like text) and case.toml:
a description, whether there are differences, the exact summary counts, and the changes
expected (by clause ids on each side) with their kind, marker, natures, moved/renumbered flags,
and optionally the described citation updates, the inline diff in git word-diff notation, and
which clause the change `follows` in the report. Every change not listed must be an unchanged
clause in place (NOC). The Res 84 seed pair is checked the same way at the end.
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from test_textdiff import marked

from revdiff.citations import describe_citation_update
from revdiff.compare import compare_documents
from revdiff.load import load_document
from revdiff.model import Change, ChangeKind, CompareOptions, Comparison, Marker, Summary
from revdiff.normalize import unify_variants
from revdiff.seeds import seed_paths

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "case.toml").is_file())


def compare_case(name: str) -> tuple[Comparison, dict[str, Any]]:
    folder = CASES / name
    spec = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    comparison = compare_documents(
        load_document(folder / "old.txt"), load_document(folder / "new.txt"), CompareOptions()
    )
    return comparison, spec


def change_key(change: Change) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(c.id for c in change.old), tuple(c.id for c in change.new)


def last_id(change: Change) -> str:
    return (change.new or change.old)[-1].id


def assert_every_clause_once(comparison: Comparison) -> None:
    old_ids = [c.id for change in comparison.changes for c in change.old]
    new_ids = [c.id for change in comparison.changes for c in change.new]
    assert sorted(old_ids) == sorted(c.id for c in comparison.old.clauses)
    assert sorted(new_ids) == sorted(c.id for c in comparison.new.clauses)
    assert len(set(old_ids)) == len(old_ids) and len(set(new_ids)) == len(new_ids)


def assert_new_order(comparison: Comparison) -> None:
    position = {c.id: n for n, c in enumerate(comparison.new.clauses)}
    firsts = [position[change.new[0].id] for change in comparison.changes if change.new]
    assert firsts == sorted(firsts)


def check_expectations(comparison: Comparison, spec: dict[str, Any]) -> None:
    assert comparison.has_differences is spec["differences"]
    expected_summary = Summary(**spec.get("summary", {}))
    assert comparison.summary == expected_summary
    by_key = {change_key(change): (n, change) for n, change in enumerate(comparison.changes)}
    listed = set()
    for expected in spec.get("change", []):
        key = (tuple(expected.get("old", [])), tuple(expected.get("new", [])))
        assert key in by_key, f"no change pairs {key}; got {sorted(by_key)}"
        listed.add(key)
        n, change = by_key[key]
        assert change.kind is ChangeKind(expected["kind"]), key
        assert change.marker is Marker(expected["marker"]), key
        assert [v.value for v in change.natures] == expected.get("natures", []), key
        assert change.moved is expected.get("moved", False), key
        assert change.renumbered is expected.get("renumbered", False), key
        if "citations" in expected:
            assert [describe_citation_update(u) for u in change.citations] == expected["citations"]
        if "inline" in expected:
            assert marked(change.edits) == expected["inline"]
        if "follows" in expected:
            assert n > 0 and last_id(comparison.changes[n - 1]) == expected["follows"], key
    for key, (_, change) in by_key.items():
        if key not in listed:
            assert change.kind is ChangeKind.UNCHANGED, key
            assert (change.marker, change.moved, change.renumbered) == (Marker.NOC, False, False)
            assert key[0] == key[1], "an unlisted clause keeps its id"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case(name: str) -> None:
    comparison, spec = compare_case(name)
    assert spec["description"]
    assert_every_clause_once(comparison)
    assert_new_order(comparison)
    check_expectations(comparison, spec)


def test_every_phenomenon_has_a_case() -> None:
    assert set(CASE_NAMES) >= {
        "reletter-after-insertion",
        "bis-insertion",
        "deletion",
        "move-across-sections",
        "swap",
        "split",
        "merge",
        "section-added",
        "section-removed",
        "citation-only",
        "editorial-only",
        "reworded",
        "identical",
        "label-restyled",
    }


def test_summary_fields_are_the_ones_case_files_may_use() -> None:
    assert {f.name for f in fields(Summary)} == {
        "unchanged",
        "modified",
        "added",
        "deleted",
        "split",
        "merged",
        "moved",
        "renumbered",
    }


# --------------------------------------------------------------------------------------------
# The seed pair: WTSA Res 84, Hammamet 2016 (a labelled reconstruction) → Geneva 2022.


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    old, new = seed_paths()
    return compare_documents(load_document(old), load_document(new), CompareOptions())


def test_seeds_have_32_clauses_each_all_paired(seeds: Comparison) -> None:
    assert len(seeds.old.clauses) == len(seeds.new.clauses) == 32
    assert_every_clause_once(seeds)
    assert all(len(c.old) == len(c.new) == 1 for c in seeds.changes)
    assert all(c.old[0].id == c.new[0].id for c in seeds.changes)


def test_seed_metadata_changes_are_citations(seeds: Comparison) -> None:
    changed = {m.field: m for m in seeds.metadata if m.changed}
    assert set(changed) == {"number_line", "history", "preamble"}
    assert unify_variants(changed["number_line"].new or "") == "RESOLUTION 84 (Rev. Geneva, 2022)"
    assert unify_variants(changed["history"].new or "") == "(Hammamet, 2016; Geneva, 2022)"
    assert all([n.value for n in m.natures] == ["citation"] for m in changed.values())
    assert marked(changed["history"].edits) == "(Hammamet, 2016{+; Geneva, 2022+})"


SEED_UPDATES = {
    "recalling/a": "citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)",
    "recalling/b": "citation updated: PP Resolution 188 (Busan, 2014) → (Rev. Dubai, 2018)",
    "recalling/c": "citation updated: PP Resolution 189 (Busan, 2014) → (Rev. Dubai, 2018)",
    "recalling/d": (
        "citation updated: WTDC Resolution 64 (Rev. Dubai, 2014) → (Rev. Buenos Aires, 2017)"
    ),
    "invites-the-director-of-the-telecommunication-standardization-bureau/1": (
        "citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)"
    ),
}


def test_seed_citation_updates_are_citation_only_mods(seeds: Comparison) -> None:
    modified = {c.new[0].id: c for c in seeds.changes if c.kind is not ChangeKind.UNCHANGED}
    assert set(modified) == set(SEED_UPDATES)
    for clause_id, description in SEED_UPDATES.items():
        change = modified[clause_id]
        assert change.kind is ChangeKind.MODIFIED
        assert change.marker is Marker.MOD
        assert [n.value for n in change.natures] == ["citation"]
        assert [describe_citation_update(u) for u in change.citations] == [description]


def test_seed_other_clauses_are_noc(seeds: Comparison) -> None:
    others = [c for c in seeds.changes if c.new[0].id not in SEED_UPDATES]
    assert len(others) == 27
    assert all(c.marker is Marker.NOC and not c.is_change for c in others)
