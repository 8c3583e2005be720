"""Outputs are safe (issue 6, part 4): never over an input, atomic, never over an existing file
unless forced, and hostile text in an input is shown literally by every output format."""

from __future__ import annotations

import importlib
import json
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.testing

from revdiff import output
from revdiff.cli import app
from revdiff.errors import OutputError
from revdiff.output import check_output_path, write_atomically

REPO = Path(__file__).resolve().parents[1]
SEED_NEW = REPO / "seeds" / "res84-geneva-2022.tika.txt"
SEED_OLD = REPO / "seeds" / "res84-hammamet-2016.reconstructed.tika.txt"
BAD = REPO / "fixtures" / "bad"
DATE = "2024-01-02T03:04:05Z"


@pytest.fixture
def runner() -> typer.testing.CliRunner:
    return typer.testing.CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"})


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_bytes(SEED_OLD.read_bytes())
    new.write_bytes(SEED_NEW.read_bytes())
    return old, new


def leftovers(folder: Path) -> list[str]:
    """Temporary files a writer may have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def one_line_error(result: Any) -> str:
    """The single stderr line of a failed CLI run (and check there is no traceback)."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "To fix:" in lines[0]
    return lines[0]


# --------------------------------------------------------------------------------------------
# write_atomically


def test_writes_the_bytes_with_an_ordinary_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    old_mask = os.umask(0o022)
    try:
        write_atomically(target, b"<p>hello</p>")
    finally:
        os.umask(old_mask)
    assert target.read_bytes() == b"<p>hello</p>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's private 0600
    assert leftovers(tmp_path) == []


def test_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "report.json"
    write_atomically(target, b"{}")
    assert target.read_bytes() == b"{}"


def test_a_very_long_file_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("r" * 240 + ".md")
    write_atomically(target, b"# long")
    assert target.read_bytes() == b"# long"


@pytest.mark.parametrize(
    "spell",
    [
        lambda p: p,
        lambda p: p.parent / "." / p.name,
        lambda p: p.parent / "sub" / ".." / p.name,
    ],
    ids=["same-path", "dot", "dot-dot"],
)
def test_refuses_to_write_over_an_input(tmp_path: Path, spell: Any) -> None:
    source = tmp_path / "old.txt"
    source.write_bytes(b"precious")
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputError, match="one of the inputs"):
        write_atomically(spell(source), b"x", inputs=[source], force=True)
    assert source.read_bytes() == b"precious"
    assert leftovers(tmp_path) == []


def test_refuses_an_input_reached_through_a_symlink_or_a_hard_link(tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_bytes(b"precious")
    symlink, hardlink = tmp_path / "alias.txt", tmp_path / "hard.txt"
    symlink.symlink_to(source)
    os.link(source, hardlink)
    for target in (symlink, hardlink):
        with pytest.raises(OutputError, match="one of the inputs"):
            write_atomically(target, b"x", inputs=[source], force=True)
    assert source.read_bytes() == b"precious"


def test_refuses_an_existing_file_unless_forced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(b"old report")
    target.chmod(0o640)
    with pytest.raises(OutputError, match=r"already exists.*--force"):
        write_atomically(target, b"new report")
    assert target.read_bytes() == b"old report"
    write_atomically(target, b"new report", force=True)
    assert target.read_bytes() == b"new report"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_refuses_a_dangling_symlink_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputError, match="already exists"):
        write_atomically(target, b"x")
    assert not (tmp_path / "nowhere").exists()


def test_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="directory"):
        write_atomically(tmp_path, b"x", force=True)


def test_refuses_a_pipe_even_when_forced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomically(fifo, b"x", force=True)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_write_failing_midway_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    real_fdopen = os.fdopen

    class HalfWriter:
        """A stream that writes half of what it is given, then fails like a full disk."""

        def __init__(self, stream: Any) -> None:
            self.stream = stream

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(OutputError, match="No space left"):
        write_atomically(target, b"x" * 10_000)
    assert not target.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [OSError(5, "Input/output error"), KeyboardInterrupt()])
def test_a_failure_before_the_rename_keeps_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(b"the old report, whole")

    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises((OutputError, KeyboardInterrupt)):
        write_atomically(target, b"the new report", force=True)
    assert target.read_bytes() == b"the old report, whole"
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_during_the_write_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    real_fsync = os.fsync

    def fsync_then_race(descriptor: int) -> None:
        real_fsync(descriptor)
        if not target.exists():
            target.write_bytes(b"someone else's file")

    monkeypatch.setattr(output.os, "fsync", fsync_then_race)
    with pytest.raises(OutputError, match="already exists"):
        write_atomically(target, b"ours")
    assert target.read_bytes() == b"someone else's file"
    assert leftovers(tmp_path) == []


def test_check_output_path_accepts_a_new_file_next_to_the_inputs(inputs: tuple[Path, Path]) -> None:
    check_output_path(inputs[0].parent / "report.html", inputs=inputs)


# --------------------------------------------------------------------------------------------
# Through the command line


def test_cli_refuses_an_output_that_names_an_input(
    runner: typer.testing.CliRunner, inputs: tuple[Path, Path]
) -> None:
    old, new = inputs
    before = (old.read_bytes(), new.read_bytes())
    for target in (old, new, new.parent / "." / new.name):
        result = runner.invoke(app, ["compare", str(old), str(new), "-o", str(target)])
        line = one_line_error(result)
        assert "never writes over an input" in line
        # The redline refuses a .txt name before it looks further; either way, nothing written.
        result = runner.invoke(app, ["redline", str(old), str(new), "-o", str(target), "--force"])
        assert "-o" in one_line_error(result)
    assert (old.read_bytes(), new.read_bytes()) == before


def test_cli_refuses_a_bad_output_before_doing_the_work(
    runner: typer.testing.CliRunner, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("compared although the output was refused")

    monkeypatch.setattr(importlib.import_module("revdiff.compare"), "compare_documents", no_work)
    old, new = inputs
    result = runner.invoke(app, ["compare", str(old), str(new), "-o", str(old)])
    assert "never writes over an input" in one_line_error(result)


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json", "docx"])
def test_cli_refuses_an_existing_output_unless_forced(
    runner: typer.testing.CliRunner, inputs: tuple[Path, Path], fmt: str
) -> None:
    old, new = inputs
    target = old.parent / f"report.{fmt}"
    target.write_bytes(b"keep me")
    args = ["compare", str(old), str(new), "-f", fmt, "-o", str(target), "--date", DATE]
    line = one_line_error(runner.invoke(app, args))
    assert str(target) in line and "--force" in line
    assert target.read_bytes() == b"keep me"
    result = runner.invoke(app, [*args, "--force"])
    assert result.exit_code == 1, result.stderr  # the seeds differ
    assert target.read_bytes() != b"keep me"
    assert leftovers(target.parent) == []


def test_cli_redline_refuses_an_existing_output_unless_forced(
    runner: typer.testing.CliRunner, inputs: tuple[Path, Path]
) -> None:
    old, new = inputs
    target = old.parent / "redline.docx"
    target.write_bytes(b"keep me")
    args = ["redline", str(old), str(new), "-o", str(target), "--date", DATE]
    assert "already exists" in one_line_error(runner.invoke(app, args))
    assert target.read_bytes() == b"keep me"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 1
    assert zipfile.is_zipfile(target)


def test_cli_refuses_a_directory_as_output(
    runner: typer.testing.CliRunner, inputs: tuple[Path, Path]
) -> None:
    old, new = inputs
    result = runner.invoke(app, ["compare", str(old), str(new), "-o", str(old.parent)])
    assert "directory" in one_line_error(result)


def test_cli_a_renderer_failing_leaves_no_output(
    runner: typer.testing.CliRunner, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(importlib.import_module("revdiff.render"), "render_comparison", broken)
    old, new = inputs
    target = old.parent / "report.html"
    result = runner.invoke(app, ["compare", str(old), str(new), "-f", "html", "-o", str(target)])
    assert "internal error" in one_line_error(result)
    assert not target.exists()
    assert leftovers(old.parent) == []


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_cli_a_disk_failing_midway_leaves_no_partial_output(
    runner: typer.testing.CliRunner,
    inputs: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    """The file is open and half written when the disk fails: no partial file, no temporary."""

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", disk_full)
    old, new = inputs
    target = old.parent / f"report.{fmt}"
    args = ["compare", str(old), str(new), "-f", fmt, "-o", str(target), "--date", DATE]
    line = one_line_error(runner.invoke(app, args))
    assert str(target) in line and "No space left" in line
    assert not target.exists()
    assert leftovers(old.parent) == []


def test_cli_debug_shows_the_traceback_and_still_exits_2(
    runner: typer.testing.CliRunner, inputs: tuple[Path, Path]
) -> None:
    old, _ = inputs
    result = runner.invoke(app, ["compare", str(old), str(old), "-o", str(old), "--debug"])
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert "OutputError" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("revdiff: ")


# --------------------------------------------------------------------------------------------
# Hostile text reaches every output literally, and never as markup or control codes


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Every report of comparing a plain resolution with one full of markup, control codes and
    scripts (the clauses come from fixtures/bad)."""
    from revdiff import compare, render
    from revdiff.redline import write_redline_file

    folder = tmp_path_factory.mktemp("hostile")
    old = folder / "old.txt"
    new = folder / "new.txt"
    head, _, _ = (BAD / "markup-injection.txt").read_text(encoding="utf-8").partition("resolves\n")
    clauses = []
    for name in ("markup-injection.txt", "control-chars.txt", "scripts.txt"):
        body = (BAD / name).read_text(encoding="utf-8").partition("resolves\n")[2]
        # Split on LF only: these clauses hold NEL, U+2028 and other line separators.
        clauses += [line.split("\t", 1)[1] for line in body.split("\n") if line]
    old.write_text(head + "resolves\n1\tto stay plain;\n", encoding="utf-8")
    new.write_text(
        head + "resolves\n" + "".join(f"{i}\t{c}\n" for i, c in enumerate(clauses, 1)),
        encoding="utf-8",
    )
    comparison = compare(old, new)
    reports: dict[str, Any] = {fmt: render(comparison, fmt) for fmt in ("text", "md", "html")}
    reports["json"] = render(comparison, "json")
    redline = folder / "redline.docx"
    from revdiff.redline import parse_revision_date

    write_redline_file(comparison, redline, date=parse_revision_date(DATE))
    reports["docx"] = redline
    reports["comparison"] = comparison
    yield reports


def test_reports_carry_no_terminal_escape_or_control_code(hostile_reports: dict[str, Any]) -> None:
    for fmt in ("text", "md", "html", "json"):
        report: str = hostile_reports[fmt]
        assert "\x1b" not in report, fmt
        controls = {ch for ch in report if ord(ch) < 32 and ch not in "\t\n"}
        controls |= {ch for ch in report if 0x7F <= ord(ch) < 0xA0}
        assert not controls, (fmt, sorted(map(hex, map(ord, controls))))


def test_html_report_escapes_markup_from_the_inputs(hostile_reports: dict[str, Any]) -> None:
    html: str = hostile_reports["html"]
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert" in html
    assert "<w:p>" not in html


def test_text_report_shows_rich_markup_literally(hostile_reports: dict[str, Any]) -> None:
    text: str = hostile_reports["text"]
    assert "[bold red]loudly[/bold red]" in text
    assert "close [/] nothing" in text


def test_json_report_keeps_every_script_and_symbol(hostile_reports: dict[str, Any]) -> None:
    data = json.loads(hostile_reports["json"])
    flat = json.dumps(data, ensure_ascii=False)
    for sample in (
        "لحماية",
        "להגן",
        "保护电信业务用户",
        "Cafe\u0301",
        "𝕌𝕟𝕚𝕔𝕠𝕕𝕖",
        "👩‍👩‍👧‍👦",
        "<script>alert('revdiff')</script>",
        "{0} {name} %s",
    ):
        assert sample in flat, sample


def test_word_redline_is_valid_xml_and_shows_the_text(hostile_reports: dict[str, Any]) -> None:
    from lxml import etree

    with zipfile.ZipFile(hostile_reports["docx"]) as package:
        document = package.read("word/document.xml")
    root = etree.fromstring(document)  # raises on any character XML forbids
    words = "".join(root.itertext())
    assert "<script>alert('revdiff')</script>" in words
    assert "<w:p><w:r><w:t>to inject a Word paragraph</w:t></w:r></w:p>" in words
    assert "保护电信业务用户" in words
    assert "\x1b" not in words
