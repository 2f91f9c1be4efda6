"""Search indexes: the Whoosh full-text index with its Vietnamese analyzer, and the vector index.

The verbs and classes are exposed by name and imported on first use (see :mod:`vanthu._lazy`), so
that ``import vanthu.index`` imports neither Whoosh nor numpy:

>>> from vanthu.index import FullTextIndex, Searcher, parse_query

``search`` shares its module's name and is imported from it (``from vanthu.index.search import search``).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "text_analyzer": "analysis", "folded_analyzer": "analysis", "VietnameseTokenizer": "analysis",
    "FullTextIndex": "fulltext", "IndexDoc": "fulltext",
    "parse_query": "query",
    "Searcher": "search", "SearchResults": "search", "Hit": "search",
    "Embedder": "embed", "passage_text": "embed",
    "VectorStore": "vectors",
    "resolve_model": "model", "ensure_default_model": "model",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
