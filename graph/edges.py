"""Edges in SQLite, the graph's source of truth: citations resolved against the archive.

Every citation of a current document has one row in ``edges``: ``dst`` is the document it names
(status resolved or confirmed), or NULL with ``ext_key`` saying what it named (external,
ambiguous — its candidates in ``edge_candidates`` — or rejected). A librarian's decisions live in
``links`` and are applied every time a citation is resolved, so re-resolution never overrides
them; a confirmed link that no citation states is an edge of its own (``citation_id`` NULL).

Import order does not matter: when documents arrive, the citations naming their numbers are
resolved again (:func:`update_edges`); when they leave, the edges that named them fall back to
external or ambiguous (:func:`detach_documents`).

A superseded version (a corrected re-import) stops citing: its edges are dropped, its successor's
own citations replace them, and citations naming it resolve to the current version, because
only current versions are candidates. Undoing the successor brings the old version back.

These functions write inside the caller's transaction (the importer's, or :func:`link`'s).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from ..archive.errors import BadInput, NotFound
from ..archive.store import Archive, now_iso, stored_date
from ..archive.types import Citation, Relation
from .resolve import (
    Candidate, Citing, Decision, Lookup, Status, external_key, needs_context, place_context, resolve,
)

__all__ = [
    "EDGES_VERSION", "LINK_EVIDENCE", "LinkResult", "update_edges", "detach_documents", "rebuild_edges",
    "link", "unlink", "sql_lookup", "edges_built",
]

EDGES_VERSION = "1"  # bump when resolution changes enough that stored edges should be rebuilt
LINK_EVIDENCE = "linked by a librarian"

_CITATION_COLUMNS = 'c.id, c.doc_id, c.seq, c.number, c.doc_type, c.date, c.year, c.issuer, c.relation, c.text, c.start, c."end", c.name'
_CITING_COLUMNS = "d.date AS src_date, d.year AS src_year"


@dataclass(frozen=True)
class LinkResult:
    """What ``vanthu link``/``unlink`` changed: the edges from ``src`` to ``dst`` afterwards."""

    src: str
    dst: str
    decision: str
    edges: int


# -- lookups ------------------------------------------------------------------------------------


def _candidate(row: Sequence) -> Candidate:
    return Candidate(id=row[0], issuer=row[1], level=row[2], date=stored_date(row[3]), year=row[4])


def sql_lookup(conn: sqlite3.Connection, gone: frozenset[str] = frozenset()) -> Lookup:
    """Candidates by number key: current documents, minus ``gone`` (being removed), plus the
    earlier versions that removing ``gone`` makes current again. Cached for one operation."""
    cache: dict[str, list[Candidate]] = {}

    def lookup(key: str) -> list[Candidate]:
        if key not in cache:
            rows = conn.execute(
                "SELECT id, issuer, issuer_level, date, year, superseded_by FROM documents WHERE number_key = ?",
                (key,),
            ).fetchall()
            cache[key] = [
                _candidate(r) for r in rows
                if r[0] not in gone and (r[5] is None or r[5] in gone)
            ]
        return cache[key]

    return lookup


def _preloaded_lookup(conn: sqlite3.Connection) -> Lookup:
    """Every current numbered document in memory, for a full rebuild (one scan, not one query each)."""
    table: dict[str, list[Candidate]] = {}
    for row in conn.execute(
        "SELECT id, issuer, issuer_level, date, year, number_key FROM documents "
        "WHERE number_key IS NOT NULL AND superseded_by IS NULL"
    ):
        table.setdefault(row[5], []).append(_candidate(row))
    return lambda key: table.get(key, ())


# -- resolving ----------------------------------------------------------------------------------


def _citation(row: sqlite3.Row) -> Citation:
    try:
        relation = Relation(row["relation"])
    except ValueError:
        relation = Relation.MENTIONS
    return Citation(
        number=row["number"], doc_type=row["doc_type"], date=stored_date(row["date"]), issuer=row["issuer"],
        relation=relation, text=row["text"], start=row["start"], end=row["end"], year=row["year"],
        name=row["name"],
    )


class _Decisions:
    """A librarian's links, per citing document, read once per operation."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.cache: dict[str, list[sqlite3.Row]] = {}

    def preload(self, srcs: Iterable[str]) -> None:
        """Read the decisions of many documents in one query (most have none)."""
        todo = [s for s in srcs if s not in self.cache]
        for s in todo:
            self.cache[s] = []
        for r in self.conn.execute(
            "SELECT src, dst, decision, relation, seq FROM links WHERE src IN (SELECT value FROM json_each(?))",
            (_in_list(todo),),
        ):
            self.cache[r["src"]].append(r)

    def rows(self, src: str) -> list[sqlite3.Row]:
        if src not in self.cache:
            self.cache[src] = self.conn.execute(
                "SELECT dst, decision, relation, seq FROM links WHERE src = ?", (src,)
            ).fetchall()
        return self.cache[src]

    def for_citation(self, src: str, seq: int) -> dict[str, Decision]:
        """Decisions that bear on citation ``seq``: rejections always, confirmations unless pinned elsewhere."""
        out = {}
        for r in self.rows(src):
            confirmed = r["decision"] == Status.CONFIRMED.value
            if confirmed and r["seq"] is not None and r["seq"] != seq:
                continue
            out[r["dst"]] = Decision(r["dst"], confirmed, pinned=confirmed and r["seq"] == seq)
        return out

    def relation(self, src: str, dst: str) -> str | None:
        return next((r["relation"] for r in self.rows(src) if r["dst"] == dst), None)


def _context(conn: sqlite3.Connection, doc_id: str, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Where the citing document sits (read, with its text as the gazetteer's hint, only when needed)."""
    if doc_id not in cache:
        row = conn.execute("SELECT issuer_level, place, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        cache[doc_id] = place_context(row[0], row[1], row[2]) if row else ()
    return cache[doc_id]


def _resolve_rows(conn: sqlite3.Connection, rows: list[sqlite3.Row], lookup: Lookup,
                  decisions: _Decisions, *, replace: bool = True) -> int:
    """(Re)write the edge of each citation row (rows carry the citing document's date and year).

    ``replace=False`` when the caller already deleted these documents' edges.
    """
    rows = list(rows)
    decisions.preload({row["doc_id"] for row in rows})
    if replace:
        conn.executemany("DELETE FROM edges WHERE citation_id = ?", [(row["id"],) for row in rows])
    # Ids assigned here so that edges and their candidates go in as two batches (one writer holds the lock).
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM edges").fetchone()[0]
    edges_out, candidates_out = [], []
    contexts: dict[str, tuple[str, ...]] = {}
    for edge_id, row in enumerate(rows, next_id):
        cite = _citation(row)
        context = _context(conn, row["doc_id"], contexts) if needs_context(cite) else ()
        citing = Citing(row["doc_id"], stored_date(row["src_date"]), row["src_year"], context)
        result = resolve(cite, citing, lookup, decisions.for_citation(row["doc_id"], row["seq"]))
        relation = cite.relation.value
        if result.status is Status.CONFIRMED:
            relation = decisions.relation(row["doc_id"], result.dst) or relation
        edges_out.append((edge_id, row["doc_id"], row["id"], result.dst, external_key(cite), relation,
                          result.status.value, cite.text))
        candidates_out += [(edge_id, doc, rank) for rank, doc in enumerate(result.candidates)]
    conn.executemany(
        "INSERT INTO edges (id, src, citation_id, dst, ext_key, relation, status, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        edges_out,
    )
    conn.executemany("INSERT OR IGNORE INTO edge_candidates (edge_id, doc_id, rank) VALUES (?, ?, ?)", candidates_out)
    return len(edges_out)


def _in_list(ids: Iterable[str]) -> str:
    return json.dumps(sorted(set(ids)))


def _resolve_documents(conn: sqlite3.Connection, doc_ids: Iterable[str], lookup: Lookup,
                       decisions: _Decisions, gone: frozenset[str] = frozenset()) -> int:
    """Replace every edge of these documents: one per citation, plus the librarian's own links."""
    ids = _in_list(doc_ids)
    conn.execute("DELETE FROM edges WHERE src IN (SELECT value FROM json_each(?))", (ids,))
    rows = conn.execute(
        f"SELECT {_CITATION_COLUMNS}, {_CITING_COLUMNS} FROM citations c JOIN documents d ON d.id = c.doc_id "
        "WHERE c.doc_id IN (SELECT value FROM json_each(?)) ORDER BY c.doc_id, c.seq",
        (ids,),
    ).fetchall()
    rows = [r for r in rows if r["doc_id"] not in gone]
    count = _resolve_rows(conn, rows, lookup, decisions, replace=False)
    srcs = [src for src in json.loads(ids) if src not in gone]
    decisions.preload(srcs)
    for src in srcs:
        if decisions.rows(src):
            count += _librarian_edges(conn, src, decisions, gone)
    return count


def _librarian_edges(conn: sqlite3.Connection, src: str, decisions: _Decisions, gone: frozenset[str]) -> int:
    """Confirmed links that no citation of ``src`` states become edges of their own."""
    reached = {r[0] for r in conn.execute("SELECT dst FROM edges WHERE src = ? AND dst IS NOT NULL", (src,))}
    count = 0
    for r in decisions.rows(src):
        dst = r["dst"]
        if r["decision"] != Status.CONFIRMED.value or dst in reached or dst in gone:
            continue
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (dst,)).fetchone() is None:
            continue  # the document left the archive; the decision waits for its return
        conn.execute(
            "INSERT INTO edges (src, citation_id, dst, ext_key, relation, status, evidence) VALUES (?, NULL, ?, NULL, ?, ?, ?)",
            (src, dst, r["relation"] or Relation.MENTIONS.value, Status.CONFIRMED.value, LINK_EVIDENCE),
        )
        count += 1
    return count


def _citations_naming(conn: sqlite3.Connection, keys: Iterable[str], targets: Iterable[str],
                      skip: Iterable[str], gone: frozenset[str] = frozenset()) -> list[sqlite3.Row]:
    """Citations of current documents (not in ``skip``) that name one of ``keys`` or whose edge
    names, or lists as a candidate, one of ``targets``."""
    keys_json, targets_json, skip_json = _in_list(keys), _in_list(targets), _in_list(skip)
    rows = conn.execute(
        f"""SELECT {_CITATION_COLUMNS}, {_CITING_COLUMNS}, d.superseded_by FROM citations c
            JOIN documents d ON d.id = c.doc_id
            WHERE c.id IN (
                SELECT id FROM citations WHERE number_key IN (SELECT value FROM json_each(?1))
                UNION SELECT citation_id FROM edges WHERE dst IN (SELECT value FROM json_each(?2))
                UNION SELECT e.citation_id FROM edge_candidates k JOIN edges e ON e.id = k.edge_id
                      WHERE k.doc_id IN (SELECT value FROM json_each(?2)))
              AND c.doc_id NOT IN (SELECT value FROM json_each(?3))""",
        (keys_json, targets_json, skip_json),
    ).fetchall()
    return [r for r in rows if r["doc_id"] not in gone and (r["superseded_by"] is None or r["superseded_by"] in gone)]


# -- the hooks ----------------------------------------------------------------------------------


def update_edges(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> int:
    """Resolve the citations of new or changed documents, and re-resolve every other citation
    that names their numbers or named them before (so import order does not matter).

    Runs inside the caller's transaction. Returns the number of edges written.
    """
    if not doc_ids:
        return 0
    ids = set(doc_ids)
    first = not edges_built(conn) and not _others_exist(conn, ids)
    # A superseded version stops citing; its successor (among ids) speaks for it now.
    conn.execute(
        "DELETE FROM edges WHERE src IN (SELECT supersedes FROM documents WHERE id IN "
        "(SELECT value FROM json_each(?)) AND supersedes IS NOT NULL)",
        (_in_list(ids),),
    )
    lookup, decisions = sql_lookup(conn), _Decisions(conn)
    count = _resolve_documents(conn, ids, lookup, decisions)
    keys = _number_keys(conn, ids)
    count += _resolve_rows(conn, _citations_naming(conn, keys, ids, ids), lookup, decisions)
    if first:
        _mark_built(conn)  # a new archive: the edges are complete from the first import on
    return count


def detach_documents(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> int:
    """Before documents are deleted: the citations that named them are resolved again without
    them (external or ambiguous again, or the earlier version that becomes current again)."""
    if not doc_ids:
        return 0
    gone = frozenset(doc_ids)
    lookup, decisions = sql_lookup(conn, gone), _Decisions(conn)
    conn.execute("DELETE FROM edges WHERE src IN (SELECT value FROM json_each(?))", (_in_list(gone),))
    conn.execute("DELETE FROM edges WHERE citation_id IS NULL AND dst IN (SELECT value FROM json_each(?))",
                 (_in_list(gone),))
    revived = [r[0] for r in conn.execute(  # earlier versions current again (found by key, not by a scan)
        "SELECT p.id, p.superseded_by FROM documents g JOIN documents p ON p.id = g.supersedes "
        "WHERE g.id IN (SELECT value FROM json_each(?))", (_in_list(gone),)
    ) if r[0] not in gone and r[1] in gone]
    count = _resolve_documents(conn, revived, lookup, decisions, gone)
    rows = _citations_naming(conn, _number_keys(conn, gone), gone, set(gone) | set(revived), gone)
    return count + _resolve_rows(conn, rows, lookup, decisions)


def rebuild_edges(conn: sqlite3.Connection, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Resolve every citation of the archive again, from scratch (reindex, check --repair)."""
    conn.execute("DELETE FROM edges")
    lookup, decisions = _preloaded_lookup(conn), _Decisions(conn)
    ids = [r[0] for r in conn.execute("SELECT id FROM documents WHERE superseded_by IS NULL ORDER BY rowid")]
    count = 0
    for start in range(0, len(ids), 2000):
        count += _resolve_documents(conn, ids[start:start + 2000], lookup, decisions)
        if on_progress:
            on_progress(min(start + 2000, len(ids)), len(ids))
    _mark_built(conn)
    return count


def _number_keys(conn: sqlite3.Connection, ids: Iterable[str]) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT number_key FROM documents WHERE id IN (SELECT value FROM json_each(?)) "
        "AND number_key IS NOT NULL", (_in_list(ids),)
    )]


def _others_exist(conn: sqlite3.Connection, ids: set[str]) -> bool:
    return conn.execute(
        "SELECT 1 FROM documents WHERE id NOT IN (SELECT value FROM json_each(?)) LIMIT 1", (_in_list(ids),)
    ).fetchone() is not None


def edges_built(conn: sqlite3.Connection) -> bool:
    """Whether the edges cover the whole archive (false for an archive made before the graph)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'edges_version'").fetchone()
    return row is not None and row[0] == EDGES_VERSION


def _mark_built(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('edges_version', ?)", (EDGES_VERSION,))


# -- a librarian's word -------------------------------------------------------------------------


def _current(conn: sqlite3.Connection, doc_id: str) -> sqlite3.Row:
    """The document, which must be a current version (links are between current documents)."""
    row = conn.execute("SELECT id, superseded_by FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document with id {doc_id}")
    if row["superseded_by"]:
        raise BadInput(f"{doc_id} is an earlier version of {row['superseded_by']}; link the current version")
    return row


def link(archive: Archive, src: str, dst: str, *, relation: str | None = None, seq: int | None = None) -> LinkResult:
    """Confirm that ``src`` cites ``dst`` (optionally: by its citation number ``seq``)."""
    if src == dst:
        raise BadInput("a document cannot be linked to itself")
    if relation is not None and relation not in {r.value for r in Relation}:
        raise BadInput(f"unknown relation {relation!r} (one of: {', '.join(r.value for r in Relation)})")
    with archive.write_lock(), archive.transaction() as conn:
        _current(conn, src), _current(conn, dst)
        if seq is not None and conn.execute(
            "SELECT 1 FROM citations WHERE doc_id = ? AND seq = ?", (src, seq)
        ).fetchone() is None:
            raise BadInput(f"document {src} has no citation number {seq}")
        _decide(conn, src, dst, Status.CONFIRMED, relation, seq)
        return _link_result(conn, src, dst, Status.CONFIRMED)


def unlink(archive: Archive, src: str, dst: str) -> LinkResult:
    """Reject ``src`` → ``dst``: no citation of ``src`` will resolve to ``dst`` again."""
    with archive.write_lock(), archive.transaction() as conn:
        _current(conn, src), _current(conn, dst)
        related = conn.execute(
            "SELECT 1 FROM edges e LEFT JOIN edge_candidates k ON k.edge_id = e.id "
            "WHERE e.src = ? AND (e.dst = ? OR k.doc_id = ?) LIMIT 1", (src, dst, dst),
        ).fetchone() or conn.execute("SELECT 1 FROM links WHERE src = ? AND dst = ?", (src, dst)).fetchone()
        if related is None:
            raise NotFound(f"{src} has no link or candidate link to {dst}")
        _decide(conn, src, dst, Status.REJECTED, None, None)
        return _link_result(conn, src, dst, Status.REJECTED)


def _decide(conn: sqlite3.Connection, src: str, dst: str, status: Status, relation: str | None, seq: int | None) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO links (src, dst, decision, relation, seq, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
        (src, dst, status.value, relation, seq, now_iso()),
    )
    _resolve_documents(conn, [src], sql_lookup(conn), _Decisions(conn))


def _link_result(conn: sqlite3.Connection, src: str, dst: str, status: Status) -> LinkResult:
    n = conn.execute("SELECT count(*) FROM edges WHERE src = ? AND dst = ?", (src, dst)).fetchone()[0]
    return LinkResult(src, dst, status.value, n)


def decisions_of(conn: sqlite3.Connection, src: str) -> Mapping[str, str]:
    """The librarian's decisions recorded for ``src``: dst → confirmed | rejected."""
    return {r[0]: r[1] for r in conn.execute("SELECT dst, decision FROM links WHERE src = ?", (src,))}
