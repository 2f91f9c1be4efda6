"""Trees and chains of instruction, read off a fetched subgraph (:mod:`vanthu.graph.subgraph`).

A document reached twice appears once, expanded at its first line in reading order, and every
later time as a reference back (``repeat``); so cycles, which dirty data has, never loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

import networkx as nx

from ..archive.store import Archive
from .subgraph import fetch_subgraph

__all__ = ["Node", "TreeNode", "Suggestion", "Suggester", "build_tree", "tree", "chains", "chain_paths",
           "with_suggestions", "chains_json"]

# How far `vanthu chain` looks up: far more than any real chain (commune → … → central is 4).
CHAIN_DEPTH = 12
CHAIN_LIMIT = 200


@dataclass(frozen=True)
class Node:
    """A document of the archive, or what a citation said of one that is not in it."""

    key: str
    in_archive: bool
    id: str | None
    number: str | None
    doc_type: str | None
    issuer: str | None
    level: str | None
    date: str | None
    subject: str | None
    name: str | None = None

    @classmethod
    def of(cls, g: nx.DiGraph, key: str) -> "Node":
        a = g.nodes[key]
        return cls(key, a.get("in_archive", False), a.get("id"), a.get("number"), a.get("doc_type"),
                   a.get("issuer"), a.get("level"), a.get("date"), a.get("subject"), a.get("name"))


@dataclass(frozen=True)
class TreeNode:
    """One line of a tree: the node, how its parent relates to it, and its own children."""

    node: Node
    relation: str | None = None
    status: str | None = None
    candidates: tuple[str, ...] = ()
    evidence: str | None = None
    repeat: bool = False
    children: tuple["TreeNode", ...] = field(default=())
    score: float | None = None  # a suggestion's similarity score (status "suggested"); None for stated edges


def _order(g: nx.DiGraph, keys: list[str]) -> list[str]:
    """Children in a stable order: by date, then number (undated last)."""
    return sorted(keys, key=lambda k: (g.nodes[k].get("date") or "9999", g.nodes[k].get("number") or "", k))


def build_tree(g: nx.DiGraph, root: str, direction: str = "up") -> TreeNode:
    """The tree of ``g`` from ``root``, in reading order: each document is expanded at its first
    line (depth-first, children by date), and any later line is a reference back to it.

    A line at the depth bound (``g.graph["depth"]``) is shown but not expanded, and does not count
    as the document's first: a later, shallower line of it still shows its children.
    """
    if root not in g:
        raise KeyError(root)
    return _Layout(g, direction).line(root, None, 0, repeat=False)


class _Layout:
    """Lines of one tree, laid out depth-first; remembers which documents are expanded already."""

    def __init__(self, g: nx.DiGraph, direction: str) -> None:
        self.g, self.direction = g, direction
        self.step = g.successors if direction == "up" else g.predecessors
        self.bound = g.graph.get("depth")
        self.expanded: set[str] = set()

    def line(self, key: str, parent: str | None, depth: int, repeat: bool) -> TreeNode:
        edge: dict[str, Any] = {}
        if parent is not None:
            edge = self.g.edges[parent, key] if self.direction == "up" else self.g.edges[key, parent]
        children: tuple[TreeNode, ...] = ()
        if not repeat and (self.bound is None or depth < self.bound):
            self.expanded.add(key)
            children = tuple(self.line(child, key, depth + 1, repeat=child in self.expanded)
                             for child in _order(self.g, list(self.step(key))))
        return TreeNode(Node.of(self.g, key), edge.get("relation"), edge.get("status"),
                        tuple(edge.get("candidates", ())), edge.get("evidence"), repeat, children)


def tree(archive: Archive, root: str, *, direction: str = "up", depth: int = 10) -> TreeNode:
    """`vanthu tree`: fetch the subgraph around ``root`` and lay it out as a tree."""
    return build_tree(fetch_subgraph(archive, root, direction=direction, depth=depth), root, direction)


def chain_paths(g: nx.DiGraph, root: str, limit: int = CHAIN_LIMIT) -> list[list[str]]:
    """Citation paths up from ``root`` to the central level (no node twice), one per route.

    Paths that end at the central level are the chains of instruction; when none does, every
    maximal path is returned so the user still sees how far the archive goes.
    """
    paths: list[list[str]] = []
    stack = [[root]]
    while stack and len(paths) < limit * 4:
        path = stack.pop()
        at_centre = len(path) > 1 and g.nodes[path[-1]].get("level") == "central"
        # A chain of instruction ends at the centre (what a Government resolution rests on is law, not orders).
        nxt = [] if at_centre else [k for k in _order(g, list(g.successors(path[-1]))) if k not in path]
        if not nxt:
            if len(path) > 1:
                paths.append(path)
            continue
        stack.extend(path + [k] for k in reversed(nxt))
    central = [p for p in paths if g.nodes[p[-1]].get("level") == "central"]
    chosen = central or paths
    return sorted(chosen, key=lambda p: (-len(p), [g.nodes[k].get("number") or "" for k in p]))[:limit]


def chains(archive: Archive, root: str, *, depth: int = CHAIN_DEPTH) -> tuple[nx.DiGraph, list[list[str]]]:
    """`vanthu chain`: the subgraph up from ``root`` and its paths toward the centre."""
    g = fetch_subgraph(archive, root, direction="up", depth=depth)
    return g, chain_paths(g, root)


# -- suggestions (issue 6) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A document the semantic engine proposes for a reference that has no resolved link."""

    citation_text: str
    id: str
    number: str | None
    doc_type: str | None
    issuer: str | None
    date: str | None
    score: float


# The hook `vanthu tree --suggested` calls: a document id → suggestions for its unresolved
# references. The semantic stage provides it (pipeline.suggest.tree_suggester); `vanthu link SRC DST`
# turns one into a confirmed edge.
Suggester = Callable[[str], Sequence[Suggestion]]


def chains_json(doc: Any, g: nx.DiGraph, paths: list[list[str]]) -> dict[str, Any]:
    """`chain --json`: each chain of instruction from ``doc`` up, one step a node."""
    def step(node: Node) -> dict[str, Any]:
        return {"id": node.id, "number": node.number, "issuer": node.issuer, "level": node.level,
                "date": node.date, "in_archive": node.in_archive}

    return {"ref": doc.id, "chains": [[step(Node.of(g, k)) for k in p] for p in paths]}


def with_suggestions(t: TreeNode, suggester: Suggester) -> TreeNode:
    """The tree with each archive document's suggestions added as children of status ``suggested``."""
    children = tuple(with_suggestions(c, suggester) for c in t.children)
    if t.node.in_archive and not t.repeat and t.node.id:
        shown = {c.node.id for c in children}
        children += tuple(
            TreeNode(Node(f"suggested:{s.id}", True, s.id, s.number, s.doc_type, s.issuer, None, s.date, None),
                     relation="mentions", status="suggested", evidence=s.citation_text, score=s.score)
            for s in suggester(t.node.id) if s.id not in shown
        )
    return replace(t, children=children)
