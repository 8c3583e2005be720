"""`revdiff --help` draws its option panels without importing rich's Markdown and traceback
modules, and typer still gets the real classes if it ever uses them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from typer.testing import CliRunner

from revdiff.cli import app


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "PATH": ""},
    )


def test_help_skips_the_heavy_rich_modules_and_draws_the_same_panels() -> None:
    done = _run(
        """
        import sys
        from revdiff.cli import main
        sys.argv = ["revdiff", "compare", "--help"]
        try:
            main()
        except SystemExit:
            pass
        print("LOADED", sorted(m for m in ("rich.markdown", "rich.traceback") if m in sys.modules))
        """
    )
    assert done.returncode == 0, done.stderr
    help_text, _, loaded = done.stdout.rpartition("LOADED ")
    assert loaded.strip() == "[]"
    assert "Output" in help_text and "--format" in help_text
    runner = CliRunner()
    full = runner.invoke(app, ["compare", "--help"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert help_text == full.output


def test_stand_ins_give_the_real_classes_and_leave_sys_modules() -> None:
    done = _run(
        """
        import sys
        from revdiff.cli_lazy import defer_heavy_help_imports
        defer_heavy_help_imports()
        import typer.rich_utils as utils
        print("markdown" in sys.modules.get("rich.markdown", sys).__name__)
        made = utils.Markdown("*x*")
        import rich.markdown, rich.traceback
        print(type(made) is rich.markdown.Markdown)
        print(utils.Traceback.from_exception == rich.traceback.Traceback.from_exception)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "True"]
