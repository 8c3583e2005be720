"""The command line: a thin layer over the library. The only module that prints.

Exit codes follow diff(1): 0 no differences, 1 differences, 2 trouble. Every failure is one line
on stderr naming the file, the problem and the fix; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from revdiff.cli_common import (
    DEFAULT_MAX_SIZE_TEXT,
    EXIT_SAME,
    OUTPUT,
    REPORT_FORMATS,
    AuthorOption,
    BothViewsOption,
    CommentsOption,
    DateOption,
    DebugOption,
    ExitZeroOption,
    ForceOption,
    LangOption,
    MarkersOption,
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
    comparison_summary,
    deliver,
    exit_status,
    format_option,
    page_progress,
    parse_size,
    resolve_target,
    say_written,
    shows_warnings,
    strict_status,
    warn,
)
from revdiff.cli_common import echo as _echo
from revdiff.cli_common import fail as _fail
from revdiff.cli_common import guarded as _guarded
from revdiff.cli_compile import compile_batch_command, compile_command, propose_command
from revdiff.cli_sets import batch_command, history_command
from revdiff.model import OutputFormat, SourceFormat, View

if TYPE_CHECKING:
    from revdiff.model import Comparison
    from revdiff.write import RedlineSettings

app = typer.Typer(
    name="revdiff",
    help=(
        "Show exactly what changed between versions of an ITU resolution, clause by clause: "
        "reports for people and Word redlines with real tracked changes.\n\n"
        "Example: revdiff compare old.docx new.docx -o changes.html"
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Rich help, for its option panels (Input, Output, Limits, Redline); the help texts hold no
    # markup of their own.
    rich_markup_mode="rich",
)


def _version_callback(value: bool) -> None:
    if value:
        from revdiff import __version__

        typer.echo(f"revdiff {__version__}")
        raise typer.Exit(EXIT_SAME)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_version_callback),
    ] = False,
) -> None:
    """Show exactly what changed between versions of an ITU resolution, clause by clause."""


# Each command's signature lists the shared option aliases it takes (declared once, in
# cli_common): typer reads a command's options from its own signature only, so the signatures
# look alike by design.
@app.command()
def show(
    file: Annotated[
        Path,
        # readable=False: the loader checks and reports an unreadable file in one line.
        typer.Argument(
            help="A resolution: .txt (incl. Tika output), .docx or .pdf.",
            readable=False,
            show_default=False,
        ),
    ],
    view: ViewOption = View.ACCEPTED,
    resolution: ResolutionOption = None,
    lang: LangOption = None,
    format: Annotated[
        OutputFormat | None,
        format_option(
            (OutputFormat.TEXT, OutputFormat.JSON),
            "Outline as text or JSON (default: the -o file's extension, else text).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the outline to this file (.txt or .json); - writes to stdout.",
            show_default=False,
            rich_help_panel=OUTPUT,
        ),
    ] = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """Print the outline of one resolution: metadata, sections, clauses, footnotes, warnings.

    A PDF that holds several resolutions (Proceedings, Final Acts) gets the list of them;
    --resolution picks one.

    Example: revdiff show seeds/res84-geneva-2022.tika.txt
    """
    target = resolve_target(output, format, "show", (OutputFormat.TEXT, OutputFormat.JSON))

    def run() -> int:
        from revdiff.load import load_document
        from revdiff.output import check_output_path, write_chunks_atomically
        from revdiff.render.outline import iter_outline_json, iter_outline_text
        from revdiff.warnings import document_warnings

        if target.path is not None:  # refuse a bad -o before the work, not after
            check_output_path(target.path, inputs=(file,), force=force)
        as_json = target.format is OutputFormat.JSON
        if resolution is None and _list_volume(file, parse_size(max_size), as_json=as_json):
            return EXIT_SAME  # a PDF of many resolutions: listed, to pick one with --resolution
        document = load_document(
            file, view=view, max_size=parse_size(max_size), resolution=resolution, lang=lang
        )
        # The outline goes out in pieces as it is made: a huge input's outline (the JSON of a
        # 200 MB text is 600 MB) is never held whole in memory.
        render = iter_outline_json if target.format is OutputFormat.JSON else iter_outline_text
        warned = warn(document_warnings(document))
        if target.path is not None:
            write_chunks_atomically(target.path, render(document), inputs=(file,), force=force)
            count = len(document.clauses)
            say_written([target.path], f"{count} clause{'s' if count != 1 else ''}", quiet=quiet)
            return strict_status(EXIT_SAME, warned, strict)
        for piece in render(document):  # each piece ends with a line end
            if not _echo(piece):  # `revdiff show big.txt | head`: make no more of the outline
                break
        return strict_status(EXIT_SAME, warned, strict)

    status = _guarded(debug, run)
    if status != EXIT_SAME:  # --strict and a warning; otherwise return as any command would
        raise typer.Exit(status)


def _list_volume(file: Path, max_size: int, *, as_json: bool = False) -> bool:
    """List the resolutions of a PDF that holds more than one (on stdout, as text or JSON, with
    a progress bar on a terminal); False for any other input, which `show` then outlines. A
    number line printed twice (a cover page) is still one resolution."""
    from revdiff.load.sniff import PDF_MAGIC

    try:
        with file.open("rb") as handle:
            if not handle.read(len(PDF_MAGIC)).startswith(PDF_MAGIC):
                return False
        from revdiff.load.pdf import list_resolutions  # fails without PDF support
    except (OSError, ImportError):
        return False  # the loader says what is wrong (unreadable, or no PDF support)
    with page_progress() as progress:
        found = list_resolutions(file, max_size=max_size, progress=progress)
    if len({entry.number for entry in found}) < 2:
        return False
    if as_json:
        import json

        listed = [
            {"number": e.number, "heading": e.heading, "title": e.title, "page": e.page}
            for e in found
        ]
        typer.echo(json.dumps({"source": str(file), "resolutions": listed}, ensure_ascii=False))
        return True
    typer.echo(f"{file}: {len(found)} resolutions")
    for entry in found:
        typer.echo(f"  {entry.number:>5}  page {entry.page:>4}  {entry.heading}  {entry.title}")
    typer.echo(f"Pick one: revdiff show {file} --resolution {found[0].number}")
    return True


@app.command()
def compare(
    old: Annotated[
        Path | None,
        typer.Argument(
            help=(
                "The earlier version (default: bundled Res 84, 2016). Given alone, a Word file "
                "with tracked changes: its original view is compared with its accepted view."
            ),
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        Path | None,
        typer.Argument(
            help="The later version (default: bundled Res 84, 2022).", show_default=False
        ),
    ] = None,
    view: BothViewsOption = None,
    old_view: OldViewOption = None,
    new_view: NewViewOption = None,
    resolution: ResolutionOption = None,
    lang: LangOption = None,
    format: Annotated[
        OutputFormat | None,
        format_option(
            (*REPORT_FORMATS, OutputFormat.DOCX),
            "Report format (default: the -o file's extension, else text); docx writes the "
            "Word redline.",
        ),
    ] = None,
    output: OutputOption = None,
    show_all: ShowAllOption = False,
    force: ForceOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    author: AuthorOption = "revdiff",
    date: DateOption = None,
    comments: CommentsOption = True,
    markers: MarkersOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare two versions of a resolution clause by clause.

    The report goes to stdout, or to the -o file in the format its extension names (.txt .md
    .html .json; .docx writes the Word redline). With no paths, compares the bundled WTSA
    Resolution 84 (Hammamet 2016, a labelled reconstruction) with Geneva 2022, prints the report
    and writes HTML, JSON and Word reports into ./revdiff-out/ (--force to replace them). Exit
    status: 0 no differences, 1 differences (0 with --exit-zero), 2 trouble.

    Example: revdiff compare old.docx new.docx -o changes.html
    """
    if old is None and new is not None:
        _fail("give OLD and NEW, OLD alone (a Word file with tracked changes), or neither.")
    target = resolve_target(output, format, "compare", (*REPORT_FORMATS, OutputFormat.DOCX))
    if old is not None and new is None:  # one Word file: what did its tracked changes do?
        sides = (old_view or view or View.ORIGINAL, new_view or view or View.ACCEPTED)
        if sides[0] is sides[1]:
            _fail(
                f"{old}: with one file, both sides would read its {sides[0]} view and show "
                "nothing. To fix: give --old-view original --new-view accepted, or a second file."
            )
    else:
        sides = both_views(view, old_view, new_view)

    def run() -> int:
        from revdiff.output import check_output_path
        from revdiff.warnings import report_warnings
        from revdiff.write import report_bytes

        options = compare_options(max_size, sides[0], resolution, new_view=sides[1], lang=lang)
        redline = _redline_settings(author, date, comments, markers)
        if old is None:
            from revdiff.seeds import check_demo_targets, compare_seeds, seed_paths

            inputs: tuple[Path, ...] = seed_paths()
            check_demo_targets(force=force)  # before the work, not after
        else:
            inputs = (old,) if new is None else (old, new)
        if target.path is not None:  # refuse a bad -o before the work, not after
            check_output_path(target.path, inputs=inputs, force=force)
        if old is None:
            comparison = compare_seeds(options)
        else:
            from revdiff.compare import compare_files

            with page_progress() as progress:
                comparison = compare_files(old, new or old, options, progress=progress)
            if new is None:
                _check_tracked_changes(old, comparison)
        # On stdout the text report decides its colour from NO_COLOR / FORCE_COLOR / whether
        # stdout is a terminal, and its width from COLUMNS; a file never carries colour codes.
        data = report_bytes(
            comparison,
            target.format,
            show_all=show_all,
            color=None if target.path is None else False,
            redline=redline,
        )
        # Warnings once the output is made (a failure to make it is the one line said), and
        # only once: not again on stderr under a report on the terminal that shows them.
        warned = warn(report_warnings(comparison), shown=shows_warnings(target))
        summary = comparison_summary(comparison)
        deliver(target, data, inputs=inputs, force=force, quiet=quiet, what=summary)
        if old is None:
            from revdiff.seeds import write_demo_reports

            written = write_demo_reports(comparison, redline=redline, force=force)
            say_written(written, summary, quiet=quiet)
        return strict_status(
            exit_status(comparison.has_differences, exit_zero=exit_zero), warned, strict
        )

    raise typer.Exit(_guarded(debug, run))


def _check_tracked_changes(path: Path, comparison: Comparison) -> None:
    """Refuse one file whose two views cannot differ (not Word) or do not (no tracked change)."""
    if comparison.old.format is not SourceFormat.DOCX:
        _fail(
            f"{path}: only a Word file carries tracked changes, so this one file has nothing to "
            "be compared with. To fix: give two files, OLD and NEW."
        )
    if not comparison.has_differences:
        _fail(
            f"{path}: this Word file carries no tracked changes (its {comparison.old.view} and "
            f"{comparison.new.view} views read the same). To fix: give the other version as NEW."
        )


def _redline_settings(
    author: str, date: str | None, comments: bool, markers: bool
) -> RedlineSettings:
    from revdiff.redline import parse_revision_date
    from revdiff.write import RedlineSettings

    return RedlineSettings(author, parse_revision_date(date), comments, markers)


@app.command()
def redline(
    old: Annotated[Path, typer.Argument(help="The earlier version.", show_default=False)],
    new: Annotated[
        Path,
        typer.Argument(help="The later version; the redline is built on it.", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The .docx file to write (- writes it to stdout).",
            show_default=False,
            rich_help_panel=OUTPUT,
        ),
    ],
    view: BothViewsOption = None,
    old_view: OldViewOption = None,
    new_view: NewViewOption = None,
    resolution: ResolutionOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    author: AuthorOption = "revdiff",
    date: DateOption = None,
    comments: CommentsOption = True,
    markers: MarkersOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """Write NEW as a Word file with every difference from OLD as tracked changes.

    Short for: revdiff compare OLD NEW -o FILE.docx. Exit status: 0 no differences,
    1 differences (0 with --exit-zero), 2 trouble.

    Example: revdiff redline res84-2016.docx res84-2022.docx -o res84-redline.docx
    """
    named = OutputFormat.from_extension(output.suffix)
    if named not in (None, OutputFormat.DOCX):
        _fail(
            f"redline writes a Word file, but -o {output} names {named.value}. To fix: give -o "
            f"a .docx name, or run revdiff compare OLD NEW -o {output} for that report."
        )
    target = resolve_target(output, OutputFormat.DOCX, "redline", (OutputFormat.DOCX,))
    old_side, new_side = both_views(view, old_view, new_view)

    def run() -> int:
        from revdiff.compare import compare_files
        from revdiff.output import check_output_path
        from revdiff.warnings import report_warnings
        from revdiff.write import report_bytes

        options = compare_options(max_size, old_side, resolution, new_view=new_side)
        redline = _redline_settings(author, date, comments, markers)
        if target.path is not None:  # before the work, not after
            check_output_path(target.path, inputs=(old, new), force=force)
        with page_progress() as progress:
            comparison = compare_files(old, new, options, progress=progress)
        data = report_bytes(comparison, OutputFormat.DOCX, redline=redline)
        warned = warn(report_warnings(comparison))
        summary = comparison_summary(comparison)
        deliver(target, data, inputs=(old, new), force=force, quiet=quiet, what=summary)
        return strict_status(
            exit_status(comparison.has_differences, exit_zero=exit_zero), warned, strict
        )

    raise typer.Exit(_guarded(debug, run))


@app.command()
def parity(
    first: Annotated[Path, typer.Argument(help="One language version (e.g. the English text).")],
    second: Annotated[Path, typer.Argument(help="Another language version of the same text.")],
    view: ViewOption = View.ACCEPTED,
    format: ReportFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    debug: DebugOption = False,
) -> None:
    """Check that two language versions of one resolution have the same structure: the same
    sections in the same order, the same labels, the same number of items and footnotes, and
    citations to the same numbers. Each difference is listed ("resolves 3 exists in English but
    not in French"). Each file's language is told from its text.

    Exit status: 0 same structure, 1 differences (0 with --exit-zero), 2 trouble.

    Example: revdiff parity res84-E.docx res84-F.docx --format html -o parity.html
    """
    target = resolve_target(output, format, "parity", REPORT_FORMATS)

    def run() -> int:
        from revdiff.compare import load_input
        from revdiff.output import check_output_path
        from revdiff.parity import check_parity
        from revdiff.render.parity import render_parity

        options = compare_options(max_size, view)
        if target.path is not None:  # refuse a bad -o before the work, not after
            check_output_path(target.path, inputs=(first, second), force=force)
        checked = check_parity(load_input(first, options, view), load_input(second, options, view))
        report = render_parity(checked, target.format.value)
        what = "the same structure" if checked.same_structure else "the structures differ"
        inputs = (first, second)
        deliver(target, report.encode("utf-8"), inputs=inputs, force=force, quiet=quiet, what=what)
        return exit_status(not checked.same_structure, exit_zero=exit_zero)

    raise typer.Exit(_guarded(debug, run))


app.command("history")(history_command)
app.command("batch")(batch_command)
app.command("propose")(propose_command)
app.command("compile")(compile_command)
app.command("compile-batch")(compile_batch_command)


def main() -> None:
    """Entry point of the `revdiff` console script."""
    if os.environ.get("NO_COLOR") is not None:
        os.environ.setdefault("TERM", "dumb")
    from revdiff.cli_lazy import defer_heavy_help_imports

    defer_heavy_help_imports()
    try:
        app()
    finally:
        # The process ends here. Shutdown would run the cyclic collector over every object still
        # alive (0.04 s of CPU after a 10,000-clause comparison); frozen, they are only freed.
        gc.freeze()
