"""The reasons file of `revdiff propose`: one object, clause id -> the reasons for proposing
its change, as JSON (``{"resolves/2": "To align …"}``) or, when PyYAML is installed, YAML
(``resolves/2: To align …``). A list of strings is one reason per paragraph, joined by spaces.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from revdiff.errors import InputError

__all__ = ["MAX_REASONS_BYTES", "read_reasons"]

MAX_REASONS_BYTES = 16 * 1024 * 1024
_YAML = (".yaml", ".yml")
_EXAMPLE = 'an object of clause id to text, e.g. {"resolves/2": "To align with Resolution 196."}'


def read_reasons(path: Path) -> tuple[tuple[str, str], ...]:
    """(clause id, reasons) pairs from `path`, in the file's order."""
    source = str(path)
    try:
        if path.is_dir():
            raise InputError(source, "the reasons file is a folder", "give a .json or .yaml file")
        if path.stat().st_size > MAX_REASONS_BYTES:
            raise InputError(
                source,
                f"the reasons file is larger than {MAX_REASONS_BYTES:,} bytes",
                "give the reasons of the proposal only",
            )
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(source, "the reasons file does not exist", "check the path") from error
    except OSError as error:
        raise InputError(
            source, f"cannot read the reasons file ({error.strerror})", "check the file"
        ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"the reasons file is not UTF-8 (byte {error.start})", "save it as UTF-8"
        ) from error
    data = _parse_yaml(source, text) if path.suffix.lower() in _YAML else _parse_json(source, text)
    return _pairs(source, data)


def _parse_json(source: str, text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            source,
            f"the reasons file is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg})",
            f"write {_EXAMPLE}",
        ) from error


def _parse_yaml(source: str, text: str) -> object:
    try:
        yaml = importlib.import_module("yaml")
    except ImportError as error:
        raise InputError(
            source,
            "reading YAML needs PyYAML, which is not installed",
            "pip install pyyaml, or write the reasons as JSON (a .json file)",
        ) from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" (line {where.line + 1}, column {where.column + 1})" if where is not None else ""
        raise InputError(
            source, f"the reasons file is not valid YAML{at}", f"write {_EXAMPLE}"
        ) from error


def _pairs(source: str, data: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise InputError(
            source, f"the reasons file holds {kind}, not an object", f"write {_EXAMPLE}"
        )
    pairs: list[tuple[str, str]] = []
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = " ".join(value)
        if not isinstance(key, str) or not isinstance(value, str) or not value.strip():
            raise InputError(
                source,
                f"the reasons for {key!r} are not a non-empty text",
                f"give each clause id a text: {_EXAMPLE}",
            )
        pairs.append((key.strip(), " ".join(value.split())))
    return tuple(pairs)
