"""The citation graph on small archives: edges in SQLite, import order, the librarian's word, undo, reads."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.graph_speed import add_document, cite
from vanthu.archive.errors import BadInput, NotFound
from vanthu.archive import graphstore
from vanthu.archive.store import Archive
from vanthu.archive.types import Document, Level
from vanthu.graph import edges
from vanthu.graph.export import write_graph
from vanthu.graph.subgraph import archive_graph, cited_by, fetch_subgraph, missing
from vanthu.graph.tree import chain_paths, chains, tree
from vanthu.graph.edges import detach_documents, ensure_edges, rebuild_edges, update_edges
from vanthu.pipeline.check import check_graph
from vanthu.pipeline.importer import import_paths, undo_batch

VANTHU = Path(sys.executable).with_name("vanthu")


@pytest.fixture
def archive(tmp_path):
    with Archive.open(tmp_path / "archive") as a, a.write_lock():
        yield a


def add(archive: Archive, **kw) -> str:
    """Insert one document and resolve like the importer's after_chunk does."""
    with archive.transaction():
        doc_id = add_document(archive, **kw)
        update_edges(archive, [doc_id])
    return doc_id


def edge_rows(archive: Archive, src: str) -> list[tuple]:
    return [tuple(r) for r in archive.conn.execute(
        "SELECT dst, status, relation FROM edges WHERE src = ? ORDER BY id", (src,))]


def status_of(archive: Archive, src: str) -> list[tuple[str | None, str]]:
    return [(d, s) for d, s, _ in edge_rows(archive, src)]


# -- hand-made chain: central → province → district (state and Party) → commune ----------------

CT_TTG = dict(number="15/CT-TTg", doc_type="Chỉ thị", issuer="Thủ tướng Chính phủ", level="central",
              date="2021-05-04", subject="đẩy mạnh tiêm vắc xin phòng COVID-19")
KL_TW = dict(number="07-KL/TW", doc_type="Kết luận", issuer="Ban Bí thư", level="central",
             date="2021-05-20", subject="tăng cường lãnh đạo công tác phòng, chống dịch")


def build_chain(archive: Archive) -> dict[str, str]:
    """A realistic chain of instruction, each document citing its superiors; returns name → id."""
    ids = {}
    ids["ttg"] = add(archive, **CT_TTG)
    ids["tw"] = add(archive, **KL_TW)
    ids["tinh"] = add(archive, number="1124/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
                      level="province", date="2021-05-12", subject="triển khai tiêm vắc xin phòng COVID-19",
                      citations=[cite("15/CT-TTg", doc_type="Chỉ thị", date="2021-05-04", issuer="Thủ tướng Chính phủ"),
                                 cite("117/2020/NĐ-CP", doc_type="Nghị định", issuer="Chính phủ", relation="basis")])
    ids["tu"] = add(archive, number="05-CT/TU", doc_type="Chỉ thị", issuer="Tỉnh ủy Hà Tĩnh", level="province",
                    date="2021-06-01", subject="lãnh đạo công tác tiêm chủng",
                    citations=[cite("07-KL/TW", doc_type="Kết luận", date="2021-05-20", issuer="Ban Bí thư")])
    ids["huyen"] = add(archive, number="845/UBND-YT", doc_type="Công văn", issuer="Ủy ban nhân dân huyện Đức Thọ",
                       level="district", date="2021-06-10", subject="tổ chức tiêm vắc xin đợt 3",
                       citations=[cite("1124/KH-UBND", doc_type="Kế hoạch", date="2021-05-12",
                                       issuer="Ủy ban nhân dân tỉnh Hà Tĩnh")])
    ids["hu"] = add(archive, number="288-CV/HU", doc_type="Công văn", issuer="Huyện ủy Đức Thọ", level="district",
                    date="2021-06-12", subject="lãnh đạo tiêm vắc xin",
                    citations=[cite("05-CT/TU", doc_type="Chỉ thị", date="2021-06-01", issuer="Tỉnh ủy Hà Tĩnh")])
    ids["xa"] = add(archive, number="27/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân xã Trung Lễ",
                    level="commune", date="2021-06-15", subject="tiêm vắc xin trên địa bàn xã",
                    citations=[cite("845/UBND-YT", doc_type="Công văn", date="2021-06-10",
                                    issuer="Ủy ban nhân dân huyện Đức Thọ"),
                               cite("288-CV/HU", doc_type="Công văn", date="2021-06-12", issuer="Huyện ủy Đức Thọ")])
    return ids


def test_party_and_state_chains_side_by_side(archive):
    ids = build_chain(archive)
    assert status_of(archive, ids["xa"]) == [(ids["huyen"], "resolved"), (ids["hu"], "resolved")]
    t = tree(archive, ids["xa"], direction="up")
    assert [c.node.id for c in t.children] == [ids["huyen"], ids["hu"]]
    g, paths = chains(archive, ids["xa"])
    numbers = sorted(tuple(g.nodes[k]["number"] for k in p) for p in paths)
    assert numbers == [("27/KH-UBND", "288-CV/HU", "05-CT/TU", "07-KL/TW"),
                       ("27/KH-UBND", "845/UBND-YT", "1124/KH-UBND", "117/2020/NĐ-CP"),  # the decree: external, central
                       ("27/KH-UBND", "845/UBND-YT", "1124/KH-UBND", "15/CT-TTg")]


def test_tree_down_from_the_centre(archive):
    ids = build_chain(archive)
    t = tree(archive, ids["ttg"], direction="down")
    assert t.children[0].node.id == ids["tinh"]
    assert t.children[0].children[0].children[0].node.id == ids["xa"]
    assert [c.node.id for c in tree(archive, ids["ttg"], direction="down", depth=1).children] == [ids["tinh"]]
    assert tree(archive, ids["ttg"], direction="down", depth=1).children[0].children == ()


def test_depth_bound_and_external_leaves(archive):
    ids = build_chain(archive)
    g = fetch_subgraph(archive, ids["xa"], direction="up", depth=2)
    assert ids["tinh"] in g and ids["ttg"] not in g  # three steps away
    g = fetch_subgraph(archive, ids["tinh"], direction="up", depth=1)
    ext = [n for n, a in g.nodes(data=True) if not a["in_archive"]]
    assert [g.nodes[n]["number"] for n in ext] == ["117/2020/NĐ-CP"]
    assert g.nodes[ext[0]]["level"] == "central"


def test_cited_document_imported_later_and_order_does_not_matter(tmp_path):
    def run(order):
        with Archive.open(tmp_path / "-".join(order)) as a, a.write_lock():
            made = {}
            for name in order:
                if name == "tinh":
                    made[name] = add(a, number="1124/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
                                     level="province", date="2021-05-12")
                else:
                    made[name] = add(a, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district",
                                     date="2021-06-10", citations=[cite("1124/KH-UBND", date="2021-05-12",
                                                                        issuer="Ủy ban nhân dân tỉnh Hà Tĩnh")])
                if name == "huyen" and len(made) == 1:
                    assert status_of(a, made["huyen"]) == [(None, "external")]  # nothing to resolve to yet
            return [(made.get("tinh") == d, s) for d, s in status_of(a, made["huyen"])]

    assert run(["huyen", "tinh"]) == run(["tinh", "huyen"]) == [(True, "resolved")]


def test_numbers_shared_by_two_districts_in_one_year(archive):
    ductho = add(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district", date="2021-04-03")
    canloc = add(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Can Lộc", level="district", date="2021-05-10")
    sure = add(archive, number="12/UBND", issuer="Ủy ban nhân dân xã Trung Lễ", level="commune", date="2021-06-01",
               citations=[cite("845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", relation="implements")])
    unsure = add(archive, number="13/UBND", issuer="Ủy ban nhân dân xã Tùng Ảnh", level="commune", date="2021-06-02",
                 citations=[cite("845/UBND-YT", relation="implements")])
    assert status_of(archive, sure) == [(ductho, "resolved")]
    assert status_of(archive, unsure) == [(None, "ambiguous")]
    ambiguous = tree(archive, unsure).children[0]
    assert set(ambiguous.candidates) == {ductho, canloc} and not ambiguous.node.in_archive
    citing = {(r.id, r.status) for r in cited_by(archive, ductho)}
    assert citing == {(sure, "resolved"), (unsure, "ambiguous")}
    assert missing(archive) == []  # ambiguous is in the archive, not missing


def test_librarian_confirmation_survives_re_resolution(archive):
    ductho = add(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district", date="2021-04-03")
    canloc = add(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Can Lộc", level="district", date="2021-05-10")
    unsure = add(archive, number="13/UBND", issuer="Ủy ban nhân dân xã Tùng Ảnh", level="commune", date="2021-06-02",
                 citations=[cite("845/UBND-YT", relation="implements")])
    result = edges.link(archive, unsure, canloc)
    assert (result.decision, result.edges) == ("confirmed", 1)
    assert status_of(archive, unsure) == [(canloc, "confirmed")]
    rebuild_edges(archive)
    assert status_of(archive, unsure) == [(canloc, "confirmed")]
    huongson = add(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Hương Sơn", level="district",
                   date="2021-05-20")
    assert status_of(archive, unsure) == [(canloc, "confirmed")]  # a new candidate re-resolved it: still the librarian's
    edges.unlink(archive, unsure, canloc)
    assert status_of(archive, unsure) == [(None, "ambiguous")]  # Đức Thọ's and Hương Sơn's remain
    edges.unlink(archive, unsure, ductho)
    assert status_of(archive, unsure) == [(huongson, "resolved")]  # the one the librarian left
    rebuild_edges(archive)
    cands = {r[0] for r in archive.conn.execute("SELECT doc_id FROM edge_candidates")}
    assert ductho not in cands and canloc not in cands


def test_rejecting_the_only_candidate(archive):
    tinh = add(archive, number="1124/KH-UBND", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh", level="province", date="2021-05-12")
    huyen = add(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district", date="2021-06-10",
                citations=[cite("1124/KH-UBND", date="2021-05-12")])
    edges.unlink(archive, huyen, tinh)
    assert status_of(archive, huyen) == [(None, "rejected")]
    assert [m.number for m in missing(archive)] == ["1124/KH-UBND"]  # so it goes on the acquisition list
    with pytest.raises(Exception, match="no link"):
        edges.unlink(archive, tinh, huyen)


def test_link_without_a_citation_and_its_removal(archive):
    ttg = add(archive, **CT_TTG)
    xa = add(archive, number="27/KH-UBND", issuer="Ủy ban nhân dân xã Trung Lễ", level="commune", date="2021-06-15",
             citations=[cite(None, text="theo chỉ đạo của Thủ tướng Chính phủ về tiêm vắc xin")])
    assert status_of(archive, xa) == [(None, "external")]
    edges.link(archive, xa, ttg, relation="implements")
    assert edge_rows(archive, xa)[-1] == (ttg, "confirmed", "implements")
    assert archive.conn.execute("SELECT evidence FROM edges WHERE src = ? AND dst = ?", (xa, ttg)).fetchone()[0] \
        == edges.LINK_EVIDENCE
    edges.link(archive, xa, ttg, seq=0)  # the suggestion was for that very reference: the citation itself links
    assert status_of(archive, xa) == [(ttg, "confirmed")]
    edges.unlink(archive, xa, ttg)
    assert status_of(archive, xa) == [(None, "external")]
    with pytest.raises(Exception, match="itself"):
        edges.link(archive, xa, xa)
    with pytest.raises(Exception, match="no citation number 7"):
        edges.link(archive, xa, ttg, seq=7)


def test_cycles_never_loop(archive):
    a = add(archive, number="10/UBND", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district", year=2021,
            citations=[cite("11/UBND", issuer="Ủy ban nhân dân huyện Đức Thọ")])
    b = add(archive, number="11/UBND", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district", year=2021,
            citations=[cite("10/UBND", issuer="Ủy ban nhân dân huyện Đức Thọ")])
    t = tree(archive, a, depth=50)
    assert t.children[0].node.id == b
    assert t.children[0].children[0].node.id == a and t.children[0].children[0].repeat
    assert t.children[0].children[0].children == ()
    assert chain_paths(fetch_subgraph(archive, a, depth=50), a) == [[a, b]]
    down = tree(archive, a, direction="down")
    assert down.children[0].node.id == b and down.children[0].children[0].repeat


def test_a_document_reached_twice_appears_once(archive):
    ids = build_chain(archive)
    # The commune's plan also cites the province's plan directly: reached twice.
    twice = add(archive, number="30/KH-UBND", issuer="Ủy ban nhân dân xã Trung Lễ", level="commune", date="2021-06-20",
                citations=[cite("845/UBND-YT", date="2021-06-10", issuer="Ủy ban nhân dân huyện Đức Thọ"),
                           cite("1124/KH-UBND", date="2021-05-12", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh")])
    t = tree(archive, twice)
    first = [c for c in t.children if c.node.id == ids["tinh"]][0]
    assert not first.repeat and first.children  # expanded at its first line (the plan is dated first)
    again = t.children[0 if t.children[0].node.id == ids["huyen"] else 1].children[0]
    assert again.node.id == ids["tinh"] and again.repeat and again.children == ()


def _twice_cited_plan(archive: Archive) -> tuple[str, str, str]:
    """A district dispatch cites the province's plan twice over: directly, and through the Party
    committee's dispatch. The plan's copy has a blank date, so it is listed after the dated
    dispatch and is first read one level down. Returns (plan, Party dispatch, district dispatch)."""
    add(archive, **CT_TTG)
    plan = add(archive, number="1124/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
               level="province", year=2021, citations=[cite("15/CT-TTg", issuer="Thủ tướng Chính phủ")])
    party = add(archive, number="288-CV/HU", doc_type="Công văn", issuer="Huyện ủy Đức Thọ", level="district",
                date="2021-05-20", citations=[cite("1124/KH-UBND", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh")])
    district = add(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district",
                   date="2021-06-10", citations=[cite("288-CV/HU", date="2021-05-20", issuer="Huyện ủy Đức Thọ"),
                                                 cite("1124/KH-UBND", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh")])
    return plan, party, district


def test_the_first_line_in_reading_order_is_the_full_one(archive):
    plan, party, district = _twice_cited_plan(archive)
    via_party, direct = tree(archive, district).children
    assert via_party.node.id == party and direct.node.id == plan
    first = via_party.children[0]
    assert (first.node.id, first.repeat, [c.node.number for c in first.children]) == (plan, False, ["15/CT-TTg"])
    assert direct.repeat and direct.children == ()  # read after: a reference back


def test_a_line_at_the_depth_bound_does_not_count_as_the_first(archive):
    """At --depth 2 the plan's line under the Party dispatch is at the bound: shown, not expanded,
    and the direct line, one level up, shows what the plan cites."""
    plan, party, district = _twice_cited_plan(archive)
    via_party, direct = tree(archive, district, depth=2).children
    at_bound = via_party.children[0]
    assert (at_bound.node.id, at_bound.repeat, at_bound.children) == (plan, False, ())
    assert not direct.repeat and [c.node.number for c in direct.children] == ["15/CT-TTg"]


def test_superseded_version_and_undo_detach(tmp_path):
    """Through the real importer: an external node resolved by a later import; undo detaches it."""
    first, second = tmp_path / "b1", tmp_path / "b2"
    first.mkdir(), second.mkdir()
    (first / "xa.txt").write_text(_COMMUNE_TEXT, encoding="utf-8")
    (second / "huyen.txt").write_text(_DISTRICT_TEXT, encoding="utf-8")
    with Archive.open(tmp_path / "archive") as a:
        r1 = import_paths(a, [first], workers=1, after_chunk=update_edges)
        xa = r1.doc_ids[0]
        assert status_of(a, xa) == [(None, "external")]
        r2 = import_paths(a, [second], workers=1, after_chunk=update_edges)
        huyen = r2.doc_ids[0]
        assert status_of(a, xa) == [(huyen, "resolved")]
        assert edges.edges_built(a)
        undo_batch(a, r2.batch, before_delete=detach_documents)
        assert status_of(a, xa) == [(None, "external")]
        assert [m.number for m in missing(a)] == ["845/UBND-YT"]


def test_a_new_version_takes_over_the_edges(archive):
    tinh = add(archive, number="1124/KH-UBND", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh", level="province",
               date="2021-05-12", subject="bản cũ")
    huyen = add(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district",
                date="2021-06-10", citations=[cite("1124/KH-UBND", date="2021-05-12")])
    newer = add(archive, number="1124/KH-UBND", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh", level="province",
                date="2021-05-12", subject="bản đã sửa")
    assert newer == tinh and archive.get(tinh).meta.subject == "bản đã sửa"  # the id stays the document's
    assert status_of(archive, huyen) == [(tinh, "resolved")]
    with archive.transaction():  # undo the new version: the old one is current again, same id
        assert archive.delete_document(newer) == tinh
        update_edges(archive, [tinh])
    assert archive.get(tinh).meta.subject == "bản cũ" and archive.count(current_only=False) == 3 - 1
    assert status_of(archive, huyen) == [(tinh, "resolved")]


def test_enumeration_through_the_analyzer(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tinh.txt").write_text(_ENUMERATION_TEXT, encoding="utf-8")
    with Archive.open(tmp_path / "archive") as a, a.write_lock():
        with a.transaction():
            for n, d in (("15/CT-TTg", "2020-03-27"), ("16/CT-TTg", "2020-03-31"), ("19/CT-TTg", "2020-04-24")):
                add_document(a, number=n, doc_type="Chỉ thị", issuer="Thủ tướng Chính phủ", level="central", date=d)
        report = import_paths(a, [folder], workers=1, after_chunk=update_edges)
        got = {(a.get(d).meta.number, s) for d, s in status_of(a, report.doc_ids[0])}
    assert got == {("15/CT-TTg", "resolved"), ("16/CT-TTg", "resolved"), ("19/CT-TTg", "resolved")}


def test_seed_dispatches(tmp_path, seed_files):
    """The five real seeds: their references are to documents outside the archive, and say so."""
    with Archive.open(tmp_path / "archive") as a:
        import_paths(a, seed_files, workers=1, after_chunk=update_edges)
        got = {m.number: (m.issuer, m.date) for m in missing(a)}
    assert got["8252/UBND-KT5"] == ("Ủy ban nhân dân tỉnh Vĩnh Phúc", "2021-09-21")  # Bình Xuyên's province, via the gazetteer
    assert got["1367-CV/HU"] == ("Huyện ủy Mai Sơn", "2021-09-06")


def test_check_and_ensure_build_the_graph_of_an_old_archive(archive):
    with archive.transaction():
        tinh = add_document(archive, number="1124/KH-UBND", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh", level="province",
                            date="2021-05-12")
        huyen = add_document(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district",
                             date="2021-06-10", citations=[cite("1124/KH-UBND", date="2021-05-12")])
    finding = check_graph(archive, repair=False)
    assert not finding.ok and "never built" in finding.detail
    assert ensure_edges(archive) is True and ensure_edges(archive) is False
    assert status_of(archive, huyen) == [(tinh, "resolved")]
    assert check_graph(archive, repair=False).ok
    archive.conn.execute("DELETE FROM edges")
    finding = check_graph(archive, repair=True)
    assert finding.repaired and status_of(archive, huyen) == [(tinh, "resolved")]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_whole_and_filtered(archive, tmp_path, fmt):
    ids = build_chain(archive)
    report = write_graph(archive_graph(archive), tmp_path / f"g.{fmt}")
    assert (report.nodes, report.edges, report.external) == (8, 7, 1)
    if fmt == "json":
        data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
        assert {(e["src"], e["dst"]) for e in data["edges"]} >= {(ids["xa"], ids["huyen"]), (ids["xa"], ids["hu"])}
    else:
        g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(tmp_path / f"g.{fmt}")
        assert g.number_of_edges() == 7 and g.nodes[ids["xa"]]["number"] == "27/KH-UBND"
    only = archive_graph(archive, issuer="Đức Thọ", external=False)
    assert set(only.edges) == {(ids["huyen"], ids["tinh"]), (ids["hu"], ids["tu"])}
    june = archive_graph(archive, date_from="2021-06-11", date_to="2021-06-30")
    assert {u for u, _ in june.edges} == {ids["hu"], ids["xa"]}


class _Cli:
    """Runs `vanthu` in process through the real entry point (errors → exit codes), captured."""

    def __init__(self, root: Path, capsys, monkeypatch) -> None:
        self.root, self.capsys, self.monkeypatch = root, capsys, monkeypatch

    def __call__(self, *args: str) -> subprocess.CompletedProcess:
        from vanthu.cli.app import main

        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "argv", ["vanthu", *args, "--archive", str(self.root)])
        with pytest.raises(SystemExit) as exit_:
            main()
        out = self.capsys.readouterr()
        return subprocess.CompletedProcess(args, exit_.value.code, out.out, out.err)


def test_commands(tmp_path, capsys, monkeypatch):
    root = tmp_path / "archive"
    with Archive.open(root) as a, a.write_lock():
        ids = build_chain(a)
        add(a, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Can Lộc", level="district", date="2021-06-11")
    _cli = _Cli(root, capsys, monkeypatch)
    r = _cli("tree", "845/UBND-YT")
    assert r.returncode == 2 and "matches 2 documents" in r.stderr and ids["huyen"] in r.stderr
    r = _cli("tree", "845/UBND-YT", "--issuer", "Đức Thọ", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["direction"] == "up" and data["root"]["id"] == ids["huyen"]
    assert data["root"]["children"][0]["number"] == "1124/KH-UBND"
    r = _cli("tree", ids["ttg"], "--down", "--format", "mermaid")
    assert r.returncode == 0 and r.stdout.startswith("flowchart BT")
    r = _cli("chain", ids["xa"])
    assert r.returncode == 0 and r.stdout.count("\n") == 3 and "27/KH-UBND" in r.stdout.splitlines()[0]
    r = _cli("cited-by", ids["tinh"], "--json")
    assert [c["id"] for c in json.loads(r.stdout)["cited_by"]] == [ids["huyen"]]
    r = _cli("missing", "--json")
    assert [m["number"] for m in json.loads(r.stdout)["missing"]] == ["117/2020/NĐ-CP"]
    r = _cli("tree", ids["xa"], "--suggested")
    assert r.returncode == 0 and "no suggestions available" in r.stderr
    r = _cli("unlink", ids["xa"], ids["hu"], "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["decision"] == "rejected"
    r = _cli("tree", ids["xa"], "--format", "text")
    assert "rejected" in r.stdout and r.stdout.count("\n") >= 5
    r = _cli("graph", "export", str(tmp_path / "out.gexf"), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["format"] == "gexf"
    r = _cli("tree", ids["xa"], "--format", "svg")
    assert r.returncode == 2 and "unknown format" in r.stderr
    r = _cli("graph", "export", str(tmp_path / "x.gexf"), "--from", "2021-13-01")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


_COMMUNE_TEXT = """ỦY BAN NHÂN DÂN
XÃ TRUNG LỄ

Số: 27/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Trung Lễ, ngày 15 tháng 6 năm 2021

KẾ HOẠCH
Tiêm vắc xin phòng COVID-19 trên địa bàn xã

Thực hiện Công văn số 845/UBND-YT ngày 10/6/2021 của UBND huyện Đức Thọ về tổ chức tiêm vắc xin đợt 3, UBND xã xây dựng kế hoạch như sau:

1. Rà soát đối tượng tiêm trên địa bàn các thôn.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""

_DISTRICT_TEXT = """ỦY BAN NHÂN DÂN
HUYỆN ĐỨC THỌ

Số: 845/UBND-YT
V/v tổ chức tiêm vắc xin đợt 3

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Đức Thọ, ngày 10 tháng 6 năm 2021

Kính gửi: UBND các xã, thị trấn.

UBND huyện yêu cầu các xã, thị trấn tổ chức tiêm vắc xin đợt 3 bảo đảm an toàn.

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Trần Thị Bình
"""

_ENUMERATION_TEXT = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH

Số: 1124/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Tĩnh, ngày 12 tháng 5 năm 2021

KẾ HOẠCH
Phòng, chống dịch COVID-19

Thực hiện các Chỉ thị số 15/CT-TTg ngày 27/3/2020, số 16/CT-TTg ngày 31/3/2020 và số 19/CT-TTg ngày 24/4/2020 của Thủ tướng Chính phủ, UBND tỉnh ban hành kế hoạch như sau:

1. Các sở, ngành triển khai thực hiện.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Võ Trọng Hải
"""


def test_tree_dot_end_to_end(tmp_path):
    """The installed command, as a user pipes it: `vanthu tree … --format dot | dot -Tsvg`."""
    import shutil

    root = tmp_path / "archive"
    with Archive.open(root) as a, a.write_lock():
        ids = build_chain(a)
    r = subprocess.run([str(VANTHU), "tree", ids["xa"], "--format", "dot", "--archive", str(root)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("digraph citations {") and r.stdout.count(" -> ") == 7
    if shutil.which("dot"):
        svg = subprocess.run(["dot", "-Tsvg"], input=r.stdout, capture_output=True, text=True, timeout=60)
        assert svg.returncode == 0 and "<svg" in svg.stdout and "xã Trung Lễ" in svg.stdout


# -- property: incremental edges equal a rebuild from scratch, whatever the order ----------------

_SPECS = [
    CT_TTG, KL_TW,
    dict(number="1124/KH-UBND", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh", level="province", date="2021-05-12",
         citations=[cite("15/CT-TTg", date="2021-05-04", issuer="Thủ tướng Chính phủ")]),
    dict(number="05-CT/TU", issuer="Tỉnh ủy Hà Tĩnh", level="province", date="2021-06-01",
         citations=[cite("07-KL/TW", issuer="Ban Bí thư")]),
    dict(number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district", date="2021-06-10",
         citations=[cite("1124/KH-UBND", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh")]),
    dict(number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Can Lộc", level="district", date="2021-06-08",
         citations=[cite("1124/KH-UBND", date="2021-05-12")]),
    dict(number="27/KH-UBND", issuer="Ủy ban nhân dân xã Trung Lễ", level="commune", date="2021-06-15",
         citations=[cite("845/UBND-YT"), cite("05-CT/TU", issuer="Tỉnh ủy Hà Tĩnh"), cite("27/KH-UBND")]),
    dict(number="27/KH-UBND", issuer="Ủy ban nhân dân xã Đức Đồng", level="commune", date="2021-06-15",
         citations=[cite("845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ"), cite("27/KH-UBND")]),
    dict(number="10/UBND", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district", year=2021,
         citations=[cite("11/UBND")]),
    dict(number="11/UBND", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district", year=2021,
         citations=[cite("10/UBND")]),
]


def _snapshot(a: Archive) -> set[tuple]:
    return {tuple(r) for r in a.conn.execute(
        "SELECT e.src, c.seq, e.dst, e.status, (SELECT group_concat(doc_id) FROM "
        "(SELECT doc_id FROM edge_candidates k WHERE k.edge_id = e.id ORDER BY doc_id)) "
        "FROM edges e LEFT JOIN citations c ON c.id = e.citation_id")}


def _reimport(a: Archive, spec: dict, how: str) -> str | None:
    """Import a document again through the importer's own decision (``_store``): ``copy`` is the
    same text in other bytes (UTF-16: another original, the same document), ``version`` is a
    signed copy that drops its first citation (a new version: same number, issuer, date)."""
    from vanthu.archive.store import sha256_hex
    from vanthu.pipeline.importer import ImportReport, _Result, _store

    spec = dict(spec)
    body = " ".join(x for x in (spec.get("number"), spec.get("issuer"), spec.get("subject")) if x)
    citations = tuple(spec.pop("citations", ()))
    if how == "version":
        body, citations = body + " (bản đã ký)", citations[1:]
    date = spec.get("date")
    meta = Document(number=spec.get("number"), issuer=spec.get("issuer"), issuer_level=Level(spec["level"]),
                    date=dt.date.fromisoformat(date) if date else None,
                    year=spec.get("year") or (int(date[:4]) if date else None), subject=spec.get("subject"),
                    citations=citations)
    data = body.encode("utf-16")
    result = _Result(path=f"kho/{how}.txt", name=f"{how}.txt", source="", members=(), sha=sha256_hex(data),
                     size=len(data), text=body, parsed=meta.to_json(), format="txt", encoding="utf-16")
    return _store(a, "lai", result, {}, ImportReport("lai"))


# What a librarian and a later import do to a built archive: (operation, document, other document).
_OPERATIONS = st.lists(st.tuples(st.sampled_from(["link", "unlink", "copy", "version"]),
                                 st.integers(0, len(_SPECS) - 1), st.integers(0, len(_SPECS) - 1)), max_size=5)


def _operate(a: Archive, ids: dict[int, str], op: str, i: int, j: int) -> None:
    try:
        if op == "link":
            edges.link(a, ids[i], ids[j])
        elif op == "unlink":
            edges.unlink(a, ids[i], ids[j])
        else:
            with a.transaction():
                changed = _reimport(a, _SPECS[i], op)
                if changed:
                    update_edges(a, [changed])
    except (BadInput, NotFound):
        pass  # a link of a document to itself, an unlink of a link that never was: refused, nothing changed


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(len(_SPECS))), st.integers(1, 4), st.sets(st.integers(0, len(_SPECS) - 1), max_size=3),
       _OPERATIONS)
def test_import_order_decisions_reimports_and_undo_never_change_the_graph(order, chunk, removed, operations):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "a") as a, a.write_lock():
        ids: dict[int, str] = {}
        for start in range(0, len(order), chunk):  # chunks as the importer commits them
            with a.transaction():
                new = [ids.setdefault(i, add_document(a, **_SPECS[i])) for i in order[start:start + chunk]]
                update_edges(a, new)
        for op, i, j in operations:  # links, unlinks, other encodings and new versions, incrementally
            _operate(a, ids, op, i, j)
        assert set(ids.values()) == set(a.current_ids())  # no re-import changed a document's id
        incremental = _snapshot(a)
        rebuild_edges(a)
        assert _snapshot(a) == incremental
        gone = [ids[i] for i in removed]
        with a.transaction():  # undo, as undo_batch does it: a new version gives way to the one before
            plain = [g for g in gone if not a.previous_version(g)]
            detach_documents(a, plain)
            restored = [r for g in gone if (r := a.delete_document(g))]
            update_edges(a, restored)
        detached = _snapshot(a)
        rebuild_edges(a)
        assert _snapshot(a) == detached
        assert not any(dst in plain or any(g in (cands or "") for g in plain) for _, _, dst, _, cands in detached)


# -- the sample chain (samples/chain + seeds, samples/README.md) through the real importer -------

# (citing number, citing issuer) → (cited number, cited issuer), as samples/README.md maps them.
SAMPLE_LINKS = {
    ("128/NQ-CP", "Chính phủ"): ("21/NQ-CP", "Chính phủ"),
    ("325-CV/TU", "Tỉnh ủy Vĩnh Phúc"): ("21/NQ-CP", "Chính phủ"),
    ("312-CV/HU", "Huyện ủy Bình Xuyên"): ("325-CV/TU", "Tỉnh ủy Vĩnh Phúc"),  # "Ban Thường vụ Tỉnh ủy"
    ("8252/UBND-KT5", "Ủy ban nhân dân tỉnh Vĩnh Phúc"): ("2296/KH-UBND", "Ủy ban nhân dân tỉnh Vĩnh Phúc"),
    ("845/UBND-YT", "Ủy ban nhân dân huyện Tam Dương"): ("21/NQ-CP", "Chính phủ"),
    ("45-CV/ĐU", "Đảng ủy xã Thiện Kế"): ("312-CV/HU", "Huyện ủy Bình Xuyên"),
    ("27/KH-UBND", "Ủy ban nhân dân xã Hoàng Lâu"): ("845/UBND-YT", "Ủy ban nhân dân huyện Tam Dương"),  # no date: context decides
    ("31/TB-UBND", "Ủy ban nhân dân xã Thiện Kế"): ("27/KH-UBND", "Ủy ban nhân dân xã Thiện Kế"),
    ("254/TUBND-VP", "Ủy ban nhân dân huyện Tân Uyên"): ("128/NQ-CP", "Chính phủ"),  # seed joins the chain
    (None, "Ủy ban nhân dân huyện Bình Xuyên"): ("8252/UBND-KT5", "Ủy ban nhân dân tỉnh Vĩnh Phúc"),  # seed, blank số
}
SAMPLE_DOUBLE = {  # documents citing two of the chain
    ("2296/KH-UBND", "Ủy ban nhân dân tỉnh Vĩnh Phúc"): {("21/NQ-CP", "Chính phủ"), ("325-CV/TU", "Tỉnh ủy Vĩnh Phúc")},
    ("845/UBND-YT", "Ủy ban nhân dân huyện Bình Xuyên"): {("2296/KH-UBND", "Ủy ban nhân dân tỉnh Vĩnh Phúc"),
                                                          ("312-CV/HU", "Huyện ủy Bình Xuyên")},
    ("27/KH-UBND", "Ủy ban nhân dân xã Thiện Kế"): {("845/UBND-YT", "Ủy ban nhân dân huyện Bình Xuyên"),
                                                    ("45-CV/ĐU", "Đảng ủy xã Thiện Kế")},
}


@pytest.fixture(scope="module")
def samples_archive(tmp_path_factory, samples_dir):
    root = tmp_path_factory.mktemp("samples") / "archive"
    with Archive.open(root) as a:
        import_paths(a, [samples_dir / "chain", samples_dir / "seeds"], workers=1, after_chunk=update_edges)
        yield a


def test_sample_chain_resolves_as_the_samples_map_says(samples_archive):
    a = samples_archive
    linked: dict[tuple, set] = {}
    for src_n, src_i, dst_n, dst_i in a.conn.execute(
        "SELECT s.number, s.issuer, d.number, d.issuer FROM edges e JOIN documents s ON s.id = e.src "
        "JOIN documents d ON d.id = e.dst WHERE e.status = 'resolved'"
    ):
        linked.setdefault((src_n, src_i), set()).add((dst_n, dst_i))
    expected = {k: {v} for k, v in SAMPLE_LINKS.items()} | SAMPLE_DOUBLE
    assert linked == expected
    assert {m.number for m in missing(a)} >= {"1367-CV/HU", "125/TB-UBND"}
    assert a.conn.execute("SELECT count(*) FROM edges WHERE status = 'ambiguous'").fetchone()[0] == 0


def test_missing_reads_its_index_and_answers_the_same_without_it(samples_archive):
    a = samples_archive
    with_index = missing(a, limit=100)
    plan = " ".join(str(tuple(r)) for r in a.conn.execute(
        "EXPLAIN QUERY PLAN SELECT ext_key FROM edges INDEXED BY edges_missing WHERE dst IS NULL "
        "AND status IN ('external', 'rejected') AND ext_key IS NOT NULL GROUP BY ext_key"))
    assert "edges_missing" in plan  # the index answers the query alone
    a.conn.execute("DROP INDEX edges_missing")  # an archive of schema 5, opened read-only
    try:
        assert missing(a, limit=100) == with_index
    finally:
        a.conn.executescript(graphstore.SCHEMA)


def test_sample_chain_tree_and_chain_commands(samples_archive):
    a = samples_archive
    leaf = a.resolve_ref("31/TB-UBND").id
    g, paths = chains(a, leaf)
    lines = {tuple(g.nodes[k]["number"] for k in p) for p in paths}
    assert ("31/TB-UBND", "27/KH-UBND", "845/UBND-YT", "2296/KH-UBND", "21/NQ-CP") in lines  # state line
    assert ("31/TB-UBND", "27/KH-UBND", "45-CV/ĐU", "312-CV/HU", "325-CV/TU", "21/NQ-CP") in lines  # Party line
    centre = a.resolve_ref("21/NQ-CP").id
    down = fetch_subgraph(a, centre, direction="down", depth=10)
    hoang_lau = a.resolve_ref("27/KH-UBND", issuer="Hoàng Lâu").id
    assert hoang_lau in down and nx.has_path(down, hoang_lau, centre)
    assert len(down) == 14  # the twelve of the chain (root included) and the two seeds that join it


def test_check_archive_runs_the_graph_check(archive):
    from vanthu.pipeline.check import check_archive

    with archive.transaction():
        add_document(archive, number="845/UBND-YT", issuer="Ủy ban nhân dân huyện Đức Thọ", level="district",
                     date="2021-06-10", citations=[cite("1124/KH-UBND", date="2021-05-12")])
    report = check_archive(archive, repair=False)
    graph = [f for f in report.findings if f.check == "graph"]
    assert len(graph) == 1 and not graph[0].ok
    repaired = [f for f in check_archive(archive, repair=True).findings if f.check == "graph"]
    assert repaired[0].repaired and check_graph(archive, repair=False).ok
