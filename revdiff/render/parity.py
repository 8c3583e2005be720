"""Parity reports: two language versions of one resolution and every difference of structure,
as text, Markdown, HTML or JSON (schema "revdiff.parity/1", shipped beside this module as
schema/parity-1.schema.json). Pure: a Parity in, a string out.
"""

from __future__ import annotations

from typing import Any

from revdiff.language import direction_of, language_name
from revdiff.parity import Mismatch, Parity, SectionPair
from revdiff.render import FORMATS
from revdiff.render.common import (
    document_heading,
    escape_html,
    load_shipped_schema,
    printable,
    static_page_head,
)
from revdiff.render.json_text import to_json_text

SCHEMA_ID = "revdiff.parity/1"
SCHEMA_FILE = "schema/parity-1.schema.json"


def render_parity(parity: Parity, fmt: str) -> str:
    """Render `parity` as ``text``, ``md``, ``html`` or ``json``."""
    renderers = {
        "text": render_parity_text,
        "md": render_parity_markdown,
        "html": render_parity_html,
        "json": render_parity_json,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown parity format {fmt!r}; one of {', '.join(FORMATS)}")
    return renderers[fmt](parity)


def _versions(parity: Parity) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """(language name, document heading, source) of each version."""
    return (
        (
            language_name(parity.first_language),
            document_heading(parity.first),
            parity.first.source,
        ),
        (
            language_name(parity.second_language),
            document_heading(parity.second),
            parity.second.source,
        ),
    )


def _verdict(parity: Parity) -> str:
    if parity.same_structure:
        return "Same structure: the same sections, labels, items, footnotes and citations."
    count = len(parity.mismatches)
    return f"{count} difference{'s' if count != 1 else ''} of structure."


def _section_row(pair: SectionPair) -> tuple[str, str, str, str]:
    """(first heading, its item count, second heading, its item count); "—" where missing."""
    first = pair.first
    second = pair.second
    return (
        first.heading or first.id if first else "—",
        str(len(first.clauses)) if first else "—",
        second.heading or second.id if second else "—",
        str(len(second.clauses)) if second else "—",
    )


# --------------------------------------------------------------------------------------------
# Text and Markdown


def render_parity_text(parity: Parity) -> str:
    (name_a, head_a, source_a), (name_b, head_b, source_b) = _versions(parity)
    lines = [
        f"Parity: {printable(head_a)} ({name_a}) and {printable(head_b)} ({name_b})",
        f"  {name_a}: {printable(source_a)}",
        f"  {name_b}: {printable(source_b)}",
        "",
        _verdict(parity),
    ]
    if parity.mismatches:
        lines.append("")
        lines.extend(f"  - {printable(m.message)}" for m in parity.mismatches)
    lines += ["", "Sections", f"  {name_a} | items | {name_b} | items"]
    for pair in parity.sections:
        a, count_a, b, count_b = _section_row(pair)
        lines.append(f"  {printable(a)} | {count_a} | {printable(b)} | {count_b}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return printable(text).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def render_parity_markdown(parity: Parity) -> str:
    (name_a, head_a, source_a), (name_b, head_b, source_b) = _versions(parity)
    lines = [
        f"# Parity: {_md(head_a)} ({name_a}) and {_md(head_b)} ({name_b})",
        "",
        f"- {name_a}: `{printable(source_a)}`",
        f"- {name_b}: `{printable(source_b)}`",
        "",
        f"**{_verdict(parity)}**",
        "",
    ]
    if parity.mismatches:
        lines += ["## Differences", "", "| kind | where | difference |", "|---|---|---|"]
        lines.extend(
            f"| {m.kind.value} | {_md(m.where) or '—'} | {_md(m.message)} |"
            for m in parity.mismatches
        )
        lines.append("")
    lines += [
        "## Sections",
        "",
        f"| {name_a} | items | {name_b} | items |",
        "|---|---|---|---|",
    ]
    for pair in parity.sections:
        a, count_a, b, count_b = _section_row(pair)
        lines.append(f"| {_md(a)} | {count_a} | {_md(b)} | {count_b} |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# HTML

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45}table{border-collapse:collapse;width:100%;margin:1rem 0}"
    "th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:start;vertical-align:top}"
    "th{background:#f3f3f3}.same{color:#176117}.differs{color:#a1260d}"
    "td.missing{color:#888}"
)


def _cell(text: str, *, missing: bool = False) -> str:
    """A table cell whose direction and language follow its own text (an Arabic heading is
    shown right to left inside an English page)."""
    direction = direction_of(text)
    attributes = f' dir="{direction}"' if direction == "rtl" else ""
    css = ' class="missing"' if missing else ""
    return f"<td{attributes}{css}>{escape_html(text)}</td>"


def render_parity_html(parity: Parity) -> str:
    (name_a, head_a, source_a), (name_b, head_b, source_b) = _versions(parity)
    title = f"Parity: {head_a} ({name_a}) and {head_b} ({name_b})"
    lines = static_page_head(title, _STYLE)
    verdict_class = "same" if parity.same_structure else "differs"
    lines += [
        f"<h1>{escape_html(title)}</h1>",
        "<ul>",
        f"<li>{escape_html(name_a)}: {_bdi(head_a, parity.first_language)} "
        f"<code>{escape_html(source_a)}</code></li>",
        f"<li>{escape_html(name_b)}: {_bdi(head_b, parity.second_language)} "
        f"<code>{escape_html(source_b)}</code></li>",
        "</ul>",
        f'<p class="{verdict_class}"><strong>{escape_html(_verdict(parity))}</strong></p>',
    ]
    if parity.mismatches:
        lines += [
            "<h2>Differences</h2>",
            "<table><thead><tr><th>kind</th><th>where</th><th>difference</th></tr></thead><tbody>",
        ]
        lines.extend(
            f"<tr><td>{m.kind.value}</td>{_cell(m.where or '—')}{_cell(m.message)}</tr>"
            for m in parity.mismatches
        )
        lines.append("</tbody></table>")
    lang_a, lang_b = parity.first_language, parity.second_language
    lines += [
        "<h2>Sections</h2>",
        "<table><thead><tr>"
        f'<th lang="{lang_a}">{escape_html(name_a)}</th><th>items</th>'
        f'<th lang="{lang_b}">{escape_html(name_b)}</th><th>items</th>'
        "</tr></thead><tbody>",
    ]
    for pair in parity.sections:
        a, count_a, b, count_b = _section_row(pair)
        lines.append(
            f"<tr>{_lang(_cell(a, missing=pair.first is None), lang_a)}<td>{count_a}</td>"
            f"{_lang(_cell(b, missing=pair.second is None), lang_b)}<td>{count_b}</td></tr>"
        )
    lines += ["</tbody></table>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def _bdi(text: str, code: str) -> str:
    """`text` isolated in its own direction and language inside the page's English."""
    return f'<bdi lang="{code}" dir="{direction_of(text)}">{escape_html(text)}</bdi>'


def _lang(cell: str, code: str) -> str:
    return cell.replace("<td", f'<td lang="{code}"', 1)


# --------------------------------------------------------------------------------------------
# JSON


def render_parity_json(parity: Parity) -> str:
    return to_json_text(parity_to_dict(parity))


def parity_to_dict(parity: Parity) -> dict[str, Any]:
    """The parity report as plain values, in the schema's key order."""
    return {
        "schema": SCHEMA_ID,
        "same_structure": parity.same_structure,
        "versions": [
            _version(parity.first, parity.first_language),
            _version(parity.second, parity.second_language),
        ],
        "counts": parity.counts(),
        "mismatches": [_mismatch(m) for m in parity.mismatches],
        "sections": [_pair(p) for p in parity.sections],
    }


def _version(document: Any, code: str) -> dict[str, Any]:
    metadata = document.metadata
    return {
        "source": document.source,
        "language": code,
        "number_line": metadata.number_line,
        "number": metadata.number,
        "year": metadata.year,
        "sections": len(document.sections),
        "clauses": sum(len(s.clauses) for s in document.sections),
        "footnotes": len(document.footnotes),
    }


def _mismatch(mismatch: Mismatch) -> dict[str, Any]:
    return {
        "kind": mismatch.kind.value,
        "where": mismatch.where,
        "message": mismatch.message,
        "first": mismatch.first,
        "second": mismatch.second,
    }


def _side(section: Any) -> dict[str, Any] | None:
    if section is None:
        return None
    return {
        "id": section.id,
        "heading": section.heading,
        "kind": section.kind.value,
        "items": len(section.clauses),
    }


def _pair(pair: SectionPair) -> dict[str, Any]:
    return {"first": _side(pair.first), "second": _side(pair.second)}


def load_schema() -> dict[str, Any]:
    """The shipped JSON Schema of the parity report."""
    return load_shipped_schema(SCHEMA_FILE)
