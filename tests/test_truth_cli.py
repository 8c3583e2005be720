"""The findings, as a user meets them at the command line: a changed call line, title or
footnote is reported in every format with exit status 1; warnings reach stderr for every
command and the top of every report; --strict makes a warning exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from revdiff.seeds import seed_paths

OLD_SEED, NEW_SEED = seed_paths()
SEED_TEXT = NEW_SEED.read_text(encoding="utf-8")
Cli = Callable[..., Result]


def edited_copy(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SEED_TEXT
    path = tmp_path / "copy.txt"
    path.write_text(SEED_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("\nresolves\n", "\ndecides\n", "decides"),
        ("\nnoting\n", "\nnoting further\n", "further"),
        (
            "of the Telecommunication Standardization Bureau, in collaboration",
            "of the Telecommunication Development Bureau, in collaboration",
            "Development",
        ),
        ("These include the least", "These include all the least", "all"),
        ("is a permanent organ", "is an organ", "an"),
    ],
)
def test_a_changed_heading_footnote_or_front_line_is_reported_in_every_format(
    cli: Cli, tmp_path: Path, fmt: str, old: str, new: str, shown: str
) -> None:
    copy = edited_copy(tmp_path, old, new)
    result = cli("compare", NEW_SEED, copy, "-f", fmt)
    assert result.exit_code == 1, result.stderr
    assert "No differences" not in result.stdout
    assert shown in result.stdout
    if fmt == "json":
        report = json.loads(result.stdout)
        changed = report["headings"] + report["footnotes"]
        assert len(changed) == 1
        assert report["summary"]["headings"] + report["summary"]["footnotes"] == 1


def test_identical_files_exit_0_with_no_changes(cli: Cli) -> None:
    result = cli("compare", NEW_SEED, NEW_SEED, "-f", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["headings"] == [] and report["footnotes"] == [] and report["warnings"] == []
    assert result.stderr == ""


def test_warnings_reach_stderr_and_the_report_and_strict_exits_2(cli: Cli) -> None:
    result = cli("compare", NEW_SEED, OLD_SEED, "-f", "json")
    assert result.exit_code == 1  # a newer OLD warns but still compares
    codes = [w["code"] for w in json.loads(result.stdout)["warnings"]]
    assert codes == ["old-is-newer", "reconstruction"]
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("revdiff: warning: ") for line in lines)
    text = cli("compare", NEW_SEED, OLD_SEED).stdout
    assert text.index("Warnings") < text.index("Summary")
    assert cli("compare", NEW_SEED, OLD_SEED, "--strict").exit_code == 2
    assert cli("compare", NEW_SEED, NEW_SEED, "--strict").exit_code == 0


def test_an_empty_old_file_warns_instead_of_silently_adding_everything(
    cli: Cli, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = cli("compare", empty, NEW_SEED, "-f", "md")
    assert result.exit_code == 1
    assert "the file holds no text" in result.stderr
    assert result.stdout.index("Warnings") < result.stdout.index("## Summary")


def test_different_resolutions_warn_but_compare(cli: Cli, tmp_path: Path) -> None:
    other = edited_copy(tmp_path, "RESOLUTION 84 (Rev.", "RESOLUTION 85 (Rev.")
    result = cli("compare", NEW_SEED, other)
    assert result.exit_code == 1
    assert "different resolutions" in result.stderr


def test_every_command_prints_its_warnings(cli: Cli, tmp_path: Path) -> None:
    assert "reconstruction" in cli("show", OLD_SEED).stderr
    assert cli("show", OLD_SEED, "--strict").exit_code == 2
    history = cli("history", OLD_SEED, NEW_SEED)
    assert "reconstruction" in history.stderr and history.exit_code == 1
    redline = cli("redline", OLD_SEED, NEW_SEED, "-o", tmp_path / "r.docx")
    assert "reconstruction" in redline.stderr and redline.exit_code == 1
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    old_dir.mkdir()
    new_dir.mkdir()
    (old_dir / OLD_SEED.name).write_bytes(OLD_SEED.read_bytes())
    (new_dir / "res84.txt").write_bytes(NEW_SEED.read_bytes())
    batch = cli("batch", old_dir, new_dir, "-o", tmp_path / "out", "--jobs", "1", "--strict")
    assert "reconstruction" in batch.stderr and batch.exit_code == 2


def test_history_shows_a_changed_call_line_it_counts(cli: Cli, tmp_path: Path) -> None:
    copy = edited_copy(tmp_path, "\nresolves\n", "\ndecides\n")
    for fmt in ("text", "md", "html"):
        result = cli("history", NEW_SEED, copy, "--keep-order", "-f", fmt)
        assert result.exit_code == 1
        assert "heading:resolves" in result.stdout and "decides" in result.stdout
    report = json.loads(cli("history", NEW_SEED, copy, "--keep-order", "-f", "json").stdout)
    (step,) = report["steps"]
    assert [h["id"] for h in step["headings"]] == ["heading:resolves"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("RESOLUTION 84 (Rev.\u00a0Geneva", "RESOLUTION 84 (Rev. Geneva"),
        ("Studies concerning the", "Studies\u00a0concerning the"),
        ("(Hammamet, 2016; Geneva, 2022)", "(Hammamet,\u00a02016; Geneva, 2022)"),
        ("Assembly (Geneva, 2022),", "Assembly (Geneva,\u00a02022),"),
    ],
)
def test_a_no_break_space_alone_in_a_metadata_line_is_shown(
    cli: Cli, tmp_path: Path, old: str, new: str
) -> None:
    copy = edited_copy(tmp_path, old, new)
    text = cli("compare", NEW_SEED, copy)
    assert text.exit_code == 1
    assert "⍽" in text.stdout and "editorial" in text.stdout
    report = json.loads(cli("compare", NEW_SEED, copy, "-f", "json").stdout)
    changed = [m for m in report["metadata"] if m["old"] != m["new"]]
    assert len(changed) == 1
