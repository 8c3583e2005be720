"""One way in: `compare_files` with one `CompareOptions`, which every command and the API use, so
that a limit or a view given once reaches every step that reads a file."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import revdiff
from revdiff.cli import app
from revdiff.compare import compare_files, trace_history
from revdiff.errors import InputError
from revdiff.model import CompareOptions, View
from revdiff.seeds import seed_paths

OLD, NEW = seed_paths()
TRACKED = "itu-t-g-imp8101-2018-tracked-changes.docx"
runner = CliRunner()
TOO_SMALL = CompareOptions(max_size=100)


def test_compare_files_takes_paths_or_documents_alike() -> None:
    from_paths = compare_files(OLD, NEW)
    from_documents = compare_files(revdiff.load(OLD), revdiff.load(NEW))
    assert from_paths.summary == from_documents.summary
    assert revdiff.compare(OLD, NEW).summary == from_paths.summary


def test_the_size_limit_reaches_the_api_history_and_every_command(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="100 bytes"):
        compare_files(OLD, NEW, TOO_SMALL)
    with pytest.raises(InputError, match="100 bytes"):
        revdiff.compare(OLD, NEW, TOO_SMALL)
    with pytest.raises(InputError, match="100 bytes"):
        trace_history([OLD, NEW], TOO_SMALL)
    for args in (
        ["compare", str(OLD), str(NEW)],
        ["redline", str(OLD), str(NEW), "-o", str(tmp_path / "r.docx")],
        ["history", str(OLD), str(NEW)],
    ):
        result = runner.invoke(app, [*args, "--max-size", "100"])
        assert result.exit_code == 2 and "100 bytes" in result.stderr, args
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    old_dir.mkdir(), new_dir.mkdir()
    shutil.copy(OLD, old_dir / "r84.txt"), shutil.copy(NEW, new_dir / "r84.txt")
    out = tmp_path / "out"
    args = ["batch", old_dir, new_dir, "-o", out, "-j", "1", "--max-size", "100"]
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 2 and "100 bytes" in result.stderr


def test_the_size_limit_reaches_the_redlines_reading_of_its_base(itu_docx: Path) -> None:
    from revdiff.redline import read_base

    tracked_docx = itu_docx / TRACKED
    comparison = compare_files(tracked_docx, tracked_docx)
    assert read_base(comparison) is not None
    limited = replace(comparison, options=replace(comparison.options, max_size=1000))
    with pytest.raises(InputError, match="1,000 bytes"):
        read_base(limited)


def test_each_side_is_read_in_its_own_view(itu_docx: Path) -> None:
    tracked_docx = itu_docx / TRACKED
    options = CompareOptions(old_view=View.ORIGINAL, new_view=View.ACCEPTED)
    comparison = compare_files(tracked_docx, tracked_docx, options)
    assert comparison.old.view is View.ORIGINAL and comparison.new.view is View.ACCEPTED
    assert comparison.has_differences
    same = compare_files(tracked_docx, tracked_docx, replace(options, old_view=View.ACCEPTED))
    assert not same.has_differences
    # The API's `view` sets both sides.
    both = revdiff.compare(tracked_docx, tracked_docx, options, view="original")
    assert both.old.view is both.new.view is View.ORIGINAL
