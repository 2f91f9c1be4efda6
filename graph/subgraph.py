"""Reading the graph without loading it: the part a command needs, fetched from the archive.

A 1,000,000-document graph held in networkx costs about 1 GB and 20 s to load, so nothing here
loads it whole (except an explicit export). :func:`fetch_subgraph` has the archive walk its edge
table to a bounded depth (``archive.graphstore.walk``) and builds a networkx DiGraph of just those
documents.

Graph conventions (shared by tree, render and export): an edge goes from the citing document to
the cited one; a node is an archive id, or ``ext:KEY`` for what a citation named that is not in
the archive (or not decidably: ambiguous, rejected). Node attributes: ``in_archive``, ``id``,
``number``, ``doc_type``, ``issuer``, ``level``, ``date``, ``subject``. Edge attributes:
``relation``, ``status``, ``evidence``, ``candidates``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable

import networkx as nx

from ..archive import graphstore
from ..archive.errors import BadInput
from ..archive.store import Archive
from ..archive.types import Citation, Relation
from .resolve import LINKED, Status, citation_levels

__all__ = ["fetch_subgraph", "cited_by", "missing", "archive_graph", "citation_links", "CitingDocument",
           "MissingDocument", "CitationLink", "cited_by_json", "missing_json", "EXT", "DIRECTIONS"]

EXT = "ext:"
DIRECTIONS = ("up", "down")


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


def fetch_subgraph(archive: Archive, root: str, *, direction: str = "up", depth: int = 10) -> nx.DiGraph:
    """The documents within ``depth`` citations of ``root``, up (what it cites) or down (what cites it).

    Going up, the unresolved citations of every expanded document are included as external nodes,
    so the tree shows what a document cites even when the archive lacks it.
    """
    if direction not in DIRECTIONS:
        raise BadInput(f"direction must be up or down, not {direction!r}")
    if depth < 0:
        raise BadInput("depth must be 0 or more")
    depths = graphstore.walk(archive, root, direction, depth)
    g = nx.DiGraph(root=root, direction=direction, depth=depth)
    _add_documents(g, archive, depths)
    inner = [d for d, k in depths.items() if k < depth]  # nodes whose edges were followed
    rows = graphstore.edge_rows(archive, near="src" if direction == "up" else "dst", ids=inner)
    _add_edges(g, archive, rows, linked_only=direction == "down", known=depths)
    return g


def _add_documents(g: nx.DiGraph, archive: Archive, ids: Iterable[str]) -> None:
    for row in archive.node_rows(ids):
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


def _add_edges(g: nx.DiGraph, archive: Archive, rows: list[sqlite3.Row], *, linked_only: bool,
               known: dict[str, int]) -> None:
    ambiguous = [r["id"] for r in rows if r["status"] == Status.AMBIGUOUS.value]
    candidates = graphstore.candidates_of_edges(archive, ambiguous)
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


@dataclass(frozen=True)
class CitationLink:
    """Where a citation stands in its document's text and what it names: one archive document
    (``dst``: resolved or confirmed), several (``candidates``: ambiguous), or none (external,
    rejected; also ``status`` None for a citation whose edge is not built yet)."""

    seq: int
    start: int
    end: int
    text: str
    relation: str | None
    status: str | None
    dst: str | None
    candidates: tuple[str, ...] = ()


def citation_links(archive: Archive, doc_id: str) -> list[CitationLink]:
    """Every citation of ``doc_id`` with what it resolved to, in text order."""
    rows = graphstore.citation_edge_rows(archive, doc_id)
    ambiguous = [r["edge"] for r in rows if r["status"] == Status.AMBIGUOUS.value]
    candidates = graphstore.candidates_of_edges(archive, ambiguous)
    return [CitationLink(r["seq"], r["start"], r["end"], r["text"], r["relation"], r["status"],
                         r["dst"] if r["status"] in LINKED else None, tuple(candidates.get(r["edge"], ())))
            for r in rows]


def cited_by_json(doc: Any, rows: list[CitingDocument]) -> dict[str, Any]:
    """`cited-by --json`: the document asked about and the documents citing it."""
    return {"ref": doc.id, "number": doc.meta.number, "cited_by": [r.to_json() for r in rows]}


def missing_json(rows: list[MissingDocument]) -> dict[str, Any]:
    """`missing --json`: the acquisition list."""
    return {"missing": [r.to_json() for r in rows]}


def cited_by(archive: Archive, doc_id: str) -> list[CitingDocument]:
    """The documents citing ``doc_id``: linked edges, then ambiguous citations that may mean it."""
    return [CitingDocument(*r) for r in graphstore.citing_rows(archive, doc_id)]


def missing(archive: Archive, limit: int = 50) -> list[MissingDocument]:
    """The documents most cited but not in the archive: the acquisition list."""
    if limit < 1:
        raise BadInput("--limit must be at least 1")
    return [MissingDocument(*r) for r in graphstore.missing_rows(archive, limit)]


def archive_graph(archive: Archive, *, issuer: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, external: bool = True) -> nx.DiGraph:
    """The whole graph (or the documents of one issuer / period, and what they cite), for export."""
    ids = set(archive.current_ids_matching(issuer=issuer, date_from=date_from, date_to=date_to))
    g = nx.DiGraph(filter={"issuer": issuer, "from": date_from, "to": date_to})
    selected = [r for r in graphstore.edge_rows(archive) if r["src"] in ids and (external or r["dst"] is not None)]
    cited = {r["dst"] for r in selected if r["dst"] is not None and r["status"] in LINKED}
    _add_documents(g, archive, ids | cited)
    _add_edges(g, archive, selected, linked_only=not external, known={k: 0 for k in g.nodes})
    return g
