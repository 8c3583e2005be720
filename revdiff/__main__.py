"""`python -m revdiff`."""

from __future__ import annotations

from revdiff.cli import main

main()
