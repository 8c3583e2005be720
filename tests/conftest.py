"""Fixtures shared by the test modules.

Helper modules in tests/ (strategies.py for Hypothesis, bad_fixtures.py, render_samples.py, …)
are imported by their bare name, ``from strategies import documents``: pytest puts tests/ on
the import path, so the name works under ``pytest`` and ``python -m pytest`` alike, and each
helper is imported once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "fixtures" / "cases"
SEEDS = REPO / "seeds"
ITU_DOCX = REPO.parent / "shared" / "itu-docx"
ITU_DOCX_MISSING = (
    f"needs {ITU_DOCX} (ITU Word files, not shipped in the package; "
    "see that folder's README.md for where they come from)"
)
CLI_ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
"""The CLI tests' environment: no colour, a fixed width of 100 columns."""


@pytest.fixture(scope="session")
def repo() -> Path:
    """The top of the source checkout."""
    return REPO


@pytest.fixture(scope="session")
def seed_paths() -> tuple[Path, Path]:
    """The bundled old (2016, reconstructed) and new (2022) versions of Res 84."""
    from revdiff.seeds import seed_paths

    return seed_paths()


@pytest.fixture(scope="session")
def itu_docx() -> Path:
    """The folder of real ITU Word files beside the checkout; the test skips without it."""
    if not ITU_DOCX.is_dir():
        pytest.skip(ITU_DOCX_MISSING)
    return ITU_DOCX


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the revdiff CLI in-process, colour off and 100 columns wide: ``cli("compare", a, b)``.
    The result has `exit_code`, `stdout` and `stderr` apart."""
    from revdiff.cli import app

    runner = CliRunner(env=CLI_ENV)

    def invoke(*args: object, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], input=input, color=False)

    return invoke
