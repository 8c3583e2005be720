"""`revdiff propose`: an ITU proposal document written from two versions reads back.

`revdiff show` finds every marker, id and reasons the writer put (ADD and MOD ones in the
accepted view, SUP ones in the original view, where the suppressed provision still stands);
accepting every change compares equal to NEW, rejecting every change compares equal to OLD;
the ids follow document order; the reasons file's keys, its errors; --noc collapse; Markdown
and HTML.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import Result
from conftest import CASES, REPO

from revdiff.compare import compare_files
from revdiff.load import load_document
from revdiff.model import Clause, CompareOptions, Document, Marker, View
from revdiff.propose import (
    PLACEHOLDER,
    NocMode,
    ProposalPlan,
    ProposeOptions,
    plan_proposal,
)

Cli = Callable[..., Result]
RES84 = REPO / "fixtures" / "compile" / "res84"
BASE = RES84 / "base-res84-geneva-2022.txt"
APT = RES84 / "apt-res84.txt"
DATE = datetime(2024, 5, 1, tzinfo=UTC)
PAIRS = {
    "apt": (BASE, APT),
    "seed": (
        REPO / "seeds" / "res84-hammamet-2016.reconstructed.tika.txt",
        REPO / "seeds" / "res84-geneva-2022.tika.txt",
    ),
    "cept": (BASE, RES84 / "cept-res84.txt"),
    **{
        case.name: (case / "old.txt", case / "new.txt")
        for case in sorted(CASES.iterdir())
        if (case / "old.txt").is_file()
    },
}
MARKER_LINE = re.compile(r"^(MOD|ADD|SUP|NOC|\(MOD\))(\t\S+)?$")


def _plan(old: Path, new: Path, **options: object) -> ProposalPlan:
    comparison = compare_files(old, new)
    return plan_proposal(comparison, ProposeOptions(date=DATE, **options))  # type: ignore[arg-type]


def _propose(cli: Cli, tmp_path: Path, old: Path, new: Path, *args: object) -> Path:
    target = tmp_path / "proposal.docx"
    result = cli("propose", old, new, "-o", target, "--date", "2024-05-01", "-q", *args)
    assert result.exit_code in (0, 1), result.stderr
    assert target.is_file()
    return target


def _by_id(document: Document) -> dict[str, Clause]:
    return {clause.id: clause for clause in document.clauses}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_show_reads_back_every_marker_id_and_reasons(cli: Cli, tmp_path: Path, name: str) -> None:
    old, new = PAIRS[name]
    path = _propose(cli, tmp_path, old, new, "--prefix", "ACP/64A1")
    plan = _plan(old, new, prefix="ACP/64A1")
    document = load_document(path)
    accepted = _by_id(document)
    original = _by_id(load_document(path, view=View.ORIGINAL))
    detached = [(p.marker, p.id, p.reasons) for p in document.detached_proposals]
    for provision in plan.provisions:
        assert provision.marker is not None
        if provision.side == "new":
            clause = accepted[provision.change.new[0].id]
        else:  # a suppressed provision stands only in the original view ...
            clause = original[provision.change.old[0].id]
            # ... and the accepted view keeps its marker, id and reasons apart.
            assert (provision.marker.value, provision.id, provision.reasons) in detached
        assert clause.proposal is not None, (name, provision.key)
        assert clause.proposal.marker == provision.marker.value, (name, provision.key)
        assert clause.proposal.id == provision.id, (name, provision.key)
        assert clause.proposal.reasons == provision.reasons, (name, provision.key)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_accepting_gives_new_and_rejecting_gives_old(cli: Cli, tmp_path: Path, name: str) -> None:
    old, new = PAIRS[name]
    path = _propose(cli, tmp_path, old, new, "--prefix", "ACP/64A1", "--source", "APT")
    assert not compare_files(new, path).has_differences, name
    rejected = CompareOptions(new_view=View.ORIGINAL)
    assert not compare_files(old, path, rejected).has_differences, name
    # And through the CLI: exit 0 both ways.
    assert cli("compare", new, path).exit_code == 0
    assert cli("compare", old, path, "--new-view", "original").exit_code == 0


def test_the_header_the_whole_text_and_the_ids_in_document_order(cli: Cli, tmp_path: Path) -> None:
    path = _propose(
        cli,
        tmp_path,
        BASE,
        APT,
        "--prefix",
        "ACP/64A1/",
        "--source",
        "Asia-Pacific Telecommunity",
        "--document",
        "64(Add.1)-E",
        "--agenda-item",
        "1.1",
    )
    document = load_document(path)
    header = dict(document.header)
    assert header["source"] == "Asia-Pacific Telecommunity"
    assert header["document"] == "64(Add.1)-E"
    assert header["agenda_item"] == "1.1"
    assert header["title"] == "Proposed revision of Resolution 84 (Rev. Geneva, 2022)"
    assert header["date"] == "1 May 2024"
    # The number line changed: a proposal on the whole text, first in the document.
    whole = document.metadata.proposal
    assert whole is not None and (whole.marker, whole.id) == ("MOD", "ACP/64A1/1")
    assert whole.reasons == PLACEHOLDER
    # Every provision numbered, in order (NOC ones included: --noc show is the default).
    ids = [c.proposal.id for c in document.clauses if c.proposal is not None]
    numbers = [int(i.rsplit("/", 1)[1]) for i in ids if i]
    assert numbers == sorted(numbers) and numbers[0] == 2
    original = load_document(path, view=View.ORIGINAL)
    every = {c.proposal.id for d in (document, original) for c in d.clauses if c.proposal}
    count = len(compare_files(BASE, APT).changes)
    assert every == {f"ACP/64A1/{n}" for n in range(2, count + 2)}


def test_noc_collapse_marks_only_the_changed_provisions(cli: Cli, tmp_path: Path) -> None:
    path = _propose(cli, tmp_path, BASE, APT, "--prefix", "ACP/64A1", "--noc", "collapse")
    plan = _plan(BASE, APT, prefix="ACP/64A1", noc=NocMode.COLLAPSE)
    document = load_document(path)
    markers = [c.proposal.marker for c in document.clauses if c.proposal is not None]
    assert "NOC" not in markers
    assert markers.count("ADD") == sum(p.marker is Marker.ADD for p in plan.provisions) > 0
    marked = [p.id for p in plan.marked]
    assert marked == [f"ACP/64A1/{n}" for n in range(2, len(marked) + 2)]  # 1: the whole text
    assert not compare_files(APT, path).has_differences


def test_reasons_from_a_json_file_by_clause_id_and_by_proposal_id(cli: Cli, tmp_path: Path) -> None:
    old, new = PAIRS["deletion"]
    reasons = tmp_path / "reasons.json"
    reasons.write_text(
        json.dumps(
            {
                "considering/c": "The practice has ended.",  # the OLD c), deleted
                "ACP/64A1/8": ["Relettered after", "the deletion."],
                "resolves/9": "Not a provision.",
            }
        ),
        encoding="utf-8",
    )
    target = tmp_path / "proposal.docx"
    result = cli("propose", old, new, "-o", target, "--prefix", "ACP/64A1", "--reasons", reasons)
    assert result.exit_code == 1, result.stderr
    assert "'resolves/9' name no provision" in result.stderr
    original = _by_id(load_document(target, view=View.ORIGINAL))
    suppressed = original["considering/c"].proposal
    assert suppressed is not None and suppressed.marker == "SUP"
    assert suppressed.reasons == "The practice has ended."
    accepted = load_document(target)
    relettered = [c.proposal for c in accepted.clauses if c.proposal and c.proposal.id]
    by_pid = {p.id: p for p in relettered}
    assert by_pid["ACP/64A1/8"].reasons == "Relettered after the deletion."
    assert by_pid["ACP/64A1/7"].reasons == PLACEHOLDER  # the new c) is not the old one


def test_reasons_from_a_yaml_file(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("yaml", reason="needs PyYAML for YAML reasons: pip install pyyaml")
    old, new = PAIRS["reworded"]
    reasons = tmp_path / "reasons.yaml"
    reasons.write_text("resolves/2: To say who develops the guidelines.\n", encoding="utf-8")
    path = _propose(cli, tmp_path, old, new, "--reasons", reasons)
    clause = _by_id(load_document(path))["resolves/2"]
    assert clause.proposal is not None and clause.proposal.id is None  # no --prefix: no ids
    assert clause.proposal.reasons == "To say who develops the guidelines."


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{not json", "is not valid JSON (line 1"),
        ('["a list"]', "holds a list, not an object"),
        ('{"resolves/2": 3}', "the reasons for 'resolves/2' are not a non-empty text"),
        ('{"resolves/2": "  "}', "are not a non-empty text"),
        (b"\xff\xfe{}", "is not UTF-8"),
    ],
)
def test_a_bad_reasons_file_is_one_line_and_exit_2(
    cli: Cli, tmp_path: Path, content: str | bytes, said: str
) -> None:
    reasons = tmp_path / "reasons.json"
    if isinstance(content, bytes):
        reasons.write_bytes(content)
    else:
        reasons.write_text(content, encoding="utf-8")
    old, new = PAIRS["reworded"]
    target = tmp_path / "out.docx"
    result = cli("propose", old, new, "-o", target, "--reasons", reasons)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(reasons) in lines[0] and said in lines[0], result.stderr
    assert "To fix:" in lines[0]
    assert not target.exists()


def test_a_missing_reasons_file_and_a_bad_prefix_are_one_line_and_exit_2(
    cli: Cli, tmp_path: Path
) -> None:
    old, new = PAIRS["reworded"]
    missing = cli("propose", old, new, "-o", tmp_path / "a.docx", "--reasons", tmp_path / "no")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    prefix = cli("propose", old, new, "-o", tmp_path / "b.docx", "--prefix", "acp 64")
    assert prefix.exit_code == 2 and "--prefix 'acp 64'" in prefix.stderr
    assert len(prefix.stderr.strip().splitlines()) == 1


def test_markdown_and_html_show_markers_ids_changes_and_reasons(cli: Cli, tmp_path: Path) -> None:
    old, new = PAIRS["deletion"]
    markdown = tmp_path / "proposal.md"
    page = tmp_path / "proposal.html"
    for target in (markdown, page):
        result = cli("propose", old, new, "-o", target, "--prefix", "ACP/64A1", "--noc", "collapse")
        assert result.exit_code == 1, result.stderr
    md = markdown.read_text(encoding="utf-8")
    assert "**SUP** ACP/64A1/1" in md and "~~that some operators" in md
    assert "*Reasons:* \\[to be completed\\]" in md
    assert "*3 unchanged provisions (NOC): recalling/a … recalling/c*" in md
    html = page.read_text(encoding="utf-8")
    assert '<p class="marker">SUP<span class="id">ACP/64A1/1</span></p>' in html
    assert "<del>that some operators" in html and "<b>Reasons:</b>" in html
    assert "NOC" in html and "<script" not in html


def test_noc_show_in_markdown_lists_every_provision(cli: Cli, tmp_path: Path) -> None:
    old, new = PAIRS["reworded"]
    target = tmp_path / "proposal.md"
    assert cli("propose", old, new, "-o", target, "--prefix", "X/1").exit_code == 1
    md = target.read_text(encoding="utf-8")
    assert md.count("**NOC**") == 14 and md.count("**MOD**") == 2
    assert "X/1/16" in md


def test_the_format_comes_from_the_file_name_and_text_is_refused(cli: Cli, tmp_path: Path) -> None:
    old, new = PAIRS["reworded"]
    result = cli("propose", old, new, "-o", tmp_path / "p.txt")
    assert result.exit_code == 2 and "propose writes docx, md, html" in result.stderr
    result = cli("propose", old, new, "-o", tmp_path / "p.docx", "--format", "md")
    assert result.exit_code == 2 and "contradicts" in result.stderr


def test_identical_versions_exit_0_and_mark_every_provision_noc(cli: Cli, tmp_path: Path) -> None:
    same = CASES / "identical" / "old.txt"
    target = tmp_path / "same.docx"
    result = cli("propose", same, same, "-o", target, "--prefix", "ACP/1")
    assert result.exit_code == 0, result.stderr
    document = load_document(target)
    assert {c.proposal.marker for c in document.clauses if c.proposal} == {"NOC"}
    assert all(c.proposal is not None for c in document.clauses)


def test_a_proposal_built_on_a_word_new_version(cli: Cli, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPO / "fixtures"))
    from make_docx import make_docx

    base = make_docx(APT, tmp_path / "apt.docx")
    path = _propose(cli, tmp_path, BASE, base, "--prefix", "ACP/64A1")
    assert not compare_files(base, path).has_differences
    assert not compare_files(BASE, path, CompareOptions(new_view=View.ORIGINAL)).has_differences
    markers = [c.proposal.marker for c in load_document(path).clauses if c.proposal]
    assert {"MOD", "ADD", "NOC"} <= set(markers)


def test_the_marker_and_reasons_paragraphs_use_itu_styles(cli: Cli, tmp_path: Path) -> None:
    import zipfile

    old, new = PAIRS["deletion"]
    path = _propose(cli, tmp_path, old, new, "--prefix", "ACP/64A1")
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    assert '<w:pStyle w:val="Proposal"/>' in body and '<w:pStyle w:val="Reasons"/>' in body
    assert 'w:styleId="Proposal"' in styles and 'w:styleId="Reasons"' in styles
    assert "<w:del " in body and "<w:ins " in body


def test_show_lists_the_suppressed_provisions_of_the_accepted_view(
    cli: Cli, tmp_path: Path
) -> None:
    old, new = PAIRS["deletion"]
    path = _propose(cli, tmp_path, old, new, "--prefix", "ACP/64A1")
    result = cli("show", path)
    assert result.exit_code == 0, result.stderr
    assert "Proposals whose provision this view does not show" in result.stdout
    assert "[SUP ACP/64A1/6 — Reasons: [to be completed]]" in result.stdout
    outline = json.loads(cli("show", path, "-f", "json").stdout)
    assert outline["detached_proposals"] == [
        {"marker": "SUP", "id": "ACP/64A1/6", "reasons": PLACEHOLDER, "references": None}
    ]


def test_a_sup_marker_with_only_its_reasons_is_kept_apart_in_a_text_proposal(
    tmp_path: Path,
) -> None:
    text = tmp_path / "proposal.txt"
    text.write_text(
        "Source:\tAPT\nTitle:\tProposed revision\nRESOLUTION 99 (Geneva, 2020)\n"
        "Protection of numbering resources\nresolves\n"
        "MOD\tAPT/1/1\n1\tto continue studies;\nReasons:\tClearer.\n"
        "SUP\tAPT/1/2\nReasons:\tDone.\nReferences:\tResolution 1.\n"
        "2\tto report.\nSUP\tAPT/1/3\n",
        encoding="utf-8",
    )
    document = load_document(text)
    first = _by_id(document)["resolves/1"].proposal
    assert first is not None and (first.id, first.reasons) == ("APT/1/1", "Clearer.")
    assert _by_id(document)["resolves/2"].proposal is None
    assert [(p.id, p.reasons, p.references) for p in document.detached_proposals] == [
        ("APT/1/2", "Done.", "Resolution 1."),
        ("APT/1/3", None, None),
    ]


def test_compiling_proposals_written_by_propose_gives_the_statuses_of_their_texts(
    cli: Cli, tmp_path: Path
) -> None:
    texts = [APT, RES84 / "cept-res84.txt"]
    written = []
    for text, name in zip(texts, ("APT", "CEPT"), strict=True):
        target = tmp_path / f"{name}.docx"
        result = cli("propose", BASE, text, "-o", target, "--source", name, "--prefix", "X/1")
        assert result.exit_code == 1, result.stderr
        written.append(target)
    from_texts = tmp_path / "texts.json"
    from_proposals = tmp_path / "proposals.json"
    cli("compile", BASE, *texts, "--names", "APT,CEPT", "-o", from_texts)
    cli("compile", BASE, *written, "-o", from_proposals)  # names from the Source lines
    rows = [json.loads(p.read_text(encoding="utf-8"))["rows"] for p in (from_texts, from_proposals)]
    assert [(r["base"] and r["base"]["id"], r["status"], r["groups"]) for r in rows[0]] == [
        (r["base"] and r["base"]["id"], r["status"], r["groups"]) for r in rows[1]
    ]
    assert any(r["status"] == "conflict" for r in rows[1])


def test_the_reasons_reader_takes_a_bom_and_lists_and_refuses_folders_and_empty_files(
    tmp_path: Path,
) -> None:
    from revdiff.errors import InputError
    from revdiff.load.reasons import read_reasons

    given = tmp_path / "reasons.json"
    given.write_bytes(b'\xef\xbb\xbf{"a/1": ["One", " two "], "b/2": "Three\\n four"}')
    assert read_reasons(given) == (("a/1", "One two"), ("b/2", "Three four"))
    with pytest.raises(InputError, match="is a folder"):
        read_reasons(tmp_path)
    if importlib.util.find_spec("yaml") is not None:
        empty = tmp_path / "reasons.yaml"
        empty.write_text("", encoding="utf-8")
        with pytest.raises(InputError, match="holds empty, not an object"):
            read_reasons(empty)
        broken = tmp_path / "broken.yml"
        broken.write_text("a: [unclosed\n", encoding="utf-8")
        with pytest.raises(InputError, match="not valid YAML"):
            read_reasons(broken)
