"""The front matter of a redline built on a text input uses ITU's styles like the rest: a
heading line such as FOREWORD in Heading_b, its paragraphs in Normal."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from redline_walker import view_paragraphs

from revdiff.compare import compare_files
from revdiff.model import OutputFormat
from revdiff.redline.template import front_matter_style
from revdiff.write import report_bytes


def test_the_seed_foreword_is_a_heading_and_its_text_normal(seed_paths: tuple[Path, Path]) -> None:
    docx = report_bytes(compare_files(*seed_paths), OutputFormat.DOCX)
    paragraphs = view_paragraphs(docx, "accept")
    foreword = next(i for i, p in enumerate(paragraphs) if p.text == "FOREWORD")
    assert paragraphs[foreword].style == "Headingb"
    assert paragraphs[foreword + 1].style is None  # Normal, the default paragraph style
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert b'w:styleId="Headingb"' in archive.read("word/styles.xml")


def test_only_short_lines_in_capitals_are_front_matter_headings() -> None:
    assert front_matter_style("FOREWORD") == "Headingb"
    assert front_matter_style("INTRODUCTION TO THE VOLUME") == "Headingb"
    assert front_matter_style("The International Telecommunication Union (ITU) is …") is None
    assert front_matter_style("A LINE IN CAPITALS THAT IS FAR TOO LONG TO BE A HEADING") is None
    assert front_matter_style("") is None
