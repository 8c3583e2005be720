"""Recognising lines: call lines, section and annex headings, titles."""

from __future__ import annotations

import re

from revdiff.model import Block, SectionKind
from revdiff.structure.common import (
    CALL_MAX_WORDS,
    FIRST_WORD,
    TERMINAL,
    WORD,
    squash,
    style_role,
    words,
)
from revdiff.structure.grammar import fold_marks, grammar
from revdiff.structure.labels import split_label

_SECTION_NO = re.compile(r"section\s+(?P<number>\d+[a-z]*)", re.IGNORECASE)
_SECTION_START = re.compile(r"\s*section", re.IGNORECASE).match
_ANNEX = re.compile(
    r"(?P<word>ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)"
    r"(?:\s+(?P<name>[A-Z0-9]{1,4}|[IVXLC]{1,6}))?"
    r"(?:\s+(?P<to>(?:TO|to)\s+(?:RESOLUTION|Resolution)\b.*)|\s*(?P<ref>\(to\s.*\))"
    r"|\s+[–—-]\s+(?P<title>\S.*))?"
)
_ANNEX_INITIALS = ("A", "a")


def match_call(text: str) -> SectionKind | None:
    """The kind of call a line opens with (longest phrase first), or None."""
    head = fold_marks(text[:200].lower())  # the longest call phrase is a few words long
    # Most lines start with a word no call starts with: look no further than that word.
    first = FIRST_WORD(head)
    index = grammar().calls_by_first_word
    if first is None or first.group() not in index:
        return None
    words = WORD.findall(head)
    for phrase, kind in index[words[0]]:
        if tuple(words[: len(phrase)]) == phrase:
            return kind
    return None


def is_call_line(block: Block) -> SectionKind | None:
    role = style_role(block.style) if block.style else None  # plain text: no style to look up
    if block.label or block.in_table or role not in {None, "call", "after-title"}:
        return None
    if role != "call" and _opens_no_call(block.text):
        return None
    line = squash(block.text)
    kind = match_call(line)
    if role == "call":
        return kind or SectionKind.OPERATIVE
    if kind is None:
        return None
    words = line.split()
    if len(words) > CALL_MAX_WORDS or line.endswith((".", ";")):
        return None
    if len(words) > 1 and words[1].lower() == "that":
        return None
    return kind


def _opens_no_call(text: str) -> bool:
    """True when `text`'s first word (whole, within the 200 characters `match_call` reads)
    starts no call phrase: then `match_call` finds nothing, and the line need not be squashed.
    Also True for a first word of any length that starts with an ASCII letter or digit no call
    phrase starts with: `match_call` then finds nothing either."""
    # Most lines open with a label ("1.3", "a)"): the first character or two tell, without
    # lower-casing the line and searching it (this runs for every line of a document).
    initial = text[:1]
    if initial.isascii() and initial.isalnum():
        lower = initial.lower()
        if lower not in grammar().call_initials:
            return True
        after = text[1:2]
        if after.isascii() and after and not after.isalnum():
            return lower not in grammar().calls_by_first_word
    first = FIRST_WORD(fold_marks(text[:256].lower()))
    return (
        first is not None
        and first.end() < 200
        and first.group() not in grammar().calls_by_first_word
    )


def section_number(block: Block) -> str | None:
    role = style_role(block.style) if block.style else None
    if role not in {None, "section"}:
        return None
    if role is None and _SECTION_START(block.text) is None:
        return None  # the usual line: not worth squashing
    match = _SECTION_NO.fullmatch(squash(block.text))
    if match:
        return match.group("number")
    if role == "section":
        return "-".join(words(block.text)[1:]) or "x"
    return None


def annex_heading(block: Block) -> tuple[str, str, str | None] | None:
    """(section id, heading, title if on the same line: ``Annex A – Title``) when `block` opens
    an annex, appendix or attachment."""
    role = style_role(block.style) if block.style else None
    if role not in {None, "annex"} or block.label:
        return None
    if role is None and block.text.lstrip()[:1] not in _ANNEX_INITIALS:
        return None  # the usual line: every heading word starts with A
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    if not lines:
        return None
    match = _ANNEX.fullmatch(lines[0].strip())
    if match is None:
        if role != "annex":
            return None
        return "-".join(words(lines[0])[:2]) or "annex", squash(block.text), None
    if len(lines) > 1 and not lines[1].startswith("(to"):
        return None
    word = match.group("word").lower()
    name = match.group("name")
    section_id = f"{word}-{name.lower()}" if name else word
    title = match.group("title")
    if title is not None:
        if role != "annex" and (len(title.split()) > 15 or title.rstrip().endswith(TERMINAL)):
            return None  # running text that happens to start "Annex A – …"
        heading = squash(block.text[: block.text.index(title)]).rstrip(" –—-")
        return section_id, heading, squash(title)
    return section_id, squash(block.text), None


def is_title_like(block: Block) -> bool:
    if block.label or split_label(block.text) is not None:
        return False
    text = squash(block.text)
    return bool(text) and len(text.split()) <= 20 and not text.endswith((".", ";", ":"))


def is_plain(block: Block) -> bool:
    return style_role(block.style) is None and not block.in_table
