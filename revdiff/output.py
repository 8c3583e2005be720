"""The only code that writes files: atomically, never over an input, never over an existing file
unless forced."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from revdiff.errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output_path(path: Path, *, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Refuse an output path that names an input, a directory, or (unless forced) a file."""
    for source in inputs:
        if _same_file(path, source):
            raise OutputError(
                str(path),
                "this is one of the inputs, and revdiff never writes over an input",
                "choose another output path with -o",
            )
    if path.is_dir():
        raise OutputError(str(path), "this is a directory", "give a file name with -o")
    if path.exists() and not force:
        raise OutputError(
            str(path), "the file already exists", "pass --force to replace it, or choose another -o"
        )


def write_atomically(
    path: Path, data: bytes, *, inputs: Iterable[Path] = (), force: bool = False
) -> Path:
    """Write `data` to `path` through a temporary file in the same folder and a rename, so that a
    failure midway leaves no partial file."""
    check_output_path(path, inputs=inputs, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise OutputError(
            str(path), f"cannot write here ({error.strerror})", "choose a writable folder with -o"
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(
                str(path), f"cannot write the file ({error.strerror})", "check the disk and folder"
            ) from error
        raise
    return path
