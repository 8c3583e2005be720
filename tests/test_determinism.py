"""Determinism (issue 6, part 7): every output format is byte-identical across runs for the same
inputs and options, in the same process and in fresh processes with different hash seeds (set
and dict orders of strings change with PYTHONHASHSEED, so any order that leaks from one shows)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bad_fixtures import BAD, DATE, REPO, SEED_NEW, SEED_OLD, cli_runner

from revdiff.cli import app

CASES = REPO / "fixtures" / "cases"
FORMATS = ("text", "md", "html", "json", "docx")


def pairs() -> list[tuple[Path, Path]]:
    """Input pairs that exercise every path: the seeds, a Word file as the new version (the
    redline is built on it), odd scripts and markup, and every hand-checked case (moves,
    splits, merges, renumbering)."""
    found = [
        (SEED_OLD, SEED_NEW),
        (SEED_OLD, BAD / "base.docx"),
        (BAD / "markup-injection.txt", BAD / "scripts.txt"),
        (BAD / "duplicate-clauses.txt", BAD / "identical-1000.txt"),
    ]
    for case in sorted(CASES.iterdir()) if CASES.is_dir() else []:
        if (case / "old.txt").is_file() and (case / "new.txt").is_file():
            found.append((case / "old.txt", case / "new.txt"))
    return found


RENDER_ALL = textwrap.dedent(
    """
    import hashlib, json, sys
    from datetime import UTC, datetime
    from pathlib import Path
    import revdiff
    from revdiff.redline import build_redline, read_base
    from revdiff.render.outline import render_outline_json, render_outline_text

    date = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    digests = {}
    for line in sys.stdin.read().splitlines():
        old, new = map(Path, line.split("\\t"))
        comparison = revdiff.compare(old, new)
        outputs = {
            fmt: revdiff.render(comparison, fmt).encode() for fmt in ("text", "md", "html", "json")
        }
        outputs["all"] = revdiff.render(comparison, "text", show_all=True).encode()
        outputs["docx"] = build_redline(comparison, base=read_base(comparison), date=date)
        outputs["outline"] = render_outline_json(comparison.new).encode()
        outputs["outline-text"] = render_outline_text(comparison.old).encode()
        for fmt, data in outputs.items():
            digests[f"{line} {fmt}"] = hashlib.sha256(data).hexdigest()
    print(json.dumps(digests, sort_keys=True))
    """
)


def render_everything(hash_seed: str) -> dict[str, str]:
    """Every output of every pair, rendered in a fresh process: digests by pair and format."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    lines = "\n".join(f"{old}\t{new}" for old, new in pairs())
    done = subprocess.run(
        [sys.executable, "-c", RENDER_ALL],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    digests: dict[str, str] = json.loads(done.stdout)
    return digests


def test_every_output_is_identical_across_processes_and_hash_seeds() -> None:
    runs = [render_everything(seed) for seed in ("0", "1", "4242")]
    assert len(runs[0]) == len(pairs()) * 8
    for other in runs[1:]:
        differing = sorted(key for key in runs[0] if runs[0][key] != other[key])
        assert not differing, differing


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_cli_writes_the_same_bytes_twice(tmp_path: Path, fmt: str) -> None:
    runner = cli_runner()
    outputs = []
    for attempt in range(2):
        target = tmp_path / f"report-{attempt}.{fmt}"
        args = ["compare", str(SEED_OLD), str(SEED_NEW), "-f", fmt, "-o", str(target)]
        result = runner.invoke(app, [*args, "--date", DATE])
        assert result.exit_code == 1, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"report-0" not in outputs[0]  # the output's own name never leaks into it


def run_cli(args: list[str], hash_seed: str, cwd: Path, **env: str) -> bytes:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_COLOR": "1", **env}
    if "SOURCE_DATE_EPOCH" not in env:
        environment.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(
        [sys.executable, "-m", "revdiff", *args],
        capture_output=True,
        env=environment,
        cwd=cwd,
    )
    assert done.returncode == 1, done.stderr.decode()
    return done.stdout


@pytest.mark.parametrize("fmt", ["docx", "text"])
def test_the_cli_in_separate_processes_with_other_hash_seeds(tmp_path: Path, fmt: str) -> None:
    digests = set()
    for seed in ("0", "99"):
        target = tmp_path / f"out-{seed}.{fmt}"
        args = ["compare", str(SEED_OLD), str(BAD / "base.docx"), "-f", fmt, "-o", str(target)]
        run_cli([*args, "--date", DATE], seed, tmp_path)
        digests.add(hashlib.sha256(target.read_bytes()).hexdigest())
    assert len(digests) == 1


def test_source_date_epoch_fixes_the_redline_date(tmp_path: Path) -> None:
    digests = set()
    for seed in ("3", "7"):
        target = tmp_path / f"redline-{seed}.docx"
        args = ["redline", str(SEED_OLD), str(SEED_NEW), "-o", str(target)]
        run_cli(args, seed, tmp_path, SOURCE_DATE_EPOCH="1700000000")
        digests.add(hashlib.sha256(target.read_bytes()).hexdigest())
    assert len(digests) == 1


def test_stdout_reports_are_identical_across_hash_seeds(tmp_path: Path) -> None:
    outputs = {
        run_cli(["compare", str(SEED_OLD), str(SEED_NEW), "-f", "md"], seed, tmp_path)
        for seed in ("5", "6")
    }
    assert len(outputs) == 1
