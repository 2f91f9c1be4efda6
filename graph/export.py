"""`vanthu graph export`: the citation graph (whole, or filtered) as a file for Gephi and similar tools."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ..archive.errors import BadInput
from .render import graphml_ready

__all__ = ["EXPORT_FORMATS", "ExportReport", "write_graph", "graph_json"]

EXPORT_FORMATS = ("graphml", "gexf", "json")


@dataclass(frozen=True)
class ExportReport:
    path: str
    format: str
    nodes: int
    edges: int
    external: int

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def graph_json(g: nx.DiGraph) -> dict[str, Any]:
    """Nodes and edges as plain JSON (edges point from the citing document to the cited one)."""
    return {
        "filter": g.graph.get("filter"),
        "nodes": [{"key": k, **a} for k, a in g.nodes(data=True)],
        "edges": [{"src": u, "dst": v, **{k: list(x) if isinstance(x, tuple) else x for k, x in a.items()}}
                  for u, v, a in g.edges(data=True)],
    }


def write_graph(g: nx.DiGraph, path: Path, fmt: str | None = None) -> ExportReport:
    """Write ``g`` to ``path`` atomically, in ``fmt`` or the format its suffix names."""
    fmt = (fmt or path.suffix.lstrip(".") or "graphml").lower()
    if fmt not in EXPORT_FORMATS:
        raise BadInput(f"unknown export format {fmt!r} (one of: {', '.join(EXPORT_FORMATS)})")
    target = path.expanduser()
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give a file name")
    if not target.parent.exists():
        raise BadInput(f"no such folder: {target.parent}")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".vanthu-export-")
    try:
        with os.fdopen(fd, "wb") as fh:
            if fmt == "json":
                fh.write(json.dumps(graph_json(g), ensure_ascii=False, indent=1).encode("utf-8"))
            elif fmt == "gexf":
                nx.write_gexf(graphml_ready(g), fh, encoding="utf-8")
            else:
                nx.write_graphml(graphml_ready(g), fh, encoding="utf-8")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    external = sum(1 for _, a in g.nodes(data=True) if not a.get("in_archive"))
    return ExportReport(str(target), fmt, g.number_of_nodes(), g.number_of_edges(), external)
