"""What a running `vanthu serve` keeps warm, and the one writer it runs writes on.

- Reads: each worker thread has its own archive connection (SQLite connections stay in their
  thread); the full-text searcher is opened once and shared under a lock (a Whoosh searcher reads
  its files through shared handles), reopened when the index on disk changes; the embedding model
  is loaded at the first semantic or hybrid search and kept.
- Writes (import, undo, link, unlink): one writer thread, so two never overlap in this process,
  and every write takes the archive's own one-writer lock, so a `vanthu import` running beside the
  server makes the server's write answer "busy" (and the other way round).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from ..archive.errors import ArchiveBusy, VanthuError
from ..archive.store import Archive
from ..index.filters import Filters
from ..index.engine import archive_engine, open_index
from ..index.fulltext import SUMS
from ..index.results import SearchResults

__all__ = ["Warm", "ImportJob"]

# The file each engine's commit replaces (by a rename) as its last step: tantivy's, Whoosh's (ours).
_COMMIT_FILES = ("meta.json", SUMS)

FACET_CAP = 10_000  # matching documents a Whoosh archive's facet counts (more: among the first this many)


@dataclass
class ImportJob:
    """An import started by an upload: its progress as the importer reports it, then its report."""

    id: str
    files: int
    folder: Path
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    total: int | None = None
    failed: int = 0
    stage: str = "import"
    report: dict[str, Any] | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate and self.total else None
        return {"id": self.id, "stage": self.stage, "done": self.done, "total": self.total, "failed": self.failed,
                "rate": round(rate, 2), "seconds_left": None if left is None else round(left, 1),
                "finished": self.report is not None or self.error is not None, "report": self.report,
                "error": self.error}


def _stamp(path: Path) -> tuple:
    """What changes whenever the index at ``path`` is committed to or swapped: the folder's inode and
    mtime, and each commit file's inode, size and mtime (absent: None)."""
    out: list = []
    for file in (path, *(path / name for name in _COMMIT_FILES)):
        try:
            st = os.stat(file)
        except FileNotFoundError:
            out.append(None)
        else:
            out.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(out)


class Warm:
    """One archive served: connections, searcher, model and the writer."""

    def __init__(self, root: Path, *, upload_dir: Path | None = None) -> None:
        self.root = Path(root)
        with Archive.open(self.root, create=False) as store:  # no archive: one clear error before serving
            self._fulltext = store.fulltext_dir
        self._local = threading.local()
        self._text_lock = threading.Lock()
        self._text: Any = None
        self._text_key: tuple | None = None
        self._embedder: Any = None
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="vanthu-writer")
        self._writing = threading.Lock()
        self.jobs: dict[str, ImportJob] = {}
        self.upload_dir = Path(upload_dir) if upload_dir else self.root / "uploads"

    # -- reading ----------------------------------------------------------------------------

    def archive(self) -> Archive:
        """This thread's connection to the archive."""
        store = getattr(self._local, "archive", None)
        if store is None:
            store = self._local.archive = Archive.open(self.root, create=False)
        return store

    def _text_searcher(self):
        """The shared full-text searcher (call with the lock held), reopened when the index changed.

        Whether it changed is three stats, not a walk of the index folder: every commit of either engine
        replaces one file by a rename (tantivy's meta.json, Whoosh's sums file), which changes the
        folder's mtime and that file's inode; a rebuild or `reindex --engine` swaps in a new folder
        (another inode). Only then is the engine read again from the archive."""
        key = _stamp(self._fulltext)
        if self._text is None or key != self._text_key:
            if self._text is not None:
                self._text.close()
                self._text = None
            store = self.archive()
            self._text = open_index(store.fulltext_dir, archive_engine(store), create=False).searcher()
            self._text_key = key
        return self._text

    def text_search(self, query: str, filters: Filters, limit: int, sort: str, offset: int = 0) -> SearchResults:
        with self._text_lock:
            return self._text_searcher().search(query, limit=limit, filters=filters, sort=sort, offset=offset)

    def facet_counts(self, query: str, filters: Filters, columns: Sequence[str]) -> tuple[dict[str, dict[str, int]], int]:
        """The text search's facets and how many matches they counted: tantivy counts every match in its
        index; Whoosh's ids (at most FACET_CAP) are counted by the archive."""
        store = self.archive()
        with self._text_lock:
            return self._text_searcher().facet_counts(query, filters, columns, by_ids=store.facet_counts,
                                                      cap=FACET_CAP)

    def embedder(self):
        if self._embedder is None:
            from ..index.embed import Embedder

            self._embedder = Embedder()
        return self._embedder

    def search(self, query: str, mode: str, filters: Filters, limit: int, sort: str,
               offset: int = 0) -> SearchResults:
        """The CLI's search in any mode, with the warm searcher and model; the results past ``offset``
        (a page of them: in text mode only those are read and given snippets)."""
        if mode == "text":
            return self.text_search(query, filters, limit, sort, offset)
        from ..index.search import searcher

        with searcher(self.archive(), mode, embedder=self.embedder()) as answer:
            found = answer(query, filters=filters, limit=limit, sort=sort)
        return replace(found, results=found.results[offset:])

    # -- writing ----------------------------------------------------------------------------

    def write(self, action: Callable[[Archive], Any]) -> Any:
        """Run ``action(archive)`` on the writer under the archive's lock; ArchiveBusy when another
        write (here or in another process) holds it."""
        if not self._writing.acquire(blocking=False):
            raise ArchiveBusy("the archive is busy: an import started here is still running")
        try:
            return self._writer.submit(self._locked, action).result()
        finally:
            self._writing.release()

    def _locked(self, action: Callable[[Archive], Any]) -> Any:
        with Archive.open(self.root, create=False) as store, store.write_lock():
            return action(store)

    def start_import(self, folder: Path, files: int, run: Callable[[Archive, ImportJob], dict[str, Any]]) -> ImportJob:
        """Import ``folder`` in the background; ArchiveBusy at once when a write holds the archive."""
        if not self._writing.acquire(blocking=False):
            shutil.rmtree(folder, ignore_errors=True)
            raise ArchiveBusy("the archive is busy: another import is running; try again when it has finished")
        job = ImportJob(uuid.uuid4().hex[:12], files, folder)
        locked = threading.Event()
        failure: list[BaseException] = []

        def work() -> None:
            try:
                with Archive.open(self.root, create=False) as store:
                    try:
                        store.acquire_lock()
                    except BaseException as err:  # noqa: BLE001 - told to the request below
                        failure.append(err)
                        return
                    finally:
                        locked.set()
                    job.report = run(store, job)
                    store.release_lock()
            except VanthuError as err:
                job.error = str(err)
            except Exception as err:  # noqa: BLE001 - the page shows it; the server goes on
                job.error = f"the import stopped: {type(err).__name__}: {err}"
            finally:
                locked.set()
                shutil.rmtree(folder, ignore_errors=True)
                self._writing.release()

        future: Future = self._writer.submit(work)
        locked.wait(timeout=30)
        if failure:
            future.result()
            raise failure[0]
        self.jobs[job.id] = job
        return job

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        with self._text_lock:
            if self._text is not None:
                self._text.close()
                self._text = None
