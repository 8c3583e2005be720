"""The README documents every command, and its CLI reference is the commands' own --help."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from typer.testing import CliRunner

from revdiff.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _load_updater():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "update_readme_help", ROOT / "scripts" / "update_readme_help.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_command_has_help_text_and_an_example() -> None:
    runner = CliRunner()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
        assert result.exit_code == 0, name
        assert "Example:" in result.output, f"revdiff {name} --help gives no example"


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"revdiff {name}" in readme


def test_the_readme_cli_reference_matches_the_help() -> None:
    updater = _load_updater()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert updater.updated_readme(readme) == readme, (
        "README.md's CLI reference is out of date: run python scripts/update_readme_help.py"
    )
