"""The stage packages expose their verbs by name, lazily: naming them imports nothing heavy."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

PACKAGES = ["vanthu.archive", "vanthu.graph", "vanthu.index"]
HEAVY = {"whoosh", "numpy", "networkx", "torch", "sentence_transformers"}


def _exports(package: str) -> list[tuple[str, str]]:
    return sorted(importlib.import_module(package)._EXPORTS.items())


@pytest.mark.parametrize("package, name, module", [
    (package, name, module) for package in PACKAGES for name, module in _exports(package)
])
def test_exported_name_is_its_modules_object(package, name, module):
    exported = getattr(importlib.import_module(package), name)
    assert exported is getattr(importlib.import_module(f"{package}.{module}"), name)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_export_shares_a_submodules_name(package):
    """``vanthu.graph.resolve`` is a module: a ``resolve`` export would mean either, by import order."""
    pkg = importlib.import_module(package)
    submodules = {m.name for m in pkgutil.iter_modules(pkg.__path__)}
    assert not submodules & set(pkg._EXPORTS)
    assert set(pkg._EXPORTS.values()) <= submodules  # every export names a real module


@pytest.mark.parametrize("package", PACKAGES)
def test_all_and_dir_list_the_exports(package):
    pkg = importlib.import_module(package)
    assert pkg.__all__ == sorted(pkg._EXPORTS)
    assert set(pkg.__all__) <= set(dir(pkg))


def test_style_examples_import():
    from vanthu.archive import Archive, parse_document  # noqa: F401
    from vanthu.graph import find_citations  # noqa: F401


@pytest.mark.parametrize("package", PACKAGES)
def test_unknown_name_is_an_attribute_error(package):
    with pytest.raises(AttributeError, match="no_such_verb"):
        getattr(importlib.import_module(package), "no_such_verb")


def _imported(code: str) -> set[str]:
    """Top-level names of every module a fresh interpreter imports to run ``code`` (-X importtime)."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                         check=True)
    names = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("code", [
    "import vanthu.cli.app",  # what `vanthu --help` and every command pay before running
    "import vanthu.archive, vanthu.graph, vanthu.index",  # the packages alone
    "from vanthu.archive import Document, parse_document",  # parsing needs nothing heavy
])
def test_start_up_imports_nothing_heavy(code):
    imported = _imported(code)
    assert "vanthu" in imported  # the measurement itself works
    assert not imported & HEAVY
