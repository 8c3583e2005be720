"""Shared helpers of the structure stage: one line of text, words, and what a Word style means."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from revdiff.normalize import squash_whitespace
from revdiff.structure.grammar import words_of

WORD = re.compile(r"[^\W_]+")
FIRST_WORD = WORD.search


def slot_setters(cls: type, names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The functions that set the slots `names` of an object made by ``object.__new__(cls)``:
    all the fields of the frozen dataclass `cls`, in order (checked at import, so that a field
    added to the model is not left unset). Its __init__ sets each field through
    object.__setattr__; setting the slots directly takes half the time, which counts for the
    objects made once per line of an input."""
    wanted = tuple(names.split())
    if tuple(field.name for field in dataclasses.fields(cls)) != wanted:
        raise TypeError(f"the fields of {cls.__name__} are no longer {', '.join(wanted)}")
    return tuple(cls.__dict__[name].__set__ for name in wanted)


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
