"""Regenerate the CLI reference in README.md from the commands' own --help.

    python scripts/update_readme_help.py          rewrite the block between the markers
    python scripts/update_readme_help.py --check  exit 1 if the README is out of date

tests/test_cli_docs.py runs the check, so the README cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- BEGIN CLI HELP -->"
END = "<!-- END CLI HELP -->"
WIDTH = 100


def command_names() -> list[str]:
    from revdiff.cli import app

    return [command.name or command.callback.__name__ for command in app.registered_commands]  # type: ignore[union-attr]


def help_text(arguments: list[str]) -> str:
    from typer.testing import CliRunner

    from revdiff.cli import app

    runner = CliRunner()
    result = runner.invoke(
        app, [*arguments, "--help"], env={"COLUMNS": str(WIDTH), "NO_COLOR": "1", "TERM": "dumb"}
    )
    if result.exit_code != 0:
        raise SystemExit(f"revdiff {' '.join(arguments)} --help failed: {result.output}")
    return "\n".join(line.rstrip() for line in result.output.strip().splitlines())


def reference() -> str:
    parts = ["### `revdiff`", "", "```", help_text([]), "```"]
    for name in command_names():
        parts += ["", f"### `revdiff {name}`", "", "```", help_text([name]), "```"]
    return "\n".join(parts)


def updated_readme(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + reference() + "\n" + text[end:]


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new_text = updated_readme(text)
    if "--check" in argv:
        if new_text != text:
            print("README.md: the CLI reference is out of date; run scripts/update_readme_help.py")
            return 1
        return 0
    README.write_text(new_text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
