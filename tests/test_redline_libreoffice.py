"""LibreOffice's check of the redlines: it accepts all and rejects all through UNO (with
tests/lo_accept_reject.py, run by Debian's python3 with python3-uno), and the texts must be the
new and old documents paragraph by paragraph; it also converts the redlines to PDF.

Skipped when soffice or python3-uno is missing, except under CI (env CI set), where it fails.
One soffice serves every file of a test; each run is bounded in time and soffice is always
stopped. LibreOffice 7.4 cannot load a .docx with comments through UNO, so those redlines are
checked without comments, and the commented ones are converted with ``--convert-to pdf``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from redline_walker import comparable, expected_lines, view_texts

from revdiff.compare import compare_documents
from revdiff.load import load_document
from revdiff.model import CompareOptions, Comparison
from revdiff.redline import build_redline
from revdiff.seeds import seed_paths

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "lo_accept_reject.py"
SYSTEM_PYTHON = Path("/usr/bin/python3")
CASES = HERE.parent / "fixtures" / "cases"
DATE = datetime(2024, 5, 1, tzinfo=UTC)
TIMEOUT = 600


def _libreoffice_missing() -> str | None:
    if shutil.which("soffice") is None:
        return (
            "needs LibreOffice (soffice): apt-get install libreoffice-writer-nogui "
            "(bash scripts/test installs it)"
        )
    if not SYSTEM_PYTHON.is_file():
        return "needs the system Python, /usr/bin/python3, for LibreOffice's UNO bridge"
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, timeout=60, check=False
    )
    if probe.returncode != 0:
        return "needs python3-uno for /usr/bin/python3: apt-get install python3-uno"
    return None


@pytest.fixture(scope="module")
def libreoffice() -> None:
    missing = _libreoffice_missing()
    if missing is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{missing}; CI must install libreoffice-writer-nogui and python3-uno")
    pytest.skip(missing)


def run_libreoffice(files: list[Path | str], out_dir: Path) -> dict[str, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run(
        [str(SYSTEM_PYTHON), str(SCRIPT), str(out_dir), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data: dict[str, dict[str, object]] = json.loads(result.stdout)
    return data


def comparisons() -> dict[str, Comparison]:
    found = {}
    old, new = seed_paths()
    found["seed-res84"] = compare_documents(
        load_document(old), load_document(new), CompareOptions()
    )
    for case in sorted(CASES.iterdir()) if CASES.is_dir() else []:
        if (case / "old.txt").is_file():
            found[case.name] = compare_documents(
                load_document(case / "old.txt"), load_document(case / "new.txt"), CompareOptions()
            )
    return found


def nonempty(texts: object) -> list[str]:
    """The paragraphs that show text. A page break at either end of a paragraph is layout
    (LibreOffice reports it as a newline, or not, depending on how it placed the break)."""
    assert isinstance(texts, list)
    return [str(t).strip("\n") for t in texts if str(t).strip()]


def test_libreoffice_accepts_and_rejects_to_the_new_and_old_texts(
    libreoffice: None, tmp_path: Path
) -> None:
    cases = comparisons()
    files: list[Path | str] = []
    for name, comparison in cases.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(build_redline(comparison, base=None, date=DATE, comments=False))
        files.append(path)
    results = run_libreoffice(files, tmp_path)
    for name, comparison in cases.items():
        result = results[f"{name}.docx"]
        assert nonempty(result["accept"]) == expected_lines(comparison.new), name
        assert nonempty(result["reject"]) == expected_lines(comparison.old), name
        assert result["accept_left"] == 0 and result["reject_left"] == 0, name
        assert isinstance(result["pdf_bytes"], int) and result["pdf_bytes"] > 1000, name
    # LibreOffice saw the tracked changes as tracked changes.
    assert results["seed-res84.docx"]["redline_types"]


def test_libreoffice_agrees_on_a_redline_built_on_a_docx(libreoffice: None, tmp_path: Path) -> None:
    sys.path.insert(0, str(HERE.parent / "fixtures"))
    from make_docx import make_docx

    old_seed, new_seed = seed_paths()
    base = make_docx(new_seed, tmp_path / "base.docx")
    comparison = compare_documents(load_document(old_seed), load_document(base), CompareOptions())
    redline = tmp_path / "redline.docx"
    redline.write_bytes(
        build_redline(comparison, base=base.read_bytes(), date=DATE, comments=False)
    )
    results = run_libreoffice([redline, f"accept-only:{base}"], tmp_path)
    # Accepting gives what LibreOffice shows of the new .docx itself.
    assert nonempty(results["redline.docx"]["accept"]) == nonempty(results["base.docx"]["accept"])
    # Rejecting gives the old clauses (labels are Word's numbering there: compare texts).
    rejected = [
        re.sub(r"^[^\t]{0,6}\t", "", t) for t in nonempty(results["redline.docx"]["reject"])
    ]
    walker = [
        re.sub(r"^[^\t]{0,6}\t", "", t.strip("\n"))
        for t in view_texts(redline.read_bytes(), "reject")
    ]
    assert rejected == walker
    for clause in comparison.old.clauses:
        assert clause.text in rejected


def test_libreoffice_converts_a_commented_redline_to_pdf(libreoffice: None, tmp_path: Path) -> None:
    comparison = comparisons()["seed-res84"]
    redline = tmp_path / "commented.docx"
    redline.write_bytes(build_redline(comparison, base=None, date=DATE, markers=True))
    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(redline),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 9)
            process.wait(timeout=30)
    assert process.returncode == 0
    pdf = tmp_path / "commented.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def test_the_uno_script_is_python_the_system_interpreter_can_read() -> None:
    # The script runs outside the project's virtualenv: no project imports, no new syntax.
    source = SCRIPT.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) revdiff", source, re.MULTILINE)
    compile(source, str(SCRIPT), "exec")
    assert sys.version_info >= (3, 11)


ITU_DOCX = HERE.parents[1] / "shared" / "itu-docx"
RES1 = ITU_DOCX / "wtsa-res1-hammamet-2016.docx"


@pytest.mark.skipif(
    not RES1.is_file(),
    reason="needs ../shared/itu-docx (ITU Word files, not shipped in the package)",
)
def test_libreoffice_agrees_on_a_redline_of_the_real_res1(
    libreoffice: None, tmp_path: Path
) -> None:
    from redline_strategies import fixed_revision

    comparison = fixed_revision(load_document(RES1))
    redline = tmp_path / "res1-redline.docx"
    redline.write_bytes(
        build_redline(comparison, base=RES1.read_bytes(), date=DATE, comments=False)
    )
    base = tmp_path / "res1.docx"
    base.write_bytes(RES1.read_bytes())
    results = run_libreoffice([redline, f"accept-only:{base}"], tmp_path)
    accepted = nonempty(results["res1-redline.docx"]["accept"])
    assert accepted == nonempty(results["res1.docx"]["accept"])
    rejected = [comparable(t) for t in nonempty(results["res1-redline.docx"]["reject"])]
    old_texts = [comparable(c.text) for c in comparison.old.clauses]
    rest = iter(rejected)
    assert all(any(text == line for line in rest) for text in old_texts)
    added = sum(len(c.new) for c in comparison.changes if not c.old)
    deleted = sum(len(c.old) for c in comparison.changes if not c.new)
    assert len(rejected) == len(accepted) - added + deleted
