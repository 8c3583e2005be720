"""Benchmarks for revdiff: alignment quality and speed, side by side with baselines (issue 5).

`python -m benchmarks` generates revised resolutions with known true clause pairs (generate.py),
scores revdiff and two baselines on them (quality.py, baselines.py), times whole processes on
pairs of 30 to 50,000 clauses (speed.py) and writes BENCHMARKS.md at the repository root.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository root: BENCHMARKS.md is written here."""

SHARED = ROOT.parent / "shared"
"""Read-only real texts next to the checkout (Res 1); absent on a bare clone."""
