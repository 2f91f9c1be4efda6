"""Bulk import: walk folders and zips, read and parse in worker processes, write in one writer.

The archive (SQLite + originals) is written first and is complete on its own; the derived
indexes (full-text, graph edges, vectors) follow and are repaired from it after any crash.

Crash safety: a worker stores the original bytes (atomic, content-addressed), and the writer
flushes them to disk before it commits the rows that name them, and every chunk of rows commits in one transaction together
with the batch's `processed` marks. A run killed at any moment is resumed by running the same
import again: handled paths are skipped, and identical bytes are never stored twice.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import traceback
from contextlib import contextmanager
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .._children import die_with_parent
from ..archive import batches
from ..archive.batches import BatchFailure as Failure
from ..archive.batches import list_batches
from ..archive.originals import text_key
from ..archive.errors import BadInput, ReadError
from ..archive.readers import Extracted, Item, Limits, WalkFailure, out_of_memory, read_bytes, time_limit, walk
from ..archive.readers.syllables import implausible_text
from ..archive.readers.walk import printable
from ..archive.store import Archive, apply_overrides, sha256_hex, store_object
from ..archive.types import Document
from .analyze import analyze, not_a_directive
from .interrupt import SIGNALS, ImportInterrupted, shielded, signum_of
from .metadata import match_rows, read_metadata_csv

__all__ = ["ImportReport", "Progress", "derive", "import_paths", "write_results", "retry_failed", "undo_batch",
           "list_batches", "batch_failures"]

CHUNK = 200  # rows per transaction: small enough to lose little to a crash, big enough to be fast
# Files handed to a pool worker at a time: each hand-over is a round trip through the pool's queues
# (pickling, a thread in the writer); 16 instead of 4 cut the pool's CPU by 5 % on 2,000 .txt files. A
# worker that dies costs its in-flight files one process each (``_pooled``): 64 files on 2 workers.
_CHUNKSIZE = 16
INLINE_BELOW = 24  # fewer items than this are processed in-process (a pool costs ~1 s to start)
INLINE_MAX_BYTES = 16 * 1024 * 1024  # a bigger file always goes to a worker, whose memory is bounded


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do); ``to_json`` is DESIGN's import shape."""

    batch: str | None
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: list[Failure] = field(default_factory=list)
    dry_run: bool = False
    resumed: bool = False
    skipped: int = 0  # handled by an earlier, interrupted run of the same batch
    notes: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)  # added or updated documents
    not_directives: list[Failure] = field(default_factory=list)  # skipped files, and why (a README)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "added": self.added,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "failed": [{"path": f.path, "error": f.error} for f in self.failed],
            "batch": self.batch,
        }
        if self.dry_run:
            out["dry_run"] = True
        if self.resumed:
            out["resumed"] = True
        if self.not_directives:  # only when files were skipped: a clean import keeps DESIGN's shape
            out["skipped"] = [{"path": f.path, "reason": f.error} for f in self.not_directives]
        return out


@dataclass(frozen=True)
class Progress:
    """Reported after every file: how far the batch is."""

    done: int
    total: int
    failed: int
    path: str


@dataclass(frozen=True)
class _Result:
    """What a worker made of one item (sent back to the writer)."""

    path: str
    name: str
    source: str
    members: tuple[str, ...]
    sha: str | None = None
    size: int = 0
    known_id: str | None = None
    text: str | None = None
    parsed: dict[str, Any] | None = None
    format: str | None = None
    encoding: str | None = None
    reader: str | None = None
    error: str | None = None
    skipped: str | None = None  # why the file is no directive (not stored)


# -- worker side ----------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(root: str, dry_run: bool, limits: Limits = Limits(), pooled: bool = False,
                 keep_non_directives: bool = False, parent_pid: int | None = None) -> None:
    """Set up a process that reads files; a pool worker's address space is bounded (RLIMIT_AS),
    so one hostile file ends as a MemoryError in that worker, never as the machine swapping.
    The main process (``pooled`` False) is never bounded: it holds the writer and the indexes.
    A pool worker dies with the writer (``parent_pid``): a killed import leaves no process behind;
    without it (a Spark task's worker) it dies with the process that started it."""
    _WORKER["root"] = Path(root)
    _WORKER["dry_run"] = dry_run
    _WORKER["limits"] = limits
    _WORKER["keep"] = keep_non_directives
    if pooled:
        import resource

        die_with_parent(os.getppid() if parent_pid is None else parent_pid)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the writer decides
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # the pool may end a worker

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        bound = limits.max_memory_bytes if hard == resource.RLIM_INFINITY else min(limits.max_memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (bound, hard))
    known = Path(root) / "archive.sqlite"
    _WORKER["archive"] = Archive.open(root, create=False, readonly=True) if known.exists() else None


def _known(sha: str) -> str | None:
    archive = _WORKER.get("archive")
    return archive.known_sha(sha) if archive is not None else None


def derive(data: bytes, name: str, limits: Limits = Limits()) -> tuple[Extracted, str, Document]:
    """What an import makes of a file's bytes: its text as read, the prepared text and the parsed
    document. ReadError says why a file gives nothing. The one path from an original to a row: the
    import, ``check --repair`` and ``rebuild`` all take it."""
    extracted = read_bytes(data, name, limits)
    if not extracted.text.strip():
        raise ReadError("no text in file (empty after conversion)")
    if (garbled := implausible_text(extracted.text)):  # decoded in the wrong encoding: never stored
        raise ReadError(f"{garbled} — read as {extracted.encoding or extracted.format}; "
                        "save it as UTF-8 and import it again")
    with time_limit(limits.max_seconds, "parsing"):
        prepared, meta = analyze(extracted.text)
    return extracted, prepared, meta


def _process(item: Item) -> _Result:
    """Read, hash, convert and parse one file; every failure becomes a result, never an exception.

    Reading and parsing are each bounded in time (``Limits.max_seconds``), and in a pool worker
    memory too (``Limits.max_memory_bytes``); the error names the bound that stopped the file.
    """
    base = dict(path=item.display_path, name=item.name, source=item.source, members=tuple(item.members))
    limits = _WORKER.get("limits", Limits())
    try:
        data = item.load()
        sha = sha256_hex(data)
        known = _known(sha)
        if known:
            return _Result(**base, sha=sha, size=len(data), known_id=known)
        extracted, prepared, meta = derive(data, item.name, limits)
        if not _WORKER.get("keep") and (why := not_a_directive(prepared, meta)):
            return _Result(**base, sha=sha, size=len(data), skipped=why)
        if not _WORKER["dry_run"]:
            store_object(_WORKER["root"], data, sha)
        return _Result(
            **base, sha=sha, size=len(data), text=prepared, parsed=meta.to_json(),
            format=extracted.format, encoding=extracted.encoding, reader=extracted.reader,
        )
    except ReadError as err:
        return _Result(**base, error=str(err))
    except MemoryError:
        return _Result(**base, error=str(out_of_memory("file")))
    except OSError as err:
        return _Result(**base, error=f"cannot store or read: {err.strerror or err}")
    except Exception as err:  # a bug in a reader or the parser must not abort the batch
        where = traceback.extract_tb(err.__traceback__)[-1]
        return _Result(**base, error=f"internal error {type(err).__name__}: {err} ({Path(where.filename).name}:{where.lineno})")


def _results(root: Path, items: list[Item], workers: int, dry_run: bool,
             limits: Limits = Limits(), keep: bool = False) -> Iterator[_Result]:
    small = all(i.size <= INLINE_MAX_BYTES for i in items)
    if small and (workers <= 1 or len(items) < INLINE_BELOW):
        _init_worker(str(root), dry_run, limits, keep_non_directives=keep)
        try:
            yield from map(_process, items)
        finally:
            if _WORKER.get("archive") is not None:
                _WORKER["archive"].close()
        return
    yield from _pooled(root, items, max(workers, 1), dry_run, limits, keep=keep)


def _pool(workers: int, root: Path, dry_run: bool, limits: Limits, keep: bool = False) -> ProcessPoolExecutor:
    ctx = get_context("spawn")  # the parent may run threads (progress bar): never fork it
    return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(str(root), dry_run, limits, True, keep, os.getpid()))


def _pooled(root: Path, items: list[Item], workers: int, dry_run: bool, limits: Limits,
            work: Callable[[Item], _Result] = _process, *, keep: bool = False) -> Iterator[_Result]:
    """Results in order from a pool, read at most :func:`_ahead` hand-overs ahead of the writer:
    ``Executor.map`` submits every file at once, so workers faster than the writer piled results up
    in memory (4.5 GiB of them at 640,000 files of a 1,000,000-file import); here a worker waits for
    the writer instead, and memory stays the same at any size of import.

    When a worker dies (a crash in a C library, the OOM killer), what finished is kept, the files
    that may have been in a worker are retried one process each (the one that kills its process is
    recorded as the failure it is), and the rest go on in a fresh pool."""
    window: deque[tuple[int, Future[list[_Result]]]] = deque()
    submitted = 0
    with _pool(workers, root, dry_run, limits, keep) as pool:
        try:
            while True:
                while len(window) < _ahead(workers) and submitted < len(items):
                    with _starting_workers():  # a submit may start a worker (spawn starts them on demand)
                        window.append((submitted, pool.submit(_work_chunk, work, items[submitted:submitted + _CHUNKSIZE])))
                    submitted += _CHUNKSIZE
                if not window:
                    return
                try:
                    results = window[0][1].result()
                except BrokenProcessPool:
                    break
                window.popleft()
                yield from results
        except (KeyboardInterrupt, GeneratorExit):  # stopped: the queued files are dropped, and only
            # those in flight finish (bounded per file). Waited for here, as the exit would wait for
            # them anyway: the pool's thread that ends them must be gone before the exit, whose
            # handler may write to the pipe that thread closes (Python 3.11: 'Bad file descriptor').
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    # A worker died. Chunks go to workers in order, so those that were in one are among the first
    # ``workers + 1`` unfinished (one more waits in the pool's call queue).
    suspects = workers + 1
    rest = submitted
    for start, future in window:
        if future.exception() is None:
            yield from future.result()
        elif suspects:
            suspects -= 1
            for item in items[start:start + _CHUNKSIZE]:
                yield _alone(item, root, dry_run, limits, work, keep)
        else:
            rest = start  # in order from here: this chunk and every later one, in a fresh pool
            break
    if rest < len(items):
        yield from _pooled(root, items[rest:], workers, dry_run, limits, work, keep=keep)


def _ahead(workers: int) -> int:
    """Hand-overs submitted and not yet taken by the writer: a whole transaction's worth (``CHUNK``)
    ready when the writer comes back for it, and two more for each worker meanwhile."""
    return -(-CHUNK // _CHUNKSIZE) + 2 * workers


def _work_chunk(work: Callable[[Item], _Result], chunk: list[Item]) -> list[_Result]:
    return [work(item) for item in chunk]


@contextmanager
def _starting_workers() -> Iterator[None]:
    """Workers start with Ctrl-C and SIGTERM blocked (a signal mask survives exec), so that one still
    importing its modules prints no traceback; Ctrl-C reaches the whole process group and is the
    writer's to act on. A signal sent meanwhile waits for the end of this, in the writer too."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with shielded():
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _alone(item: Item, root: Path, dry_run: bool, limits: Limits, work: Callable[[Item], _Result],
           keep: bool = False) -> _Result:
    """Process one file in a process of its own; its death becomes this file's failure."""
    try:
        with _pool(1, root, dry_run, limits, keep) as pool:
            with _starting_workers():
                future = pool.submit(work, item)
            return future.result()
    except BrokenProcessPool:
        return _Result(path=item.display_path, name=item.name, source=item.source, members=tuple(item.members),
                       error="the reading process died on this file (a crash in a converter or library, "
                             "or the system ran out of memory)")


# -- writer side ----------------------------------------------------------------------------


def import_paths(
    archive: Archive,
    paths: Sequence[Path],
    *,
    metadata: Path | None = None,
    workers: int | None = None,
    dry_run: bool = False,
    limits: Limits | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    after_chunk: Callable[[Archive, list[str]], None] | None = None,
    displays: Sequence[str] | None = None,
    carried: Sequence[WalkFailure] = (),
    keep_non_directives: bool = False,
    batch_id: str | None = None,
) -> ImportReport:
    """Import files and folders into the archive; see the module docstring for the guarantees.

    ``after_chunk(archive, doc_ids)`` runs inside each chunk's transaction (the graph uses it to
    resolve references in the same commit as the documents). ``displays`` names the paths as the
    librarian first named them (a retry); ``carried`` are failures that stay failures of this batch.
    Files that are plainly no directive (a README) are skipped and listed, unless ``keep_non_directives``.
    ``batch_id`` names a new batch (a rebuild replays the batches under their own ids).
    """
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise BadInput(f"no such file or folder: {', '.join(missing)}")
    roots = [str(Path(p).resolve()) for p in paths]
    found = [*walk([Path(p) for p in paths], limits or Limits(), displays=displays), *carried]
    items = [x for x in found if isinstance(x, Item)]
    walk_failures = [x for x in found if isinstance(x, WalkFailure)]
    overrides = _load_overrides(archive, metadata, items)
    if dry_run:
        return _dry_run(archive, items, [Failure(x.display_path, x.error) for x in walk_failures], overrides,
                        workers, on_progress, limits or Limits(), keep_non_directives)
    options = {"metadata": str(metadata) if metadata else None}

    def results(handled: set[str]) -> tuple[int, Iterator[_Result]]:
        todo = [i for i in items if i.display_path not in handled]
        return len(todo), _results(archive.root, todo, workers or os.cpu_count() or 1, dry_run=False,
                                   limits=limits or Limits(), keep=keep_non_directives)

    return write_results(archive, roots, options, walk_failures, results, overrides=overrides,
                         on_progress=on_progress, after_chunk=after_chunk, batch_id=batch_id)


def write_results(
    archive: Archive,
    roots: list[str],
    options: dict[str, Any],
    walk_failures: Sequence[WalkFailure],
    results: Callable[[set[str]], tuple[int, Iterator[_Result]]],
    *,
    overrides: dict[str, dict] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    after_chunk: Callable[[Archive, list[str]], None] | None = None,
    batch_id: str | None = None,
) -> ImportReport:
    """The one writer of every import: a batch over ``roots`` (resumed when one was interrupted),
    its walk failures, then what ``results(handled)`` gives for the paths not handled yet (how many,
    and the results in walk order, their originals already in objects/), in chunks of one
    transaction each. A plain import reads the files in worker processes; `import --from-parquet`
    (:mod:`vanthu.pipeline.spark`) reads what a Spark job made of them. ``batch_id`` names a new
    batch (a rebuild replays the batches under their own ids)."""
    overrides = overrides or {}
    with archive.write_lock():
        batch, resumed, handled = batches.start_batch(archive, roots, options, batch_id)
        report = ImportReport(batch=batch, resumed=resumed, skipped=len(handled))
        _restore_counts(archive, batch, report)
        with archive.transaction():
            for failure in walk_failures:
                if failure.display_path not in handled:
                    batches.record_failure(archive, batch, failure.display_path, failure.error, failure.source, ())
                    report.failed.append(Failure(failure.display_path, failure.error))
        total, todo = results(handled)
        done = 0
        try:
            for chunk in _chunks(todo, CHUNK):
                os.sync()  # the chunk's originals reach the disk before the rows that name them
                with shielded(), archive.transaction():  # a signal waits for the commit
                    changed = [doc_id for r in chunk if (doc_id := _store(archive, batch, r, overrides, report))]
                    if after_chunk and changed:
                        after_chunk(archive, changed)
                done += len(chunk)
                if on_progress:
                    on_progress(Progress(done, total, len(report.failed), chunk[-1].path))
        except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM: the chunk being read is dropped, those before kept
            raise ImportInterrupted(signum_of(stop), report, "import") from None
        batches.finish_batch(archive, batch, added=report.added, unchanged=report.unchanged,
                             updated=report.updated, failed=len(report.failed))
    return report


def _chunks(results: Iterable[_Result], size: int) -> Iterator[list[_Result]]:
    chunk: list[_Result] = []
    for result in results:
        chunk.append(result)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store(archive: Archive, batch: str, r: _Result, overrides: dict[str, dict], report: ImportReport) -> str | None:
    """Write one result; returns the id of a document that was added or changed."""
    if r.error is not None:
        batches.record_failure(archive, batch, r.path, r.error, printable(r.source) if r.source else None,
                               r.members)
        report.failed.append(Failure(r.path, r.error))
        return None
    if r.skipped is not None:
        batches.mark(archive, batch, r.path, "skipped", None)
        report.not_directives.append(Failure(r.path, r.skipped))
        return None
    assert r.sha is not None
    existing = r.known_id or archive.known_sha(r.sha)
    if existing:
        return _store_known(archive, batch, r, existing, overrides.get(r.path), report)
    assert r.parsed is not None and r.text is not None
    key = text_key(r.text)  # asked for twice below: the normalised text hashed once
    same = archive.same_text(r.text, key)
    if same:  # the same text in another encoding or format: one more original of that document
        archive.add_original(same, sha=r.sha, size=r.size, fmt=r.format, encoding=r.encoding, reader=r.reader,
                             batch_id=batch, name=r.name)
        return _store_known(archive, batch, r, same, overrides.get(r.path), report)
    row_overrides = overrides.get(r.path)
    previous = archive.find_version_of(apply_overrides(r.parsed, row_overrides))
    doc_id = archive.insert_document(
        doc_id=archive.new_id(r.sha), sha=r.sha, size=r.size, text=r.text, parsed=r.parsed,
        overrides=row_overrides, fmt=r.format, encoding=r.encoding, reader=r.reader, batch_id=batch,
        supersedes=previous, name=r.name, text_sha=key,
    )
    archive.add_source(doc_id, r.path, r.name, batch, sha=r.sha, fmt=r.format)
    outcome = "updated" if previous else "added"
    if previous:
        report.updated += 1
    else:
        report.added += 1
    batches.mark(archive, batch, r.path, outcome, doc_id)
    report.doc_ids.append(doc_id)
    return doc_id


def _store_known(archive: Archive, batch: str, r: _Result, doc_id: str, row_overrides: dict | None,
                 report: ImportReport) -> str | None:
    """Bytes already in the archive: record the new path; apply new corrections if any."""
    archive.add_source(doc_id, r.path, r.name, batch, sha=r.sha, fmt=r.format)
    changed = None
    if row_overrides:
        current = archive.get(doc_id).overrides
        merged = {**current, **row_overrides}
        if merged != current:
            archive.set_overrides(doc_id, merged)
            changed = doc_id
    if changed:
        report.updated += 1
        report.doc_ids.append(doc_id)
    else:
        report.unchanged += 1
    batches.mark(archive, batch, r.path, "updated" if changed else "unchanged", doc_id)
    return changed


# -- retry and undo ---------------------------------------------------------------------------


def _restore_counts(archive: Archive, batch: str, report: ImportReport) -> None:
    """Counts of an interrupted run, so a resumed batch reports the whole job."""
    for outcome, n in batches.outcome_counts(archive, batch).items():
        if outcome in ("added", "unchanged", "updated"):
            setattr(report, outcome, n)
    report.failed.extend(batches.failures(archive, batch))
    report.not_directives.extend(Failure(p, "not a directive") for p in batches.paths_with(archive, batch, "skipped"))


def batch_failures(archive: Archive, batch: str) -> list[Failure]:
    return batches.failures(archive, batch)


def retry_failed(archive: Archive, batch: str, **kwargs: Any) -> ImportReport:
    """Import again the files that failed in ``batch`` (after the librarian fixed them).

    Every failure is retried from its file, folder or outermost zip, shown under the path it had
    ("kho/empty.docx", not "empty.docx"), or stays a failure that says why it cannot be retried.
    """
    roots = [Path(r) for r in json.loads(batches.get_batch(archive, batch)["roots"])]
    sources: dict[str, str] = {}
    carried = []
    for path, error, source in batches.failure_rows(archive, batch):
        why = _not_retryable(source)
        if why:
            carried.append(WalkFailure(path, f"not retried ({why}); it failed with: {error}"))
        else:
            sources.setdefault(source, _display_of(Path(source), roots, path))
    if not sources:
        listed = "; ".join(f"{f.display_path}: {f.error}" for f in carried) or "it has no failures"
        raise BadInput(f"batch {batch} has no failed file that can be retried: {listed}")
    return import_paths(archive, [Path(s) for s in sources], displays=list(sources.values()), carried=carried,
                        **kwargs)


def _not_retryable(source: str | None) -> str | None:
    if source is None:
        return "no file to read it from: a symlink is followed only when its folder is imported again"
    if not Path(source).exists():
        return f"{source} no longer exists"
    return None


def _display_of(source: Path, roots: list[Path], failed_path: str) -> str:
    """How the first import showed ``source``: under the name of the root it was found in."""
    for root in roots:
        if source == root or root in source.parents:
            parts = [root.name or str(root), *source.relative_to(root).parts]
            return "/".join(printable(p) for p in parts)
    return failed_path.split("/")[0] if "/" in failed_path else failed_path


@dataclass
class UndoReport:
    batch: str
    removed: list[str] = field(default_factory=list)   # documents deleted
    kept: list[str] = field(default_factory=list)      # documents also imported by another batch
    restored: list[str] = field(default_factory=list)  # documents whose earlier version is current again (same id)

    def to_json(self) -> dict[str, Any]:
        return {"batch": self.batch, "removed": self.removed, "kept": self.kept, "restored": self.restored}


def undo_batch(archive: Archive, batch: str,
               before_delete: Callable[[Archive, list[str]], None] | None = None,
               after_restore: Callable[[Archive, list[str]], None] | None = None) -> UndoReport:
    """Remove what a batch added; documents that other batches also brought stay, and a new
    version the batch brought gives way to the earlier one, under the same id (so the librarian's
    links and unlinks, keyed by it, stay with the document).

    ``before_delete(archive, doc_ids)`` and ``after_restore(archive, doc_ids)`` run in the same
    transaction (the graph detaches the edges of deleted documents and re-resolves restored ones).
    """
    if batches.get_batch(archive, batch)["status"] == "undone":
        raise BadInput(f"batch {batch} was already undone")
    report = UndoReport(batch)
    with archive.write_lock(), archive.transaction():
        versions = []
        for doc_id in archive.documents_of_batch(batch):
            other = archive.other_batch_of(doc_id, batch)
            if other:
                archive.reassign_batch(doc_id, other)
                report.kept.append(doc_id)
            elif archive.previous_version(doc_id):
                versions.append(doc_id)
            else:
                report.removed.append(doc_id)
        if before_delete and report.removed:
            before_delete(archive, report.removed)
        for doc_id in report.removed + versions:
            if (restored := archive.delete_document(doc_id)):
                report.restored.append(restored)
        if after_restore and report.restored:
            after_restore(archive, report.restored)
        batches.note_removed(archive, report.removed)
        archive.drop_sources_of_batch(batch)
        batches.mark_undone(archive, batch)
    return report


# -- metadata and dry runs --------------------------------------------------------------------


def _load_overrides(archive: Archive, metadata: Path | None, items: list[Item]) -> dict[str, dict]:
    if metadata is None:
        return {}
    rows = read_metadata_csv(metadata)
    known = [i.display_path for i in items]
    return match_rows(rows, known)


def _dry_run(archive: Archive, items: list[Item], walk_failures: list[Failure], overrides: dict[str, dict],
             workers: int | None, on_progress: Callable[[Progress], None] | None,
             limits: Limits = Limits(), keep: bool = False) -> ImportReport:
    """What an import would do, without writing anything."""
    report = ImportReport(batch=None, dry_run=True, failed=list(walk_failures))
    seen: set[str] = set()
    for done, r in enumerate(_results(archive.root, items, workers or os.cpu_count() or 1, dry_run=True,
                                      limits=limits, keep=keep), 1):
        if r.error is not None:
            report.failed.append(Failure(r.path, r.error))
        elif r.skipped is not None:
            report.not_directives.append(Failure(r.path, r.skipped))
        elif r.known_id or r.sha in seen or (r.text is not None and (
                text_key(r.text) in seen or archive.same_text(r.text))):  # another original of one document
            report.unchanged += 1
        elif archive.find_version_of(apply_overrides(r.parsed or {}, overrides.get(r.path))):
            report.updated += 1
        else:
            report.added += 1
        if r.sha:
            seen.add(r.sha)
        if r.text is not None:
            seen.add(text_key(r.text))
        if on_progress:
            on_progress(Progress(done, len(items), len(report.failed), r.path))
    return report
