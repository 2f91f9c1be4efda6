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

The rows themselves are stored by ``archive/graphstore.py``; this module decides what they say.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from ..archive import graphstore
from ..archive.errors import ArchiveBusy, BadInput, NotFound
from ..archive.store import Archive, now_iso, stored_date
from ..archive.types import Citation, Relation
from .resolve import (
    Candidate, Citing, Decision, Lookup, Status, external_key, needs_context, place_context, resolve,
)

__all__ = [
    "EDGES_VERSION", "LINK_EVIDENCE", "LinkResult", "update_edges", "detach_documents", "rebuild_edges",
    "ensure_edges", "link", "unlink", "archive_lookup", "edges_built", "decisions_of",
]

EDGES_VERSION = "1"  # bump when resolution changes enough that stored edges should be rebuilt
LINK_EVIDENCE = "linked by a librarian"
_BUILT = "edges_version"  # the archive's meta key saying which resolution built its edges


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


def archive_lookup(archive: Archive, gone: frozenset[str] = frozenset()) -> Lookup:
    """Candidates by number key: current documents, minus ``gone`` (being removed), plus the
    earlier versions that removing ``gone`` makes current again. Cached for one operation."""
    cache: dict[str, list[Candidate]] = {}

    def lookup(key: str) -> list[Candidate]:
        if key not in cache:
            cache[key] = [
                _candidate(r) for r in archive.number_candidates(key)
                if r[0] not in gone and (r[5] is None or r[5] in gone)
            ]
        return cache[key]

    return lookup


def _preloaded_lookup(archive: Archive) -> Lookup:
    """Every current numbered document in memory, for a full rebuild (one scan, not one query each)."""
    table: dict[str, list[Candidate]] = {}
    for row in archive.numbered_current():
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

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.cache: dict[str, list[sqlite3.Row]] = {}

    def preload(self, srcs: Iterable[str]) -> None:
        """Read the decisions of many documents in one query (most have none)."""
        todo = [s for s in srcs if s not in self.cache]
        for s in todo:
            self.cache[s] = []
        if todo:
            for r in graphstore.decisions_for(self.archive, todo):
                self.cache[r["src"]].append(r)

    def rows(self, src: str) -> list[sqlite3.Row]:
        self.preload([src])
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


def _context(archive: Archive, doc_id: str, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Where the citing document sits (read, with its text as the gazetteer's hint, only when needed)."""
    if doc_id not in cache:
        row = archive.place_row(doc_id)
        cache[doc_id] = place_context(row[0], row[1], row[2]) if row else ()
    return cache[doc_id]


def _resolve_rows(archive: Archive, rows: list[sqlite3.Row], lookup: Lookup,
                  decisions: _Decisions, *, replace: bool = True) -> int:
    """(Re)write the edge of each citation row (rows carry the citing document's date and year).

    ``replace=False`` when the caller already deleted these documents' edges.
    """
    rows = list(rows)
    decisions.preload({row["doc_id"] for row in rows})
    # Re-resolved citations mostly come out as they were (a number cited thousands of times is
    # re-resolved whenever a document of that number arrives): only the edges that change are rewritten.
    before = graphstore.citation_edges(archive, [row["id"] for row in rows]) if replace else {}
    stale: list[int] = []
    edges_out, candidates_out = [], []
    contexts: dict[str, tuple[str, ...]] = {}
    for row in rows:
        cite = _citation(row)
        context = _context(archive, row["doc_id"], contexts) if needs_context(cite) else ()
        citing = Citing(row["doc_id"], stored_date(row["src_date"]), row["src_year"], context)
        result = resolve(cite, citing, lookup, decisions.for_citation(row["doc_id"], row["seq"]))
        relation = cite.relation.value
        if result.status is Status.CONFIRMED:
            relation = decisions.relation(row["doc_id"], result.dst) or relation
        edge = (row["doc_id"], row["id"], result.dst, external_key(cite), relation, result.status.value, cite.text)
        old = before.get(row["id"])
        if old is not None:
            if old[1:] == (edge, tuple(result.candidates)):
                continue
            stale.append(old[0])
        candidates_out += [(len(edges_out), doc, rank) for rank, doc in enumerate(result.candidates)]
        edges_out.append(edge)
    graphstore.delete_edges(archive, stale)
    graphstore.insert_edges(archive, edges_out, candidates_out)
    return len(rows)


def _resolve_documents(archive: Archive, doc_ids: Iterable[str], lookup: Lookup,
                       decisions: _Decisions, gone: frozenset[str] = frozenset()) -> int:
    """Replace every edge of these documents: one per citation, plus the librarian's own links."""
    ids = sorted(set(doc_ids))
    graphstore.delete_edges_from(archive, ids)
    rows = [r for r in archive.citation_rows(ids) if r["doc_id"] not in gone]
    count = _resolve_rows(archive, rows, lookup, decisions, replace=False)
    srcs = [src for src in ids if src not in gone]
    decisions.preload(srcs)
    for src in srcs:
        if decisions.rows(src):
            count += _librarian_edges(archive, src, decisions, gone)
    return count


def _librarian_edges(archive: Archive, src: str, decisions: _Decisions, gone: frozenset[str]) -> int:
    """Confirmed links that no citation of ``src`` states become edges of their own."""
    reached = graphstore.linked_targets(archive, src)
    count = 0
    for r in decisions.rows(src):
        dst = r["dst"]
        if r["decision"] != Status.CONFIRMED.value or dst in reached or dst in gone:
            continue
        if not archive.exists(dst):
            continue  # the document left the archive; the decision waits for its return
        graphstore.insert_librarian_edge(archive, src, dst, r["relation"] or Relation.MENTIONS.value,
                                         Status.CONFIRMED.value, LINK_EVIDENCE)
        count += 1
    return count


def _citations_naming(archive: Archive, keys: Iterable[str], targets: Iterable[str],
                      skip: Iterable[str], gone: frozenset[str] = frozenset()) -> list[sqlite3.Row]:
    """Citations of current documents (not in ``skip``) that name one of ``keys`` or whose edge
    names, or lists as a candidate, one of ``targets``."""
    rows = archive.citations_naming(keys, graphstore.citation_ids_naming(archive, targets), skip)
    return [r for r in rows if r["doc_id"] not in gone and (r["superseded_by"] is None or r["superseded_by"] in gone)]


# -- the hooks (they run inside the importer's transaction: they neither begin nor commit) --------


def update_edges(archive: Archive, doc_ids: Sequence[str]) -> int:
    """Resolve the citations of new or changed documents, and re-resolve every other citation
    that names their numbers or named them before (so import order does not matter).

    The importer's ``after_chunk``. Returns the number of edges written.
    """
    if not doc_ids:
        return 0
    ids = set(doc_ids)
    first = not edges_built(archive) and not archive.has_documents_besides(ids)
    # A superseded version stops citing; its successor (among ids) speaks for it now.
    graphstore.delete_edges_from(archive, archive.predecessors(ids))
    lookup, decisions = archive_lookup(archive), _Decisions(archive)
    count = _resolve_documents(archive, ids, lookup, decisions)
    keys = archive.number_keys(ids)
    count += _resolve_rows(archive, _citations_naming(archive, keys, ids, ids), lookup, decisions)
    if first:
        _mark_built(archive)  # a new archive: the edges are complete from the first import on
    return count


def detach_documents(archive: Archive, doc_ids: Sequence[str]) -> int:
    """Before documents are deleted (undo's ``before_delete``): the citations that named them are
    resolved again without them (external or ambiguous again, or the earlier version that becomes
    current again)."""
    if not doc_ids:
        return 0
    gone = frozenset(doc_ids)
    lookup, decisions = archive_lookup(archive, gone), _Decisions(archive)
    graphstore.delete_edges_from(archive, gone)
    graphstore.delete_librarian_edges_to(archive, gone)
    revived = archive.revived_if_removed(gone)  # earlier versions current again
    count = _resolve_documents(archive, revived, lookup, decisions, gone)
    rows = _citations_naming(archive, archive.number_keys(gone), gone, set(gone) | set(revived), gone)
    return count + _resolve_rows(archive, rows, lookup, decisions)


def rebuild_edges(archive: Archive, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Resolve every citation of the archive again, from scratch, in one transaction (reindex,
    check --repair; the caller holds the write lock). Returns the number of edges."""
    with archive.transaction():
        graphstore.clear_edges(archive)
        lookup, decisions = _preloaded_lookup(archive), _Decisions(archive)
        ids = archive.current_ids()
        count = 0
        for start in range(0, len(ids), 2000):
            count += _resolve_documents(archive, ids[start:start + 2000], lookup, decisions)
            if on_progress:
                on_progress(min(start + 2000, len(ids)), len(ids))
        _mark_built(archive)
    return count


def edges_built(archive: Archive) -> bool:
    """Whether the edges cover the whole archive (false for an archive made before the graph)."""
    return archive.meta_value(_BUILT) == EDGES_VERSION


def _mark_built(archive: Archive) -> None:
    archive.set_meta(_BUILT, EDGES_VERSION)


def ensure_edges(archive: Archive) -> bool:
    """Build the edges once for an archive made before the graph existed; True if it did.

    Reading commands call this; if another process is writing, they go on with what is there.
    """
    if edges_built(archive) or archive.count() == 0:
        return False
    try:
        with archive.write_lock():
            if not edges_built(archive):
                rebuild_edges(archive)
                return True
    except ArchiveBusy:
        pass
    return False


# -- a librarian's word -------------------------------------------------------------------------


def link(archive: Archive, src: str, dst: str, *, relation: str | None = None, seq: int | None = None) -> LinkResult:
    """Confirm that ``src`` cites ``dst`` (optionally: by its citation number ``seq``)."""
    if src == dst:
        raise BadInput("a document cannot be linked to itself")
    if relation is not None and relation not in {r.value for r in Relation}:
        raise BadInput(f"unknown relation {relation!r} (one of: {', '.join(r.value for r in Relation)})")
    with archive.write_lock(), archive.transaction():
        archive.require_current(src), archive.require_current(dst)
        if seq is not None and not archive.has_citation(src, seq):
            raise BadInput(f"document {src} has no citation number {seq}")
        return _decide(archive, src, dst, Status.CONFIRMED, relation, seq)


def unlink(archive: Archive, src: str, dst: str) -> LinkResult:
    """Reject ``src`` → ``dst``: no citation of ``src`` will resolve to ``dst`` again."""
    with archive.write_lock(), archive.transaction():
        archive.require_current(src), archive.require_current(dst)
        if not graphstore.has_link_or_candidate(archive, src, dst):
            raise NotFound(f"{src} has no link or candidate link to {dst}")
        return _decide(archive, src, dst, Status.REJECTED, None, None)


def _decide(archive: Archive, src: str, dst: str, status: Status, relation: str | None,
            seq: int | None) -> LinkResult:
    graphstore.record_decision(archive, src, dst, status.value, relation, seq, now_iso())
    _resolve_documents(archive, [src], archive_lookup(archive), _Decisions(archive))
    return LinkResult(src, dst, status.value, graphstore.edge_count(archive, src, dst))


def decisions_of(archive: Archive, src: str) -> Mapping[str, str]:
    """The librarian's decisions recorded for ``src``: dst → confirmed | rejected."""
    return {r["dst"]: r["decision"] for r in graphstore.decisions_for(archive, [src])}
