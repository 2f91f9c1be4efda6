"""The layout a newcomer can trust (DESIGN.md, "Where things live"): imports run one way, no
module imports itself back through others, and only the owner of a table writes SQL for it.

Every import counts, also one inside a function: a deferred import is for start-up time, never a
way around a cycle. Only imports for type annotations (under ``if TYPE_CHECKING:``) are left out:
they never run.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"vietnamese": 0, "archive": 1, "graph": 2, "index": 2, "pipeline": 3, "cli": 4, "web": 4}
# Modules that hold SQL, each for the tables it owns (see DESIGN.md); gazetteer reads the
# vietnamadminunits package's own database, not the archive.
SQL_OWNERS = {"archive/store.py", "archive/batches.py", "archive/graphstore.py", "archive/originals.py",
              "vietnamese/gazetteer.py"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in LAYERS:
            name = ".".join(("vanthu", *rel.with_suffix("").parts)).removesuffix(".__init__")
            out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The vanthu modules that ``name`` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for guard in ast.walk(tree) if _type_checking(guard) for n in ast.walk(guard)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:  # `from . import graph` names a module, `from .x import y` a name
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


GRAPH = nx.DiGraph((name, dep) for name, path in MODULES.items() for dep in _imports(name, path))


def _layer(module: str) -> str:
    return module.split(".")[1]


def test_the_walk_found_the_stages():
    assert {"vanthu.archive.store", "vanthu.graph.edges", "vanthu.index.search", "vanthu.cli.app"} <= set(MODULES)
    assert GRAPH.number_of_edges() > 50


def test_no_module_imports_itself_back():
    cycles = list(nx.simple_cycles(GRAPH))
    assert cycles == [], f"import cycles: {cycles[:5]}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    """cli → pipeline → graph / index → archive → vietnamese; graph and index never import each other."""
    wrong = [
        dep for dep in GRAPH.successors(module) if module in GRAPH
        if LAYERS[_layer(dep)] > LAYERS[_layer(module)]
        or {_layer(dep), _layer(module)} == {"graph", "index"}
    ] if module in GRAPH else []
    assert wrong == [], f"{module} imports {wrong} against the layering"


def test_web_sits_beside_cli():
    """web (vanthu serve) calls the library as cli does: it never imports cli, and only the serve
    command imports web (to start it); no library module imports either."""
    web_to_cli = [(a, b) for a, b in GRAPH.edges if _layer(a) == "web" and _layer(b) == "cli"]
    into_web = [(a, b) for a, b in GRAPH.edges if _layer(b) == "web" and _layer(a) != "web"]
    assert web_to_cli == []
    assert {a for a, _ in into_web} <= {"vanthu.cli.serve_cmd"}
    assert into_web, "the serve command starts the web layer"


def test_command_modules_never_import_each_other():
    commands = {m for m in MODULES if m.startswith("vanthu.cli.") and m.endswith("_cmd")}
    crossing = [(a, b) for a, b in GRAPH.edges if a in commands and b in commands]
    assert crossing == []


_SQL = re.compile(r"""\.execute(?:many|script)?\(|["'](?:SELECT|INSERT|UPDATE|DELETE|CREATE)\s""")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_sql_lives_only_in_owner_modules(module):
    path = MODULES[module]
    rel = path.relative_to(ROOT).as_posix()
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if _SQL.search(line)]
    assert rel in SQL_OWNERS or hits == [], f"{rel} holds SQL at lines {hits}: call the table's owner instead"
