"""What is in an archive: counts by type, level, issuer and year; formats, encodings, failures."""

from __future__ import annotations

from typing import Any

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
    conn = archive.conn
    out: dict[str, Any] = {
        "documents": archive.count(),
        "versions": archive.count(current_only=False) - archive.count(),
        "citations": conn.execute("SELECT count(*) FROM citations").fetchone()[0],
    }
    for key, column in _GROUPS.items():
        order = "n DESC, k" if key in ("by_issuer", "by_type") else "k"
        limit = f"LIMIT {int(top)}" if key == "by_issuer" else ""
        rows = conn.execute(
            f"SELECT {column} AS k, count(*) AS n FROM documents WHERE superseded_by IS NULL "
            f"GROUP BY k ORDER BY {order} {limit}"
        ).fetchall()
        out[key] = {("unknown" if k is None else str(k)): n for k, n in rows}
    out["failures"] = conn.execute(
        "SELECT count(*) FROM failures f JOIN batches b ON b.id = f.batch_id WHERE b.status != 'undone'"
    ).fetchone()[0]
    out["batches"] = conn.execute("SELECT count(*) FROM batches").fetchone()[0]
    return out
