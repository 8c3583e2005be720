"""Batch over a volume: one side of a batch given as a PDF that holds many resolutions (the
Proceedings of an assembly, the Final Acts of a conference) instead of a folder.

Each resolution of the volume becomes one input of the batch, named ``proceedings.pdf#84`` (the
file, then the number on its number line) in reports and in the index. The volume is read in one
pass, a page at a time (`revdiff.load.pdf.iter_volume`): only one resolution's pages are in
memory at once, and each is parsed into a Document before the next is read. Part of the batch's
IO layer, beside `revdiff.batch`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from revdiff.errors import InputError, RevdiffError
from revdiff.load.sniff import PDF_MAGIC
from revdiff.model import CompareOptions, Document

VOLUME_FIX = "give a folder of resolutions, or a PDF that holds many (Proceedings, Final Acts)"


@dataclass(frozen=True)
class VolumePart:
    """One resolution read from a volume (`document`), or what went wrong (`error`)."""

    source: Path  # proceedings.pdf#84; the volume itself for an error about the whole file
    document: Document | None
    error: str | None = None


def is_volume(side: Path) -> bool:
    """True when `side` is a PDF file given in place of a folder; False for a folder (or a path
    `list_inputs` reports on). Any other file is refused: a batch reads sets, not one file."""
    if not side.exists():
        if side.suffix.casefold() == ".pdf":
            raise InputError(str(side), "no such file", "check the spelling and the path")
        return False
    if not side.is_file():
        return False
    try:
        with side.open("rb") as handle:
            head = handle.read(len(PDF_MAGIC))
    except OSError as error:
        raise InputError(
            str(side), f"cannot read the file ({error.strerror})", "check its permissions"
        ) from error
    if not head.startswith(PDF_MAGIC):
        raise InputError(str(side), "this is a file, but not a PDF, nor a folder", VOLUME_FIX)
    return True


def read_volume(
    path: Path, options: CompareOptions, progress: Callable[[int, int], None] | None = None
) -> list[VolumePart]:
    """Every resolution of the volume at `path` as a Document, in the order they appear;
    `progress(page, pages)` after each page. A number printed twice (a cover page, a table of
    contents that repeats the number line) keeps the part with the most clauses. A failure part
    way through (a damaged page, a limit) ends the list with an error part; the resolutions
    read until then stay."""
    from revdiff.load.pdf import iter_volume
    from revdiff.structure import parse_block_list

    language = {"lang": options.lang} if options.lang is not None else {}
    parts: dict[str, VolumePart] = {}
    failure: VolumePart | None = None
    try:
        for entry, loaded in iter_volume(path, max_size=options.max_size, progress=progress):
            source = Path(f"{path}#{entry.number}")
            loaded = replace(loaded, source=str(source))
            try:
                document = parse_block_list(
                    replace(loaded, blocks=()),
                    iter(loaded.blocks),
                    max_clauses=options.max_clauses,
                    **language,
                )
                part = VolumePart(source, document)
            except RevdiffError as error:
                part = VolumePart(source, None, error.message)
            kept = parts.get(entry.number)
            if kept is None or _clauses(part) > _clauses(kept):
                parts[entry.number] = part
    except RevdiffError as error:
        failure = VolumePart(path, None, error.message)
    if not parts and failure is None:
        failure = VolumePart(
            path,
            None,
            InputError(
                str(path),
                "no resolution found: no line of its own reads RESOLUTION N (…)",
                "check that this is a volume of resolutions, or give a folder that holds it",
            ).message,
        )
    return [*parts.values(), *([failure] if failure is not None else [])]


def _clauses(part: VolumePart) -> int:
    return -1 if part.document is None else len(part.document.clauses)
