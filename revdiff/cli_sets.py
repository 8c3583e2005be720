"""The CLI's commands over sets of versions: `history` (one resolution across several versions)
and `batch` (two folders of resolutions). Registered on the app by `cli.py`; part of the CLI
layer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from revdiff.cli_common import (
    DEFAULT_MAX_SIZE_TEXT,
    EXIT_DIFFERENT,
    EXIT_SAME,
    INPUT,
    LIMITS,
    OUTPUT,
    REPORT_FORMATS,
    BothViewsOption,
    DebugOption,
    ExitZeroOption,
    FolderForceOption,
    ForceOption,
    MaxSizeOption,
    NewViewOption,
    OldViewOption,
    OutputOption,
    QuietOption,
    ReportFormatOption,
    ResolutionOption,
    ShowAllOption,
    StrictOption,
    ViewOption,
    both_views,
    compare_options,
    deliver,
    exit_status,
    fail,
    format_option,
    guarded,
    history_summary,
    page_progress,
    progress_bar,
    resolve_target,
    say_folder_written,
    strict_status,
    warn,
)
from revdiff.model import OutputFormat, View

# Batch writes one report per pair, HTML by default, or a Word redline per pair.
BATCH_FORMATS = (
    OutputFormat.HTML,
    OutputFormat.MD,
    OutputFormat.TEXT,
    OutputFormat.JSON,
    OutputFormat.DOCX,
)


# As in cli.py, each signature lists the shared option aliases its command takes: typer reads
# options from the signature only, so the signatures look alike by design.
def history_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="VERSION",
            help="Two or more versions of one resolution (.txt, .docx or .pdf), in any order.",
            readable=False,
        ),
    ],
    keep_order: Annotated[
        bool,
        typer.Option(
            "--keep-order",
            help="Take the versions in the order given (oldest first) instead of by their date.",
            rich_help_panel=INPUT,
        ),
    ] = False,
    view: ViewOption = View.ACCEPTED,
    resolution: ResolutionOption = None,
    format: ReportFormatOption = None,
    output: OutputOption = None,
    show_all: ShowAllOption = False,
    force: ForceOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """Follow each clause of a resolution across versions: when it first appears, each later
    change with its nature, and when it is suppressed. A clause keeps its lineage when it is
    relettered or moved.

    Versions are put in order by the date in their number line, not by argument order
    (--keep-order overrides). The HTML shows the lineage as a table with one column per
    version. Exit status: 0 no differences, 1 differences (0 with --exit-zero), 2 trouble.

    Example: revdiff history res84-2016.txt res84-2022.docx res84-2024.pdf -f html -o res84.html
    """
    if len(files) < 2:
        fail("a history needs at least two versions. To fix: give two or more files.")
    target = resolve_target(output, format, "history", REPORT_FORMATS)

    def run() -> int:
        from revdiff.compare import trace_history
        from revdiff.output import check_output_path
        from revdiff.render.history import render_history
        from revdiff.warnings import history_warnings

        if target.path is not None:  # refuse a bad -o before the work, not after
            check_output_path(target.path, inputs=files, force=force)
        with page_progress() as progress:
            traced = trace_history(
                files,
                compare_options(max_size, view, resolution),
                keep_order=keep_order,
                progress=progress,
            )
        warned = warn(history_warnings(traced.comparisons, traced.warnings))
        report = render_history(traced, target.format.value, show_all=show_all)
        what = history_summary(traced)
        deliver(target, report.encode("utf-8"), inputs=files, force=force, quiet=quiet, what=what)
        return strict_status(
            exit_status(traced.has_differences, exit_zero=exit_zero), warned, strict
        )

    raise typer.Exit(guarded(debug, run))


_STATUS_WORDS = {"error": "failed"}


def batch_command(
    old_dir: Annotated[
        Path,
        typer.Argument(
            metavar="OLD_DIR",
            help="Folder of the earlier versions, or a PDF that holds many (Proceedings, Final "
            "Acts).",
            show_default=False,
        ),
    ],
    new_dir: Annotated[
        Path,
        typer.Argument(
            metavar="NEW_DIR",
            help="Folder of the later versions, or a PDF that holds many.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the reports, index.html and index.json.",
            show_default=False,
            rich_help_panel=OUTPUT,
        ),
    ],
    view: BothViewsOption = None,
    old_view: OldViewOption = None,
    new_view: NewViewOption = None,
    format: Annotated[
        OutputFormat,
        format_option(
            BATCH_FORMATS,
            "Format of each pair's report (docx: a Word redline per pair).",
            show_default=True,
        ),
    ] = OutputFormat.HTML,
    force: FolderForceOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes (default: one per CPU).",
            show_default=False,
            rich_help_panel=LIMITS,
        ),
    ] = None,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare a whole set: every resolution in OLD_DIR against the same one in NEW_DIR.

    Documents are paired by identity (issuing body and number, read from each document, not
    from file names). Either side may be a PDF that holds many resolutions (Proceedings, Final
    Acts), read a page at a time: each of its resolutions is one input, named FILE.pdf#NUMBER in
    the reports. One report per pair goes to the output folder, with index.html and
    index.json. A resolution only in NEW_DIR is added (ADD), one only in OLD_DIR suppressed
    (SUP). A file that is not a resolution (a README, notes) is skipped with a warning; a file
    that cannot be read is listed as an error and the batch goes on. A progress bar shows on a
    terminal when the run takes more than a second. Exit status: 2 if any file failed, else 1 if
    anything differs (0 with --exit-zero), 0 if nothing does.

    Example: revdiff batch wtsa-2016/ wtsa-2022/ -o wtsa-changes/ --jobs 4

    Example: revdiff batch wtsa-2016-proceedings.pdf wtsa-2022/ -o wtsa-changes/
    """
    old_side, new_side = both_views(view, old_view, new_view)

    def run() -> int:
        from revdiff.batch import run_batch
        from revdiff.model import BatchStatus

        with progress_bar() as progress:
            result = run_batch(
                old_dir,
                new_dir,
                output,
                jobs=jobs,
                report_format=format,
                options=compare_options(max_size, old_side, new_view=new_side),
                force=force,
                progress=progress,
            )
        skipped = [e.error or "" for e in result.entries if e.status is BatchStatus.SKIPPED]
        warned = warn([*skipped, *(w for entry in result.entries for w in entry.warnings)])
        counts = ", ".join(
            f"{result.count(status)} {_STATUS_WORDS.get(status, status)}"
            for status in BatchStatus
            if result.count(status)
        )
        failed = (e.error for e in result.entries if e.status is BatchStatus.ERROR)
        say_folder_written(output, counts, failed=failed, quiet=quiet)
        status = result.exit_status
        if status == EXIT_DIFFERENT and exit_zero:
            status = EXIT_SAME
        return strict_status(status, warned, strict)

    raise typer.Exit(guarded(debug, run))


# Conference preparation (cli_compile.py): several proposals against one base, and an assembly.
