"""History across versions: lineages, ordering, the four report formats and `revdiff history`.

The data are the two Res 84 seeds plus a THIRD VERSION DERIVED HERE for testing only (it is not
an ITU text): the 2022 text renumbered "(Rev. Testland, 2026)", with a recalling item inserted
as b) (so that b)–e) become c)–f)), noting c) deleted and resolves 3 reworded.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import build_document, documents
from typer.testing import CliRunner

from revdiff.cli import app
from revdiff.compare import compare_documents, trace_history
from revdiff.errors import RevdiffError
from revdiff.history import (
    ClauseState,
    History,
    build_history,
    order_versions,
)
from revdiff.load import load_document
from revdiff.model import (
    Change,
    ChangeKind,
    CompareOptions,
    Comparison,
    Document,
    EditOp,
    Metadata,
    Nature,
    TextEdit,
)
from revdiff.render.history import history_to_dict, load_history_schema, render_history

ROOT = Path(__file__).resolve().parents[1]
SEED_2016 = ROOT / "seeds" / "res84-hammamet-2016.reconstructed.tika.txt"
SEED_2022 = ROOT / "seeds" / "res84-geneva-2022.tika.txt"
ADDED_ITEM = (
    "Resolution 999 (Testland, 2026) of a test assembly, on an item added for testing only;"
)
REWORDED = "that the study groups concerned should complete work on Recommendations"


def derive_third_version(text: str) -> str:
    """The 2022 seed revised for testing (see the module docstring)."""
    text = re.sub(
        r"RESOLUTION 84 \(Rev\.\s?Geneva, 2022\)", "RESOLUTION 84 (Rev. Testland, 2026)", text
    )
    text = text.replace(
        "(Hammamet, 2016; Geneva, 2022)", "(Hammamet, 2016; Geneva, 2022; Testland, 2026)"
    )
    text = text.replace("Assembly (Geneva, 2022),", "Assembly (Testland, 2026),")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"a\)\tResolution\s196", line))
    for i in range(start + 1, start + 5):  # recalling b)–e) become c)–f)
        lines[i] = chr(ord(lines[i][0]) + 1) + lines[i][1:]
    lines.insert(start + 1, f"b)\t{ADDED_ITEM}")
    gone = next(
        i for i, line in enumerate(lines) if line.startswith("c)\tthat the issue of access")
    )
    lines[gone - 1] = lines[gone - 1].rstrip().rstrip(";") + ","
    del lines[gone]
    lines = [
        line.replace(
            "that the study groups concerned should expedite work on Recommendations", REWORDED
        )
        for line in lines
    ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def derived_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history") / "res84-derived-2026.test.txt"
    path.write_text(derive_third_version(SEED_2022.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def versions(derived_path: Path) -> tuple[Document, Document, Document]:
    return (load_document(SEED_2016), load_document(SEED_2022), load_document(derived_path))


@pytest.fixture(scope="module")
def history(versions: tuple[Document, Document, Document]) -> History:
    # Given newest first on purpose: the dates put them in order.
    return trace_history(list(reversed(versions)))


def lineage_of(history: History, lineage_id: str) -> list[ClauseState]:
    return list(next(lin for lin in history.lineages if lin.id == lineage_id).states)


def changes(states: list[ClauseState]) -> list[str]:
    return [s.change.value for s in states]


# --------------------------------------------------------------------------------------------
# The derived version is what the test says it is


def test_the_derived_version_parses_as_intended(versions: tuple[Document, ...]) -> None:
    derived = versions[2]
    assert derived.metadata.year == 2026 and derived.metadata.number == "84"
    assert len(derived.clauses) == len(versions[1].clauses)  # one added, one deleted
    recalling = derived.section("recalling")
    assert recalling is not None
    assert [c.label for c in recalling.clauses] == ["a)", "b)", "c)", "d)", "e)", "f)"]
    assert recalling.clauses[1].text == ADDED_ITEM


# --------------------------------------------------------------------------------------------
# Ordering


@pytest.mark.parametrize("permutation", list(itertools.permutations(range(3))))
def test_versions_are_ordered_by_their_date_whatever_the_argument_order(
    versions: tuple[Document, ...], permutation: tuple[int, ...]
) -> None:
    ordered = order_versions([versions[i] for i in permutation])
    assert [d.metadata.year for d in ordered] == [2016, 2022, 2026]


def test_keep_order_keeps_the_order_given(versions: tuple[Document, ...]) -> None:
    given_order = [versions[2], versions[0], versions[1]]
    assert list(order_versions(given_order, keep_order=True)) == given_order


def test_a_version_without_a_year_cannot_be_placed_and_says_how_to_proceed(
    versions: tuple[Document, ...],
) -> None:
    undated = Document("undated.txt", versions[0].format, Metadata(), versions[0].sections)
    with pytest.raises(RevdiffError, match="--keep-order") as caught:
        order_versions([versions[1], undated])
    assert caught.value.path == "undated.txt"


def test_an_original_comes_before_a_revision_of_the_same_year() -> None:
    original = build_document([], source="b.txt", metadata=Metadata(year=2016, revision="X, 2016"))
    revised = build_document(
        [], source="a.txt", metadata=Metadata(year=2016, revision="Rev. X, 2016")
    )
    assert [d.source for d in order_versions([revised, original])] == ["b.txt", "a.txt"]


# --------------------------------------------------------------------------------------------
# Lineages of the seed history


def test_every_lineage_has_one_state_per_version_and_every_clause_appears_once(
    history: History,
) -> None:
    assert [d.metadata.year for d in history.documents] == [2016, 2022, 2026]
    for lineage in history.lineages:
        assert [s.version for s in lineage.states] == [0, 1, 2]
    for version, document in enumerate(history.documents):
        held = [
            lineage.states[version].clause.id
            for lineage in history.lineages
            if lineage.states[version].clause is not None
        ]
        assert sorted(held) == sorted(c.id for c in document.clauses)
    ids = [lineage.id for lineage in history.lineages]
    assert len(ids) == len(set(ids))


def test_a_citation_update_shows_as_a_modification_of_citation_nature(history: History) -> None:
    states = lineage_of(history, "recalling/a")
    assert changes(states) == ["added", "modified", "unchanged"]
    assert states[1].natures == (Nature.CITATION,)
    assert "Busan, 2014" in (states[0].text or "") and "Dubai, 2018" in (states[1].text or "")


def test_a_relettered_clause_keeps_its_lineage(history: History) -> None:
    states = lineage_of(history, "recalling/c")  # b) in 2016 and 2022
    assert changes(states) == ["added", "modified", "unchanged"]
    assert [s.clause.label for s in states if s.clause] == ["b)", "b)", "c)"]
    assert states[2].renumbered and states[2].previous_id == "recalling/b"
    assert states[2].is_change


def test_a_clause_added_later_is_absent_before(history: History) -> None:
    states = lineage_of(history, "recalling/b")
    assert changes(states) == ["absent", "absent", "added"]
    assert states[2].text == ADDED_ITEM


def test_a_suppressed_clause_is_deleted_then_absent(history: History) -> None:
    (lineage,) = [lin for lin in history.lineages if lin.suppressed_at is not None]
    assert lineage.id == "noting/c"
    assert changes(list(lineage.states)) == ["added", "unchanged", "deleted"]
    assert lineage.states[2].text is None


def test_a_reworded_clause_is_a_substantive_modification(history: History) -> None:
    states = lineage_of(history, "resolves/3")
    assert changes(states) == ["added", "unchanged", "modified"]
    assert Nature.SUBSTANTIVE in states[2].natures
    inserted = "".join(e.text for e in states[2].edits if e.op is EditOp.INSERT)
    assert "complete" in inserted


def test_lineages_follow_the_newest_order_with_suppressed_clauses_in_place(
    history: History,
) -> None:
    ids = [lineage.id for lineage in history.lineages]
    assert ids.index("noting/b") + 1 == ids.index("noting/c") < ids.index("resolves/1")
    newest = [c.id for c in history.documents[-1].clauses]
    assert [i for i in ids if i in newest] == newest


# --------------------------------------------------------------------------------------------
# Splits and merges, built by hand


def _pair(
    kind: ChangeKind, old: Document, new: Document, old_ix: list[int], new_ix: list[int]
) -> Change:
    return Change(
        kind,
        tuple(old.clauses[i] for i in old_ix),
        tuple(new.clauses[j] for j in new_ix),
        (TextEdit(EditOp.EQUAL, "x"),),
        natures=(Nature.SUBSTANTIVE,) if kind is not ChangeKind.UNCHANGED else (),
    )


def test_a_split_continues_into_the_first_piece_and_starts_the_others() -> None:
    old = build_document([("resolves", [("1", "one and two"), ("2", "three")])], source="o")
    new = build_document(
        [("resolves", [("1", "one"), ("2", "and two"), ("3", "three")])], source="n"
    )
    comparison = Comparison(
        old,
        new,
        (),
        (
            _pair(ChangeKind.SPLIT, old, new, [0], [0, 1]),
            _pair(ChangeKind.UNCHANGED, old, new, [1], [2]),
        ),
    )
    history = build_history([old, new], [comparison])
    assert [(lin.id, changes(list(lin.states))) for lin in history.lineages] == [
        ("resolves/1", ["added", "modified"]),
        ("resolves/2", ["absent", "added"]),
        ("resolves/3", ["added", "unchanged"]),
    ]
    assert history.lineages[1].states[1].related == ("resolves/1",)


def test_a_merge_continues_the_first_clause_and_ends_the_others() -> None:
    old = build_document([("resolves", [("1", "one"), ("2", "two"), ("3", "three")])], source="o")
    new = build_document([("resolves", [("1", "one two"), ("2", "three")])], source="n")
    comparison = Comparison(
        old,
        new,
        (),
        (
            _pair(ChangeKind.MERGED, old, new, [0, 1], [0]),
            _pair(ChangeKind.UNCHANGED, old, new, [2], [1]),
        ),
    )
    history = build_history([old, new], [comparison])
    # "resolves/2" ends in the first version, while the last version has a resolves/2 of its own.
    assert [(lin.id, changes(list(lin.states))) for lin in history.lineages] == [
        ("resolves/1", ["added", "modified"]),
        ("resolves/2@v1", ["added", "deleted"]),
        ("resolves/2", ["added", "unchanged"]),
    ]
    assert history.lineages[1].states[1].related == ("resolves/1",)


def test_comparisons_that_do_not_chain_the_versions_are_refused() -> None:
    a = build_document([], source="a")
    b = build_document([], source="b")
    with pytest.raises(ValueError, match="one comparison"):
        build_history([a, b], [])
    with pytest.raises(ValueError, match="does not compare"):
        build_history([a, b], [Comparison(b, a, (), ())])


@settings(max_examples=30, deadline=None)
@given(st.lists(documents(max_sections=2, max_clauses=4), min_size=1, max_size=4))
def test_any_chain_of_versions_gives_complete_consistent_lineages(
    chain: list[Document],
) -> None:
    chain = [Document(f"v{i}.txt", d.format, d.metadata, d.sections) for i, d in enumerate(chain)]
    comparisons = [compare_documents(a, b, CompareOptions()) for a, b in itertools.pairwise(chain)]
    history = build_history(chain, comparisons)
    for version, document in enumerate(chain):
        held = [
            lin.states[version].clause for lin in history.lineages if lin.states[version].present
        ]
        assert sorted(c.id for c in held if c) == sorted(c.id for c in document.clauses)
    for lineage in history.lineages:
        kinds = changes(list(lineage.states))
        assert len(kinds) == len(chain)
        first = kinds.index("added")
        assert set(kinds[:first]) <= {"absent"}
        if "deleted" in kinds:
            assert set(kinds[kinds.index("deleted") + 1 :]) <= {"absent"}
    assert len({lin.id for lin in history.lineages}) == len(history.lineages)
    data = history_to_dict(history)
    assert all(len(c["states"]) == len(chain) for c in data["clauses"])


# --------------------------------------------------------------------------------------------
# Reports


def test_json_follows_the_history_schema(history: History) -> None:
    import jsonschema

    data = json.loads(render_history(history, "json"))
    jsonschema.validate(data, load_history_schema())
    assert data["schema"] == "revdiff.history/1"
    assert [v["year"] for v in data["versions"]] == [2016, 2022, 2026]
    assert data["versions"][1]["revision"] == "Rev. Geneva, 2022"
    by_id = {c["id"]: c for c in data["clauses"]}
    assert [s["change"] for s in by_id["recalling/a"]["states"]] == [
        "added",
        "modified",
        "unchanged",
    ]
    assert by_id["recalling/a"]["states"][1]["nature"] == ["citation"]
    assert by_id["noting/c"]["states"][2] == {
        "version": 2,
        "text": None,
        "change": "deleted",
        "nature": [],
    }


def test_the_html_lineage_is_a_table_with_one_column_per_version(history: History) -> None:
    page = render_history(history, "html")
    head = page.split('<table class="lineage">', 1)[1].split("</thead>", 1)[0]
    assert re.findall(r'<th scope="col">([^<]*)</th>', head) == ["2016", "2022", "2026"]
    row = re.search(r'<tr id="recalling/c">(.*?)</tr>', page)
    assert row is not None and row.group(1).count("<td") == 3
    assert "<del>" in page and "<ins>" in page
    assert "labelled reconstruction" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page


def test_text_and_markdown_tell_the_lineage_of_changed_clauses(history: History) -> None:
    text = render_history(history, "text")
    assert "unchanged (relettered b) → c))" in text
    assert "{+complete+}" in text or "{+complete" in text
    assert "labelled reconstruction" in text
    assert "\nrecognizing/a\n" not in text  # unchanged throughout: listed only with show_all
    assert "\nrecognizing/a\n" in render_history(history, "text", show_all=True)
    markdown = render_history(history, "md")
    assert "| Clause | 2016 | 2022 | 2026 |" in markdown
    assert "~~" in markdown and "**" in markdown


def test_reports_are_deterministic(history: History, versions: tuple[Document, ...]) -> None:
    again = trace_history(list(versions))
    for fmt in ("text", "md", "html", "json"):
        assert render_history(history, fmt) == render_history(again, fmt)


def test_an_unknown_format_is_refused(history: History) -> None:
    with pytest.raises(RevdiffError, match="unknown history format"):
        render_history(history, "pdf")


# --------------------------------------------------------------------------------------------
# The command


def test_cli_history_writes_json_and_exits_1_for_differences(
    derived_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "history.json"
    result = CliRunner().invoke(
        app,
        [
            "history",
            str(derived_path),
            str(SEED_2016),
            str(SEED_2022),
            "-f",
            "json",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [v["year"] for v in data["versions"]] == [2016, 2022, 2026]


def test_cli_history_keep_order_and_same_version_twice_exits_0() -> None:
    result = CliRunner().invoke(
        app, ["history", str(SEED_2022), str(SEED_2022), "--keep-order", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {s["change"] for c in data["clauses"] for s in c["states"][1:]} == {"unchanged"}


def test_cli_history_needs_two_versions_and_reports_trouble_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["history", str(SEED_2022)])
    assert result.exit_code == 2
    result = CliRunner().invoke(app, ["history", str(SEED_2022), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr and "To fix:" in result.stderr
