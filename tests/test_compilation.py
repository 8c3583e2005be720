"""Compiling several proposals against one base: statuses, groups, the JSON schema, and the
invariants any compilation keeps (identical proposals agree, order does not matter)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import revised_documents

from revdiff.compare import compare_documents
from revdiff.compilation import Compilation, NamedProposal, RowStatus, compile_proposals
from revdiff.load import load_document
from revdiff.model import CompareOptions, Document, Marker
from revdiff.render.compilation import (
    compilation_to_dict,
    load_schema,
    render_compilation_html,
    render_compilation_markdown,
)

RES84 = Path(__file__).resolve().parent.parent / "fixtures" / "compile" / "res84"
NAMES = ("APT", "CEPT", "ATU", "CITEL")


def compile_documents(base: Document, named: list[tuple[str, Document]]) -> Compilation:
    proposals = [NamedProposal(name, document) for name, document in named]
    comparisons = [compare_documents(base, p.document, CompareOptions()) for p in proposals]
    return compile_proposals(base, proposals, comparisons)


@pytest.fixture(scope="module")
def res84() -> Compilation:
    base = load_document(RES84 / "base-res84-geneva-2022.txt")
    named = [(name, load_document(RES84 / f"{name.lower()}-res84.txt")) for name in NAMES]
    return compile_documents(base, named)


# Hand-made from the edits each regional proposal makes (fixtures/compile/res84/EXPECTED.md).
EXPECTED_CHANGED_ROWS = {
    "recalling/a": (RowStatus.AGREED, ("APT", "CEPT", "ATU")),
    "recalling/d": (RowStatus.CHANGED, ("CITEL",)),
    "considering/j": (RowStatus.AGREED, ("APT", "ATU")),
    "APT:considering/k": (RowStatus.ADDED, ("APT", "ATU")),
    "noting/b": (RowStatus.MIXED, ("APT", "CEPT")),
    "resolves/4": (RowStatus.CONFLICT, ("APT", "CEPT")),
    "resolves/5": (RowStatus.AGREED, ("CEPT", "CITEL")),
    "CEPT:resolves/6": (RowStatus.ADDED, ("CEPT", "CITEL")),
    "invites-member-states/p1": (RowStatus.CHANGED, ("ATU",)),
}


def test_every_row_of_the_regional_proposals_has_the_expected_status(res84: Compilation) -> None:
    found = {
        row.id: (row.status, row.changed_by)
        for row in res84.rows
        if row.status is not RowStatus.UNTOUCHED
    }
    assert found == EXPECTED_CHANGED_ROWS
    base = res84.base
    # A row per clause, per section heading and per footnote, and the two added rows.
    assert len(res84.rows) == len(base.clauses) + len(base.sections) + len(base.footnotes) + 2


def test_call_lines_and_footnotes_are_rows_as_clauses_are(tmp_path: Path) -> None:
    base_text = (RES84 / "base-res84-geneva-2022.txt").read_text(encoding="utf-8")
    resolves = base_text.replace("\nresolves\n", "\ndecides\n")
    footnote = base_text.replace("economic in transition", "economies in transition")
    paths = []
    for name, text in (("decides", resolves), ("footnote", footnote), ("same", base_text)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    base = load_document(RES84 / "base-res84-geneva-2022.txt")
    named = [(p.stem, load_document(p)) for p in paths]
    by_id = {row.id: row for row in compile_documents(base, named).rows}
    call = by_id["heading:resolves"]
    assert (call.status, call.changed_by) == (RowStatus.CHANGED, ("decides",))
    decided = call.version("decides")
    assert decided is not None and decided.text == "decides"
    assert decided.marker is Marker.MOD
    note = by_id["footnote:1"]
    assert (note.status, note.changed_by) == (RowStatus.CHANGED, ("footnote",))
    assert {row.status for row in by_id.values()} == {RowStatus.UNTOUCHED, RowStatus.CHANGED}


def test_a_relettered_clause_is_not_a_change_of_it(res84: Compilation) -> None:
    # APT deletes noting b), so its noting c) becomes b): same text, new label.
    row = next(row for row in res84.rows if row.id == "noting/c")
    version = row.version("APT")
    assert version is not None and version.label == "b)"
    assert row.status is RowStatus.UNTOUCHED
    assert version.marker is Marker.MOD_EDITORIAL


def test_deletion_and_additions_carry_their_markers(res84: Compilation) -> None:
    by_id = {row.id: row for row in res84.rows}
    deleted = by_id["noting/b"].version("APT")
    assert deleted is not None and deleted.marker is Marker.SUP and deleted.text is None
    modified = by_id["noting/b"].version("CEPT")
    assert modified is not None and modified.marker is Marker.MOD
    added = by_id["CEPT:resolves/6"]
    assert [v.marker for _, v in added.versions] == [Marker.ADD, Marker.ADD]
    assert added.similarity is not None and 0.5 <= added.similarity < 1
    assert added.groups == (("CEPT",), ("CITEL",))  # different words: not identical


def test_groups_partition_the_proposals_by_identical_version(res84: Compilation) -> None:
    row = next(row for row in res84.rows if row.id == "recalling/a")
    assert row.groups == (("APT", "CEPT", "ATU"), ("CITEL",))
    for row in res84.rows:
        names = [name for group in row.groups for name in group]
        assert sorted(names) == sorted(name for name, _ in row.versions)


def test_json_follows_the_shipped_schema(res84: Compilation) -> None:
    jsonschema = pytest.importorskip(
        "jsonschema", reason="needs jsonschema (pip install -e .[dev])"
    )
    data = compilation_to_dict(res84)
    jsonschema.validate(data, load_schema())
    assert data["summary"] == {
        "untouched": 34,  # 25 clauses, 8 headings, 1 footnote
        "changed": 2,
        "agreed": 3,
        "conflict": 1,
        "mixed": 1,
        "added": 2,
    }
    row = next(r for r in data["rows"] if r["id"] == "resolves/4")
    assert ["+", "13, "] in row["proposals"]["APT"]["inline"]
    old = "".join(t for op, t in row["proposals"]["CEPT"]["inline"] if op != "+")
    new = "".join(t for op, t in row["proposals"]["CEPT"]["inline"] if op != "-")
    assert old == row["base"]["text"]
    assert new == row["proposals"]["CEPT"]["text"]
    json.dumps(data)  # plain values only


def test_markdown_and_html_show_every_proposal_and_the_conflicts(res84: Compilation) -> None:
    markdown = render_compilation_markdown(res84)
    page = render_compilation_html(res84)
    for name in NAMES:
        assert f"| {name} " in markdown or f"| {name} |" in markdown
        assert f">{name}</th>" in page
    assert "conflict: APT, CEPT" in markdown
    assert "<script" not in page  # the page's policy allows no script: filters are CSS only
    assert 'id="f-conflict"' in page and "conflicts only (2)" in page


# --------------------------------------------------------------------------------------------
# Invariants


def _statuses(compilation: Compilation) -> dict[str, RowStatus]:
    return {row.base.id: row.status for row in compilation.rows if row.base is not None}


@settings(max_examples=40, deadline=None)
@given(revised_documents())
def test_a_proposal_identical_to_the_base_leaves_every_row_untouched(
    pair: tuple[Document, Document],
) -> None:
    base, _ = pair
    compilation = compile_documents(base, [("SAME", base)])
    assert {row.status for row in compilation.rows} <= {RowStatus.UNTOUCHED}
    assert not compilation.has_differences


@settings(max_examples=40, deadline=None)
@given(revised_documents())
def test_two_identical_proposals_agree_wherever_they_change(
    pair: tuple[Document, Document],
) -> None:
    base, proposal = pair
    compilation = compile_documents(base, [("A", proposal), ("B", proposal)])
    for row in compilation.rows:
        if row.base is None:
            assert row.status is RowStatus.ADDED
        else:
            assert row.status in (RowStatus.UNTOUCHED, RowStatus.AGREED)
            assert len(row.groups) == 1


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_the_order_of_the_proposals_changes_no_status(data: st.DataObject) -> None:
    base, first = data.draw(revised_documents())
    _, second = data.draw(revised_documents())
    named = [("A", first), ("B", second), ("C", base)]
    order = data.draw(st.permutations(named))
    assert _statuses(compile_documents(base, named)) == _statuses(
        compile_documents(base, list(order))
    )


def _document(tmp_path: Path, name: str, items: list[str]) -> Document:
    lines = ["RESOLUTION 1 (Geneva, 2022)", "", "Title", "", "considering", ""]
    lines += [f"{chr(97 + i)})\t{item}" for i, item in enumerate(items)]
    path = tmp_path / f"{name}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_document(path)


def test_a_split_or_a_merge_that_keeps_every_word_still_changes_the_row(tmp_path: Path) -> None:
    """Cutting one provision into two (or joining two), without changing a word, is a (MOD) of
    the provision: the row must not say untouched (it did, since its edits are all equal)."""
    first = "that the first sentence stands here for the Council;"
    second = "that the second sentence follows it in the same provision;"
    other = "that nothing else changes in this text at all, in any proposal;"
    base = _document(tmp_path, "base", [f"{first} {second}", other, "that it ends here,"])
    split = _document(tmp_path, "split", [first, second, other, "that it ends here,"])
    merged = _document(tmp_path, "merged", [f"{first} {second} {other}", "that it ends here,"])
    compilation = compile_documents(base, [("SPLIT", split), ("MERGED", merged)])
    rows = {row.id: row for row in compilation.rows}
    assert rows["considering/a"].changed_by == ("SPLIT", "MERGED")
    assert rows["considering/a"].status is RowStatus.CONFLICT
    assert rows["considering/b"].changed_by == ("MERGED",)  # joined into a)
    assert rows["considering/c"].status is RowStatus.UNTOUCHED
