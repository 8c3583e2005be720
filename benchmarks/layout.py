"""Measure the layout stage: how much of a clean text comes back from its PDF renderings and from
its wrapped copies, how much page furniture leaks into clauses, and the time per PDF page.

Clean texts: the two seeds and ITU's Word file of WTSA Res 1 (with its plain-text extraction for
wrapping), from ../shared/itu-docx when present. PDFs are printed by LibreOffice in the three
fixture fonts (fixtures/fonts), the seeds in two layouts (paragraphs spaced apart, and tight),
with a running head, a page number "- N -" and a document reference on every page. Wrapped
copies are made with Python's textwrap at 60, 72 and 80 characters, paragraphs on consecutive
lines and separated by blank lines.

    python -m benchmarks.layout [--out benchmarks/results/layout.json]

A clause is identical when its id, label and whitespace-normalised text are those of the clean
text's clause (non-breaking hyphens, which a PDF's text layer shows as hyphens, compared as
hyphens).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from types import ModuleType

from revdiff.load import load_document
from revdiff.load.text import parse_text_blocks
from revdiff.model import Document
from revdiff.structure import parse_structure

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RES1_DOCX = ROOT.parent / "shared" / "itu-docx" / "wtsa-res1-hammamet-2016.docx"
RES1_TEXT = RES1_DOCX.with_suffix(".extracted.txt")
WIDTHS = (60, 72, 80)
FURNITURE_RE = re.compile(r"test rendering|WTSA16/2000|(?:^|\s)[-–]\s?\d{1,3}\s?[-–](?:\s|$)")


def load_make_pdf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "fixtures/pdf/make_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def key(text: str) -> str:
    return " ".join(text.replace("\u2011", "-").split())


def agreement(clean: Document, read: Document) -> tuple[int, int, int]:
    """(identical clauses, clauses of the clean text, clauses with furniture in them)."""
    got = {(c.id, c.label, key(c.text)) for c in read.clauses}
    same = sum(1 for c in clean.clauses if (c.id, c.label, key(c.text)) in got)
    leaked = sum(1 for c in read.clauses if FURNITURE_RE.search(c.text))
    return same, len(clean.clauses), leaked


def wrap(text: str, width: int, separator: str) -> str:
    return separator.join(
        textwrap.fill(line, width) if line.strip() else line for line in text.split("\n")
    )


def measure_wrapped() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for source in [*SEEDS, *([RES1_TEXT] if RES1_TEXT.is_file() else [])]:
        clean = load_document(source)
        text = source.read_text(encoding="utf-8")
        for width in WIDTHS:
            for name, separator in (("lines", "\n"), ("blank lines", "\n\n")):
                read = parse_structure(parse_text_blocks(wrap(text, width, separator), "w.txt"))
                same, total, leaked = agreement(clean, read)
                rows.append(
                    {
                        "input": source.name,
                        "variant": f"wrapped at {width}, {name}",
                        "same": same,
                        "total": total,
                        "leaked": leaked,
                    }
                )
    return rows


def measure_pdfs(folder: Path, extracted: list[dict[str, object]]) -> list[dict[str, object]]:
    """The rows of the PDFs; the rows of their pdftotext extractions (when pdftotext is
    installed) go to `extracted`."""
    from pypdf import PdfReader

    make_pdf = load_make_pdf()
    rows: list[dict[str, object]] = []
    documents: dict[str, tuple[Path, Path]] = {}  # name -> (word file, clean source)
    for seed in SEEDS:
        for layout, spaced in (("spaced", True), ("tight", False)):
            target = folder / f"{seed.name.split('.')[0]}-{layout}.docx"
            make_pdf.build_docx([seed], target, spaced=spaced)
            documents[target.stem] = (target, seed)
    if RES1_DOCX.is_file():
        documents["res1-itu-word-file"] = (RES1_DOCX, RES1_DOCX)
    # The text files themselves, printed as they are (Tika's markup and all): one paragraph a
    # line, no spacing, no styles.
    for plain in [*SEEDS, *([RES1_TEXT] if RES1_TEXT.is_file() else [])]:
        documents[f"{plain.name.split('.')[0]}-text-printed"] = (plain, plain)
    for family in make_pdf.FAMILIES:
        out = folder / family.replace(" ", "-")
        out.mkdir()
        sources = []
        for name, (word, _) in documents.items():
            copy = out / f"{name}{word.suffix}"
            copy.write_bytes(word.read_bytes())
            sources.append(copy)
        pdfs = make_pdf.convert(sources, out, family=family, work=folder / "work")
        for pdf, (name, (_, clean_source)) in zip(pdfs, documents.items(), strict=True):
            pages = len(PdfReader(pdf).pages)
            started = time.perf_counter()
            read = load_document(pdf)
            seconds = time.perf_counter() - started
            clean = load_document(clean_source)
            same, total, leaked = agreement(clean, read)
            rows.append(
                {
                    "input": name,
                    "variant": f"PDF, {family}",
                    "same": same,
                    "total": total,
                    "leaked": leaked,
                    "pages": pages,
                    "ms_per_page": round(1000 * seconds / pages, 1),
                }
            )
            if shutil.which("pdftotext"):
                text = subprocess.run(
                    ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
                ).stdout
                same, total, leaked = agreement(
                    clean, parse_structure(parse_text_blocks(text, "p.txt"))
                )
                extracted.append(
                    {
                        "input": name,
                        "variant": f"pdftotext of the PDF, {family}",
                        "same": same,
                        "total": total,
                        "leaked": leaked,
                    }
                )
    return rows


def measure_volume(folder: Path) -> dict[str, object]:
    """A volume of seven resolutions in one PDF: listing them, and reading the last one."""
    from pypdf import PdfReader

    from revdiff.load.pdf import list_resolutions

    make_pdf = load_make_pdf()
    sources = [*SEEDS, *([RES1_TEXT] if RES1_TEXT.is_file() else [])] * 3
    texts = []
    for number, source in enumerate(sources[:7], start=101):  # numbers of their own
        text = re.sub(r"RESOLUTION \d+", f"RESOLUTION {number}", source.read_text("utf-8"))
        texts.append(folder / f"{number}.txt")
        texts[-1].write_text(text, encoding="utf-8")
    target = folder / "volume.docx"
    make_pdf.build_docx(texts, target)
    (pdf,) = make_pdf.convert([target], folder, work=folder / "work")
    pages = len(PdfReader(pdf).pages)
    started = time.perf_counter()
    found = list_resolutions(pdf, max_size=10**9)
    listing = time.perf_counter() - started
    started = time.perf_counter()
    load_document(pdf, resolution=found[-1].number)
    one = time.perf_counter() - started
    return {
        "pages": pages,
        "resolutions": len(found),
        "list_ms_per_page": round(1000 * listing / pages, 1),
        "load_last_s": round(one, 2),
    }


_BIG_STEPS = {
    "list": "from revdiff.load.pdf import list_resolutions as f; n = len(f(p, max_size=M))",
    "one": "from revdiff.load import load_document as f; n = len(f(p, resolution=R).clauses)",
    "whole": "from revdiff.load import read_input as f; n = len(f(p, max_size=M).blocks)",
}


def measure_big_volume(folder: Path, copies: int) -> list[dict[str, object]]:
    """`copies` copies of Res 1's text (numbered 200, 201, …) in one PDF of some 28 pages each:
    listing, reading the last resolution, and reading the whole file, each in a child process
    whose peak memory is its own."""
    from pypdf import PdfReader

    make_pdf = load_make_pdf()
    source = RES1_TEXT.read_text("utf-8")
    texts = []
    for index in range(copies):
        texts.append(folder / f"r{index}.txt")
        texts[-1].write_text(re.sub(r"RESOLUTION 1\b", f"RESOLUTION {200 + index}", source))
    make_pdf.build_docx(texts, folder / "big.docx")
    (pdf,) = make_pdf.convert([folder / "big.docx"], folder, work=folder / "work")
    pages = len(PdfReader(pdf).pages)
    rows: list[dict[str, object]] = []
    for step, code in _BIG_STEPS.items():
        script = (
            "import re, time; from pathlib import Path\n"
            f"p, M, R = Path({str(pdf)!r}), 10**9, {str(199 + copies)!r}\n"
            f"t = time.perf_counter(); {code}\n"
            # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
            "hwm = re.search(r'VmHWM:\\s*(\\d+)', Path('/proc/self/status').read_text())\n"
            "print(n, time.perf_counter() - t, int(hwm.group(1)) // 1024)"
        )
        if step == "whole":
            script = script.replace("10**9", "10**10")  # the whole file is over the default share
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        count, seconds, peak = done.stdout.split()
        rows.append(
            {
                "step": step,
                "pages": pages,
                "count": int(count),
                "s": round(float(seconds), 1),
                "peak_mib": int(peak),
            }
        )
    return rows


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| input | variant | identical / clauses | furniture in clauses | ms per page |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        same, total = int(str(row["same"])), int(str(row["total"]))
        lines.append(
            f"| {row['input']} | {row['variant']} | {same}/{total} ({100 * same / total:.1f}%) "
            f"| {row['leaked']} | {row.get('ms_per_page', '')} |"
        )
    return "\n".join(lines)


def summary(rows: list[dict[str, object]]) -> str:
    same = sum(int(str(r["same"])) for r in rows)
    total = sum(int(str(r["total"])) for r in rows)
    leaked = sum(int(str(r["leaked"])) for r in rows)
    return f"{same}/{total} clauses identical ({100 * same / total:.2f}%), {leaked} furniture"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the rows as JSON here")
    parser.add_argument(
        "--big",
        type=int,
        metavar="COPIES",
        help="also time a volume of this many copies of Res 1 (40: 1,120 pages, ~6 minutes)",
    )
    args = parser.parse_args(argv)
    wrapped = measure_wrapped()
    with tempfile.TemporaryDirectory() as folder:
        extracted: list[dict[str, object]] = []
        pdfs = measure_pdfs(Path(folder), extracted)
    with tempfile.TemporaryDirectory() as folder:
        volume = measure_volume(Path(folder))
    print("## Wrapped text\n\n" + table(wrapped) + "\n\nAll: " + summary(wrapped) + "\n")
    print("## PDF\n\n" + table(pdfs) + "\n\nAll: " + summary(pdfs) + "\n")
    if extracted:
        title = "## pdftotext's text of the same PDFs (wrapped text)"
        print(f"{title}\n\n{table(extracted)}\n\nAll: {summary(extracted)}\n")
    print(
        f"## Volume\n\n{volume['resolutions']} resolutions on {volume['pages']} pages: listed "
        f"in {volume['list_ms_per_page']} ms per page; the last one read in "
        f"{volume['load_last_s']} s (the pages before it are decoded to find it).\n"
    )
    big: list[dict[str, object]] = []
    if args.big:
        with tempfile.TemporaryDirectory() as folder:
            big = measure_big_volume(Path(folder), args.big)
        print("## A big volume\n\n| step | pages | resolutions, clauses or blocks | s | peak MiB |")
        print("|---|---|---|---|---|")
        for row in big:
            print(
                f"| {row['step']} | {row['pages']} | {row['count']} | {row['s']} "
                f"| {row['peak_mib']} |"
            )
        print()
    if args.out:
        rows = {
            "wrapped": wrapped,
            "pdf": pdfs,
            "pdftotext": extracted,
            "volume": volume,
            "big_volume": big,
        }
        args.out.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
