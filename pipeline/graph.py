"""The citation graph's part in the pipeline: hooks for import, undo and reindex, and a check.

The importer calls :func:`update_edges` as ``after_chunk`` and :func:`detach_documents` as
``before_delete``; both run inside its transaction (they neither begin nor commit), so the edges
commit together with the documents. :func:`rebuild_edges` serves reindex and ``check --repair``.
"""

from __future__ import annotations

from typing import Sequence

from ..archive.store import Archive
from ..graph import edges

__all__ = ["update_edges", "detach_documents", "rebuild_edges", "ensure_edges", "check_graph"]


def update_edges(archive: Archive, doc_ids: Sequence[str]) -> None:
    """``after_chunk``: resolve the new documents' citations, and the citations that name them."""
    edges.update_edges(archive.conn, doc_ids)


def detach_documents(archive: Archive, doc_ids: Sequence[str]) -> None:
    """``before_delete``: edges naming documents about to be removed fall back to external/ambiguous."""
    edges.detach_documents(archive.conn, doc_ids)


def rebuild_edges(archive: Archive) -> int:
    """Resolve every citation again (caller holds the write lock). Returns the number of edges."""
    with archive.transaction() as conn:
        return edges.rebuild_edges(conn)


def ensure_edges(archive: Archive) -> bool:
    """Build the edges once for an archive made before the graph existed; True if it did.

    Reading commands call this; if another process is writing, they go on with what is there.
    """
    from ..archive.errors import ArchiveBusy

    if edges.edges_built(archive.conn) or archive.count() == 0:
        return False
    try:
        with archive.write_lock():
            if not edges.edges_built(archive.conn):
                rebuild_edges(archive)
                return True
    except ArchiveBusy:
        pass
    return False


def check_graph(archive: Archive, repair: bool):
    """For ``vanthu check``: every current document's citations have edges, and no edge is stale."""
    from .check import Finding

    conn = archive.conn
    counts = {
        "citations without an edge": (
            "SELECT count(*) FROM citations c JOIN documents d ON d.id = c.doc_id "
            "LEFT JOIN edges e ON e.citation_id = c.id WHERE d.superseded_by IS NULL AND e.id IS NULL"),
        "edges naming a document that is gone or superseded": (
            "SELECT count(*) FROM edges e LEFT JOIN documents d ON d.id = e.dst "
            "WHERE e.dst IS NOT NULL AND (d.id IS NULL OR d.superseded_by IS NOT NULL)"),
    }
    problems = [] if edges.edges_built(conn) else ["edges never built for this archive"]
    for what, sql in counts.items():
        n = conn.execute(sql).fetchone()[0]
        if n:
            problems.append(f"{n} {what}")
    if not problems:
        n = conn.execute("SELECT count(*) FROM edges").fetchone()[0]
        return Finding("graph", True, f"{n} edges, every citation resolved against the archive")
    detail = "; ".join(problems)
    if not repair:
        return Finding("graph", False, detail + " — run `vanthu check --repair` or `vanthu reindex`")
    rebuild_edges(archive)
    return Finding("graph", False, detail + " — edges rebuilt from the archive", repaired=True)


def suggester(archive: Archive):
    """The semantic stage's suggestions for `vanthu tree --suggested`, or None where it provides none.

    The contract (issue 6): a module ``vanthu.pipeline.suggest`` with ``tree_suggester(archive)``
    returning a :data:`vanthu.graph.tree.Suggester` (doc id → Suggestion list) or None.
    """
    import importlib
    import importlib.util

    if importlib.util.find_spec(f"{__package__}.suggest") is None:
        return None
    module = importlib.import_module(f"{__package__}.suggest")
    provide = getattr(module, "tree_suggester", None)
    return provide(archive) if provide else None


def _register_check() -> None:
    """`vanthu check` runs :func:`check_graph` once this module is imported (as the hooks import it)."""
    from .check import EXTRA_CHECKS

    if check_graph not in EXTRA_CHECKS:
        EXTRA_CHECKS.append(check_graph)


_register_check()
