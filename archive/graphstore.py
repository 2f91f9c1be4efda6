"""The citation graph's tables: the owner of ``edges``, ``edge_candidates`` and ``links``.

Every citation of a current document has one row in ``edges``: ``dst`` is the document it names
(status resolved or confirmed), or NULL with ``ext_key`` saying what it named (external,
ambiguous — its candidates in ``edge_candidates`` — or rejected). A librarian's decisions live in
``links``. What the rows mean, and when they are rewritten, is decided in ``graph/edges.py``;
this module only stores and reads them (reads may join the citing and cited documents).

Writers run inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from . import journal

if TYPE_CHECKING:
    from .store import Archive

__all__ = [
    "SCHEMA", "LINKED_STATUSES", "in_list", "decisions_for", "record_decision", "journal_decision", "all_decisions", "delete_edges_from",
    "delete_edges", "citation_edges", "delete_librarian_edges_to", "clear_edges", "insert_edges",
    "insert_librarian_edge", "linked_targets", "citation_ids_naming", "edge_count", "has_link_or_candidate",
    "rejected_targets", "unresolved_citations", "cited_issuers", "walk", "edge_rows", "citation_edge_rows", "candidates_of_edges", "citing_rows", "missing_rows", "health", "status_counts",
]

SCHEMA = """
-- One edge per citation; dst is NULL when the citation names no document of the archive
-- (external: ext_key says what it named) or several (ambiguous).
CREATE TABLE IF NOT EXISTS edges (
    id INTEGER PRIMARY KEY,
    src TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    citation_id INTEGER UNIQUE REFERENCES citations(id) ON DELETE CASCADE,  -- NULL: added by `vanthu link`
    dst TEXT,
    ext_key TEXT,
    relation TEXT NOT NULL,
    status TEXT NOT NULL,            -- resolved | ambiguous | external | confirmed | rejected
    evidence TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS edges_src ON edges(src);
CREATE INDEX IF NOT EXISTS edges_dst ON edges(dst);
CREATE INDEX IF NOT EXISTS edges_ext ON edges(ext_key);
-- `vanthu missing`: the external edges alone, by what they name, with the citing document and citation
-- (read from the index, never the table: 40 → 13 ms at 80,000 edges, the rest of the cost linear).
CREATE INDEX IF NOT EXISTS edges_missing ON edges(ext_key, src, citation_id)
    WHERE dst IS NULL AND status IN ('external', 'rejected') AND ext_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS edge_candidates (  -- every document an edge's citation could name
    edge_id INTEGER NOT NULL REFERENCES edges(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY (edge_id, doc_id)
);
CREATE INDEX IF NOT EXISTS edge_candidates_doc ON edge_candidates(doc_id);
CREATE TABLE IF NOT EXISTS links (    -- a librarian's decisions (vanthu link/unlink); never overridden
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    decision TEXT NOT NULL,          -- confirmed | rejected
    relation TEXT,
    seq INTEGER,                     -- the citation of src it settles, when the librarian named one
    decided_at TEXT NOT NULL,
    PRIMARY KEY (src, dst)
);
"""

LINKED_STATUSES = ("confirmed", "resolved")  # an edge that names one archive document
_EDGE_COLUMNS = """e.src, e.dst, e.ext_key, e.relation, e.status, e.evidence, e.id,
                   c.number, c.doc_type, c.issuer, c.date, c.name, c.year"""


def in_list(ids: Iterable[Any]) -> str:
    """Ids as one JSON parameter, for ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(sorted(set(ids)))


# -- a librarian's decisions -----------------------------------------------------------------


def decisions_for(archive: Archive, srcs: Iterable[str]) -> list[sqlite3.Row]:
    """The decisions recorded for these citing documents (src, dst, decision, relation, seq, decided_at)."""
    return archive.conn.execute(
        "SELECT src, dst, decision, relation, seq, decided_at FROM links WHERE src IN (SELECT value FROM json_each(?))",
        (in_list(srcs),),
    ).fetchall()


def record_decision(archive: Archive, src: str, dst: str, decision: str, relation: str | None,
                    seq: int | None, decided_at: str) -> None:
    """Store a link decision, and append it to the decisions journal (it outlives the database)."""
    archive.conn.execute(
        "INSERT OR REPLACE INTO links (src, dst, decision, relation, seq, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
        (src, dst, decision, relation, seq, decided_at),
    )
    journal_decision(archive, src, dst, decision, relation, seq, decided_at)


def journal_decision(archive: Archive, src: str, dst: str, decision: str, relation: str | None,
                     seq: int | None, decided_at: str, t: int | None = None) -> None:
    journal.append(archive.root, "link", {"src": archive.identity(src), "dst": archive.identity(dst)},
                   {"decision": decision, "relation": relation, "seq": seq}, at=decided_at, t=t)


def all_decisions(archive: Archive) -> list[sqlite3.Row]:
    """Every link decision (src, dst, decision, relation, seq, decided_at), oldest first."""
    return archive.conn.execute(
        "SELECT src, dst, decision, relation, seq, decided_at FROM links ORDER BY decided_at, rowid").fetchall()


# -- writing edges ---------------------------------------------------------------------------


def delete_edges_from(archive: Archive, srcs: Iterable[str]) -> None:
    archive.conn.execute("DELETE FROM edges WHERE src IN (SELECT value FROM json_each(?))", (in_list(srcs),))


def delete_edges(archive: Archive, edge_ids: Iterable[int]) -> None:
    archive.conn.execute("DELETE FROM edges WHERE id IN (SELECT value FROM json_each(?))", (in_list(edge_ids),))


def citation_edges(archive: Archive, citation_ids: Iterable[int]) -> dict[int, tuple[int, tuple, tuple[str, ...]]]:
    """The edge of each citation that has one: citation id → (edge id, (src, citation_id, dst, ext_key,
    relation, status, evidence) as :func:`insert_edges` takes it, its candidates in rank order)."""
    ids = in_list(citation_ids)
    candidates: dict[int, list[str]] = {}
    for edge_id, doc_id in archive.conn.execute(
            "SELECT k.edge_id, k.doc_id FROM edge_candidates k JOIN edges e ON e.id = k.edge_id "
            "WHERE e.citation_id IN (SELECT value FROM json_each(?)) ORDER BY k.edge_id, k.rank", (ids,)):
        candidates.setdefault(edge_id, []).append(doc_id)
    return {r[2]: (r[0], tuple(r[1:]), tuple(candidates.get(r[0], ()))) for r in archive.conn.execute(
        "SELECT id, src, citation_id, dst, ext_key, relation, status, evidence FROM edges "
        "WHERE citation_id IN (SELECT value FROM json_each(?))", (ids,))}


def delete_librarian_edges_to(archive: Archive, dsts: Iterable[str]) -> None:
    """Edges that only a librarian's link made (no citation), pointing at ``dsts``."""
    archive.conn.execute(
        "DELETE FROM edges WHERE citation_id IS NULL AND dst IN (SELECT value FROM json_each(?))",
        (in_list(dsts),),
    )


def clear_edges(archive: Archive) -> None:
    archive.conn.execute("DELETE FROM edges")


def insert_edges(archive: Archive, edges: Sequence[tuple], candidates: Sequence[tuple]) -> None:
    """Edges as (src, citation_id, dst, ext_key, relation, status, evidence), and each one's
    candidates as (edge index in ``edges``, doc_id, rank): ids are assigned here so that both go
    in as two batches (one writer holds the lock)."""
    conn = archive.conn
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM edges").fetchone()[0]
    conn.executemany(
        "INSERT INTO edges (id, src, citation_id, dst, ext_key, relation, status, evidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + i, *edge) for i, edge in enumerate(edges)],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO edge_candidates (edge_id, doc_id, rank) VALUES (?, ?, ?)",
        [(first + i, doc, rank) for i, doc, rank in candidates],
    )


def insert_librarian_edge(archive: Archive, src: str, dst: str, relation: str, status: str, evidence: str) -> None:
    archive.conn.execute(
        "INSERT INTO edges (src, citation_id, dst, ext_key, relation, status, evidence) "
        "VALUES (?, NULL, ?, NULL, ?, ?, ?)",
        (src, dst, relation, status, evidence),
    )


# -- reading edges ---------------------------------------------------------------------------


def linked_targets(archive: Archive, src: str) -> set[str]:
    """The documents that ``src``'s edges already name."""
    return {r[0] for r in archive.conn.execute("SELECT dst FROM edges WHERE src = ? AND dst IS NOT NULL", (src,))}


def citation_ids_naming(archive: Archive, targets: Iterable[str]) -> list[int]:
    """Citations whose edge names one of ``targets``, or lists one as a candidate."""
    return [r[0] for r in archive.conn.execute(
        """SELECT citation_id FROM edges WHERE dst IN (SELECT value FROM json_each(?1))
           UNION SELECT e.citation_id FROM edge_candidates k JOIN edges e ON e.id = k.edge_id
                 WHERE k.doc_id IN (SELECT value FROM json_each(?1))""",
        (in_list(targets),),
    ) if r[0] is not None]


def rejected_targets(archive: Archive, src: str) -> set[str]:
    """The documents a librarian said ``src`` does not cite."""
    return {r[0] for r in archive.conn.execute(
        "SELECT dst FROM links WHERE src = ? AND decision = 'rejected'", (src,))}


def unresolved_citations(archive: Archive, src: str, statuses: Sequence[str]) -> list[sqlite3.Row]:
    """``src``'s citations whose edge has one of ``statuses``, with the edge id and status."""
    return archive.conn.execute(
        'SELECT e.id, e.status, c.number, c.doc_type, c.date, c.year, c.issuer, c.relation, c.text, c.start, '
        'c."end", c.name FROM edges e JOIN citations c ON c.id = e.citation_id '
        f"WHERE e.src = ? AND e.status IN ({', '.join('?' * len(statuses))}) ORDER BY c.seq",
        (src, *statuses),
    ).fetchall()


def cited_issuers(archive: Archive, srcs: Sequence[str]) -> list[tuple[str, str | None]]:
    """(id, issuer) of the documents that ``srcs`` cite through linked edges."""
    return archive.conn.execute(
        "SELECT d.id, d.issuer FROM edges e JOIN documents d ON d.id = e.dst "
        f"WHERE e.src IN (SELECT value FROM json_each(?)) AND e.status IN {LINKED_STATUSES}",
        (json.dumps(list(srcs)),),
    ).fetchall()


def edge_count(archive: Archive, src: str, dst: str) -> int:
    return archive.conn.execute("SELECT count(*) FROM edges WHERE src = ? AND dst = ?", (src, dst)).fetchone()[0]


def has_link_or_candidate(archive: Archive, src: str, dst: str) -> bool:
    """Whether ``src`` has an edge to ``dst``, a citation that may mean it, or a decision about it."""
    conn = archive.conn
    return bool(conn.execute(
        "SELECT 1 FROM edges e LEFT JOIN edge_candidates k ON k.edge_id = e.id "
        "WHERE e.src = ? AND (e.dst = ? OR k.doc_id = ?) LIMIT 1", (src, dst, dst),
    ).fetchone() or conn.execute("SELECT 1 FROM links WHERE src = ? AND dst = ?", (src, dst)).fetchone())


def walk(archive: Archive, root: str, direction: str, depth: int) -> dict[str, int]:
    """Documents within ``depth`` linked edges of ``root`` (up: what it cites), with their distance."""
    near, far = ("src", "dst") if direction == "up" else ("dst", "src")
    sql = f"""
        WITH RECURSIVE walk(doc, depth) AS (
            VALUES (?1, 0)
            UNION
            SELECT e.{far}, w.depth + 1 FROM walk w JOIN edges e ON e.{near} = w.doc
            WHERE w.depth < ?2 AND e.dst IS NOT NULL AND e.status IN {LINKED_STATUSES}
        )
        SELECT doc, min(depth) FROM walk GROUP BY doc"""
    return dict(archive.conn.execute(sql, (root, depth)).fetchall())


def edge_rows(archive: Archive, *, near: str | None = None, ids: Iterable[str] = ()) -> list[sqlite3.Row]:
    """Edges (with what their citation said) whose ``near`` end ("src" or "dst") is one of ``ids``;
    every edge when ``near`` is None. Ordered by citing document and citation."""
    if near is None:
        return archive.conn.execute(
            f"SELECT {_EDGE_COLUMNS} FROM edges e LEFT JOIN citations c ON c.id = e.citation_id "
            "ORDER BY e.src, c.seq"
        ).fetchall()
    if near not in ("src", "dst"):
        raise ValueError(near)
    return archive.conn.execute(
        f"""SELECT {_EDGE_COLUMNS} FROM edges e LEFT JOIN citations c ON c.id = e.citation_id
            WHERE e.{near} IN (SELECT value FROM json_each(?)) ORDER BY e.src, c.seq""",
        (json.dumps(list(ids)),),
    ).fetchall()


def citation_edge_rows(archive: Archive, src: str) -> list[sqlite3.Row]:
    """(seq, start, end, text, relation, status, dst, edge id) of every citation ``src`` states, in text order."""
    return archive.conn.execute(
        """SELECT c.seq, c.start, c."end", c.text, e.relation, e.status, e.dst, e.id AS edge
           FROM citations c LEFT JOIN edges e ON e.citation_id = c.id
           WHERE c.doc_id = ? ORDER BY c.start, c.seq""", (src,),
    ).fetchall()


def candidates_of_edges(archive: Archive, edge_ids: list[int]) -> dict[int, list[str]]:
    """Each ambiguous edge's candidate documents, best first."""
    out: dict[int, list[str]] = {}
    if edge_ids:
        for edge, doc in archive.conn.execute(
            "SELECT edge_id, doc_id FROM edge_candidates WHERE edge_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY edge_id, rank", (json.dumps(edge_ids),),
        ):
            out.setdefault(edge, []).append(doc)
    return out


def citing_rows(archive: Archive, doc_id: str) -> list[tuple]:
    """(id, number, doc_type, issuer, date, relation, status, evidence) of the documents citing
    ``doc_id``: linked edges, then ambiguous citations that may mean it."""
    return archive.conn.execute(
        f"""SELECT d.id, d.number, d.doc_type, d.issuer, d.date, e.relation, e.status, e.evidence
            FROM edges e JOIN documents d ON d.id = e.src
            WHERE e.dst = ?1 AND e.status IN {LINKED_STATUSES}
            UNION ALL
            SELECT d.id, d.number, d.doc_type, d.issuer, d.date, e.relation, e.status, e.evidence
            FROM edge_candidates k JOIN edges e ON e.id = k.edge_id JOIN documents d ON d.id = e.src
            WHERE k.doc_id = ?1 AND e.status = 'ambiguous'
            ORDER BY 5, 2, 1""",
        (doc_id,),
    ).fetchall()


def missing_rows(archive: Archive, limit: int) -> list[tuple]:
    """(number, doc_type, issuer, date, name, citing documents, key) of the documents cited most
    that the archive lacks, as one of their citations states them."""
    conn = archive.conn
    # SQLite's planner prefers edges_dst (dst IS NULL) and reads the table; an archive of schema 5 opened
    # read-only has no edges_missing yet.
    by = "INDEXED BY edges_missing" if archive.has_index("edges_missing") else ""
    rows = conn.execute(
        f"""SELECT e.ext_key, count(DISTINCT e.src) AS n, max(e.citation_id) AS cid
           FROM edges e {by} WHERE e.dst IS NULL AND e.status IN ('external', 'rejected') AND e.ext_key IS NOT NULL
           GROUP BY e.ext_key ORDER BY n DESC, e.ext_key LIMIT ?""",
        (limit,),
    ).fetchall()
    out = []
    for key, n, cid in rows:
        c = conn.execute("SELECT number, doc_type, issuer, date, name FROM citations WHERE id = ?", (cid,)).fetchone()
        out.append((c["number"], c["doc_type"], c["issuer"], c["date"], c["name"], n, key))
    return out


def health(archive: Archive) -> dict[str, int]:
    """For `vanthu check`: edges in all, and the two ways edges can disagree with the archive."""
    conn = archive.conn
    return {
        "edges": conn.execute("SELECT count(*) FROM edges").fetchone()[0],
        "citations without an edge": conn.execute(
            "SELECT count(*) FROM citations c JOIN documents d ON d.id = c.doc_id "
            "LEFT JOIN edges e ON e.citation_id = c.id WHERE d.superseded_by IS NULL AND e.id IS NULL"
        ).fetchone()[0],
        "edges naming a document that is gone or superseded": conn.execute(
            "SELECT count(*) FROM edges e LEFT JOIN documents d ON d.id = e.dst "
            "WHERE e.dst IS NOT NULL AND (d.id IS NULL OR d.superseded_by IS NOT NULL)"
        ).fetchone()[0],
    }


def status_counts(archive: Archive) -> dict[str, int]:
    """Edges of current documents per status (resolved, confirmed, ambiguous, external, rejected)."""
    return dict(archive.conn.execute(
        "SELECT e.status, count(*) FROM edges e JOIN documents d ON d.id = e.src "
        "WHERE d.superseded_by IS NULL GROUP BY e.status ORDER BY 2 DESC"
    ).fetchall())
