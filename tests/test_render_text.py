"""The terminal report: summary first, metadata apart, each change with its inline diff, labels,
marker and nature; colour only when wanted (NO_COLOR, FORCE_COLOR, a terminal), the width of the
terminal or COLUMNS, and readable ``[-…-]{+…+}`` marks without colour."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from render_samples import (
    control_comparison,
    de,
    eq,
    has_control,
    identical_comparison,
    ins,
    sample_comparison,
    seed_comparison,
)
from render_samples import single_change_comparison as one_change

from revdiff.render import render_comparison
from revdiff.render.text import render_text, wants_color

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(**options: object) -> str:
    return render_text(sample_comparison(), color=False, width=100, **options)  # type: ignore[arg-type]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_without_colour_there_are_no_escape_codes_and_runs_carry_marks() -> None:
    text = plain()
    assert "\x1b" not in text
    assert "Resolution 196 ([-Busan, 2014-]{+Rev. Dubai, 2018+}) of the Plenipotentiary;" in text


def test_in_colour_deletions_are_red_and_struck_insertions_green_and_underlined() -> None:
    text = render_text(sample_comparison(), color=True, width=100)
    assert "\x1b[9;31mBusan, 2014\x1b[0m" in text  # 9 strike, 31 red
    assert "\x1b[4;32mRev. Dubai, 2018\x1b[0m" in text  # 4 underline, 32 green
    assert "[-" not in ANSI.sub("", text)  # colour replaces the marks


def test_colour_follows_no_color_force_color_and_the_terminal() -> None:
    assert wants_color({}, _Tty()) is True
    assert wants_color({}, io.StringIO()) is False
    assert wants_color({"NO_COLOR": "1"}, _Tty()) is False
    assert wants_color({"NO_COLOR": "1", "FORCE_COLOR": "1"}, _Tty()) is False
    assert wants_color({"FORCE_COLOR": "1"}, io.StringIO()) is True
    assert wants_color({"NO_COLOR": ""}, _Tty()) is True  # an empty NO_COLOR does not count
    assert wants_color({"TERM": "dumb"}, _Tty()) is False


def test_render_comparison_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    assert "\x1b" not in render_comparison(sample_comparison(), "text")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert "\x1b[" in render_comparison(sample_comparison(), "text")
    assert "\x1b" not in render_comparison(sample_comparison(), "text", color=False)


@pytest.mark.parametrize("columns", [44, 60, 120])
def test_lines_fit_the_terminal_width_from_columns(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    comparison = seed_comparison()
    text = render_comparison(comparison, "text", color=False)
    ids = {clause.id for change in comparison.changes for clause in (*change.old, *change.new)}
    # A clause id longer than the line is drawn whole on a line of its own, never cut inside
    # (the terminal wraps it); every other line fits.
    wide = [line for line in text.splitlines() if len(line) > columns]
    assert all(line.strip() in ids for line in wide), wide
    widths = [len(line) for line in text.splitlines() if line not in wide]
    assert max(widths) <= columns
    assert max(widths) >= columns - 12  # the text does use the width it is given
    assert "…" not in text
    every = render_comparison(comparison, "text", color=False, show_all=True)
    assert all(clause_id in every for clause_id in ids)  # each id whole, however long


def test_lines_carry_no_trailing_spaces() -> None:
    for line in render_text(seed_comparison(), color=False, width=80).splitlines():
        assert line == line.rstrip()


def test_summary_comes_first_then_metadata_then_changes() -> None:
    text = plain()
    summary, metadata, changes = (
        text.index("Summary"),
        text.index("Metadata"),
        text.index("Changes"),
    )
    assert summary < metadata < changes
    assert re.search(r"Modified\s+3\n", text)
    assert re.search(r"Split\s+1\n", text)
    assert re.search(r"Metadata lines changed\s+3\n", text)


def test_metadata_changes_are_reported_apart() -> None:
    text = plain()
    metadata = text[text.index("Metadata\n") : text.index("Changes\n")]
    assert "Number line · citation" in metadata
    assert "[-RESOLUTION 99 (Hammamet, 2016)-]{+RESOLUTION 99 (Rev. Geneva, 2022)+}" in metadata
    assert "Title" not in metadata  # unchanged


def test_each_change_shows_marker_labels_ids_kind_and_nature() -> None:
    text = plain()
    assert "MOD    a)  recalling/a · modified · citation" in text
    assert "ADD    b)  recalling/b · added · substantive" in text
    assert "NOC    b) → c)  recalling/b → recalling/c · unchanged, renumbered" in text
    assert (
        "(MOD)  b) → a), b)  considering/b → considering/a + considering/b · split · editorial"
        in text
    )
    assert "MOD    a), b) → a)  noting/a + noting/b → noting/a · merged · substantive" in text
    assert "SUP    c)  noting/c · deleted · substantive" in text


def test_citation_updates_and_moves_are_explained() -> None:
    text = plain()
    assert "citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)" in text
    assert "moved from considering a)" in text
    assert "recognizing (new section)" in text


def test_unchanged_clauses_are_hidden_unless_show_all() -> None:
    assert "that study groups collaborate," not in plain()
    assert "1 unchanged clause not shown" in plain()
    everything = plain(show_all=True)
    assert "NOC    2  resolves/2 · unchanged" in everything
    assert "that study groups collaborate," in everything
    assert "not shown" not in everything


def test_whitespace_only_runs_are_visible() -> None:
    assert "to continue [-␣-]developing ITU[---]{+\u2011+}T" in plain()


def test_reconstruction_is_announced_only_when_it_applies() -> None:
    assert "labelled reconstruction, not the official text" in " ".join(plain().split())
    other = render_text(sample_comparison(reconstructed=False), color=False, width=100)
    assert "reconstruction" not in other


def test_identical_versions_say_there_is_no_difference() -> None:
    text = render_text(identical_comparison(), color=False, width=80)
    assert "No differences" in text


def test_rendering_is_deterministic_and_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    first = render_text(sample_comparison(), color=True, width=90)
    assert first == render_text(sample_comparison(), color=True, width=90)
    assert capsys.readouterr() == ("", "")


def test_clause_text_is_never_read_as_rich_markup() -> None:
    comparison = one_change([eq("keep [bold]this[/bold] "), de("[red]x[/]"), ins(":smile:")])
    text = render_text(comparison, color=False, width=100)
    assert "keep [bold]this[/bold] [-[red]x[/]-]{+:smile:+}" in text


def test_compare_writes_a_report_file_without_colour_even_when_forced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from revdiff.cli import app

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    case = Path(__file__).resolve().parents[1] / "fixtures" / "cases" / "citation-only"
    target = tmp_path / "report.txt"
    result = CliRunner().invoke(
        app, ["compare", str(case / "old.txt"), str(case / "new.txt"), "-o", str(target)]
    )
    assert result.exit_code == 1, result.output
    report = target.read_text(encoding="utf-8")
    assert "\x1b" not in report
    assert "[-Busan, 2014-]{+Rev. Dubai, 2018+}" in report


@pytest.mark.parametrize("color", [False, True])
def test_control_characters_in_clause_text_never_reach_the_terminal(color: bool) -> None:
    text = render_text(control_comparison(), color=color, width=100)
    assert not has_control(ANSI.sub("", text))
    assert "bell␇ esc␛[2J csi\ufffd31m del␡ cr␍ nul␀" in ANSI.sub("", text)
