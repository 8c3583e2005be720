"""The quick paths of the output stages give what the plain paths give, byte for byte."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from revdiff.render.json_text import to_json_bytes, to_json_text

_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_values)
def test_json_bytes_are_the_json_text_encoded(value: Any) -> None:
    assert to_json_bytes(value) == to_json_text(value).encode("utf-8")


@pytest.mark.parametrize(
    "value",
    [{"text": "a\x7fb\x9bc\x1bd"}, ["x\ud800y", "é"], {"year": -(2**63) - 1, "source": "é\x85"}],
)
def test_json_bytes_of_controls_surrogates_and_big_integers(value: Any) -> None:
    assert to_json_bytes(value) == to_json_text(value).encode("utf-8")


def test_the_json_report_is_written_as_it_is_rendered() -> None:
    from revdiff.model import CompareOptions, OutputFormat
    from revdiff.render import render_comparison
    from revdiff.seeds import compare_seeds
    from revdiff.write import report_bytes

    comparison = compare_seeds(CompareOptions())
    rendered = render_comparison(comparison, OutputFormat.JSON)
    assert report_bytes(comparison, OutputFormat.JSON) == rendered.encode("utf-8")


def test_a_change_with_one_run_or_no_run_is_rendered_as_the_general_path_renders_it() -> None:
    from revdiff.model import Change, ChangeKind, Clause, EditOp, SourceLocation, TextEdit
    from revdiff.render.common import inline_edits
    from revdiff.render.json import _change

    clause = Clause("c", "s", "a)", "", SourceLocation("t", 1))
    for edits in [(), (TextEdit(EditOp.EQUAL, ""),), (TextEdit(EditOp.EQUAL, "x"),)]:
        change = Change(ChangeKind.UNCHANGED, (clause,), (clause,), edits, similarity=1)
        rendered = _change(change)
        assert rendered["inline"] == [[e.op.value, e.text] for e in inline_edits(change)]
        assert rendered["similarity"] == 1.0 and isinstance(rendered["similarity"], float)


def _longest_named_as_before(document: Any) -> tuple[str, str]:
    """check_comparable's choice as it was written before it named only the longest text."""
    from revdiff.model import METADATA_FIELDS

    metadata = (getattr(document.metadata, field) or "" for field in METADATA_FIELDS)
    texts = [
        *((f"clause {clause.id}", clause.text) for clause in document.clauses),
        *((f"footnote {note.mark}", note.text) for note in document.footnotes),
        *(("the heading", text) for text in metadata),
    ]
    return max(texts, key=lambda item: len(item[1]), default=("", ""))


@pytest.mark.parametrize(
    "name",
    [
        "seeds/res84-geneva-2022.tika.txt",
        "fixtures/forms/footnotes-separator.txt",
        "fixtures/forms/footnotes-page-foot.txt",
        "fixtures/cases/split/new.txt",
        "fixtures/forms/decision.txt",
    ],
)
def test_the_text_too_long_is_named_as_before(
    name: str, repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from revdiff.errors import InputError
    from revdiff.load import load_document

    compare_module = importlib.import_module("revdiff.compare")  # revdiff.compare: a function
    document = load_document(repo / name)
    expected, longest = _longest_named_as_before(document)
    for limit in (0, len(longest) - 1):
        monkeypatch.setattr(compare_module, "MAX_CLAUSE_CHARS", limit)
        with pytest.raises(InputError) as refused:
            compare_module.check_comparable(document)
        assert f"{expected} holds {len(longest):,} characters" in str(refused.value)
    monkeypatch.setattr(compare_module, "MAX_CLAUSE_CHARS", len(longest))
    compare_module.check_comparable(document)
