"""The bundled versions of WTSA Resolution 84, used when `revdiff compare` is given no paths.

The 2016 file is a labelled reconstruction, not the official text (see seeds/SOURCES.md).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from revdiff.model import Document

OLD_SEED = "res84-hammamet-2016.reconstructed.tika.txt"
NEW_SEED = "res84-geneva-2022.tika.txt"
RECONSTRUCTION_NOTE = (
    "the Hammamet 2016 text is a labelled reconstruction, not the official text "
    "(see seeds/SOURCES.md)"
)


def seed_directory() -> Path:
    """Where the seeds are: inside the installed package, or at the top of a source checkout."""
    packaged = Path(__file__).parent / "_seeds"
    if (packaged / NEW_SEED).is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


def seed_paths() -> tuple[Path, Path]:
    """The old (2016, reconstructed) and new (2022, official) seed files."""
    directory = seed_directory()
    return directory / OLD_SEED, directory / NEW_SEED


def as_bundled_seed(document: Document) -> Document:
    """A seed as reports name it: ``seeds/<file>``, as in the source tree and the README, the same
    wherever revdiff is installed (not a long site-packages path)."""
    return replace(document, source=f"seeds/{Path(document.source).name}")
