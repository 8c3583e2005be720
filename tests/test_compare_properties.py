"""Properties every comparison has, whatever the documents (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import documents, revised_documents

from revdiff.compare import compare_documents
from revdiff.model import ChangeKind, CompareOptions, Comparison, Document
from revdiff.textdiff import rebuild

OPTIONS = CompareOptions()
# Revisions of one document, and two unrelated documents (nearly everything added and deleted).
document_pairs = st.one_of(revised_documents(), st.tuples(documents(), documents()))


def ids(clauses: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(c.id for c in clauses)  # type: ignore[attr-defined]


def by_kind(comparison: Comparison, kind: ChangeKind) -> set[tuple[tuple[str, ...], ...]]:
    return {(ids(c.old), ids(c.new)) for c in comparison.changes if c.kind is kind}


def assert_every_clause_exactly_once(comparison: Comparison) -> None:
    old_ids = [c.id for change in comparison.changes for c in change.old]
    new_ids = [c.id for change in comparison.changes for c in change.new]
    assert sorted(old_ids) == sorted(c.id for c in comparison.old.clauses)
    assert sorted(new_ids) == sorted(c.id for c in comparison.new.clauses)
    assert len(set(old_ids)) == len(old_ids), "an old clause is used twice"
    assert len(set(new_ids)) == len(new_ids), "a new clause is used twice"


@settings(max_examples=60, deadline=None)
@given(document_pairs)
def test_edits_rebuild_both_texts(pair: tuple[Document, Document]) -> None:
    comparison = compare_documents(*pair, OPTIONS)
    for change in comparison.changes:
        assert rebuild(change.edits) == (
            " ".join(c.text for c in change.old),
            " ".join(c.text for c in change.new),
        )
    for line in comparison.metadata:
        assert rebuild(line.edits) == (line.old or "", line.new or "")


@settings(max_examples=60, deadline=None)
@given(document_pairs)
def test_every_clause_appears_exactly_once(pair: tuple[Document, Document]) -> None:
    assert_every_clause_exactly_once(compare_documents(*pair, OPTIONS))


@settings(max_examples=60, deadline=None)
@given(documents())
def test_a_document_compared_with_itself_is_all_unchanged(document: Document) -> None:
    comparison = compare_documents(document, document, OPTIONS)
    assert not comparison.has_differences
    assert all(c.kind is ChangeKind.UNCHANGED for c in comparison.changes)
    assert [ids(c.old) for c in comparison.changes] == [ids(c.new) for c in comparison.changes]
    assert_every_clause_exactly_once(comparison)


@settings(max_examples=80, deadline=None)
@given(document_pairs)
def test_swapping_inputs_swaps_added_and_deleted(pair: tuple[Document, Document]) -> None:
    old, new = pair
    forward = compare_documents(old, new, OPTIONS)
    backward = compare_documents(new, old, OPTIONS)

    def swapped(found: set[tuple[tuple[str, ...], ...]]) -> set[tuple[tuple[str, ...], ...]]:
        return {(n, o) for o, n in found}

    assert by_kind(backward, ChangeKind.DELETED) == swapped(by_kind(forward, ChangeKind.ADDED))
    assert by_kind(backward, ChangeKind.ADDED) == swapped(by_kind(forward, ChangeKind.DELETED))
    assert by_kind(backward, ChangeKind.MERGED) == swapped(by_kind(forward, ChangeKind.SPLIT))
    assert by_kind(backward, ChangeKind.SPLIT) == swapped(by_kind(forward, ChangeKind.MERGED))
