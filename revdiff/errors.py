"""Errors revdiff raises on purpose. Every message names the file, the problem and the fix.

RevdiffError                 base: anything the user can act on; the CLI prints it, exit 2
├── InputError               an input cannot be read: missing, a directory, unreadable, too big
│   ├── UnsupportedFormatError   a format revdiff does not read (.doc, .odt, encrypted, …)
│   └── CorruptFileError         a file of a known format that is damaged or unsafe
└── OutputError              an output cannot be written: would overwrite an input, exists, …
"""

from __future__ import annotations


class RevdiffError(Exception):
    """Base of every error revdiff raises on purpose.

    `path` is the file concerned (or None), `problem` what is wrong, `fix` what to do.
    ``str(error)`` is the one line the CLI prints: ``PATH: PROBLEM. To fix: FIX.``
    """

    def __init__(self, path: str | None, problem: str, fix: str) -> None:
        self.path = path
        self.problem = problem.rstrip(".")
        self.fix = fix.rstrip(".")
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.problem}. To fix: {self.fix}."


class InputError(RevdiffError):
    """An input cannot be read."""


class UnsupportedFormatError(InputError):
    """The input is in a format revdiff does not read."""


class CorruptFileError(InputError):
    """The input is of a known format but damaged, truncated or unsafe to read."""


class OutputError(RevdiffError):
    """An output cannot be written."""
