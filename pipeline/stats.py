"""`vanthu stats`: what is in the archive (archive/stats.py's counts) and which full-text engine
serves it — the one shape the CLI prints and `vanthu serve` answers at /api/stats and shows."""

from __future__ import annotations

from typing import Any

from ..archive.stats import archive_stats
from ..archive.store import Archive
from ..index.engine import archive_engine

__all__ = ["stats_json"]


def stats_json(archive: Archive, top: int = 20) -> dict[str, Any]:
    """Counts over current documents (``top`` issuers) and the archive's full-text engine."""
    return archive_stats(archive, top=top) | {"fulltext_engine": archive_engine(archive)}
