"""Right to left: an Arabic clause is laid out right to left in the HTML report, with its lang."""

from __future__ import annotations

import re
from pathlib import Path

from revdiff.compare import compare_documents, load_input
from revdiff.language import with_language
from revdiff.model import CompareOptions, OutputFormat, View
from revdiff.render import render_comparison

SYNTHETIC = Path(__file__).parent.parent / "fixtures" / "lang" / "synthetic"


def _html(old: Path, new: Path) -> str:
    options = CompareOptions()
    documents = [with_language(load_input(p, options, View.ACCEPTED)) for p in (old, new)]
    return render_comparison(compare_documents(*documents, options), OutputFormat.HTML)


def test_arabic_clauses_carry_dir_and_lang() -> None:
    html = _html(SYNTHETIC / "ar-old.txt", SYNTHETIC / "ar-new.txt")
    paragraphs = re.findall(r'<p class="text[^"]*"[^>]*>', html)
    assert paragraphs and all('dir="rtl"' in p and 'lang="ar"' in p for p in paragraphs)
    # The inserted word is marked whole, inside the right-to-left paragraph.
    assert re.search(r"<ins[^>]*>\s*والجامعات\s*</ins>", html)


def test_english_clauses_keep_the_page_direction() -> None:
    seeds = Path(__file__).parent.parent / "seeds"
    html = _html(
        seeds / "res84-hammamet-2016.reconstructed.tika.txt", seeds / "res84-geneva-2022.tika.txt"
    )
    assert 'dir="rtl"' not in html and 'lang="en"' in html  # the page's, on <html>
    assert not re.search(r'<p class="text[^>]*lang=', html)


def test_reports_name_the_languages_read_when_not_english() -> None:
    from revdiff.model import OutputFormat as Format

    options = CompareOptions()
    documents = [
        with_language(load_input(SYNTHETIC / n, options, View.ACCEPTED))
        for n in ("ar-old.txt", "ar-new.txt")
    ]
    comparison = compare_documents(*documents, options)
    assert "| Language | Arabic | Arabic |" in render_comparison(comparison, Format.MD)
    assert "<th>Language</th><td>Arabic</td><td>Arabic</td>" in render_comparison(
        comparison, Format.HTML
    )
    text = " ".join(render_comparison(comparison, Format.TEXT).split())  # lines may wrap
    assert "2 clauses · Arabic" in text


def test_the_json_report_names_the_languages_and_follows_its_schema() -> None:
    import json

    import jsonschema

    from revdiff.render.json import load_schema

    options = CompareOptions()
    documents = [
        with_language(load_input(SYNTHETIC / n, options, View.ACCEPTED))
        for n in ("ar-old.txt", "ar-new.txt")
    ]
    report = json.loads(
        render_comparison(compare_documents(*documents, options), OutputFormat.JSON)
    )
    jsonschema.validate(report, load_schema())
    assert report["old"]["language"] == report["new"]["language"] == "ar"
