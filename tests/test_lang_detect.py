"""Language detection and each language's item letters (revdiff.language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from revdiff.language import (
    detect_language,
    direction_of,
    language,
    language_codes,
    letter_ordinal,
    same_letter,
    with_language,
)
from revdiff.model import Document, Metadata, SourceFormat

FIXTURES = Path(__file__).parent.parent / "fixtures"
REAL = sorted(p for p in (FIXTURES / "lang").glob("*/*.txt") if p.parent.name != "synthetic")


def test_every_itu_language_has_a_language_file() -> None:
    assert set(language_codes()) >= {"en", "fr", "es", "ru", "ar", "zh"}


@pytest.mark.parametrize("path", REAL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_real_text_is_read_as_its_language(path: Path) -> None:
    assert detect_language(path.read_text(encoding="utf-8").splitlines()) == path.parent.name


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES.parent / "seeds" / "res84-geneva-2022.tika.txt",
        *sorted((FIXTURES / "cases").glob("*/old.*"))[:5],
    ],
    ids=lambda p: p.parent.name + "/" + p.name,
)
def test_english_texts_are_english(path: Path) -> None:
    if path.suffix not in {".txt", ".md"}:
        pytest.skip("text inputs only")
    assert detect_language(path.read_text(encoding="utf-8").splitlines()) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("considérant que la Conférence de plénipotentiaires a décidé", "fr"),
        ("considerando que la Conferencia de Plenipotenciarios ha decidido", "es"),
        ("considering that the Plenipotentiary Conference has decided", "en"),
        ("учитывая, что Совет уполномочен", "ru"),
        ("إن الجمعية العالمية لتقييس الاتصالات", "ar"),
        ("考虑到每个无线电通信研究组有责任", "zh"),
        ("ITU-T E.164 (11/2010)", "en"),
        ("", "en"),
    ],
)
def test_short_texts(text: str, code: str) -> None:
    assert detect_language([text]) == code


def test_a_forced_language_wins_over_detection() -> None:
    document = Document("x.txt", SourceFormat.TEXT, Metadata(title="considering the text"), ())
    assert with_language(document).language == "en"
    assert with_language(document, "fr").language == "fr"
    assert with_language(document, "FR").language == "fr"
    from revdiff.errors import RevdiffError

    with pytest.raises(RevdiffError, match=r"unknown language 'xx'.*give one of en, ar"):
        with_language(document, "xx")


@pytest.mark.parametrize(
    ("letter", "code", "ordinal"),
    [
        ("b", "en", 2),
        ("b", "ru", 2),  # Russian ITU texts letter with Latin letters
        ("с", "ru", 3),  # a Cyrillic es typed for Latin c
        ("в", "ru", 3),  # a Cyrillic ve, in the Cyrillic sequence а б в
        ("б", "ru", 2),
        ("ب", "ar", 2),
        ("هـ", "ar", 5),
        ("ه", "ar", 5),
        ("ج", "ar", 3),
        ("二", "zh", 2),
        ("q", None, 17),
        ("ж", None, 7),
    ],
)
def test_letters_have_their_place_in_their_language_order(
    letter: str, code: str | None, ordinal: int
) -> None:
    assert letter_ordinal(letter, code) == ordinal


def test_unknown_letters_and_languages() -> None:
    assert letter_ordinal("%") is None
    with pytest.raises(KeyError, match="known: en"):
        language("xx")


def test_lookalike_letters_are_the_same_letter() -> None:
    assert same_letter("а", "a") and same_letter("с", "c") and not same_letter("b", "в")


def test_direction() -> None:
    assert direction_of("القرار 5 (المراجَع في بوينس آيرس، 2017)") == "rtl"
    assert direction_of("Resolution 5 (ITU-T)") == "ltr"
    assert language("ar").direction == "rtl" and language("fr").direction == "ltr"


def test_comparing_two_languages_warns() -> None:
    from dataclasses import replace

    from revdiff.model import WarningCode
    from revdiff.warnings import pair_warnings

    english = Document("en.txt", SourceFormat.TEXT, Metadata(), (), language="en")
    french = replace(english, source="fr.txt", language="fr")
    (warning,) = pair_warnings(english, french)
    assert warning.code is WarningCode.DIFFERENT_LANGUAGES
    assert "English" in warning.message and "French" in warning.message
    assert pair_warnings(english, english) == ()
    assert pair_warnings(english, replace(french, language=None)) == ()


@pytest.mark.parametrize(
    ("path", "code", "name"),
    [
        (FIXTURES / "lang" / "fr" / "uit-r-38-3.txt", "fr", "French"),
        (FIXTURES / "lang" / "zh" / "uit-r-34-2.txt", "zh", "Chinese"),
    ],
)
def test_the_outline_says_which_language_was_read(path: Path, code: str, name: str) -> None:
    import json

    from revdiff.load import load_document
    from revdiff.render.outline import iter_outline_json, iter_outline_text

    document = load_document(path)
    assert f"language:  {name}\n" in "".join(iter_outline_text(document))
    assert json.loads("".join(iter_outline_json(document)))["language"] == code
    english = load_document(FIXTURES.parent / "seeds" / "res84-geneva-2022.tika.txt")
    assert "language:" not in "".join(iter_outline_text(english))
    assert load_document(path, lang="en").language == "en"  # --lang forces it


def test_arabic_words_are_matched_without_vowel_signs_and_tatweel() -> None:
    from revdiff.structure.lines import match_call
    from revdiff.structure.numberline import read_number_line

    # "القـرارات" with a tatweel is how PP-18's Arabic Final Acts print their headings.
    line = read_number_line("القـرار 5 (المراجَع في بوينس آيرس، 2017)")
    assert line is not None and (line.number, line.year, line.place) == ("5", 2017, "Buenos Aires")
    assert match_call("يقـرّر") is match_call("يقرر") is not None


def test_lang_forces_the_language_at_the_command_line() -> None:
    from typer.testing import CliRunner

    from revdiff.cli import app

    french = str(FIXTURES / "lang" / "fr" / "uit-r-38-3.txt")
    runner = CliRunner()
    shown = runner.invoke(app, ["show", french, "--lang", "ES"])
    assert shown.exit_code == 0 and "language:  Spanish\n" in shown.output
    detected = runner.invoke(app, ["show", french])
    assert "language:  French\n" in detected.output
    refused = runner.invoke(app, ["show", french, "--lang", "xx"])
    assert refused.exit_code == 2 and "unknown language 'xx'" in refused.output
    compared = runner.invoke(app, ["compare", french, french, "--lang", "fr", "-f", "json"])
    assert compared.exit_code == 0, compared.output
