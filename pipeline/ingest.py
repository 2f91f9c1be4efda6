"""The import a librarian runs: the archive first, then every derived index brought up to date.

One library call per CLI command: `vanthu import` → :func:`ingest`, `vanthu undo` → :func:`undo`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from ..archive.store import Archive
from ..graph.edges import detach_documents, rebuild_edges, update_edges
from ..index.engine import choose_engine
from ..index.sync import IndexProgress, parallel_procs, rebuild_fulltext, sync_fulltext
from .importer import ImportReport, Progress, import_paths, retry_failed, undo_batch
from .interrupt import ImportInterrupted, signum_of

__all__ = ["ingest", "ingest_parquet", "retry", "undo", "sync_derived"]


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
           keep_non_directives: bool = False, engine: str | None = None) -> ImportReport:
    """Import files into the archive (graph edges resolved in the same commits), then the full-text index.

    ``on_progress`` hears of every file, ``on_index`` of the full-text stage, ``on_embed`` of the semantic one.
    ``engine`` (whoosh, tantivy) is the full-text engine of an archive being created (BadInput on an
    archive with documents that uses the other one).

    With ``embed``, the semantic stage runs last, after the write lock is released (search does
    not wait for it): see :func:`vanthu.pipeline.semantic.embed_after_import`.
    """
    if not dry_run:
        choose_engine(archive, engine)
    try:
        report = import_paths(archive, paths, metadata=metadata, workers=workers, dry_run=dry_run,
                              on_progress=on_progress, after_chunk=update_edges,
                              keep_non_directives=keep_non_directives)
    except ImportInterrupted as stop:
        stop.indexed = _index_what_was_committed(archive, stop.report.notes, on_index)
        raise
    if not dry_run:
        _derived_stages(archive, report, embed, on_index, on_embed)
    return report


def ingest_parquet(archive: Archive, out: Path, *, embed: bool = False,
                   on_progress: Callable[[Progress], None] | None = None,
                   on_embed: Callable[[Any], None] | None = None,
                   on_index: Callable[[IndexProgress], None] | None = None,
                   engine: str | None = None) -> ImportReport:
    """`vanthu import --from-parquet`: load what `vanthu spark-import` wrote, through the same
    writer, graph hook and derived stages as :func:`ingest` (idempotent, resumable); ``engine`` as
    :func:`ingest`'s."""
    from .spark import load_parquet

    choose_engine(archive, engine)
    try:
        report = load_parquet(archive, out, on_progress=on_progress, after_chunk=update_edges)
    except ImportInterrupted as stop:
        stop.indexed = _index_what_was_committed(archive, stop.report.notes, on_index)
        raise
    _derived_stages(archive, report, embed, on_index, on_embed)
    return report


def retry(archive: Archive, batch: str, *, embed: bool = False, on_embed: Callable[[Any], None] | None = None,
          on_index: Callable[[IndexProgress], None] | None = None, **kwargs: Any) -> ImportReport:
    """Import again the files that failed in ``batch``, then update the indexes."""
    try:
        report = retry_failed(archive, batch, after_chunk=update_edges, **kwargs)
    except ImportInterrupted as stop:
        stop.indexed = _index_what_was_committed(archive, stop.report.notes, on_index)
        raise
    _derived_stages(archive, report, embed, on_index, on_embed)
    return report


def _derived_stages(archive: Archive, report: ImportReport, embed: bool,
                    on_index: Callable[[IndexProgress], None] | None, on_embed: Callable[[Any], None] | None) -> None:
    """After the archive: the full-text index (under the write lock), then the vectors.

    A signal here (Ctrl-C, SIGTERM) becomes :class:`ImportInterrupted`: every file is in the archive
    by then, and the exception says which index is behind."""
    try:
        with archive.write_lock():
            sync_derived(archive, report.notes, on_index)
    except KeyboardInterrupt as stop:
        raise ImportInterrupted(signum_of(stop), report, "index") from None
    if embed:
        from .semantic import embed_after_import

        try:
            embed_after_import(archive, report.notes, on_embed)
        except KeyboardInterrupt as stop:
            raise ImportInterrupted(signum_of(stop), report, "embed", indexed=True) from None


def _index_what_was_committed(archive: Archive, notes: list[str],
                              on_index: Callable[[IndexProgress], None] | None) -> bool:
    """After an interrupted import: the full-text index brought up to date with the chunks that were
    committed, so that they can be searched; False when a second signal stops that too."""
    try:
        with archive.write_lock():
            sync_derived(archive, notes, on_index)
    except KeyboardInterrupt:
        return False
    return True


def undo(archive: Archive, batch: str):
    """Undo a batch and drop its documents from every derived index."""
    report = undo_batch(archive, batch, before_delete=detach_documents, after_restore=update_edges)
    with archive.write_lock():
        sync_derived(archive)
    return report


def reindex(archive: Archive, *, vectors: bool = False, on_embed: Callable[[Any], None] | None = None,
            on_index: Callable[[IndexProgress], None] | None = None, engine: str | None = None) -> dict[str, int]:
    """Rebuild every derived index from the archive alone; the vectors only with ``vectors``; the full-text
    index with ``engine`` (whoosh, tantivy) when given, which the archive then uses.

    Re-embedding costs about 4 documents a second on two CPU cores (BENCHMARKS.md), so it is asked for apart
    (`vanthu reindex --vectors`, the same as `vanthu embed --rebuild`).
    """
    with archive.write_lock():
        counts = {"fulltext": rebuild_fulltext(archive, procs=parallel_procs(), on_progress=on_index, engine=engine),
                  "edges": rebuild_edges(archive)}
    if vectors:
        from .semantic import rebuild_vectors

        counts["vectors"] = rebuild_vectors(archive, on_progress=on_embed)
    return counts
