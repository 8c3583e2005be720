"""The outline of one document, for `revdiff show`: as indented text, or as JSON with every clause.

Pure: Document → str. The JSON (schema ``revdiff.outline/1``), in document order, never sorted::

    {"schema": "revdiff.outline/1", "source": path, "format": "text" | "docx" | "pdf",
     "view": "accepted" | "original", "reconstruction": bool,
     "metadata": {"number_line", "body", "number", "revision", "place", "year", "title",
                  "history", "preamble"},            (each a string or null; year an integer)
     "front_matter": [paragraph, …],
     "sections": [{"id", "heading", "kind": "preamble" | "operative" | "numbered" | "annex" |
                   "body", "title",
                   "clauses": [{"id", "section", "label", "text", "parent", "depth",
                                "footnotes": [{"mark", "text"}], "line"}]}],
     "footnotes": [{"mark", "text"}], "warnings": [string, …],
     "counts": {"sections", "clauses", "footnotes"}}

A clause's ``text`` is its full text without label, footnote marks or child clauses; ``parent``
is the id of the clause it nests under (null at the top of its section); ``line`` is the line
(text) or paragraph (Word) it starts on.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from revdiff.model import Clause, Document, Footnote

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


def render_outline_text(document: Document) -> str:
    """Metadata, sections with each clause's label and opening words, footnotes, counts and
    warnings, as plain text."""
    lines: list[str] = [f"{document.source} ({document.format.value}, {document.view.value} view)"]
    if document.is_reconstruction:
        lines.append(f"NOTE: this file is a {RECONSTRUCTION_WARNING}.")
    meta = document.metadata
    fields = (
        ("number", meta.number_line),
        ("body", meta.body),
        ("revision", meta.revision),
        ("title", meta.title),
        ("history", meta.history),
        ("preamble", meta.preamble),
    )
    lines.append("")
    for name, value in fields:
        if value:
            lines.append(f"{name + ':':<10} {value}")
    if document.front_matter:
        lines.append(
            f"{'front:':<10} {len(document.front_matter)} paragraphs before the resolution "
            f"({_opening(document.front_matter[0], 6)})"
        )
    for section in document.sections:
        lines.append("")
        heading = section.heading or "(paragraphs)"
        title = f" — {section.title}" if section.title else ""
        lines.append(f"[{section.kind.value}] {heading}{title}   #{section.id}")
        for clause in section.clauses:
            lines.append(_clause_line(clause))
    if document.footnotes:
        lines.append("")
        lines.append("Footnotes")
        for note in document.footnotes:
            lines.append(f"  [^{note.mark}] {note.text}")
    lines.append("")
    lines.append(
        ", ".join(
            _count(len(items), noun)
            for items, noun in (
                (document.sections, "section"),
                (document.clauses, "clause"),
                (document.footnotes, "footnote"),
            )
        )
    )
    if document.warnings:
        lines.append("")
        lines.append("Warnings")
        lines.extend(f"  {warning}" for warning in document.warnings)
    return "\n".join(lines) + "\n"


def _clause_line(clause: Clause) -> str:
    indent = "  " * (clause.depth + 1)
    label = clause.label if clause.label is not None else "¶"
    return f"{indent}{label}  {_opening(clause.text)}{_marks(clause.footnotes)}"


def outline_to_dict(document: Document) -> dict[str, object]:
    """The outline as plain data: every clause with its id, section, label and full text."""
    return {
        "schema": OUTLINE_SCHEMA,
        "source": document.source,
        "format": document.format.value,
        "view": document.view.value,
        "reconstruction": document.is_reconstruction,
        "metadata": asdict(document.metadata),
        "front_matter": list(document.front_matter),
        "sections": [
            {
                "id": section.id,
                "heading": section.heading,
                "kind": section.kind.value,
                "title": section.title,
                "clauses": [
                    {
                        "id": clause.id,
                        "section": clause.section_id,
                        "label": clause.label,
                        "text": clause.text,
                        "parent": clause.parent_id,
                        "depth": clause.depth,
                        "footnotes": [asdict(note) for note in clause.footnotes],
                        "line": clause.location.line,
                    }
                    for clause in section.clauses
                ],
            }
            for section in document.sections
        ],
        "footnotes": [asdict(note) for note in document.footnotes],
        "warnings": list(document.warnings),
        "counts": {
            "sections": len(document.sections),
            "clauses": len(document.clauses),
            "footnotes": len(document.footnotes),
        },
    }


def render_outline_json(document: Document) -> str:
    """The outline as JSON (schema ``revdiff.outline/1``), UTF-8, indented, in document order."""
    return json.dumps(outline_to_dict(document), ensure_ascii=False, indent=2) + "\n"
