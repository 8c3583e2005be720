"""Right to left: an Arabic clause is laid out right to left in the HTML report, with its lang."""

from __future__ import annotations

import re
from pathlib import Path

from revdiff.compare import compare_documents, load_input
from revdiff.language import with_language
from revdiff.model import CompareOptions, Comparison, OutputFormat, View
from revdiff.render import render_comparison

SYNTHETIC = Path(__file__).parent.parent / "fixtures" / "lang" / "synthetic"


def _comparison(old: Path, new: Path) -> Comparison:
    options = CompareOptions()
    documents = [with_language(load_input(p, options, View.ACCEPTED)) for p in (old, new)]
    return compare_documents(*documents, options)


def _arabic_pair() -> Comparison:
    return _comparison(SYNTHETIC / "ar-old.txt", SYNTHETIC / "ar-new.txt")


def _html(old: Path, new: Path) -> str:
    return render_comparison(_comparison(old, new), OutputFormat.HTML)


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

    comparison = _arabic_pair()
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

    comparison = _arabic_pair()
    report = json.loads(render_comparison(comparison, OutputFormat.JSON))
    jsonschema.validate(report, load_schema())
    assert report["old"]["language"] == report["new"]["language"] == "ar"


def test_an_arabic_redline_sets_the_bidirectional_properties() -> None:
    import io
    import zipfile
    from datetime import UTC, datetime

    from lxml import etree

    from revdiff.ooxml.names import w
    from revdiff.redline import build_redline

    comparison = _arabic_pair()
    data = build_redline(comparison, base=None, date=datetime(2026, 1, 1, tzinfo=UTC))
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    arabic = [
        p
        for p in body.iter(w("p"))
        if any("الهيئات" in (t.text or "") for t in p.iter(w("t"), w("delText")))
    ]
    assert arabic, "the changed Arabic clause is in the redline"
    for p in arabic:
        p_pr = p.find(w("pPr"))
        assert p_pr is not None and p_pr.find(w("bidi")) is not None
        runs = [r for r in p.iter(w("r")) if r.find(w("t")) is not None]
        assert runs and all(r.find(w("rPr")) is not None for r in runs)
        assert all(r.find(w("rPr")).find(w("rtl")) is not None for r in runs)  # type: ignore[union-attr]
    inserted = [t.text for ins in body.iter(w("ins")) for t in ins.iter(w("t"))]
    assert any("والجامعات" in (text or "") for text in inserted)


def test_english_paragraphs_get_no_bidirectional_properties() -> None:
    from lxml import etree

    from revdiff.ooxml.bidi import mark_right_to_left
    from revdiff.ooxml.names import W_NS

    body = etree.fromstring(
        f'<w:body xmlns:w="{W_NS}"><w:p><w:r><w:t>resolves</w:t></w:r></w:p>'
        "<w:p><w:pPr><w:pStyle w:val='Call'/><w:jc w:val='left'/></w:pPr>"
        "<w:r><w:t>تقرر</w:t></w:r></w:p></w:body>"
    )
    assert mark_right_to_left(body) == 1
    assert mark_right_to_left(body) == 1  # marking again adds nothing
    english, arabic = body
    assert english.find(f"{{{W_NS}}}pPr") is None
    names = [etree.QName(child).localname for child in arabic.find(f"{{{W_NS}}}pPr")]
    assert names == ["pStyle", "bidi", "jc"]  # schema order
