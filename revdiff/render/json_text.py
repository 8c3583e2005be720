"""JSON text as every revdiff JSON file is written: UTF-8 characters kept, a two-space indent, a
newline at the end, and no control character left unescaped.

orjson writes exactly what `json.dumps(value, ensure_ascii=False, indent=2)` writes, about eight
times faster: with an indent, CPython falls back to its pure-Python encoder, which took 0.3 s of
a 10,000-clause report (issue 5).
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

# JSON escapes C0 controls itself; DEL and C1 controls (U+007F-U+009F, where a terminal may read
# CSI) are escaped too, so that no control character reaches whoever views the file.
_C1 = re.compile("[\x7f-\x9f]")


def to_json_text(value: Any) -> str:
    """`value` (dicts with string keys, lists, strings, numbers, booleans, None) as JSON text."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", dumps_indented(value) + "\n")


def dumps_indented(value: Any) -> str:
    """Exactly `json.dumps(value, ensure_ascii=False, indent=2)` where a UTF-8 file can hold
    the result; no newline at the end, controls as `json` leaves them."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        # orjson refuses two things the standard library writes: an integer beyond 64 bits
        # (only a caller of the API can supply one) and text that is not valid UTF-8.
        text = json.dumps(value, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate that a lenient decoder let through: no UTF-8 file can hold it, so
        # that text is written all in escapes, valid JSON that reads back to the same strings.
        return json.dumps(value, ensure_ascii=True, indent=2)
    return text
