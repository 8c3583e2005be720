"""The public surface is what `revdiff.__all__` names, and nothing strays into it."""

from __future__ import annotations

import importlib
import subprocess
import sys

import revdiff

EXPECTED_PUBLIC = {
    "Change",
    "ChangeKind",
    "Citation",
    "Clause",
    "CompareOptions",
    "Comparison",
    "CorruptFileError",
    "Document",
    "EditOp",
    "Footnote",
    "InputError",
    "Marker",
    "Metadata",
    "MetadataChange",
    "Nature",
    "OutputError",
    "RevdiffError",
    "Section",
    "SectionKind",
    "Summary",
    "TextEdit",
    "UnsupportedFormatError",
    "View",
    "compare",
    "load",
    "render",
    "write_redline",
}


def test_all_lists_exactly_the_public_api() -> None:
    assert set(revdiff.__all__) == EXPECTED_PUBLIC


def test_every_public_name_resolves() -> None:
    for name in revdiff.__all__:
        assert getattr(revdiff, name) is not None


def test_no_stray_public_names_on_the_package() -> None:
    module = importlib.import_module("revdiff")
    stray = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and name not in EXPECTED_PUBLIC
        and not isinstance(value, type(sys))  # submodules imported as attributes
        and name not in {"annotations", "os", "datetime", "Path"}
    }
    assert stray == set()


def test_importing_revdiff_does_not_import_the_heavy_stages() -> None:
    code = (
        "import sys, revdiff; "
        "heavy = [m for m in ('docx', 'lxml', 'rich', 'diff_match_patch') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_the_public_functions_outlive_imports_of_their_namesake_submodules() -> None:
    # Importing a submodule binds it on its package; revdiff.load, .compare and .render are
    # both functions and submodules, and the functions must win, with a plain module class.
    code = (
        "import importlib, types, revdiff, revdiff.load, revdiff.compare, revdiff.render; "
        "from revdiff.load import load_document; from revdiff.render import render_comparison; "
        "importlib.import_module('revdiff.compare'); import revdiff.load.text; "
        "print(type(revdiff) is types.ModuleType, "
        "*(callable(getattr(revdiff, n)) and not isinstance(getattr(revdiff, n), types.ModuleType)"
        " for n in ('load', 'compare', 'render')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True"] * 4
