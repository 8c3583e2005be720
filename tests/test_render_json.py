"""The JSON report: exactly schema "revdiff.report/1", validated against the shipped JSON Schema;
every clause in exactly one change; inline runs that rebuild the clause texts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from render_samples import (
    control_comparison,
    has_control,
    identical_comparison,
    sample_comparison,
    seed_comparison,
)
from render_samples import single_change_comparison as one_change

from revdiff.model import METADATA_FIELDS, Comparison, EditOp, TextEdit
from revdiff.render import render_comparison
from revdiff.render.json import SCHEMA_ID, comparison_to_dict, load_schema, render_json
from revdiff.seeds import seed_paths

# Version 1 as first issued, then the members added within it (warnings, headings, footnotes).
ISSUE_TOP_KEYS = [
    "schema",
    "warnings",
    "old",
    "new",
    "summary",
    "metadata",
    "changes",
    "headings",
    "footnotes",
]
ISSUE_DOCUMENT_KEYS = ["source", "title", "revision", "clauses"]
ISSUE_SUMMARY_KEYS = [
    "unchanged",
    "modified",
    "added",
    "deleted",
    "split",
    "merged",
    "moved",
    "renumbered",
    "headings",
    "footnotes",
]
ISSUE_CHANGE_KEYS = [
    "kind",
    "marker",
    "moved",
    "renumbered",
    "nature",
    "old",
    "new",
    "similarity",
    "inline",
]
ISSUE_CLAUSE_KEYS = ["id", "section", "label", "text"]


def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(report: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(report)]


COMPARISONS = {
    "sample": sample_comparison,
    "identical": identical_comparison,
    "seeds": seed_comparison,
}


@pytest.fixture(params=sorted(COMPARISONS))
def comparison(request: pytest.FixtureRequest) -> Comparison:
    return COMPARISONS[request.param]()


def test_report_validates_against_the_shipped_schema(comparison: Comparison) -> None:
    report = json.loads(render_json(comparison))
    assert schema_errors(report) == []


def test_report_has_exactly_the_keys_of_the_issue_schema(comparison: Comparison) -> None:
    report = json.loads(render_json(comparison))
    assert list(report) == ISSUE_TOP_KEYS
    assert report["schema"] == SCHEMA_ID == "revdiff.report/1"
    for side in ("old", "new"):
        assert list(report[side]) == ISSUE_DOCUMENT_KEYS
    assert list(report["summary"]) == ISSUE_SUMMARY_KEYS
    for change in report["changes"]:
        assert list(change) == ISSUE_CHANGE_KEYS
        for clause in change["old"] + change["new"]:
            assert list(clause) == ISSUE_CLAUSE_KEYS


def test_every_clause_of_both_versions_appears_in_exactly_one_change(
    comparison: Comparison,
) -> None:
    report = json.loads(render_json(comparison))
    for side, document in (("old", comparison.old), ("new", comparison.new)):
        seen = Counter(c["id"] for change in report["changes"] for c in change[side])
        assert seen == Counter(c.id for c in document.clauses)
        assert set(seen.values()) <= {1}
        assert report[side]["clauses"] == len(document.clauses)


def test_inline_runs_rebuild_the_clause_texts(comparison: Comparison) -> None:
    report = json.loads(render_json(comparison))
    for change in report["changes"]:
        old = "".join(text for op, text in change["inline"] if op != "+")
        new = "".join(text for op, text in change["inline"] if op != "-")
        assert old == " ".join(c["text"] for c in change["old"])
        assert new == " ".join(c["text"] for c in change["new"])


def test_summary_counts_come_from_the_comparison(comparison: Comparison) -> None:
    report = json.loads(render_json(comparison))
    summary = comparison.summary
    counts = {
        "headings": sum(1 for c in comparison.heading_changes if c.is_change),
        "footnotes": sum(1 for c in comparison.footnote_changes if c.is_change),
    }
    assert report["summary"] == {
        key: counts[key] if key in counts else getattr(summary, key) for key in ISSUE_SUMMARY_KEYS
    }
    assert sum(report["summary"][k] for k in ISSUE_SUMMARY_KEYS[:6]) == len(report["changes"])


def test_metadata_lists_every_field_changed_or_not() -> None:
    comparison = sample_comparison()
    report = json.loads(render_json(comparison))
    assert [m["field"] for m in report["metadata"]] == list(METADATA_FIELDS)
    title = next(m for m in report["metadata"] if m["field"] == "title")
    assert title["old"] == title["new"] == "Protection of *users* & <consumers>"
    assert set(title) == {"field", "old", "new"}  # unchanged: no nature, no runs
    number = next(m for m in report["metadata"] if m["field"] == "number_line")
    assert (number["field"], number["old"], number["new"]) == (
        "number_line",
        "RESOLUTION 99 (Hammamet, 2016)",
        "RESOLUTION 99 (Rev. Geneva, 2022)",
    )
    # A changed line says how it changed, as a clause change does.
    assert number["nature"] == ["citation"]
    assert "".join(t for op, t in number["inline"] if op != "+") == number["old"]
    assert "".join(t for op, t in number["inline"] if op != "-") == number["new"]


def test_a_no_break_space_in_a_metadata_line_shows_in_the_json() -> None:
    from strategies import build_document

    from revdiff import compare
    from revdiff.model import Metadata

    line = "RESOLUTION 84 (Rev. Geneva, 2022)"
    old = build_document([], metadata=Metadata(number_line=line))
    new = build_document([], metadata=Metadata(number_line=line.replace("Rev. ", "Rev.\u00a0")))
    number = comparison_to_dict(compare(old, new))["metadata"][0]
    assert number["nature"] == ["editorial"]
    assert ["-", " "] in number["inline"] and ["+", "\u00a0"] in number["inline"]


def test_metadata_falls_back_to_the_documents_when_the_comparison_lists_none() -> None:
    report = comparison_to_dict(identical_comparison())
    assert [m["field"] for m in report["metadata"]] == list(METADATA_FIELDS)
    assert report["metadata"][0] == {
        "field": "number_line",
        "old": "RESOLUTION 1",
        "new": "RESOLUTION 1",
    }


def test_documents_report_source_title_revision_and_clause_count() -> None:
    comparison = sample_comparison()
    report = comparison_to_dict(comparison)
    assert report["old"] == {
        "source": "fixtures/res99-2016.reconstructed.txt",
        "title": comparison.old.metadata.title,
        "revision": "Hammamet, 2016",
        "clauses": len(comparison.old.clauses),
    }


def test_changes_keep_the_comparison_order_and_fields() -> None:
    comparison = sample_comparison()
    changes = comparison_to_dict(comparison)["changes"]
    assert [c["kind"] for c in changes] == [c.kind.value for c in comparison.changes]
    first = changes[0]
    assert first["marker"] == "MOD"
    assert first["nature"] == ["citation"]
    assert first["similarity"] == 0.8123  # rounded to four places
    assert first["old"][0] == {
        "id": "recalling/a",
        "section": "recalling",
        "label": "a)",
        "text": "Resolution 196 (Busan, 2014) of the Plenipotentiary;",
    }
    assert ["-", "Busan, 2014"] in first["inline"] and ["+", "Rev. Dubai, 2018"] in first["inline"]
    added = changes[1]
    assert added["kind"] == "added" and added["old"] == [] and added["marker"] == "ADD"
    renumbered = changes[2]
    assert renumbered["renumbered"] is True and renumbered["moved"] is False
    split = next(c for c in changes if c["kind"] == "split")
    assert len(split["old"]) == 1 and len(split["new"]) == 2


def test_empty_inline_edits_are_filled_with_the_plainest_runs() -> None:
    comparison = one_change([TextEdit(EditOp.DELETE, "old"), TextEdit(EditOp.INSERT, "new")])
    change = comparison.changes[0]
    bare = Comparison(
        comparison.old,
        comparison.new,
        (),
        (type(change)(change.kind, change.old, change.new, ()),),
    )
    assert comparison_to_dict(bare)["changes"][0]["inline"] == [["-", "old"], ["+", "new"]]


def test_output_is_utf8_indented_deterministic_and_ends_with_a_newline() -> None:
    text = render_json(sample_comparison())
    assert text == render_json(sample_comparison())
    assert text == render_comparison(sample_comparison(), "json")
    assert text.endswith("}\n")
    assert "\u2011" in text and "\\u" not in text  # ensure_ascii=False
    assert text.startswith('{\n  "schema": "revdiff.report/1",\n')


def test_schema_rejects_what_the_issue_does_not_allow() -> None:
    report = comparison_to_dict(sample_comparison())
    bad_kind = json.loads(json.dumps(report))
    bad_kind["changes"][0]["kind"] = "renamed"
    assert schema_errors(bad_kind)
    extra = json.loads(json.dumps(report))
    extra["changes"][0]["colour"] = "red"
    assert schema_errors(extra)
    bad_op = json.loads(json.dumps(report))
    bad_op["changes"][0]["inline"][0][0] = "~"
    assert schema_errors(bad_op)
    added_with_old = json.loads(json.dumps(report))
    added_with_old["changes"][1]["old"] = report["changes"][0]["old"]
    assert schema_errors(added_with_old)
    wrong_name = json.loads(json.dumps(report))
    wrong_name["schema"] = "revdiff.report/2"
    assert schema_errors(wrong_name)


_RUN = st.tuples(
    st.sampled_from([EditOp.EQUAL, EditOp.DELETE, EditOp.INSERT]),
    st.text(min_size=1, max_size=6),
)


@settings(max_examples=50, deadline=None)
@given(st.lists(_RUN, min_size=1, max_size=6))
def test_any_inline_runs_round_trip_and_validate(raw: list[tuple[EditOp, str]]) -> None:
    edits = [TextEdit(op, text) for op, text in raw]
    comparison = one_change(edits)
    report = json.loads(render_json(comparison))
    assert schema_errors(report) == []
    change = report["changes"][0]
    assert "".join(t for op, t in change["inline"] if op != "+") == change["old"][0]["text"]
    assert "".join(t for op, t in change["inline"] if op != "-") == change["new"][0]["text"]


def test_compare_without_paths_writes_html_and_json_reports_of_the_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from revdiff.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = CliRunner().invoke(app, ["compare"])
    assert result.exit_code == 1, result.output
    assert "Busan, 2014" in result.stdout  # the text report went to stdout
    report = json.loads((tmp_path / "revdiff-out" / "res84-2016-2022.json").read_text("utf-8"))
    assert schema_errors(report) == []
    assert report["summary"]["modified"] >= 5
    # The bundled versions are named as in the source tree, wherever revdiff is installed.
    sources = (report["old"]["source"], report["new"]["source"])
    assert sources == tuple(f"seeds/{path.name}" for path in seed_paths())
    assert "old  seeds/res84-hammamet-2016.reconstructed.tika.txt ·" in result.stdout
    page = (tmp_path / "revdiff-out" / "res84-2016-2022.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "labelled reconstruction" in page


def test_control_characters_are_escaped_and_kept_exactly() -> None:
    comparison = control_comparison()
    text = render_json(comparison)
    assert not has_control(text, allowed="\n")
    report = json.loads(text)
    assert report["changes"][0]["old"][0]["text"] == comparison.changes[0].old[0].text
    assert "\\u009b" in text and "\\u007f" in text and "\\u001b" in text
