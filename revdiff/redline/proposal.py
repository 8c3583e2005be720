"""The Word proposal document: the redline of OLD -> NEW (real tracked changes inside MOD
provisions, ADD provisions inserted, SUP provisions deleted) with what a proposal adds around
the provisions, as ITU's conference proposals set it:

- the header fields on top, one paragraph each (``Source:<TAB>…``, ``Title:<TAB>…``);
- before each marked provision, a marker paragraph in ITU's ``Proposal`` style:
  ``MOD<TAB>ACP/64A1/3``;
- after each changed provision, a ``Reasons:<TAB>…`` paragraph in ITU's ``Reasons`` style.

These paragraphs are plain, untracked text: accepting every change leaves them and the new
provisions, rejecting leaves them and the old ones, and `revdiff show` reads them back as the
proposal's header, markers, ids and reasons (revdiff.structure.proposal), never as clauses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from revdiff.model import METADATA_FIELDS
from revdiff.ooxml.names import REL_STYLES, w
from revdiff.ooxml.paragraphs import make_paragraph
from revdiff.ooxml.runs import make_run_properties, text_run
from revdiff.propose import ProposalPlan
from revdiff.redline.draft import Draft
from revdiff.redline.itu_styles import _style
from revdiff.redline.plan import Plan
from revdiff.redline.writer import build_redline_bytes

__all__ = ["PROPOSAL_STYLE", "REASONS_STYLE", "build_proposal"]

PROPOSAL_STYLE = "Proposal"
REASONS_STYLE = "Reasons"
HEADER_STYLE = "Normal"


def build_proposal(plan: ProposalPlan, *, base: bytes | None, author: str, date: datetime) -> bytes:
    """The .docx bytes of the proposal `plan` describes, built on `base` (the new version's
    .docx) or on the template. The same plan and date give the same bytes."""
    data, _ = build_redline_bytes(
        plan.comparison,
        base=base,
        author=author or "revdiff",
        date=date,
        comments=False,
        markers=False,
        decorate=lambda draft, plans: _decorate(draft, plans, plan),
    )
    return data


def _decorate(draft: Draft, plans: Sequence[Plan], proposal: ProposalPlan) -> None:
    by_change = {id(p.change): p for p in proposal.provisions}
    done: set[int] = set()
    for plan in plans:
        provision = by_change.get(id(plan.change))
        if provision is None or id(plan.change) in done:
            continue  # the later parts of a split shown apart: one marker for the whole
        shown = plan.new_paragraphs or plan.old_paragraphs
        if not shown:
            continue
        done.add(id(plan.change))
        line = provision.marker_line
        if line is not None:
            shown[0].addprevious(marker_paragraph(line))
        if provision.reasons is not None:
            shown[-1].addnext(reasons_paragraph(provision.reasons))
    _mark_whole_text(draft, proposal)
    _add_header(draft, proposal)
    _ensure_styles(draft)


def _mark_whole_text(draft: Draft, proposal: ProposalPlan) -> None:
    """The whole text's marker before the number line, its reasons after the last metadata
    line: before the first section, where a reader takes them for the whole text's."""
    line, whole = proposal.whole_line, proposal.whole
    metadata = draft.layout.metadata
    shown = [p for name in METADATA_FIELDS for p in metadata.get(name, [])]
    if line is None or whole is None or not shown:
        return
    shown[0].addprevious(marker_paragraph(line))
    if whole.reasons is not None:
        shown[-1].addnext(reasons_paragraph(whole.reasons))


def marker_paragraph(line: str) -> etree._Element:
    """``MOD<TAB>ACP/64A1/3`` in the Proposal style (kept with the provision after it)."""
    return make_paragraph(PROPOSAL_STYLE, [text_run(line)])


def reasons_paragraph(reasons: str) -> etree._Element:
    bold = make_run_properties(bold=True)
    return make_paragraph(REASONS_STYLE, [text_run("Reasons:", bold), text_run("\t" + reasons)])


def _add_header(draft: Draft, proposal: ProposalPlan) -> None:
    bold = make_run_properties(bold=True)
    for index, (_, label, value) in enumerate(proposal.header):
        p = make_paragraph(HEADER_STYLE, [text_run(f"{label}:", bold), text_run("\t" + value)])
        _align_values(p)
        draft.layout.body.insert(index, p)


def _align_values(p: etree._Element) -> None:
    """One tab stop for the header's values, past the longest label (Normal's first stops,
    794 to 1588 twips, are cleared: "Source:" would reach one and "Agenda item:" the next)."""
    p_pr = p.find(w("pPr"))
    if p_pr is None:
        p_pr = etree.Element(w("pPr"))
        p.insert(0, p_pr)
    tabs = etree.SubElement(p_pr, w("tabs"))
    for kind, position in (
        ("clear", "794"),
        ("clear", "1191"),
        ("clear", "1588"),
        ("left", "1985"),
    ):
        tab = etree.SubElement(tabs, w("tab"))
        tab.set(w("val"), kind)
        tab.set(w("pos"), position)


def _ensure_styles(draft: Draft) -> None:
    package, main = draft.layout.package, draft.layout.main
    name = package.related_part(main, REL_STYLES)
    if not name or not package.has(name):
        return
    styles = package.xml(name)
    present = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    keep: list[tuple[str, dict[str, str]]] = [("keepNext", {}), ("keepLines", {})]
    wanted = {
        # ITU's templates: the marker line bold, kept with the provision, well spaced above.
        PROPOSAL_STYLE: _style(
            PROPOSAL_STYLE,
            "Proposal",
            p_pr=[*keep, ("spacing", {"before": "240"})],
            r_pr=[("b", {})],
        ),
        REASONS_STYLE: _style(REASONS_STYLE, "Reasons", p_pr=[("spacing", {"before": "120"})]),
    }
    for style_id, style in wanted.items():
        if style_id not in present:
            styles.append(style)
