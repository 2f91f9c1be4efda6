"""The semantic stage: document vectors kept in step with the archive, and what they power.

- :func:`embed_pending` gives every current document a vector and drops the vectors of
  superseded and undone ones. It runs after the full-text sync (import never waits on it for
  search), saves every :data:`SAVE_EVERY` documents so that Ctrl-C or a crash loses at most one
  chunk, and resumes where it stopped. One process embeds at a time (``vectors/embed.lock``,
  apart from the archive's write lock so that a long embedding does not block imports; a running
  embedding picks up what arrives meanwhile).
- The vectors of one archive come from one model: another model is refused
  (:class:`~vanthu.index.vectors.ModelMismatch`) until ``vanthu embed --rebuild``.
- :func:`related`, :func:`semantic_search` and :func:`hybrid_search` answer in the shape of the
  full-text search (:class:`~vanthu.index.search.SearchResults`); :func:`fuse` is the
  reciprocal-rank fusion of the two rankings (the semantic one weighted twice), measured in
  BENCHMARKS.md (issue 6).
- :func:`check_vectors` is ``vanthu check``'s view of the vector index.

``total`` of a semantic answer is the number of documents that were ranked (every document that
has a vector and passes the filters): meaning has no "does not match".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from ..archive.errors import ArchiveBusy, ArchiveError
from ..archive.store import Archive, StoredDocument, exclusive_lock
from ..vietnamese.text import fold_key

if TYPE_CHECKING:  # numpy, the model and Whoosh are imported where they are used
    import numpy as np

    from ..index.embed import Embedder
    from ..index.search import Hit, SearchResults
    from ..index.vectors import VectorStore

__all__ = ["EmbedProgress", "VectorStatus", "embed_pending", "rebuild_vectors", "vector_store", "vector_status",
           "check_vectors", "related", "semantic_search", "hybrid_search", "fuse", "filter_ids", "RRF_K",
           "POOL", "SAVE_EVERY", "semantic_available", "SKIPPED_NOTE", "drop_stale_vectors", "embed_after_import",
           "mode_searcher", "passage_of", "versions_of", "opened_store", "checked_model", "reading_store"]

VECTORS_FILE = "vectors.bin"
SAVE_EVERY = 128      # documents per save: about 30 s of CPU embedding, so an interruption costs little
RRF_K = 60            # the constant of reciprocal-rank fusion (Cormack et al. 2009); measured, see fuse()
POOL = 100            # documents each ranking contributes to a hybrid fusion
# Weights of the text and the semantic ranking in hybrid search: the semantic one counts twice, the
# best of the fusions measured (nDCG@10 0.918 against 0.910 unweighted, text alone 0.520, semantic
# alone 0.906; BENCHMARKS.md, issue 6).
HYBRID_WEIGHTS = (1.0, 2.0)
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


def vector_store(archive: Archive) -> "VectorStore":
    """The archive's vector store (empty until the first embedding)."""
    from ..index.vectors import VectorStore

    return VectorStore(archive.vectors_dir / VECTORS_FILE)


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


def checked_model(store: "VectorStore", embedder: "Embedder") -> None:
    from ..index.vectors import ModelMismatch

    if store.model_name and len(store) and store.model_name != embedder.name:
        raise ModelMismatch(
            f"this archive's vectors were made by {store.model_name!r}, not {embedder.name!r}; "
            f"run `vanthu embed --rebuild` to re-embed every document with {embedder.name!r}, "
            f"or set VANTHU_MODEL back to {store.model_name!r}"
        )


def passage_of(doc: StoredDocument) -> str:
    """What a document's vector stands for (see :func:`vanthu.index.embed.passage_text`)."""
    from ..index.embed import passage_text

    return passage_text(doc.meta.subject, doc.text)


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


# -- filters ----------------------------------------------------------------------------------


def filter_ids(archive: Archive, *, doc_type: str | None = None, issuer: str | None = None,
               level: str | None = None, date_from: dt.date | None = None,
               date_to: dt.date | None = None) -> frozenset[str] | None:
    """Ids of current documents that pass the search filters (None: no filter given).

    The same meaning as the full-text filters (:mod:`vanthu.index.search`): the type compared
    folded, every word of ``issuer`` among the issuer's words, the level, and a known date interval
    (a document known only by its year covers that year) overlapping [from, to].
    """
    from ..archive.errors import BadInput
    from ..index.analysis import folded_analyzer
    from ..index.search import LEVELS

    if not any((doc_type, issuer, level, date_from, date_to)):
        return None
    if level and fold_key(level) not in LEVELS:
        raise BadInput(f"unknown level {level!r} (one of: {', '.join(LEVELS)})")
    if date_from and date_to and date_from > date_to:
        raise BadInput(f"--from {date_from} is after --to {date_to}")
    words = frozenset(t.text for t in folded_analyzer()(issuer)) if issuer else frozenset()
    if issuer and not words:
        raise BadInput(f"--issuer has no words: {issuer!r}")
    # Pushed into SQL: the folded comparisons are made once per distinct type and issuer (an
    # archive has hundreds of them, not 100,000), the date interval in the query itself.
    where, args = ["superseded_by IS NULL"], []
    if doc_type:
        _where_in(where, args, "doc_type", archive, lambda value: fold_key(value) == fold_key(doc_type))
    if level:
        where.append("issuer_level = ?")
        args.append(fold_key(level))
    if words:
        _where_in(where, args, "issuer", archive, lambda value: words <= _issuer_words(value))
    if date_from or date_to:
        # A known date is its own interval, a known year alone covers the year, no date never overlaps.
        first = "COALESCE(date, printf('%04d-01-01', year))"
        last = "COALESCE(date, printf('%04d-12-31', year))"
        where.append("(date IS NOT NULL OR year IS NOT NULL)")
        if date_from:
            where.append(f"{last} >= ?")
            args.append(date_from.isoformat())
        if date_to:
            where.append(f"{first} <= ?")
            args.append(date_to.isoformat())
    sql = f"SELECT id FROM documents WHERE {' AND '.join(where)}"
    return frozenset(row[0] for row in archive.conn.execute(sql, args))


def _where_in(where: list[str], args: list[Any], column: str, archive: Archive, keep: Callable[[str], bool]) -> None:
    """``column IN (the distinct values that ``keep`` accepts)``, added to a WHERE clause."""
    values = [value for (value,) in archive.conn.execute(f"SELECT DISTINCT {column} FROM documents")
              if value and keep(value)]
    where.append(f"{column} IN (SELECT value FROM json_each(?))")
    args.append(json.dumps(values, ensure_ascii=False))


def _issuer_words(issuer: str | None, _cache: dict[str, frozenset[str]] = {}) -> frozenset[str]:
    """Folded words of an issuer, cached: an archive has far fewer issuers than documents."""
    if not issuer:
        return frozenset()
    if issuer not in _cache:
        from ..index.analysis import folded_analyzer

        _cache[issuer] = frozenset(t.text for t in folded_analyzer()(issuer))
    return _cache[issuer]


# -- answers ----------------------------------------------------------------------------------


_READ_CACHE: dict[Path, tuple[tuple[int, int, int], "VectorStore"]] = {}


def reading_store(archive: Archive) -> "VectorStore":
    """The vector store for searching, loaded once per process while its file is unchanged.

    Loading 100,000 vectors reads 77 MB and converts them to float32; answers that follow one
    another (``search --mode``, ``tree --suggested``, a library caller) should pay that once.
    Writers never use this copy: they load the store afresh under the embedding lock.
    """
    path = archive.vectors_dir / VECTORS_FILE
    try:
        stat = path.stat()
    except FileNotFoundError:
        return vector_store(archive)
    key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    cached = _READ_CACHE.get(path)
    if cached is None or cached[0] != key:
        _READ_CACHE.clear()  # one archive at a time: never hold two stores' memory
        _READ_CACHE[path] = (key, vector_store(archive))
    return _READ_CACHE[path][1]


def opened_store(archive: Archive, embedder: "Embedder | None") -> "VectorStore":
    store = reading_store(archive)
    if not len(store):
        raise ArchiveError("the archive has no document vectors yet: run `vanthu embed`")
    if embedder is not None:
        checked_model(store, embedder)
    return store


def _hits(archive: Archive, scored: Sequence[tuple[str, float]], words: frozenset[str] = frozenset(),
          snippets: dict[str, str] | None = None) -> list["Hit"]:
    """Search results for (id, score) pairs, from the archive; a snippet from the text search is kept."""
    from ..index.embed import passage_text
    from ..index.search import Hit, make_snippet

    hits = []
    for doc_id, value in scored:
        try:
            doc = archive.get(doc_id)
        except LookupError:
            continue  # undone since the vectors were saved
        if doc.superseded_by:
            continue  # replaced by a newer version since the vectors were saved
        snippet = (snippets or {}).get(doc_id) or make_snippet(passage_text(None, doc.text), words)
        meta = doc.meta
        hits.append(Hit(id=doc.id, number=meta.number, doc_type=meta.doc_type, issuer=meta.issuer, date=meta.date,
                        subject=meta.subject, score=float(value), snippet=snippet))
    return hits


def versions_of(archive: Archive, doc_id: str) -> set[str]:
    """The document and every earlier and later version of it."""
    return archive.versions_of(doc_id)


def related(archive: Archive, ref: str, *, limit: int = 10, embedder: "Embedder | None" = None) -> "SearchResults":
    """The documents closest in meaning to the one ``ref`` names, itself and its versions left out."""
    from ..index.search import SearchResults

    doc = archive.resolve_ref(ref)
    store = opened_store(archive, embedder)
    if doc.id in store:
        vector = store.get(doc.id)
    else:  # not embedded yet (or an older version): embed it now, it is one document
        from ..index.embed import Embedder

        embedder = embedder or Embedder()
        checked_model(store, embedder)
        vector = embedder.encode_passages([passage_of(doc)])[0]
    skip = versions_of(archive, doc.id)
    hits = store.search(vector, k=limit, exclude=skip)
    return SearchResults(ref, len(store) - sum(1 for i in skip if i in store), _hits(archive, hits))


def _query_words(query: str) -> frozenset[str]:
    from ..index.analysis import folded_analyzer

    return frozenset(t.text for t in folded_analyzer()(query))


def _allowed_rows(archive: Archive, store: "VectorStore", filters: dict[str, Any]) -> "np.ndarray | None":
    """The store's rows of the documents that pass the filters (None: no filter given)."""
    allowed = filter_ids(archive, **filters)
    return None if allowed is None else store.rows_of(allowed)


def _semantic_ranking(store: "VectorStore", embedder: "Embedder", query: str, k: int,
                      rows: "np.ndarray | None") -> list[tuple[str, float]]:
    """The ``k`` documents closest to the query, among ``rows`` when filters are given."""
    return store.search(embedder.encode_queries([query])[0], k=k, rows=rows)


def _ranked_count(store: "VectorStore", rows: "np.ndarray | None") -> int:
    return len(store) if rows is None else len(rows)


def semantic_search(archive: Archive, query: str, *, limit: int = 10, embedder: "Embedder | None" = None,
                    sort: str = "relevance", **filters: Any) -> "SearchResults":
    """Documents closest in meaning to ``query`` (embedded with e5's "query: " prompt), filters applied."""
    from ..index.embed import Embedder
    from ..index.search import SearchResults

    _check_query(query, limit, sort)
    embedder = embedder or Embedder()
    store = opened_store(archive, embedder)
    rows = _allowed_rows(archive, store, filters)
    ranking = _semantic_ranking(store, embedder, query, limit, rows)
    hits = _sorted(_hits(archive, ranking, _query_words(query)), sort)
    return SearchResults(query, _ranked_count(store, rows), hits)


def fuse(rankings: Sequence[Sequence[str]], k: int = RRF_K, weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Reciprocal-rank fusion: each ranking gives a document ``weight / (k + rank)`` (rank from 1).

    Ranks, not scores, are fused: BM25 and cosine live on unrelated scales, and the cosines of
    this model sit in a narrow band. Ties go to the document ranked best in the first ranking.

    >>> fuse([["a", "b", "c"], ["c", "a"]])[0][0]
    'a'
    """
    weights = weights or [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    total: dict[str, float] = {}
    first: dict[str, tuple[int, int]] = {}
    for which, (ranking, weight) in enumerate(zip(rankings, weights)):
        for rank, doc_id in enumerate(ranking, 1):
            total[doc_id] = total.get(doc_id, 0.0) + weight / (k + rank)
            first.setdefault(doc_id, (which, rank))
    return sorted(total.items(), key=lambda item: (-item[1], first[item[0]]))


def hybrid_search(archive: Archive, query: str, *, limit: int = 10, embedder: "Embedder | None" = None,
                  sort: str = "relevance", pool: int = POOL, **filters: Any) -> "SearchResults":
    """The full-text and the semantic rankings fused (:func:`fuse`), filters applied to both."""
    from ..index.embed import Embedder
    from ..index.fulltext import FullTextIndex
    from ..index.search import SearchResults

    _check_query(query, limit, sort)
    embedder = embedder or Embedder()
    store = opened_store(archive, embedder)
    rows = _allowed_rows(archive, store, filters)
    index = FullTextIndex.open(archive.fulltext_dir, create=False)
    with index.searcher() as searcher:
        text = searcher.search(query, limit=max(pool, limit), suggest=False, **filters)  # meaning answers anyway
    meaning = _semantic_ranking(store, embedder, query, max(pool, limit), rows)
    fused = fuse([[h.id for h in text.results], [i for i, _ in meaning]], weights=HYBRID_WEIGHTS)[:limit]
    snippets = {h.id: h.snippet for h in text.results}
    hits = _sorted(_hits(archive, fused, _query_words(query), snippets), sort)
    return SearchResults(query, max(text.total, _ranked_count(store, rows)), hits)


def _check_query(query: str, limit: int, sort: str) -> None:
    from ..archive.errors import BadInput
    from ..index.search import SORTS

    if not query or not query.strip():
        raise BadInput("empty query")
    if limit < 1:
        raise BadInput(f"--limit must be at least 1 (got {limit})")
    if sort not in SORTS:
        raise BadInput(f"unknown sort {sort!r} (one of: {', '.join(SORTS)})")


def _sorted(hits: list["Hit"], sort: str) -> list["Hit"]:
    """--sort date: the best documents by meaning, shown newest first (undated last)."""
    if sort != "date":
        return hits
    return sorted(hits, key=lambda h: (h.date is not None, h.date or dt.date.min), reverse=True)


@contextlib.contextmanager
def mode_searcher(mode: str, archive_dir: Path) -> Iterator[Callable[..., "SearchResults"]]:
    """``answer(query, **options)`` for many queries in one mode: one archive, one model, one vector store."""
    from ..index.embed import Embedder

    search = semantic_search if mode == "semantic" else hybrid_search
    embedder = Embedder()
    with Archive.open(archive_dir, create=False) as archive:
        yield lambda query, **options: search(archive, query, embedder=embedder, **options)

