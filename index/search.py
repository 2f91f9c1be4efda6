"""Searching the archive: one entry for every mode, and one :class:`~vanthu.index.filters.Filters` value.

- ``text``: the archive's full-text engine (:mod:`vanthu.index.engine`: Whoosh or tantivy): words in any accentuation, document
  numbers, Whoosh syntax; a suggestion when nothing matches.
- ``semantic``: the documents closest in meaning (:mod:`vanthu.index.semantic`).
- ``hybrid``: both rankings fused (:mod:`vanthu.index.hybrid`).

Every mode answers :class:`~vanthu.index.results.SearchResults` and keeps the same documents for
the same filters. For many queries, :func:`searcher` opens the index, the model and the vectors once.

``search`` shares its module's name: import it from here (``from vanthu.index.search import search``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

from ..archive.errors import BadInput
from ..archive.store import Archive
from .filters import NO_FILTERS, Filters
from .engine import archive_engine, open_index, readable
from .results import SearchResults

if TYPE_CHECKING:
    from .embed import Embedder

__all__ = ["search", "searcher", "MODES"]

MODES = ("text", "semantic", "hybrid")
Answer = Callable[..., SearchResults]


def search(archive: Archive, query: str, *, mode: str = "text", filters: Filters = NO_FILTERS, limit: int = 10,
           sort: str = "relevance", embedder: "Embedder | None" = None) -> SearchResults:
    """Search the archive with one query: ranked (``sort="relevance"``) or newest first (``"date"``).

    ``mode`` is text, semantic or hybrid; ``embedder`` is the model for the two that need one
    (default: the archive's default model).
    """
    with searcher(archive, mode, embedder=embedder) as answer:
        return answer(query, filters=filters, limit=limit, sort=sort)


def _read(answer: Answer, query: str, **options: object) -> SearchResults:
    with readable():
        return answer(query, **options)


@contextmanager
def searcher(archive: Archive, mode: str = "text", *, embedder: "Embedder | None" = None) -> Iterator[Answer]:
    """``answer(query, filters=…, limit=…, sort=…)`` for many queries in one mode: the full-text
    index opened once, or one model and one vector store."""
    if mode == "text":
        with readable():
            opened = open_index(archive.fulltext_dir, archive_engine(archive), create=False).searcher()
        with opened:
            yield lambda query, **options: _read(opened.search, query, **options)
        return
    if mode not in MODES:
        raise BadInput(f"unknown mode {mode!r} (one of: {', '.join(MODES)})")
    if embedder is None:
        from .embed import Embedder  # the model's code: only for the modes that use it

        embedder = Embedder()
    from .hybrid import hybrid_search  # the vectors' code too: a text search (the CLI's default) never loads it
    from .semantic import semantic_search

    by_meaning = semantic_search if mode == "semantic" else hybrid_search
    yield lambda query, **options: by_meaning(archive, query, embedder=embedder, **options)
