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
import json
import sqlite3
import time
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from . import journal

if TYPE_CHECKING:
    from .store import Archive

__all__ = ["SCHEMA", "UPGRADE", "MANIFEST", "text_key", "record", "document_of", "of_document", "all_originals",
           "drop_batch", "rekey", "upgrade_to_5", "name_of", "format_of", "recorded_files", "manifest_path", "note_file", "read_manifest"]

MANIFEST = "manifest.jsonl"  # objects/manifest.jsonl: one line per file imported (hash, name, format, batch)

SCHEMA = """
CREATE TABLE IF NOT EXISTS originals (   -- every file a document was read from, kept in objects/
    sha256 TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    size INTEGER NOT NULL,
    format TEXT, encoding TEXT, reader TEXT,
    batch_id TEXT NOT NULL,
    added_at TEXT NOT NULL,
    name TEXT                        -- the file's name when first imported (its extension says how to
                                     -- read it again); also in objects/manifest.jsonl (schema 5)
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
           reader: str | None, batch_id: str, added_at: str, name: str | None = None) -> bool:
    """Record an original of ``doc_id``; False when those bytes were already known."""
    cur = archive.conn.execute(
        "INSERT OR IGNORE INTO originals (sha256, doc_id, size, format, encoding, reader, batch_id, added_at, name) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sha, doc_id, size, fmt, encoding, reader, batch_id, added_at, name),
    )
    return cur.rowcount > 0


def upgrade_to_5(archive: Archive) -> None:
    """Schema 4 → 5: the name of each original, from a source of its document with its format's
    extension (the document's own file first), and the sidecar manifest of objects/ written."""
    columns = {r[1] for r in archive.conn.execute("PRAGMA table_info(originals)")}
    if "name" not in columns:
        archive.conn.execute("ALTER TABLE originals ADD COLUMN name TEXT")
    todo = archive.conn.execute("SELECT sha256, doc_id, format, batch_id FROM originals WHERE name IS NULL").fetchall()
    for sha, doc_id, fmt, batch in todo:
        names = archive.conn.execute("SELECT name, batch_id FROM sources WHERE doc_id = ? ORDER BY name",
                                     (doc_id,)).fetchall()
        ranked = sorted(names, key=lambda r: (not r[0].lower().endswith(f".{fmt or ''}".lower()), r[1] != batch))
        if ranked:
            archive.conn.execute("UPDATE originals SET name = ? WHERE sha256 = ?", (ranked[0][0], sha))
    if not manifest_path(archive.root).exists():
        for row in archive.conn.execute(
                "SELECT o.sha256, o.name, o.format, o.batch_id, o.added_at, s.path FROM originals o "
                "LEFT JOIN sources s ON s.doc_id = o.doc_id AND s.name = o.name ORDER BY o.added_at, o.rowid"):
            note_file(archive.root, sha=row[0], name=row[1], fmt=row[2], batch=row[3], path=row[5], at=row[4],
                      t=journal.ns_of(row[4]))


def name_of(archive: Archive, sha: str) -> str | None:
    row = archive.conn.execute("SELECT name FROM originals WHERE sha256 = ?", (sha,)).fetchone()
    return row[0] if row else None


def recorded_files(archive: Archive) -> list[sqlite3.Row]:
    """(sha256, name, format, doc_id) of every original, in the order they came in."""
    return archive.conn.execute(
        "SELECT sha256, name, format, doc_id FROM originals ORDER BY added_at, rowid").fetchall()


# -- the sidecar manifest: what each object is, readable without the database ---------------------


def manifest_path(root: Path) -> Path:
    return root / "objects" / MANIFEST


def note_file(root: Path, *, sha: str, name: str | None, fmt: str | None, batch: str, path: str | None,
              at: str, t: int | None = None) -> None:
    """Append one line to ``objects/manifest.jsonl``: a file of a batch, its bytes' hash, the name and
    format to read it again by. Appended by one writer (the lock holder), in import order; the
    importer's per-chunk disk flush makes the lines as durable as the rows."""
    if journal.paused(root):
        return
    line = json.dumps({"sha256": sha, "name": name, "format": fmt, "path": path, "batch": batch, "at": at,
                       "t": t if t is not None else time.time_ns()}, ensure_ascii=False) + "\n"
    journal.append_line(manifest_path(root), line.encode("utf-8"), sync=False)


def read_manifest(root: Path) -> list[dict]:
    """Every readable line of the manifest, in order (a line cut short by a crash is skipped)."""
    out = []
    path = manifest_path(root)
    if not path.exists():
        return out
    for line in path.read_bytes().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
            out.append(entry)
    return out


def document_of(archive: Archive, sha: str) -> str | None:
    """The document (any version) that these bytes are an original of."""
    row = archive.conn.execute("SELECT doc_id FROM originals WHERE sha256 = ?", (sha,)).fetchone()
    return row[0] if row else None


def format_of(archive: Archive, sha: str) -> str | None:
    """The format these bytes were read as when they came in (None for bytes the archive lacks)."""
    row = archive.conn.execute("SELECT format FROM originals WHERE sha256 = ?", (sha,)).fetchone()
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
