"""The only code that writes files: atomically, never over an input, never over an existing file
unless forced.

A report is written to a temporary file in the output's folder, flushed to disk, and then renamed
into place, so that a reader sees either the old file or the whole new one, and a failure midway
leaves neither a partial file nor the temporary one behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from revdiff.errors import OutputError

_PART_SUFFIX = ".part"
_NAME_ROOM = 100  # characters of the output's name kept in the temporary name (NAME_MAX is 255)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, on Python 3.11
        return False


def is_null_device(path: Path) -> bool:
    """Whether `path` is the null device (``/dev/null``): output there is thrown away, which is
    how scripts ask for the exit status alone."""
    try:
        return Path(path) == Path(os.devnull) or os.path.samefile(path, os.devnull)
    except OSError:
        return False


def check_output_path(path: Path, *, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Refuse an output path that names an input, a directory, something that is not a regular
    file (a device, a pipe) other than the null device, or (unless forced) an existing file."""
    if is_null_device(path):
        return
    for source in inputs:
        if _same_file(path, source):
            raise OutputError(
                str(path),
                "this is one of the inputs, and revdiff never writes over an input",
                "choose another output path with -o",
            )
    try:
        info = path.stat()
    except (OSError, RuntimeError):
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(str(path), "this is a directory", "give a file name with -o")
    if info is not None and not stat.S_ISREG(info.st_mode):
        # Renaming over /dev/stdout or a named pipe would replace it with a file.
        raise OutputError(
            str(path),
            "this is not a regular file (a device, pipe or socket)",
            "give a file name with -o, or leave -o out to print the report",
        )
    if (info is not None or path.is_symlink()) and not force:
        raise OutputError(
            str(path), "the file already exists", "pass --force to replace it, or choose another -o"
        )


def write_atomically(
    path: Path, data: bytes, *, inputs: Iterable[Path] = (), force: bool = False
) -> Path:
    """Write `data` to `path` through a temporary file in the same folder and a rename, so that a
    failure midway leaves no partial file.

    Without `force` the final step is a hard link, which fails if `path` appeared meanwhile, so
    that a file created after the check is never replaced either.
    """
    return _write_through_temporary(path, lambda stream: stream.write(data), inputs, force)


def write_chunks_atomically(
    path: Path, chunks: Iterable[str], *, inputs: Iterable[Path] = (), force: bool = False
) -> Path:
    """`write_atomically` for a report made in pieces: each str chunk is written (as UTF-8) as
    soon as it is made, so the whole report is never in memory. A chunk that fails to come
    (an exception from the iterable) leaves no file behind, as a failed write does."""

    def write(stream: BinaryIO) -> None:
        for chunk in chunks:
            stream.write(chunk.encode("utf-8"))

    return _write_through_temporary(path, write, inputs, force)


def _write_through_temporary(
    path: Path, write: Callable[[BinaryIO], object], inputs: Iterable[Path], force: bool
) -> Path:
    path = Path(path)
    inputs = tuple(inputs)
    check_output_path(path, inputs=inputs, force=force)
    if is_null_device(path):
        with open(os.devnull, "wb") as stream:  # no temporary file: nothing is kept
            write(stream)
        return path
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name[:_NAME_ROOM]}.", suffix=_PART_SUFFIX, dir=folder
        )
    except OSError as error:
        raise OutputError(
            str(path), f"cannot write here ({error.strerror})", "choose a writable folder with -o"
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode a new file gets here.
        os.chmod(temporary, _new_file_mode(path))
        _move_into_place(temporary, path, force=force)
        _sync_folder(folder)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, FileExistsError):
            raise OutputError(
                str(path),
                "the file already exists (it appeared while revdiff was writing)",
                "pass --force to replace it, or choose another -o",
            ) from error
        if isinstance(error, OSError):
            raise OutputError(
                str(path), f"cannot write the file ({error.strerror})", "check the disk and folder"
            ) from error
        raise
    return path


def _move_into_place(temporary: str, path: Path, *, force: bool) -> None:
    if force:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)  # fails with FileExistsError if `path` exists by now
    except OSError as error:
        if isinstance(error, FileExistsError) or error.errno not in _NO_HARD_LINKS:
            raise
        # A file system without hard links: the check above has to do.
        os.replace(temporary, path)
        return
    os.unlink(temporary)


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK}


def _new_file_mode(path: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except (OSError, RuntimeError):
        pass
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    """Flush the rename itself to disk (a crash right after it keeps the new file)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
