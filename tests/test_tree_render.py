"""Renderings of a sample citation tree, against golden files (VANTHU_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest

from benchmarks.graph_speed import add_document, cite
from vanthu.archive.store import Archive
from vanthu.graph import edges
from vanthu.graph.render import render, render_text, to_dot, to_json, tree_graph
from vanthu.graph.tree import Node, Suggestion, TreeNode, build_tree, tree, with_suggestions
from vanthu.graph.edges import update_edges

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Đức Thọ (Hà Tĩnh), 2021: a commune plan carrying out district state and Party documents, which
    carry out the province's, which carry out the centre's; with one reference the archive lacks,
    one it cannot decide, one a librarian confirmed, and one document reached twice."""
    root = tmp_path_factory.mktemp("render") / "archive"
    with Archive.open(root) as a, a.write_lock():
        ids = {}

        def add(name, **kw):
            with a.transaction():
                ids[name] = add_document(a, **kw)
                update_edges(a, [ids[name]])

        add("ttg", number="15/CT-TTg", doc_type="Chỉ thị", issuer="Thủ tướng Chính phủ", level="central",
            date="2021-05-04", subject="đẩy mạnh chiến dịch tiêm vắc xin phòng COVID-19 trên toàn quốc")
        add("tw", number="07-KL/TW", doc_type="Kết luận", issuer="Ban Bí thư", level="central", date="2021-05-20",
            subject="tăng cường lãnh đạo công tác phòng, chống dịch COVID-19")
        add("tinh", number="1124/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
            level="province", date="2021-05-12", subject="triển khai tiêm vắc xin phòng COVID-19 năm 2021",
            citations=[cite("15/CT-TTg", doc_type="Chỉ thị", date="2021-05-04", issuer="Thủ tướng Chính phủ"),
                       cite("21/2021/NĐ-CP", doc_type="Nghị định", issuer="Chính phủ", relation="basis")])
        add("tu", number="05-CT/TU", doc_type="Chỉ thị", issuer="Tỉnh ủy Hà Tĩnh", level="province",
            date="2021-06-01", subject="lãnh đạo công tác tiêm chủng",
            citations=[cite("07-KL/TW", doc_type="Kết luận", date="2021-05-20", issuer="Ban Bí thư")])
        add("huyen", number="845/UBND-YT", doc_type="Công văn", issuer="Ủy ban nhân dân huyện Đức Thọ",
            level="district", date="2021-06-10", subject="tổ chức tiêm vắc xin phòng COVID-19 đợt 3 cho người dân",
            citations=[cite("1124/KH-UBND", doc_type="Kế hoạch", date="2021-05-12",
                            issuer="Ủy ban nhân dân tỉnh Hà Tĩnh")])
        add("hu", number="288-CV/HU", doc_type="Công văn", issuer="Huyện ủy Đức Thọ", level="district",
            date="2021-06-12", subject="lãnh đạo tiêm vắc xin",
            citations=[cite("05-CT/TU", doc_type="Chỉ thị", date="2021-06-01", issuer="Tỉnh ủy Hà Tĩnh"),
                       cite("1124/KH-UBND", doc_type="Kế hoạch", date="2021-05-12", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
                            relation="mentions")])
        add("thon1", number="3/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân xã Trung Lễ", level="commune",
            date="2021-06-02", subject="tiêm vắc xin đợt 2")
        add("thon2", number="3/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân xã Đức Đồng", level="commune",
            date="2021-06-03", subject="tiêm vắc xin đợt 2")
        add("xa", number="27/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân xã Trung Lễ", level="commune",
            date="2021-06-15", subject="tiêm vắc xin phòng COVID-19 đợt 3 trên địa bàn xã",
            citations=[cite("845/UBND-YT", doc_type="Công văn", date="2021-06-10",
                            issuer="Ủy ban nhân dân huyện Đức Thọ"),
                       cite("288-CV/HU", doc_type="Công văn", date="2021-06-12", issuer="Huyện ủy Đức Thọ"),
                       cite("3/KH-UBND", doc_type="Kế hoạch", relation="mentions"),
                       cite(None, text="theo chỉ đạo của Bộ Y tế về tiêm chủng", relation="implements")])
        edges.link(a, ids["xa"], ids["ttg"], relation="implements")
        yield a, ids


def _golden(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("VANTHU_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_text_up_golden(sample):
    a, ids = sample
    _golden("tree_up.txt", render_text(tree(a, ids["xa"], direction="up"), width=150))


def test_text_down_golden(sample):
    a, ids = sample
    _golden("tree_down.txt", render_text(tree(a, ids["ttg"], direction="down"), width=150))


def test_mermaid_up_golden(sample):
    a, ids = sample
    _golden("tree_up.mmd", render(tree(a, ids["xa"], direction="up"), "up", "mermaid"))


def test_text_marks_what_matters(sample):
    a, ids = sample
    text = render_text(tree(a, ids["xa"]), width=150)
    assert "21/2021/NĐ-CP · Nghị định · Chính phủ (not in archive)" in text
    assert f"? ambiguous, 2 candidates ({', '.join(sorted([ids['thon1'], ids['thon2']]))}): 3/KH-UBND" in text
    assert "[implements] ✓ confirmed: 15/CT-TTg" in text
    # Reached by the state and the Party line: in full once, then referred to.
    assert text.count("1124/KH-UBND") == 2 and "↩ 1124/KH-UBND · Ủy ban nhân dân tỉnh Hà Tĩnh (already in this tree)" in text
    assert "“theo chỉ đạo của Bộ Y tế về tiêm chủng” (not in archive)" in text  # a reference without number
    assert "\x1b" not in text  # no terminal colours


def test_json_shape(sample):
    a, ids = sample
    data = json.loads(render(tree(a, ids["xa"]), "up", "json"))
    assert data["direction"] == "up"
    root = data["root"]
    assert {"id", "number", "issuer", "date", "in_archive", "children"} <= set(root)
    assert root["id"] == ids["xa"] and root["in_archive"] is True
    child = root["children"][0]
    assert {"relation", "id", "number", "issuer", "date", "in_archive", "children"} <= set(child)
    ext = [c for c in _all(root) if not c["in_archive"]]
    assert {c["number"] for c in ext} == {"21/2021/NĐ-CP", "3/KH-UBND", None}
    assert all(c["id"] is None for c in ext)
    amb = next(c for c in ext if c["status"] == "ambiguous")
    assert sorted(amb["candidates"]) == sorted([ids["thon1"], ids["thon2"]])


def _all(node):
    yield node
    for c in node["children"]:
        yield from _all(c)


def test_dot_and_graphml_carry_every_edge_once(sample):
    a, ids = sample
    t = tree(a, ids["xa"])
    g = tree_graph(t, "up")
    dot = to_dot(t, "up")
    assert dot.count(" -> ") == g.number_of_edges() == 11
    assert (ids["hu"], ids["tinh"]) in g.edges  # the repeat is an edge, not a second node
    back = nx.read_graphml(__import__("io").BytesIO(render(t, "up", "graphml").encode()))
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == 11


def test_quotes_and_brackets_are_escaped():
    odd = Node("k", True, "k", '12/"QĐ"', "Quyết định", "Ủy ban <nhân dân> & Co", None, None, None)
    leaf = Node("ext:x", False, None, "[3]", None, None, None, None, None)
    t = TreeNode(odd, children=(TreeNode(leaf, relation="basis", status="external"),))
    assert '\\"QĐ\\"' in to_dot(t, "up")
    mermaid = render(t, "up", "mermaid")
    assert "#quot;QĐ#quot;" in mermaid and "#lt;nhân dân#gt; #amp; Co" in mermaid
    assert "[basis] [3] (not in archive)" in render_text(t)
    assert "? ambiguous" not in render_text(t)


def test_suggestions_are_shown_as_such(sample):
    a, ids = sample
    t = tree(a, ids["xa"], depth=1)
    sug = Suggestion("theo chỉ đạo của Bộ Y tế về tiêm chủng", ids["thon1"], "3/KH-UBND", "Kế hoạch",
                     "Ủy ban nhân dân xã Trung Lễ", "2021-06-02", 0.81)
    shown = with_suggestions(t, lambda doc_id: [sug] if doc_id == ids["xa"] else [])
    assert len(shown.children) == len(t.children) + 1
    assert "[mentions] ~ suggested, score 0.810 (vanthu link to confirm): 3/KH-UBND" in render_text(shown, width=200)
    assert to_json(shown, "up")["root"]["children"][-1]["score"] == 0.81
    assert render_text(with_suggestions(t, lambda _: []), width=200) == render_text(t, width=200)


def test_down_direction_in_json(sample):
    a, ids = sample
    data = to_json(tree(a, ids["tinh"], direction="down"), "down")
    assert data["direction"] == "down"
    assert sorted(c["number"] for c in data["root"]["children"]) == ["288-CV/HU", "845/UBND-YT"]


def test_build_tree_of_a_bare_graph():
    g = nx.DiGraph()
    for k in "abc":
        g.add_node(k, in_archive=True, id=k, number=k.upper(), date=None)
    g.add_edge("a", "b", relation="basis", status="resolved")
    g.add_edge("b", "c", relation="basis", status="resolved")
    g.add_edge("c", "a", relation="basis", status="resolved")  # a cycle
    t = build_tree(g, "a")
    assert t.children[0].children[0].children[0].repeat
    with pytest.raises(KeyError):
        build_tree(g, "zz")
