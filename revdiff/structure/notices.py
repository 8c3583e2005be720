"""Notices: what the structure stage did not understand, each naming the line and what was
expected. A clean resolution has none; every one is also one of the document's warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from revdiff.model import (
    Footnote,
    LoadedText,
    Metadata,
    Proposal,
    ReportWarning,
    Section,
    SectionKind,
    WarningCode,
)

_UNPLACED_MAX = 3  # trailing paragraphs named one by one; a damaged tail is shown by its start


def as_text(notice: ReportWarning, place: str) -> str:
    """A notice as one of the document's warnings: ``file: line 12: message``."""
    where = f"{place} {notice.line}: " if notice.line is not None else ""
    return f"{notice.source}: {where}{notice.message}"


def no_number_line(source: str, line: int | None, within: int) -> ReportWarning:
    return ReportWarning(
        WarningCode.NO_NUMBER_LINE,
        source,
        f"no number line in the first {within:,} paragraphs (expected a line such as "
        "'RESOLUTION 84 (Rev. Geneva, 2022)'); number, year and title are unknown",
        line,
    )


def number_line_not_understood(source: str, metadata: Metadata, line: int | None) -> ReportWarning:
    return ReportWarning(
        WarningCode.NO_NUMBER_LINE,
        source,
        f"the number line {metadata.number_line!r} was not understood (expected 'RESOLUTION N "
        "(place, year)'); its number and year are unknown",
        line,
    )


def no_call(source: str, line: int | None) -> ReportWarning:
    return ReportWarning(
        WarningCode.NO_CALL,
        source,
        "no call line (recalling, considering, resolves, instructs, …) or numbered section "
        "found; the text after the title is one section of paragraphs",
        line,
    )


def unknown_marks(
    source: str, marks: tuple[str, ...], footnotes: tuple[Footnote, ...], line: int | None
) -> list[ReportWarning]:
    known = {note.mark for note in footnotes}
    return [
        ReportWarning(
            WarningCode.FOOTNOTE_MARK,
            source,
            f"the number line carries the footnote mark {mark!r} but no footnote has that mark "
            "(expected its text after a '____' line or at the end)",
            line,
        )
        for mark in marks
        if mark not in known
    ]


def unplaced_text(source: str, sections: Sequence[Section]) -> list[ReportWarning]:
    """Paragraphs after the last item of the last operative section that end no item and open
    nothing: text (a signature, a page's furniture) the parse could not place."""
    if not sections or sections[-1].kind is not SectionKind.OPERATIVE:
        return []
    clauses = sections[-1].clauses
    last_item = max((i for i, c in enumerate(clauses) if c.label is not None), default=None)
    if last_item is None or not clauses[last_item].text.rstrip().endswith("."):
        return []  # a list that goes on, or no list: nothing after it is out of place
    tail = [c for c in clauses[last_item + 1 :] if c.depth == 0]
    return [
        ReportWarning(
            WarningCode.UNPLACED_TEXT,
            source,
            f"the paragraph {_opening(clause.text)!r} follows the resolution's last item "
            f"{clauses[last_item].label!r}, which ends with a full stop; it is kept as a "
            "paragraph of that section (expected an annex heading or nothing)",
            clause.location.line,
        )
        for clause in tail[:_UNPLACED_MAX]
    ]


def _opening(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def load_notices(loaded: LoadedText) -> list[ReportWarning]:
    """The loader's footnote warnings, as notices."""
    notices = []
    for warning in loaded.warnings:
        if "has no text" in warning:
            code = WarningCode.FOOTNOTE_MARK
        elif "never cited" in warning:
            code = WarningCode.FOOTNOTE_TEXT
        else:
            continue
        place, _, message = warning.partition(": ")
        source, _, line = place.rpartition(":")
        if not line.isdigit():
            source, line = place, ""
        notices.append(ReportWarning(code, source, message, int(line) if line else None))
    return notices


def with_notes(metadata: Metadata, notes: Sequence[tuple[str, str]]) -> Metadata:
    """Reasons and references given for the whole text, on the number line's proposal."""
    if not notes:
        return metadata
    proposal = metadata.proposal or Proposal("MOD")
    for kind, text in notes:
        earlier = getattr(proposal, kind)
        proposal = replace(proposal, **{kind: f"{earlier} {text}" if earlier else text})
    return replace(metadata, proposal=proposal)
