"""Hostile PDFs (issue 6): what the table of fixtures/bad cannot say. The committed PDFs go
through the generic table tests of test_bad_inputs.py; here are the big ones (made in a temporary
folder, measured in a child process), the actions that must never run, and encryption.

Figures (time, peak memory) are printed, not asserted: only memory has a hard bound, the issue's
1.5 GB, and a generous timeout guards against hangs.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bad_fixtures import BAD, SEED_NEW, cli_runner, load_make_bad, one_line_error

import revdiff
from revdiff.cli import app
from revdiff.errors import CorruptFileError, InputError, UnsupportedFormatError

make_bad = load_make_bad()
runner = cli_runner()
REPO = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from revdiff.errors import RevdiffError
    from revdiff.load import load_document
    started = time.process_time()
    try:
        kwargs = {"max_size": int(sys.argv[2])} if len(sys.argv) > 2 else {}
        document = load_document(Path(sys.argv[1]), **kwargs)
        outcome = f"loaded {len(document.clauses)} clauses; " + " | ".join(document.warnings)
    except RevdiffError as error:
        outcome = f"refused {type(error).__name__}: {error}"
    status = Path("/proc/self/status").read_text()
    peak_kb = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1])
    print(f"{time.process_time() - started:.1f}")
    print(peak_kb // 1024)
    print(outcome)
    """
)


def probe(path: Path, max_size: int | None = None) -> tuple[str, int, float]:
    """Load `path` in a fresh process: the outcome line, the peak memory (MB, VmHWM) and the
    CPU seconds. A hang fails the test after five minutes."""
    args = [sys.executable, "-c", PROBE, str(path)] + ([str(max_size)] if max_size else [])
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=300, cwd=REPO)
    cpu, peak, outcome = done.stdout.split("\n", 2)
    print(f"{path.name}: {cpu} s CPU, {peak} MB peak: {outcome.strip()[:300]}")
    return outcome.strip(), int(peak), float(cpu)


# --------------------------------------------------------------------------------------------
# Bombs and big files


def test_a_one_gigabyte_flate_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    bomb = make_bad.make_flate_bomb_pdf_file(tmp_path / "flate-bomb-1gb.pdf")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    outcome, peak, _ = probe(bomb)
    assert outcome.startswith("refused CorruptFileError") and "bomb" in outcome, outcome
    assert peak < 1536, f"{peak} MB"
    assert peak < 400, f"{peak} MB: more than pypdf's 75 MB cap and its copies"
    one_line_error(runner.invoke(app, ["show", str(bomb)]), bomb)


def test_form_xobjects_drawing_each_other_stop_after_a_bounded_number_of_draws(
    tmp_path: Path,
) -> None:
    """10^7 draws of the innermost form if nothing stopped them; pypdf stops at 5,000."""
    bomb = make_bad.make_form_bomb_pdf(tmp_path / "form-bomb.pdf")
    outcome, peak, _ = probe(bomb)
    assert outcome.startswith(("loaded", "refused")), outcome
    assert peak < 1536, f"{peak} MB"


def test_a_huge_text_pdf_loads_within_its_share_of_max_size_and_is_refused_past_it(
    tmp_path: Path,
) -> None:
    """400 pages of text hold about 2.4 MB of drawing instructions: a PDF may use 1/20 of
    --max-size for them, so 60 MB lets it load and 20 MB refuses it, naming --max-size."""
    huge = make_bad.make_huge_text_pdf(tmp_path / "huge-text.pdf", pages=400)
    outcome, peak, _ = probe(huge, 60 * 1024 * 1024)
    assert outcome.startswith("loaded"), outcome
    assert peak < 1536, f"{peak} MB"
    result = runner.invoke(app, ["show", str(huge), "--max-size", "20M"])
    message = one_line_error(result, huge)
    assert "--max-size" in message and "drawing instructions" in message


def test_one_stream_drawn_many_times_counts_every_time(tmp_path: Path) -> None:
    """A page whose /Contents repeats one 10 kB stream 3,000 times is 30 MB of instructions
    from a 30 kB file: past the default share (10 MB), refused before any of it is parsed."""
    content = b"BT /F1 10 Tf 1 0 0 1 72 700 Tm (to repeat;) Tj ET\n" * 200
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        make_bad.PDF_FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
        b"<< /F1 3 0 R >> >> /Contents [" + b"5 0 R " * 3000 + b"] >>",
        make_bad.pdf_stream(content),
    ]
    path = tmp_path / "repeated-stream.pdf"
    path.write_bytes(make_bad.pdf_file(objects))
    with pytest.raises(InputError, match="drawing instructions") as refused:
        revdiff.load(path)
    assert "--max-size" in str(refused.value)


# --------------------------------------------------------------------------------------------
# Actions and scripts


def test_javascript_and_launch_actions_are_never_run(tmp_path: Path) -> None:
    ran = Path("/tmp/revdiff-pdf-launch-ran")
    ran.unlink(missing_ok=True)
    copy = tmp_path / "actions.pdf"
    copy.write_bytes((BAD / "actions.pdf").read_bytes())
    document = revdiff.load(copy)
    seed = revdiff.load(SEED_NEW)
    assert len(document.clauses) == len(seed.clauses)
    shown = runner.invoke(app, ["show", str(copy), "--format", "json"])
    assert shown.exit_code == 0, shown.stderr
    for word in ("app.alert", "launchURL", "touch", "revdiff-pdf"):
        assert word not in shown.stdout
    assert not ran.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actions.pdf"]


def test_the_good_pdf_reads_like_the_seed_text() -> None:
    pdf, text = revdiff.load(BAD / "base.pdf"), revdiff.load(SEED_NEW)
    assert [c.id for c in pdf.clauses] == [c.id for c in text.clauses]


# --------------------------------------------------------------------------------------------
# Encryption


def encrypted(source: Path, target: Path, *, user: str, algorithm: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user, owner_password="revdiff-owner", algorithm=algorithm)
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def test_an_owner_password_only_pdf_loads_like_the_unencrypted_one() -> None:
    owner = revdiff.load(BAD / "owner-password.pdf")
    assert [c.text for c in owner.clauses] == [
        "to read PDF files with care;",
        "to refuse what cannot be read.",
    ]


def test_aes_256_loads_without_a_user_password_and_is_refused_with_one(tmp_path: Path) -> None:
    pytest.importorskip(
        "cryptography",
        reason="needs cryptography (pypdf reads AES with it): pip install cryptography",
    )
    source = BAD / "owner-password.pdf"
    plain = tmp_path / "plain.pdf"
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    with plain.open("wb") as handle:
        writer.write(handle)
    opened = encrypted(plain, tmp_path / "aes-open.pdf", user="", algorithm="AES-256")
    assert len(revdiff.load(opened).clauses) == 2
    locked = encrypted(plain, tmp_path / "aes-locked.pdf", user="secret", algorithm="AES-256")
    with pytest.raises(UnsupportedFormatError, match="password"):
        revdiff.load(locked)


def test_aes_without_its_package_is_refused_naming_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pypdf reads AES only with the cryptography package (or pycryptodome); without either it
    raises DependencyError, which must become a clear refusal, not "damaged"."""
    pytest.importorskip(
        "cryptography", reason="needs cryptography to write the AES file: pip install cryptography"
    )
    import pypdf._encryption as encryption
    from pypdf._crypt_providers import _fallback

    opened = encrypted(BAD / "base.pdf", tmp_path / "aes-open.pdf", user="", algorithm="AES-128")
    for name in ("CryptAES", "aes_cbc_decrypt", "aes_ecb_decrypt"):
        if hasattr(encryption, name):
            monkeypatch.setattr(encryption, name, getattr(_fallback, name))
    with pytest.raises(UnsupportedFormatError, match="cryptography") as refused:
        revdiff.load(opened)
    assert "pip install cryptography" in str(refused.value)
    assert not isinstance(refused.value, CorruptFileError)
