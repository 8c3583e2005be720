"""Hostile and broken inputs (issue 6): every file in fixtures/bad/ ends in a result or a clear
refusal, through the Python API and through the command line; comparisons of odd pairs work.

The table in fixtures/bad/make_bad.py says what each file must do; the big files (100 MB of
text, zip bombs, 2,000 identical clauses) are made here, in a temporary folder.
"""

from __future__ import annotations

import importlib
import json
import shutil
import socket
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from bad_fixtures import (
    BAD,
    DATE,
    SEED_NEW,
    SEED_OLD,
    check_document,
    cli_runner,
    load_make_bad,
    one_line_error,
)
from lxml import etree

import revdiff
from revdiff import errors
from revdiff.cli import app
from revdiff.errors import RevdiffError
from revdiff.model import ChangeKind, Document

make_bad = load_make_bad()
BAD_FILES = {bad.name: bad for bad in make_bad.BAD_FILES}
runner = cli_runner()


def load_outcome(path: Path, **options: object) -> Document | RevdiffError:
    """`revdiff.load`, with a RevdiffError returned rather than raised (anything else raises)."""
    try:
        return revdiff.load(path, **options)  # type: ignore[arg-type]
    except RevdiffError as error:
        return error


# --------------------------------------------------------------------------------------------
# The fixtures themselves


def test_the_committed_fixtures_are_exactly_what_the_script_makes() -> None:
    for path, data in make_bad.outputs():
        assert path.is_file(), f"{path.name} missing: run python fixtures/bad/make_bad.py"
        assert path.read_bytes() == data, f"{path.name} stale: run python fixtures/bad/make_bad.py"


def test_every_file_in_the_folder_is_in_the_table() -> None:
    present = {p.name for p in BAD.iterdir() if p.is_file()} - {"make_bad.py", "README.md"}
    assert present == set(BAD_FILES)


def test_the_readme_has_a_line_for_every_file() -> None:
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    for name in BAD_FILES:
        assert f"| `{name}` |" in readme
    for name, _, _ in make_bad.BIG_FILES:
        assert f"| `{name}` |" in readme


# --------------------------------------------------------------------------------------------
# One test per file, through the API and through the CLI


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_through_the_api(name: str) -> None:
    bad = BAD_FILES[name]
    path = BAD / name
    outcome = load_outcome(path)
    if isinstance(outcome, RevdiffError):
        assert bad.outcome != make_bad.LOAD, f"{name} must load, but: {outcome}"
        if bad.error is not None:
            assert isinstance(outcome, getattr(errors, bad.error)), repr(outcome)
        assert outcome.path == str(path)
        assert outcome.problem and outcome.fix
        message = outcome.message.lower()
        if bad.mentions:
            assert any(word in message for word in bad.mentions), (bad.mentions, message)
        assert "\n" not in outcome.message
    else:
        assert bad.outcome != make_bad.REFUSE, f"{name} must be refused, but it loaded"
        check_document(outcome)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_through_the_cli(name: str, tmp_path: Path) -> None:
    path = BAD / name
    refused = isinstance(load_outcome(path), RevdiffError)
    shown = runner.invoke(app, ["show", str(path)])
    compared = runner.invoke(app, ["compare", str(SEED_NEW), str(path), "-f", "json"])
    # The redline is built on the new version when it is a Word file: the file is read again.
    target = tmp_path / "redline.docx"
    redlined = runner.invoke(
        app, ["redline", str(SEED_OLD), str(path), "-o", str(target), "--date", DATE]
    )
    if refused:
        one_line_error(shown, path)
        one_line_error(compared, path)
        one_line_error(redlined, path)
        assert compared.stdout == ""
        assert not target.exists()
    else:
        assert shown.exit_code == 0, shown.stderr
        assert shown.stdout.strip()
        assert compared.exit_code in (0, 1), compared.stderr
        json.loads(compared.stdout)
        if redlined.exit_code == 2 and BAD_FILES[name].outcome == make_bad.EITHER:
            # Reading every part for the redline may find what loading did not need to read.
            one_line_error(redlined, path)
        else:
            assert redlined.exit_code in (0, 1), redlined.stderr
            with zipfile.ZipFile(target) as package:
                etree.fromstring(package.read("word/document.xml"))


@pytest.mark.parametrize(
    "name", [n for n, bad in sorted(BAD_FILES.items()) if bad.outcome != make_bad.LOAD][:3]
)
def test_debug_shows_the_traceback_of_a_refusal_and_still_exits_2(name: str) -> None:
    path = BAD / name
    if not isinstance(load_outcome(path), RevdiffError):
        pytest.skip(f"{name} loads")
    result = runner.invoke(app, ["show", str(path), "--debug"])
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"revdiff: {path}")


# --------------------------------------------------------------------------------------------
# Word files: what the table cannot say


def test_a_macro_document_loads_its_text_and_never_its_macro() -> None:
    document = revdiff.load(BAD / "macro.docm")
    assert len(document.clauses) == len(revdiff.load(SEED_NEW).clauses)
    shown = runner.invoke(app, ["show", str(BAD / "macro.docm"), "--format", "json"])
    assert shown.exit_code == 0
    assert "revdiff-macro-ran" not in shown.stdout and "AutoOpen" not in shown.stdout
    assert any("macro" in warning.lower() for warning in document.warnings)


def test_the_good_word_file_has_the_seeds_clauses() -> None:
    word, text = revdiff.load(BAD / "base.docx"), revdiff.load(SEED_NEW)
    assert [(c.id, c.label, c.text) for c in word.clauses] == [
        (c.id, c.label, c.text) for c in text.clauses
    ]
    # The clauses and metadata lines match; the Word file has no FOREWORD and only a short
    # footnote that nothing refers to, which the comparison rightly reports.
    comparison = revdiff.compare(text, word)
    assert not any(c.is_change for c in comparison.changes)
    assert not any(m.changed for m in comparison.metadata)


def test_zip_slip_entries_are_never_written_anywhere(tmp_path: Path) -> None:
    targets = [Path("/tmp/revdiff-zip-slip"), Path("/tmp/revdiff-zip-slip-absolute")]
    for target in targets:
        target.unlink(missing_ok=True)
    copy = tmp_path / "deep" / "er" / "zip-slip.docx"
    copy.parent.mkdir(parents=True)
    shutil.copy(BAD / "zip-slip.docx", copy)
    revdiff.load(copy)
    assert not any(target.exists() for target in targets)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["deep", "er", "zip-slip.docx"]


def test_no_entity_is_ever_resolved() -> None:
    for name in ("xxe-file.docx", "xxe-in-styles.docx", "xxe-in-footnotes.docx"):
        outcome = load_outcome(BAD / name)
        if isinstance(outcome, Document):
            assert "root:" not in json.dumps([c.text for c in outcome.clauses])


def test_an_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    """The parameter entity points at a server listening here: nothing may connect to it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        port = server.getsockname()[1]
        path = tmp_path / "xxe-network.docx"
        path.write_bytes(make_bad.make_xxe_network(f"http://127.0.0.1:{port}/revdiff.dtd"))
        outcome = load_outcome(path)
        server.setblocking(False)
        with pytest.raises(BlockingIOError):
            server.accept()  # a connection attempt would be waiting here
    assert isinstance(outcome, errors.CorruptFileError)


def test_max_size_limits_the_decompressed_document_too() -> None:
    path = BAD / "big-document.docx"  # 40 kB on disk, 3 MB of XML inside
    assert path.stat().st_size < 1024 * 1024
    assert isinstance(load_outcome(path), Document)
    result = runner.invoke(app, ["show", str(path), "--max-size", "1M"])
    assert "--max-size" in one_line_error(result, path)
    result = runner.invoke(app, ["compare", str(path), str(path), "--max-size", "1M"])
    one_line_error(result, path)
    assert runner.invoke(app, ["show", str(path), "--max-size", "5M"]).exit_code == 0


def test_max_size_limits_text_inputs(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(SEED_NEW), "--max-size", "1K"])
    assert "--max-size" in one_line_error(result, SEED_NEW)
    result = runner.invoke(
        app,
        [
            "redline",
            str(SEED_OLD),
            str(SEED_NEW),
            "-o",
            str(tmp_path / "r.docx"),
            "--max-size",
            "2000",
        ],
    )
    one_line_error(result, SEED_OLD)
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize("value", ["abc", "0", "-5", "12Q", ""])
def test_a_bad_max_size_is_one_clear_line(value: str) -> None:
    result = runner.invoke(app, ["show", str(SEED_NEW), "--max-size", value])
    assert "--max-size" in one_line_error(result)


def test_a_generous_max_size_does_not_reserve_memory() -> None:
    result = runner.invoke(app, ["show", str(SEED_NEW), "--max-size", "1T"])
    assert result.exit_code == 0, result.stderr


PROBE = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from revdiff.errors import RevdiffError
    from revdiff.load import load_document
    outcome = ""
    try:
        document = load_document(Path(sys.argv[1]))
        outcome = f"loaded {len(document.clauses)} clauses"
        if len(sys.argv) > 2:  # then compare it with the file named there
            from revdiff.compare import compare_documents
            from revdiff.model import CompareOptions

            compare_documents(load_document(Path(sys.argv[2])), document, CompareOptions())
            outcome += ", compared"
    except RevdiffError as error:
        outcome += f", refused: {error}"
    print(outcome)
    # VmHWM is this process's own high-water mark; ru_maxrss survives exec on Linux and can
    # report the (large) pytest process that spawned us instead.
    try:
        status = Path("/proc/self/status").read_text()
        peak_kb = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1])
    except (OSError, StopIteration):
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(peak_kb // 1024)
    """
)


def probe(path: Path, *compare_with: Path) -> tuple[str, int]:
    """Load `path` in a fresh process (and compare it with `compare_with`): the outcome line
    and the peak memory in MB."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), *map(str, compare_with)],
        capture_output=True,
        text=True,
        check=True,
    )
    outcome, peak = done.stdout.strip().splitlines()
    return outcome.lstrip(", "), int(peak)


def test_a_zip_bomb_is_refused_before_it_is_decompressed(tmp_path: Path) -> None:
    bomb = make_bad.make_zip_bomb(tmp_path / "zip-bomb.docx")  # 300 MB inside
    assert bomb.stat().st_size < 2 * 1024 * 1024
    outcome, peak = probe(bomb)
    assert outcome.startswith("refused") and "--max-size" in outcome, outcome
    assert peak < 200, f"{peak} MB: the bomb was decompressed"
    one_line_error(runner.invoke(app, ["show", str(bomb)]), bomb)


def test_many_big_parts_are_never_all_decompressed(tmp_path: Path) -> None:
    bomb = make_bad.make_many_parts_bomb(tmp_path / "many-parts-bomb.docx")  # 300 MB in all
    outcome, peak = probe(bomb)
    assert outcome.startswith(("loaded", "refused")), outcome
    assert peak < 200, f"{peak} MB"


# --------------------------------------------------------------------------------------------
# Text files: what the table cannot say


@pytest.mark.parametrize(
    "name", ["mixed-line-endings.txt", "utf8-bom.txt", "utf16le-bom.txt", "utf16be-bom.txt"]
)
def test_encodings_and_line_ends_read_exactly_as_the_seed(name: str) -> None:
    seed, variant = revdiff.load(SEED_NEW), revdiff.load(BAD / name)
    assert [(c.id, c.text, c.footnotes) for c in variant.clauses] == [
        (c.id, c.text, c.footnotes) for c in seed.clauses
    ]
    assert runner.invoke(app, ["compare", str(SEED_NEW), str(BAD / name)]).exit_code == 0


def test_every_script_and_symbol_is_kept() -> None:
    document = revdiff.load(BAD / "scripts.txt")
    lines = (BAD / "scripts.txt").read_text(encoding="utf-8").splitlines()
    written = [line.split("\t", 1)[1] for line in lines if "\t" in line]
    texts = [clause.text for clause in document.clauses]
    for line in written:
        # Zero-width spaces are invisible hints and go; everything else a reader sees stays.
        assert line.replace("\u200b", "") in texts


def test_control_characters_never_reach_a_clause() -> None:
    document = revdiff.load(BAD / "control-chars.txt")
    check_document(document)
    assert any("clear the screen" in c.text for c in document.clauses)


def test_a_cp1252_file_is_read_with_a_warning() -> None:
    document = revdiff.load(BAD / "cp1252.txt")
    assert any("\u201cRéseau\u201d" in c.text for c in document.clauses)
    assert any("1252" in warning for warning in document.warnings)


@pytest.mark.parametrize("name", ["empty.txt", "whitespace-only.txt"])
def test_an_empty_file_is_an_empty_document_with_a_warning(name: str) -> None:
    document = revdiff.load(BAD / name)
    assert document.clauses == ()
    assert document.warnings


def test_duplicate_clauses_get_distinct_ids_and_a_warning() -> None:
    document = revdiff.load(BAD / "duplicate-clauses.txt")
    check_document(document)
    assert len(document.clauses) == 8
    assert document.warnings


def test_deep_label_nesting_loads_every_level() -> None:
    document = revdiff.load(BAD / "deep-nesting.txt")
    assert len(document.clauses) == 300
    assert max(c.depth for c in document.clauses) >= 100


def test_repeated_sections_keep_distinct_ids() -> None:
    document = revdiff.load(BAD / "repeated-sections.txt")
    assert len(document.sections) >= 2000
    check_document(document)


def test_a_single_one_megabyte_line_loads_and_compares(tmp_path: Path) -> None:
    old = make_bad.make_long_line_text(tmp_path / "long-line-1mb.txt")
    new = make_bad.make_long_line_text(tmp_path / "long-line-1mb-changed.txt", variant=1)
    assert old.stat().st_size > 1024 * 1024 - 1000
    comparison = revdiff.compare(old, new)
    (change,) = [c for c in comparison.changes if c.is_change]
    assert change.kind is ChangeKind.MODIFIED
    old_text = "".join(e.text for e in change.edits if e.op.value != "+")
    new_text = "".join(e.text for e in change.edits if e.op.value != "-")
    assert old_text == change.old[0].text and new_text == change.new[0].text
    result = runner.invoke(app, ["compare", str(old), str(new), "-f", "json"])
    assert result.exit_code == 1, result.stderr


def test_a_100_mb_text_loads_with_bounded_memory(tmp_path: Path) -> None:
    """The issue's bound: about a minute and at most 1.5 GB. Only the memory is asserted (the
    time depends on the machine; the figures are in the final report of issue 6)."""
    huge = make_bad.make_huge_text(tmp_path / "huge-100mb.txt")
    assert huge.stat().st_size >= 100 * 1024 * 1024
    outcome, peak = probe(huge, SEED_NEW)
    # Read whole, then refused by compare: 500,000 "clauses" is no resolution.
    assert outcome.startswith("loaded") and "refused" in outcome, outcome
    assert "clauses" in outcome and str(huge) in outcome
    assert peak < 1536, f"{peak} MB"


# --------------------------------------------------------------------------------------------
# Comparisons of odd pairs


def test_identical_files_compare_with_exit_0(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED_NEW, copy)
    for pair in ((SEED_NEW, copy), (SEED_NEW, SEED_NEW), (BAD / "base.docx", BAD / "base.docx")):
        result = runner.invoke(app, ["compare", *map(str, pair)])
        assert result.exit_code == 0, result.stderr
        comparison = revdiff.compare(*pair)
        assert not comparison.has_differences
        assert {c.kind for c in comparison.changes} == {ChangeKind.UNCHANGED}


def test_an_empty_file_against_a_full_one_adds_everything() -> None:
    empty, full = BAD / "empty.txt", SEED_NEW
    comparison = revdiff.compare(empty, full)
    assert comparison.summary.added == len(comparison.new.clauses) == 32
    assert comparison.summary.deleted == 0
    backwards = revdiff.compare(full, empty)
    assert backwards.summary.deleted == 32 and backwards.summary.added == 0
    for fmt in ("text", "md", "html", "json"):
        result = runner.invoke(app, ["compare", str(empty), str(full), "-f", fmt])
        assert result.exit_code == 1, result.stderr


def test_two_unrelated_documents_pair_nothing() -> None:
    comparison = revdiff.compare(SEED_NEW, BAD / "unrelated.txt")
    kinds = {change.kind for change in comparison.changes}
    assert kinds <= {ChangeKind.ADDED, ChangeKind.DELETED}
    assert comparison.summary.deleted == len(comparison.old.clauses)
    assert comparison.summary.added == len(comparison.new.clauses)


def test_a_resolution_against_a_non_resolution(tmp_path: Path) -> None:
    comparison = revdiff.compare(SEED_NEW, BAD / "non-resolution.txt")
    assert comparison.has_differences
    for fmt in ("text", "md", "html", "json"):
        assert revdiff.render(comparison, fmt)
    target = tmp_path / "redline.docx"
    args = ["redline", str(SEED_NEW), str(BAD / "non-resolution.txt"), "-o", str(target)]
    assert runner.invoke(app, [*args, "--date", DATE]).exit_code == 1
    assert target.stat().st_size > 0


def test_duplicate_clauses_compare_with_themselves_and_without_one_copy(tmp_path: Path) -> None:
    path = BAD / "duplicate-clauses.txt"
    assert not revdiff.compare(path, path).has_differences
    fewer = tmp_path / "fewer.txt"
    text = path.read_text(encoding="utf-8")
    fewer.write_text(text.replace("1\tto keep every copy;\n", "", 1), encoding="utf-8")
    comparison = revdiff.compare(path, fewer)
    assert comparison.summary.deleted == 1
    assert comparison.summary.unchanged == len(comparison.new.clauses)


def count_calls(action: object) -> int:
    """Python and C function calls made while `action` runs: work, not time."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        action()  # type: ignore[operator]
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize(
    ("old_text", "new_text"),
    [
        ("to do the same thing again;", "to do the same thing again;"),
        ("to do the same thing again;", "to do the same thing once again;"),
    ],
    ids=["identical", "all-reworded"],
)
def test_identical_clauses_compare_without_quadratic_work(old_text: str, new_text: str) -> None:
    """1,000 identical clauses against 2,000: doubling the clauses must not quadruple the work."""
    from revdiff.compare import compare_documents
    from revdiff.load.text import parse_text_blocks
    from revdiff.model import CompareOptions
    from revdiff.structure import parse_structure

    def document(text: str, count: int, name: str) -> Document:
        return parse_structure(parse_text_blocks(make_bad.resolution([text] * count), name))

    work = {}
    for count in (500, 1000):
        old = document(old_text, count, "old.txt")
        new = document(new_text, 2 * count, "new.txt")
        work[count] = count_calls(partial(compare_documents, old, new, CompareOptions()))
    assert work[1000] < 2.6 * work[500], work  # quadratic would be 4x
    comparison = revdiff.compare(BAD / "identical-1000.txt", BAD / "identical-1000.txt")
    assert comparison.summary.unchanged == 1000


def test_a_document_of_absurdly_many_clauses_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100 MB text holds 500,000 "clauses"; comparing it would take many minutes and 4 GB.
    The limit is lowered here so that 1,000 clauses stand for them."""
    options = revdiff.CompareOptions(max_clauses=999)
    cli = importlib.import_module("revdiff.cli")
    command_options = cli.compare_options
    monkeypatch.setattr(
        cli,
        "compare_options",
        lambda *given, **named: replace(command_options(*given, **named), max_clauses=999),
    )
    many = BAD / "identical-1000.txt"
    # Paths are refused while loading, as soon as the parse passes the limit ...
    with pytest.raises(errors.InputError, match="more than 999 clauses"):
        revdiff.compare(SEED_NEW, many, options)
    # ... and documents already loaded are refused by compare, with their count.
    with pytest.raises(errors.InputError, match="1,000 clauses"):
        revdiff.compare(revdiff.load(SEED_NEW), revdiff.load(many), options)
    for args in (
        ["compare", str(SEED_NEW), str(many)],
        ["redline", str(many), str(SEED_NEW), "-o", str(tmp_path / "r.docx")],
    ):
        assert "clauses" in one_line_error(runner.invoke(app, args), many)
    assert not (tmp_path / "r.docx").exists()
    assert runner.invoke(app, ["show", str(many)]).exit_code == 0  # reading it is fine


def test_a_document_of_too_much_text_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1.2 MB .docx can unpack to 190 MB of text: past MAX_TEXT_CHARS, compare refuses it
    instead of taking gigabytes. The limit is lowered here so that the seed stands for it."""
    compare_module = importlib.import_module("revdiff.compare")
    size = sum(len(c.text) for c in revdiff.load(SEED_NEW).clauses)
    monkeypatch.setattr(compare_module, "MAX_TEXT_CHARS", size // 2)
    with pytest.raises(errors.InputError, match="characters of text, more than the") as refused:
        revdiff.compare(SEED_OLD, SEED_NEW)
    assert refused.value.path in (str(SEED_OLD), str(SEED_NEW))
    message = one_line_error(
        runner.invoke(app, ["compare", str(SEED_NEW), str(SEED_NEW)]), SEED_NEW
    )
    assert "characters of text" in message


def test_a_paragraph_too_long_to_compare_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compare_module = importlib.import_module("revdiff.compare")
    monkeypatch.setattr(compare_module, "MAX_CLAUSE_CHARS", 1_000)
    long_one = tmp_path / "long-clause.txt"
    long_one.write_text(
        "RESOLUTION 99 (Geneva, 2022)\n\nA title\n\nconsidering\n\n"
        f"a)\t{'word ' * 300};\n\nb)\tshort,\n",
        encoding="utf-8",
    )
    with pytest.raises(errors.InputError, match=r"clause considering/a holds 1,50\d characters"):
        revdiff.compare(long_one, SEED_NEW)
    message = one_line_error(
        runner.invoke(app, ["compare", str(SEED_NEW), str(long_one)]), long_one
    )
    assert "split the paragraph" in message


def test_one_thousand_against_two_thousand_identical_clauses(tmp_path: Path) -> None:
    more = tmp_path / "identical-2000.txt"
    more.write_bytes(make_bad.make_identical_clauses(2000))
    comparison = revdiff.compare(BAD / "identical-1000.txt", more)
    assert comparison.summary.unchanged == 1000
    assert comparison.summary.added == 1000
