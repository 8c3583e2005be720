"""Every JSON file revdiff writes has the standard library's indented layout, whatever writes it."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from revdiff.render.json_text import to_json_text

# Report-like values: string keys, and the scalars the report schemas use. Integers are unbounded:
# the API accepts any int where a year or count goes, and orjson stops at 64 bits.
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False).map(lambda x: round(x, 4))
    | st.text()
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@given(_values)
def test_the_text_is_what_the_standard_library_writes_with_an_indent(value: Any) -> None:
    text = to_json_text(value)
    assert json.loads(text) == value
    if not any(0x7F <= ord(ch) <= 0x9F for ch in _standard(value)):
        assert text == _standard(value)


def test_del_and_c1_controls_are_escaped_so_no_terminal_reads_them() -> None:
    text = to_json_text({"text": "a\x7fb\x9bc\x1bd"})
    assert text == '{\n  "text": "a\\u007fb\\u009bc\\u001bd"\n}\n'
    assert json.loads(text) == {"text": "a\x7fb\x9bc\x1bd"}


def test_a_lone_surrogate_is_written_as_an_escape_not_an_error() -> None:
    text = to_json_text(["x\ud800y", "é"])
    assert text == '[\n  "x\\ud800y",\n  "\\u00e9"\n]\n'
    text.encode("utf-8")


def test_an_integer_beyond_64_bits_is_written_as_the_standard_library_writes_it() -> None:
    value = {"year": -(2**63) - 1, "source": "é"}
    assert to_json_text(value) == _standard(value)
