"""The CLI's conference-preparation commands: `propose` (one proposal document from two
versions), `compile` (several proposals against one base) and `compile-batch` (a whole
assembly). Registered on the app by `cli.py`; part of the CLI layer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from revdiff.cli_common import (
    DEFAULT_MAX_SIZE_TEXT,
    EXIT_DIFFERENT,
    EXIT_TROUBLE,
    INPUT,
    OUTPUT,
    AuthorOption,
    BothViewsOption,
    DateOption,
    DebugOption,
    ExitZeroOption,
    FolderForceOption,
    ForceOption,
    MaxSizeOption,
    OutputOption,
    QuietOption,
    StrictOption,
    ViewOption,
    both_views,
    compare_options,
    comparison_summary,
    deliver,
    exit_status,
    fail,
    format_option,
    guarded,
    progress_bar,
    resolve_target,
    say_folder_written,
    strict_status,
    warn,
)
from revdiff.model import OutputFormat, View
from revdiff.propose import NocMode

COMPILATION_FORMATS = (
    OutputFormat.TEXT,
    OutputFormat.MD,
    OutputFormat.HTML,
    OutputFormat.JSON,
    OutputFormat.DOCX,
)

NamesOption = Annotated[
    str | None,
    typer.Option(
        "--names",
        metavar="A,B,…",
        help=(
            "Names of the proposals, comma-separated, in order (default: each proposal's "
            "Source header line, else its file name)."
        ),
        rich_help_panel=INPUT,
    ),
]
CompilationFormatOption = Annotated[
    OutputFormat | None,
    format_option(COMPILATION_FORMATS, "Format (default: the -o file's extension, else text)."),
]


def _split_names(names: str | None) -> list[str] | None:
    if names is None:
        return None
    split = [name.strip() for name in names.split(",")]
    if not all(split):
        fail(
            f"--names {names!r} has an empty name. "
            "To fix: give one name per proposal, e.g. --names APT,CEPT."
        )
    return split


# As in cli.py, each signature lists the shared option aliases its command takes: typer reads
# options from the signature only, so the signatures look alike by design.
def compile_command(
    base: Annotated[
        Path, typer.Argument(metavar="BASE", help="The base resolution the proposals revise.")
    ],
    proposals: Annotated[
        list[Path],
        typer.Argument(
            metavar="PROPOSAL...",
            help=(
                "Proposals: full texts or proposal documents (.txt, .docx, .pdf); Word files "
                "with tracked changes are read accepted."
            ),
        ),
    ],
    names: NamesOption = None,
    format: CompilationFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    view: ViewOption = View.ACCEPTED,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """Compile several proposals against one base resolution, clause by clause.

    For every base clause, section heading and footnote: each proposal's version with its ITU
    marker and inline changes, and a status: untouched, changed (by one), agreed (the same
    change by several), conflict (different changes) or mixed (deleted by some, modified by
    others). Clauses the proposals add are grouped when they say the same thing. The format
    follows the -o file's extension: .html (a wide table with filters), .md, .json
    (revdiff.compilation/1), .docx (a landscape Word table) or .txt. Exit status: 0 all
    untouched, 1 changes (0 with --exit-zero), 2 trouble.

    Example: revdiff compile res84.docx apt.docx cept.docx --names APT,CEPT -o res84.html
    """
    target = resolve_target(output, format, "compile", COMPILATION_FORMATS)
    chosen = _split_names(names)

    def run() -> int:
        from revdiff.compare import compile_files
        from revdiff.output import check_output_path
        from revdiff.write import compilation_bytes

        inputs = (base, *proposals)
        if target.path is not None:  # refuse a bad -o before the work, not after
            check_output_path(target.path, inputs=inputs, force=force)
        options = compare_options(max_size, View.ACCEPTED, new_view=view)
        compilation = compile_files(base, proposals, options, names=chosen)
        warned = warn(compilation.warnings)
        changed = sum(1 for row in compilation.rows if row.changed_by)
        what = f"{changed} of {len(compilation.rows)} rows touched by the proposals"
        data = compilation_bytes(compilation, target.format)
        deliver(target, data, inputs=inputs, force=force, quiet=quiet, what=what)
        status = exit_status(compilation.has_differences, exit_zero=exit_zero)
        return strict_status(status, warned, strict)

    raise typer.Exit(guarded(debug, run))


def compile_batch_command(
    base_dir: Annotated[
        Path,
        typer.Argument(metavar="BASE_DIR", help="Folder of the base resolutions.", file_okay=False),
    ],
    proposal_dirs: Annotated[
        list[Path],
        typer.Argument(
            metavar="PROPOSALS_DIR...",
            help="One folder per proposer (APT/, CEPT/, …) of proposals.",
            file_okay=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the compilations, index.html and index.json.",
            rich_help_panel=OUTPUT,
        ),
    ],
    names: Annotated[
        str | None,
        typer.Option(
            "--names",
            metavar="A,B,…",
            help="Names of the proposers, in the order of the folders (default: folder names).",
            rich_help_panel=INPUT,
        ),
    ] = None,
    format: Annotated[
        OutputFormat,
        format_option(COMPILATION_FORMATS, "Format of each compilation.", show_default=True),
    ] = OutputFormat.HTML,
    force: FolderForceOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    view: ViewOption = View.ACCEPTED,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """Compile a whole assembly: each base resolution against the proposals for it.

    Resolutions are paired by identity (body, kind and number read from each document, not from
    file names), as batch pairs them. One compilation per base resolution that some proposer
    changes goes to the output folder, with index.html and index.json listing them, the
    resolutions nobody touches, proposals for new resolutions and files that failed. Exit
    status: 2 if any file failed, else 1 if any proposal changes anything, else 0.

    Example: revdiff compile-batch wtsa-22/ apt/ cept/ atu/ -o compilations/
    """
    chosen = _split_names(names)

    def run() -> int:
        from revdiff.compile_batch import CompileStatus, run_compile_batch

        with progress_bar() as progress:
            result = run_compile_batch(
                base_dir,
                proposal_dirs,
                output,
                names=chosen,
                report_format=format,
                options=compare_options(max_size, View.ACCEPTED, new_view=view),
                force=force,
                progress=progress,
            )
        warned = warn(w for entry in result.entries for w in entry.warnings)
        counts = ", ".join(
            f"{result.count(status)} {status.value}"
            for status in CompileStatus
            if result.count(status)
        )
        failed = (e.error for e in result.entries if e.error is not None)
        say_folder_written(output, counts, failed=failed, quiet=quiet)
        status = result.exit_status
        if status == EXIT_TROUBLE:
            return status
        return strict_status(
            exit_status(status == EXIT_DIFFERENT, exit_zero=exit_zero), warned, strict
        )

    raise typer.Exit(guarded(debug, run))


PROPOSAL = "Proposal"
PROPOSAL_FORMATS = (OutputFormat.DOCX, OutputFormat.MD, OutputFormat.HTML)


def _header_option(flag: str, text: str) -> object:
    return typer.Option(flag, help=text, show_default=False, rich_help_panel=PROPOSAL)


def propose_command(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The resolution as in force.")],
    new: Annotated[
        Path,
        typer.Argument(
            metavar="NEW", help="The text as proposed; the Word proposal is built on it."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write: .docx (default), .md or .html; - writes to stdout.",
            rich_help_panel=OUTPUT,
        ),
    ] = None,
    format: Annotated[
        OutputFormat | None,
        format_option(
            PROPOSAL_FORMATS,
            "Format (default: the -o file's extension, else docx).",
        ),
    ] = None,
    prefix: Annotated[
        str | None,
        typer.Option(
            "--prefix",
            metavar="PREFIX",
            help=(
                "Number the proposals PREFIX/1, PREFIX/2, … in document order, e.g. --prefix "
                "ACP/64A1 (default: markers without ids)."
            ),
            rich_help_panel=PROPOSAL,
        ),
    ] = None,
    noc: Annotated[
        NocMode,
        typer.Option(
            "--noc",
            help=(
                "Unchanged provisions: each after its own NOC marker (show), or without a "
                "marker (collapse; Markdown and HTML fold each run of them into one line)."
            ),
            case_sensitive=False,
            rich_help_panel=PROPOSAL,
        ),
    ] = NocMode.SHOW,
    reasons: Annotated[
        Path | None,
        typer.Option(
            "--reasons",
            metavar="FILE",
            help=(
                "JSON (or YAML, with PyYAML) object of clause id to reasons, e.g. "
                '{"resolves/2": "To align with …"}; the others get a placeholder to complete.'
            ),
            rich_help_panel=PROPOSAL,
        ),
    ] = None,
    source: Annotated[str | None, _header_option("--source", "Source: the proposer.")] = None,
    title: Annotated[
        str | None,
        _header_option("--title", "Title (default: Proposed revision of OLD's number line)."),
    ] = None,
    document: Annotated[
        str | None, _header_option("--document", "Document number, e.g. 64(Add.1)-E.")
    ] = None,
    agenda_item: Annotated[
        str | None, _header_option("--agenda-item", "Agenda item, e.g. 1.1.")
    ] = None,
    view: BothViewsOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    author: AuthorOption = "revdiff",
    date: DateOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """Write an ITU proposal document: NEW as proposed changes to OLD.

    Each provision stands after its marker line (MOD, ADD, SUP, (MOD), or NOC unless --noc
    collapse) with its proposal id, the changes inside it as tracked changes (ADD provisions
    inserted, SUP provisions deleted), and a "Reasons:" paragraph after each changed one; the
    header fields (Source, Title, Document, Agenda item) on top. Accepting every change in Word
    gives NEW; revdiff show reads the markers, ids and reasons back. Exit status: 0 no
    differences, 1 differences (0 with --exit-zero), 2 trouble.

    Example: revdiff propose res84.docx res84-apt.docx --prefix ACP/64A1 --source APT
    --reasons reasons.json -o proposal.docx
    """
    target = resolve_target(output, format, "propose", PROPOSAL_FORMATS, OutputFormat.DOCX)
    old_side, new_side = both_views(view, None, None)
    given = (
        ("source", source),
        ("title", title),
        ("document", document),
        ("agenda_item", agenda_item),
    )
    header = tuple((key, value) for key, value in given if value is not None)

    def run() -> int:
        from revdiff.compare import compare_files
        from revdiff.load.reasons import read_reasons
        from revdiff.output import check_output_path
        from revdiff.propose import ProposeOptions, check_prefix, plan_proposal
        from revdiff.redline import parse_revision_date, read_base
        from revdiff.render.proposal import proposal_output
        from revdiff.warnings import report_warnings

        inputs = (old, new, *((reasons,) if reasons is not None else ()))
        check_prefix(prefix)
        when = parse_revision_date(date)
        given_reasons = read_reasons(reasons) if reasons is not None else ()
        if target.path is not None:  # refuse a bad -o before the work, not after
            check_output_path(target.path, inputs=inputs, force=force)
        comparison = compare_files(old, new, compare_options(max_size, old_side, new_view=new_side))
        options = ProposeOptions(prefix, noc, given_reasons, header, when)
        plan = plan_proposal(comparison, options)
        base = read_base(comparison) if target.format is OutputFormat.DOCX else None
        data = proposal_output(plan, target.format, base=base, author=author, date=when)
        warned = warn((*report_warnings(comparison), *plan.warnings))
        count = len(plan.marked) + (plan.whole is not None)  # the whole text's proposal too
        what = f"{count} changes proposed ({comparison_summary(comparison)})"
        deliver(target, data, inputs=inputs, force=force, quiet=quiet, what=what)
        status = exit_status(comparison.has_differences, exit_zero=exit_zero)
        return strict_status(status, warned, strict)

    raise typer.Exit(guarded(debug, run))
