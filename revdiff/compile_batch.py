"""Compile a whole assembly: every base resolution in one folder against the proposals for it in
one folder per proposer (``APT/``, ``CEPT/`` …).

Documents are paired by identity (issuing body, kind and number, read from each document, as
`revdiff batch` pairs them), never by file name. Each base resolution that some proposer
proposes to change gets a compilation report in the output folder; ``index.json``
(``revdiff.compile-batch/1``) and ``index.html`` list them, with the base resolutions no one
touches, the proposals for resolutions the base folder does not hold (new resolutions), and
the files that could not be read.

This module orchestrates IO (loading, writing through `write_atomically`); the stages it runs are
the pure ones. Progress goes to a callback, so that the CLI decides how to show it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from revdiff.batch import (
    check_output_folder,
    document_identity,
    identity_sort_key,
    list_inputs,
    load_one,
    report_name,
)
from revdiff.model import CompareOptions, Document, OutputFormat, ReportWarning, View

INDEX_JSON = "index.json"
INDEX_HTML = "index.html"
SCHEMA_ID = "revdiff.compile-batch/1"

Progress = Callable[[str, int, int], None]
"""Called as ``progress(phase, done, total)``, phase ``"loading"`` then ``"compiling"``."""


class CompileStatus(StrEnum):
    COMPILED = "compiled"  # a base resolution with proposals: a compilation report
    UNTOUCHED = "untouched"  # a base resolution no proposer proposes to change
    NEW = "new"  # proposals for a resolution the base folder does not hold
    ERROR = "error"  # a file that could not be read or does not say which resolution it is


@dataclass(frozen=True, slots=True)
class CompileEntry:
    """One line of the index."""

    identity: str | None
    status: CompileStatus
    base: Path | None = None
    proposals: tuple[tuple[str, Path], ...] = ()
    report: str | None = None
    error: str | None = None
    counts: tuple[tuple[str, int], ...] = ()  # rows per status, for COMPILED
    has_differences: bool = False
    warnings: tuple[ReportWarning, ...] = ()  # the compilation's; the CLI prints them


@dataclass(frozen=True, slots=True)
class CompileBatchResult:
    out_dir: Path
    entries: tuple[CompileEntry, ...]

    @property
    def exit_status(self) -> int:
        """diff(1)'s: 2 if a file failed, else 1 if a compilation has changes, else 0."""
        if any(e.status is CompileStatus.ERROR for e in self.entries):
            return 2
        return (
            1
            if any(e.has_differences or e.status is CompileStatus.NEW for e in self.entries)
            else 0
        )

    def count(self, status: CompileStatus) -> int:
        return sum(1 for e in self.entries if e.status is status)


def run_compile_batch(
    base_dir: Path,
    proposal_dirs: Sequence[Path],
    out_dir: Path,
    *,
    names: Sequence[str] | None = None,
    report_format: OutputFormat = OutputFormat.HTML,
    options: CompareOptions | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> CompileBatchResult:
    """Compile every resolution of `base_dir` against the proposals for it in `proposal_dirs`
    (see the module docstring). A proposer is named by `names`, else by its folder's name."""
    from revdiff.compare import compare_documents
    from revdiff.compilation import (
        NamedProposal,
        RowStatus,
        check_name_count,
        compile_proposals,
        unique_names,
    )
    from revdiff.output import write_atomically
    from revdiff.write import compilation_bytes

    options = options or CompareOptions()
    fix = "give one name per folder, in the order of the folders"
    check_name_count(names, len(proposal_dirs), "proposal folders", fix)
    proposers = unique_names(names or [folder.resolve().name for folder in proposal_dirs])
    base_files = list_inputs(base_dir)
    proposal_files = [list_inputs(folder) for folder in proposal_dirs]
    check_output_folder(out_dir, (base_dir, *proposal_dirs), force=force)
    report = progress or (lambda phase, done, total: None)
    total = len(base_files) + sum(len(files) for files in proposal_files)
    done = 0
    entries: list[CompileEntry] = []

    def load_all(files: Sequence[Path], view: View) -> dict[str, Document]:
        nonlocal done
        found: dict[str, Document] = {}
        for path in files:
            loaded = load_one(path, options, view)
            done += 1
            report("loading", done, total)
            identity = document_identity(loaded.document) if loaded.document else None
            if loaded.document is None or identity is None:
                error = loaded.error or f"{path}: no number line says which resolution this is"
                entries.append(CompileEntry(identity, CompileStatus.ERROR, error=error))
            elif identity in found:
                entries.append(
                    CompileEntry(
                        identity,
                        CompileStatus.ERROR,
                        error=f"{path}: {identity} again (also {found[identity].source}); "
                        "keep one file per resolution in each folder",
                    )
                )
            else:
                found[identity] = loaded.document
        return found

    bases = load_all(base_files, options.old_view)
    proposed = [load_all(files, options.new_view) for files in proposal_files]
    identities = sorted(
        set(bases).union(*proposed), key=lambda identity: identity_sort_key(identity)
    )
    taken = {INDEX_JSON, INDEX_HTML}
    for number, identity in enumerate(identities, start=1):
        report("compiling", number, len(identities))
        named = [
            NamedProposal(proposer, found[identity])
            for proposer, found in zip(proposers, proposed, strict=True)
            if identity in found
        ]
        sources = tuple((p.name, Path(p.document.source)) for p in named)
        base = bases.get(identity)
        if base is None:
            entries.append(CompileEntry(identity, CompileStatus.NEW, proposals=sources))
            continue
        if not named:
            entries.append(CompileEntry(identity, CompileStatus.UNTOUCHED, base=Path(base.source)))
            continue
        comparisons = [compare_documents(base, p.document, options) for p in named]
        compilation = compile_proposals(base, named, comparisons)
        name = report_name(identity, taken, report_format)
        inputs = [Path(base.source), *(path for _, path in sources)]
        write_atomically(
            out_dir / name,
            compilation_bytes(compilation, report_format),
            inputs=inputs,
            force=True,
        )
        entries.append(
            CompileEntry(
                identity,
                CompileStatus.COMPILED,
                base=Path(base.source),
                proposals=sources,
                report=name,
                counts=tuple((s.value, compilation.count(s)) for s in RowStatus),
                has_differences=compilation.has_differences,
                warnings=compilation.warnings,
            )
        )
    result = CompileBatchResult(out_dir, tuple(entries))
    inputs = [*base_files, *(p for files in proposal_files for p in files)]
    for index_name, text in (
        (INDEX_JSON, render_index_json(result)),
        (INDEX_HTML, render_index_html(result)),
    ):
        write_atomically(out_dir / index_name, text.encode("utf-8"), inputs=inputs, force=True)
    return result


def index_to_dict(result: CompileBatchResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "entries": [
            {
                "identity": entry.identity,
                "status": entry.status.value,
                "base": None if entry.base is None else str(entry.base),
                "proposals": [{"name": n, "source": str(p)} for n, p in entry.proposals],
                "report": entry.report,
                "error": entry.error,
                "rows": dict(entry.counts) if entry.counts else None,
            }
            for entry in result.entries
        ],
    }


def render_index_json(result: CompileBatchResult) -> str:
    from revdiff.render.json_text import to_json_text

    return to_json_text(index_to_dict(result))


def render_index_html(result: CompileBatchResult) -> str:
    """A page that lists every entry and links each compilation report."""
    from revdiff.render.common import escape_html as e
    from revdiff.render.common import static_page_head

    style = (
        "body{font:15px/1.45 system-ui,sans-serif;margin:16px}"
        "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;"
        "text-align:left;vertical-align:top}.error{color:#a00}"
    )
    lines = static_page_head("revdiff compilations", style)
    lines += ["<h1>Compilations</h1>", "<table>", "<thead><tr>"]
    lines += ["<th>Resolution</th><th>Status</th><th>Proposals</th><th>Rows</th>"]
    lines += ["</tr></thead>", "<tbody>"]
    for entry in result.entries:
        identity = e(entry.identity or "(unknown)")
        if entry.report:
            identity = f'<a href="{e(entry.report)}">{identity}</a>'
        proposers = ", ".join(e(name) for name, _ in entry.proposals)
        if entry.error:
            rows = f'<span class="error">{e(entry.error)}</span>'
        else:
            rows = ", ".join(f"{count} {e(status)}" for status, count in entry.counts if count)
        lines.append(
            f"<tr><td>{identity}</td><td>{e(entry.status.value)}</td>"
            f"<td>{proposers}</td><td>{rows}</td></tr>"
        )
    lines += ["</tbody></table>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
