"""LibreOffice's check of the proposal documents: through UNO it accepts all and rejects all
(tests/lo_accept_reject.py), and the texts must be NEW's and OLD's paragraphs, plus the
proposal's own untracked paragraphs (header fields, marker lines, Reasons) in both views.

Skipped when soffice or python3-uno is missing, except under CI, as the redline's own check.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from redline_walker import expected_lines
from test_redline_libreoffice import libreoffice, nonempty, run_libreoffice

from revdiff.compare import compare_files
from revdiff.model import OutputFormat
from revdiff.propose import ProposeOptions, plan_proposal
from revdiff.render.proposal import proposal_output

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "fixtures" / "cases"
RES84 = REPO / "fixtures" / "compile" / "res84"
DATE = datetime(2024, 5, 1, tzinfo=UTC)
PAIRS = {
    "apt": (RES84 / "base-res84-geneva-2022.txt", RES84 / "apt-res84.txt"),
    **{
        case.name: (case / "old.txt", case / "new.txt")
        for case in sorted(CASES.iterdir())
        if (case / "old.txt").is_file()
    },
}
PROPOSAL_LINE = re.compile(
    r"^(?:(?:MOD|ADD|SUP|NOC|\(MOD\))(?:\t\S+)?"
    r"|Reasons:\t.*"
    r"|(?:Document|Date|Original|Source|Title|Agenda item):\t.*)$"
)

__all__ = ["libreoffice"]  # the fixture, used by name below


def _resolution_lines(texts: object) -> list[str]:
    return [line for line in nonempty(texts) if not PROPOSAL_LINE.match(line)]


def test_libreoffice_accepts_to_new_and_rejects_to_old_around_the_proposal_lines(
    libreoffice: None, tmp_path: Path
) -> None:
    comparisons = {}
    files: list[Path | str] = []
    for name, (old, new) in PAIRS.items():
        comparison = compare_files(old, new)
        plan = plan_proposal(
            comparison, ProposeOptions(prefix="ACP/64A1", header=(("source", "APT"),), date=DATE)
        )
        path = tmp_path / f"{name}.docx"
        path.write_bytes(proposal_output(plan, OutputFormat.DOCX, date=DATE))
        files.append(path)
        comparisons[name] = (comparison, plan)
    results = run_libreoffice(files, tmp_path)
    for name, (comparison, plan) in comparisons.items():
        result = results[f"{name}.docx"]
        assert _resolution_lines(result["accept"]) == expected_lines(comparison.new), name
        assert _resolution_lines(result["reject"]) == expected_lines(comparison.old), name
        assert result["accept_left"] == 0 and result["reject_left"] == 0, name
        # The proposal's own lines stand in both views, in the same order.
        accepted = [t for t in nonempty(result["accept"]) if PROPOSAL_LINE.match(t)]
        rejected = [t for t in nonempty(result["reject"]) if PROPOSAL_LINE.match(t)]
        assert accepted == rejected, name
        markers = [t for t in accepted if not t.startswith(("Reasons:", "Source:", "Title:"))]
        expected = [p.marker_line for p in plan.provisions if p.marker_line]
        expected = ([plan.whole_line] if plan.whole_line else []) + expected
        shown = [t for t in markers if re.match(r"^(MOD|ADD|SUP|NOC|\(MOD\))", t)]
        assert shown == expected, name
        assert isinstance(result["pdf_bytes"], int) and result["pdf_bytes"] > 1000, name
