"""Golden reports: every case folder under fixtures/cases/ that holds old.txt and new.txt, plus
the bundled seed pair, rendered as text, Markdown and JSON and compared with the reports kept
beside the inputs (report.txt, report.md, report.json). HTML is checked by invariants and in
Chromium (test_render_html.py), not byte for byte.

Goldens change only on purpose: ``REVDIFF_UPDATE_GOLDENS=1 python -m pytest tests/test_goldens.py``
rewrites them; read the diff before committing it. Every case is also held to invariants that
need no golden: the JSON validates against the schema, every clause of both versions appears in
exactly one change, the inline runs rebuild the texts, rendering is deterministic.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from revdiff.compare import compare_documents
from revdiff.load import load_document
from revdiff.model import CompareOptions, Comparison
from revdiff.render.html import render_html
from revdiff.render.json import load_schema, render_json
from revdiff.render.markdown import render_markdown
from revdiff.render.text import render_text

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "fixtures" / "cases"
SEED_GOLDENS = REPO / "fixtures" / "seed-res84"
UPDATE = os.environ.get("REVDIFF_UPDATE_GOLDENS") == "1"
TEXT_WIDTH = 100

RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "report.txt": lambda c: render_text(c, color=False, width=TEXT_WIDTH),
    "report.md": render_markdown,
    "report.json": render_json,
}


def _cases() -> list[tuple[str, Path, Path, Path]]:
    """(name, old, new, golden folder), inputs relative to the repository root so that the
    reports name them the same way on every machine."""
    found = []
    if CASES.is_dir():
        for folder in sorted(CASES.iterdir()):
            if (folder / "old.txt").is_file() and (folder / "new.txt").is_file():
                relative = folder.relative_to(REPO)
                found.append((folder.name, relative / "old.txt", relative / "new.txt", folder))
    found.append(
        (
            "seed-res84",
            Path("seeds/res84-hammamet-2016.reconstructed.tika.txt"),
            Path("seeds/res84-geneva-2022.tika.txt"),
            SEED_GOLDENS,
        )
    )
    return found


CASE_LIST = _cases()


def _compare(old: Path, new: Path, monkeypatch: pytest.MonkeyPatch) -> Comparison:
    monkeypatch.chdir(REPO)
    return compare_documents(load_document(old), load_document(new), CompareOptions())


def test_cases_are_found() -> None:
    assert len(CASE_LIST) > 1, f"no case folders with old.txt and new.txt under {CASES}"


@pytest.mark.parametrize(("name", "old", "new", "folder"), CASE_LIST, ids=[c[0] for c in CASE_LIST])
@pytest.mark.parametrize("report", sorted(RENDERERS))
def test_report_matches_its_golden(
    name: str, old: Path, new: Path, folder: Path, report: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (REPO / old).is_file():
        pytest.skip(f"needs {old} (the golden cases of fixtures/cases/, in the source checkout)")
    rendered = RENDERERS[report](_compare(old, new, monkeypatch))
    golden = folder / report
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), (
        f"{golden.relative_to(REPO)} is missing: generate it with REVDIFF_UPDATE_GOLDENS=1 "
        "python -m pytest tests/test_goldens.py, check it by hand, commit it"
    )
    expected = golden.read_text(encoding="utf-8")
    assert rendered == expected, (
        f"{name}/{report} differs from its golden; if the change is intended, regenerate with "
        "REVDIFF_UPDATE_GOLDENS=1 and review the diff"
    )


@pytest.mark.parametrize(("name", "old", "new", "folder"), CASE_LIST, ids=[c[0] for c in CASE_LIST])
def test_case_invariants(
    name: str, old: Path, new: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (REPO / old).is_file():
        pytest.skip(f"needs {old} (the golden cases of fixtures/cases/, in the source checkout)")
    comparison = _compare(old, new, monkeypatch)
    report = json.loads(render_json(comparison))

    errors = [e.message for e in Draft202012Validator(load_schema()).iter_errors(report)]
    assert errors == []

    for side, document in (("old", comparison.old), ("new", comparison.new)):
        seen = Counter(c["id"] for change in report["changes"] for c in change[side])
        assert seen == Counter(c.id for c in document.clauses), f"{side} clauses"
        assert all(count == 1 for count in seen.values()), f"a {side} clause appears twice"

    for change in report["changes"]:
        assert "".join(t for op, t in change["inline"] if op != "+") == " ".join(
            c["text"] for c in change["old"]
        )
        assert "".join(t for op, t in change["inline"] if op != "-") == " ".join(
            c["text"] for c in change["new"]
        )

    for render in (*RENDERERS.values(), render_html):
        assert render(comparison) == render(comparison)

    text = render_text(comparison, color=False, width=TEXT_WIDTH)
    if comparison.has_differences:
        assert "No differences" not in text
    else:
        assert "No differences" in text
