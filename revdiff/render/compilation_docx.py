"""The compilation as a Word table: the format chairs circulate before an assembly.

One landscape page width, one table: the clause id, the base text, one column per proposal, the
status. Each proposal's cell shows its marker, then its text against the base with deletions
struck through and insertions underlined, as formatted runs (not tracked changes).

Why formatted runs: a compilation sets several versions of each clause side by side. Tracked
changes in each cell would make Word's "Accept all" produce a table of proposals with the base
text gone, which means nothing, and reviewing panes would list hundreds of revisions from
authors who did not make them. Formatted runs read the same in every viewer, print as they
show, and survive copying into the chairs' working documents, as the hand-made compilations do.
"""

from __future__ import annotations

import io

from revdiff.compilation import Compilation, CompilationRow, RowStatus
from revdiff.model import EditOp
from revdiff.render.compilation import (
    compilation_title,
    section_name,
    status_note,
    summary_line,
)

_DELETED_COLOUR = "A00000"
_INSERTED_COLOUR = "005A9C"
_STATUS_SHADE = {
    RowStatus.CONFLICT: "FDE2E1",
    RowStatus.MIXED: "FDE2E1",
    RowStatus.AGREED: "E2F5E1",
    RowStatus.CHANGED: "FFF6D6",
    RowStatus.ADDED: "E6EEFC",
}


def render_compilation_docx(compilation: Compilation) -> bytes:
    """The .docx bytes of the compilation table."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(42.0), Cm(29.7)  # A3 landscape: many columns
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9)
    document.add_heading(compilation_title(compilation), level=1)
    document.add_paragraph(f"Base: {compilation.base.source}")
    for proposal in compilation.proposals:
        document.add_paragraph(f"{proposal.name}: {proposal.document.source}", style="List Bullet")
    document.add_paragraph(summary_line(compilation))
    for warning in compilation.warnings:
        document.add_paragraph(f"Warning: {warning}")
    names = [proposal.name for proposal in compilation.proposals]
    table = document.add_table(rows=1, cols=len(names) + 3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Clause", "Base", *names, "Status"], strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_as_header(table.rows[0])
    section_id = None
    for row in compilation.rows:
        if row.section_id != section_id:
            section_id = row.section_id
            merged = table.add_row().cells
            merged[0].merge(merged[-1])
            run = merged[0].paragraphs[0].add_run(section_name(compilation, section_id))
            run.bold, run.italic = True, True
        _add_row(table, row, names)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_row(table: object, row: CompilationRow, names: list[str]) -> None:
    from docx.table import Table

    assert isinstance(table, Table)
    cells = table.add_row().cells  # type: ignore[no-untyped-call]
    cells[0].paragraphs[0].add_run(row.id)
    if row.base is not None:
        label = f"{row.base.label} " if row.base.label else ""
        cells[1].paragraphs[0].add_run(label + row.base.text)
    for cell, name in zip(cells[2:-1], names, strict=True):
        version = row.version(name)
        if version is None:
            continue
        paragraph = cell.paragraphs[0]
        paragraph.add_run(version.marker.value + " ").bold = True
        if version.label:
            paragraph.add_run(version.label + " ")
        if version.merged_into is not None:
            paragraph.add_run(f"(merged into {version.merged_into})").italic = True
            continue
        for edit in version.edits:
            run = paragraph.add_run(edit.text)
            if edit.op is EditOp.DELETE:
                run.font.strike = True
                run.font.color.rgb = _rgb(_DELETED_COLOUR)
            elif edit.op is EditOp.INSERT:
                run.font.underline = True
                run.font.color.rgb = _rgb(_INSERTED_COLOUR)
    cells[-1].paragraphs[0].add_run(status_note(row))
    shade = _STATUS_SHADE.get(row.status)
    if shade is not None:
        _shade(cells[-1], shade)


def _rgb(hex_colour: str) -> object:
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour)


def _repeat_as_header(row: object) -> None:
    """Word repeats this row at the top of every page the table spans."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell: object, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)
