"""Proposal documents: the header lines, provision markers (``MOD``, ``ADD``, ``SUP``, ``NOC``
with an id such as ``ACP/64A1/1``), and the ``Reasons:`` and ``References:`` paragraphs.

These are metadata, never clauses: the header becomes the document's `header`, a marker and its
reasons become the `Proposal` of the provision they stand before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from revdiff.structure.grammar import grammar, phrase_pattern
from revdiff.structure.numberline import normalise

_ID = r"[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9.()]+)+"
_HEADER_MIN = 2  # header lines a proposal document's head has at least (one alone is text)


@functools.cache
def _marker_pattern() -> re.Pattern[str]:
    markers = phrase_pattern(grammar().markers)
    return re.compile(
        rf"(?P<marker>{markers})(?:\s+(?P<id>{_ID}))?(?:\s+|$)(?P<rest>.*)", re.DOTALL
    )


@functools.cache
def _note_pattern() -> re.Pattern[str]:
    words = grammar()
    reasons = phrase_pattern(words.reasons)
    references = phrase_pattern(words.references)
    return re.compile(
        rf"(?:(?P<reasons>{reasons})|(?P<references>{references}))\s*:\s*(?P<text>.*)",
        re.IGNORECASE | re.DOTALL,
    )


def split_marker(text: str) -> tuple[str, str | None, str] | None:
    """(marker, id, the provision after them) when `text` opens with a proposal marker:
    ``MOD ACP/64A1/1`` (then the provision is empty: it is the next paragraph) or ``ADD\\t1bis\\t
    to …``. Markers are matched with their case: "Add" in a sentence is a word."""
    line = text.strip()
    if line[:1] not in {"M", "A", "S", "N", "("}:
        return None
    match = _marker_pattern().match(line)
    if match is None:
        return None
    return match.group("marker"), match.group("id"), match.group("rest").strip()


@functools.cache
def _note_initials() -> frozenset[str]:
    words = grammar()
    return frozenset(word[:1].casefold() for word in (*words.reasons, *words.references) if word)


def read_note(text: str) -> tuple[str, str] | None:
    """("reasons" or "references", its text) for a ``Reasons:`` or ``References:`` paragraph."""
    if text.lstrip()[:1].casefold() not in _note_initials():
        return None  # the usual paragraph: not worth a regex
    match = _note_pattern().match(text.strip())
    if match is None:
        return None
    kind = "reasons" if match.group("reasons") else "references"
    return kind, " ".join(match.group("text").split())


# ITU's Word templates set some header lines in styles of their own, without a label.
_HEADER_STYLES = {"source": "source", "title1": "title", "docnumber": "document"}


def read_header(lines: Iterable[tuple[str | None, str]]) -> tuple[tuple[str, str], ...]:
    """The header fields of a proposal document among the (style, text) lines before its number
    line: ``Agenda item 1.1``, ``Source: …``, ``Document 64(Add.1)-E``, a paragraph in the
    ``Source`` style. Empty unless there are at least two: one alone is ordinary front matter."""
    fields: list[tuple[str, str]] = []
    keys = grammar().header_key
    labels = sorted(keys, key=len, reverse=True)
    pattern = re.compile(
        rf"(?P<label>{phrase_pattern(tuple(labels))})(?P<colon>\s*:)?\s*(?P<value>\S.*)",
        re.IGNORECASE,
    )
    pending = ""  # a label alone ("Source:"), its value in the next line (a table's next cell)
    for style, line in lines:
        styled = _HEADER_STYLES.get(re.sub(r"[\s_]+", "", style or "").casefold())
        if styled is not None and line.strip() and all(styled != seen for seen, _ in fields):
            fields.append((styled, normalise(line)))
            continue
        text = f"{pending} {normalise(line)}" if pending else normalise(line)
        pending = ""
        if text.endswith(":") and len(text) < 30 and keys.get(text[:-1].strip().casefold()):
            pending = text
            continue
        match = pattern.fullmatch(text)
        if match is None:
            continue
        value = match.group("value").strip()
        # Without a colon, only a short value: "Document 64(Add.1)-E", "Agenda item 1.1".
        if match.group("colon") is None and (len(value.split()) > 6 or not value[:1].isalnum()):
            continue
        key = keys.get(" ".join(match.group("label").casefold().split()))
        if key is not None and all(key != seen for seen, _ in fields):
            fields.append((key, value))
    return tuple(fields) if len(fields) >= _HEADER_MIN else ()
