"""Which of ITU's six languages a text is in, and what each language's data says about it.

Pure. The data is the language files (``revdiff/data/lang/*.toml``): their ``[detect]`` table
(script, direction, frequent short words) and ``[labels]`` table (item letters in the order that
language's ITU texts use). Detection looks at the script first (Arabic, Cyrillic, Han decide
alone) and, for texts in Latin letters, at which language's frequent words the text uses most
(English, French and Spanish share the script but hardly any of those words).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from revdiff.errors import RevdiffError
from revdiff.model import Document

DEFAULT_LANGUAGE = "en"
# Enough text to tell a language; reading a whole 1,000-page document would add nothing.
_SAMPLE_CHARACTERS = 20_000
# A script decides when this share of the letters is written in it (the rest: Latin
# abbreviations such as "ITU-T", "E.164" in any language).
_SCRIPT_SHARE = 0.3

# English is the language files' common base (en.toml carries the grammar only): its detection
# words are here, and a [detect] table in en.toml would take their place.
_ENGLISH_DETECT = {
    "script": "Latn",
    "direction": "ltr",
    "stopwords": [
        "the", "of", "and", "to", "in", "that", "for", "on", "with", "by", "as", "its", "be",
        "is", "are", "this", "from", "which", "an", "at",
    ],
}  # fmt: skip

_LATIN_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")

NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "ar": "Arabic",
    "zh": "Chinese",
}


@dataclass(frozen=True)
class Language:
    """One language's detection and label data, from its language file."""

    code: str
    script: str  # ISO 15924: Latn, Cyrl, Arab, Hani
    direction: str  # "ltr" or "rtl"
    stopwords: frozenset[str]
    hint_letters: frozenset[str] = frozenset()  # letters that tell it from its script's others
    letters: tuple[str, ...] = ()  # item letters, in this language's ITU order
    second_letters: tuple[str, ...] = ()  # another lettering seen in this language
    lookalikes: dict[str, str] = field(default_factory=dict)  # typed letter → letter it stands for

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


@functools.cache
def language_tables() -> tuple[tuple[str, dict[str, Any]], ...]:
    """(file name, parsed table) of every language file, English first, then by name.

    Read and parsed once per process: the languages, the structure grammar, the citation
    vocabulary and the edition words all read these files, and parsing them is most of the
    time a short comparison spends before its first clause. Callers only read the tables.
    """
    folder = resources.files("revdiff").joinpath("data", "lang")
    names = sorted(
        (entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")),
        key=lambda name: (name != "en.toml", name),
    )
    return tuple(
        (name, tomllib.loads(folder.joinpath(name).read_text(encoding="utf-8"))) for name in names
    )


@functools.cache
def languages() -> dict[str, Language]:
    """Every language with a language file, by code; English first."""
    found: dict[str, Language] = {}
    for name, data in language_tables():
        code = str(data.get("language", name.removesuffix(".toml")))
        detect = data.get("detect") or (_ENGLISH_DETECT if code == "en" else {})
        labels = data.get("labels", {})
        found[code] = Language(
            code=code,
            script=str(detect.get("script", "Latn")),
            direction=str(detect.get("direction", "ltr")),
            stopwords=frozenset(str(w).casefold() for w in detect.get("stopwords", [])),
            hint_letters=frozenset(str(letter) for letter in detect.get("letters", [])),
            letters=tuple(str(letter) for letter in labels.get("letters", []))
            or (_LATIN_LETTERS if detect.get("script", "Latn") == "Latn" else ()),
            second_letters=tuple(str(letter) for letter in labels.get("second_letters", [])),
            lookalikes={str(k): str(v) for k, v in labels.get("lookalikes", {}).items()},
        )
    return found


def language(code: str) -> Language:
    """The language of `code`; a `KeyError` names the codes there are."""
    known = languages()
    if code not in known:
        raise KeyError(f"unknown language {code!r}; known: {', '.join(known)}")
    return known[code]


def language_codes() -> tuple[str, ...]:
    return tuple(languages())


def language_name(code: str) -> str:
    """``fr`` → ``French``; a code without a name stays as it is."""
    return NAMES.get(code, code)


@functools.cache
def year_suffixes() -> tuple[str, ...]:
    """What follows a year in an edition, in every language (``г.`` in "(Женева, 2022 г.)"),
    from the language files' [citations] tables."""
    found: dict[str, None] = {}
    for _, data in sorted(language_tables(), key=lambda item: item[0]):  # by file name
        found.update(
            dict.fromkeys(str(w) for w in data.get("citations", {}).get("year_suffixes", []))
        )
    return tuple(found)


# --------------------------------------------------------------------------------------------
# Detection


# Compiled when first needed (some 4 ms): an ASCII text, most English ones, is never searched.
@functools.cache
def _script_patterns() -> dict[str, re.Pattern[str]]:
    ranges = {
        "Cyrl": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
        "Arab": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
        "Hani": "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f",
    }
    return {script: re.compile(f"[{chars}]") for script, chars in ranges.items()}


_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[^\W\d_]+['’]")


def detect_language(texts: Iterable[str]) -> str:
    """The code of the language `texts` are written in; English when nothing tells.

    >>> detect_language(["considérant que la Conférence de plénipotentiaires a décidé"])
    'fr'
    >>> detect_language(["учитывая, что Совет уполномочен принимать решения"])
    'ru'
    """
    sample = _sample(texts)
    letters = len(_LETTER.findall(sample))
    if not letters:
        return DEFAULT_LANGUAGE
    by_script = {code: lang for code, lang in languages().items()}
    for script, pattern in {} if sample.isascii() else _script_patterns().items():
        if len(pattern.findall(sample)) / letters >= _SCRIPT_SHARE:
            matches = [code for code, lang in by_script.items() if lang.script == script]
            if matches:
                return _by_words(sample, matches) if len(matches) > 1 else matches[0]
    latin = [code for code, lang in by_script.items() if lang.script == "Latn"]
    return _by_words(sample, latin) if latin else DEFAULT_LANGUAGE


def _sample(texts: Iterable[str]) -> str:
    parts: list[str] = []
    size = 0
    for text in texts:
        parts.append(text)
        size += len(text)
        if size >= _SAMPLE_CHARACTERS:
            break
    return "\n".join(parts)[:_SAMPLE_CHARACTERS]


def _by_words(sample: str, codes: list[str]) -> str:
    """The language among `codes` whose own frequent words and letters the sample uses most
    (words the candidates share, such as "de" and "la", tell nothing; ties: the first, English
    before the others)."""
    counts = Counter(word.casefold() for word in _WORDS.findall(sample))
    characters = Counter(sample.casefold())
    best, best_score = codes[0], -1
    for code in codes:
        lang = languages()[code]
        others = set().union(*(languages()[c].stopwords for c in codes if c != code))
        # Its own words and letters count double; words it shares with some ("que" in French
        # and Spanish) still tell it from the others (English).
        score = sum(counts[word] for word in lang.stopwords)
        score += sum(counts[word] for word in lang.stopwords - others)
        score += 2 * sum(characters[letter] for letter in lang.hint_letters)
        if score > best_score:
            best, best_score = code, score
    return best


def document_texts(document: Document) -> Iterable[str]:
    """The texts of `document` that tell its language, in reading order."""
    metadata = document.metadata
    for text in (metadata.title, metadata.preamble):
        if text:
            yield text
    for section in document.sections:
        yield section.heading
        for clause in section.clauses:
            yield clause.text


def with_language(document: Document, lang: str | None = None) -> Document:
    """`document` with its language set: `lang` when given (forced), else detected. A `lang`
    no language file knows is refused (`RevdiffError`, naming the codes there are)."""
    if lang is None:
        return replace(document, language=detect_language(document_texts(document)))
    return replace(document, language=checked_language(lang))


def checked_language(code: str) -> str:
    """`code` as a language code revdiff knows (``FR`` → ``fr``), or a `RevdiffError`."""
    known = languages()
    plain = code.strip().lower()
    if plain not in known:
        raise RevdiffError(
            None,
            f"unknown language {code!r}",
            f"give one of {', '.join(known)} (ISO 639-1 codes), or leave --lang out to have "
            "the language told from the text",
        )
    return plain


def direction_of(text: str) -> str:
    """``rtl`` when `text` is mostly Arabic script, else ``ltr``: the direction to show it in."""
    letters = len(_LETTER.findall(text))
    arabic = 0 if text.isascii() else len(_script_patterns()["Arab"].findall(text))
    return "rtl" if letters and arabic / letters >= 0.5 else "ltr"


# --------------------------------------------------------------------------------------------
# Item letters


def letter_ordinal(letter: str, code: str | None = None) -> int | None:
    """The place (1-based) of an item letter in its language's ITU order: ``b`` → 2, Arabic
    ``ب`` → 2, Cyrillic ``б`` → 2, a Cyrillic ``с`` typed for Latin ``c`` → 3. With `code`, only
    that language's letters; without, the first language whose letters hold it. None for a
    letter no language letters with."""
    candidates = [language(code)] if code is not None else list(languages().values())
    for lang in candidates:
        # A look-alike is read as the letter it stands for before it is read in a second
        # lettering: Russian ITU texts letter a) b) c), so a Cyrillic "с)" is c), not the 18th.
        standing = lang.lookalikes.get(letter, letter)
        for sequence in (lang.letters, lang.second_letters):
            if standing in sequence:
                return sequence.index(standing) + 1
    return None


def same_as_latin(letter: str) -> str | None:
    """The Latin letter a look-alike was typed for (Cyrillic ``а`` → ``a``), or None."""
    for lang in languages().values():
        standing = lang.lookalikes.get(letter)
        if standing is not None and standing.isascii():
            return standing
    return None


def same_letter(a: str, b: str) -> bool:
    """True when two item letters are the same letter as typed in different scripts (a Cyrillic
    ``а`` for a Latin ``a``)."""
    if a == b:
        return True
    for lang in languages().values():
        if lang.lookalikes.get(a, a) == lang.lookalikes.get(b, b):
            return True
    return False
