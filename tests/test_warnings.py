"""Warnings: what each document and the pair tell the reader before any change."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from revdiff.load import load_document
from revdiff.model import ReportWarning, WarningCode
from revdiff.seeds import seed_paths
from revdiff.warnings import as_report_warning, comparison_warnings, document_warnings

OLD_SEED, NEW_SEED = seed_paths()


def codes(warnings: tuple[ReportWarning, ...]) -> list[WarningCode]:
    return [w.code for w in warnings]


def test_the_reconstruction_says_so_from_its_own_label() -> None:
    old, new = load_document(OLD_SEED), load_document(NEW_SEED)
    assert codes(comparison_warnings(old, new)) == [WarningCode.RECONSTRUCTION]
    assert comparison_warnings(new, new) == ()


def test_an_older_new_warns_that_the_arguments_may_be_swapped() -> None:
    old, new = load_document(OLD_SEED), load_document(NEW_SEED)
    found = comparison_warnings(new, old)
    assert WarningCode.OLD_IS_NEWER in codes(found)
    (newer,) = [w for w in found if w.code is WarningCode.OLD_IS_NEWER]
    assert newer.source == str(NEW_SEED) and "2022" in newer.message


def test_different_resolutions_warn() -> None:
    new = load_document(NEW_SEED)
    other = replace(new, metadata=replace(new.metadata, number="85"), source="res85.txt")
    assert codes(comparison_warnings(new, other)) == [WarningCode.DIFFERENT_RESOLUTIONS]


def test_an_empty_file_warns_once(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert codes(document_warnings(load_document(empty))) == [WarningCode.EMPTY]


def test_prose_is_not_a_resolution(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text("hello world\nanother line\n", encoding="utf-8")
    assert WarningCode.NOT_A_RESOLUTION in codes(document_warnings(load_document(prose)))


def test_text_messages_get_a_code_a_line_and_lose_the_repeated_file_name() -> None:
    warning = as_report_warning("a.txt", "a.txt:12: footnote 3 is not closed")
    assert warning == ReportWarning(WarningCode.LOAD, "a.txt", "footnote 3 is not closed", 12)
    assert str(warning) == "a.txt:12: footnote 3 is not closed"
    tracked = as_report_warning(
        "a.docx",
        "the document carries tracked changes (2 insertions, 0 deletions); read in "
        "the accepted view",
    )
    assert tracked.code is WarningCode.TRACKED_CHANGES


def test_the_report_schema_knows_every_warning_code() -> None:
    from revdiff.render.json import load_schema

    schema = load_schema()
    listed = schema["$defs"]["warning"]["properties"]["code"]["enum"]
    assert sorted(listed) == sorted(code.value for code in WarningCode)
