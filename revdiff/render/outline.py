"""The outline of one document, for `revdiff show`: as indented text, or as JSON with every clause.

Pure: Document → str. The JSON (schema ``revdiff.outline/1``), in document order, never sorted::

    {"schema": "revdiff.outline/1", "source": path, "format": "text" | "docx" | "pdf",
     "view": "accepted" | "original", "reconstruction": bool,
     "metadata": {"number_line", "body", "number", "revision", "place", "year", "title",
                  "history", "preamble",             (each a string or null; year an integer)
                  "instrument", "sector", "proposal"},
     "front_matter": [paragraph, …],
     "sections": [{"id", "heading", "kind": "preamble" | "operative" | "numbered" | "annex" |
                   "body", "title",
                   "clauses": [{"id", "section", "label", "text", "parent", "depth",
                                "footnotes": [{"mark", "text"}], "line", "proposal"}]}],
     "footnotes": [{"mark", "text"}], "warnings": [string, …],
     "counts": {"sections", "clauses", "footnotes"},
     "document": {key: value, …} | null, "notices": [{"code", "line", "message"}],
     "language": "en" | "fr" | … | null}

Added within ``revdiff.outline/1`` (additive: every earlier member keeps its place and meaning):
``metadata.instrument`` (``"resolution"``, ``"recommendation"``, ``"decision"`` or
``"opinion"``), ``metadata.sector`` (``"ITU-R"`` of ``RESOLUTION ITU-R 2-8``, else null) and
``metadata.proposal``; ``document``, a proposal document's header fields (``document``,
``source``, ``title``, ``agenda_item``, ``purpose``, ``original``, …) or null; each clause's
``proposal``, ``{"marker": "MOD" | "ADD" | "SUP" | "NOC" | …, "id": "ACP/64A1/1" | null,
"reasons": string | null, "references": string | null}`` or null; and ``notices``, what the
structure stage did not understand, each with a code (``no-number-line``, ``no-call``,
``label-sequence``, ``footnote-mark``, ``footnote-text``, ``unplaced-text``, ``marker``,
``parse``), the line (null when it concerns the whole text) and a sentence naming what was
found and what was expected (each is also one of ``warnings``); ``language``, the ISO 639-1
code of the language the text was read as (``"en"``, ``"fr"``, …; told from the text or given
with --lang) or null. The number line is read in all
its forms (``WTSA RESOLUTION 84``, ``MOD ACP/64A1/1 RESOLUTION 84``, ``RESOLUTION ITU-R 2-8``:
number ``2``, revision ``8``; ``(Rev.WRC-19)``: year 2019); without an edition on it, year and
place come from the history line's last edition.

The schema ships as ``revdiff/render/schema/outline-1.schema.json``.

A clause's ``text`` is its full text without label, footnote marks or child clauses; ``parent``
is the id of the clause it nests under (null at the top of its section); ``line`` is the line
(text) or paragraph (Word) it starts on.

`iter_outline_text` and `iter_outline_json` give the same outlines in pieces of whole lines, so
that the outline of a huge input is written as it is made, never held whole in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict

from revdiff.language import language_name
from revdiff.model import Clause, Document, Footnote, Proposal, Section
from revdiff.render.json import clause_dict
from revdiff.render.json_text import dumps_indented

OUTLINE_SCHEMA = "revdiff.outline/1"
OPENING_WORDS = 10
RECONSTRUCTION_WARNING = "reconstruction, not the official text"


def _opening(text: str, words: int = OPENING_WORDS) -> str:
    parts = text.split()
    shown = " ".join(parts[:words])
    return shown + (" …" if len(parts) > words else "")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _marks(footnotes: tuple[Footnote, ...]) -> str:
    return "".join(f" [^{note.mark}]" for note in footnotes)


PIECE_SIZE = 1 << 16  # characters per piece of a streamed outline, about


def render_outline_text(document: Document) -> str:
    """Metadata, sections with each clause's label and opening words, footnotes, counts and
    warnings, as plain text."""
    return "".join(iter_outline_text(document))


def iter_outline_text(document: Document) -> Iterator[str]:
    """`render_outline_text` in pieces of whole lines, each ending with a newline."""
    return _in_pieces(_outline_text_lines(document))


def _in_pieces(parts: Iterable[str]) -> Iterator[str]:
    """`parts` joined into pieces of about `PIECE_SIZE` that each end with a line end (the
    last piece ends where the parts end)."""
    batch: list[str] = []
    size = 0
    for part in parts:
        batch.append(part)
        size += len(part)
        if size >= PIECE_SIZE:
            joined = "".join(batch)
            cut = joined.rfind("\n") + 1
            batch.clear()
            if cut:
                yield joined[:cut]
            if cut < len(joined):
                batch.append(joined[cut:])
            size = len(joined) - cut
    if batch:
        yield "".join(batch)


def _outline_text_lines(document: Document) -> Iterator[str]:
    for line in _outline_text_rows(document):
        yield line + "\n"


def _language(document: Document) -> str | None:
    code = document.language
    return language_name(code) if code and code != "en" else None


def _outline_text_rows(document: Document) -> Iterator[str]:
    yield f"{document.source} ({document.format.value}, {document.view.value} view)"
    lines: list[str] = []
    if document.is_reconstruction:
        lines.append(f"NOTE: this file is a {RECONSTRUCTION_WARNING}.")
    meta = document.metadata
    fields = (
        # The language read, when it is not English (the outline is in English).
        ("language", _language(document)),
        ("number", meta.number_line),
        ("body", meta.body),
        ("revision", meta.revision),
        ("year", str(meta.year) if meta.year is not None else None),
        ("proposal", _proposal_text(meta.proposal)),
        ("title", meta.title),
        ("history", meta.history),
        ("preamble", meta.preamble),
    )
    lines.append("")
    for name, value in fields:
        if value:
            lines.append(f"{name + ':':<10} {value}")
    if document.header:
        lines.append("proposal document:")
        lines.extend(
            f"  {key.replace('_', ' ') + ':':<12} {value}" for key, value in document.header
        )
    if document.front_matter:
        lines.append(
            f"{'front:':<10} {len(document.front_matter)} paragraphs before the resolution "
            f"({_opening(document.front_matter[0], 6)})"
        )
    yield from lines
    lines.clear()
    clause_count = 0
    for section in document.sections:
        yield ""
        heading = section.heading or "(paragraphs)"
        title = f" — {section.title}" if section.title else ""
        yield f"[{section.kind.value}] {heading}{title}   #{section.id}"
        for clause in section.clauses:
            yield _clause_line(clause)
        clause_count += len(section.clauses)
    if document.detached_proposals:
        lines.append("")
        lines.append("Proposals whose provision this view does not show")
        lines.extend(f"  [{_proposal_text(p)}]" for p in document.detached_proposals)
    if document.footnotes:
        lines.append("")
        lines.append("Footnotes")
        for note in document.footnotes:
            lines.append(f"  [^{note.mark}] {note.text}")
    lines.append("")
    lines.append(
        ", ".join(
            _count(items, noun)
            for items, noun in (
                (len(document.sections), "section"),
                (clause_count, "clause"),
                (len(document.footnotes), "footnote"),
            )
        )
    )
    if document.warnings:
        lines.append("")
        lines.append("Warnings")
        lines.extend(f"  {warning}" for warning in document.warnings)
    yield from lines


def _clause_line(clause: Clause) -> str:
    indent = "  " * (clause.depth + 1)
    label = clause.label if clause.label is not None else "¶"
    proposal = _proposal_text(clause.proposal)
    shown = f"{indent}{label}  {_opening(clause.text)}{_marks(clause.footnotes)}"
    return shown + (f"   [{proposal}]" if proposal else "")


def _proposal_text(proposal: Proposal | None) -> str | None:
    """``MOD ACP/64A1/1 — Reasons: …``: a proposal as one short line."""
    if proposal is None:
        return None
    parts = " ".join(p for p in (proposal.marker, proposal.id) if p)
    if proposal.reasons:
        parts += f" — Reasons: {_opening(proposal.reasons, 8)}"
    return parts


def outline_to_dict(document: Document) -> dict[str, object]:
    """The outline as plain data: every clause with its id, section, label and full text."""
    return {
        **_document_head(document),
        "sections": [
            _section_head(section) | {"clauses": [_clause_dict(c) for c in section.clauses]}
            for section in document.sections
        ],
        **_document_tail(document),
    }


def _document_head(document: Document) -> dict[str, object]:
    return {
        "schema": OUTLINE_SCHEMA,
        "source": document.source,
        "format": document.format.value,
        "view": document.view.value,
        "reconstruction": document.is_reconstruction,
        "metadata": asdict(document.metadata),
        "front_matter": list(document.front_matter),
    }


def _document_tail(document: Document) -> dict[str, object]:
    return {
        "footnotes": [asdict(note) for note in document.footnotes],
        "warnings": list(document.warnings),
        "counts": {
            "sections": len(document.sections),
            "clauses": len(document.clauses),
            "footnotes": len(document.footnotes),
        },
        "document": dict(document.header) or None,
        "notices": [
            {"code": str(notice.code), "line": notice.line, "message": notice.message}
            for notice in document.notices
        ],
        "language": document.language,
        "detached_proposals": [asdict(p) for p in document.detached_proposals],
    }


def _section_head(section: Section) -> dict[str, object]:
    return {
        "id": section.id,
        "heading": section.heading,
        "kind": section.kind.value,
        "title": section.title,
    }


def _clause_dict(clause: Clause) -> dict[str, object]:
    return {
        **clause_dict(clause),
        "parent": clause.parent_id,
        "depth": clause.depth,
        "footnotes": [asdict(note) for note in clause.footnotes],
        "line": clause.location.line,
        "proposal": asdict(clause.proposal) if clause.proposal is not None else None,
    }


def render_outline_json(document: Document) -> str:
    """The outline as JSON (schema ``revdiff.outline/1``), UTF-8, indented, in document order."""
    return "".join(iter_outline_json(document))


def iter_outline_json(document: Document) -> Iterator[str]:
    """`render_outline_json` in pieces of whole lines: the text ``json.dumps(outline_to_dict(
    document), ensure_ascii=False, indent=2)`` gives, made one clause at a time."""
    return _in_pieces(_outline_json_lines(document))


def _outline_json_lines(document: Document) -> Iterator[str]:
    # The frame of each level is laid out whole with a hole where its list goes; only the items
    # of the lists are made one by one, so a huge outline is never held in memory.
    frame = {**_document_head(document), "sections": None, **_document_tail(document)}
    before, after = _dumps_around(frame, "sections", 0)
    yield before
    yield from _json_list((_section_json(s) for s in document.sections), len(document.sections), 1)
    yield after + "\n"


def _section_json(section: Section) -> Iterator[str]:
    """A section as `outline_to_dict` gives it, laid out as an item of the top-level list."""
    before, after = _dumps_around(_section_head(section) | {"clauses": None}, "clauses", 2)
    yield before
    clauses = section.clauses
    yield from _json_list(
        (iter((_indent(dumps_indented(_clause_dict(c)), 4),)) for c in clauses), len(clauses), 3
    )
    yield after


def _dumps_around(value: dict[str, object], key: str, level: int) -> tuple[str, str]:
    """`value` as JSON laid out from indent `level`, cut in two where ``value[key]`` goes."""
    number = 0
    while True:
        # Only a string of the outline holding this very text (NULs included) could look like
        # the hole; should one do so, the next hole will not.
        hole = f"\x00hole-{number}\x00"
        value[key] = hole
        parts = _indent(dumps_indented(value), level).split(dumps_indented(hole))
        if len(parts) == 2:
            return parts[0], parts[1]
        number += 1


def _json_list(items: Iterator[Iterator[str]], count: int, level: int) -> Iterator[str]:
    """A JSON list whose opening bracket follows a key at indent `level` and whose `count`
    items each come as pieces, as ``json.dumps(…, indent=2)`` lays it out."""
    if count == 0:
        yield "[]"
        return
    inner = "\n" + "  " * (level + 1)
    yield "["
    for number, item in enumerate(items):
        yield inner if number == 0 else "," + inner
        yield from item
    yield "\n" + "  " * level + "]"


def _indent(text: str, level: int) -> str:
    """`text` (JSON laid out from indent 0) moved to start at indent `level`: every line but
    the first gets the indent (a JSON string never holds a raw line break)."""
    return text.replace("\n", "\n" + "  " * level)
