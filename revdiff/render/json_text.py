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
    return to_json_bytes(value).decode()


def to_json_bytes(value: Any) -> bytes:
    """`to_json_text(value)` encoded in UTF-8, made without decoding it: a file is written from
    these bytes, and a round trip through text costs 0.03 s on a 13 MB report."""
    # orjson puts the line end on: no copy of the bytes to join it.
    data = _orjson(value, orjson.OPT_APPEND_NEWLINE)
    if data is not None and not _holds_c1(data):  # almost every report: no scan of the text
        return data
    text = data.decode() if data is not None else dumps_indented(value) + "\n"
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode()


def dumps_indented(value: Any) -> str:
    """Exactly `json.dumps(value, ensure_ascii=False, indent=2)` where a UTF-8 file can hold
    the result; no newline at the end, controls as `json` leaves them."""
    data = _orjson(value)
    if data is not None:
        return data.decode()
    # orjson refuses two things the standard library writes: an integer beyond 64 bits (only a
    # caller of the API can supply one) and text that is not valid UTF-8.
    text = json.dumps(value, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate that a lenient decoder let through: no UTF-8 file can hold it, so
        # that text is written all in escapes, valid JSON that reads back to the same strings.
        return json.dumps(value, ensure_ascii=True, indent=2)
    return text


def _orjson(value: Any, option: int = 0) -> bytes | None:
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 | option)
    except orjson.JSONEncodeError:
        return None


def _holds_c1(data: bytes) -> bool:
    """Whether UTF-8 `data` holds DEL or a C1 control. Found by bytes: DEL is 0x7F, and a C1
    control is 0xC2 then 0x80-0x9F (0xC2 only ever leads a character). A byte search is ten
    times quicker than the pattern over the decoded text of a 13 MB report."""
    if b"\x7f" in data:
        return True
    at = data.find(b"\xc2")
    while at != -1:
        if data[at + 1] <= 0x9F:
            return True
        at = data.find(b"\xc2", at + 2)
    return False
