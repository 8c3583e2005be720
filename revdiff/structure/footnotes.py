"""Footnote marks typed into a clause's text: a Word file may cite a footnote once as a real
reference and again as a typed superscript ("… of the study group2."), which would stay in the
text. A mark that one of the clause's own footnotes has, glued to a word, is taken out."""

from __future__ import annotations

import re

from revdiff.model import Footnote


def strip_typed_marks(text: str, footnotes: tuple[Footnote, ...]) -> str:
    """`text` without the typed marks of `footnotes` glued to a lower-case word or a closing
    bracket ("group2", "(…, 2016)1"); a digit in a name (SG2, IMT-2020) stays."""
    for mark in {note.mark for note in footnotes if note.mark}:
        if mark not in text:
            continue
        before = r"(?<=[a-z\u00df-\u00ff][a-z\u00df-\u00ff])" if mark[0].isdigit() else r"(?<=\S)"
        text = re.sub(before + re.escape(mark) + r"(?=[\s,.;:)]|$)", "", text)
    return text
