"""quick_init: a frozen dataclass built by a quicker __init__ is the same record."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from revdiff import model
from revdiff.records import quick_init


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:
    a: str
    b: int = 3
    c: tuple[int, ...] = ()


@quick_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Quick:
    a: str
    b: int = 3
    c: tuple[int, ...] = ()


def test_same_signature_and_fields_as_the_dataclass() -> None:
    assert str(inspect.signature(_Quick)) == str(inspect.signature(_Plain))
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = [
        (("x",), {}),
        (("x", 5), {}),
        (("x",), {"c": (1, 2)}),
        ((), {"a": "y"}),
    ]
    for args, kwargs in calls:
        quick, plain = _Quick(*args, **kwargs), _Plain(*args, **kwargs)  # type: ignore[arg-type]
        assert dataclasses.astuple(quick) == dataclasses.astuple(plain)
    build: object = _Quick
    for args in [(), ("x", 1, (), 4)]:
        with pytest.raises(TypeError):
            build(*args)  # type: ignore[operator]


def test_still_frozen_equal_and_hashable() -> None:
    record = _Quick("x", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.a = "y"  # type: ignore[misc]
    assert record == _Quick("x", 1) and hash(record) == hash(_Quick("x", 1))
    assert dataclasses.replace(record, b=2) == _Quick("x", 2)


@pytest.mark.parametrize(
    "name", ["Block", "SourceLocation", "Clause", "TextEdit", "Citation", "Change"]
)
def test_model_records_keep_their_dataclass_signature(name: str) -> None:
    cls = getattr(model, name)
    fields = dataclasses.fields(cls)
    parameters = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, field in zip(parameters, fields, strict=True):
        expected = (
            inspect.Parameter.empty if field.default is dataclasses.MISSING else field.default
        )
        assert parameter.default == expected


def test_refuses_what_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        a: int

    for cls in (WithFactory, NotFrozen, int):
        with pytest.raises(TypeError):
            quick_init(cls)
