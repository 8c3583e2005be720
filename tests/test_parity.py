"""revdiff parity: two language versions of one resolution, checked for the same structure."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from revdiff.cli import app
from revdiff.load import load_document
from revdiff.model import Document
from revdiff.parity import MismatchKind, check_parity, cited, label_key
from revdiff.render.parity import load_schema, parity_to_dict, render_parity

LANG = Path(__file__).parent.parent / "fixtures" / "lang"

ENGLISH = """RESOLUTION 99 (Rev. Geneva, 2022)
Protection of numbering resources
The World Telecommunication Standardization Assembly (Geneva, 2022),
considering
a)\tthat Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference applies;
b)\tthat numbering resources are limited,
resolves
1\tto continue studies;
2\tthat Study Group 2 should develop guidelines;
3\tto cooperate with ITU-D,
instructs the Director of the Telecommunication Standardization Bureau
1\tto report annually,
"""
FRENCH = """RÉSOLUTION 99 (Rév. Genève, 2022)
Protection des ressources de numérotage
L'Assemblée mondiale de normalisation des télécommunications (Genève, 2022),
considérant
a)\tque la Résolution 196 (Rév. Dubaï, 2018) de la Conférence de plénipotentiaires s'applique;
b)\tque les ressources de numérotage sont limitées,
décide
1\tde poursuivre les études;
2\tque la Commission d'études 2 élabore des lignes directrices;
3\tde coopérer avec l'UIT-D,
charge le Directeur du Bureau de la normalisation des télécommunications
1\tde faire rapport chaque année,
"""


def _document(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def test_a_faithful_translation_has_the_same_structure(tmp_path: Path) -> None:
    parity = check_parity(
        _document(tmp_path, "e.txt", ENGLISH), _document(tmp_path, "f.txt", FRENCH)
    )
    assert (parity.first_language, parity.second_language) == ("en", "fr")
    assert parity.mismatches == ()
    assert [
        (p.first.heading.split()[0], p.second.heading.split()[0])
        for p in parity.sections
        if p.first and p.second
    ] == [
        ("considering", "considérant"),
        ("resolves", "décide"),
        ("instructs", "charge"),
    ]


def test_a_missing_item_a_count_and_a_cited_number_are_each_reported(tmp_path: Path) -> None:
    french = FRENCH.replace("3\tde coopérer avec l'UIT-D,\n", "").replace(
        "Résolution 196", "Résolution 169"
    )
    parity = check_parity(
        _document(tmp_path, "e.txt", ENGLISH), _document(tmp_path, "f.txt", french)
    )
    messages = [m.message for m in parity.mismatches]
    assert "resolves 3 exists in English but not in French" in messages
    assert "resolves has 3 items in English, 2 in French" in messages
    assert "considering a) cites Resolution 196 in English, 169 in French" in messages
    assert {m.kind for m in parity.mismatches} == {
        MismatchKind.ITEM_MISSING,
        MismatchKind.ITEM_COUNT,
        MismatchKind.CITATIONS,
    }


def test_a_missing_section_and_sections_in_another_order(tmp_path: Path) -> None:
    english = _document(tmp_path, "e.txt", ENGLISH)
    no_instructs = FRENCH.split("charge le Directeur")[0]
    parity = check_parity(english, _document(tmp_path, "f.txt", no_instructs))
    assert [m.kind for m in parity.mismatches] == [MismatchKind.SECTION_MISSING]
    assert parity.mismatches[0].message.startswith("instructs the Director")
    assert parity.mismatches[0].message.endswith("exists in English but not in French")


def test_the_real_french_and_spanish_texts_of_two_revisions_differ_where_they_do() -> None:
    french = load_document(LANG / "fr" / "uit-r-38-3.txt")
    spanish = load_document(LANG / "es" / "uit-r-38-4.txt")
    parity = check_parity(french, spanish)
    messages = [m.message for m in parity.mismatches]
    assert "the number line's year is 2003 in French, 2012 in Spanish" in messages
    assert "reconnaissant b) exists in Spanish but not in French" in messages
    assert "reconnaissant b) 1) exists in Spanish but not in French" in messages
    assert check_parity(french, french).same_structure


@pytest.mark.parametrize("path", sorted(LANG.glob("*/*.txt")), ids=lambda p: p.name)
def test_every_real_text_has_parity_with_itself(path: Path) -> None:
    document = load_document(path)
    assert check_parity(document, document).mismatches == ()


def test_labels_of_every_script_meet() -> None:
    assert {label_key(x) for x in ("c)", "с)", "ج)", "в)")} == {"c"}
    assert label_key("b)bis") == label_key("bbis)") == "bbis"


def test_citations_are_compared_by_kind_and_number_in_any_language() -> None:
    assert cited("Resolution 196 (Rev. Dubai, 2018)") == cited("Résolution 196 (Rév. Dubaï, 2018)")
    assert cited("Resolución 196 (Rev. Dubái, 2018)") == (("Resolution", "196"),)
    assert cited("Резолюции 21 (Пересм. Пусан, 2014 г.)") == (("Resolution", "21"),)
    assert cited("القرار 169 (المراجَع في بوخارست، 2022)") == (("Resolution", "169"),)
    assert cited("第123号决议(2018年,修订版,迪拜)") == (("Resolution", "123"),)
    assert cited("Recommendation ITU-T E.164") == cited("Recommandation UIT-T E.164")


def test_every_format_renders_and_json_follows_its_schema(tmp_path: Path) -> None:
    french = FRENCH.replace("Résolution 196", "Résolution 169")
    parity = check_parity(
        _document(tmp_path, "e.txt", ENGLISH), _document(tmp_path, "f.txt", french)
    )
    text = render_parity(parity, "text")
    assert "considering a) cites Resolution 196 in English, 169 in French" in text
    assert "| citations |" in render_parity(parity, "md")
    html = render_parity(parity, "html")
    assert html.startswith("<!DOCTYPE html>") and 'lang="fr"' in html
    data = json.loads(render_parity(parity, "json"))
    jsonschema.validate(data, load_schema())
    assert data == json.loads(json.dumps(parity_to_dict(parity)))
    assert data["counts"]["citations"] == 1 and data["same_structure"] is False


def test_an_arabic_heading_is_shown_right_to_left_in_html() -> None:
    arabic = load_document(LANG / "ar" / "pp-18-42-titles.txt")
    html = render_parity(check_parity(arabic, arabic), "html")
    assert 'dir="rtl"' in html and 'lang="ar"' in html


def test_the_command_exits_as_compare_does(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "f.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "f2.txt").write_text(
        FRENCH.replace("Résolution 196", "Résolution 169"), encoding="utf-8"
    )
    runner = CliRunner()
    same = runner.invoke(app, ["parity", str(tmp_path / "e.txt"), str(tmp_path / "f.txt")])
    assert same.exit_code == 0, same.output
    assert "Same structure" in same.output
    differs = runner.invoke(
        app, ["parity", str(tmp_path / "e.txt"), str(tmp_path / "f2.txt"), "-f", "json"]
    )
    assert differs.exit_code == 1
    assert json.loads(differs.output)["schema"] == "revdiff.parity/1"
    missing = runner.invoke(app, ["parity", str(tmp_path / "e.txt"), str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
    written = runner.invoke(
        app,
        [
            "parity",
            str(tmp_path / "e.txt"),
            str(tmp_path / "f.txt"),
            "-f",
            "md",
            "-o",
            str(tmp_path / "p.md"),
        ],
    )
    assert written.exit_code == 0 and (tmp_path / "p.md").read_text(encoding="utf-8").startswith(
        "# Parity"
    )
