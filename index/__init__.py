"""Search indexes: the Whoosh full-text index with its Vietnamese analyzer, and the vector index.

The verbs and classes are exposed by name and imported on first use (see :mod:`vanthu._lazy`), so
that ``import vanthu.index`` imports neither Whoosh nor numpy:

>>> from vanthu.index import Filters, FullTextIndex, SearchResults, parse_query

Every query-time search goes through one entry, ``search(archive, query, mode=…, filters=…)``;
it shares its module's name and is imported from it (``from vanthu.index.search import search``).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "text_analyzer": "analysis", "folded_analyzer": "analysis", "VietnameseTokenizer": "analysis",
    "FullTextIndex": "fulltext", "IndexDoc": "fulltext", "build_schema": "schema",
    "parse_query": "query",
    "Filters": "filters", "partial_date": "filters",
    "Searcher": "text", "SearchResults": "results", "Hit": "results",
    "searcher": "search", "related": "semantic", "fuse": "hybrid",
    "Embedder": "embed", "passage_text": "embed",
    "VectorStore": "vectors",
    "resolve_model": "model", "ensure_default_model": "model",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
