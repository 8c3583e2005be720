"""The bundled versions of WTSA Resolution 84, and the demo `revdiff compare` runs on them when
it is given no paths.

The 2016 file is a labelled reconstruction, not the official text (see seeds/SOURCES.md).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from revdiff.model import CompareOptions, Comparison, Document, OutputFormat
from revdiff.write import RedlineSettings, write_report

OLD_SEED = "res84-hammamet-2016.reconstructed.tika.txt"
NEW_SEED = "res84-geneva-2022.tika.txt"
RECONSTRUCTION_NOTE = (
    "the Hammamet 2016 text is a labelled reconstruction, not the official text "
    "(see seeds/SOURCES.md)"
)
DEMO_DIR = Path("revdiff-out")
"""Where the demo writes its reports, relative to the current folder."""
DEMO_REPORTS: tuple[tuple[str, OutputFormat], ...] = (
    ("res84-2016-2022.html", OutputFormat.HTML),
    ("res84-2016-2022.json", OutputFormat.JSON),
    ("res84-2016-2022.redline.docx", OutputFormat.DOCX),
)
"""The files the demo writes besides the report it prints."""


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


def compare_seeds(options: CompareOptions) -> Comparison:
    """The two bundled versions compared, each named as `as_bundled_seed` names it."""
    from revdiff.compare import compare_files, load_input

    old_path, new_path = seed_paths()
    return compare_files(
        as_bundled_seed(load_input(old_path, options, options.old_view)),
        as_bundled_seed(load_input(new_path, options, options.new_view)),
        options,
    )


def check_demo_targets(*, force: bool) -> None:
    """Refuse (`OutputError`) to replace the reports of an earlier demo unless `force`: the demo
    follows the rule of every other output."""
    from revdiff.errors import OutputError
    from revdiff.output import check_output_path

    for name, _ in DEMO_REPORTS:
        path = DEMO_DIR / name
        if not force and (path.exists() or path.is_symlink()):
            raise OutputError(
                str(path),
                "the demo's report is already there, from an earlier run",
                "pass --force to replace the demo's reports, or run the demo in another folder",
            )
        check_output_path(path, force=force)


def write_demo_reports(
    comparison: Comparison,
    *,
    out_dir: Path = DEMO_DIR,
    redline: RedlineSettings | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the demo's HTML and JSON reports and its Word redline into `out_dir`; an existing
    report is replaced only with `force`. Returns the paths written."""
    return [
        write_report(
            comparison, fmt, out_dir / name, inputs=seed_paths(), force=force, redline=redline
        )
        for name, fmt in DEMO_REPORTS
    ]
