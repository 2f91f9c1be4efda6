"""The full-text engines and the one interface both implement; which one an archive uses.

Two engines index the same :class:`~vanthu.index.documents.IndexDoc` values with the same
Vietnamese analysis and answer the same queries with the same ranking rules:

- ``whoosh`` (:class:`~vanthu.index.fulltext.FullTextIndex`): pure Python, the default; serves
  archives up to some tens of thousands of directives (BENCHMARKS.md, "Full-text engines").
- ``tantivy`` (:class:`~vanthu.index.tantivy_index.TantivyIndex`): the Rust engine through its
  official bindings; indexes ~50 times faster and answers in milliseconds at a million directives.

The engine is chosen when an archive is created and recorded in the archive's meta table
(key :data:`ENGINE_KEY`); an archive without the key is a Whoosh one (every archive made before
there was a choice). `vanthu reindex --engine` switches, rebuilding from the archive.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Protocol, Sequence

from ..archive.errors import BadInput, SearchIndexDamaged

if TYPE_CHECKING:
    from ..archive.store import Archive
    from .documents import IndexDoc
    from .results import SearchResults
    from .filters import Filters

__all__ = ["ENGINES", "DEFAULT_ENGINE", "ENGINE_KEY", "FullTextEngine", "TextSearcher", "open_index", "choose_engine",
           "archive_engine", "record_engine", "check_engine", "readable", "unreadable"]

ENGINES = ("whoosh", "tantivy")
DEFAULT_ENGINE = "whoosh"
ENGINE_KEY = "fulltext_engine"


class TextSearcher(Protocol):
    """One open searcher, reused for many queries; a context manager."""

    def search(self, query: str, limit: int = 10, filters: "Filters" = ..., sort: str = "relevance",
               suggest: bool = True) -> "SearchResults": ...

    def matching_ids(self, query: str, filters: "Filters" = ..., cap: int = 10_000) -> list[str]: ...

    def facet_counts(self, query: str, filters: "Filters" = ..., columns: Sequence[str] = ..., limit: int = ...,
                     *, by_ids: Callable[..., dict[str, dict[str, int]]] | None = None,
                     cap: int = 10_000) -> tuple[dict[str, dict[str, int]], int]:
        """Per column, how many matches hold each value, and how many matches were counted."""

    def close(self) -> None: ...

    def __enter__(self) -> "TextSearcher": ...

    def __exit__(self, *exc: object) -> None: ...


class FullTextEngine(Protocol):
    """What the archive's sync, check, reindex, stats and search ask of a full-text index."""

    path: Path

    @property
    def outdated(self) -> bool:
        """Built by another version of vanthu: only :meth:`rebuild` may use it."""

    def update(self, docs: Iterable["IndexDoc"], remove_ids: Iterable[str] = (), procs: int = 1) -> int:
        """Add or replace ``docs`` and drop ``remove_ids`` in one atomic commit; how many were written."""

    def rebuild(self, docs: Iterable["IndexDoc"], procs: int = 1) -> int:
        """Replace the whole index with ``docs`` (built beside it and swapped in)."""

    def doc_count(self) -> int: ...

    def ids(self) -> set[str]:
        """The archive ids of every live document (for `vanthu check`)."""

    def size_bytes(self) -> int: ...

    def searcher(self) -> TextSearcher: ...


def unreadable() -> tuple[type[Exception], ...]:
    """What a damaged or half-written index raises (:data:`~vanthu.index.fulltext.UNREADABLE`, Whoosh's
    errors among them), for ``except unreadable():`` — evaluated only when something was raised, so
    that a search on a tantivy archive never imports Whoosh's index modules."""
    from .fulltext import UNREADABLE

    return UNREADABLE


@contextmanager
def readable() -> Iterator[None]:
    """Reading the index: a failure of a damaged or half-written index becomes SearchIndexDamaged,
    which tells the librarian what happened and what repairs it."""
    try:
        yield
    except unreadable() as err:
        raise SearchIndexDamaged(err) from err


def check_engine(name: str) -> str:
    """The engine's name, or BadInput naming the engines there are."""
    if name not in ENGINES:
        raise BadInput(f"unknown full-text engine {name!r} (one of: {', '.join(ENGINES)})")
    return name


def open_index(path: Path, engine: str = DEFAULT_ENGINE, create: bool = True) -> FullTextEngine:
    """The ``engine``'s index at ``path`` (created there if missing and ``create``)."""
    if check_engine(engine) == "tantivy":
        from .tantivy_index import TantivyIndex

        return TantivyIndex.open(path, create=create)
    from .fulltext import FullTextIndex

    return FullTextIndex.open(path, create=create)


def archive_engine(archive: "Archive") -> str:
    """The engine the archive's full-text index is built with (Whoosh where none is recorded)."""
    name = archive.meta_value(ENGINE_KEY) or DEFAULT_ENGINE
    if name not in ENGINES:
        raise BadInput(f"the archive records an unknown full-text engine {name!r}; "
                       f"run `vanthu reindex --engine {DEFAULT_ENGINE}`")
    return name


def record_engine(archive: "Archive", engine: str) -> None:
    """Record the archive's engine (in the caller's transaction)."""
    archive.set_meta(ENGINE_KEY, check_engine(engine))


def choose_engine(archive: "Archive", engine: str | None) -> None:
    """`vanthu import --engine`: record the engine of an archive being created (one with no document
    yet); on an archive that has documents, BadInput unless it is the engine it already uses."""
    if engine is None:
        return
    current = archive_engine(archive)
    if engine == current and archive.meta_value(ENGINE_KEY):
        return
    if archive.count(current_only=False):
        if engine == current:
            return
        raise BadInput(f"this archive's full-text engine is {current}: --engine {engine} chooses the engine "
                       f"only when an archive is created; switch it with `vanthu reindex --engine {engine}`")
    check_engine(engine)
    with archive.transaction():
        record_engine(archive, engine)
    shutil.rmtree(archive.fulltext_dir, ignore_errors=True)  # an empty index of the other engine, if any
