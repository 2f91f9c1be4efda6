"""Renderings of a citation tree: text for the terminal, JSON (DESIGN.md's shape), DOT, Mermaid, GraphML.

Edges in DOT, Mermaid and GraphML always point from the citing document to the cited one,
whichever way the tree was walked; the diagrams put the central level on top.
"""

from __future__ import annotations

import io
from typing import Any, Iterator

import networkx as nx

from .tree import Node, TreeNode

__all__ = ["FORMATS", "render", "text_tree", "render_text", "to_json", "to_dot", "to_mermaid", "to_graphml",
           "tree_graph", "node_label", "STATUS_MARKS"]

FORMATS = ("text", "json", "dot", "mermaid", "graphml")
SUBJECT_CHARS = 60

# How an edge's status reads in the text tree, before the document; resolved needs no mark.
STATUS_MARKS = {
    "resolved": "",
    "confirmed": "✓ confirmed:",
    "ambiguous": "? ambiguous:",
    "external": "",
    "rejected": "✗ rejected by a librarian:",
    "suggested": "~ suggested (vanthu link to confirm):",
}


def _short(text: str | None, limit: int = SUBJECT_CHARS) -> str | None:
    """``text`` on one line in at most ``limit`` characters (… where cut); None for no text or no room."""
    if not text:
        return None
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…" if limit >= 2 else None


def node_label(node: Node, sep: str = " · ") -> str:
    """Number, type, issuer, date and a short subject, whichever are known."""
    return sep.join(p for p in _label_parts(node) if p)


def _label_parts(node: Node) -> list[str | None]:
    head = node.number or (node.name if not node.in_archive else None) or "(no number)"
    return [head, node.doc_type, node.issuer, node.date, _short(node.subject)]


# Which parts of a label give way first on a narrow line: subject, issuer, type, then the name of a
# document cited without a number (never a number or a date).
_YIELDING = (4, 2, 1)


def _fit(parts: list[str | None], room: int, named: bool, sep: str = " · ") -> list[str | None]:
    """The label's free text shortened (subject first, then issuer, type, name) until it fits ``room``."""
    parts = list(parts)
    for i in _YIELDING + ((0,) if named else ()):
        excess = len(sep.join(p for p in parts if p)) - room
        if excess <= 0:
            break
        if parts[i]:
            shorter = len(parts[i]) - excess  # that part's own separator goes with it when dropped
            parts[i] = _short(parts[i], shorter) if shorter >= 4 else None
    return parts


def line(t: TreeNode, width: int | None = None) -> str:
    """One line of the text tree: relation, status, the document, and whether it is in the archive.

    Numbers, candidate ids and the marks ("(not in archive)", "(already in this tree)") are never
    cut: within ``width`` the free text (subject, issuer, type, a citation's words) gives way.
    """
    parts = [f"[{t.relation}]" if t.relation else None, STATUS_MARKS.get(t.status or "", t.status)]
    if t.status == "ambiguous":
        parts[-1] = f"? ambiguous, {len(t.candidates)} candidates ({', '.join(t.candidates)}):"
    elif t.status == "suggested" and t.score is not None:
        parts[-1] = f"~ suggested, score {t.score:.3f} (vanthu link to confirm):"
    lead = " ".join(p for p in parts if p)
    room = None if width is None else width - len(lead) - (1 if lead else 0)
    n = t.node
    if t.repeat:
        head = n.number or _short(n.name) or "(no number)"
        body = _sized(f"↩ {head} · ", n.issuer or "?", " (already in this tree)", room)
    elif not n.in_archive and not n.number and not n.name and t.evidence:
        body = _sized("“", " ".join(t.evidence.split()), "” (not in archive)", room, cap=80)
    else:
        outside = not n.in_archive and t.status != "ambiguous"  # an ambiguous one is in it, several times
        mark = " (not in archive)" if outside else ""
        named = not n.number and not n.in_archive
        label = _label_parts(n) if room is None else _fit(_label_parts(n), room - len(mark), named)
        body = " · ".join(p for p in label if p) + mark
    return " ".join(p for p in (lead, body) if p)


def _sized(before: str, free: str, after: str, room: int | None, cap: int = SUBJECT_CHARS) -> str:
    """``before + free + after`` with ``free`` shortened to fit ``room`` (and ``cap``); the rest kept whole."""
    limit = cap if room is None else min(cap, room - len(before) - len(after))
    return before + (_short(free, limit) or "…") + after


def text_tree(t: TreeNode, *, color: bool = True, width: int | None = None):
    """A rich Tree for the terminal (documents not in the archive dimmed, problems highlighted).

    ``width`` (the console's) fits each line to the room its depth leaves: free text gives way,
    and a line whose numbers and marks alone are too long wraps rather than loses them.
    """
    from rich.text import Text
    from rich.tree import Tree

    def style(node: TreeNode) -> str:
        if not color:
            return ""
        if node.status in ("ambiguous", "rejected"):
            return "yellow"
        return "" if node.node.in_archive else "dim"

    def label(node: TreeNode, depth: int) -> Text:
        room = None if width is None else width - _GUIDE * depth
        return Text(line(node, room), style=style(node), overflow="fold")

    root = Tree(label(t, 0), guide_style="dim" if color else "")
    stack = [(root, t, 0)]
    while stack:
        branch, node, depth = stack.pop()
        for child in node.children:
            stack.append((branch.add(label(child, depth + 1)), child, depth + 1))
    return root


_GUIDE = 4  # characters of guide per level ("├── ", "│   ")


def render_text(t: TreeNode, width: int = 120) -> str:
    """The text tree as plain text of a fixed width (no colours): for pipes, files and golden tests.

    Drawn with the same guides as the terminal's rich tree, without importing rich (start-up time).
    """
    out: list[str] = []

    def walk(node: TreeNode, prefix: str) -> None:
        for i, child in enumerate(node.children):
            last = i == len(node.children) - 1
            guide = prefix + ("└── " if last else "├── ")
            out.append(guide + line(child, width - len(guide)))
            walk(child, prefix + ("    " if last else "│   "))

    out.append(line(t, width))
    walk(t, "")
    return "\n".join(out) + "\n"


def _node_json(t: TreeNode) -> dict[str, Any]:
    n = t.node
    out: dict[str, Any] = {}
    if t.relation is not None:
        out["relation"] = t.relation
        out["status"] = t.status
    out.update({"id": n.id, "number": n.number, "doc_type": n.doc_type, "issuer": n.issuer, "date": n.date,
                "in_archive": n.in_archive})
    if n.in_archive:
        out["subject"] = n.subject
    elif n.name:
        out["name"] = n.name
    if t.candidates and t.status == "ambiguous":
        out["candidates"] = list(t.candidates)
    if t.score is not None:
        out["score"] = round(t.score, 3)
    if t.repeat:
        out["repeat"] = True
    out["children"] = [_node_json(c) for c in t.children]
    return out


def to_json(t: TreeNode, direction: str) -> dict[str, Any]:
    """DESIGN.md's `tree --format json` shape (plus status, type, subject and candidates)."""
    return {"direction": direction, "root": _node_json(t)}


def _walk(t: TreeNode) -> Iterator[tuple[TreeNode | None, TreeNode]]:
    stack: list[tuple[TreeNode | None, TreeNode]] = [(None, t)]
    while stack:
        parent, node = stack.pop()
        yield parent, node
        stack.extend((node, c) for c in reversed(node.children))


def tree_graph(t: TreeNode, direction: str) -> nx.DiGraph:
    """The tree as a DiGraph (citing → cited), repeated documents merged into one node."""
    g = nx.DiGraph(direction=direction)
    for parent, node in _walk(t):
        attrs = {k: v for k, v in node.node.__dict__.items() if k != "key"}
        if not node.node.in_archive and not node.node.number and not node.node.name:
            attrs["name"] = _short(node.evidence, 60)  # a reference with no number: what the text said
        g.add_node(node.node.key, **attrs)
        if parent is not None:
            src, dst = (parent.node.key, node.node.key) if direction == "up" else (node.node.key, parent.node.key)
            g.add_edge(src, dst, relation=node.relation, status=node.status, candidates=node.candidates,
                       evidence=node.evidence)
    return g


def _ids(g: nx.DiGraph) -> dict[str, str]:
    return {key: f"n{i}" for i, key in enumerate(g.nodes)}


def _dot_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(t: TreeNode, direction: str) -> str:
    """Graphviz DOT (`vanthu tree … --format dot | dot -Tsvg`)."""
    g = tree_graph(t, direction)
    ids = _ids(g)
    out = ["digraph citations {", "  rankdir=BT;", '  node [shape=box, fontname="Helvetica"];',
           '  edge [fontname="Helvetica", fontsize=10];']
    for key, a in g.nodes(data=True):
        label = "\\n".join(_dot_escape(p) for p in _label_lines(Node(key, **a)))
        style = "" if a["in_archive"] else ", style=dashed"
        root = ", penwidth=2" if key == t.node.key else ""
        out.append(f'  {ids[key]} [label="{label}"{style}{root}];')
    for src, dst, a in g.edges(data=True):
        out.append(f'  {ids[src]} -> {ids[dst]} [label="{_dot_escape(_edge_label(a))}"];')
    out.append("}")
    return "\n".join(out) + "\n"


def _edge_label(a: dict[str, Any]) -> str:
    """The relation, and the status where it is not the plain one (a diagram marks doubt)."""
    return a["relation"] + ("" if a["status"] in ("resolved", "external") else f" ({a['status']})")


def _label_lines(n: Node) -> list[str]:
    head = n.number or n.name or "(no number)"
    lines = [head, n.doc_type, n.issuer, n.date]
    if not n.in_archive:
        lines.append("(not in archive)")
    return [x for x in lines if x]


def _mermaid_escape(text: str) -> str:
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def to_mermaid(t: TreeNode, direction: str) -> str:
    """A Mermaid flowchart: central level on top, documents not in the archive dashed."""
    g = tree_graph(t, direction)
    ids = _ids(g)
    out = ["flowchart BT"]
    for key, a in g.nodes(data=True):
        label = "<br/>".join(_mermaid_escape(p) for p in _label_lines(Node(key, **a)))
        cls = "" if a["in_archive"] else ":::external"
        out.append(f'  {ids[key]}["{label}"]{cls}')
    for src, dst, a in g.edges(data=True):
        out.append(f"  {ids[src]} -->|{_mermaid_escape(_edge_label(a))}| {ids[dst]}")
    out.append("  classDef external stroke-dasharray: 5 5")
    return "\n".join(out) + "\n"


def graphml_ready(g: nx.DiGraph) -> nx.DiGraph:
    """A copy whose attributes GraphML and GEXF accept: no None, lists joined."""
    def clean(attrs: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in attrs.items():
            if v is None:
                v = ""
            elif isinstance(v, (list, tuple, set, frozenset)):
                v = " ".join(map(str, v))
            elif not isinstance(v, (str, int, float, bool)):
                v = str(v)
            out[k] = v
        return out

    h = nx.DiGraph()
    h.add_nodes_from((n, clean(a)) for n, a in g.nodes(data=True))
    h.add_edges_from((u, v, clean(a)) for u, v, a in g.edges(data=True))
    return h


def to_graphml(t: TreeNode, direction: str) -> str:
    buf = io.BytesIO()
    nx.write_graphml(graphml_ready(tree_graph(t, direction)), buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def render(t: TreeNode, direction: str, fmt: str, width: int = 120) -> str:
    """The tree in one of FORMATS, as text (json is indented)."""
    import json

    if fmt == "text":
        return render_text(t, width)
    if fmt == "json":
        return json.dumps(to_json(t, direction), ensure_ascii=False, indent=2) + "\n"
    if fmt == "dot":
        return to_dot(t, direction)
    if fmt == "mermaid":
        return to_mermaid(t, direction)
    if fmt == "graphml":
        return to_graphml(t, direction)
    from ..archive.errors import BadInput

    raise BadInput(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
