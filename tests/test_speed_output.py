"""The quick paths of the output stages give what the plain paths give, byte for byte."""

from __future__ import annotations

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
