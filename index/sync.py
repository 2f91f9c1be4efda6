"""Keep the Whoosh index in step with the archive (the archive is the truth; the index follows).

A document row carries ``fulltext_indexed``: 0 until the index holds its current form. Sync
indexes the 0 rows (and drops superseded and undone ones), commits the index, then marks the
rows. A crash between the two leaves rows at 0, and the next sync redoes them (idempotent).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Callable, Iterator

from ..archive import batches
from ..archive.store import Archive, StoredDocument
from .documents import IndexDoc, swap_in
from .engine import FullTextEngine, archive_engine, open_index, record_engine, unreadable

__all__ = ["to_index_doc", "sync_fulltext", "index_lag", "rebuild_fulltext", "fulltext_status", "FulltextStatus",
           "parallel_procs", "IndexProgress"]

_BATCH = 2000  # documents per index commit
PARALLEL_FROM = 1000  # pending documents from which sync analyses them in parallel writer processes


def to_index_doc(doc: StoredDocument) -> IndexDoc:
    meta = doc.meta
    return IndexDoc(
        id=doc.id, number=meta.number, doc_type=meta.doc_type, issuer=meta.issuer,
        issuer_level=meta.issuer_level.value if meta.issuer_level else None, place=meta.place,
        date=meta.date, year=meta.year, signer=meta.signer, subject=meta.subject, body=doc.text,
    )


def _pending(archive: Archive) -> tuple[list[str], list[str]]:
    """Ids to (re)index and ids to drop."""
    add, drop = [], []
    for doc_id, superseded in archive.fulltext_pending():
        (drop if superseded else add).append(doc_id)
    return add, drop + batches.removed_ids(archive)


def index_lag(archive: Archive) -> int:
    """How many documents the index has yet to add, replace or drop (0: in step with the archive).

    Two indexed counts, cheap enough for every search to ask."""
    return archive.fulltext_pending_count() + len(batches.removed_ids(archive))


def _chunks(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


@dataclass(frozen=True)
class IndexProgress:
    """Reported by :func:`sync_fulltext` as it starts and after each commit."""

    done: int
    total: int


def sync_fulltext(archive: Archive, procs: int | None = None,
                  on_progress: Callable[[IndexProgress], None] | None = None) -> int:
    """Bring the index up to date with the archive; returns how many documents changed in it.

    A large import's documents are analysed by ``procs`` Whoosh writer processes (default: the
    cores, at most 4, from :data:`PARALLEL_FROM` pending documents): analysis is the whole cost,
    at about 100 documents per CPU-second. Committed every 2,000 documents, each commit reported.
    """
    add, drop = _pending(archive)
    if not add and not drop:
        return 0
    if procs is None:
        procs = parallel_procs() if len(add) >= PARALLEL_FROM else 1
    try:
        return _update(archive, add, drop, procs, on_progress)
    except unreadable():  # a write of it was interrupted (a killed import): it is derived, build it again
        return rebuild_fulltext(archive, procs=procs, on_progress=on_progress)


def _update(archive: Archive, add: list[str], drop: list[str], procs: int,
            on_progress: Callable[[IndexProgress], None] | None) -> int:
    index = open_index(archive.fulltext_dir, archive_engine(archive), create=True)
    if index.outdated:  # an index from an older vanthu: rebuild it rather than fail the import
        return rebuild_fulltext(archive, procs=procs, on_progress=on_progress)
    total = len(add) + len(drop)
    report = on_progress or (lambda progress: None)
    report(IndexProgress(0, total))
    if drop:
        index.update([], remove_ids=drop)
        _mark_done(archive, [], drop)
    done = len(drop)
    for chunk in _chunks(add, _BATCH):
        index.update([to_index_doc(d) for d in archive.iter_documents(ids=chunk)], procs=procs)
        _mark_done(archive, chunk, [])
        done += len(chunk)
        report(IndexProgress(done, total))
    return total


def parallel_procs() -> int:
    """Whoosh writer processes for a large (re)index: the cores, at most 4 (~2x on two idle cores)."""
    return min(os.cpu_count() or 1, 4)


def _mark_done(archive: Archive, ids: list[str], dropped: list[str]) -> None:
    with archive.transaction():
        archive.mark_fulltext_indexed(ids + dropped)
        batches.forget_removed(archive, dropped)


def rebuild_fulltext(archive: Archive, procs: int = 1,
                     on_progress: Callable[[IndexProgress], None] | None = None, engine: str | None = None) -> int:
    """Rebuild the index from the archive alone (after corruption or an analyzer change).

    ``engine``: build it with this engine instead of the archive's (recorded once the new index is in
    place; until then the old one serves). ``on_progress`` hears every 500 documents handed to the
    writer (the final commit follows).
    """
    report = on_progress or (lambda progress: None)
    total = archive.count()

    def docs() -> Iterator[IndexDoc]:
        report(IndexProgress(0, total))
        for done, doc in enumerate(archive.iter_documents(), 1):
            yield to_index_doc(doc)
            if done % 500 == 0 or done == total:
                report(IndexProgress(done, total))

    engine = engine or archive_engine(archive)
    if engine == archive_engine(archive):
        count = _open_for_rebuild(archive, engine).rebuild(docs(), procs=procs)
    else:  # another engine: built apart, then put in the old index's place
        staged = archive.fulltext_dir.with_name(archive.fulltext_dir.name + ".new")
        shutil.rmtree(staged, ignore_errors=True)
        count = open_index(staged, engine, create=True).rebuild(docs(), procs=procs)
        swap_in(archive.fulltext_dir, staged)
    with archive.transaction():
        record_engine(archive, engine)
        archive.mark_fulltext_indexed()
        batches.forget_removed(archive)
    return count


def _open_for_rebuild(archive: Archive, engine: str) -> FullTextEngine:
    """The index to rebuild; one too damaged to open is set aside first (it is
    derived, and whatever an engine raises on a garbled table of contents, only a fresh index will do)."""
    try:
        return open_index(archive.fulltext_dir, engine, create=True)
    except Exception:
        damaged = archive.fulltext_dir.with_name(archive.fulltext_dir.name + ".old")
        shutil.rmtree(damaged, ignore_errors=True)
        archive.fulltext_dir.rename(damaged)
        return open_index(archive.fulltext_dir, engine, create=True)


@dataclass(frozen=True)
class FulltextStatus:
    """How the index compares with the archive, for `vanthu check`."""

    present: bool
    missing: tuple[str, ...]   # current documents the index lacks
    extra: tuple[str, ...]     # ids the index holds that are not current documents
    pending: int               # rows not yet synced
    outdated: bool = False     # the index exists but was built with another schema

    @property
    def ok(self) -> bool:
        return self.present and not self.missing and not self.extra


def fulltext_status(archive: Archive) -> FulltextStatus:
    current = set(archive.current_ids())
    pending = archive.fulltext_pending_count()
    if not (archive.fulltext_dir.exists() and any(archive.fulltext_dir.iterdir())):
        return FulltextStatus(False, tuple(sorted(current)), (), pending)
    index = open_index(archive.fulltext_dir, archive_engine(archive), create=False)
    if index.outdated:  # built with an older schema: search refuses it, so it must be rebuilt
        return FulltextStatus(False, tuple(sorted(current)), (), pending, outdated=True)
    indexed = index.ids()
    return FulltextStatus(True, tuple(sorted(current - indexed)), tuple(sorted(indexed - current)), pending)

