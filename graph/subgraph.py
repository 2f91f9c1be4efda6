"""Reading the graph without loading it: the part a command needs, fetched from SQLite.

A 1,000,000-document graph held in networkx costs about 1 GB and 20 s to load, so nothing here
loads it whole (except an explicit export). :func:`fetch_subgraph` walks the edge table with a
depth-bounded ``WITH RECURSIVE`` query and builds a networkx DiGraph of just those documents.

Graph conventions (shared by tree, render and export): an edge goes from the citing document to
the cited one; a node is an archive id, or ``ext:KEY`` for what a citation named that is not in
the archive (or not decidably: ambiguous, rejected). Node attributes: ``in_archive``, ``id``,
``number``, ``doc_type``, ``issuer``, ``level``, ``date``, ``subject``. Edge attributes:
``relation``, ``status``, ``evidence``, ``candidates``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable

import networkx as nx

from ..archive.errors import BadInput
from ..archive.types import Citation, Relation
from .resolve import LINKED, Status, citation_levels

__all__ = ["fetch_subgraph", "cited_by", "missing", "archive_graph", "CitingDocument", "MissingDocument",
           "EXT", "DIRECTIONS"]

EXT = "ext:"
DIRECTIONS = ("up", "down")
_LINKED = tuple(sorted(LINKED))
_DOC_COLUMNS = "id, number, doc_type, issuer, issuer_level, date, year, subject"


@dataclass(frozen=True)
class CitingDocument:
    """A document that cites the one asked about (``vanthu cited-by``)."""

    id: str
    number: str | None
    doc_type: str | None
    issuer: str | None
    date: str | None
    relation: str
    status: str
    evidence: str

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class MissingDocument:
    """A document cited but not in the archive, with how often (``vanthu missing``)."""

    number: str | None
    doc_type: str | None
    issuer: str | None
    date: str | None
    name: str | None
    cited_by: int
    key: str

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _walk_sql(direction: str) -> str:
    near, far = ("src", "dst") if direction == "up" else ("dst", "src")
    return f"""
        WITH RECURSIVE walk(doc, depth) AS (
            VALUES (?1, 0)
            UNION
            SELECT e.{far}, w.depth + 1 FROM walk w JOIN edges e ON e.{near} = w.doc
            WHERE w.depth < ?2 AND e.dst IS NOT NULL AND e.status IN {_LINKED}
        )
        SELECT doc, min(depth) FROM walk GROUP BY doc"""


def fetch_subgraph(conn: sqlite3.Connection, root: str, *, direction: str = "up", depth: int = 10) -> nx.DiGraph:
    """The documents within ``depth`` citations of ``root``, up (what it cites) or down (what cites it).

    Going up, the unresolved citations of every expanded document are included as external nodes,
    so the tree shows what a document cites even when the archive lacks it.
    """
    if direction not in DIRECTIONS:
        raise BadInput(f"direction must be up or down, not {direction!r}")
    if depth < 0:
        raise BadInput("depth must be 0 or more")
    depths = dict(conn.execute(_walk_sql(direction), (root, depth)).fetchall())
    g = nx.DiGraph(root=root, direction=direction, depth=depth)
    _add_documents(g, conn, depths)
    inner = [d for d, k in depths.items() if k < depth]  # nodes whose edges were followed
    near = "src" if direction == "up" else "dst"
    rows = conn.execute(
        f"""SELECT e.src, e.dst, e.ext_key, e.relation, e.status, e.evidence, e.id,
                   c.number, c.doc_type, c.issuer, c.date, c.name, c.year
            FROM edges e LEFT JOIN citations c ON c.id = e.citation_id
            WHERE e.{near} IN (SELECT value FROM json_each(?))
            ORDER BY e.src, c.seq""",
        (json.dumps(inner),),
    ).fetchall()
    _add_edges(g, conn, rows, linked_only=direction == "down", known=depths)
    return g


def _add_documents(g: nx.DiGraph, conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    for row in conn.execute(
        f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    ):
        g.add_node(row["id"], **_doc_attrs(row))


def _doc_attrs(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "in_archive": True, "id": row["id"], "number": row["number"], "doc_type": row["doc_type"],
        "issuer": row["issuer"], "level": row["issuer_level"], "date": row["date"], "subject": row["subject"],
    }


def _ext_attrs(row: sqlite3.Row) -> dict[str, Any]:
    """What the citation said of a document the archive lacks (or cannot pick out)."""
    cite = Citation(row["number"], row["doc_type"], None, row["issuer"], Relation.MENTIONS, "", 0, 0, name=row["name"])
    levels = citation_levels(cite)
    return {
        "in_archive": False, "id": None, "number": row["number"], "doc_type": row["doc_type"],
        "issuer": row["issuer"], "level": next(iter(levels)) if levels and len(levels) == 1 else None,
        "date": row["date"], "subject": None, "name": row["name"],
    }


def _add_edges(g: nx.DiGraph, conn: sqlite3.Connection, rows: list[sqlite3.Row], *, linked_only: bool,
               known: dict[str, int]) -> None:
    candidates = _candidates(conn, [r["id"] for r in rows if r["status"] == Status.AMBIGUOUS.value])
    for r in rows:
        linked = r["dst"] is not None and r["status"] in LINKED
        if linked_only and not linked:
            continue
        if linked:
            if r["dst"] not in known or r["src"] not in known:
                continue  # beyond the depth bound
            target = r["dst"]
        else:
            target = EXT + (r["ext_key"] or f"edge{r['id']}")
            if target not in g:
                g.add_node(target, **_ext_attrs(r))
        if g.has_edge(r["src"], target) and _weaker(r["relation"], g.edges[r["src"], target]["relation"]):
            continue  # two citations of one document: keep the stronger relation
        g.add_edge(r["src"], target, relation=r["relation"], status=r["status"], evidence=r["evidence"],
                   candidates=tuple(candidates.get(r["id"], ())))


_RELATION_ORDER = ("implements", "guides", "basis", "amends", "replaces", "repeals", "mentions")


def _weaker(new: str, old: str) -> bool:
    order = {r: i for i, r in enumerate(_RELATION_ORDER)}
    return order.get(new, 99) >= order.get(old, 99)


def _candidates(conn: sqlite3.Connection, edge_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if edge_ids:
        for edge, doc in conn.execute(
            "SELECT edge_id, doc_id FROM edge_candidates WHERE edge_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY edge_id, rank", (json.dumps(edge_ids),),
        ):
            out.setdefault(edge, []).append(doc)
    return out


def cited_by(conn: sqlite3.Connection, doc_id: str) -> list[CitingDocument]:
    """The documents citing ``doc_id``: linked edges, then ambiguous citations that may mean it."""
    rows = conn.execute(
        f"""SELECT d.id, d.number, d.doc_type, d.issuer, d.date, e.relation, e.status, e.evidence
            FROM edges e JOIN documents d ON d.id = e.src
            WHERE e.dst = ?1 AND e.status IN {_LINKED}
            UNION ALL
            SELECT d.id, d.number, d.doc_type, d.issuer, d.date, e.relation, e.status, e.evidence
            FROM edge_candidates k JOIN edges e ON e.id = k.edge_id JOIN documents d ON d.id = e.src
            WHERE k.doc_id = ?1 AND e.status = 'ambiguous'
            ORDER BY 5, 2, 1""",
        (doc_id,),
    ).fetchall()
    return [CitingDocument(*r) for r in rows]


def missing(conn: sqlite3.Connection, limit: int = 50) -> list[MissingDocument]:
    """The documents most cited but not in the archive: the acquisition list."""
    if limit < 1:
        raise BadInput("--limit must be at least 1")
    rows = conn.execute(
        """SELECT e.ext_key, count(DISTINCT e.src) AS n, max(e.citation_id) AS cid
           FROM edges e WHERE e.dst IS NULL AND e.status IN ('external', 'rejected') AND e.ext_key IS NOT NULL
           GROUP BY e.ext_key ORDER BY n DESC, e.ext_key LIMIT ?""",
        (limit,),
    ).fetchall()
    out = []
    for key, n, cid in rows:
        c = conn.execute("SELECT number, doc_type, issuer, date, name FROM citations WHERE id = ?", (cid,)).fetchone()
        out.append(MissingDocument(c["number"], c["doc_type"], c["issuer"], c["date"], c["name"], n, key))
    return out


def archive_graph(conn: sqlite3.Connection, *, issuer: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, external: bool = True) -> nx.DiGraph:
    """The whole graph (or the documents of one issuer / period, and what they cite), for export."""
    from ..vietnamese.text import fold_key

    where, params = ["superseded_by IS NULL"], []
    if issuer:
        where.append("issuer_key LIKE ?")
        params.append(f"%{fold_key(issuer)}%")
    if date_from:
        where.append("date >= ?")
        params.append(date_from)
    if date_to:
        where.append("date <= ?")
        params.append(date_to)
    ids = {r[0]: 0 for r in conn.execute(f"SELECT id FROM documents WHERE {' AND '.join(where)}", params)}
    g = nx.DiGraph(filter={"issuer": issuer, "from": date_from, "to": date_to})
    rows = conn.execute(
        """SELECT e.src, e.dst, e.ext_key, e.relation, e.status, e.evidence, e.id,
                  c.number, c.doc_type, c.issuer, c.date, c.name, c.year
           FROM edges e LEFT JOIN citations c ON c.id = e.citation_id ORDER BY e.src, c.seq"""
    )
    selected = [r for r in rows if r["src"] in ids and (external or r["dst"] is not None)]
    cited = {r["dst"] for r in selected if r["dst"] is not None and r["status"] in LINKED}
    _add_documents(g, conn, set(ids) | cited)
    _add_edges(g, conn, selected, linked_only=not external, known={k: 0 for k in g.nodes})
    return g
