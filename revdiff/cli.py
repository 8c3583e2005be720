"""The command line: a thin layer over the library. The only module that prints.

Exit codes follow diff(1): 0 no differences, 1 differences, 2 trouble. Every failure is one line
on stderr naming the file, the problem and the fix; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from revdiff.errors import RevdiffError
from revdiff.model import CompareOptions, OutputFormat, View

if TYPE_CHECKING:
    from revdiff.write import RedlineSettings

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2

app = typer.Typer(
    name="revdiff",
    help=(
        "Show exactly what changed between versions of an ITU resolution, clause by clause: "
        "reports for people and Word redlines with real tracked changes."
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


REPORT_FORMATS = (OutputFormat.TEXT, OutputFormat.MD, OutputFormat.HTML, OutputFormat.JSON)


DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show the full traceback when something goes wrong.")
]
ViewOption = Annotated[
    View,
    typer.Option(
        "--view",
        help="For Word files that carry tracked changes: read them accepted or original.",
        case_sensitive=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
DEFAULT_MAX_SIZE_TEXT = "200M"
MaxSizeOption = Annotated[
    str,
    typer.Option(
        "--max-size",
        metavar="SIZE",
        help=(
            "Refuse an input, or a part inside a Word file, larger than this (a PDF's page "
            "content: a twentieth of it): bytes, or a number with K, M or G (powers of 1024)."
        ),
    ),
]
ResolutionOption = Annotated[
    str | None,
    typer.Option(
        "--resolution",
        metavar="NUMBER",
        help="Pick one resolution of a PDF that holds many (Proceedings, Final Acts), e.g. 84.",
    ),
]
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def _compare_options(max_size: str, view: View, resolution: str | None = None) -> CompareOptions:
    """The one options value a command's limits and views make."""
    return CompareOptions(
        max_size=parse_size(max_size), old_view=view, new_view=view, resolution=resolution
    )


def _check_format(fmt: OutputFormat, command: str, allowed: tuple[OutputFormat, ...]) -> None:
    """Refuse a format `command` does not write (every command shares one format vocabulary)."""
    if fmt not in allowed:
        names = ", ".join(f.value for f in allowed)
        _fail(f"{command} writes {names}, not {fmt.value}. To fix: choose one of them with -f.")


def parse_size(text: str) -> int:
    """Bytes from ``--max-size``: ``1000``, ``500K``, ``200M``, ``1.5G`` (powers of 1024)."""
    match = _SIZE.fullmatch(text)
    size = int(float(match.group(1)) * _SIZE_UNITS[match.group(2).lower()]) if match else 0
    if size < 1:
        raise RevdiffError(
            None,
            f"--max-size {text!r} is not a size",
            "give a number of bytes, or a number with K, M or G, e.g. --max-size 500M",
        )
    return size


T = TypeVar("T")


def _fail(message: str) -> NoReturn:
    typer.echo(f"revdiff: {message}", err=True)
    raise typer.Exit(EXIT_TROUBLE)


def _guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run `action`, turning every failure into one line on stderr and exit status 2."""
    try:
        with _cyclic_gc_relaxed():
            return action()
    except typer.Exit:
        raise
    except RevdiffError as error:
        _show_traceback(debug)
        _fail(error.message)
    except KeyboardInterrupt:
        _fail("interrupted")
    except MemoryError:
        _show_traceback(debug)
        _fail("out of memory while reading the inputs. To fix: compare smaller files.")
    except Exception as error:  # an internal bug: say so in one line, never a traceback
        _show_traceback(debug)
        _fail(
            f"internal error ({type(error).__name__}: {error}). "
            "To fix: rerun with --debug and report the traceback."
        )


@contextlib.contextmanager
def _cyclic_gc_relaxed() -> Iterator[None]:
    # Loading and comparing build millions of small objects and almost no reference cycles; at
    # the default thresholds the cyclic collector walks them over and over, a third of the time
    # of a 100 MB input. Collect far less often (never off: a long batch still frees cycles).
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _show_traceback(debug: bool) -> None:
    # With --debug the traceback goes to stderr before the usual one-line message, and the exit
    # status stays 2: scripts that check for trouble see the same status either way.
    if debug:
        typer.echo(traceback.format_exc().rstrip("\n"), err=True)


def _echo(text: str) -> bool:
    """Write `text` and a line end to stdout; False once the reader has gone away."""
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        # The reader went away (`revdiff compare … | head`): not an error worth a traceback,
        # and the exit status still tells whether there were differences. Point stdout at
        # /dev/null so that Python's final flush does not fail again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return False


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


@app.command()
def show(
    file: Annotated[
        Path,
        # readable=False: the loader checks and reports an unreadable file in one line.
        typer.Argument(help="A resolution: .txt (incl. Tika output) or .docx.", readable=False),
    ],
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="<text|json>",
            help="Outline as text or JSON.",
            case_sensitive=False,
        ),
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the outline to this file instead of stdout."),
    ] = None,
    force: ForceOption = False,
    view: ViewOption = View.ACCEPTED,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    resolution: ResolutionOption = None,
    debug: DebugOption = False,
) -> None:
    """Print the outline of one resolution: metadata, sections, clauses, footnotes, warnings.

    A PDF that holds several resolutions (Proceedings, Final Acts) gets the list of them;
    --resolution picks one.

    Example: revdiff show seeds/res84-geneva-2022.tika.txt
    """
    _check_format(format, "show", (OutputFormat.TEXT, OutputFormat.JSON))

    def run() -> None:
        from revdiff.load import load_document
        from revdiff.output import check_output_path, write_chunks_atomically
        from revdiff.render.outline import iter_outline_json, iter_outline_text

        if output is not None:  # refuse a bad -o before the work, not after
            check_output_path(output, inputs=(file,), force=force)
        if resolution is None and _list_volume(file, parse_size(max_size)):
            return  # a PDF of many resolutions: they are listed, to pick one with --resolution
        document = load_document(
            file, view=view, max_size=parse_size(max_size), resolution=resolution
        )
        # The outline goes out in pieces as it is made: a huge input's outline (the JSON of a
        # 200 MB text is 600 MB) is never held whole in memory.
        render = iter_outline_json if format is OutputFormat.JSON else iter_outline_text
        if output is not None:
            write_chunks_atomically(output, render(document), inputs=(file,), force=force)
            return
        for piece in render(document):  # each piece ends with a line end
            if not _echo(piece):  # `revdiff show big.txt | head`: make no more of the outline
                break

    _guarded(debug, run)


def _list_volume(file: Path, max_size: int) -> bool:
    """List the resolutions of a PDF that holds more than one (on stdout, with a progress bar
    on a terminal); False for any other input, which `show` then outlines."""
    from revdiff.load.sniff import PDF_MAGIC

    try:
        with file.open("rb") as handle:
            if not handle.read(len(PDF_MAGIC)).startswith(PDF_MAGIC):
                return False
        from revdiff.load.volume import list_resolutions
    except (OSError, ImportError):
        return False  # the loader says what is wrong (unreadable, or no PDF support)
    with _page_progress() as progress:
        found = list_resolutions(file, max_size=max_size, progress=progress)
    if len(found) < 2:
        return False
    typer.echo(f"{file}: {len(found)} resolutions")
    for entry in found:
        typer.echo(f"  {entry.number:>5}  page {entry.page:>4}  {entry.heading}  {entry.title}")
    typer.echo(f"Pick one: revdiff show {file} --resolution {found[0].number}")
    return True


@contextlib.contextmanager
def _page_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar over the pages of a PDF on a terminal (stderr); nothing elsewhere."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading pages", total=None)

        def advance(page: int, pages: int) -> None:
            bar.update(task, completed=page, total=pages)

        yield advance


@app.command()
def compare(
    old: Annotated[
        Path | None, typer.Argument(help="The earlier version (default: bundled Res 84, 2016).")
    ] = None,
    new: Annotated[
        Path | None, typer.Argument(help="The later version (default: bundled Res 84, 2022).")
    ] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.", case_sensitive=False)
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
    ] = None,
    view: ViewOption = View.ACCEPTED,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show unchanged clauses too (text and Markdown).")
    ] = False,
    author: Annotated[
        str, typer.Option("--author", help="Author of the tracked changes (docx).")
    ] = "revdiff",
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date of the tracked changes, ISO 8601 (docx; default now or SOURCE_DATE_EPOCH).",
        ),
    ] = None,
    comments: Annotated[
        bool, typer.Option("--comments/--no-comments", help="Explain each change in a comment.")
    ] = True,
    markers: Annotated[
        bool, typer.Option("--markers", help="Put ITU ADD/MOD/SUP marks beside provisions (docx).")
    ] = False,
    force: ForceOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    resolution: ResolutionOption = None,
    debug: DebugOption = False,
) -> None:
    """Compare two versions of a resolution clause by clause.

    With no paths, compares the bundled WTSA Resolution 84 (Hammamet 2016, a labelled
    reconstruction) with Geneva 2022, prints the report and writes HTML, JSON and Word reports
    into ./revdiff-out/. Exit status: 0 no differences, 1 differences, 2 trouble.

    Example: revdiff compare old.docx new.docx --format html -o changes.html
    """
    if (old is None) != (new is None):
        _fail("give both OLD and NEW, or neither to compare the bundled Res 84 versions.")

    def run() -> int:
        from revdiff.output import check_output_path
        from revdiff.write import write_report

        options = _compare_options(max_size, view, resolution)
        redline = _redline_settings(author, date, comments, markers)
        if old is None or new is None:
            from revdiff.seeds import seed_paths

            inputs = seed_paths()
        else:
            inputs = (old, new)
        if output is not None:  # refuse a bad -o before the work, not after
            check_output_path(output, inputs=inputs, force=force)
        if old is None or new is None:
            from revdiff.seeds import compare_seeds

            comparison = compare_seeds(options)
        else:
            from revdiff.compare import compare_files

            comparison = compare_files(old, new, options)
        status = EXIT_DIFFERENT if comparison.has_differences else EXIT_SAME
        if format is OutputFormat.DOCX and output is None:
            _fail("a Word redline needs a file name. To fix: add -o redline.docx.")
        if output is not None:
            write_report(
                comparison,
                format,
                output,
                inputs=inputs,
                force=force,
                show_all=show_all,
                redline=redline,
            )
        else:
            # On stdout the text report decides from NO_COLOR / FORCE_COLOR / whether stdout is a
            # terminal, and COLUMNS.
            from revdiff.render import render_comparison

            _echo(render_comparison(comparison, format, show_all=show_all))
        if old is None or new is None:
            from revdiff.seeds import RECONSTRUCTION_NOTE, write_demo_reports

            written = write_demo_reports(comparison, redline=redline, force=True)
            typer.echo(f"Note: {RECONSTRUCTION_NOTE}.", err=True)
            typer.echo("Reports written: " + ", ".join(str(p) for p in written), err=True)
        return status

    raise typer.Exit(_guarded(debug, run))


def _redline_settings(
    author: str, date: str | None, comments: bool, markers: bool
) -> RedlineSettings:
    from revdiff.redline import parse_revision_date
    from revdiff.write import RedlineSettings

    return RedlineSettings(author, parse_revision_date(date), comments, markers)


@app.command()
def redline(
    old: Annotated[Path, typer.Argument(help="The earlier version.")],
    new: Annotated[Path, typer.Argument(help="The later version; the redline is built on it.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The .docx file to write.")],
    view: ViewOption = View.ACCEPTED,
    author: Annotated[str, typer.Option("--author", help="Author of the tracked changes.")] = (
        "revdiff"
    ),
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="ISO 8601 date of the changes (default now/SOURCE_DATE_EPOCH)."
        ),
    ] = None,
    comments: Annotated[
        bool, typer.Option("--comments/--no-comments", help="Explain each change in a comment.")
    ] = True,
    markers: Annotated[
        bool, typer.Option("--markers", help="Put ITU ADD/MOD/SUP marks beside provisions.")
    ] = False,
    force: ForceOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    resolution: ResolutionOption = None,
    debug: DebugOption = False,
) -> None:
    """Write NEW as a Word file with every difference from OLD as tracked changes.

    Short for: revdiff compare OLD NEW --format docx -o FILE.

    Example: revdiff redline res84-2016.docx res84-2022.docx -o res84-redline.docx
    """

    def run() -> int:
        from revdiff.compare import compare_files
        from revdiff.output import check_output_path
        from revdiff.write import write_report

        options = _compare_options(max_size, view, resolution)
        redline = _redline_settings(author, date, comments, markers)
        check_output_path(output, inputs=(old, new), force=force)  # before the work
        comparison = compare_files(old, new, options)
        write_report(
            comparison, OutputFormat.DOCX, output, inputs=(old, new), force=force, redline=redline
        )
        return EXIT_DIFFERENT if comparison.has_differences else EXIT_SAME

    raise typer.Exit(_guarded(debug, run))


@app.command()
def history(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="VERSION",
            help="Two or more versions of one resolution (.txt, .docx or .pdf), in any order.",
            readable=False,
        ),
    ],
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="<text|md|html|json>",
            help="Report format.",
            case_sensitive=False,
        ),
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
    ] = None,
    keep_order: Annotated[
        bool,
        typer.Option(
            "--keep-order",
            help="Take the versions in the order given (oldest first) instead of by their date.",
        ),
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="List clauses that never changed too (text and Markdown)."),
    ] = False,
    view: ViewOption = View.ACCEPTED,
    force: ForceOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    resolution: ResolutionOption = None,
    debug: DebugOption = False,
) -> None:
    """Follow each clause of a resolution across versions: when it first appears, each later
    change with its nature, and when it is suppressed. A clause keeps its lineage when it is
    relettered or moved.

    Versions are put in order by the date in their number line, not by argument order
    (--keep-order overrides). The HTML shows the lineage as a table with one column per
    version. Exit status: 0 no differences, 1 differences, 2 trouble.

    Example: revdiff history res84-2016.txt res84-2022.docx res84-2024.pdf -f html -o res84.html
    """
    if len(files) < 2:
        _fail("a history needs at least two versions. To fix: give two or more files.")
    _check_format(format, "history", REPORT_FORMATS)

    def run() -> int:
        from revdiff.compare import trace_history
        from revdiff.output import write_atomically
        from revdiff.render.history import render_history

        traced = trace_history(
            files, _compare_options(max_size, view, resolution), keep_order=keep_order
        )
        report = render_history(traced, format.value, show_all=show_all)
        if output is not None:
            write_atomically(output, report.encode("utf-8"), inputs=files, force=force)
        else:
            _echo(report)
        return EXIT_DIFFERENT if traced.has_differences else EXIT_SAME

    raise typer.Exit(_guarded(debug, run))


@app.command()
def parity(
    first: Annotated[Path, typer.Argument(help="One language version (e.g. the English text).")],
    second: Annotated[Path, typer.Argument(help="Another language version of the same text.")],
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="<text|md|html|json>",
            help="Report format.",
            case_sensitive=False,
        ),
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
    ] = None,
    view: ViewOption = View.ACCEPTED,
    force: ForceOption = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    debug: DebugOption = False,
) -> None:
    """Check that two language versions of one resolution have the same structure: the same
    sections in the same order, the same labels, the same number of items and footnotes, and
    citations to the same numbers. Each difference is listed ("resolves 3 exists in English but
    not in French"). Each file's language is told from its text.

    Exit status: 0 same structure, 1 differences, 2 trouble.

    Example: revdiff parity res84-E.docx res84-F.docx --format html -o parity.html
    """
    _check_format(format, "parity", REPORT_FORMATS)

    def run() -> int:
        from revdiff.compare import load_input
        from revdiff.output import write_atomically
        from revdiff.parity import check_parity
        from revdiff.render.parity import render_parity

        options = _compare_options(max_size, view)
        if output is not None:  # refuse a bad -o before the work, not after
            from revdiff.output import check_output_path

            check_output_path(output, inputs=(first, second), force=force)
        checked = check_parity(load_input(first, options, view), load_input(second, options, view))
        report = render_parity(checked, format.value)
        if output is not None:
            write_atomically(output, report.encode("utf-8"), inputs=(first, second), force=force)
        else:
            _echo(report)
        return EXIT_SAME if checked.same_structure else EXIT_DIFFERENT

    raise typer.Exit(_guarded(debug, run))


_STATUS_WORDS = {"error": "failed"}


@app.command()
def batch(
    old_dir: Annotated[
        Path,
        typer.Argument(metavar="OLD_DIR", help="Folder of the earlier versions.", file_okay=False),
    ],
    new_dir: Annotated[
        Path,
        typer.Argument(metavar="NEW_DIR", help="Folder of the later versions.", file_okay=False),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Folder for the reports, index.html and index.json."),
    ],
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per CPU)."),
    ] = None,
    format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Format of each pair's report.", case_sensitive=False),
    ] = OutputFormat.HTML,
    view: ViewOption = View.ACCEPTED,
    force: Annotated[
        bool, typer.Option("--force", help="Write into an output folder that is not empty.")
    ] = False,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE_TEXT,
    debug: DebugOption = False,
) -> None:
    """Compare a whole set: every resolution in OLD_DIR against the same one in NEW_DIR.

    Documents are paired by identity (issuing body and number, read from each document, not
    from file names). One report per pair goes to the output folder, with index.html and
    index.json. A resolution only in NEW_DIR is added (ADD), one only in OLD_DIR suppressed
    (SUP). A file that cannot be read is listed as an error and the batch goes on. Exit status:
    2 if any file failed, else 1 if anything differs, 0 if nothing does.

    Example: revdiff batch wtsa-2016/ wtsa-2022/ -o wtsa-changes/ --jobs 4
    """

    def run() -> int:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

        from revdiff.batch import run_batch
        from revdiff.model import BatchStatus

        # The progress bar goes to stderr, and only when stderr is a terminal.
        console = Console(stderr=True)
        bar = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        tasks: dict[str, TaskID] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        with bar:
            result = run_batch(
                old_dir,
                new_dir,
                output,
                jobs=jobs,
                report_format=format,
                options=_compare_options(max_size, view),
                force=force,
                progress=progress,
            )
        for entry in result.entries:
            if entry.error is not None:
                typer.echo(f"revdiff: {entry.error}", err=True)
        counts = ", ".join(
            f"{result.count(status)} {_STATUS_WORDS.get(status, status)}"
            for status in BatchStatus
            if result.count(status)
        )
        typer.echo(f"{counts or 'no resolutions found'}; index: {output / 'index.html'}", err=True)
        return result.exit_status

    raise typer.Exit(_guarded(debug, run))


def main() -> None:
    """Entry point of the `revdiff` console script."""
    if os.environ.get("NO_COLOR") is not None:
        os.environ.setdefault("TERM", "dumb")
    app()
