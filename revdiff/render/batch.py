"""The batch index: every pair of a batch as ``index.json`` (``revdiff.batch/1``) and as
``index.html``, a self-contained page linking each pair's report.

Pure: both functions read a `BatchResult` and return a string.
"""

from __future__ import annotations

from typing import Any

from revdiff.model import BatchEntry, BatchResult, BatchStatus, Marker, Summary
from revdiff.render import common, entries
from revdiff.render.json_text import to_json_text

SCHEMA_ID = "revdiff.batch/1"
SCHEMA_FILE = "schema/batch-1.schema.json"
# The ITU marker a status stands for: a resolution only in the new set is added (ADD), one only
# in the old set suppressed (SUP).
_STATUS_MARKERS = {BatchStatus.ADDED: Marker.ADD, BatchStatus.SUPPRESSED: Marker.SUP}


def _summary(summary: Summary | None) -> dict[str, int] | None:
    if summary is None:
        return None
    return {name: getattr(summary, name) for name in common.SUMMARY_FIELDS}


def batch_to_dict(result: BatchResult) -> dict[str, Any]:
    """The ``revdiff.batch/1`` document. ``old``/``new`` are the input paths as found in the
    folders given; ``report`` is the report's file name inside the output folder."""
    return {
        "schema": SCHEMA_ID,
        "pairs": [
            {
                "identity": entry.identity,
                "old": str(entry.old) if entry.old is not None else None,
                "new": str(entry.new) if entry.new is not None else None,
                "status": entry.status,
                "report": entry.report,
                "error": entry.error,
                "summary": _summary(entry.summary),
                "warnings": [entries.warning_to_dict(w) for w in entry.warnings],
            }
            for entry in result.entries
        ],
    }


def render_batch_json(result: BatchResult) -> str:
    return to_json_text(batch_to_dict(result))


def load_batch_schema() -> dict[str, Any]:
    """The JSON Schema of ``revdiff.batch/1``, as shipped with the package."""
    from revdiff.render.common import load_shipped_schema

    return load_shipped_schema(SCHEMA_FILE)


_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem;color:#1b1b1b}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #c9c9c9;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.error td{background:#fdecec}tr.added td.status{color:#14532d}
tr.suppressed td.status{color:#7f1d1d}tr.skipped td{color:#555}
.status{font-weight:600}.same{color:#555}.error-text{color:#7f1d1d}
@media print{body{margin:0;font-size:11px}th{background:none}}
"""


_e = common.escape_html


def _status_cell(entry: BatchEntry) -> str:
    marker = _STATUS_MARKERS.get(entry.status)
    text = entry.status + (f" ({marker})" if marker is not None else "")
    return f'<td class="status">{_e(text)}</td>'


def _changes_cell(entry: BatchEntry) -> str:
    if entry.error is not None:
        return f'<td class="error-text">{_e(entry.error)}</td>'
    if entry.summary is None:
        return "<td></td>"
    counts = [
        f"{getattr(entry.summary, name)} {name}"
        for name in common.SUMMARY_FIELDS
        if name != "unchanged" and getattr(entry.summary, name)
    ]
    if not counts:
        words = (
            "only lines outside the clauses (metadata, headings, footnotes)"
            if entry.has_differences
            else "no differences"
        )
        return f'<td class="same">{_e(words)}</td>'
    return f"<td>{_e(', '.join(counts))}</td>"


def render_batch_html(result: BatchResult) -> str:
    """The index page: one row per entry, linking the report of each compared pair."""
    title = f"revdiff batch: {result.old_dir} → {result.new_dir}"
    counts = ", ".join(
        f"{result.count(status)} {status}" for status in BatchStatus if result.count(status)
    )
    rows = []
    for entry in result.entries:
        link = (
            f'<a href="{_e(entry.report)}">{_e(entry.report)}</a>'
            if entry.report is not None
            else ""
        )
        if entry.warnings:
            count = len(entry.warnings)
            link += f" ({count} warning{'s' if count > 1 else ''})"
        rows.append(
            f'<tr class="{_e(entry.status)}"><td>{_e(entry.identity or "—")}</td>'
            f"{_status_cell(entry)}<td>{_e(str(entry.old or '—'))}</td>"
            f"<td>{_e(str(entry.new or '—'))}</td>{_changes_cell(entry)}<td>{link}</td></tr>"
        )
    return (
        "\n".join(
            [
                *common.static_page_head(title, _STYLE),
                f"<h1>{_e(title)}</h1>",
                f"<p>{_e(counts or 'no resolutions found')}.</p>",
                "<table>",
                "<thead><tr><th>Resolution</th><th>Status</th><th>Old</th><th>New</th>"
                "<th>Changes</th><th>Report</th></tr></thead>",
                "<tbody>",
                *rows,
                "</tbody>",
                "</table>",
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )
