"""The HTML report: one self-contained file (its CSS and JavaScript inline, a Content Security
Policy that forbids every network fetch), with a summary, navigation by section, inline and
side-by-side views, filters by kind and nature, ITU markers beside each clause and print styles.

Deleted text is struck through (``<del>``) and inserted text underlined (``<ins>``), as ITU does.
Every clause of both versions is in the page; unchanged ones are filtered out until asked for.
Without JavaScript the page shows every clause inline and hides the controls.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from html import escape

from revdiff.language import direction_of
from revdiff.model import Change, Comparison, Document, EditOp, Marker, Nature, TextEdit
from revdiff.render import common, entries

# The kind filter's boxes: the summary's kinds, with unchanged (hidden by default) last.
_KIND_ORDER = (*(kind for kind in common.SUMMARY_FIELDS if kind != "unchanged"), "unchanged")
_NATURE_ORDER = (Nature.SUBSTANTIVE, Nature.CITATION, Nature.EDITORIAL)
_HIDDEN_BY_DEFAULT = frozenset({"unchanged"})
_MARKER_CLASSES: dict[str, str] = {
    Marker.NOC: "marker-noc",
    Marker.MOD: "marker-mod",
    Marker.MOD_EDITORIAL: "marker-mod-editorial",
    Marker.ADD: "marker-add",
    Marker.SUP: "marker-sup",
}


@cache
def _asset(name: str) -> str:
    """A file shipped under render/assets (package data, read once)."""
    from importlib.resources import files

    return files("revdiff.render").joinpath("assets", name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_e = common.escape_html


def render_html(comparison: Comparison) -> str:
    """The HTML report as one string."""
    return _Page(comparison).render()


class _Page:
    """Builds one page; the ids it hands out are unique within it."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.ids: set[str] = set()

    def new_id(self, prefix: str, name: str) -> str:
        base = prefix + (re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "x")
        candidate, number = base, 2
        while candidate in self.ids:
            candidate, number = f"{base}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    def render(self) -> str:
        from revdiff import __version__

        css, js = _asset("report.css"), _asset("report.js")
        csp = (
            "default-src 'none'; img-src data:; "
            f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
            "base-uri 'none'; form-action 'none'"
        )
        title = "revdiff: " + common.report_title(self.comparison)
        groups = common.group_by_section(self.comparison, self.comparison.changes)
        group_ids = [self.new_id("s-", g.section_id) for g in groups]
        self.ids.update({"summary", "toc", "controls", "metadata", "lines", "changes", "shown"})
        self.ids.update({"view-inline", "view-sbs"})
        sections = "".join(
            self.section(group, gid) for group, gid in zip(groups, group_ids, strict=True)
        )
        return "".join(
            [
                "<!DOCTYPE html>\n",
                '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
                '<meta http-equiv="Content-Security-Policy" '
                f'content="{escape(csp, quote=False)}">\n',
                f'<meta name="generator" content="revdiff {_e(__version__)}">\n',
                f"<title>{_e(title)}</title>\n",
                '<link rel="icon" href="data:,">\n',
                f"<style>{css}</style>\n</head>\n<body>\n",
                '<a class="skip" href="#changes">Skip to the changes</a>\n',
                self.header(title),
                '<div class="layout">\n<aside>\n',
                self.navigation(groups, group_ids),
                self.controls(),
                "</aside>\n<main>\n",
                self.metadata(),
                self.lines(),
                '<section id="changes">\n<h2>Changes</h2>\n',
                sections or self.no_changes(),
                "</section>\n</main>\n</div>\n",
                f"<script>{js}</script>\n</body>\n</html>\n",
            ]
        )

    # ----------------------------------------------------------------------------------------

    def header(self, title: str) -> str:
        c = self.comparison
        notes = "".join(
            f'<p class="note" role="note"><strong>Warning:</strong> {_e(n)}</p>\n'
            for n in entries.warning_lines(c)
        )
        facts = "".join(
            f"<tr><th>{_e(name)}</th><td>{_e(old)}</td><td>{_e(new)}</td></tr>"
            for (name, old), (_, new) in zip(
                common.document_facts(c.old, language=common.shows_language(c)),
                common.document_facts(c.new, language=common.shows_language(c)),
                strict=True,
            )
        )
        counts = [*common.summary_rows(c.summary)]
        counts += entries.summary_extra_rows(c)
        # A list of name/count pairs rather than a table row: it wraps onto several lines on a
        # narrow screen, where nine columns would scroll sideways.
        zero = ' class="zero"'
        stats = "".join(
            f"<div{zero if n == 0 else ''}><dt>{_e(name)}</dt><dd>{n}</dd></div>"
            for name, n in counts
        )
        return (
            f'<header class="page-head">\n<h1>{_e(title)}</h1>\n{notes}'
            '<div class="facts">\n'
            '<table class="documents"><caption>Versions</caption>'
            '<thead><tr><th scope="col"></th><th scope="col">Old</th><th scope="col">New</th>'
            f"</tr></thead><tbody>{facts}</tbody></table>\n"
            '<div class="summary-box"><p class="caption" id="summary-caption">Summary</p>'
            f'<dl id="summary" class="summary" aria-labelledby="summary-caption">{stats}</dl>'
            "</div>\n"
            "</div>\n</header>\n"
        )

    def navigation(self, groups: Iterable[common.SectionGroup], group_ids: list[str]) -> str:
        items = ['<li><a href="#metadata">Metadata</a></li>']
        lines = len(entries.heading_entries(self.comparison)) + len(
            entries.footnote_entries(self.comparison)
        )
        if lines:
            items.append(
                '<li><a href="#lines">Headings and footnotes</a>'
                f'<span class="count" title="changed lines">{lines}</span></li>'
            )
        for group, gid in zip(groups, group_ids, strict=True):
            changed = sum(1 for change in group.changes if change.is_change)
            status = f" ({group.status})" if group.status else ""
            # A section with no changed clause is hidden while unchanged clauses are filtered
            # out, so its entry is not a link until it is shown (report.js keeps this true).
            target = f' href="#{gid}"' if changed else ""
            empty = "" if changed else ' class="empty"'
            full = _e(group.heading + status)
            items.append(
                f'<li{empty}><a{target} data-target="{gid}" title="{full}">'
                f"{_e(short_section_name(group.heading) + status)}</a>"
                f'<span class="count" title="changed clauses">{changed}</span></li>'
            )
        return (
            '<nav id="toc" aria-label="Sections">\n<h2>Sections</h2>\n<ol>\n'
            + "\n".join(items)
            + "\n</ol>\n</nav>\n"
        )

    def controls(self) -> str:
        changes = self.comparison.changes
        kinds = Counter(common.filter_kind(change) for change in changes)
        natures = Counter(n for change in changes for n in common.nature_names(change))
        kind_boxes = "".join(
            self.checkbox("kind", kind, kinds[kind]) for kind in _KIND_ORDER if kinds[kind]
        )
        nature_boxes = "".join(
            self.checkbox("nature", nature, natures[nature])
            for nature in _NATURE_ORDER
            if natures[nature]
        )
        nature_set = (
            f"<fieldset><legend>Nature</legend>{nature_boxes}</fieldset>\n" if nature_boxes else ""
        )
        return (
            '<form id="controls" hidden>\n'
            "<fieldset><legend>View</legend>"
            '<label><input type="radio" name="view" id="view-inline" value="inline" checked> '
            "Inline</label>"
            '<label><input type="radio" name="view" id="view-sbs" value="sbs"> '
            "Side by side</label></fieldset>\n"
            f"<fieldset><legend>Kind</legend>{kind_boxes}</fieldset>\n"
            f"{nature_set}"
            '<p id="shown" aria-live="polite"></p>\n'
            "</form>\n"
        )

    @staticmethod
    def checkbox(name: str, value: str, count: int) -> str:
        checked = "" if value in _HIDDEN_BY_DEFAULT else " checked"
        return (
            f'<label><input type="checkbox" name="{name}" value="{_e(value)}"{checked}> '
            f'{_e(value)} <span class="count">{count}</span></label>'
        )

    def metadata(self) -> str:
        rows = []
        for change in self.comparison.metadata:
            name = _e(common.metadata_name(change.field))
            if change.changed:
                natures = ", ".join(common.nature_names(change)) or "changed"
                text = _runs(common.metadata_edits(change))
                rows.append(
                    f'<tr class="changed"><th scope="row">{name}</th>'
                    f'<td class="text">{text}</td><td><em>{_e(natures)}</em></td></tr>'
                )
            else:
                rows.append(
                    f'<tr class="zero"><th scope="row">{name}</th>'
                    f'<td class="text">{_e(change.new or "")}</td><td>unchanged</td></tr>'
                )
        body = (
            f'<table class="metadata"><tbody>{"".join(rows)}</tbody></table>\n'
            if rows
            else '<p class="empty-note">No metadata lines were compared.</p>\n'
        )
        return f'<section id="metadata">\n<h2>Metadata</h2>\n{body}</section>\n'

    def lines(self) -> str:
        """Changed headings and footnotes, laid out as the metadata lines are."""
        rows = []
        for entry in (
            *entries.heading_entries(self.comparison),
            *entries.footnote_entries(self.comparison),
        ):
            marker = entry.marker
            meaning = common.MARKER_MEANINGS.get(marker, marker)
            what = ", ".join((*entry.flags, *entry.natures, *((entry.note,) if entry.note else ())))
            rows.append(
                f'<tr class="changed"><th scope="row">'
                f'<span class="marker {_MARKER_CLASSES.get(marker, "marker-mod")}" '
                f'title="{_e(marker)}: {_e(meaning)}">{_e(marker)}</span> {_e(entry.name)}<br>'
                f"<code>{_e(entry.id)}</code></th>"
                f'<td class="text">{_runs(entry.edits)}</td><td><em>{_e(what)}</em></td></tr>'
            )
        if not rows:
            return ""
        return (
            '<section id="lines">\n<h2>Headings and footnotes</h2>\n'
            f'<table class="metadata"><tbody>{"".join(rows)}</tbody></table>\n</section>\n'
        )

    def no_changes(self) -> str:
        return '<p class="empty-note">Neither version has any clause.</p>\n'

    def section(self, group: common.SectionGroup, gid: str) -> str:
        status = f' <span class="count">({_e(group.status)})</span>' if group.status else ""
        articles = "".join(self.article(change) for change in group.changes)
        return (
            f'<section class="sec" id="{gid}" data-section="{_e(group.section_id)}">\n'
            f"<h3>{_e(group.heading)}{status}</h3>\n{articles}</section>\n"
        )

    def article(self, change: Change) -> str:
        marker = change.marker.value
        changed = change.is_change
        classes = f"change kind-{change.kind.value}" + (" changed" if changed else "")
        aid = self.new_id("c-", common.clause_ids(change))
        natures = common.nature_names(change)
        meta = (
            f'<span class="label">{_e(common.label_text(change))}</span> · '
            f"<code>{_e(common.clause_ids(change))}</code> · "
            f"{_e(', '.join(common.change_flags(change)))}"
        )
        if natures:
            meta += f" · <em>{_e(', '.join(natures))}</em>"
        edits = common.inline_edits(change)
        old_text, new_text = common.old_text(edits), common.new_text(edits)
        old_doc, new_doc = self.comparison.old, self.comparison.new
        if changed:
            shown = _script(new_doc if change.new else old_doc, new_text or old_text)
            body = (
                f'<p class="text inline"{shown}>{_runs(edits)}</p>\n'
                '<div class="sbs">'
                f'<div class="side old"><h4>Old · {_e(common.format_labels(change.old))}</h4>'
                f'<p class="text"{_script(old_doc, old_text)}>'
                f"{_runs(common.side_edits(edits, 'old'))}</p></div>"
                f'<div class="side new"><h4>New · {_e(common.format_labels(change.new))}</h4>'
                f'<p class="text"{_script(new_doc, new_text)}>'
                f"{_runs(common.side_edits(edits, 'new'))}</p></div>"
                "</div>\n"
            )
        else:
            body = f'<p class="text"{_script(new_doc, new_text)}>{_e(new_text)}</p>\n'
        notes = common.change_notes(self.comparison, change)
        if notes:
            body += '<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>\n"
        meaning = common.MARKER_MEANINGS.get(marker, marker)
        return (
            f'<article class="{classes}" id="{aid}" data-kind="{_e(common.filter_kind(change))}" '
            f'data-nature="{_e(" ".join(natures))}">\n'
            f'<div class="marker {_MARKER_CLASSES.get(marker, "marker-mod")}" '
            f'title="{_e(marker)}: {_e(meaning)}">{_e(marker)}</div>\n'
            f'<div class="body">\n<p class="meta">{meta}</p>\n{body}</div>\n</article>\n'
        )


def _script(document: Document, text: str) -> str:
    """A clause's own language and direction, as attributes, where they differ from the page's
    (English, left to right): an Arabic clause is laid out right to left, and a browser picks
    fonts and line breaks by `lang`."""
    attributes = ""
    if document.language and document.language != "en":
        attributes += f' lang="{_e(document.language)}"'
    if direction_of(text) == "rtl":
        attributes += ' dir="rtl"'
    return attributes


# ITU's own short names for the bodies a call addresses ("invites the Director of TSB").
_BODY_SHORT_NAMES = (
    ("Telecommunication Standardization Advisory Group", "TSAG"),
    ("Telecommunication Development Advisory Group", "TDAG"),
    ("Radiocommunication Advisory Group", "RAG"),
    ("Telecommunication Standardization Bureau", "TSB"),
    ("Telecommunication Development Bureau", "BDT"),
    ("Radiocommunication Bureau", "BR"),
)
_SHORT_NAME_CHARS = 28
_CAPITAL_HEADING = re.compile(r"^(?:SECTION|ANNEX|APPENDIX|ATTACHMENT|PART|CHAPTER)\b")


def short_section_name(heading: str) -> str:
    """The name the sidebar shows for a section: its call or label, not its whole title.

    >>> short_section_name("Appendix I (to Resolution 1 (Rev. Hammamet, 2016))")
    'Appendix I'
    >>> short_section_name("SECTION\u00a01")
    'Section\xa01'
    >>> short_section_name("invites the Director of the Telecommunication Standardization "
    ...                    "Bureau, in collaboration with the Director of the BDT")
    'invites the Director of TSB…'
    >>> short_section_name("invites Member States, Sector Members, Associates and Academia")
    'invites Member States…'
    """
    name = re.sub(r"[ \t\r\n]+", " ", heading).strip()
    name = re.sub(r"\s*\(to\s.*\)$", "", name) or name  # "(to Resolution 1 (…))"
    name = _CAPITAL_HEADING.sub(lambda m: m.group().capitalize(), name)  # "SECTION 1"
    for long_name, short in _BODY_SHORT_NAMES:
        name = re.sub(rf"\b(?:the )?{long_name}\b", short, name)
    if len(name) <= _SHORT_NAME_CHARS:
        return name
    head = name.split(",", 1)[0]
    if len(head) > _SHORT_NAME_CHARS:
        head = name[: _SHORT_NAME_CHARS + 1].rsplit(" ", 1)[0]
    return head.rstrip(" ,;:") + "…"


def _runs(edits: Iterable[TextEdit]) -> str:
    parts = []
    for edit in edits:
        if edit.op is EditOp.EQUAL:
            parts.append(_e(edit.text))
            continue
        shown = common.visible_whitespace(edit.text)
        tag = "del" if edit.op is EditOp.DELETE else "ins"
        if shown != edit.text:  # a whitespace-only run drawn with symbols: say what it is
            what = "deleted" if edit.op is EditOp.DELETE else "inserted"
            parts.append(f'<{tag} title="{what} whitespace">{_e(shown)}</{tag}>')
        else:
            parts.append(f"<{tag}>{_e(shown)}</{tag}>")
    return "".join(parts) or '<span class="empty-note">(empty)</span>'
