"""Huge Word files (issue 6): a document.xml just under the --max-size limit is read within
1.5 GB, because the loader streams the body instead of building one tree of it.

The files are written here, into a temporary folder, by `write_big_docx`: it streams the XML
into the zip part by part, so the test itself never holds the document. Each file is read by the
CLI in a child process, which reports its own peak memory (VmHWM). Nothing is timed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from bad_fixtures import REPO, load_make_bad

import revdiff
from revdiff.errors import RevdiffError
from revdiff.load import read_input
from revdiff.model import Document, LoadedText, View
from revdiff.ooxml import package as ooxml_package
from revdiff.render.outline import render_outline_text

make_bad = load_make_bad()
FIXTURES = REPO / "fixtures"
ITU_DOCX = REPO.parent / "shared" / "itu-docx"

SHAPES = ("paragraphs", "huge-paragraphs", "tracked", "table")
TRACK = 'w:id="{id}" w:author="Editor" w:date="2024-01-02T03:04:05Z"'


def _split_seed() -> tuple[list[str], list[str], list[str]]:
    """The seed's lines as (head, clauses, styles of the clauses): the head is everything before
    the first clause ("recalling"), the clauses the part a big file repeats."""
    lines = make_bad.plain_seed_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("recalling"))
    styles = [make_bad.style_of(line, i) for i, line in enumerate(lines)]
    return lines[:start], lines[start:], styles[start:]


def _tracked_paragraph(line: str, style: str | None, serial: int) -> str:
    """A paragraph whose accepted text is `line`, with every other word a tracked insertion and
    a tracked deletion of "old" after every third word."""
    runs = []
    for index, word in enumerate(line.split(" ")):
        text = escape(word if index == 0 else " " + word)
        run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        if index % 2:
            run = f"<w:ins {TRACK.format(id=serial * 1000 + index)}>{run}</w:ins>"
        runs.append(run)
        if index % 3 == 2:
            runs.append(
                f"<w:del {TRACK.format(id=serial * 1000 + 500 + index)}><w:r>"
                '<w:delText xml:space="preserve"> old</w:delText></w:r></w:del>'
            )
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def _body_chunks(shape: str, repetitions: int) -> Iterator[str]:
    """The body of a document in the given shape: the seed's head, then its clauses (numbered
    by repetition) `repetitions` times, then "to end."."""
    head, clauses, styles = _split_seed()
    for i, line in enumerate(head):
        yield make_bad.paragraph_xml(line, make_bad.style_of(line, i))
    if shape == "table":
        yield "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    for serial in range(1, repetitions + 1):
        if shape == "paragraphs":
            piece = "".join(
                make_bad.paragraph_xml(f"{serial}.{line}", style)
                for line, style in zip(clauses, styles, strict=True)
            )
        elif shape == "tracked":
            piece = "".join(
                _tracked_paragraph(f"{serial}.{line}", style, serial)
                for line, style in zip(clauses, styles, strict=True)
            )
        elif shape == "huge-paragraphs":
            # One clause of about 8 MB: the seed's clauses run together, 2,000 runs at a time.
            text = escape(" ".join(clauses)) + " "
            run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
            runs = run * max(1, (8 * 1024 * 1024) // len(run))
            piece = f"<w:p><w:r><w:t>{serial}.\tclause</w:t></w:r>{runs}</w:p>"
        elif shape == "table":
            cells = [
                f"<w:tc><w:p><w:r><w:t>{serial}.{i}</w:t></w:r></w:p></w:tc>"
                f"<w:tc>{make_bad.paragraph_xml(line, style)}</w:tc>"
                for i, (line, style) in enumerate(zip(clauses, styles, strict=True))
            ]
            piece = "".join(f"<w:tr>{cell}</w:tr>" for cell in cells)
        else:
            raise ValueError(shape)
        yield piece
    if shape == "table":
        yield "</w:tbl>"
    yield make_bad.paragraph_xml("to end.")


def repetitions_for(shape: str, size: int) -> int:
    """How many repetitions of the seed's clauses make a document.xml of about `size` bytes."""
    pieces = list(_body_chunks(shape, 1))
    return max(1, size // len(pieces[-2 if shape != "table" else -3]))


def write_big_docx(path: Path, shape: str, size: int = 190 * 1024 * 1024) -> Path:
    """Write a .docx whose document.xml holds about `size` bytes in `shape` (one of SHAPES),
    streamed into the zip so that only one piece is in memory at a time."""
    return write_docx(path, shape, repetitions_for(shape, size))


def write_docx(path: Path, shape: str, repetitions: int) -> Path:
    """Write a .docx of the seed's clauses `repetitions` times in `shape`, streamed into the zip."""
    parts = make_bad.docx_parts()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=make_bad.ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name != "word/document.xml":
                archive.writestr(info, data)
                continue
            with archive.open(info, "w", force_zip64=True) as stream:
                stream.write(
                    f'{make_bad.XML_HEAD}<w:document xmlns:w="{make_bad.W}" '
                    f'xmlns:r="{make_bad.R}"><w:body>'.encode()
                )
                for chunk in _body_chunks(shape, repetitions):
                    stream.write(chunk.encode())
                stream.write(b"<w:sectPr/></w:body></w:document>")
    return path


PEAK = textwrap.dedent(
    """
    import runpy, sys
    from pathlib import Path
    sys.argv = ["revdiff", *sys.argv[1:]]
    try:
        runpy.run_module("revdiff", run_name="__main__")
    except SystemExit as exit:
        code = exit.code
    else:
        code = 0
    # VmHWM is this process's own high-water mark (ru_maxrss survives exec).
    status = Path("/proc/self/status").read_text()
    peak_kb = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1])
    print(f"exit={code} peak_mb={peak_kb // 1024}", file=sys.stderr)
    """
)


def run_cli(*args: str) -> tuple[int, str, str, int]:
    """Run `revdiff *args` in a child process: exit code, stdout, stderr and peak memory (MB)."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *args], capture_output=True, text=True, check=False
    )
    *errors, last = done.stderr.strip().splitlines()
    exit_part, peak_part = last.split()
    return (
        int(exit_part.split("=")[1]),
        done.stdout,
        "\n".join(errors),
        int(peak_part.split("=")[1]),
    )


def outcome(path: Path, view: View) -> LoadedText | RevdiffError:
    try:
        return read_input(path, view=view)
    except RevdiffError as error:
        return error


def run_cli_to(output: Path, *args: str) -> tuple[int, str, int]:
    """Run `revdiff *args` in a child process with its stdout in `output`: the exit code, the
    stderr and the child's peak memory in MB (so the test never holds the output)."""
    with output.open("wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-c", PEAK, *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    *errors, last = done.stderr.strip().splitlines()
    exit_part, peak_part = last.split()
    return int(exit_part.split("=")[1]), "\n".join(errors), int(peak_part.split("=")[1])


def outline_totals(document: Document) -> tuple[int, int, int]:
    """What the last line of `revdiff show` counts: sections, clauses and footnotes."""
    footnotes = sum(len(clause.footnotes) for clause in document.clauses)
    return len(document.sections), len(document.clauses), footnotes


def test_a_190_mb_document_with_tracked_changes_is_shown_within_the_memory_bound(
    tmp_path: Path,
) -> None:
    """Issue 6: a document.xml just under the 200 MB default limit, every paragraph full of
    tracked insertions and deletions (the densest XML of the shapes measured: 2.5 GB when the
    body was parsed into one tree), is read in the accepted view and shown in under 1.5 GB.
    The result is checked against small documents of the same shape, loaded in this process:
    the same first clause, and counts that grow by the same step per repetition."""
    repetitions = repetitions_for("tracked", 190 * 1024 * 1024)
    big = write_docx(tmp_path / "big-tracked.docx", "tracked", repetitions)
    with zipfile.ZipFile(big) as archive:
        assert archive.getinfo("word/document.xml").file_size > 150 * 1024 * 1024
    one, two = (
        revdiff.load(write_docx(tmp_path / f"small-{n}.docx", "tracked", n)) for n in (1, 2)
    )
    shown = tmp_path / "shown.txt"
    code, stderr, peak = run_cli_to(shown, "show", str(big))
    assert code == 0, stderr
    assert peak < 1500, f"{peak} MB"
    with shown.open("rb") as stream:
        head = stream.read(4096).decode("utf-8", "replace")
        stream.seek(max(0, shown.stat().st_size - 4096))
        tail = stream.read().decode("utf-8", "replace")
    # The first clause's line, as the outline of a small document of the same shape shows it.
    first = next(line for line in render_outline_text(two).splitlines() if "¶" in line)
    assert first in head
    assert "to end." in tail
    small = outline_totals(two)
    step = tuple(b - a for a, b in zip(outline_totals(one), small, strict=True))
    sections, clauses, footnotes = (
        count + per * (repetitions - 2) for count, per in zip(small, step, strict=True)
    )
    assert f"\n{sections} sections, {clauses} clauses, {footnotes} footnotes\n" in tail


def test_streaming_in_tiny_chunks_reads_every_word_file_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The body is parsed as it is decompressed: an element, a DTD mark or a UTF-8 character
    cut between two chunks changes nothing. Every Word file we have, both views, read with
    61-byte chunks equals the file read with the usual megabyte."""
    files = sorted(FIXTURES.rglob("*.docx")) + sorted(ITU_DOCX.glob("*.docx"))
    files = [path for path in files if not isinstance(outcome(path, View.ACCEPTED), RevdiffError)]
    assert len(files) >= 5
    usual = {(path, view): outcome(path, view) for path in files for view in View}
    monkeypatch.setattr(ooxml_package, "STREAM_CHUNK", 61)
    for (path, view), expected in usual.items():
        assert outcome(path, view) == expected, (path, view)
