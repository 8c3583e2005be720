"""Helpers shared by the hostile-input tests: the fixtures/bad/make_bad.py script as a module,
the CLI runner, and the checks every failure and every loaded document must pass."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import fields
from pathlib import Path
from types import ModuleType
from typing import Any

import typer.testing

from revdiff.model import Document

REPO = Path(__file__).resolve().parents[1]
BAD = REPO / "fixtures" / "bad"
SEED_NEW = REPO / "seeds" / "res84-geneva-2022.tika.txt"
SEED_OLD = REPO / "seeds" / "res84-hammamet-2016.reconstructed.tika.txt"
DATE = "2024-01-02T03:04:05Z"


def load_make_bad() -> ModuleType:
    """fixtures/bad/make_bad.py, imported once (fixtures/ is not a package)."""
    if "make_bad" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_bad"] = module  # dataclasses look their module up while being made
        spec.loader.exec_module(module)
    return sys.modules["make_bad"]


def cli_runner() -> typer.testing.CliRunner:
    return typer.testing.CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"})


def one_line_error(result: Any, path: Path | None = None) -> str:
    """The single stderr line of a failed CLI run: exit 2, no traceback, the file, the fix."""
    assert result.exit_code == 2, (result.exit_code, result.stdout[-500:], result.stderr[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    line = lines[0]
    assert line.startswith("revdiff: ")
    assert ". To fix: " in line and line.endswith(".")
    if path is not None:
        assert str(path) in line
    return line


def is_control(ch: str) -> bool:
    """C0 and C1 control characters other than tab and line feed."""
    code = ord(ch)
    return (code < 0x20 and ch not in "\t\n") or 0x7F <= code < 0xA0


def check_document(document: Document) -> None:
    """What every loaded document guarantees, however hostile its file was."""
    ids = [clause.id for clause in document.clauses]
    assert len(ids) == len(set(ids)), "clause ids repeat"
    section_ids = [section.id for section in document.sections]
    assert len(section_ids) == len(set(section_ids)), "section ids repeat"
    texts = [clause.text for clause in document.clauses]
    texts += [note.text for clause in document.clauses for note in clause.footnotes]
    texts += [
        v
        for f in fields(document.metadata)
        if isinstance(v := getattr(document.metadata, f.name), str)
    ]
    for text in texts:
        assert not any(is_control(ch) for ch in text), repr(text[:200])
        assert "\ufeff" not in text, repr(text[:200])
