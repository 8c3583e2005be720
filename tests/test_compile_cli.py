"""`revdiff compile` and `revdiff compile-batch` through the CLI: formats, names, exit status,
and a whole assembly paired by identity."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO

RES84 = REPO / "fixtures" / "compile" / "res84"
BASE = RES84 / "base-res84-geneva-2022.txt"
PROPOSALS = [RES84 / f"{name}-res84.txt" for name in ("apt", "cept", "atu", "citel")]

Cli = Callable[..., Result]


def test_compile_prints_the_touched_rows_and_exits_1(cli: Cli) -> None:
    result = cli("compile", BASE, *PROPOSALS, "--names", "APT,CEPT,ATU,CITEL")
    assert result.exit_code == 1, result.stderr
    assert "resolves/4" in result.stdout and "conflict" in result.stdout
    assert "noting/b" in result.stdout and "mixed" in result.stdout
    assert "recalling/b" not in result.stdout  # untouched rows are counted, not listed


def test_a_proposal_identical_to_the_base_exits_0(cli: Cli) -> None:
    result = cli("compile", BASE, BASE, "--names", "SAME")
    assert result.exit_code == 0, result.stderr
    assert "untouched" in result.stdout


@pytest.mark.parametrize("extension", ["json", "md", "html", "docx", "txt"])
def test_the_output_file_name_picks_the_format(cli: Cli, tmp_path: Path, extension: str) -> None:
    target = tmp_path / f"compilation.{extension}"
    result = cli("compile", BASE, *PROPOSALS[:2], "-o", target)
    assert result.exit_code == 1, result.stderr
    assert f"Wrote {target}" in result.stderr
    data = target.read_bytes()
    if extension == "json":
        parsed = json.loads(data)
        assert parsed["schema"] == "revdiff.compilation/1"
        # Named by their file names when no --names and no document header says otherwise.
        assert [p["name"] for p in parsed["proposals"]] == ["apt-res84", "cept-res84"]
    elif extension == "docx":
        assert data[:2] == b"PK"
    elif extension == "html":
        assert data.startswith(b"<!DOCTYPE html>")


def test_wrong_number_of_names_is_trouble(cli: Cli) -> None:
    result = cli("compile", BASE, *PROPOSALS[:2], "--names", "APT")
    assert result.exit_code == 2
    assert "1 names for 2 proposals" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_proposal_is_one_line_and_status_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("compile", BASE, tmp_path / "nowhere.txt")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nowhere.txt" in result.stderr


def test_compile_batch_pairs_an_assembly_by_identity(cli: Cli, tmp_path: Path) -> None:
    base_dir, apt, cept, out = (tmp_path / n for n in ("wtsa-22", "APT", "CEPT", "out"))
    for folder in (base_dir, apt, cept):
        folder.mkdir()
    shutil.copy(BASE, base_dir / "R084.txt")
    shutil.copy(REPO / "seeds" / "res84-geneva-2022.tika.txt", apt / "whatever-name.txt")
    shutil.copy(PROPOSALS[1], cept / "cept-84.txt")
    # A proposer's draft of a resolution the base folder does not hold.
    new_text = BASE.read_text(encoding="utf-8").replace("RESOLUTION 84", "RESOLUTION 999", 1)
    (cept / "draft-new.txt").write_text(new_text, encoding="utf-8")
    result = cli("compile-batch", base_dir, apt, cept, "-o", out)
    assert result.exit_code == 1, result.stderr
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["schema"] == "revdiff.compile-batch/1"
    by_status = {entry["status"]: entry for entry in index["entries"]}
    compiled = by_status["compiled"]
    assert [p["name"] for p in compiled["proposals"]] == ["APT", "CEPT"]
    assert compiled["rows"]["conflict"] == 0 and compiled["rows"]["changed"] >= 1
    assert (out / compiled["report"]).is_file()
    assert "999" in (by_status["new"]["identity"] or "")
    assert (out / "index.html").is_file()
