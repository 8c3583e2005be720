"""The Markdown report, checked by rendering it with a CommonMark parser with GFM tables and
strikethrough (markdown-it-py, which rich already depends on): runs really come out struck or
bold, escaped clause text comes out as the same characters, edge spaces never break a marker."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from render_samples import (
    control_comparison,
    de,
    eq,
    has_control,
    identical_comparison,
    ins,
    sample_comparison,
    seed_comparison,
)
from render_samples import single_change_comparison as one_change

from revdiff.model import EditOp, TextEdit
from revdiff.render import render_comparison
from revdiff.render.markdown import (
    escape_line_start,
    escape_markdown,
    render_markdown,
    render_runs,
)

GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def to_html(markdown: str) -> str:
    return GFM.render(markdown)


class _Runs(HTMLParser):
    """Splits rendered HTML text into kept, struck (s/del) and bold (strong) runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        if "s" in self.open or "del" in self.open:
            self.runs.append(("-", data))
        elif "strong" in self.open:
            self.runs.append(("+", data))
        else:
            self.runs.append(("=", data))


def parsed_runs(markdown_line: str) -> list[tuple[str, str]]:
    parser = _Runs()
    parser.feed(to_html(markdown_line))
    return parser.runs


def visible(text: str) -> str:
    """Text without whitespace or the symbols that stand for whitespace-only runs."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "␣⍽⇥↵")


def test_report_is_titled_and_has_the_summary_table() -> None:
    text = render_markdown(sample_comparison())
    assert text.startswith("# RESOLUTION 99 (Hammamet, 2016) → RESOLUTION 99 (Rev. Geneva, 2022)\n")
    html = to_html(text)
    assert "<th>Change</th>" in html and "<td>Modified</td>" in html
    assert '<td>Split</td>\n<td style="text-align:right">1</td>' in html


def test_reconstruction_note_comes_before_the_summary() -> None:
    text = render_markdown(sample_comparison())
    note = text.index("is a labelled reconstruction, not the official text")
    assert note < text.index("## Summary")
    assert "reconstruction" not in render_markdown(sample_comparison(reconstructed=False))


def test_metadata_comes_before_the_changes() -> None:
    text = render_markdown(sample_comparison())
    assert text.index("## Metadata") < text.index("## Changes")
    assert "- **History line** (citation): " in text


def test_changes_are_grouped_by_section_with_marker_labels_and_nature() -> None:
    text = render_markdown(sample_comparison())
    assert "### recalling\n" in text and "### recognizing (new section)\n" in text
    assert "**MOD** a) · `recalling/a` · modified · *citation*" in text
    assert "**NOC** b) → c) · `recalling/b → recalling/c` · unchanged, renumbered" in text
    assert (
        "**(MOD)** b) → a), b) · `considering/b → considering/a + considering/b` · split · "
        "*editorial*" in text
    )
    assert "- citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)" in text
    assert "- moved from considering a)" in text


def test_deleted_runs_are_struck_and_inserted_runs_bold() -> None:
    text = render_markdown(sample_comparison())
    assert "> Resolution 196 (~~Busan, 2014~~**Rev. Dubai, 2018**) of the Plenipotentiary;" in text
    html = to_html(text)
    assert "(<s>Busan, 2014</s><strong>Rev. Dubai, 2018</strong>)" in html


def test_markdown_specials_in_clause_text_stay_characters() -> None:
    html = to_html(render_markdown(sample_comparison()))
    assert (
        "<strong>the *new* rules_of [Art. 5] | &lt;b&gt;bold&lt;/b&gt; &amp; co;</strong>" in html
    )


def test_edge_spaces_go_outside_the_markers() -> None:
    assert render_runs([eq("for"), ins(" all "), eq("users")]) == "for **all** users"
    assert render_runs([eq("a"), de(" old"), eq(" b")]) == "a ~~old~~ b"


def test_markers_that_would_not_flank_fall_back_to_html() -> None:
    line = render_runs([eq("(Hammamet, 2016"), ins("; Geneva, 2022"), eq(")")])
    assert line == "(Hammamet, 2016<strong>; Geneva, 2022</strong>)"
    assert "<strong>; Geneva, 2022</strong>" in to_html(line)


def test_a_line_that_would_start_a_list_is_escaped() -> None:
    for text in ("1. to continue", "2) to study", "- dash", "+ plus"):
        html = to_html(render_markdown(one_change([de("x"), ins(" "), eq(text)])))
        assert "<ol" not in html and "<ul>\n<li>" + text not in html
    html = to_html(render_markdown(one_change([eq("1. to continue"), ins(" now")])))
    assert "<ol" not in html
    assert "1. to continue <strong>now</strong>" in html


def test_escape_markdown_round_trips_through_a_parser() -> None:
    text = r"a*b_c~d`e[f]g<h>i|j&k#l\m"
    assert to_html(escape_markdown(text)) == "<p>a*b_c~d`e[f]g&lt;h&gt;i|j&amp;k#l\\m</p>\n"


def test_unchanged_clauses_only_with_show_all() -> None:
    assert "that study groups collaborate," not in render_markdown(sample_comparison())
    everything = render_markdown(sample_comparison(), show_all=True)
    assert "> that study groups collaborate," in everything
    assert render_comparison(sample_comparison(), "md", show_all=True) == everything


def test_identical_versions_say_so() -> None:
    assert "No differences" in render_markdown(identical_comparison())


def test_seed_report_renders_without_stray_markers() -> None:
    html = to_html(render_markdown(seed_comparison()))
    assert "**" not in html and "~~" not in html
    assert "<s>Busan, 2014</s><strong>Rev. Dubai, 2018</strong>" in html


def test_rendering_is_deterministic() -> None:
    assert render_markdown(seed_comparison()) == render_markdown(seed_comparison())


_TEXT = st.text(
    alphabet=st.sampled_from(list('ab 1.-+*_~<>&|()`\\[]#!;="\u00a0\t\n')), min_size=1, max_size=8
)
_EDITS = st.lists(
    st.tuples(st.sampled_from([EditOp.EQUAL, EditOp.DELETE, EditOp.INSERT]), _TEXT),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(_EDITS)
def test_parsed_runs_rebuild_both_texts(raw: list[tuple[EditOp, str]]) -> None:
    edits = [TextEdit(op, text) for op, text in raw if text]
    runs = parsed_runs(escape_line_start(render_runs(edits)))
    old = "".join(e.text for e in edits if e.op is not EditOp.INSERT)
    new = "".join(e.text for e in edits if e.op is not EditOp.DELETE)
    assert visible("".join(t for op, t in runs if op != "+")) == visible(old)
    assert visible("".join(t for op, t in runs if op != "-")) == visible(new)


def test_control_characters_are_made_visible() -> None:
    text = render_markdown(control_comparison())
    assert not has_control(text)
    assert "esc␛\\[2J" in text
