"""Shared helpers of the structure stage: one line of text, words, and what a Word style means."""

from __future__ import annotations

import re

from revdiff.normalize import squash_whitespace
from revdiff.structure.grammar import words_of

WORD = re.compile(r"[^\W_]+")
FIRST_WORD = WORD.search


def words(text: str) -> list[str]:
    return words_of(text)


def style_role(style: str | None) -> str | None:
    """The part a paragraph style plays, or None for plain text and ordinary body styles."""
    if not style:
        return None
    key = re.sub(r"[\s_\-]+", "", style).lower()
    if key in {"resno", "resolutionno", "recno", "decisionno"}:
        return "number"
    if key in {"restitle", "resolutiontitle", "rectitle", "decisiontitle"}:
        return "title"
    if key in {"resref", "resolutionref", "recref", "decisionref"}:
        return "history"
    if key.startswith("normalaftertitle"):
        return "after-title"
    if key == "call":
        return "call"
    if key in {"sectionno", "sectionnumber"}:
        return "section"
    if key in {"sectiontitle"}:
        return "section-title"
    if key.startswith(("annex", "appendix", "attachment")):
        if "title" in key:
            return "annex-title"
        if "ref" in key:
            return "annex-ref"
        return "annex"
    if re.fullmatch(r"heading\d", key):
        return "heading"
    if re.fullmatch(r"enumlev\d", key):
        return "list"
    return None


TERMINAL = (".", ";", ":", ",", "!", "?")
TITLE_MAX_WORDS = 12
CALL_MAX_WORDS = 40  # "instructs the Director of …, in consultation with …" runs long

# One line of text, as every stage squashes it (defined once, in normalize.py).
squash = squash_whitespace
