"""Many resolutions in one PDF (Proceedings, Final Acts): list them, and read one by number,
a page at a time. The volume is made at test time by LibreOffice in a fixture font."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_pdf_loader import make_pdf, needs_libreoffice  # fixtures/pdf/make_pdf.py, loaded once

from revdiff.errors import InputError
from revdiff.load import load_document
from revdiff.load.pdf import iter_volume, list_resolutions, read_pdf
from revdiff.load.volume import number_line

ROOT = Path(__file__).resolve().parents[1]
SEED_2022 = ROOT / "seeds" / "res84-geneva-2022.tika.txt"
RES1_TEXT = ROOT.parent / "shared" / "itu-docx" / "wtsa-res1-hammamet-2016.extracted.txt"
LIMIT = 10**9


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Res 1 (28 pages), then Res 84 from a new page, in one PDF."""
    needs_libreoffice()
    if not RES1_TEXT.is_file():
        pytest.skip(f"needs {RES1_TEXT} (ITU Word files, not shipped in the package)")
    folder = tmp_path_factory.mktemp("volume")
    make_pdf.build_docx([RES1_TEXT, SEED_2022], folder / "volume.docx")
    (pdf,) = make_pdf.convert([folder / "volume.docx"], folder, work=folder / "work")
    return Path(pdf)


def test_the_resolutions_of_a_volume_are_listed_with_their_first_pages(volume: Path) -> None:
    pages: list[tuple[int, int]] = []
    found = list_resolutions(volume, max_size=LIMIT, progress=lambda n, t: pages.append((n, t)))
    assert [(r.number, r.heading) for r in found] == [
        ("1", "RESOLUTION 1 (Rev. Hammamet, 2016)"),
        ("84", "RESOLUTION 84 (Rev. Geneva, 2022)"),
    ]
    assert found[0].page == 1 and found[1].page > 20
    assert found[1].title.startswith("Studies concerning the protection of users")
    total = pages[-1][1]
    assert pages == [(n, total) for n in range(1, total + 1)]


def test_one_resolution_of_a_volume_reads_like_its_own_text(volume: Path) -> None:
    from_volume = load_document(volume, resolution="84")
    from_text = load_document(SEED_2022)
    assert [(c.id, c.label, " ".join(c.text.split())) for c in from_volume.clauses] == [
        (c.id, c.label, " ".join(c.text.replace("\u2011", "-").split())) for c in from_text.clauses
    ]
    assert from_volume.metadata.number == "84"


def test_a_volume_is_read_resolution_by_resolution_in_one_pass(volume: Path) -> None:
    pages: list[int] = []
    read = list(iter_volume(volume, max_size=LIMIT, progress=lambda n, t: pages.append(n)))
    assert [entry.number for entry, _ in read] == ["1", "84"]
    assert pages == list(range(1, pages[-1] + 1))  # every page read once
    (_, last) = read[1]
    from revdiff.structure import parse_structure

    assert [c.id for c in parse_structure(last).clauses] == [
        c.id for c in load_document(SEED_2022).clauses
    ]
    assert last.blocks[0].text.startswith("RESOLUTION 84")


def test_the_first_resolution_stops_where_the_next_begins(volume: Path) -> None:
    loaded = read_pdf(volume, max_size=LIMIT, resolution="1")
    texts = [block.text for block in loaded.blocks]
    assert texts[0].startswith("RESOLUTION 1")
    assert not any("RESOLUTION 84" in text or "Studies concerning" in text for text in texts)


def test_a_number_the_volume_does_not_hold_is_refused_with_the_numbers_it_holds(
    volume: Path,
) -> None:
    with pytest.raises(InputError, match=r"no Resolution 85 \(it holds: 1, 84\)"):
        read_pdf(volume, max_size=LIMIT, resolution="85")


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("RESOLUTION 84 (Rev. Geneva, 2022)", "84"),
        ("RESOLUTION\u00a01 (Rev.\u00a0Hammamet, 2016)", "1"),
        ("RESOLUTION 2", "2"),
        ("RESOLUTION 34A (Dubai, 2018)*", "34A"),
        ("RÉSOLUTION 84 (Rév. Genève, 2022)", "84"),
        ("RESOLUCIÓN 84 (Rev. Ginebra, 2022)", "84"),
        ("Resolution 84 of the assembly", None),
        ("WTSA Resolution 1.", None),
    ],
)
def test_a_number_line_is_a_line_of_its_own_in_capitals(line: str, number: str | None) -> None:
    assert number_line(line) == number


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
