"""Pictures drawn on the server as inline SVG: a citation tree and bar charts. No script, no font
or library fetched: the browser draws them as they come, and every text in them is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Callable, Iterable

from markupsafe import Markup

from ..graph.tree import Node, TreeNode

__all__ = ["tree_svg", "bar_chart", "vi_date", "RELATION_VI", "LEVEL_VI", "STATUS_VI"]

BOX_W, BOX_H, GAP_X, GAP_Y = 290, 50, 70, 14
RELATION_VI = {"implements": "thực hiện", "basis": "căn cứ", "replaces": "thay thế", "amends": "sửa đổi",
               "repeals": "bãi bỏ", "guides": "hướng dẫn", "mentions": "nhắc đến"}
LEVEL_VI = {"central": "Trung ương", "province": "Tỉnh", "district": "Huyện", "commune": "Xã",
            "unknown": "Chưa rõ"}
STATUS_VI = {"resolved": "đã xác định", "confirmed": "văn thư xác nhận", "ambiguous": "nhiều văn bản trùng số",
             "external": "không có trong kho", "rejected": "văn thư bác bỏ", "suggested": "gợi ý"}


class _Placed:
    """A shown node: its column (depth), its row, the placed parent, how many children it hides."""

    def __init__(self, item: TreeNode, depth: int, parent: "_Placed | None", hidden_children: int) -> None:
        self.item, self.depth, self.parent, self.hidden_children = item, depth, parent, hidden_children
        self.row = 0.0


def _place(t: TreeNode, collapsed: set[str]) -> list[_Placed]:
    """Every shown node with its column (depth) and row: leaves one a row, a parent level with the
    middle of its children (a tidy tree); the children of a collapsed node are left out."""
    out: list[_Placed] = []
    next_row = [0.0]

    def visit(item: TreeNode, depth: int, parent: _Placed | None) -> _Placed:
        closed = item.node.key in collapsed and bool(item.children)
        placed = _Placed(item, depth, parent, len(item.children) if closed else 0)
        out.append(placed)
        rows = [] if closed else [visit(child, depth + 1, placed).row for child in item.children]
        if rows:
            placed.row = (rows[0] + rows[-1]) / 2
        else:
            placed.row, next_row[0] = next_row[0], next_row[0] + 1
        return placed

    visit(t, 0, None)
    return out


def _xy(p: _Placed) -> tuple[int, int]:
    return 10 + p.depth * (BOX_W + GAP_X), 10 + int(p.row * (BOX_H + GAP_Y))


def _short(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _lines(node: Node) -> tuple[str, str]:
    head = " · ".join(x for x in (node.number or node.name or "(không số)", node.doc_type) if x)
    tail = " · ".join(x for x in (node.issuer, vi_date(node.date)) if x)
    if not node.in_archive:
        tail = "không có trong kho" + (f" · {tail}" if tail else "")
    return _short(head, 36), _short(tail, 42)


def vi_date(iso: str | None) -> str | None:
    """2021-03-29 → 29/03/2021, as Vietnamese offices write dates."""
    if not iso or len(iso) != 10:
        return iso
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def tree_svg(t: TreeNode, *, collapsed: set[str], href: Callable[[Node], str | None],
             toggle: Callable[[str], str]) -> Markup:
    """The tree left to right (the root at the left); each document a box that links to its page;
    a node with children has a ± that collapses or expands it (``toggle(key)``, a URL)."""
    placed = _place(t, collapsed)
    width = max(_xy(p)[0] for p in placed) + BOX_W + 40
    height = max(_xy(p)[1] for p in placed) + BOX_H + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tree" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="Cây văn bản">']
    for p in placed:
        if p.parent is not None:
            parts.append(_edge(p.parent, p))
    for p in placed:
        parts.append(_box(p, href(p.item.node), toggle))
    parts.append("</svg>")
    return Markup("".join(parts))


def _edge(parent: _Placed, child: _Placed) -> str:
    (px, py), (cx, cy) = _xy(parent), _xy(child)
    x1, y1, x2, y2 = px + BOX_W, py + BOX_H // 2, cx, cy + BOX_H // 2
    mid = (x1 + x2) // 2
    status = child.item.status or ""
    label = escape(RELATION_VI.get(child.item.relation or "", child.item.relation or ""))
    return (f'<path class="edge {escape(status)}" d="M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"/>'
            f'<text class="rel" x="{mid}" y="{y2 - 4}" text-anchor="middle">{label}</text>')


def _box(p: _Placed, link: str | None, toggle: Callable[[str], str]) -> str:
    x, y = _xy(p)
    node = p.item.node
    head, tail = _lines(node)
    kind = "doc" if node.in_archive else "ext"
    if p.item.status == "ambiguous":
        kind += " ambiguous"
    if p.item.repeat:
        kind += " repeat"
    title = escape(" · ".join(x for x in (node.number, node.doc_type, node.issuer, node.date, node.subject) if x))
    box = (f'<g class="node {kind}" data-key="{escape(node.key)}"><title>{title}</title>'
           f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
           f'<text x="{x + 10}" y="{y + 20}" class="head">{escape(head)}</text>'
           f'<text x="{x + 10}" y="{y + 38}" class="tail">{escape(tail)}</text></g>')
    if link:
        box = f'<a href="{escape(link)}">{box}</a>'
    if p.item.children and not p.item.repeat:
        sign = "+" if p.hidden_children else "−"
        box += (f'<a href="{escape(toggle(node.key))}" class="toggle"><circle cx="{x + BOX_W}" cy="{y + BOX_H // 2}" '
                f'r="9"/><text x="{x + BOX_W}" y="{y + BOX_H // 2 + 5}" text-anchor="middle">{sign}</text>'
                f'<title>{"Mở" if p.hidden_children else "Thu gọn"}</title></a>')
    return box


def bar_chart(counts: Iterable[tuple[str, int]], *, href: Callable[[str], str] | None = None,
              label_width: int = 230) -> Markup:
    """Horizontal bars, one a row, each with its count; a label links to ``href(label)`` when given."""
    rows = list(counts)
    if not rows:
        return Markup('<p class="empty">Chưa có văn bản.</p>')
    top = max(n for _, n in rows) or 1
    bar_room, row_h = 360, 22
    height = row_h * len(rows) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{label_width + bar_room + 80}" '
             f'height="{height}" role="img">']
    for i, (label, n) in enumerate(rows):
        y = 4 + i * row_h
        w = max(1, int(bar_room * n / top))
        text = f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(_short(label, 34))}</text>'
        if href is not None:
            text = f'<a href="{escape(href(label))}">{text}</a>'
        parts.append(f'{text}<rect x="{label_width}" y="{y + 3}" width="{w}" height="{row_h - 6}" rx="2"/>'
                     f'<text x="{label_width + w + 6}" y="{y + 15}" class="n">{_count(n)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _count(n: int) -> str:
    """A count the Vietnamese way: 12.345."""
    return f"{n:,}".replace(",", ".")
