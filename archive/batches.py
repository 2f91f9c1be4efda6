"""Import batches: the owner of the ``batches``, ``processed``, ``failures`` and ``removed`` tables.

A batch is one ``vanthu import`` (or its resumption): the paths it was given, what it made of
each path (``processed``, so an interrupted batch resumes where it stopped), the files it could
not read (``failures``, with what is needed to retry them) and, once undone, the documents that
the derived indexes must still forget (``removed``).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from . import journal
from .errors import NotFound

if TYPE_CHECKING:
    from .store import Archive

__all__ = [
    "SCHEMA", "BatchFailure", "start_batch", "mark", "record_failure", "outcome_counts", "failures",
    "failure_rows", "paths_with", "finish_batch", "list_batches", "get_batch", "mark_undone", "undone_batches", "note_undone",
    "note_removed",
    "removed_ids", "forget_removed", "counts",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,            -- running | done | undone
    roots TEXT NOT NULL,             -- JSON list of the paths given to `vanthu import`
    options TEXT NOT NULL DEFAULT '{}',
    added INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS processed (  -- what a batch has handled, so an interrupted one resumes
    batch_id TEXT NOT NULL,
    path TEXT NOT NULL,
    outcome TEXT NOT NULL,            -- added | unchanged | updated | failed | skipped (no directive)
    doc_id TEXT,
    PRIMARY KEY (batch_id, path)
);

CREATE TABLE IF NOT EXISTS failures (
    batch_id TEXT NOT NULL,
    path TEXT NOT NULL,
    error TEXT NOT NULL,
    source TEXT,                      -- filesystem path to retry from (the file or outermost zip)
    members TEXT,                     -- JSON member chain inside nested zips
    PRIMARY KEY (batch_id, path)
);

CREATE TABLE IF NOT EXISTS removed (     -- documents undone but still in derived indexes
    doc_id TEXT PRIMARY KEY
);
"""


@dataclass(frozen=True)
class BatchFailure:
    """A file a batch could not import, as the librarian named it, and why."""

    path: str
    error: str


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _new_batch_id() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def start_batch(archive: Archive, roots: list[str], options: dict[str, Any],
                batch_id: str | None = None) -> tuple[str, bool, set[str]]:
    """Resume the interrupted batch over the same roots, or start a new one (named ``batch_id``
    when given: a rebuild keeps the ids the manifest and the journal name).

    Returns the batch id, whether it was resumed, and the paths it has already handled.
    """
    conn = archive.conn
    row = conn.execute(
        "SELECT id FROM batches WHERE status = 'running' AND roots = ? ORDER BY started_at DESC LIMIT 1",
        (json.dumps(roots, ensure_ascii=False),),
    ).fetchone()
    if row is not None:
        handled = {r[0] for r in conn.execute("SELECT path FROM processed WHERE batch_id = ?", (row[0],))}
        return row[0], True, handled
    batch = batch_id or _new_batch_id()
    with archive.transaction():
        conn.execute(
            "INSERT INTO batches (id, started_at, status, roots, options) VALUES (?, ?, 'running', ?, ?)",
            (batch, _now(), json.dumps(roots, ensure_ascii=False), json.dumps(options, ensure_ascii=False)),
        )
    return batch, False, set()


def mark(archive: Archive, batch: str, path: str, outcome: str, doc_id: str | None) -> None:
    """Record what the batch made of ``path`` (in the caller's transaction)."""
    archive.conn.execute(
        "INSERT OR REPLACE INTO processed (batch_id, path, outcome, doc_id) VALUES (?, ?, ?, ?)",
        (batch, path, outcome, doc_id),
    )


def record_failure(archive: Archive, batch: str, path: str, error: str, source: str | None,
                   members: Sequence[str]) -> None:
    """Record a file the batch could not import, with where to retry it from."""
    archive.conn.execute(
        "INSERT OR REPLACE INTO failures (batch_id, path, error, source, members) VALUES (?, ?, ?, ?, ?)",
        (batch, path, error, source, json.dumps(list(members), ensure_ascii=False)),
    )
    mark(archive, batch, path, "failed", None)


def outcome_counts(archive: Archive, batch: str) -> dict[str, int]:
    """How many paths of the batch ended in each outcome so far."""
    return dict(archive.conn.execute(
        "SELECT outcome, count(*) FROM processed WHERE batch_id = ? GROUP BY outcome", (batch,)
    ).fetchall())


def paths_with(archive: Archive, batch: str, outcome: str) -> list[str]:
    """The paths the batch handled with this outcome (e.g. "skipped": no directive), by path."""
    return [r[0] for r in archive.conn.execute(
        "SELECT path FROM processed WHERE batch_id = ? AND outcome = ? ORDER BY path", (batch, outcome))]


def failures(archive: Archive, batch: str) -> list[BatchFailure]:
    """The batch's failures, by path."""
    get_batch(archive, batch)
    return [BatchFailure(p, e) for p, e in archive.conn.execute(
        "SELECT path, error FROM failures WHERE batch_id = ? ORDER BY path", (batch,)
    )]


def failure_rows(archive: Archive, batch: str) -> list[tuple[str, str, str | None]]:
    """(path, error, source) of each failure: ``source`` is the file, folder or outermost zip to
    retry it from, None when there is none."""
    get_batch(archive, batch)
    return [tuple(r) for r in archive.conn.execute(
        "SELECT path, error, source FROM failures WHERE batch_id = ? ORDER BY path", (batch,)
    )]


def finish_batch(archive: Archive, batch: str, *, added: int, unchanged: int, updated: int, failed: int) -> None:
    with archive.transaction():
        archive.conn.execute(
            "UPDATE batches SET status = 'done', finished_at = ?, added = ?, unchanged = ?, updated = ?, "
            "failed = ? WHERE id = ?",
            (_now(), added, unchanged, updated, failed, batch),
        )


def list_batches(archive: Archive) -> list[dict[str, Any]]:
    return [
        dict(r) | {"roots": json.loads(r["roots"])}
        for r in archive.conn.execute(
            "SELECT id, started_at, finished_at, status, roots, added, unchanged, updated, failed "
            "FROM batches ORDER BY started_at, id"
        )
    ]


def get_batch(archive: Archive, batch: str) -> sqlite3.Row:
    row = archive.conn.execute("SELECT * FROM batches WHERE id = ?", (batch,)).fetchone()
    if row is None:
        raise NotFound(f"no import batch {batch!r} (see `vanthu batches`)")
    return row


def mark_undone(archive: Archive, batch: str) -> None:
    """The batch was undone (in the caller's transaction); the decision goes to the journal too."""
    at = _now()
    archive.conn.execute("UPDATE batches SET status = 'undone', finished_at = ? WHERE id = ?", (at, batch))
    journal.append(archive.root, "undo", {}, {"batch": batch}, at=at)


def note_undone(archive: Archive, batch: str, at: str | None) -> None:
    """A batch undone before a rebuild (the journal says so): its row, with nothing of it left."""
    archive.conn.execute(
        "INSERT OR IGNORE INTO batches (id, started_at, finished_at, status, roots) VALUES (?, ?, ?, 'undone', '[]')",
        (batch, at or _now(), at or _now()))


def undone_batches(archive: Archive) -> list[tuple[str, str]]:
    """(id, when) of every batch undone, oldest first."""
    return archive.conn.execute(
        "SELECT id, finished_at FROM batches WHERE status = 'undone' ORDER BY finished_at, id").fetchall()


def note_removed(archive: Archive, doc_ids: Iterable[str]) -> None:
    """Documents deleted from the archive that the derived indexes must still drop."""
    archive.conn.executemany("INSERT OR IGNORE INTO removed (doc_id) VALUES (?)", [(d,) for d in doc_ids])


def removed_ids(archive: Archive) -> list[str]:
    return [r[0] for r in archive.conn.execute("SELECT doc_id FROM removed")]


def forget_removed(archive: Archive, doc_ids: Iterable[str] | None = None) -> None:
    """The indexes have dropped these removed documents (all of them when ``doc_ids`` is None)."""
    if doc_ids is None:
        archive.conn.execute("DELETE FROM removed")
    else:
        archive.conn.executemany("DELETE FROM removed WHERE doc_id = ?", [(d,) for d in doc_ids])


def counts(archive: Archive) -> dict[str, int]:
    """For `vanthu stats`: batches, and failures of batches that were not undone."""
    conn = archive.conn
    return {
        "failures": conn.execute(
            "SELECT count(*) FROM failures f JOIN batches b ON b.id = f.batch_id WHERE b.status != 'undone'"
        ).fetchone()[0],
        "batches": conn.execute("SELECT count(*) FROM batches").fetchone()[0],
    }
