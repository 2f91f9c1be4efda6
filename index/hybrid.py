"""Hybrid search: the full-text and the semantic rankings fused by reciprocal rank (:func:`fuse`).

The semantic ranking is weighted twice, the best of the fusions measured in BENCHMARKS.md
(issue 6): nDCG@10 0.918 against 0.910 unweighted, text alone 0.520, semantic alone 0.906.
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

__all__ = ["hybrid_search", "fuse", "RRF_K", "POOL", "HYBRID_WEIGHTS"]

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
    """The full-text and the semantic rankings of ``pool`` documents each, fused; the filters apply to both."""
    size = max(pool, limit)
    meaning, ranked = rank_by_meaning(archive, query, filters, k=size, limit=limit, sort=sort, embedder=embedder)
    with open_index(archive.fulltext_dir, archive_engine(archive), create=False).searcher() as searcher:
        text = searcher.search(query, limit=size, filters=filters, suggest=False)  # meaning answers anyway
    fused = fuse([[h.id for h in text.results], [i for i, _ in meaning]], weights=HYBRID_WEIGHTS)[:limit]
    hits = ranked_hits(archive, fused, query, sort, {h.id: h.snippet for h in text.results})
    return SearchResults(query, max(text.total, ranked), hits)
