"""Fast help: typer's rich help module without the two heavy rich modules revdiff never uses.

typer draws the option panels of ``--help`` (Input, Output, Limits, Redline) with
``typer.rich_utils``, which imports ``rich.markdown`` (and through it markdown-it and pygments)
for help written in Markdown, and ``rich.traceback`` for pretty tracebacks: two thirds of the
time ``revdiff --help`` took. revdiff's help is ``rich`` markup and its pretty tracebacks are off,
so neither is used. While ``typer.rich_utils`` is being imported, the two modules are stood in for
by placeholders whose classes load the real module on first use; the placeholders leave
``sys.modules`` as soon as that import is over, so any later import gets the real modules.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

# module → the one name typer.rich_utils takes from it
_DEFERRED = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}
_TARGET = "typer.rich_utils"


class _StandInType(type):
    """A class attribute not found on a stand-in (``Traceback.from_exception``) is the real one."""

    _real: Callable[[], Any]

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls._real(), name)


def _stand_in(module: str, name: str) -> type:
    """A class named `name` that builds an instance of the real ``module.name`` when called."""

    def real() -> Any:
        return getattr(importlib.import_module(module), name)

    def new(cls: type, *args: Any, **kwargs: Any) -> Any:
        return real()(*args, **kwargs)

    namespace = {"__new__": new, "_real": staticmethod(real), "__module__": module}
    return _StandInType(name, (), namespace)


class _Loader(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        placed: dict[str, types.ModuleType] = {}
        for name, attribute in _DEFERRED.items():
            if name not in sys.modules:
                placeholder = types.ModuleType(name)
                setattr(placeholder, attribute, _stand_in(name, attribute))
                placed[name] = sys.modules[name] = placeholder
        try:
            self._loader.exec_module(module)
        finally:
            for name, placeholder in placed.items():
                if sys.modules.get(name) is placeholder:
                    del sys.modules[name]


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


def defer_heavy_help_imports() -> None:
    """Make the next import of ``typer.rich_utils`` (drawing help or a usage error) light."""
    if _TARGET not in sys.modules and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
