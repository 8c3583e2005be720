"""`revdiff show`: the outline as text and JSON, and one clear stderr line for each bad input."""

from __future__ import annotations

import importlib
import json
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revdiff.cli import app
from revdiff.seeds import seed_paths

ITU_DOCX = Path(__file__).resolve().parents[2] / "shared" / "itu-docx"
DIRECTOR = "invites-the-director-of-the-telecommunication-standardization-bureau"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"})


def show(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["show", *args])
    return result.exit_code, result.stdout, result.stderr


def test_show_prints_the_outline_of_the_2022_seed(runner: CliRunner) -> None:
    code, out, err = show(runner, str(seed_paths()[1]))
    assert code == 0, err
    assert "RESOLUTION 84 (Rev.\u00a0Geneva, 2022)" in out
    assert "body:      WTSA" in out
    assert "[preamble] recalling" in out
    assert "[operative] invites Member States" in out
    assert "8 sections, 32 clauses, 1 footnote" in out
    assert "[^1] These include the least developed countries" in out
    assert "reconstruction" not in out
    assert err == ""


def test_show_says_the_2016_seed_is_a_reconstruction(runner: CliRunner) -> None:
    code, out, _ = show(runner, str(seed_paths()[0]))
    assert code == 0
    assert "reconstruction, not the official text" in out


def test_show_json_holds_every_clause_with_its_full_text(runner: CliRunner) -> None:
    code, out, err = show(runner, str(seed_paths()[1]), "--format", "json")
    assert code == 0, err
    outline = json.loads(out)
    assert outline["schema"] == "revdiff.outline/1"
    assert list(outline) == [
        "schema", "source", "format", "view", "reconstruction", "metadata", "front_matter",
        "sections", "footnotes", "warnings", "counts", "document", "notices", "language",
        "detached_proposals",
    ]  # fmt: skip
    assert all(
        list(section) == ["id", "heading", "kind", "title", "clauses"]
        for section in outline["sections"]
    )
    assert outline["format"] == "text" and outline["view"] == "accepted"
    assert outline["reconstruction"] is False
    assert outline["counts"] == {"sections": 8, "clauses": 32, "footnotes": 1}
    assert outline["metadata"]["year"] == 2022 and outline["metadata"]["body"] == "WTSA"
    assert outline["front_matter"][0] == "FOREWORD"
    clauses = [clause for section in outline["sections"] for clause in section["clauses"]]
    assert len(clauses) == 32
    assert set(clauses[0]) == {
        "id", "section", "label", "text", "parent", "depth", "footnotes", "line", "proposal"
    }  # fmt: skip
    by_id = {clause["id"]: clause for clause in clauses}
    item = by_id[f"{DIRECTOR}/2"]
    assert item["section"] == DIRECTOR and item["label"] == "2"
    assert item["footnotes"][0]["mark"] == "1"
    assert item["footnotes"][0]["text"].startswith("These include the least developed countries")
    assert by_id["recalling/a"]["text"].startswith("Resolution\u00a0196 (Rev. Dubai, 2018)")
    assert "\\u00a0" not in out  # ensure_ascii=False: the text is as written


def test_show_json_is_deterministic(runner: CliRunner) -> None:
    first = show(runner, str(seed_paths()[0]), "-f", "json")[1]
    assert show(runner, str(seed_paths()[0]), "-f", "json")[1] == first


def test_show_reads_a_real_itu_word_file(runner: CliRunner) -> None:
    docx = ITU_DOCX / "wtsa-res1-hammamet-2016.docx"
    if not docx.is_file():
        pytest.skip(f"needs {ITU_DOCX} (ITU Word files, not shipped in the package)")
    code, out, err = show(runner, str(docx), "-f", "json")
    assert code == 0, err
    outline = json.loads(out)
    assert outline["format"] == "docx"
    assert [s["id"] for s in outline["sections"]][:3] == ["considering", "resolves", "section-1"]


def test_show_reads_both_views_of_a_file_with_tracked_changes(runner: CliRunner) -> None:
    docx = ITU_DOCX / "itu-t-g-imp8101-2018-tracked-changes.docx"
    if not docx.is_file():
        pytest.skip(f"needs {ITU_DOCX} (ITU Word files, not shipped in the package)")
    outlines = {}
    for view in ("accepted", "original"):
        code, out, err = show(runner, str(docx), "-f", "json", "--view", view)
        assert code == 0, err
        outlines[view] = json.loads(out)
        assert outlines[view]["view"] == view
    texts = {
        view: " ".join(c["text"] for s in outline["sections"] for c in s["clauses"])
        for view, outline in outlines.items()
    }
    # 376 deletions against 5 insertions: the original view holds much more text.
    assert len(texts["original"]) > len(texts["accepted"])


def test_show_of_an_empty_file_prints_an_empty_outline_with_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, _ = show(runner, str(path))
    assert code == 0
    assert "0 sections, 0 clauses" in out
    assert "empty" in out


# --------------------------------------------------------------------------------------------
# Errors: exit 2, one line on stderr naming the file and the fix, no traceback


def assert_one_clear_error(code: int, out: str, err: str, path: Path, words: str) -> None:
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0]
    assert words in lines[0]
    assert "To fix:" in lines[0]
    assert "Traceback" not in err


def test_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    assert_one_clear_error(*show(runner, str(path)), path, "no such file")


def test_a_directory(runner: CliRunner, tmp_path: Path) -> None:
    assert_one_clear_error(*show(runner, str(tmp_path)), tmp_path, "is a directory")


def test_an_unreadable_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("recalling\n", encoding="utf-8")
    path.chmod(0)
    # Root reads anything; make the refusal happen the way it does for everyone else.
    # The package attribute revdiff.load is the public function; the module is in sys.modules.
    loader = importlib.import_module("revdiff.load")
    monkeypatch.setattr(loader.os, "access", lambda *_args, **_kwargs: False)
    try:
        assert_one_clear_error(*show(runner, str(path)), path, "permission denied")
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "legacy Word .doc"),
        ("renamed.doc", b"plain text really", "does not read .doc"),
        ("notes.rtf", b"{\\rtf1\\ansi hello}", "RTF"),
    ],
)
def test_unsupported_formats_say_how_to_convert(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = show(runner, str(path))
    assert_one_clear_error(code, out, err, path, words)
    assert ".docx" in err


def test_a_pdf_without_pdf_support_installed_is_unsupported(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n%binary")
    monkeypatch.setitem(sys.modules, "revdiff.load.pdf", None)  # as if never installed
    code, out, err = show(runner, str(path))
    assert_one_clear_error(code, out, err, path, "cannot read PDF files")
    assert "pip install pypdf" in err


def test_an_opendocument_file_is_unsupported(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "draft.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    code, out, err = show(runner, str(path))
    assert_one_clear_error(code, out, err, path, "OpenDocument")


def test_binary_data_named_txt_is_not_text(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert_one_clear_error(*show(runner, str(path)), path, "does not look like text")


def test_a_file_over_the_size_limit(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("recalling\n" * 200, encoding="utf-8")
    code, out, err = show(runner, str(path), "--max-size", "1K")
    assert_one_clear_error(code, out, err, path, "--max-size")


class _ReaderGoneAfter:
    """A stdout whose reader goes away after `lines` writes, as under `revdiff show … | head`."""

    def __init__(self, lines: int) -> None:
        self.lines = lines
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes > self.lines:
            raise BrokenPipeError(32, "Broken pipe")
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        raise OSError("no file descriptor")


@pytest.mark.parametrize("format", ["text", "json"])
def test_show_stops_making_the_outline_once_the_reader_has_gone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, format: str
) -> None:
    from revdiff import cli
    from revdiff.load import load_document
    from revdiff.render.outline import iter_outline_json, iter_outline_text

    clauses = "\n".join(f"{n}\tclause number {n} of a long resolution;" for n in range(1, 20001))
    source = tmp_path / "long.txt"
    source.write_text(f"RESOLUTION 9 (Geneva, 2022)\n\nresolves\n{clauses}\n", encoding="utf-8")
    render = iter_outline_json if format == "json" else iter_outline_text
    assert sum(1 for _ in render(load_document(source))) > 10  # the outline comes in many pieces
    stdout = _ReaderGoneAfter(lines=3)
    monkeypatch.setattr(sys, "stdout", stdout)
    cli.show(file=source, format=cli.OutputFormat(format))  # no exception, no exit status 2
    assert stdout.writes == 4  # three pieces, the one that found the pipe gone, and no more


def test_show_prints_a_proposal_documents_header_markers_and_reasons(runner: CliRunner) -> None:
    proposal = Path(__file__).resolve().parent.parent / "fixtures" / "forms" / "proposal-wtsa.txt"
    code, out, _ = show(runner, str(proposal))
    assert code == 0
    assert "proposal:  MOD APT/37A1/1" in out
    assert "proposal document:\n  document:    37-E\n" in out
    assert "[ADD APT/37A1/2]" in out and "[SUP APT/37A1/3 — Reasons: To align" in out
    assert "Warnings" not in out


def test_show_lists_what_was_not_understood_in_text_and_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "fragment.txt"
    source.write_text("noting\na)\tone;\nc)\ttwo,\n", encoding="utf-8")
    code, out, _ = show(runner, str(source))
    assert code == 0
    assert f"{source}: line 1: no number line in the first 2,000 paragraphs" in out
    assert f"{source}: line 3: label 'c)' follows 'a)'" in out
    code, out, _ = show(runner, str(source), "--format", "json")
    notices = json.loads(out)["notices"]
    assert [(n["code"], n["line"]) for n in notices] == [
        ("no-number-line", 1),
        ("label-sequence", 3),
    ]
