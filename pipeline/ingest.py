"""The import a librarian runs: the archive first, then every derived index brought up to date.

One library call per CLI command: `vanthu import` → :func:`ingest`, `vanthu undo` → :func:`undo`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from ..archive.store import Archive
from ..graph.edges import detach_documents, rebuild_edges, update_edges
from ..index.sync import IndexProgress, parallel_procs, rebuild_fulltext, sync_fulltext
from .importer import ImportReport, Progress, import_paths, retry_failed, undo_batch

__all__ = ["ingest", "retry", "undo", "sync_derived"]


def sync_derived(archive: Archive, notes: list[str] | None = None,
                 on_index: Callable[[IndexProgress], None] | None = None) -> None:
    """Bring the full-text index up to date; a failure here never loses archive data."""
    from .semantic import drop_stale_vectors

    sync_fulltext(archive, on_progress=on_index)
    drop_stale_vectors(archive)  # superseded/undone documents leave related and semantic search at once


def ingest(archive: Archive, paths: Sequence[Path], *, metadata: Path | None = None,
           workers: int | None = None, dry_run: bool = False,
           on_progress: Callable[[Progress], None] | None = None, embed: bool = False,
           on_embed: Callable[[Any], None] | None = None,
           on_index: Callable[[IndexProgress], None] | None = None,
           keep_non_directives: bool = False) -> ImportReport:
    """Import files into the archive (graph edges resolved in the same commits), then the full-text index.

    ``on_progress`` hears of every file, ``on_index`` of the full-text stage, ``on_embed`` of the semantic one.

    With ``embed``, the semantic stage runs last, after the write lock is released (search does
    not wait for it): see :func:`vanthu.pipeline.semantic.embed_after_import`.
    """
    report = import_paths(archive, paths, metadata=metadata, workers=workers, dry_run=dry_run,
                          on_progress=on_progress, after_chunk=update_edges, keep_non_directives=keep_non_directives)
    if not dry_run:
        with archive.write_lock():
            sync_derived(archive, report.notes, on_index)
        if embed:
            from .semantic import embed_after_import

            embed_after_import(archive, report.notes, on_embed)
    return report


def retry(archive: Archive, batch: str, *, embed: bool = False, on_embed: Callable[[Any], None] | None = None,
          on_index: Callable[[IndexProgress], None] | None = None, **kwargs: Any) -> ImportReport:
    """Import again the files that failed in ``batch``, then update the indexes."""
    report = retry_failed(archive, batch, after_chunk=update_edges, **kwargs)
    with archive.write_lock():
        sync_derived(archive, report.notes, on_index)
    if embed:
        from .semantic import embed_after_import

        embed_after_import(archive, report.notes, on_embed)
    return report


def undo(archive: Archive, batch: str):
    """Undo a batch and drop its documents from every derived index."""
    report = undo_batch(archive, batch, before_delete=detach_documents, after_restore=update_edges)
    with archive.write_lock():
        sync_derived(archive)
    return report


def reindex(archive: Archive, *, vectors: bool = False, on_embed: Callable[[Any], None] | None = None,
            on_index: Callable[[IndexProgress], None] | None = None) -> dict[str, int]:
    """Rebuild every derived index from the archive alone; the vectors only with ``vectors``.

    Re-embedding costs about 4 documents a second on two CPU cores (BENCHMARKS.md), so it is asked for apart
    (`vanthu reindex --vectors`, the same as `vanthu embed --rebuild`).
    """
    with archive.write_lock():
        counts = {"fulltext": rebuild_fulltext(archive, procs=parallel_procs(), on_progress=on_index),
                  "edges": rebuild_edges(archive)}
    if vectors:
        from .semantic import rebuild_vectors

        counts["vectors"] = rebuild_vectors(archive, on_progress=on_embed)
    return counts
