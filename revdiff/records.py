"""Frozen dataclasses that are quicker to build: for the records made once per line, clause or
change (tens of thousands in a large comparison).

A frozen dataclass's ``__init__`` sets each field with ``object.__setattr__(self, name, value)``,
which looks the slot up by name on every call: a ten-field Clause takes about 1.1 µs to build, a
tenth of a second over the records of a 10,000-clause comparison. `quick_init` gives a frozen,
slotted dataclass an ``__init__`` with the same signature that calls each slot's own setter
instead (about 0.6 µs for the Clause). Everything else stays the dataclass's: the fields, their
defaults, equality, hashing, ``repr``, ``replace`` and the refusal to set a field afterwards.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give `cls`, a ``@dataclass(frozen=True, slots=True)``, a quicker ``__init__`` of the same
    signature. Put it above the ``@dataclass`` line. A class whose ``__init__`` does more than
    set its fields (a default factory, ``__post_init__``, keyword-only or non-init fields) is
    refused, so that the quick ``__init__`` can never do less than the dataclass's."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"quick_init needs a frozen, slotted dataclass, not {cls.__name__}")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or any(
        f.default_factory is not dataclasses.MISSING or not f.init or f.kw_only for f in fields
    ):
        raise TypeError(f"{cls.__name__}.__init__ does more than set its fields")
    scope: dict[str, Any] = {}
    parameters, body = [], []
    for field in fields:
        scope[f"_set_{field.name}"] = cls.__dict__[field.name].__set__  # the slot's own setter
        if field.default is dataclasses.MISSING:
            parameters.append(field.name)
        else:
            scope[f"_default_{field.name}"] = field.default
            parameters.append(f"{field.name}=_default_{field.name}")
        body.append(f"    _set_{field.name}(self, {field.name})\n")
    source = f"def __init__(self, {', '.join(parameters)}):\n{''.join(body) or '    pass'}\n"
    exec(source, scope)  # built from the class's own field names, as dataclass does
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    setattr(cls, "__init__", init)  # noqa: B010 - mypy refuses assigning a method
    return cls
