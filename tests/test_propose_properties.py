"""Properties of the Word proposal on any revision set (the redline's own strategies), judged by
the independent XML walker: accepting every change gives NEW and rejecting gives OLD once the
proposal's own paragraphs (header, marker lines, Reasons) are set aside; those paragraphs are
the same in both views; there is one marker line per marked provision, in document order, and
the ids count up from 1."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redline_strategies import revision_sets
from redline_walker import expected_lines, view_texts
from strategies import revised_documents

from revdiff.compare import compare_documents
from revdiff.model import CompareOptions, Comparison, Document, OutputFormat
from revdiff.propose import NocMode, ProposeOptions, plan_proposal
from revdiff.render.proposal import proposal_output

DATE = datetime(2024, 5, 1, tzinfo=UTC)
MARKER = re.compile(r"^(?:MOD|ADD|SUP|NOC|\(MOD\))(?:\tP/\d+)?$")
OWN = re.compile(r"^(?:Reasons:\t.*|(?:Date|Original|Source|Title):\t.*)$")


def _check(comparison: Comparison, noc: NocMode) -> None:
    options = ProposeOptions("P", noc, (), (("source", "Tester"),), DATE)
    plan = plan_proposal(comparison, options)
    data = proposal_output(plan, OutputFormat.DOCX, date=DATE)
    accepted, rejected = view_texts(data, "accept"), view_texts(data, "reject")

    def resolution(texts: list[str]) -> list[str]:
        return [t for t in texts if not MARKER.match(t) and not OWN.match(t)]

    def own(texts: list[str]) -> list[str]:
        return [t for t in texts if MARKER.match(t) or OWN.match(t)]

    assert resolution(accepted) == expected_lines(comparison.new)
    assert resolution(rejected) == expected_lines(comparison.old)
    assert own(accepted) == own(rejected)
    markers = [t for t in accepted if MARKER.match(t)]
    expected = [p.marker_line for p in plan.provisions if p.marker_line]
    if plan.whole_line and (comparison.new.metadata.number_line or comparison.new.metadata.title):
        expected.insert(0, plan.whole_line)
    assert markers == expected
    numbers = sorted(int(m.rsplit("/", 1)[1]) for m in markers)
    if numbers:  # consecutive (1 may be the whole text's, shown only with a metadata line)
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        assert numbers[0] in (1, 2)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(revision_sets(), st.sampled_from(NocMode))
def test_a_proposal_accepts_to_new_and_rejects_to_old_on_any_revision_set(
    comparison: Comparison, noc: NocMode
) -> None:
    _check(comparison, noc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(revised_documents(), st.sampled_from(NocMode))
def test_a_proposal_of_the_compare_stages_comparisons_round_trips(
    pair: tuple[Document, Document], noc: NocMode
) -> None:
    _check(compare_documents(*pair, CompareOptions()), noc)
