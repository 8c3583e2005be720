"""A proposal read in its accepted view has no text for a SUP provision: the gap it leaves in the
labels is explained by the marker, so it is no warning. A gap with no SUP still is."""

from __future__ import annotations

from pathlib import Path

from revdiff.load import load_document
from revdiff.model import Document

SUPPRESSED = "SUP\tACP/64A1/3\nReasons:\tMerged into recalling a).\n"
PROPOSAL = f"""RESOLUTION 84 (Rev. New Delhi, 2024)
Studies concerning the protection of users of telecommunication/ICT services
(Hammamet, 2016; Geneva, 2022; New Delhi, 2024)
The World Telecommunication Standardization Assembly (New Delhi, 2024),
recalling
NOC\tACP/64A1/2
a)\tResolution 196 (Rev. Bucharest, 2022) of the Plenipotentiary Conference;
{SUPPRESSED}MOD\tACP/64A1/4
c)\tResolution 189 (Rev. Bucharest, 2022) of the Plenipotentiary Conference,
Reasons:\tUpdate.
resolves
1\tto continue developing relevant ITU-T Recommendations.
"""


def _load(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "proposal.txt"
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def test_a_sup_provision_gone_from_the_accepted_view_leaves_no_false_gap(tmp_path: Path) -> None:
    document = _load(tmp_path, PROPOSAL)
    assert document.warnings == ()
    (detached,) = document.detached_proposals
    assert (detached.marker, detached.id, detached.reasons) == (
        "SUP",
        "ACP/64A1/3",
        "Merged into recalling a).",
    )


def test_a_gap_no_marker_explains_is_still_a_warning(tmp_path: Path) -> None:
    document = _load(tmp_path, PROPOSAL.replace(SUPPRESSED, ""))
    assert any("follows" in warning for warning in document.warnings)
