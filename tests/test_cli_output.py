"""Where the CLI's output goes and what it says about it: the format follows the -o file name,
``-o -`` is stdout, /dev/null is allowed, one "Wrote …" line (silenced by -q), --exit-zero, the
demo's --force rule, the two views of one Word file, and clause ids kept whole on narrow
terminals. Run in-process with colour off and 100 columns (the `cli` fixture)."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import revdiff
from revdiff.seeds import DEMO_DIR, DEMO_REPORTS, seed_paths

Cli = Callable[..., Result]
OLD, NEW = seed_paths()
TRACKED = "itu-t-g-imp8101-2018-tracked-changes.docx"
UNTRACKED = "wtsa-res1-hammamet-2016.docx"


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("report.html", "<!DOCTYPE html>"),
        ("report.md", "# RESOLUTION 84"),
        ("report.json", "{"),
        ("report.txt", "RESOLUTION 84"),
        ("REPORT.HTM", "<!DOCTYPE html>"),
    ],
)
def test_the_format_follows_the_output_file_name(
    cli: Cli, tmp_path: Path, name: str, start: str
) -> None:
    target = tmp_path / name
    result = cli("compare", OLD, NEW, "-o", target)
    assert result.exit_code == 1, result.stderr
    assert target.read_text(encoding="utf-8").startswith(start)
    assert f"Wrote {target}: 5 of 32 clauses changed" in result.stderr
    assert result.stdout == ""


def test_docx_on_compare_writes_the_redline(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "changes.docx"
    result = cli("compare", OLD, NEW, "-o", target, "--date", "2024-01-01")
    assert result.exit_code == 1, result.stderr
    assert "word/document.xml" in zipfile.ZipFile(target).namelist()
    assert f"Wrote {target}" in result.stderr


def test_a_format_that_contradicts_the_file_name_is_refused(cli: Cli, tmp_path: Path) -> None:
    for command in (["compare", OLD, NEW], ["history", OLD, NEW]):
        result = cli(*command, "-f", "json", "-o", tmp_path / "report.html")
        assert result.exit_code == 2
        assert "--format json contradicts -o" in result.stderr and "To fix:" in result.stderr
    assert list(tmp_path.iterdir()) == []
    # An extension that names no format leaves the choice to --format (or text).
    result = cli("compare", OLD, NEW, "-f", "json", "-o", tmp_path / "report.out")
    assert result.exit_code == 1 and json.loads((tmp_path / "report.out").read_text())


def test_a_redline_to_a_report_name_is_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli("redline", OLD, NEW, "-o", tmp_path / "changes.html")
    assert result.exit_code == 2 and "revdiff compare" in result.stderr
    result = cli("history", OLD, NEW, "-o", tmp_path / "history.docx")
    assert result.exit_code == 2 and "revdiff redline" in result.stderr


def test_dash_is_stdout_and_dev_null_is_allowed(cli: Cli) -> None:
    result = cli("compare", OLD, NEW, "-o", "-", "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["schema"] == "revdiff.report/1"
    assert "Wrote" not in result.stderr
    for command in (["compare", OLD, NEW], ["redline", OLD, NEW], ["history", OLD, NEW]):
        result = cli(*command, "-o", os.devnull)
        assert result.exit_code == 1, result.stderr
        assert f"Wrote {os.devnull}" in result.stderr


def test_quiet_silences_the_wrote_line_and_exit_zero_keeps_scripts_going(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli("compare", OLD, NEW, "-o", tmp_path / "r.html", "-q", "--exit-zero")
    assert result.exit_code == 0 and "Wrote" not in result.stderr
    result = cli("redline", OLD, NEW, "-o", tmp_path / "r.docx", "--quiet", "--exit-zero")
    assert result.exit_code == 0 and "Wrote" not in result.stderr
    # Trouble is still trouble.
    result = cli("compare", OLD, tmp_path / "missing.txt", "--exit-zero")
    assert result.exit_code == 2
    # The same versions: 0 either way.
    assert cli("compare", NEW, NEW, "--exit-zero").exit_code == 0


def test_the_demo_does_not_replace_its_reports_without_force(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = cli("compare")
    assert first.exit_code == 1, first.stderr
    written = [DEMO_DIR / name for name, _ in DEMO_REPORTS]
    assert all(path.is_file() for path in written)
    assert "Wrote revdiff-out/" in first.stderr
    # The note that the 2016 text is a reconstruction is in the report, once.
    assert first.stdout.count("labelled reconstruction") == 1
    (tmp_path / written[0]).write_text("mine", encoding="utf-8")
    second = cli("compare")
    assert second.exit_code == 2 and "--force" in second.stderr and second.stdout == ""
    assert written[0].read_text(encoding="utf-8") == "mine"
    third = cli("compare", "--force")
    assert third.exit_code == 1 and written[0].read_text(encoding="utf-8") != "mine"


def test_one_word_file_with_tracked_changes_compares_its_two_views(
    cli: Cli, itu_docx: Path
) -> None:
    result = cli("compare", itu_docx / TRACKED, "-f", "json")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["deleted"] + report["summary"]["modified"] > 0
    same = cli("compare", itu_docx / TRACKED, "--old-view", "accepted")
    assert same.exit_code == 2 and "both sides" in same.stderr


def test_one_file_without_tracked_changes_is_a_clear_error(cli: Cli, itu_docx: Path) -> None:
    result = cli("compare", itu_docx / UNTRACKED)
    assert result.exit_code == 2
    assert "no tracked changes" in result.stderr and "To fix:" in result.stderr
    result = cli("compare", NEW)
    assert result.exit_code == 2 and "only a Word file" in result.stderr


def test_old_and_new_views_are_chosen_apart(cli: Cli, itu_docx: Path) -> None:
    path = itu_docx / TRACKED
    apart = cli("compare", path, path, "--old-view", "original", "-f", "json")
    assert apart.exit_code == 1
    assert "original view" in apart.stderr and "accepted view" in apart.stderr
    assert cli("compare", path, path, "--view", "original").exit_code == 0
    assert cli("compare", path, path, "--new-view", "original", "--view", "accepted").exit_code == 1


def test_clause_ids_are_never_cut_on_a_narrow_terminal() -> None:
    from revdiff.render.text import render_text

    long_id = "invites-the-director-of-the-telecommunication-standardization-bureau/1"
    comparison = revdiff.compare(OLD, NEW)
    for width in (40, 60):
        text = render_text(comparison, show_all=True, color=False, width=width)
        assert long_id in text


def test_every_command_has_an_example_and_grouped_options(cli: Cli) -> None:
    result = cli("--help")
    assert "Example: revdiff" in result.stdout
    commands = ["show", "compare", "redline", "history", "batch"]
    for command in commands:
        result = cli(command, "--help")
        assert result.exit_code == 0
        assert "Example: revdiff" in result.stdout, command
        for panel in ("Input", "Output", "Limits"):
            assert f"─ {panel} ─" in result.stdout, (command, panel)


def test_warnings_are_said_once_on_a_terminal(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from revdiff.cli_common import Target, shows_warnings
    from revdiff.model import OutputFormat

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert shows_warnings(Target(None, OutputFormat.TEXT))
    assert shows_warnings(Target(None, OutputFormat.MD))
    assert not shows_warnings(Target(None, OutputFormat.JSON))
    assert not shows_warnings(Target(tmp_path / "r.txt", OutputFormat.TEXT))
