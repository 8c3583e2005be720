"""Batch: compare a whole set of resolutions, one folder of old versions against one of new.
Either side may instead be a PDF that holds many resolutions (Proceedings, Final Acts): each of
its resolutions is one input, named ``proceedings.pdf#84`` (`revdiff.batch_volume`).

Documents are paired by identity (issuing body, kind and number, read from each document's number
line and preamble, never from file names). Loading and comparing run in a process pool; each pair
gets a report in the output folder, and ``index.json`` (``revdiff.batch/1``) and ``index.html``
list every pair. A resolution found only in the new folder is ``added`` (ADD), one found only in
the old folder ``suppressed`` (SUP). A file that cannot be read, or that does not say which
resolution it is, is an ``error`` with its message, and the batch goes on.

This module orchestrates IO (loading, writing through `write_atomically`); the stages it runs are
the pure ones. Progress goes to a callback, so that the CLI decides how to show it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from revdiff.batch_volume import is_volume
from revdiff.errors import InputError, OutputError, RevdiffError, UnsupportedFormatError
from revdiff.load.sniff import GIVE_RESOLUTION
from revdiff.model import (
    BatchEntry,
    BatchResult,
    BatchStatus,
    CompareOptions,
    Document,
    OutputFormat,
    ReportWarning,
    Summary,
    View,
)

T = TypeVar("T")

STATUSES = tuple(BatchStatus)
REPORT_FORMATS = tuple(OutputFormat)
INDEX_JSON = "index.json"
INDEX_HTML = "index.html"

Progress = Callable[[str, int, int], None]
"""Called as ``progress(phase, done, total)``, phase ``"loading"`` then ``"comparing"``; a
volume's pages first, as ``"reading NAME"``."""


# --------------------------------------------------------------------------------------------
# Identity and pairing


def document_identity(document: Document) -> str | None:
    """``WTSA Resolution 84``: issuing body, kind and number, from the document itself. None when
    the document has no number line to tell."""
    metadata = document.metadata
    if not metadata.number:
        return None
    kind = "Resolution"
    if metadata.instrument:  # "MOD RESOLUTION 84", "WTSA RESOLUTION 84": the instrument word
        kind = metadata.instrument.capitalize()
    elif metadata.number_line:
        first = metadata.number_line.split(None, 1)[0]
        kind = first[:1].upper() + first[1:].lower()
    parts = [metadata.body, kind, metadata.number]
    return " ".join(p for p in parts if p)


def _no_identity(document: Document) -> str:
    """What was found instead of a resolution's number, in words."""
    line = document.metadata.number_line
    if line:
        return f"the number line {line!r} gives no number"
    return "no number line (RESOLUTION N (…)) says which resolution this is"


def identity_sort_key(identity: str | None) -> tuple[object, ...]:
    """Natural order: "Resolution 2" before "Resolution 10"; no identity last."""
    if identity is None:
        return (1,)
    pieces = re.split(r"(\d+)", identity.casefold())
    return (0, *((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pieces))


def list_inputs(folder: Path) -> list[Path]:
    """The files of `folder` a batch reads: regular, not hidden, not Word lock files (``~$…``),
    sorted by name; subfolders are not searched."""
    if not folder.exists():
        raise InputError(str(folder), "no such folder", "check the spelling and the path")
    if not folder.is_dir():
        raise InputError(
            str(folder), "this is a file, not a folder", "give a folder of resolutions"
        )
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as error:
        raise InputError(
            str(folder), f"cannot list the folder ({error.strerror})", "check its permissions"
        ) from error
    return [p for p in children if p.is_file() and not p.name.startswith((".", "~$"))]


def report_name(identity: str, taken: set[str], fmt: OutputFormat) -> str:
    """A file name for a pair's report: ``wtsa-resolution-84.html`` (unique within the batch)."""
    slug = re.sub(r"[^a-z0-9]+", "-", identity.casefold()).strip("-") or "resolution"
    name = f"{slug}.{fmt.extension}"
    counter = 2
    while name in taken:
        name = f"{slug}-{counter}.{fmt.extension}"
        counter += 1
    taken.add(name)
    return name


# --------------------------------------------------------------------------------------------
# Work done in the pool (top-level functions, so that spawned workers can import them)


@dataclass(frozen=True)
class _Loaded:
    path: Path
    document: Document | None
    error: str | None
    skipped: bool = False  # the file is of a kind revdiff does not read: not a resolution
    file: Path | None = None  # the volume a resolution was read from (`path` names the part)


@dataclass(frozen=True)
class _Compared:
    summary: Summary | None
    has_differences: bool
    error: str | None
    warnings: tuple[ReportWarning, ...] = ()


def _describe(error: BaseException) -> str:
    if isinstance(error, RevdiffError):
        return error.message
    return f"internal error ({type(error).__name__}: {error})"


def load_one(path: Path, options: CompareOptions, view: View) -> _Loaded:
    """Load one file; any failure becomes the entry's message instead of stopping the batch."""
    from revdiff.compare import load_input

    try:
        return _Loaded(path, load_input(path, options, view), None)
    except UnsupportedFormatError as error:
        # An image, an archive, a program: not a resolution in any form (a .doc or an RTF may
        # be one, in a format to convert: that stays an error).
        if error.fix != GIVE_RESOLUTION:
            return _Loaded(path, None, error.message)
        return _Loaded(path, None, f"{path}: skipped: {error.problem}.", skipped=True)
    except Exception as error:  # one bad file must not stop the batch: report it
        return _Loaded(path, None, _describe(error))


def compare_one(
    old: Document,
    new: Document,
    target: Path,
    fmt: OutputFormat,
    inputs: tuple[Path, Path],
    options: CompareOptions,
) -> _Compared:
    """Compare one pair and write its report to `target`."""
    from revdiff.compare import compare_files
    from revdiff.output import write_atomically
    from revdiff.warnings import report_warnings

    try:
        comparison = compare_files(old, new, options)
        if fmt is OutputFormat.DOCX:
            from revdiff.redline import parse_revision_date, write_redline_file

            write_redline_file(
                comparison, target, date=parse_revision_date(None), force=True, inputs=inputs
            )
        else:
            from revdiff.render import render_comparison

            if fmt is OutputFormat.TEXT:
                report = render_comparison(comparison, fmt, color=False, width=100)
            else:
                report = render_comparison(comparison, fmt)
            write_atomically(target, report.encode("utf-8"), inputs=inputs, force=True)
        warnings = report_warnings(comparison)
        return _Compared(comparison.summary, comparison.has_differences, None, warnings)
    except Exception as error:  # one bad pair must not stop the batch: report it
        return _Compared(None, False, _describe(error))


# --------------------------------------------------------------------------------------------
# The batch


def default_jobs() -> int:
    return os.cpu_count() or 1


def check_output_folder(out_dir: Path, inputs: Sequence[Path], *, force: bool) -> None:
    """Refuse an output folder that is (or is inside) an input folder, is a file, or already
    holds files (unless forced)."""
    resolved = out_dir.resolve()
    for folder in inputs:
        source = folder.resolve()
        if resolved == source or source in resolved.parents:
            raise OutputError(
                str(out_dir),
                f"this is inside the input folder {folder}, and reports there would be read as "
                "inputs next time",
                "choose an output folder outside both input folders with -o",
            )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(str(out_dir), "this is a file, not a folder", "give a folder with -o")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise OutputError(
            str(out_dir),
            "the folder is not empty",
            "pass --force to write the reports into it anyway, or choose another -o",
        )


def run_batch(
    old_dir: Path,
    new_dir: Path,
    out_dir: Path,
    *,
    jobs: int | None = None,
    report_format: OutputFormat | str = OutputFormat.HTML,
    options: CompareOptions | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Pair, compare and report every resolution of `old_dir` against `new_dir` (see the module
    docstring) with `options` (limits, and the view of each folder's Word files); `jobs`
    worker processes (default: one per CPU; 1 runs everything here)."""
    from revdiff.output import write_atomically
    from revdiff.render.batch import render_batch_html, render_batch_json

    if report_format not in REPORT_FORMATS:
        raise RevdiffError(
            None,
            f"unknown report format {report_format!r}",
            "use one of " + ", ".join(REPORT_FORMATS),
        )
    fmt = OutputFormat(report_format)
    options = options or CompareOptions()
    volumes = [side for side in (old_dir, new_dir) if is_volume(side)]
    old_files, new_files = (
        [] if side in volumes else list_inputs(side) for side in (old_dir, new_dir)
    )
    folders = [side for side in (old_dir, new_dir) if side not in volumes]
    check_output_folder(out_dir, folders, force=force)
    workers = max(1, jobs if jobs is not None else default_jobs())
    report = progress or (lambda phase, done, total: None)
    # A volume is read here, a page at a time, before the pool starts: its pages come in order.
    parts = {side: _read_volume(side, options, report) for side in volumes}
    read = sum(len(items) for items in parts.values())

    with _executor(workers, len(old_files) + len(new_files) + read) as executor:
        paths = [*old_files, *new_files]
        loaded = _run_all(
            executor,
            [
                *((load_one, (p, options, options.old_view)) for p in old_files),
                *((load_one, (p, options, options.new_view)) for p in new_files),
            ],
            lambda done: report("loading", done, len(paths)),
            lambda error: _Loaded(Path(), None, _describe(error)),
        )
        loaded = [replace(item, path=p) for p, item in zip(paths, loaded, strict=True)]
        old_loaded, new_loaded = loaded[: len(old_files)], loaded[len(old_files) :]
        old_loaded = parts.get(old_dir, old_loaded)
        new_loaded = parts.get(new_dir, new_loaded)
        entries, pairs = _pair(old_loaded, new_loaded, fmt)
        compared = _run_all(
            executor,
            [
                (compare_one, (old_doc, new_doc, out_dir / name, fmt, inputs, options))
                for old_doc, new_doc, name, inputs in pairs
            ],
            lambda done: report("comparing", done, len(pairs)),
            lambda error: _Compared(None, False, _describe(error)),
        )
    for (old_doc, new_doc, name, _), outcome in zip(pairs, compared, strict=True):
        identity = document_identity(new_doc)
        if outcome.error is None:
            entries.append(
                BatchEntry(
                    identity,
                    Path(old_doc.source),
                    Path(new_doc.source),
                    BatchStatus.COMPARED,
                    report=name,
                    summary=outcome.summary,
                    has_differences=outcome.has_differences,
                    warnings=outcome.warnings,
                )
            )
        else:
            entries.append(
                BatchEntry(
                    identity,
                    Path(old_doc.source),
                    Path(new_doc.source),
                    BatchStatus.ERROR,
                    error=outcome.error,
                )
            )
    entries.sort(key=_entry_key)
    result = BatchResult(old_dir, new_dir, out_dir, tuple(entries), fmt)
    inputs = [*old_files, *new_files, *volumes]
    for name, text in (
        (INDEX_JSON, render_batch_json(result)),
        (INDEX_HTML, render_batch_html(result)),
    ):
        write_atomically(out_dir / name, text.encode("utf-8"), inputs=inputs, force=True)
    return result


def _read_volume(path: Path, options: CompareOptions, report: Progress) -> list[_Loaded]:
    """The resolutions of the volume at `path` as loaded inputs, each named ``path#number``."""
    from revdiff.batch_volume import read_volume

    phase = f"reading {path.name}"
    return [
        _Loaded(part.source, part.document, part.error, file=path)
        for part in read_volume(path, options, lambda page, pages: report(phase, page, pages))
    ]


def _entry_key(entry: BatchEntry) -> tuple[object, ...]:
    path = entry.new or entry.old
    return (identity_sort_key(entry.identity), str(path or ""), STATUSES.index(entry.status))


def _pair(
    old_loaded: Sequence[_Loaded], new_loaded: Sequence[_Loaded], fmt: OutputFormat
) -> tuple[list[BatchEntry], list[tuple[Document, Document, str, tuple[Path, Path]]]]:
    """Entries for what cannot be compared (errors, added, suppressed) and the pairs to compare."""
    entries: list[BatchEntry] = []
    sides: list[dict[str, Document]] = []
    # The file each input was read from, where it is not the path named: a volume's parts.
    files = {str(item.path): item.file for item in (*old_loaded, *new_loaded) if item.file}
    for loaded, side in ((old_loaded, "old"), (new_loaded, "new")):
        by_identity: dict[str, Document] = {}
        for item in loaded:
            old_path, new_path = (item.path, None) if side == "old" else (None, item.path)
            if item.document is None:
                status = BatchStatus.SKIPPED if item.skipped else BatchStatus.ERROR
                entries.append(BatchEntry(None, old_path, new_path, status, error=item.error))
                continue
            identity = document_identity(item.document)
            if identity is None and not item.document.metadata.number_line:
                # A README, notes: no number line at all, so not a resolution to pair.
                entries.append(
                    BatchEntry(
                        None,
                        old_path,
                        new_path,
                        BatchStatus.SKIPPED,
                        error=f"{item.path}: skipped: {_no_identity(item.document)}, so it is "
                        "not taken for a resolution. To fix: nothing, if it is not one; "
                        "otherwise check its first lines.",
                    )
                )
                continue
            if identity is None:
                entries.append(
                    BatchEntry(
                        None,
                        old_path,
                        new_path,
                        BatchStatus.ERROR,
                        error=f"{item.path}: {_no_identity(item.document)}, so it cannot be "
                        "paired. To fix: check its number line, or remove it from the folder.",
                    )
                )
                continue
            if identity in by_identity:
                first = by_identity[identity].source
                where = "file" if item.file else "folder"
                entries.append(
                    BatchEntry(
                        identity,
                        old_path,
                        new_path,
                        BatchStatus.ERROR,
                        error=f"{item.path}: {first} in the same {where} is also {identity}, and "
                        f"only one version per {where} can be paired. To fix: keep one of them.",
                    )
                )
                continue
            by_identity[identity] = item.document
        sides.append(by_identity)
    old_by_identity, new_by_identity = sides
    pairs: list[tuple[Document, Document, str, tuple[Path, Path]]] = []
    taken = {INDEX_JSON, INDEX_HTML}
    for identity in sorted(set(old_by_identity) | set(new_by_identity), key=identity_sort_key):
        old_doc, new_doc = old_by_identity.get(identity), new_by_identity.get(identity)
        if old_doc is not None and new_doc is not None:
            name = report_name(identity, taken, fmt)
            inputs = (
                files.get(old_doc.source) or Path(old_doc.source),
                files.get(new_doc.source) or Path(new_doc.source),
            )
            pairs.append((old_doc, new_doc, name, inputs))
        elif new_doc is not None:
            entries.append(BatchEntry(identity, None, Path(new_doc.source), BatchStatus.ADDED))
        elif old_doc is not None:
            entries.append(BatchEntry(identity, Path(old_doc.source), None, BatchStatus.SUPPRESSED))
    return entries, pairs


class _Inline(Executor):
    """Runs each task at once, here: ``--jobs 1`` and single tasks need no processes."""

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


def _executor(workers: int, tasks: int) -> Executor:
    if workers <= 1 or tasks <= 1:
        return _Inline()
    import multiprocessing

    # "spawn": workers start clean, with no copy of the parent's threads (a progress bar's) or
    # locks, and the same on every platform.
    return ProcessPoolExecutor(
        max_workers=min(workers, tasks), mp_context=multiprocessing.get_context("spawn")
    )


def _run_all(
    executor: Executor,
    tasks: Iterable[tuple[Callable[..., T], tuple[object, ...]]],
    tick: Callable[[int], None],
    failed: Callable[[BaseException], T],
) -> list[T]:
    """Run `tasks`, keeping their order in the results, calling `tick` as each one finishes; a
    task whose worker died (e.g. killed for memory) gets `failed(error)`."""
    futures = [executor.submit(fn, *args) for fn, args in tasks]
    position = {id(f): i for i, f in enumerate(futures)}
    results: dict[int, T] = {}
    tick(0)
    for done, future in enumerate(as_completed(futures), start=1):
        try:
            results[position[id(future)]] = future.result()
        except Exception as error:  # a worker that died: the entry says so, the batch goes on
            results[position[id(future)]] = failed(error)
        tick(done)
    return [results[i] for i in range(len(futures))]
