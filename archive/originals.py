"""A document's originals: the owner of the ``originals`` table, and what makes two files one document.

Identity (schema 4):

- byte-identical files are one original (the same SHA-256): a duplicate, recorded as another path;
- files whose *normalised text* is identical (:func:`text_key`: the prepared text — NFC, canonical
  tones, line endings — with runs of white space made one space) are one document with several
  originals: the cp1258 and the UTF-8 copy of a letter, its .docx and its .pdf where their text
  agrees. Every original is kept byte-exact in ``objects/`` and listed here, so `vanthu check`
  verifies each against its hash;
- changed text with the same number, issuer and date is a new version of the document
  (``archive/store.py``), which keeps the document's id.

Writers run inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Archive

__all__ = ["SCHEMA", "UPGRADE", "text_key", "record", "document_of", "of_document", "all_originals",
           "drop_batch", "rekey"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS originals (   -- every file a document was read from, kept in objects/
    sha256 TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    size INTEGER NOT NULL,
    format TEXT, encoding TEXT, reader TEXT,
    batch_id TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS originals_doc ON originals(doc_id);
CREATE INDEX IF NOT EXISTS originals_batch ON originals(batch_id);
"""

# Schema 3 → 4: every document's own file becomes its first original.
UPGRADE = """
INSERT OR IGNORE INTO originals (sha256, doc_id, size, format, encoding, reader, batch_id, added_at)
SELECT sha256, id, size, format, encoding, reader, batch_id, created_at FROM documents
"""


def text_key(text: str) -> str:
    """What makes two files the same document: the SHA-256 of their normalised text.

    >>> text_key("Ủy ban\\r\\nnhân  dân") == text_key("U\\u0309y ban nhân dân\\n")
    True
    >>> text_key("Ủy ban nhân dân") == text_key("Uỷ ban nhân dân huyện")
    False
    """
    flat = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(flat.encode("utf-8")).hexdigest()


def record(archive: Archive, *, sha: str, doc_id: str, size: int, fmt: str | None, encoding: str | None,
           reader: str | None, batch_id: str, added_at: str) -> bool:
    """Record an original of ``doc_id``; False when those bytes were already known."""
    cur = archive.conn.execute(
        "INSERT OR IGNORE INTO originals (sha256, doc_id, size, format, encoding, reader, batch_id, added_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (sha, doc_id, size, fmt, encoding, reader, batch_id, added_at),
    )
    return cur.rowcount > 0


def document_of(archive: Archive, sha: str) -> str | None:
    """The document (any version) that these bytes are an original of."""
    row = archive.conn.execute("SELECT doc_id FROM originals WHERE sha256 = ?", (sha,)).fetchone()
    return row[0] if row else None


def of_document(archive: Archive, doc_id: str) -> list[tuple[str, int, str | None, str | None]]:
    """(sha256, size, format, encoding) of a document version's originals, oldest first."""
    return [tuple(r) for r in archive.conn.execute(
        "SELECT sha256, size, format, encoding FROM originals WHERE doc_id = ? ORDER BY added_at, rowid", (doc_id,)
    )]


def all_originals(archive: Archive) -> list[tuple[str, str]]:
    """(doc_id, sha256) of every original of every version."""
    return archive.conn.execute("SELECT doc_id, sha256 FROM originals ORDER BY doc_id, sha256").fetchall()


def drop_batch(archive: Archive, batch: str) -> None:
    """Forget the extra originals a batch brought (undo); a document's own file stays with it."""
    archive.conn.execute(
        "DELETE FROM originals WHERE batch_id = ? AND sha256 NOT IN (SELECT sha256 FROM documents)", (batch,)
    )


def rekey(archive: Archive, old: str, new: str) -> None:
    """Originals follow their version when its row changes id (foreign keys deferred by the caller)."""
    archive.conn.execute("UPDATE originals SET doc_id = ? WHERE doc_id = ?", (new, old))
