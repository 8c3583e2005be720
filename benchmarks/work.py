"""The work of a comparison without the process around it: CPU seconds of loading both files,
comparing them and rendering the JSON report, measured inside one fresh interpreter after the
imports. It tells how the cost grows with size where a whole-process time is mostly start-up.

``python -m benchmarks.work OLD NEW`` prints those seconds.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path


def measure_work(old: Path, new: Path) -> float:
    """CPU seconds (user + system of this process) to load, compare and render JSON."""
    from revdiff.compare import compare_documents
    from revdiff.load import load_document
    from revdiff.model import CompareOptions
    from revdiff.render.json import render_json

    gc.set_threshold(100_000, 50, 1000)  # as the CLI runs its commands
    started = time.process_time()
    comparison = compare_documents(load_document(old), load_document(new), CompareOptions())
    render_json(comparison)
    return time.process_time() - started


if __name__ == "__main__":
    print(f"{measure_work(Path(sys.argv[1]), Path(sys.argv[2])):.4f}")
