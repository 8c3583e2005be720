"""Batch comparison of two folders: pairing by identity, statuses, reports, index, exit codes.

The folders are made here from the Res 84 seeds. Versions with another number are DERIVED FOR
TESTING ONLY (the seed with its number line changed); they are not ITU texts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from revdiff.batch import (
    BatchResult,
    document_identity,
    identity_sort_key,
    list_inputs,
    run_batch,
)
from revdiff.cli import app
from revdiff.errors import InputError, OutputError
from revdiff.load import load_document
from revdiff.render.batch import load_batch_schema

ROOT = Path(__file__).resolve().parents[1]
SEED_2016 = ROOT / "seeds" / "res84-hammamet-2016.reconstructed.tika.txt"
SEED_2022 = ROOT / "seeds" / "res84-geneva-2022.tika.txt"


def renumbered(seed: Path, number: int) -> str:
    """The seed as resolution `number` (a test derivative, not an ITU text)."""
    return re.sub(r"RESOLUTION 84\b", f"RESOLUTION {number}", seed.read_text(encoding="utf-8"))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """OLD: Res 84 (2016), Res 2 (2016), Res 9 (only here), a damaged file.
    NEW: Res 84 (2022), Res 2 (2016 text again), Res 10 (only here). File names never match."""
    old, new = tmp_path / "old", tmp_path / "new"
    write(old / "zz-first.txt", SEED_2016.read_text(encoding="utf-8"))
    write(old / "b.txt", renumbered(SEED_2016, 2))
    write(old / "gone.txt", renumbered(SEED_2016, 9))
    write(old / "broken.txt", b"\x00\x01\x02\x00binary\x00\x00")
    write(old / ".hidden.txt", "ignored")
    write(new / "aa.txt", SEED_2022.read_text(encoding="utf-8"))
    write(new / "res-two.txt", renumbered(SEED_2016, 2))
    write(new / "fresh.txt", renumbered(SEED_2022, 10))
    return old, new


def by_identity(result: BatchResult) -> dict[str | None, str]:
    return {entry.identity: entry.status for entry in result.entries}


def test_documents_are_paired_by_what_they_say_not_by_file_name(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = folders
    result = run_batch(old, new, tmp_path / "out", jobs=1)
    assert by_identity(result) == {
        "WTSA Resolution 2": "compared",
        "WTSA Resolution 9": "suppressed",
        "WTSA Resolution 10": "added",
        "WTSA Resolution 84": "compared",
        None: "error",
    }
    pair = next(e for e in result.entries if e.identity == "WTSA Resolution 84")
    assert (pair.old, pair.new) == (old / "zz-first.txt", new / "aa.txt")
    assert pair.has_differences and pair.summary is not None and pair.summary.modified == 5
    same = next(e for e in result.entries if e.identity == "WTSA Resolution 2")
    assert not same.has_differences
    assert result.exit_status == 2


def test_a_file_that_fails_to_load_is_an_error_with_its_message_and_the_batch_goes_on(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = folders
    result = run_batch(old, new, tmp_path / "out", jobs=1)
    (error,) = [e for e in result.entries if e.status == "error"]
    assert error.old == old / "broken.txt" and error.new is None
    assert error.error is not None and "broken.txt" in error.error and "To fix:" in error.error
    assert result.count("compared") == 2


def test_the_index_follows_the_batch_schema_and_links_every_report(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    import jsonschema

    old, new = folders
    out = tmp_path / "out"
    run_batch(old, new, out, jobs=1)
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(index, load_batch_schema())
    assert index["schema"] == "revdiff.batch/1"
    # Natural order of identities; the entry without one last.
    assert [p["identity"] for p in index["pairs"]] == [
        "WTSA Resolution 2",
        "WTSA Resolution 9",
        "WTSA Resolution 10",
        "WTSA Resolution 84",
        None,
    ]
    page = (out / "index.html").read_text(encoding="utf-8")
    for pair in index["pairs"]:
        if pair["status"] == "compared":
            report = out / pair["report"]
            assert report.is_file() and "<html" in report.read_text(encoding="utf-8")
            assert f'href="{pair["report"]}"' in page
        else:
            assert pair["report"] is None and pair["summary"] is None
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", "index.json"] + [p["report"] for p in index["pairs"] if p["report"]]
    )


def test_a_process_pool_gives_the_same_index_as_one_process(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = folders
    calls: list[tuple[str, int, int]] = []
    run_batch(old, new, tmp_path / "one", jobs=1)
    run_batch(
        old,
        new,
        tmp_path / "pool",
        jobs=2,
        progress=lambda phase, done, total: calls.append((phase, done, total)),
    )
    one = (tmp_path / "one" / "index.json").read_text(encoding="utf-8")
    pool = (tmp_path / "pool" / "index.json").read_text(encoding="utf-8")
    assert one == pool
    assert calls[0] == ("loading", 0, 7)
    assert ("loading", 7, 7) in calls and calls[-1] == ("comparing", 2, 2)


def test_reports_in_another_format(folders: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = folders
    out = tmp_path / "out"
    run_batch(old, new, out, jobs=1, report_format="json")
    report = json.loads((out / "wtsa-resolution-84.json").read_text(encoding="utf-8"))
    assert report["schema"] == "revdiff.report/1"


def test_word_redlines_as_reports(tmp_path: Path) -> None:
    import zipfile

    old, new = tmp_path / "old", tmp_path / "new"
    write(old / "r.txt", SEED_2016.read_text(encoding="utf-8"))
    write(new / "r.txt", SEED_2022.read_text(encoding="utf-8"))
    result = run_batch(old, new, tmp_path / "out", jobs=1, report_format="docx")
    (entry,) = result.entries
    assert entry.status == "compared" and entry.report == "wtsa-resolution-84.docx"
    with zipfile.ZipFile(tmp_path / "out" / entry.report) as package:
        assert b"<w:ins " in package.read("word/document.xml")


def test_identity_is_body_kind_and_number() -> None:
    assert document_identity(load_document(SEED_2022)) == "WTSA Resolution 84"
    keys = ["WTSA Resolution 10", None, "WTSA Resolution 2", "PP Resolution 1"]
    assert sorted(keys, key=identity_sort_key) == [
        "PP Resolution 1",
        "WTSA Resolution 2",
        "WTSA Resolution 10",
        None,
    ]


def test_files_that_are_not_resolutions_are_skipped_with_a_warning_not_an_error(
    tmp_path: Path,
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    write(old / "notes.md", "# Notes\n\nSome notes about the meeting.\nNothing more.")
    write(old / "README", "These folders hold the WTSA resolutions.")
    write(old / "logo.png", b"\x89PNG\r\n\x1a\n" + bytes(32))
    write(old / "r.txt", SEED_2022.read_text(encoding="utf-8"))
    write(new / "r.txt", SEED_2022.read_text(encoding="utf-8"))
    result = run_batch(old, new, tmp_path / "out", jobs=1)
    skipped = {e.old.name: e.error for e in result.entries if e.status == "skipped" and e.old}
    assert sorted(skipped) == ["README", "logo.png", "notes.md"]
    assert all(error and "skipped" in error for error in skipped.values())
    assert "no number line" in str(skipped["notes.md"]) and "PNG" in str(skipped["logo.png"])
    assert result.exit_status == 0  # nothing differs, and skipping is not trouble
    index = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(index, load_batch_schema())
    cli = CliRunner().invoke(
        app, ["batch", str(old), str(new), "-o", str(tmp_path / "cli"), "-j", "1"]
    )
    assert cli.exit_code == 0, cli.stderr
    warnings = [line for line in cli.stderr.splitlines() if line.startswith("revdiff: warning:")]
    assert len(warnings) == 3 and all("skipped" in line for line in warnings)
    assert "1 compared, 3 skipped" in cli.stderr


def test_quiet_and_exit_zero(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    write(old / "r.txt", SEED_2016.read_text(encoding="utf-8"))
    write(new / "r.txt", SEED_2022.read_text(encoding="utf-8"))
    args = ["batch", str(old), str(new), "-j", "1"]
    loud = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "a")])
    assert loud.exit_code == 1 and "1 compared; index:" in loud.stderr, loud.stderr
    quiet = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "b"), "-q", "--exit-zero"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_two_files_with_the_same_identity_in_one_folder_keep_the_first(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    write(old / "a.txt", SEED_2016.read_text(encoding="utf-8"))
    write(new / "a.txt", SEED_2022.read_text(encoding="utf-8"))
    write(new / "b.txt", SEED_2022.read_text(encoding="utf-8"))
    result = run_batch(old, new, tmp_path / "out", jobs=1)
    statuses = [(e.new.name if e.new else None, e.status) for e in result.entries]
    assert statuses == [("a.txt", "compared"), ("b.txt", "error")]


def test_identical_folders_exit_0_and_differences_exit_1(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    write(old / "r.txt", SEED_2022.read_text(encoding="utf-8"))
    write(new / "r.txt", SEED_2022.read_text(encoding="utf-8"))
    assert run_batch(old, new, tmp_path / "same", jobs=1).exit_status == 0
    write(old / "r.txt", SEED_2016.read_text(encoding="utf-8"))
    assert run_batch(old, new, tmp_path / "differ", jobs=1).exit_status == 1
    write(new / "s.txt", renumbered(SEED_2022, 3))
    write(old / "r.txt", SEED_2022.read_text(encoding="utf-8"))
    assert run_batch(old, new, tmp_path / "added", jobs=1).exit_status == 1


def test_output_inside_an_input_folder_or_not_empty_is_refused(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = folders
    with pytest.raises(OutputError, match="inside the input folder"):
        run_batch(old, new, old / "reports", jobs=1)
    out = write(tmp_path / "out" / "keep.txt", "mine").parent
    with pytest.raises(OutputError, match="not empty"):
        run_batch(old, new, out, jobs=1)
    run_batch(old, new, out, jobs=1, force=True)
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_missing_input_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        list_inputs(tmp_path / "nowhere")


# --------------------------------------------------------------------------------------------
# The command


def test_cli_batch_exits_2_when_a_file_failed_and_names_it(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = folders
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(old), str(new), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 2, result.output
    assert "broken.txt" in result.stderr and "index.html" in result.stderr
    assert result.stdout == ""
    assert (out / "index.json").is_file()


def test_cli_batch_exits_1_for_differences_with_a_pool(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    write(old / "r.txt", SEED_2016.read_text(encoding="utf-8"))
    write(new / "r.txt", SEED_2022.read_text(encoding="utf-8"))
    write(new / "s.txt", renumbered(SEED_2022, 3))
    result = CliRunner().invoke(
        app, ["batch", str(old), str(new), "-o", str(tmp_path / "out"), "-j", "2", "-f", "md"]
    )
    assert result.exit_code == 1, result.output
    assert (tmp_path / "out" / "wtsa-resolution-84.md").is_file()


def test_cli_batch_refuses_a_bad_output_folder_in_one_line(
    folders: tuple[Path, Path],
) -> None:
    old, new = folders
    result = CliRunner().invoke(app, ["batch", str(old), str(new), "-o", str(old / "x")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "To fix:" in result.stderr
