"""Issue 6 for text inputs: "no input may take more than about a minute or 1.5 GB of memory" at the
default --max-size of 200 MB. A text just under the limit goes through `revdiff show` (the JSON
outline written with -o), smaller ones through `show` and `compare` with the same memory per
megabyte of input; the clause limit refuses a document as soon as it finds one clause too many.

The CLI runs in a child process that reports its own peak memory (VmHWM); only memory is
asserted, never time (the times are in the issue's report).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from bad_fixtures import SEED_NEW, load_make_bad

from revdiff import structure
from revdiff.errors import InputError
from revdiff.load import load_document
from revdiff.load.text import parse_text_blocks
from revdiff.structure import parse_block_list, parse_structure

make_bad = load_make_bad()

MB = 1024 * 1024
LIMIT_MB = 1536  # the 1.5 GB, for an input of the default --max-size
DEFAULT_MAX_SIZE_MB = 200
INTERPRETER_MB = 64  # Python, revdiff and its imports before any input is read


def allowed_mb(input_bytes: int) -> int:
    """The issue's bound scaled to a smaller input: 1.5 GB per 200 MB, plus the interpreter."""
    return INTERPRETER_MB + LIMIT_MB * input_bytes // (DEFAULT_MAX_SIZE_MB * MB)


RUN_CLI = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from revdiff.cli import app
    try:
        app(sys.argv[1:], prog_name="revdiff")
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    # VmHWM is this process's own high-water mark (ru_maxrss can report the parent's).
    try:
        status = Path("/proc/self/status").read_text()
        peak_kb = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1])
    except (OSError, StopIteration):
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"\\npeak-mb {peak_kb // 1024}\\n")
    sys.exit(code)
    """
)


def run_cli(*args: str) -> tuple[int, str, str, int]:
    """`revdiff ARGS` in a fresh process: exit status, stdout, stderr and peak memory in MB."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, *args], capture_output=True, text=True, check=False
    )
    stderr, _, peak = done.stderr.rstrip("\n").rpartition("\npeak-mb ")
    return done.returncode, done.stdout, stderr.strip(), int(peak)


def seed_parts() -> tuple[str, str]:
    """The head (up to the first call) and the body make_huge_text repeats."""
    text = make_bad.seed_text()
    start = text.index("recalling")
    return text[:start], text[start:]


def expected_clauses(path: Path) -> int:
    """Clauses in a file make_huge_text wrote: the seed's, once per copy of its body (each copy
    of the body holds every clause of the seed; checked on a small file below)."""
    head, body = seed_parts()
    copies = -(-(path.stat().st_size - len(head.encode())) // len(body.encode()))
    return copies * len(load_document(SEED_NEW).clauses)


def test_each_copy_of_the_seed_body_adds_the_seed_clauses(tmp_path: Path) -> None:
    small = make_bad.make_huge_text(tmp_path / "small.txt", size=200_000)
    document = load_document(small)
    assert len(document.clauses) == expected_clauses(small) > 32


def json_counts(path: Path) -> dict[str, int]:
    with path.open("rb") as stream:
        stream.seek(-65536, 2)  # the counts, and the notices and members after them
        tail = stream.read().decode(errors="replace")
    start = tail.rindex('"counts": {') + 10
    counts: dict[str, int] = json.loads(tail[start : tail.index("}", start) + 1])
    return counts


def first_section(path: Path) -> str:
    """The first section of an outline JSON file, as text."""
    with path.open(encoding="utf-8") as stream:
        head = stream.read(200_000)
    start = head.index('"sections": [')
    return head[start : head.index("\n    }", start)]


@pytest.fixture(scope="module")
def near_limit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A text just under the default --max-size: the seed's body repeated (some 980,000
    clauses)."""
    path = tmp_path_factory.mktemp("big") / "huge-195mb.txt"
    make_bad.make_huge_text(path, size=195 * MB)
    return path


def test_the_json_outline_of_a_text_near_the_size_limit_stays_within_1_5_gb(
    near_limit: Path, tmp_path: Path
) -> None:
    out = tmp_path / "outline.json"
    code, stdout, stderr, peak = run_cli("show", str(near_limit), "-f", "json", "-o", str(out))
    assert code == 0, stderr
    assert stdout == ""
    assert peak < LIMIT_MB, f"{peak} MB"
    counts = json_counts(out)
    assert counts["clauses"] == expected_clauses(near_limit)
    assert counts["footnotes"] == 1
    # The first section is the seed's, as the small file's outline has it.
    head, _ = seed_parts()
    small = make_bad.make_huge_text(tmp_path / "small.txt", size=len(head.encode()) + 1)
    small_out = tmp_path / "small.json"
    assert run_cli("show", str(small), "-f", "json", "-o", str(small_out))[0] == 0
    assert first_section(out) == first_section(small_out)


@pytest.fixture(scope="module")
def forty_mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "huge-40mb.txt"
    make_bad.make_huge_text(path, size=40 * MB)
    return path


def test_the_text_outline_of_a_big_text_is_written_with_bounded_memory(
    forty_mb: Path, tmp_path: Path
) -> None:
    out = tmp_path / "outline.txt"
    code, _, stderr, peak = run_cli("show", str(forty_mb), "-o", str(out))
    assert code == 0, stderr
    assert peak < allowed_mb(forty_mb.stat().st_size), f"{peak} MB"
    with out.open("rb") as stream:
        stream.seek(-2000, 2)
        tail = stream.read().decode()
    assert f"{expected_clauses(forty_mb)} clauses, 1 footnote" in tail


def test_comparing_a_big_text_is_refused_with_bounded_memory(forty_mb: Path) -> None:
    code, stdout, stderr, peak = run_cli("compare", str(forty_mb), str(SEED_NEW))
    assert code == 2, stderr
    assert stdout == ""
    assert len(stderr.splitlines()) == 1 and str(forty_mb) in stderr and "clauses" in stderr
    assert peak < allowed_mb(forty_mb.stat().st_size), f"{peak} MB"


# --------------------------------------------------------------------------------------------
# The clause limit


def numbered(count: int) -> str:
    return make_bad.resolution([f"clause number {n};" for n in range(count)])


def test_the_clause_limit_allows_exactly_that_many_clauses() -> None:
    loaded = parse_text_blocks(numbered(40), "forty.txt")
    assert parse_structure(loaded, max_clauses=40) == parse_structure(loaded)
    with pytest.raises(InputError) as refusal:
        parse_structure(loaded, max_clauses=39)
    assert refusal.value.path == "forty.txt"
    assert "more than 39 clauses" in str(refusal.value)


def test_load_document_refuses_past_the_clause_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    path.write_text(numbered(2000), encoding="utf-8")
    assert len(load_document(path).clauses) == 2000
    with pytest.raises(InputError) as refusal:
        load_document(path, max_clauses=1000)
    assert str(path) in str(refusal.value) and "1,000 clauses" in str(refusal.value)


def test_the_parse_reads_the_blocks_it_is_given_once_and_leaves_them_unchanged() -> None:
    loaded = parse_text_blocks(numbered(5), "five.txt")
    blocks = list(loaded.blocks)
    document = parse_block_list(loaded, blocks)
    assert blocks == list(loaded.blocks)
    assert document == parse_structure(loaded) == parse_block_list(loaded, iter(blocks))


def test_the_clause_limit_stops_parsing_a_big_text_early(
    forty_mb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused at clause 50,001 of some 200,000: the clauses after it are never made."""
    made: list[object] = []
    append = structure._Builder._append

    def counting(self: structure._Builder, *args: Any) -> None:
        made.append(None)
        append(self, *args)

    monkeypatch.setattr(structure._Builder, "_append", counting)
    with pytest.raises(InputError) as refusal:
        load_document(forty_mb, max_clauses=50_000)
    assert len(made) == 50_001
    assert expected_clauses(forty_mb) > 4 * 50_000
    assert "more than 50,000 clauses" in str(refusal.value) and str(forty_mb) in str(refusal.value)
