"""Word's XML is known in one place: revdiff/ooxml. One safe parser configuration, one table of
namespaces, and a redline that does not reach into the loader's internals; every module of the
Word layers stays small enough to read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REVDIFF = Path(__file__).resolve().parents[1] / "revdiff"
OOXML = REVDIFF / "ooxml"
SOURCES = sorted(REVDIFF.rglob("*.py"))

# Ways to parse XML with lxml or the standard library, each with its own settings.
PARSING = re.compile(
    r"\b(XMLParser|XMLPullParser|iterparse|fromstring|XML|parse)\s*\(", re.MULTILINE
)
NAMESPACE_URIS = re.compile(r"schemas\.openxmlformats\.org|purl\.oclc\.org/ooxml|purl\.org/dc")


def code_calls(path: Path) -> set[str]:
    """The names called as ``etree.<name>(…)`` or ``ElementTree.<name>(…)`` in `path`."""
    called: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"etree", "ElementTree", "ET"}
        ):
            called.add(node.func.attr)
    return called


def test_the_sources_are_found() -> None:
    assert len(SOURCES) > 30 and (OOXML / "xml.py").is_file()


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(REVDIFF)) for p in SOURCES])
def test_xml_is_parsed_only_by_the_one_safe_parser(path: Path) -> None:
    if path == OOXML / "xml.py":
        return
    parsing = {name for name in code_calls(path) if PARSING.match(name + "(")}
    assert not parsing, f"{path.name} parses XML itself ({parsing}): use revdiff.ooxml.xml"


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(REVDIFF)) for p in SOURCES])
def test_namespaces_are_spelled_only_in_the_one_table(path: Path) -> None:
    if path == OOXML / "names.py":
        return
    found = NAMESPACE_URIS.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name} spells a namespace ({found[0]}): use revdiff.ooxml.names"


def test_the_redline_and_the_ooxml_layer_never_import_the_loader_s_docx_reader() -> None:
    for path in sorted((REVDIFF / "redline").rglob("*.py")) + sorted(OOXML.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "revdiff.load.docx", path.name
            elif isinstance(node, ast.Import):
                assert all(a.name != "revdiff.load.docx" for a in node.names), path.name


WORD_LAYERS = [
    *sorted(OOXML.glob("*.py")),
    *sorted((REVDIFF / "redline").glob("*.py")),
    REVDIFF / "load" / "docx.py",
]


@pytest.mark.parametrize("path", WORD_LAYERS, ids=[p.name for p in WORD_LAYERS])
def test_every_module_of_the_word_layers_is_small(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 600, f"{path.name} has {lines} lines"
