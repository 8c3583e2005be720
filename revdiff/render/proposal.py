"""The proposal document as Markdown and HTML: the same `ProposalPlan` the Word writer draws,
for reading on screen or in a review; `proposal_output` writes any of the three formats (the
Word one through `revdiff.redline.proposal`).

The header fields, then the resolution's lines, then each section's provisions, each after its
marker line (``MOD ACP/64A1/3``) with its inline changes (deleted text struck, inserted text
bold or underlined) and its ``Reasons:``. Under ``--noc collapse`` a run of unchanged
provisions is one line saying how many and which. Pure: no IO.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from revdiff.model import EditOp, OutputFormat, TextEdit
from revdiff.propose import ProposalPlan, Provision
from revdiff.render import common

__all__ = ["proposal_output", "render_proposal_html", "render_proposal_markdown"]


def proposal_output(
    plan: ProposalPlan,
    fmt: OutputFormat,
    *,
    base: bytes | None = None,
    author: str = "revdiff",
    date: datetime | None = None,
) -> bytes:
    """The proposal in `fmt`: the Word document (.docx bytes, built on `base`, the new
    version's .docx, when given; its tracked changes dated `date`), or Markdown or HTML."""
    if fmt is OutputFormat.DOCX:
        from revdiff.redline import parse_revision_date
        from revdiff.redline.proposal import build_proposal

        when = date if date is not None else parse_revision_date(None)
        return build_proposal(plan, base=base, author=author, date=when)
    if fmt is OutputFormat.MD:
        return render_proposal_markdown(plan).encode("utf-8")
    if fmt is OutputFormat.HTML:
        return render_proposal_html(plan).encode("utf-8")
    raise ValueError(f"a proposal is written as docx, md or html, not {fmt.value}")


@dataclass(frozen=True)
class _Block:
    """What the proposal shows next: a section heading, a provision, or a collapsed run of
    unchanged provisions."""

    heading: str | None = None
    provision: Provision | None = None
    collapsed: tuple[Provision, ...] = ()


def _blocks(plan: ProposalPlan) -> Iterator[_Block]:
    section: str | None = None
    run: list[Provision] = []
    for provision in plan.provisions:
        section_id = common.change_section_id(provision.change)
        if run and (section_id != section or provision.marker is not None):
            yield _Block(collapsed=tuple(run))
            run = []
        if section_id != section:
            section = section_id
            yield _Block(heading=common.section_heading(plan.comparison, section_id))
        if provision.marker is None:
            run.append(provision)
        else:
            yield _Block(provision=provision)
    if run:
        yield _Block(collapsed=tuple(run))


def _collapsed_note(run: tuple[Provision, ...]) -> str:
    first, last = run[0].key, run[-1].key
    span = first if first == last else f"{first} … {last}"
    count = f"{len(run)} unchanged provision{'s' if len(run) != 1 else ''}"
    return f"{count} (NOC): {span}"


def _edits(provision: Provision) -> tuple[TextEdit, ...]:
    change = provision.change
    if not change.old:
        return (TextEdit(EditOp.INSERT, common.joined_text(change.new)),)
    if not change.new:
        return (TextEdit(EditOp.DELETE, common.joined_text(change.old)),)
    return common.inline_edits(change)


def _label(provision: Provision) -> str:
    change = provision.change
    if not change.is_change:
        return common.format_labels(change.new)
    return common.label_text(change)


def _metadata_lines(plan: ProposalPlan) -> Iterator[tuple[str, tuple[TextEdit, ...]]]:
    for change in plan.comparison.metadata:
        if change.old is None and change.new is None:
            continue
        yield change.field, common.metadata_edits(change)


# --------------------------------------------------------------------------------------------
# Markdown


def render_proposal_markdown(plan: ProposalPlan) -> str:
    """The proposal as GitHub-flavoured Markdown."""
    from revdiff.render.markdown import escape_markdown, render_runs

    title = next((value for key, _, value in plan.header if key == "title"), "Proposal")
    lines = [f"# {escape_markdown(title)}", ""]
    for _, label, value in plan.header:
        lines.append(f"- **{label}:** {escape_markdown(value)}")
    lines.append("")
    for warning in plan.warnings:
        lines += [f"> **Warning:** {escape_markdown(warning)}", ""]
    whole = plan.whole
    if whole is not None:
        ident = f" {escape_markdown(whole.id)}" if whole.id else ""
        lines += [f"**{whole.marker}**{ident}", ""]
    for _, edits in _metadata_lines(plan):
        lines += [render_runs(edits), ""]
    if whole is not None and whole.reasons is not None:
        lines += [f"*Reasons:* {escape_markdown(whole.reasons)}", ""]
    for block in _blocks(plan):
        if block.heading is not None:
            lines += [f"### {escape_markdown(block.heading)}", ""]
        elif block.collapsed:
            lines += [f"*{escape_markdown(_collapsed_note(block.collapsed))}*", ""]
        elif block.provision is not None:
            provision = block.provision
            marker = provision.marker.value if provision.marker else ""
            ident = f" {escape_markdown(provision.id)}" if provision.id else ""
            lines += [f"**{escape_markdown(marker)}**{ident}", ""]
            label = escape_markdown(_label(provision))
            lines += [f"{label} {render_runs(_edits(provision))}", ""]
            if provision.reasons is not None:
                lines += [f"*Reasons:* {escape_markdown(provision.reasons)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------
# HTML

_STYLE = """
body{font:16px/1.5 'Times New Roman',serif;max-width:52em;margin:24px auto;padding:0 16px;
color:#1b1b1b}
dl.header{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-family:
system-ui,sans-serif;font-size:.95em;border-bottom:1px solid #ccc;padding-bottom:12px}
dl.header dt{font-weight:bold}dl.header dd{margin:0}
p.meta{text-align:center}
h3{font-style:italic;font-weight:normal;margin:1.2em 0 .4em}
p.marker{font-weight:bold;margin:1em 0 .2em}
p.marker .id{font-weight:normal;margin-left:1.5em}
p.provision{margin:.2em 0}
p.reasons{margin:.3em 0 1em}
p.collapsed{color:#555;font-style:italic}
p.warning{background:#fff4ce;padding:4px 8px}
del{color:#b00020}ins{color:#0b6e0b}
.label{display:inline-block;min-width:2.5em}
"""


def render_proposal_html(plan: ProposalPlan) -> str:
    """The proposal as one self-contained HTML page (no script, no network)."""
    from revdiff.render.html import _runs

    e = common.escape_html
    title = next((value for key, _, value in plan.header if key == "title"), "Proposal")
    lines = common.static_page_head(title, _STYLE)
    lines.append('<dl class="header">')
    for _, label, value in plan.header:
        lines.append(f"<dt>{e(label)}:</dt><dd>{e(value)}</dd>")
    lines.append("</dl>")
    for warning in plan.warnings:
        lines.append(f'<p class="warning">{e(warning)}</p>')
    whole = plan.whole
    if whole is not None:
        ident = f'<span class="id">{e(whole.id)}</span>' if whole.id else ""
        lines.append(f'<p class="marker">{e(whole.marker)}{ident}</p>')
    for field, edits in _metadata_lines(plan):
        lines.append(f'<p class="meta {e(field)}">{_runs(edits)}</p>')
    if whole is not None and whole.reasons is not None:
        lines.append(f'<p class="reasons"><b>Reasons:</b> {e(whole.reasons)}</p>')
    for block in _blocks(plan):
        if block.heading is not None:
            lines.append(f"<h3>{e(block.heading)}</h3>")
        elif block.collapsed:
            lines.append(f'<p class="collapsed">{e(_collapsed_note(block.collapsed))}</p>')
        elif block.provision is not None:
            provision = block.provision
            marker = provision.marker.value if provision.marker else ""
            ident = f'<span class="id">{e(provision.id)}</span>' if provision.id else ""
            lines.append(f'<p class="marker">{e(marker)}{ident}</p>')
            label = f'<span class="label">{e(_label(provision))}</span> '
            lines.append(f'<p class="provision">{label}{_runs(_edits(provision))}</p>')
            if provision.reasons is not None:
                lines.append(f'<p class="reasons"><b>Reasons:</b> {e(provision.reasons)}</p>')
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
