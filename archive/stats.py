"""What is in an archive: counts by type, level, issuer and year; formats, encodings, failures."""

from __future__ import annotations

from typing import Any

from . import batches
from .store import Archive

__all__ = ["archive_stats"]

_GROUPS = {
    "by_type": "doc_type",
    "by_level": "issuer_level",
    "by_issuer": "issuer",
    "by_year": "year",
    "formats": "format",
    "encodings": "encoding",
}


def archive_stats(archive: Archive, top: int = 20) -> dict[str, Any]:
    """Counts over current documents; ``top`` bounds the issuer list (the busiest first)."""
    out: dict[str, Any] = {
        "documents": archive.count(),
        "versions": archive.count(current_only=False) - archive.count(),
        "citations": archive.citation_count(),
    }
    for key, column in _GROUPS.items():
        out[key] = archive.group_counts(column, by_count=key in ("by_issuer", "by_type"),
                                        limit=top if key == "by_issuer" else None)
    return out | batches.counts(archive)
