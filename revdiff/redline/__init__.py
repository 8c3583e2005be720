"""The Word redline: the new version of a resolution with every difference from the old one as
real tracked changes (``w:ins``, ``w:del``, ``w:moveFrom``/``w:moveTo``), plus a comment per change.

`build_redline` is pure (Comparison + base bytes -> .docx bytes); `write_redline_file` reads the
new .docx to build on (when the new version is one) and writes the result atomically;
`parse_revision_date` reads ``--date``.

The modules, top down: `writer` (the build, in clauses), `plan` (what each change shows),
`paragraphs` (a change's paragraphs rewritten with tracked runs; moves; paragraph marks),
`atoms` and `locate` (run atoms: a paragraph's content read, found again and written back),
`comments` (their words and anchors), `base` (a .docx base mapped) and `template` (the base
for text inputs). Word's XML itself is `revdiff.ooxml`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from revdiff.errors import InputError, RevdiffError
from revdiff.model import Comparison, SourceFormat

__all__ = ["build_redline", "parse_revision_date", "write_redline_file"]

DATE_FIX = "write it as ISO 8601, e.g. 2024-05-01 or 2024-05-01T12:00:00Z"


def parse_revision_date(text: str | None) -> datetime:
    """The date of the tracked changes: `text` as ISO 8601 (a date alone is midnight, a time
    without an offset is UTC); with no text, ``SOURCE_DATE_EPOCH`` if set, else now (UTC).
    Seconds are whole, as Word stores them."""
    if text is None or not text.strip():
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch is None or not epoch.strip():
            return datetime.now(UTC).replace(microsecond=0)
        try:
            return datetime.fromtimestamp(int(epoch.strip()), UTC)
        except (ValueError, OverflowError, OSError) as error:
            raise RevdiffError(
                None,
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970",
                "set it to an integer such as 1700000000, or unset it",
            ) from error
    value = text.strip()
    if value.endswith(("z", "Z")):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise RevdiffError(None, f"--date {text!r} is not an ISO 8601 date", DATE_FIX) from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    parsed = parsed.astimezone(UTC).replace(microsecond=0)
    if parsed.year < 1601:  # Word's dates start in 1601
        raise RevdiffError(
            None, f"--date {text!r} is before 1601, which Word cannot show", DATE_FIX
        )
    return parsed


def build_redline(
    comparison: Comparison,
    *,
    base: bytes | None,
    author: str = "revdiff",
    date: datetime | None = None,
    comments: bool = True,
    markers: bool = False,
) -> bytes:
    """The .docx bytes of the redline. `base` is the new version's .docx (None: build the
    template from the new document). The same inputs and date give the same bytes."""
    from revdiff.redline.writer import build_redline_bytes

    data, _ = build_redline_bytes(
        comparison,
        base=base,
        author=author or "revdiff",
        date=date if date is not None else parse_revision_date(None),
        comments=comments,
        markers=markers,
    )
    return data


def read_base(comparison: Comparison) -> bytes | None:
    """The bytes of the new version's .docx, if the new version is one and it is still there."""
    new = comparison.new
    if new.format is not SourceFormat.DOCX:
        return None
    path = Path(new.source)
    try:
        if not path.is_file():
            return None
        # The comparison's own limit (--max-size), as when the new version was loaded.
        limit = comparison.options.max_size
        if path.stat().st_size > limit:
            raise InputError(
                str(path),
                f"the file is larger than {limit:,} bytes",
                "build the redline from a smaller file",
            )
        return path.read_bytes()
    except OSError as error:
        raise InputError(
            str(path), f"cannot read the new version again ({error.strerror})", "check the file"
        ) from error


def write_redline_file(
    comparison: Comparison,
    path: Path,
    *,
    author: str = "revdiff",
    date: datetime | None = None,
    comments: bool = True,
    markers: bool = False,
    force: bool = False,
    inputs: Sequence[Path] = (),
) -> Path:
    """Write the redline to `path` (atomically; never over an input; an existing file only
    with `force`) and return the path."""
    from revdiff.output import check_output_path, write_atomically

    check_output_path(path, inputs=inputs, force=force)
    data = build_redline(
        comparison,
        base=read_base(comparison),
        author=author,
        date=date,
        comments=comments,
        markers=markers,
    )
    return write_atomically(path, data, inputs=inputs, force=force)
