"""What the commands of the CLI share beyond their options' wording: where a report goes (the
format a file name asks for, ``-o -`` for stdout, ``/dev/null``), the one line that says what was
written, and the exit status (``--exit-zero``).

Part of the CLI layer: it prints (to stderr) and exits, as `cli.py` does.

Typer reads a command's options from its function's parameters, so each command lists the ones it
takes; every shared option is one alias here (`ForceOption`, `QuietOption`, …), and the run of
aliases at the end of each command's signature repeats from command to command by design.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from revdiff.errors import RevdiffError
from revdiff.model import CompareOptions, OutputFormat, View

if TYPE_CHECKING:
    from revdiff.history import History
    from revdiff.model import Comparison

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2

# Every option is declared once below, as an Annotated alias. The commands still list the
# aliases they take in their own signatures, so those lists look alike from command to command:
# typer builds each command's options from its function's signature and offers no other way.

# The panels that group each command's options in --help.
INPUT = "Input"
OUTPUT = "Output"
LIMITS = "Limits"
REDLINE = "Redline"
OTHER = "Other"

REPORT_FORMATS = (OutputFormat.TEXT, OutputFormat.MD, OutputFormat.HTML, OutputFormat.JSON)
STDOUT = Path("-")

DebugOption = Annotated[
    bool,
    typer.Option(
        "--debug", help="Show the full traceback when something goes wrong.", rich_help_panel=OTHER
    ),
]
ViewOption = Annotated[
    View,
    typer.Option(
        "--view",
        help="For Word files that carry tracked changes: read them accepted or original.",
        case_sensitive=False,
        rich_help_panel=INPUT,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Replace an existing output file.", rich_help_panel=OUTPUT),
]
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
        rich_help_panel=LIMITS,
    ),
]


def format_option(formats: Sequence[OutputFormat], help: str, *, show_default: bool = False) -> Any:
    """The ``--format``/``-f`` option of a command that writes `formats` (in that order in the
    help); `help` says what the default is."""
    return typer.Option(
        "--format",
        "-f",
        metavar="<" + "|".join(f.value for f in formats) + ">",
        help=help,
        case_sensitive=False,
        show_default=show_default,
        rich_help_panel=OUTPUT,
    )


ReportFormatOption = Annotated[
    OutputFormat | None,
    format_option(REPORT_FORMATS, "Report format (default: the -o file's extension, else text)."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=(
            "Write the report to this file; its extension picks the format (.txt .md .html "
            ".json). - writes to stdout (the default)."
        ),
        rich_help_panel=OUTPUT,
    ),
]
ShowAllOption = Annotated[
    bool,
    typer.Option(
        "--all", help="Show unchanged clauses too (text and Markdown).", rich_help_panel=OUTPUT
    ),
]
FolderForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Write into an output folder that is not empty.", rich_help_panel=OUTPUT
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Do not say on stderr what was written.", rich_help_panel=OUTPUT
    ),
]
ExitZeroOption = Annotated[
    bool,
    typer.Option(
        "--exit-zero",
        help="Exit 0 even when the versions differ (2 still means trouble): for scripts.",
        rich_help_panel=OUTPUT,
    ),
]
BothViewsOption = Annotated[
    View | None,
    typer.Option(
        "--view",
        help=(
            "For Word files that carry tracked changes: read both versions accepted or "
            "original (default: accepted)."
        ),
        case_sensitive=False,
        show_default=False,
        rich_help_panel=INPUT,
    ),
]
OldViewOption = Annotated[
    View | None,
    typer.Option(
        "--old-view",
        help="The view of the old version's tracked changes (default: --view).",
        case_sensitive=False,
        show_default=False,
        rich_help_panel=INPUT,
    ),
]
NewViewOption = Annotated[
    View | None,
    typer.Option(
        "--new-view",
        help="The view of the new version's tracked changes (default: --view).",
        case_sensitive=False,
        show_default=False,
        rich_help_panel=INPUT,
    ),
]

AuthorOption = Annotated[
    str,
    typer.Option("--author", help="Author of the tracked changes.", rich_help_panel=REDLINE),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="ISO 8601 date of the tracked changes (default: now, or SOURCE_DATE_EPOCH).",
        show_default=False,
        rich_help_panel=REDLINE,
    ),
]
CommentsOption = Annotated[
    bool,
    typer.Option(
        "--comments/--no-comments",
        help="Explain each change in a Word comment.",
        rich_help_panel=REDLINE,
    ),
]
MarkersOption = Annotated[
    bool,
    typer.Option(
        "--markers", help="Put ITU ADD/MOD/SUP marks beside provisions.", rich_help_panel=REDLINE
    ),
]

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
T = TypeVar("T")


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


def fail(message: str) -> NoReturn:
    """One line on stderr and exit status 2."""
    typer.echo(f"revdiff: {message}", err=True)
    raise typer.Exit(EXIT_TROUBLE)


def guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run `action`, turning every failure into one line on stderr and exit status 2."""
    try:
        with _cyclic_gc_relaxed():
            return action()
    except typer.Exit:
        raise
    except RevdiffError as error:
        _show_traceback(debug)
        fail(error.message)
    except KeyboardInterrupt:
        fail("interrupted")
    except MemoryError:
        _show_traceback(debug)
        fail("out of memory while reading the inputs. To fix: compare smaller files.")
    except Exception as error:  # an internal bug: say so in one line, never a traceback
        _show_traceback(debug)
        fail(
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


def check_format(fmt: OutputFormat, command: str, allowed: Sequence[OutputFormat]) -> None:
    """Refuse a format `command` does not write (every command shares one format vocabulary)."""
    if fmt not in allowed:
        names = ", ".join(f.value for f in allowed)
        hint = " (a Word redline: revdiff redline)" if fmt is OutputFormat.DOCX else ""
        fail(
            f"{command} writes {names}, not {fmt.value}{hint}. "
            "To fix: choose one of them with -f or by the -o file's extension."
        )


@dataclass(frozen=True)
class Target:
    """Where a command's output goes and in what format; `path` None is stdout."""

    path: Path | None
    format: OutputFormat


def resolve_target(
    output: Path | None,
    given: OutputFormat | None,
    command: str,
    allowed: Sequence[OutputFormat],
    default: OutputFormat = OutputFormat.TEXT,
) -> Target:
    """The format `--format` gives, else the one the ``-o`` file name's extension asks for, else
    `default`. A ``--format`` the extension contradicts is refused: one of them is a mistake."""
    path = None if output is None or output == STDOUT else output
    named = OutputFormat.from_extension(path.suffix) if path is not None else None
    if given is not None and named is not None and given is not named:
        fail(
            f"--format {given.value} contradicts -o {path}, whose extension asks for "
            f"{named.value}. To fix: drop --format, or give -o a .{given.extension} name."
        )
    fmt = given or named or default
    check_format(fmt, command, allowed)
    if path is None and fmt is OutputFormat.DOCX and sys.stdout.isatty():
        fail(
            "a Word redline is binary and would garble the terminal. "
            "To fix: give -o redline.docx, or redirect stdout to a file."
        )
    return Target(path, fmt)


def both_views(
    view: View | None, old_view: View | None, new_view: View | None
) -> tuple[View, View]:
    """The view of each side: its own option, else --view, else accepted."""
    both = view or View.ACCEPTED
    return old_view or both, new_view or both


def deliver(
    target: Target, data: bytes, *, inputs: Sequence[Path], force: bool, quiet: bool, what: str
) -> None:
    """Write `data` where `target` says, and then (unless `quiet`) one line on stderr:
    ``Wrote report.html: 5 of 32 clauses changed``. On stdout, the output says it all."""
    if target.path is None:
        to_stdout(data, binary=target.format is OutputFormat.DOCX)
        return
    from revdiff.output import write_atomically

    write_atomically(target.path, data, inputs=inputs, force=force)
    say_written([target.path], what, quiet=quiet)


def to_stdout(data: bytes, *, binary: bool = False) -> bool:
    """Write `data` to stdout (a text with a line end); False once the reader has gone away."""
    if not binary:
        return echo(data.decode("utf-8"))
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        return _reader_gone()


def echo(text: str) -> bool:
    """Write `text` and a line end to stdout; False once the reader has gone away."""
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> bool:
    # The reader went away (`revdiff compare … | head`): not an error worth a traceback, and the
    # exit status still tells whether there were differences. Point stdout at /dev/null so that
    # Python's final flush does not fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return False


def say_written(paths: Sequence[Path], what: str, *, quiet: bool) -> None:
    """``Wrote a.html, b.json: what`` on stderr, unless `quiet`."""
    if not quiet:
        typer.echo(f"Wrote {', '.join(str(p) for p in paths)}: {what}", err=True)


def say_folder_written(
    folder: Path, counts: str, *, failed: Iterable[object] = (), quiet: bool
) -> None:
    """How a command that writes a folder of reports (batch, compile-batch) ends: one line on
    stderr per input that `failed`, then, unless `quiet`, ``5 changed, 1 failed; index:
    out/index.html``."""
    for error in failed:
        typer.echo(f"revdiff: {error}", err=True)
    if not quiet:
        index = folder / "index.html"
        typer.echo(f"{counts or 'no resolutions found'}; index: {index}", err=True)


def comparison_summary(comparison: Comparison) -> str:
    """``5 of 32 clauses changed`` (with the metadata lines, headings and footnotes when they
    changed)."""
    changed = sum(1 for change in comparison.changes if change.is_change)
    clauses = "clause" if len(comparison.changes) == 1 else "clauses"
    words = f"{changed} of {len(comparison.changes)} {clauses} changed"
    others = [
        (sum(1 for m in comparison.metadata if m.changed), "metadata line"),
        (sum(1 for h in comparison.heading_changes if h.is_change), "heading"),
        (sum(1 for f in comparison.footnote_changes if f.is_change), "footnote"),
    ]
    said = [f"{count} {noun}{'s' if count > 1 else ''}" for count, noun in others if count]
    if said:
        words += ", and " + ", ".join(said)
    return words


def history_summary(history: History) -> str:
    """``12 of 40 clauses changed across 3 versions``."""
    changed = sum(1 for lineage in history.lineages if lineage.has_changes)
    clauses = "clause" if len(history.lineages) == 1 else "clauses"
    return (
        f"{changed} of {len(history.lineages)} {clauses} changed across "
        f"{len(history.documents)} versions"
    )


@contextlib.contextmanager
def progress_bar(delay: float = 1.0) -> Iterator[Callable[[str, int, int], None]]:
    """Yields ``progress(phase, done, total)``, which draws a bar per phase on stderr: only when
    stderr is a terminal, and only once the work has taken `delay` seconds (a quick run shows
    nothing). The bar goes away when the work is done."""
    # rich is imported for a terminal only: some 15 ms of start-up that a run into a pipe or a
    # file never needs.
    console = None
    if sys.stderr is not None and sys.stderr.isatty():
        from rich.console import Console

        console = Console(stderr=True)
    if console is None or not console.is_terminal:
        yield lambda phase, done, total: None
        return
    import threading

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    bar = Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def progress(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(phase, total=total)
        bar.update(tasks[phase], completed=done, total=total)

    timer = threading.Timer(delay, bar.start)
    timer.daemon = True
    timer.start()
    try:
        yield progress
    finally:
        timer.cancel()
        timer.join()
        bar.stop()


@contextlib.contextmanager
def page_progress() -> Iterator[Callable[[int, int], None]]:
    """Yields ``progress(page, pages)`` for reading a PDF: `progress_bar`'s bar over its pages
    (a long volume read for one resolution), on a terminal and past a second only."""
    with progress_bar() as progress:
        yield lambda page, pages: progress("pages", page, pages)


def exit_status(differs: bool, *, exit_zero: bool) -> int:
    """diff(1)'s status: 1 when the versions differ, unless --exit-zero; else 0."""
    return EXIT_DIFFERENT if differs and not exit_zero else EXIT_SAME


StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help=(
            "Exit with status 2 if there is any warning (the output is still written): for "
            "scripts that must not accept a doubtful comparison."
        ),
        rich_help_panel=OUTPUT,
    ),
]
ResolutionOption = Annotated[
    str | None,
    typer.Option(
        "--resolution",
        metavar="NUMBER",
        help="Pick one resolution of a PDF that holds many (Proceedings, Final Acts), e.g. 84.",
        rich_help_panel=INPUT,
    ),
]

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="CODE",
        help=(
            "The language the texts are in (en, fr, es, ru, ar, zh), when detection should not "
            "decide; by default it is told from each text."
        ),
        rich_help_panel=INPUT,
    ),
]


def compare_options(
    max_size: str,
    view: View,
    resolution: str | None = None,
    *,
    new_view: View | None = None,
    lang: str | None = None,
) -> CompareOptions:
    """The one options value a command's limits and views make (`view` for both sides unless
    `new_view` says otherwise)."""
    return CompareOptions(
        max_size=parse_size(max_size),
        old_view=view,
        new_view=new_view or view,
        resolution=resolution,
        lang=lang,
    )


def warn(warnings: Iterable[object], *, shown: bool = False) -> bool:
    """One line on stderr per warning, unless the report printed on the terminal already
    shows them (`shown`): each is said once. Whether there was any."""
    said = False
    for warning in warnings:
        if not shown:
            typer.echo(f"revdiff: warning: {warning}", err=True)
        said = True
    return said


def shows_warnings(target: Target) -> bool:
    """Whether the report goes to a terminal in a form a person reads, with its warnings at the
    top (text and Markdown). Piped or redirected, the report is read later or by a program: the
    warnings go to stderr as well, one line each, as for every other command."""
    if target.path is not None or target.format not in (OutputFormat.TEXT, OutputFormat.MD):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stdout
        return False


def strict_status(status: int, warned: bool, strict: bool) -> int:
    """`status`, or 2 under --strict when something was warned about."""
    return EXIT_TROUBLE if strict and warned else status
