"""Metadata: the number line, the title, the history line and the preamble line.

The number line may be cut over two or three lines (``MOD`` / ``RESOLUTION 84`` / ``(Rev. Geneva,
2022)``); a Word paragraph in the ``Res_No`` style may hold the title after a line break. The
title runs until the history line, or without one over the title-like lines that follow.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from revdiff.model import Block, Metadata, Proposal
from revdiff.structure.common import squash, style_role
from revdiff.structure.grammar import grammar, phrase_pattern
from revdiff.structure.lines import (
    annex_heading,
    is_call_line,
    is_plain,
    is_title_like,
    section_number,
)
from revdiff.structure.numberline import (
    NumberLine,
    is_edition_line,
    last_year,
    normalise,
    read_number_line,
    starts_number_line,
)
from revdiff.structure.proposal import split_marker
from revdiff.structure.window import Window

# "(Hammamet, 2016; Geneva, 2022)", possibly followed by footnote marks: "(Hammamet, 2016)1, 1bis".
_HISTORY_MARKS = (
    r"\s*(?:(?:\d{1,2}(?:bis|ter)?|\*{1,3})(?:\s*,\s*(?:\d{1,2}(?:bis|ter)?|\*{1,3}))*)?"
)


@functools.cache
def history_pattern() -> re.Pattern[str]:
    """A history line: "(Hammamet, 2016; Geneva, 2022)", "(1993-…-2019)", "(WRC-15; Rev.WRC-19)",
    possibly followed by footnote marks: "(Hammamet, 2016)1, 1bis"."""
    short = phrase_pattern(grammar().short_forms)
    return re.compile(
        # (?<!\d)…(?!\d) rather than \b: Chinese writes the year glued to 年, "(2016年,哈马马特)".
        rf"(?P<history>\([^()]*(?:(?<!\d)\d{{4}}(?!\d)|\b(?:{short})-\d{{2}}\b)[^()]*\))"
        + _HISTORY_MARKS
    )


_TITLE_LINES = 3  # a title wraps over at most this many lines when no history line ends it


@dataclass(frozen=True, slots=True)
class FoundMetadata:
    """Where the number line starts, the metadata, and the index of the first block after it."""

    start: int
    metadata: Metadata
    index: int
    line: int = 0  # the number line's line (text) or paragraph (Word)
    marks: tuple[str, ...] = ()  # footnote marks left on the number line


def is_preamble(text: str) -> bool:
    """The preamble line: ``The World Telecommunication Standardization Assembly (…),``."""
    openers = phrase_pattern(grammar().preamble_openers)
    # After the opener a space, or nothing after an elided article ("L'Assemblée") or in Chinese
    # ("国际电联无线电通信全会,"); the line ends with a comma or colon of any script.
    return (
        re.fullmatch(
            rf"(?:{openers})(?:\s|(?<=['’])|(?=[\u3400-\u9fff])).*[,:،，：]", text, re.DOTALL
        )
        is not None
    )


_BETTER_WITHIN = 60  # blocks after a number line without an edition searched for one with it


def find_number_line(blocks: Window, within: int) -> tuple[int, int, NumberLine | None] | None:
    """(index of the number line's first block, index after it, what it says) among the first
    `within` blocks, or None. A ``Res_No`` paragraph is the number line even when its words are
    not understood (then with None). A number line without an edition may be a cover page's
    ("Resolution 1 – Rules of procedure"): one with an edition soon after it is preferred."""
    first = _find_number_line(blocks, 0, within)
    if first is None or first[2] is None or first[2].year is not None:
        return first
    better = _find_number_line(blocks, first[1], first[1] + _BETTER_WITHIN)
    if better is not None and better[2] is not None and better[2].year is not None:
        return better
    return first


def _find_number_line(
    blocks: Window, index: int, within: int
) -> tuple[int, int, NumberLine | None] | None:
    while index < within and (block := blocks.get(index)) is not None:
        index += 1
        if block.in_table or block.label:
            continue
        role = style_role(block.style)
        if role not in {None, "number", "title"}:
            continue
        # A Word paragraph may break the number line ("RESOLUTION 84↵(Rev. Geneva, 2022)") or
        # hold the title after it ("RESOLUTION 84 (…)↵Studies concerning …").
        found = read_number_line(block.text) or read_number_line(block.text.split("\n", 1)[0])
        if found is not None and not _continues_on_next(found, blocks.get(index)):
            return index - 1, index, found
        if starts_number_line(block.text):
            joined = _join_cut_line(blocks, index - 1)
            if joined is not None:
                return joined
        if found is not None:
            return index - 1, index, found
        if role == "number":
            return index - 1, index, None
    return None


def _continues_on_next(found: NumberLine, following: Block | None) -> bool:
    """A number line without an edition whose edition is the next line."""
    return (
        found.revision is None
        and following is not None
        and style_role(following.style) in {None, "number"}
        and is_edition_line(following.text)
    )


def _join_cut_line(blocks: Window, start: int) -> tuple[int, int, NumberLine] | None:
    parts = [normalise(blocks[start].text)]
    for end in range(start + 1, start + 3):
        following = blocks.get(end)
        if following is None or following.in_table or following.label:
            return None
        parts.append(normalise(following.text))
        found = read_number_line(" ".join(parts))
        if found is not None and not (
            end == start + 1 and _continues_on_next(found, blocks.get(end + 1))
        ):
            return start, end + 1, found
        if not starts_number_line(" ".join(parts)):
            return None
    return None


def parse_metadata(blocks: Window, within: int) -> FoundMetadata | None:
    """Find the number line; read metadata after it, or None when there is no number line."""
    located = find_number_line(blocks, within)
    if located is None:
        return None
    start, index, found = located
    first = blocks[start]
    if index == start + 1:
        whole = read_number_line(first.text) is not None
        number_line = squash(first.text if whole else first.text.strip().split("\n", 1)[0])
        rest = [] if whole else first.text.strip().split("\n", 1)[1:]  # the title after it
    else:
        number_line = " ".join(squash(blocks[i].text) for i in range(start, index))
        rest = []
    if found is not None and normalise(number_line) != found.text:
        # A marker before it ("MOD ACP/64A1/1"): the rest as written, no-break spaces kept.
        marked = split_marker(number_line) if found.marker else None
        written = marked[2] if marked is not None else ""
        # Else marks or a title after a dash left it: the line as the patterns read it.
        number_line = written if written and normalise(written) == found.text else found.text
    title_lines: list[str] = [squash(rest[0])] if rest and rest[0].strip() else []
    if found is not None and found.title:
        title_lines = [squash(found.title)]
    history = None
    # The title runs until the history line; without one, over the title-like lines after it.
    scan = index
    while scan < index + 4 and (block := blocks.get(scan)) is not None:
        role = style_role(block.style)
        history_match = history_pattern().fullmatch(squash(block.text))
        if role == "history" or (role in {None, "title"} and history_match):
            history = history_match.group("history") if history_match else squash(block.text)
            # "(Question ITU-R 76/1)" between a Recommendation's title and history: not title.
            between = (squash(blocks[i].text) for i in range(index, scan))
            title_lines += [line for line in between if not _bracketed(line)]
            index = scan + 1
            break
        if _ends_title(block) or role not in {None, "title"}:
            break
        scan += 1
    if history is None and not title_lines:
        was_styled = None  # a title in Res_title paragraphs goes on only in Res_title paragraphs
        while len(title_lines) < _TITLE_LINES and (candidate := blocks.get(index)) is not None:
            styled = style_role(candidate.style) == "title"
            if was_styled is not None and styled != was_styled:
                break
            if not styled and not (is_plain(candidate) and is_title_like(candidate)):
                break
            if not styled and (_ends_title(candidate) or _ends_sentence(title_lines)):
                break
            title_lines.append(squash(candidate.text))
            index += 1
            was_styled = styled
    preamble = None
    candidate = blocks.get(index)
    if candidate is not None:
        role = style_role(candidate.style)
        text = squash(candidate.text)
        if role in {None, "after-title"} and is_preamble(text) and not is_call_line(candidate):
            preamble = text
            index += 1
    metadata = _metadata(found, number_line, title_lines, history, preamble)
    return FoundMetadata(start, metadata, index, first.location, found.marks if found else ())


def _ends_title(block: Block) -> bool:
    """True for a line that cannot be part of a title: a call, a section or annex heading, an
    item, the preamble line or a number line."""
    text = squash(block.text)
    return bool(
        is_call_line(block)
        or section_number(block)
        or annex_heading(block)
        or block.label
        or is_preamble(text)
        or read_number_line(text)
    )


def _bracketed(line: str) -> bool:
    return line.startswith("(") and line.endswith(")")


def _ends_sentence(lines: list[str]) -> bool:
    return bool(lines) and lines[-1].endswith((".", ";", ":", ","))


def _metadata(
    found: NumberLine | None,
    number_line: str,
    title_lines: list[str],
    history: str | None,
    preamble: str | None,
) -> Metadata:
    body = infer_body(preamble) if preamble else None
    if found is None:
        return Metadata(
            number_line=number_line,
            body=body,
            title=" ".join(title_lines) or None,
            history=history,
            preamble=preamble,
        )
    place, year = found.place, found.year
    # "PP RESOLUTION 130" over "(Minneapolis, 1998; …; Dubai, 2018)": the last edition; else
    # the preamble line's "The … Forum (Geneva, 2013),".
    for line in (history, preamble):
        if year is None and line is not None:
            place, year = place or last_year(line)[0], last_year(line)[1]
    proposal = Proposal(found.marker, found.proposal_id) if found.marker else None
    return Metadata(
        number_line=number_line,
        body=body or found.body,
        number=found.number,
        revision=found.revision,
        place=place,
        year=year,
        title=" ".join(title_lines) or None,
        history=history,
        preamble=preamble,
        instrument=found.instrument,
        sector=found.sector,
        proposal=proposal,
    )


def infer_body(text: str) -> str | None:
    for name, abbreviation in grammar().body_names:
        if name.lower() in text.lower():
            return abbreviation
    return None
