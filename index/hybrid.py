"""Hybrid search: the full-text and the semantic rankings fused by reciprocal rank (:func:`fuse`).

The semantic ranking is weighted twice, the best of the fusions measured in BENCHMARKS.md
(issue 6: nDCG@10 0.918 against 0.910 unweighted on generated directives). It holds only the
documents within reach of the best answer (:func:`~vanthu.index.semantic.within_reach`); on the
labelled real set of issue 14 hybrid scores nDCG@10 0.725, text alone 0.578, semantic alone 0.638,
and ranks a hard negative above every relevant document in its top 3 on 1 query of 72.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..archive.store import Archive
from .filters import NO_FILTERS, Filters
from .engine import archive_engine, open_index
from .results import SearchResults
from .semantic import rank_by_meaning, ranked_hits

if TYPE_CHECKING:
    from .embed import Embedder

__all__ = ["hybrid_search", "fuse", "matching", "RRF_K", "POOL", "HYBRID_WEIGHTS"]

RRF_K = 60            # the constant of reciprocal-rank fusion (Cormack et al. 2009); measured, see fuse()
POOL = 100            # documents each ranking contributes to a hybrid fusion
HYBRID_WEIGHTS = (1.0, 2.0)  # weights of the text and the semantic ranking


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


def hybrid_search(archive: Archive, query: str, filters: Filters = NO_FILTERS, *, limit: int = 10,
                  sort: str = "relevance", embedder: "Embedder | None" = None, pool: int = POOL) -> SearchResults:
    """The full-text ranking (``pool`` documents) and the semantic one (those within reach of the best,
    :func:`~vanthu.index.semantic.within_reach`), fused; the filters apply to both.

    A document with no word of the query enters only by meaning, and only when it is close to the
    best answer: a weak vector alone never reaches the fusion.
    """
    size = max(pool, limit)
    meaning, ranked = rank_by_meaning(archive, query, filters, k=size, limit=limit, sort=sort, embedder=embedder)
    with open_index(archive.fulltext_dir, archive_engine(archive), create=False).searcher() as searcher:
        text = searcher.search(query, limit=size, filters=filters, suggest=False)  # meaning answers anyway
    fused = fuse([[h.id for h in text.results], [i for i, _ in meaning]], weights=HYBRID_WEIGHTS)[:limit]
    hits = ranked_hits(archive, fused, query, sort, {h.id: h.snippet for h in text.results})
    return SearchResults(query, matching(text.total, ranked, {h.id for h in text.results}, {i for i, _ in meaning}), hits)


def matching(text_total: int, meaning_total: int, text_ids: set[str], meaning_ids: set[str]) -> int:
    """Documents that match the words or are within reach by meaning, each once.

    Exact while each ranking holds all its matches (totals up to the pool); beyond, the overlap of
    the unseen tails is unknown and the count is the union's upper bound.

    >>> matching(3, 2, {"a", "b", "c"}, {"c", "d"})
    4
    """
    return text_total + meaning_total - len(text_ids & meaning_ids)
