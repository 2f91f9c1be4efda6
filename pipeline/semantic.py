"""The semantic stage: document vectors kept in step with the archive.

- :func:`embed_pending` gives every current document a vector and drops the vectors of
  superseded and undone ones. It runs after the full-text sync (import never waits on it for
  search), saves every :data:`SAVE_EVERY` documents so that Ctrl-C or a crash loses at most one
  chunk, and resumes where it stopped. One process embeds at a time (``vectors/embed.lock``,
  apart from the archive's write lock so that a long embedding does not block imports; a running
  embedding picks up what arrives meanwhile).
- The vectors of one archive come from one model: another model is refused
  (:class:`~vanthu.index.vectors.ModelMismatch`) until ``vanthu embed --rebuild``.
- :func:`check_vectors` is ``vanthu check``'s view of the vector index.

What the vectors power — related documents, semantic and hybrid search — is query-time search,
in :mod:`vanthu.index` (:func:`vanthu.index.search.search`, :func:`vanthu.index.semantic.related`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from ..archive.errors import ArchiveBusy, ArchiveError
from ..archive.store import Archive, exclusive_lock
from ..index.semantic import VECTORS_FILE, checked_model, passage_of, vector_store
# Read by pipeline/suggest.py from here until it moves next to the graph.

if TYPE_CHECKING:  # numpy and the model are imported where they are used
    from ..index.embed import Embedder
    from ..index.vectors import VectorStore

__all__ = ["EmbedProgress", "VectorStatus", "embed_pending", "rebuild_vectors", "vector_status", "check_vectors",
           "SAVE_EVERY", "semantic_available", "SKIPPED_NOTE", "drop_stale_vectors", "embed_after_import"]

SAVE_EVERY = 128      # documents per save: about 30 s of CPU embedding, so an interruption costs little
SKIPPED_NOTE = "semantic stage skipped (pip install 'vanthu[semantic]')"


@dataclass(frozen=True)
class EmbedProgress:
    """Where an embedding run stands: ``done`` of ``total`` documents, ``dropped`` stale vectors."""

    done: int
    total: int
    dropped: int = 0


def semantic_available() -> bool:
    """Whether sentence-transformers (and torch) are installed, without importing them."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "torch"))


@contextlib.contextmanager
def _embed_lock(archive: Archive) -> Iterator[None]:
    """One embedding process per archive; others are told at once rather than left waiting."""
    cannot = f"cannot write vectors in {archive.vectors_dir}"
    try:
        archive.vectors_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ArchiveError(f"{cannot}: {err.strerror}") from err
    fd = exclusive_lock(
        archive.vectors_dir / "embed.lock",
        busy="another vanthu process is embedding this archive; it will include the new documents",
        cannot=cannot,
    )
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def subject_mark(subject: str | None) -> str:
    """The mark of a document's vector (:meth:`VectorStore.mark`): a fingerprint of its subject.

    A document's text never changes under its id, but its subject — part of what the vector
    stands for (:func:`passage_of`) — does when a librarian corrects it or a re-parse reads it
    better; a vector whose mark differs from its document's subject is made again.
    """
    return hashlib.blake2b((subject or "").encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Pending:
    """How the vector store differs from the archive's current documents."""

    missing: list[str]   # current documents without a vector
    changed: list[str]   # current documents whose subject changed since their vector was made
    extra: list[str]     # vectors of documents no longer current (superseded, undone)


def _pending(archive: Archive, store: "VectorStore") -> Pending:
    missing, changed, current = [], [], set()
    for doc_id, subject in archive.current_subjects():
        current.add(doc_id)
        if doc_id not in store:
            missing.append(doc_id)
        elif store.mark(doc_id) not in (None, subject_mark(subject)):  # unmarked: made before marks existed
            changed.append(doc_id)
    return Pending(missing, changed, [i for i in store.ids() if i not in current])


def embed_pending(archive: Archive, embedder: "Embedder | None" = None,
                  on_progress: Callable[[EmbedProgress], None] | None = None, *,
                  save_every: int = SAVE_EVERY) -> int:
    """Embed the current documents that have no vector or whose subject changed, and drop stale
    vectors; returns how many changed.

    Saved every ``save_every`` documents: an interrupted run keeps what it saved and the next
    run goes on from there. Documents imported or corrected while it runs are picked up before it
    returns (each at most once a run, so that a subject corrected again and again cannot keep it going).
    """
    from ..index.embed import Embedder

    embedder = embedder or Embedder()
    changed, made = 0, set()
    with _embed_lock(archive):
        store = vector_store(archive)
        checked_model(store, embedder)
        while True:
            pending = _pending(archive, store)
            add = [i for i in pending.missing + pending.changed if i not in made]
            if not add and not pending.extra:
                return changed
            if pending.extra:
                store.remove(pending.extra)
                store.save()
            changed += len(pending.extra)
            changed += _embed(archive, store, embedder, add, save_every, on_progress, len(pending.extra))
            made.update(add)


def _embed(archive: Archive, store: "VectorStore", embedder: "Embedder", ids: list[str], save_every: int,
           on_progress: Callable[[EmbedProgress], None] | None, dropped: int) -> int:
    done = 0
    if on_progress:
        on_progress(EmbedProgress(0, len(ids), dropped))
    for start in range(0, len(ids), max(1, save_every)):
        docs = list(archive.iter_documents(ids=ids[start:start + save_every]))
        if docs:
            store.put([d.id for d in docs], embedder.encode_passages([passage_of(d) for d in docs]), embedder.name,
                      marks=[subject_mark(d.meta.subject) for d in docs])
            store.save()
        done = min(len(ids), start + save_every)
        if on_progress:
            on_progress(EmbedProgress(done, len(ids), dropped))
    return len(ids)


def drop_stale_vectors(archive: Archive) -> int:
    """Drop the vectors of superseded and undone documents (cheap: no model); 0 while an embedding runs.

    Import and undo call this, so that related and semantic search never show a document that is
    gone; the running embedding, if any, drops them itself.
    """
    if not (archive.vectors_dir / VECTORS_FILE).exists():
        return 0
    try:
        with _embed_lock(archive):
            store = vector_store(archive)
            stale = _pending(archive, store).extra
            if stale:
                store.remove(stale)
                store.save()
            return len(stale)
    except ArchiveBusy:
        return 0


def embed_after_import(archive: Archive, notes: list[str],
                       on_progress: Callable[[EmbedProgress], None] | None = None) -> int:
    """Import's last stage: embed what is new. It never fails the import: a problem becomes a note."""
    from ..index.model import ModelError
    from ..index.vectors import ModelMismatch

    if not semantic_available():
        notes.append(SKIPPED_NOTE)
        return 0
    try:
        return embed_pending(archive, on_progress=on_progress)
    except ArchiveBusy as err:
        notes.append(str(err))
    except (ModelMismatch, ModelError) as err:
        notes.append(f"semantic stage skipped: {err}")
    return 0


def rebuild_vectors(archive: Archive, embedder: "Embedder | None" = None,
                    on_progress: Callable[[EmbedProgress], None] | None = None) -> int:
    """Forget every vector (and the model that made them), then embed the whole archive."""
    from ..index.embed import Embedder

    embedder = embedder or Embedder()
    with _embed_lock(archive):
        store = vector_store(archive)
        store.clear()
        store.save()
    return embed_pending(archive, embedder, on_progress)


# -- check ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VectorStatus:
    """How the vector store compares with the archive."""

    model: str | None
    missing: tuple[str, ...]     # current documents without a vector
    extra: tuple[str, ...]       # vectors of documents that are not current
    changed: tuple[str, ...]     # vectors made before their document's subject was corrected
    expected_model: str | None   # the model vanthu would embed with now

    @property
    def model_ok(self) -> bool:
        return self.model is None or self.expected_model is None or self.model == self.expected_model

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra and not self.changed and self.model_ok


def vector_status(archive: Archive) -> VectorStatus:
    from ..index.model import resolve_model

    store = vector_store(archive)
    pending = _pending(archive, store)
    return VectorStatus(store.model_name if len(store) else None, tuple(pending.missing), tuple(pending.extra),
                        tuple(pending.changed), resolve_model().name)


def check_vectors(archive: Archive, repair: bool):
    """``vanthu check``: every current document has a vector, nothing else has one, one model made them."""
    from ..index.vectors import VectorStoreCorrupt
    from .findings import Finding

    if not semantic_available():
        return Finding("vectors", True, "semantic stage not installed (pip install 'vanthu[semantic]'); not checked")
    if not (archive.vectors_dir / VECTORS_FILE).exists():  # imported with --no-embed: a choice, not damage
        return Finding("vectors", True, "no vectors yet: `vanthu embed` enables related, semantic search and suggest")
    try:
        status = vector_status(archive)
    except VectorStoreCorrupt as err:
        return _repaired(archive, f"{err}", repair, rebuild=True)
    if status.ok:
        return Finding("vectors", True, f"{archive.count()} current documents, each with a vector"
                                        f"{f' of {status.model}' if status.model else ''}")
    problems = []
    if status.missing:
        problems.append(f"{len(status.missing)} documents without a vector")
    if status.extra:
        problems.append(f"{len(status.extra)} vectors of documents no longer current")
    if status.changed:
        problems.append(f"{len(status.changed)} vectors made before their document's subject changed")
    if not status.model_ok:
        problems.append(f"vectors made by {status.model!r}, while the model now chosen is {status.expected_model!r}")
    return _repaired(archive, "; ".join(problems), repair, rebuild=not status.model_ok)


def _repaired(archive: Archive, problem: str, repair: bool, rebuild: bool):
    from .findings import Finding

    if not repair:
        hint = "`vanthu embed --rebuild`" if rebuild else "`vanthu embed` or `vanthu check --repair`"
        return Finding("vectors", False, f"{problem} — run {hint}")
    if rebuild:
        _remove_store(archive)
        embed_pending(archive)
        return Finding("vectors", False, problem + " — every document embedded again", repaired=True)
    embed_pending(archive)
    return Finding("vectors", False, problem + " — missing and changed documents embedded, stale vectors dropped",
                   repaired=True)


def _remove_store(archive: Archive) -> None:
    with contextlib.suppress(FileNotFoundError):
        (archive.vectors_dir / VECTORS_FILE).unlink()

