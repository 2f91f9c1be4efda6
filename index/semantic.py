"""Searching by meaning: the archive's vector store read for answers, in the shape of the full-text search.

- :func:`semantic_search` ranks the documents by the cosine of their vector to the query's
  (embedded with e5's "query: " prompt), among those the filters let through; :func:`related`
  ranks them by closeness to one document, itself and its versions left out.
- The vectors of one archive come from one model (:func:`checked_model`); what a vector stands
  for is :func:`passage_of` its document. Keeping them in step with the archive is the
  pipeline's work (:mod:`vanthu.pipeline.semantic`).

A semantic answer ends where relevance ends (:func:`within_reach`): the documents whose cosine is
within :data:`RELATIVE_CUT` of the best one and above :data:`ABSOLUTE_FLOOR`, both calibrated on
half the labelled real set of issue 14 and checked on the other half (BENCHMARKS.md). ``total``
counts those documents, as text search counts the ones that match its words — not every document
that has a vector.

numpy and the model are imported where they are used, so that importing this module costs little.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..archive.errors import ArchiveError, BadInput
from ..archive.store import Archive, StoredDocument
from .analysis import folded_analyzer
from .filters import NO_FILTERS, Filters, check_page
from .results import Hit, SearchResults, make_snippet

if TYPE_CHECKING:  # numpy and the model are imported where they are used
    import numpy as np

    from .embed import Embedder
    from .vectors import VectorStore

__all__ = ["semantic_search", "related", "rank_by_meaning", "ranked_hits", "filter_ids", "check_request", "within_reach",
           "reach", "RELATIVE_CUT", "ABSOLUTE_FLOOR",
           "vector_store", "reading_store", "opened_store", "checked_model", "passage_of",
           "VECTORS_FILE"]

VECTORS_FILE = "vectors.bin"
# How far below the best answer's cosine a document still answers a query. Calibrated on half the
# labelled queries of issue 14, checked on the other half (BENCHMARKS.md, benchmarks/semantic_quality.py).
RELATIVE_CUT = 0.03
# Below this cosine only the best answer is shown: a query the archive answers only weakly ("chích
# ngừa cho người dân" is as close to livestock vaccination as to the people's campaign, 0.85) gets
# its nearest document, not a band of lookalikes. Calibrated with the cut, for the default model
# only (cosines of another model live on another scale: it gets the relative cut alone).
ABSOLUTE_FLOOR = 0.87


def reach(best: float, cut: float = RELATIVE_CUT, floor: float = ABSOLUTE_FLOOR) -> float:
    """The lowest cosine still within reach of a ranking whose best answer has ``best``.

    Within ``cut`` of the best answer, and never below ``floor`` — except the best answer itself,
    which always answers (a query no document matches well still shows its nearest one).
    """
    return min(best, max(best - cut, floor))


def within_reach(scored: Sequence[tuple[str, float]], cut: float = RELATIVE_CUT,
                 floor: float = ABSOLUTE_FLOOR) -> list[tuple[str, float]]:
    """The head of a ranking (best first) within reach of its best answer (:func:`reach`).

    >>> within_reach([("a", 0.90), ("b", 0.88), ("c", 0.84)], cut=0.04, floor=0.0)
    [('a', 0.9), ('b', 0.88)]
    >>> within_reach([("a", 0.85), ("b", 0.849)], cut=0.04, floor=0.86)
    [('a', 0.85)]
    """
    if not scored:
        return []
    lowest = reach(scored[0][1], cut, floor)
    return [pair for pair in scored if pair[1] >= lowest]


def vector_store(archive: Archive) -> "VectorStore":
    """The archive's vector store (empty until the first embedding)."""
    from .vectors import VectorStore

    return VectorStore(archive.vectors_dir / VECTORS_FILE)


def checked_model(store: "VectorStore", embedder: "Embedder") -> None:
    """ModelMismatch unless the store is empty or ``embedder``'s model made its vectors."""
    from .vectors import ModelMismatch

    if store.model_name and len(store) and store.model_name != embedder.name:
        raise ModelMismatch(
            f"this archive's vectors were made by {store.model_name!r}, not {embedder.name!r}; "
            f"run `vanthu embed --rebuild` to re-embed every document with {embedder.name!r}, "
            f"or set VANTHU_MODEL back to {store.model_name!r}"
        )


def passage_of(doc: StoredDocument) -> str:
    """What a document's vector stands for (see :func:`vanthu.index.embed.passage_text`)."""
    from .embed import passage_text

    return passage_text(doc.meta.subject, doc.text)


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
    """The store to answer from: ArchiveError while it is empty, ModelMismatch for another model's vectors."""
    store = reading_store(archive)
    if not len(store):
        raise ArchiveError("the archive has no document vectors yet: run `vanthu embed`")
    if embedder is not None:
        checked_model(store, embedder)
    return store


# -- filters ----------------------------------------------------------------------------------


def filter_ids(archive: Archive, filters: Filters) -> frozenset[str] | None:
    """Ids of current documents that pass ``filters`` (None: no filter given), asked of the archive.

    The same documents as the full-text filters (:func:`vanthu.index.text.whoosh_filter`): the
    archive compares types folded and dates as intervals; an issuer passes when every word of one
    of the filter's issuer alternatives is among its words.
    """
    if not filters:
        return None
    alternatives = [frozenset(words) for words in filters.issuer_alternatives]

    def issuer(name: str) -> bool:
        return any(words <= _issuer_words(name) for words in alternatives)

    return archive.filtered_ids(doc_type=filters.doc_type, level=filters.level,
                                issuer=issuer if alternatives else None,
                                date_from=filters.date_from, date_to=filters.date_to)


def _issuer_words(issuer: str | None, _cache: dict[str, frozenset[str]] = {}) -> frozenset[str]:
    """Folded words of an issuer, cached: an archive has far fewer issuers than documents."""
    if not issuer:
        return frozenset()
    if issuer not in _cache:
        _cache[issuer] = _words(issuer)
    return _cache[issuer]


def _words(text: str) -> frozenset[str]:
    return frozenset(t.text for t in folded_analyzer()(text))


# -- answers ----------------------------------------------------------------------------------


def check_request(query: str, limit: int, sort: str) -> None:
    """BadInput for an empty query, a limit below 1 or an unknown sort."""
    if not query or not query.strip():
        raise BadInput("empty query")
    check_page(limit, sort)


def rank_by_meaning(archive: Archive, query: str, filters: Filters, *, k: int, limit: int, sort: str,
                    embedder: "Embedder | None") -> tuple[list[tuple[str, float]], int]:
    """The documents closest to the query (at most ``k``, within reach of the best) among those ``filters`` let
    through, and how many documents are within reach."""
    from .embed import Embedder

    check_request(query, limit, sort)
    embedder = embedder or Embedder()
    store = opened_store(archive, embedder)
    rows = _allowed_rows(archive, store, filters)
    vector = embedder.encode_queries([query])[0]
    floor = ABSOLUTE_FLOOR if embedder.choice.default else 0.0
    ranking = within_reach(store.search(vector, k=k, rows=rows), floor=floor)
    if not ranking:
        return [], 0
    return ranking, store.count_at_least(vector, reach(ranking[0][1], floor=floor), rows=rows)


def _allowed_rows(archive: Archive, store: "VectorStore", filters: Filters) -> "np.ndarray | None":
    """The store's rows of the documents that pass the filters (None: no filter given)."""
    allowed = filter_ids(archive, filters)
    return None if allowed is None else store.rows_of(allowed)


def ranked_hits(archive: Archive, scored: Sequence[tuple[str, float]], query: str, sort: str,
                snippets: dict[str, str] | None = None) -> list[Hit]:
    """The hits of a ranking, the query's words marked in their snippets, in the order ``sort`` asks."""
    hits = _hits(archive, scored, _words(query), snippets)
    if sort != "date":
        return hits
    # --sort date: the best documents by meaning, shown newest first (undated last).
    return sorted(hits, key=lambda h: (h.date is not None, h.date or dt.date.min), reverse=True)


def _hits(archive: Archive, scored: Sequence[tuple[str, float]], words: frozenset[str] = frozenset(),
          snippets: dict[str, str] | None = None) -> list[Hit]:
    """Search results for (id, score) pairs, from the archive; a snippet from the text search is kept."""
    from .embed import passage_text

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


def semantic_search(archive: Archive, query: str, filters: Filters = NO_FILTERS, *, limit: int = 10,
                    sort: str = "relevance", embedder: "Embedder | None" = None) -> SearchResults:
    """Documents closest in meaning to ``query``, filters applied (the semantic mode of :func:`~vanthu.index.search.search`)."""
    ranking, ranked = rank_by_meaning(archive, query, filters, k=limit, limit=limit, sort=sort, embedder=embedder)
    return SearchResults(query, ranked, ranked_hits(archive, ranking, query, sort))


def related(archive: Archive, ref: str, *, limit: int = 10, embedder: "Embedder | None" = None) -> SearchResults:
    """The documents closest in meaning to the one ``ref`` names, itself and its versions left out."""
    doc = archive.resolve_ref(ref)
    store = opened_store(archive, embedder)
    if doc.id in store:
        vector = store.get(doc.id)
    else:  # not embedded yet (or an older version): embed it now, it is one document
        from .embed import Embedder

        embedder = embedder or Embedder()
        checked_model(store, embedder)
        vector = embedder.encode_passages([passage_of(doc)])[0]
    skip = archive.versions_of(doc.id)
    hits = store.search(vector, k=limit, exclude=skip)
    return SearchResults(ref, len(store) - sum(1 for i in skip if i in store), _hits(archive, hits))
