"""Batch over volumes: a PDF that holds many resolutions (Proceedings, Final Acts) on either side
of a batch, against another volume or a folder. Each resolution of a volume is one input, named
``volume.pdf#84``, paired by identity as a folder's files are. The volumes are made at test time
by LibreOffice in a fixture font (fixtures/pdf/make_pdf.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from test_pdf_loader import make_pdf, needs_libreoffice  # fixtures/pdf/make_pdf.py, loaded once
from typer.testing import CliRunner

from revdiff.batch import run_batch
from revdiff.cli import app
from revdiff.compare import compare_files
from revdiff.model import BatchEntry, BatchStatus, CompareOptions, OutputFormat

LIMIT = 10**9


def resolution(number: str, year: str, resolves: list[str]) -> str:
    """A short WTSA resolution as text, one paragraph a line."""
    lines = [
        f"RESOLUTION {number} (Rev. Geneva, {year})",
        f"Work of the assembly on topic {number}",
        f"(Hammamet, 2016; Geneva, {year})",
        f"The World Telecommunication Standardization Assembly (Geneva, {year}),",
        "recalling",
        "a)\tResolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference, on protecting "
        "telecommunication service users;",
        "b)\tthe International Telecommunication Regulations,",
        "resolves",
        *(f"{i}\t{text}" for i, text in enumerate(resolves, start=1)),
    ]
    return "\n".join(lines) + "\n"


STUDY = "to continue the studies of the study groups on this topic, with the regions;"
REPORT = "that the Director report to the next assembly on the progress made."
OLD = {
    "1": resolution("1", "2022", [STUDY, REPORT]),
    "84": resolution("84", "2022", [STUDY, REPORT]),
    "50": resolution("50", "2022", [STUDY]),
}
NEW = {
    "1": OLD["1"],
    "84": resolution("84", "2022", [STUDY.replace("regions", "regional groups"), REPORT]),
    "99": resolution("99", "2022", [REPORT]),
}


def write_texts(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, text in texts.items():
        path = folder / f"res{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def volumes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """old.pdf (Res 1, 84, 50), new.pdf (Res 1, 84 changed, 99) and new/ (the same as text)."""
    needs_libreoffice()
    folder = tmp_path_factory.mktemp("volumes")
    word = []
    for name, texts in (("old", OLD), ("new", NEW)):
        sources = write_texts(folder / f"{name}-texts", texts)
        make_pdf.build_docx(sources, folder / f"{name}.docx")
        word.append(folder / f"{name}.docx")
    made = {Path(p).name for p in make_pdf.convert(word, folder, work=folder / "work")}
    assert made == {"old.pdf", "new.pdf"}
    return folder / "old.pdf", folder / "new.pdf", folder / "new-texts"


def statuses(entries: Sequence[BatchEntry]) -> dict[str, str]:
    return {str(entry.identity): entry.status.value for entry in entries}


EXPECTED = {
    "WTSA Resolution 1": "compared",
    "WTSA Resolution 50": "suppressed",
    "WTSA Resolution 84": "compared",
    "WTSA Resolution 99": "added",
}


def test_two_volumes_are_paired_resolution_by_resolution(
    volumes: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    old_pdf, new_pdf, _ = volumes
    seen: list[tuple[str, int, int]] = []
    result = run_batch(
        old_pdf,
        new_pdf,
        tmp_path / "out",
        jobs=1,
        report_format=OutputFormat.JSON,
        progress=lambda phase, done, total: seen.append((phase, done, total)),
    )
    assert statuses(result.entries) == EXPECTED
    by_identity = {entry.identity: entry for entry in result.entries}
    res84 = by_identity["WTSA Resolution 84"]
    assert res84.has_differences and not by_identity["WTSA Resolution 1"].has_differences
    assert (str(res84.old), str(res84.new)) == (f"{old_pdf}#84", f"{new_pdf}#84")
    assert str(by_identity["WTSA Resolution 50"].old) == f"{old_pdf}#50"
    assert by_identity["WTSA Resolution 99"].old is None
    # Each volume's pages are reported once each, in order, under its own name.
    for pdf in (old_pdf, new_pdf):
        pages = [(done, total) for phase, done, total in seen if phase == f"reading {pdf.name}"]
        assert pages == [(n, pages[-1][1]) for n in range(1, pages[-1][1] + 1)]
    index = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    listed = {pair["identity"]: pair for pair in index["pairs"]}
    assert listed["WTSA Resolution 84"]["old"] == f"{old_pdf}#84"
    report_path = tmp_path / "out" / listed["WTSA Resolution 84"]["report"]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert (report["old"]["source"], report["new"]["source"]) == (
        f"{old_pdf}#84",
        f"{new_pdf}#84",
    )
    assert f"{new_pdf}#84" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("volume_side", ["old", "new"])
def test_a_volume_is_paired_with_a_folder_on_either_side(
    volumes: tuple[Path, Path, Path], tmp_path: Path, volume_side: str
) -> None:
    old_pdf, _, new_texts = volumes
    old_texts = tmp_path / "old-texts"
    write_texts(old_texts, OLD)
    if volume_side == "old":
        result = run_batch(old_pdf, new_texts, tmp_path / "out", jobs=2)
        assert statuses(result.entries) == EXPECTED
        assert result.exit_status == 1
    else:  # the folder of old texts against the old volume: the same three resolutions
        result = run_batch(old_texts, old_pdf, tmp_path / "out", jobs=1)
        assert statuses(result.entries) == dict.fromkeys(
            ("WTSA Resolution 1", "WTSA Resolution 50", "WTSA Resolution 84"), "compared"
        )
        assert [str(entry.new) for entry in result.entries] == [
            f"{old_pdf}#1",
            f"{old_pdf}#50",
            f"{old_pdf}#84",
        ]


def test_a_volume_reads_as_the_texts_it_was_made_from(
    volumes: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    old_pdf, _, _ = volumes
    old_texts = tmp_path / "old-texts"
    write_texts(old_texts, OLD)
    result = run_batch(old_texts, old_pdf, tmp_path / "out", jobs=1)
    assert [entry.has_differences for entry in result.entries] == [False, False, False]


def test_the_command_reads_a_volume_and_says_what_it_found(
    volumes: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    old_pdf, new_pdf, _ = volumes
    out = tmp_path / "out"
    ran = CliRunner().invoke(app, ["batch", str(old_pdf), str(new_pdf), "-o", str(out)])
    assert ran.exit_code == 1, ran.output
    assert "2 compared, 1 added, 1 suppressed" in ran.stderr
    assert (out / "wtsa-resolution-84.html").is_file()


def test_compare_with_a_resolution_reports_the_pages_it_reads(
    volumes: tuple[Path, Path, Path],
) -> None:
    old_pdf, new_pdf, _ = volumes
    pages: list[tuple[int, int]] = []
    comparison = compare_files(
        old_pdf,
        new_pdf,
        CompareOptions(resolution="84"),
        progress=lambda page, total: pages.append((page, total)),
    )
    assert comparison.has_differences
    assert comparison.new.source == str(new_pdf)
    assert pages and all(total >= page for page, total in pages)


# Errors: one line each, without LibreOffice.


def run_cli(*args: str) -> tuple[int, list[str]]:
    ran = CliRunner().invoke(app, ["batch", *args])
    return ran.exit_code, ran.stderr.splitlines()


def test_a_file_that_is_not_a_pdf_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    notes = tmp_path / "notes.txt"
    notes.write_text("RESOLUTION 1\n", encoding="utf-8")
    code, lines = run_cli(str(notes), str(tmp_path / "new"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert lines == [
        f"revdiff: {notes}: this is a file, but not a PDF, nor a folder. To fix: give a folder "
        "of resolutions, or a PDF that holds many (Proceedings, Final Acts)."
    ]


def test_a_missing_volume_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    missing = tmp_path / "proceedings.pdf"
    code, lines = run_cli(str(missing), str(tmp_path / "new"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert lines == [f"revdiff: {missing}: no such file. To fix: check the spelling and the path."]


def test_a_damaged_volume_is_an_error_entry_and_the_batch_goes_on(tmp_path: Path) -> None:
    damaged = tmp_path / "old.pdf"
    damaged.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    new = tmp_path / "new"
    write_texts(new, {"84": NEW["84"]})
    result = run_batch(damaged, new, tmp_path / "out", jobs=1)
    assert [(e.status, e.old) for e in result.entries] == [
        (BatchStatus.ADDED, None),
        (BatchStatus.ERROR, damaged),
    ]
    (error,) = [e.error for e in result.entries if e.error]
    assert error.startswith(f"{damaged}: ") and "\n" not in error
    code, lines = run_cli(str(damaged), str(new), "-o", str(tmp_path / "out2"))
    assert code == 2
    assert [line for line in lines if line.startswith("revdiff: ")] == [f"revdiff: {error}"]


def test_a_pdf_without_a_number_line_is_an_error_entry(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    blank = tmp_path / "blank.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with blank.open("wb") as handle:
        writer.write(handle)
    (tmp_path / "new").mkdir()
    result = run_batch(blank, tmp_path / "new", tmp_path / "out", jobs=1)
    (entry,) = result.entries
    assert entry.status is BatchStatus.ERROR and entry.old == blank
    assert entry.error == (
        f"{blank}: no resolution found: no line of its own reads RESOLUTION N (…). To fix: "
        "check that this is a volume of resolutions, or give a folder that holds it."
    )
