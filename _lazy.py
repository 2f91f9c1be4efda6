"""Lazy re-exports for the stage packages (PEP 562), so that naming a verb costs nothing until used.

``from vanthu.graph import find_citations`` works like an import from ``vanthu.graph.citations``,
but ``import vanthu.graph`` alone imports no submodule: ``vanthu --help`` must not pay for
networkx, Whoosh or numpy because a package exposes names that need them.

A name that is also a submodule's name (``vanthu.graph.resolve``, the module, and ``resolve``,
its function) cannot be re-exported: importing the submodule sets the package attribute to the
module, so the name would mean one or the other depending on import order. Such verbs are
imported from their module.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any, Callable


def lazy_exports(package: str, exports: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``exports`` map names to their submodules.

    A name is imported from its submodule on first access and then kept in the package, so later
    accesses are plain attribute lookups.
    """
    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
