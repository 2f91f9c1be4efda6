"""The archive: one directory, a SQLite database that is the source of truth, and the originals.

Layout of an archive directory::

    archive.sqlite     documents, citations, provenance, batches, failures (WAL)
    objects/ab/abcd…   every imported file, byte-exact, named by its SHA-256
    write.lock         held by the one process that writes (import, undo, link, reindex)
    fulltext/          Whoosh index        } derived: rebuilt from archive.sqlite
    vectors/           embeddings          } whenever they are missing or stale

Readers never lock; SQLite's WAL lets searches run while an import writes.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import heapq
import json
import os
import sqlite3
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .. import __version__
from ..vietnamese.text import fold_key
from . import batches, graphstore, journal, originals
from .errors import AmbiguousReference, ArchiveBusy, ArchiveError, BadInput, DamagedDocument, NotFound
from .numbers import canonical_number, number_key
from .types import Document

__all__ = ["Archive", "StoredDocument", "SCHEMA_VERSION", "sha256_hex", "store_object", "object_path", "stored_date",
           "FACET_LIMIT", "top_facet_values"]

SCHEMA_VERSION = 7  # 4: originals table, documents.text_sha, a new version keeps its document's id;
# 6: the edges_missing index (created by graphstore.SCHEMA, nothing else changes)
# 7: documents_by_number, a covering index by number and issuer, replaces documents_number;
#    documents_superseded and documents_supersedes (partial: the versions alone); documents_citing
# 5: every document row sealed (row_sha, parser_version), originals' file names recorded
PARSER_VERSION = f"vanthu {__version__}"  # what a row was derived with: the reader and parser of this release
FACET_LIMIT = 12  # values a facet shows (facet_counts, top_facet_values)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,             -- the document's id: first 12 hex digits of its first original's
                                     -- sha256 (longer on a collision); kept by every later version
    sha256 TEXT NOT NULL UNIQUE,     -- the original this version was read from (all: `originals`)
    size INTEGER NOT NULL,
    format TEXT, encoding TEXT, reader TEXT,
    number TEXT, number_key TEXT, doc_type TEXT, issuer TEXT, issuer_key TEXT,
    issuer_level TEXT, parent_body TEXT, place TEXT, date TEXT, year INTEGER,
    subject TEXT, urgency TEXT, signer TEXT, signer_title TEXT, recipients TEXT,
    text TEXT NOT NULL,              -- prepared text (vietnamese.text.prepare); offsets refer to it
    text_sha TEXT,                   -- originals.text_key(text): same text, same document (schema 4)
    parsed TEXT NOT NULL,            -- Document.to_json() as the parser gave it
    overrides TEXT,                  -- a librarian's corrections (JSON object), applied over `parsed`
    supersedes TEXT,                 -- the previous version's row (its own id, kept for history)
    superseded_by TEXT,              -- the next version's row; NULL for the current version
    batch_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    fulltext_indexed INTEGER NOT NULL DEFAULT 0,
    parser_version TEXT,             -- the reader and parser release this row was derived with (schema 5)
    row_sha TEXT                     -- the row's seal: SHA-256 of every column below but itself and
                                     -- fulltext_indexed, kept by the triggers of _SEAL (schema 5)
);
-- Resolution's candidates by number, and a new version's predecessor by number, issuer and date, read
-- from the index alone: one number is shared by hundreds of documents of as many issuers ("01/KH-UBND"),
-- and reading their rows (superseded_by sits after the text, in its overflow pages) was most of the
-- writer's time at 700,000 documents (schema 7; it replaces documents_number, on number_key alone)
CREATE INDEX IF NOT EXISTS documents_by_number
    ON documents(number_key, issuer_key, date, superseded_by, id, issuer, issuer_level, year);
-- A new version moves its predecessor's row to another id, and every link between versions with it:
-- without these, two scans of every row (read through each text's overflow pages) per new version
CREATE INDEX IF NOT EXISTS documents_superseded ON documents(superseded_by) WHERE superseded_by IS NOT NULL;
-- A citation's citing document (its date, year, and whether it is current), read from the index alone by
-- the graph: the import re-resolves a thousand citations a chunk at a million documents
CREATE INDEX IF NOT EXISTS documents_citing ON documents(id, date, year, superseded_by);
CREATE INDEX IF NOT EXISTS documents_supersedes ON documents(supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer_key);
CREATE INDEX IF NOT EXISTS documents_batch ON documents(batch_id);
CREATE INDEX IF NOT EXISTS documents_pending ON documents(fulltext_indexed) WHERE fulltext_indexed = 0;
-- Every column a search filter reads (Archive.filtered_ids), so that filtering scans this
-- small index instead of the table's rows, which carry the text (schema 3).
CREATE INDEX IF NOT EXISTS documents_filters
    ON documents(issuer_level, doc_type, issuer, date, year, superseded_by, id);

CREATE TABLE IF NOT EXISTS sources (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    path TEXT NOT NULL,              -- as the librarian sees it (zip members: archive.zip/inner/a.docx)
    name TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, path)
);
CREATE INDEX IF NOT EXISTS sources_path ON sources(path);
CREATE INDEX IF NOT EXISTS sources_batch ON sources(batch_id);

CREATE TABLE IF NOT EXISTS citations (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    number TEXT, number_key TEXT, doc_type TEXT, date TEXT, year INTEGER,
    issuer TEXT, relation TEXT NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, name TEXT,
    UNIQUE (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS citations_number ON citations(number_key);

"""

# The columns a row's seal covers: what it was derived from and what it holds. A trigger reseals a row
# whenever one of them is written, through SQLite itself, so every writer keeps its seal; damage that
# comes from outside (a flipped byte on disk, an edit that bypasses vanthu) leaves it wrong.
_SEALED = (
    "id", "sha256", "size", "format", "encoding", "reader", "parser_version", "number", "number_key",
    "doc_type", "issuer", "issuer_key", "issuer_level", "parent_body", "place", "date", "year", "subject",
    "urgency", "signer", "signer_title", "recipients", "text", "text_sha", "parsed", "overrides",
    "supersedes", "superseded_by", "batch_id", "created_at",
)
SEAL_EXPR = "vanthu_seal(" + ", ".join(f'CAST("{c}" AS BLOB)' for c in _SEALED) + ")"
_SEAL = f"""
CREATE TRIGGER IF NOT EXISTS documents_seal_insert AFTER INSERT ON documents BEGIN
    UPDATE documents SET row_sha = {SEAL_EXPR} WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER IF NOT EXISTS documents_seal_update AFTER UPDATE OF {", ".join(_SEALED)} ON documents BEGIN
    UPDATE documents SET row_sha = {SEAL_EXPR} WHERE rowid = NEW.rowid;
END;
"""


def seal(*values: bytes | int | float | None) -> str:
    """A row's seal: the SHA-256 of its sealed columns' bytes, each one length-prefixed (NULL apart).

    >>> seal(b"a", None) == seal(b"a", None) != seal(b"a", b"")
    True
    """
    digest = hashlib.sha256()
    for value in values:
        if value is None:
            digest.update(b"N")
        else:
            data = value if isinstance(value, bytes) else str(value).encode()
            digest.update(b"V%d:" % len(data) + data)
    return digest.hexdigest()


class DamagedText(str):
    """A text column whose bytes are not UTF-8 (damage on disk): read with replacement characters so
    that no reader fails on it, and marked so that :meth:`Archive._stored` can name the document."""


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return DamagedText(data.decode("utf-8", "replace"))


_META_FIELDS = (
    "number", "doc_type", "issuer", "issuer_level", "parent_body", "place", "date", "year",
    "subject", "urgency", "signer", "signer_title",
)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def object_path(root: Path, sha: str) -> Path:
    return root / "objects" / sha[:2] / sha


def store_object(root: Path, data: bytes, sha: str | None = None) -> str:
    """Write an original file into the content-addressed store (atomic, idempotent).

    The file is complete or absent (written aside, then renamed), which is all a killed process
    needs. Against power loss the caller flushes the disk once before committing the rows that
    name a group of objects (the importer does, per chunk) instead of one fsync per file.
    """
    sha = sha or sha256_hex(data)
    target = object_path(root, sha)
    if target.exists() and target.stat().st_size == len(data):
        return sha
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha


def exclusive_lock(path: Path, *, busy: str, cannot: str) -> int:
    """Take an exclusive lock on ``path`` at once or raise ArchiveBusy(busy); returns its fd.

    The kernel releases it when the process dies, so a killed import never leaves the archive locked.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise ArchiveError(f"{cannot}: {err.strerror}") from err
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise ArchiveBusy(busy) from None
    return fd


def stored_date(value: str | None) -> dt.date | None:
    """A date column as stored (ISO), or None when it is empty or not a date."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class StoredDocument:
    """A document as the archive holds it: effective metadata, text and provenance."""

    id: str
    sha256: str
    meta: Document
    text: str
    format: str | None
    encoding: str | None
    reader: str | None
    size: int
    batch_id: str
    created_at: str
    sources: tuple[str, ...] = ()
    overrides: dict[str, Any] = field(default_factory=dict)
    supersedes: str | None = None
    superseded_by: str | None = None

    def summary(self) -> dict[str, Any]:
        """The short form used in candidate lists and result rows."""
        return {
            "id": self.id,
            "number": self.meta.number,
            "doc_type": self.meta.doc_type,
            "issuer": self.meta.issuer,
            "date": self.meta.date.isoformat() if self.meta.date else None,
            "subject": self.meta.subject,
        }


def document_json(doc: StoredDocument, *, with_text: bool = True) -> dict[str, Any]:
    """`show --json`: the parsed fields, where the document came from, and its text."""
    out: dict[str, Any] = {"id": doc.id, **doc.meta.to_json()}
    out["provenance"] = {
        "sha256": doc.sha256, "size": doc.size, "format": doc.format, "encoding": doc.encoding,
        "reader": doc.reader, "sources": list(doc.sources), "batch": doc.batch_id, "imported_at": doc.created_at,
        "overridden": sorted(doc.overrides), "supersedes": doc.supersedes, "superseded_by": doc.superseded_by,
    }
    if with_text:
        out["text"] = doc.text
    return out


def apply_overrides(parsed: dict[str, Any], overrides: dict[str, Any] | None) -> Document:
    """Effective metadata: the parser's values with a librarian's corrections on top."""
    merged = dict(parsed)
    for key, value in (overrides or {}).items():
        merged[key] = value
    if merged.get("number"):
        merged["number"] = canonical_number(merged["number"])
    corrected_date = "date" in (overrides or {}) and "year" not in (overrides or {})
    if merged.get("date") and (corrected_date or not merged.get("year")):  # a corrected date says the year too
        merged["year"] = int(str(merged["date"])[:4])
    return Document.from_json(merged)


class Archive:
    """An open archive directory. Use :meth:`open`; writers take :meth:`write_lock`."""

    def __init__(self, root: Path, conn: sqlite3.Connection, readonly: bool) -> None:
        self.root = root
        self.conn = conn
        self.readonly = readonly
        self._lock_fd: int | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | str, *, create: bool = True, readonly: bool = False) -> "Archive":
        """Open (and with ``create``, initialise) the archive at ``root``."""
        root = Path(root).expanduser()
        db = root / "archive.sqlite"
        if not db.exists():
            if not create or readonly:
                raise ArchiveError(f"no archive at {root} (import documents first: vanthu import PATH)")
            try:
                (root / "objects").mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise ArchiveError(f"cannot create archive at {root}: {err.strerror}") from err
        elif not root.is_dir():
            raise ArchiveError(f"{root} is not a directory")
        try:
            conn = _connect(db, readonly)
        except ArchiveError:
            if readonly:
                raise
            # A read-only archive (mounted so, or made immutable): reading still works; any
            # write then says "archive opened read-only" instead of "unable to open database file".
            conn, readonly = _connect(db, True, immutable=True), True
        archive = cls(root, conn, readonly)
        if not readonly:
            archive._init_schema()
        return archive

    def _init_schema(self) -> None:
        """Create or upgrade the tables; a current archive is only read (no write lock taken)."""
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is not None and int(row[0]) >= SCHEMA_VERSION:
                return
        except sqlite3.OperationalError:
            pass  # a new archive: no meta table yet
        try:
            self.conn.executescript(_SCHEMA + batches.SCHEMA + graphstore.SCHEMA + originals.SCHEMA)
            with self.transaction():
                self._upgrade_to_4()
                self._upgrade_to_5()
                self.conn.execute("DROP INDEX IF EXISTS documents_number")  # 7: documents_by_number serves it
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
        except sqlite3.OperationalError as err:
            raise _archive_error(self.root, err) from err

    def _upgrade_to_4(self) -> None:
        """Schema 3 → 4 (idempotent, one transaction): the text key of every version, and every
        document's own file as its first original. Ids do not change."""
        columns = {r[1] for r in self.conn.execute("PRAGMA table_info(documents)")}
        if "text_sha" not in columns:
            self.conn.execute("ALTER TABLE documents ADD COLUMN text_sha TEXT")
        self.conn.execute("CREATE INDEX IF NOT EXISTS documents_text ON documents(text_sha)")
        todo = self.conn.execute("SELECT id, text FROM documents WHERE text_sha IS NULL").fetchall()
        self.conn.executemany("UPDATE documents SET text_sha = ? WHERE id = ?",
                              [(originals.text_key(text), doc_id) for doc_id, text in todo])
        self.conn.execute(originals.UPGRADE)

    def _upgrade_to_5(self) -> None:
        """Schema 4 → 5 (idempotent, in the upgrade's transaction): every row sealed as it stands
        (its parser version unknown: NULL), and the file name of every original that a source names."""
        columns = {r[1] for r in self.conn.execute("PRAGMA table_info(documents)")}
        for column in ("parser_version", "row_sha"):
            if column not in columns:
                self.conn.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
        for statement in _SEAL.split("END;")[:-1]:
            self.conn.execute(statement + "END;")
        self.conn.execute(f"UPDATE documents SET row_sha = {SEAL_EXPR} WHERE row_sha IS NULL")
        originals.upgrade_to_5(self)
        self._journal_existing_decisions()

    def has_index(self, name: str) -> bool:
        """Whether the archive has index ``name`` (an older archive opened read-only may not), asked
        before a query names it (``INDEXED BY`` fails without it); a few microseconds."""
        return self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone() is not None

    def close(self) -> None:
        self.release_lock()
        self.conn.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def fulltext_dir(self) -> Path:
        return self.root / "fulltext"

    @property
    def vectors_dir(self) -> Path:
        return self.root / "vectors"

    # -- locking ----------------------------------------------------------------------------

    def acquire_lock(self) -> None:
        """Take the archive's single-writer lock, or raise ArchiveBusy at once."""
        if self._lock_fd is not None:
            return
        if self.readonly:
            raise ArchiveError(f"the archive at {self.root} is read-only: nothing can be written to it")
        fd = exclusive_lock(
            self.root / "write.lock",
            busy=f"the archive at {self.root} is busy: another vanthu process (an import?) is writing to it",
            cannot=f"cannot write to the archive at {self.root}",
        )
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def release_lock(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextmanager
    def write_lock(self) -> Iterator["Archive"]:
        held = self._lock_fd is not None
        self.acquire_lock()
        try:
            yield self
        finally:
            if not held:
                self.release_lock()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of writes: all of it lands, or none of it does."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as err:
            self._rollback()
            raise _archive_error(self.root, err) from err
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- reading ----------------------------------------------------------------------------

    def get(self, doc_id: str) -> StoredDocument:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        return self._stored(row)

    def _stored(self, row: sqlite3.Row) -> StoredDocument:
        try:
            if any(isinstance(value, DamagedText) for value in row):
                raise ValueError("a column is not UTF-8")
            overrides = json.loads(row["overrides"]) if row["overrides"] else {}
            meta = apply_overrides(json.loads(row["parsed"]), overrides)
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            raise DamagedDocument(row["id"], str(err)) from None
        sources = tuple(
            r[0] for r in self.conn.execute("SELECT path FROM sources WHERE doc_id = ? ORDER BY path", (row["id"],))
        )
        return StoredDocument(
            id=row["id"], sha256=row["sha256"], meta=meta, text=row["text"], format=row["format"],
            encoding=row["encoding"], reader=row["reader"], size=row["size"], batch_id=row["batch_id"],
            created_at=row["created_at"], sources=sources, overrides=overrides,
            supersedes=row["supersedes"], superseded_by=row["superseded_by"],
        )

    def iter_documents(self, *, current_only: bool = True, ids: Iterable[str] | None = None) -> Iterator[StoredDocument]:
        """Every document (current versions by default), or those with the given ids."""
        if ids is not None:
            for doc_id in ids:
                row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
                if row is not None:
                    yield self._stored(row)
            return
        where = "WHERE superseded_by IS NULL" if current_only else ""
        for row in self.conn.execute(f"SELECT * FROM documents {where} ORDER BY rowid"):
            yield self._stored(row)

    def count(self, *, current_only: bool = True) -> int:
        where = "WHERE superseded_by IS NULL" if current_only else ""
        return self.conn.execute(f"SELECT count(*) FROM documents {where}").fetchone()[0]

    def filtered_ids(self, *, doc_type: str | None = None, level: str | None = None,
                     issuer: Callable[[str], bool] | None = None, date_from: dt.date | None = None,
                     date_to: dt.date | None = None) -> frozenset[str]:
        """Ids of the current documents that pass search filters given as plain values.

        ``doc_type`` is compared folded, ``level`` as stored; ``issuer`` says whether an issuer's name
        passes (the search's own word test). The dates keep a document whose known date interval
        overlaps [from, to]: a known date is its own interval, a known year alone covers the year, no
        date never overlaps. The folded comparisons are made once per distinct type and issuer (an
        archive has hundreds of them, not 100,000), the date interval in the query itself; the
        ``documents_filters`` index covers every column read.
        """
        where, args = ["superseded_by IS NULL"], []

        def among(column: str, keep: Callable[[str], bool]) -> None:
            values = [value for (value,) in self.conn.execute(f"SELECT DISTINCT {column} FROM documents")
                      if value and keep(value)]
            where.append(f"{column} IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(values, ensure_ascii=False))

        if doc_type:
            among("doc_type", lambda value: fold_key(value) == fold_key(doc_type))
        if level:
            where.append("issuer_level = ?")
            args.append(level)
        if issuer:
            among("issuer", issuer)
        if date_from or date_to:
            where.append("(date IS NOT NULL OR year IS NOT NULL)")
            if date_from:
                where.append("COALESCE(date, printf('%04d-12-31', year)) >= ?")
                args.append(date_from.isoformat())
            if date_to:
                where.append("COALESCE(date, printf('%04d-01-01', year)) <= ?")
                args.append(date_to.isoformat())
        sql = f"SELECT id FROM documents WHERE {' AND '.join(where)}"
        return frozenset(row[0] for row in self.conn.execute(sql, args))

    def find_by_number(self, number: str, *, current_only: bool = True) -> list[sqlite3.Row]:
        """Rows whose number matches however it was typed ("845/ubnd - yt" = "845/UBND-YT")."""
        where = "AND superseded_by IS NULL" if current_only else ""
        return self.conn.execute(
            f"SELECT * FROM documents WHERE number_key = ? {where} ORDER BY date, id", (number_key(number),)
        ).fetchall()

    def resolve_ref(self, ref: str, *, issuer: str | None = None, year: int | None = None) -> StoredDocument:
        """A REF of the CLI: an archive id (or a unique prefix of one) or a document number."""
        ref = ref.strip()
        if not ref:
            raise BadInput("empty document reference: give an archive id or a number such as 845/UBND-YT")
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (ref.lower(),)).fetchone()
        if row is not None:
            return self._stored(row)
        rows = self.find_by_number(ref)
        if not rows and len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref.lower()):
            rows = self.conn.execute(
                "SELECT * FROM documents WHERE id LIKE ? ORDER BY id", (ref.lower() + "%",)
            ).fetchall()
        if issuer:
            key = fold_key(issuer)
            rows = [r for r in rows if key in (r["issuer_key"] or "")]
        if year:
            rows = [r for r in rows if r["year"] == year]
        if not rows:
            narrowed = " with that issuer/year" if issuer or year else ""
            raise NotFound(f"no document {ref!r}{narrowed} in the archive")
        if len(rows) > 1:
            cands = [self._stored(r).summary() for r in rows]
            raise AmbiguousReference(
                f"{ref!r} matches {len(rows)} documents; narrow it with --issuer or --year, or give an id", cands
            )
        return self._stored(rows[0])

    def current_ids(self) -> list[str]:
        """Ids of the current versions, in import order."""
        return [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE superseded_by IS NULL ORDER BY rowid")]

    def exists(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def require_current(self, doc_id: str) -> None:
        """Raise unless ``doc_id`` is a document's current version (what links join)."""
        row = self.conn.execute("SELECT superseded_by FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        if row[0]:
            current = self.current_version(doc_id)
            raise BadInput(f"{doc_id} is an earlier version of {current}; link the current version, {current}")

    def versions_of(self, doc_id: str) -> set[str]:
        """The document and every earlier and later version of it."""
        seen, todo = set(), [doc_id]
        while todo:
            current = todo.pop()
            if current in seen or current is None:
                continue
            seen.add(current)
            row = self.conn.execute("SELECT supersedes, superseded_by FROM documents WHERE id = ?", (current,)).fetchone()
            if row is not None:
                todo += [r for r in row if r]
        return seen

    def current_subjects(self) -> list[tuple[str, str | None]]:
        """(id, subject) of every current document, in import order (what a vector stands for)."""
        return self.conn.execute(
            "SELECT id, subject FROM documents WHERE superseded_by IS NULL ORDER BY rowid"
        ).fetchall()

    def originals(self) -> list[tuple[str, str]]:
        """(id, sha256) of every original of every version: a document's own file and every other
        copy of the same text (another encoding or format)."""
        return originals.all_originals(self)

    def current_version(self, doc_id: str) -> str:
        """The current version of the document that ``doc_id`` is a version of."""
        seen = {doc_id}
        while (row := self.conn.execute("SELECT superseded_by FROM documents WHERE id = ?", (doc_id,)).fetchone()) \
                and row[0] and row[0] not in seen:
            doc_id = row[0]
            seen.add(doc_id)
        return doc_id

    # -- verifying what is stored (vanthu check) ------------------------------------------------

    def unsealed_rows(self) -> list[tuple[int, str, str]]:
        """(rowid, id, sha256) of the document rows whose seal no longer matches what they hold: a
        byte changed on disk, or a write that went around vanthu. Id and hash as far as readable."""
        if self.meta_value("schema_version") != str(SCHEMA_VERSION):  # an older archive opened read-only
            return []
        return self.conn.execute(
            f"SELECT rowid, id, sha256 FROM documents WHERE row_sha IS NOT {SEAL_EXPR} ORDER BY rowid"
        ).fetchall()

    def citations_out_of_step(self, skip: Iterable[int] = ()) -> list[str]:
        """Ids of the documents whose citation rows are not those their metadata states (the rows
        :meth:`_write_citations` writes); the rows in ``skip`` (rowids, already found damaged) aside."""
        stored: dict[str, list[tuple]] = {}
        for row in self.conn.execute(f"SELECT {_CITATION_VALUES} FROM citations ORDER BY doc_id, seq"):
            stored.setdefault(row[0], []).append(tuple(row))
        skipped, bad = set(skip), []
        for row in self.conn.execute("SELECT rowid, id, parsed, overrides FROM documents ORDER BY rowid"):
            if row[0] in skipped:
                continue
            try:
                meta = apply_overrides(json.loads(row["parsed"]), json.loads(row["overrides"] or "{}"))
            except (ValueError, TypeError, KeyError, AttributeError):
                bad.append(row["id"])
                continue
            if stored.pop(row["id"], []) != _citation_values(row["id"], meta):
                bad.append(row["id"])
        return bad + sorted(doc_id for doc_id in stored if doc_id not in bad)  # rows of no document

    def foreign_key_problems(self) -> list[str]:
        """Rows that name a row that is not there (SQLite's foreign key check), as 'table row N'."""
        return [f"{r[0]} row {r[1]} names a missing {r[2]} row" for r in self.conn.execute("PRAGMA foreign_key_check")]

    def restore_row(self, rowid: int, *, doc_id: str, sha: str, size: int, text: str, parsed: dict[str, Any],
                    overrides: dict[str, Any] | None, fmt: str | None, encoding: str | None,
                    reader: str | None) -> Document:
        """Write a damaged row again from what its original gives (``check --repair``); its history
        columns stay as they are (the caller has found them sound), the seal follows by trigger."""
        self.conn.execute(
            "UPDATE documents SET id = ?, sha256 = ?, size = ?, format = ?, encoding = ?, reader = ?, text = ?, "
            "text_sha = ?, parsed = ?, parser_version = ?, fulltext_indexed = 0 WHERE rowid = ?",
            (doc_id, sha, size, fmt, encoding, reader, text, originals.text_key(text),
             json.dumps(parsed, ensure_ascii=False), PARSER_VERSION, rowid),
        )
        return self.set_overrides(doc_id, overrides)

    def drop_citations_of(self, doc_id: str) -> None:
        """Citation rows of a document that is not there (their document id was garbled)."""
        self.conn.execute("DELETE FROM citations WHERE doc_id = ? AND doc_id NOT IN (SELECT id FROM documents)",
                          (doc_id,))

    def original_name(self, sha: str) -> str | None:
        """The file name an original was imported under (its extension says how to read it)."""
        return originals.name_of(self, sha)

    def history_of_row(self, rowid: int) -> sqlite3.Row:
        """(id, supersedes, superseded_by, batch_id, created_at, overrides) of a row, as far as readable."""
        return self.conn.execute(
            "SELECT id, supersedes, superseded_by, batch_id, created_at, overrides FROM documents WHERE rowid = ?",
            (rowid,),
        ).fetchone()

    def copy_database(self, target: Path) -> None:
        """A consistent copy of the database at ``target`` (SQLite's online backup: readers and a
        writer may go on meanwhile), in WAL mode as an archive opens it, so that opening the copy to
        check or search it changes none of its bytes."""
        out = sqlite3.connect(target)
        try:
            self.conn.backup(out)
            out.execute("PRAGMA journal_mode=WAL")
        finally:
            out.close()

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity check: empty when the database file is sound."""
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    def meta_value(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- what the graph reads ------------------------------------------------------------------

    def number_candidates(self, key: str) -> list[sqlite3.Row]:
        """(id, issuer, issuer_level, date, year, superseded_by) of every version with a number key."""
        return self.conn.execute(
            "SELECT id, issuer, issuer_level, date, year, superseded_by FROM documents WHERE number_key = ?", (key,)
        ).fetchall()

    def numbered_current(self) -> Iterator[sqlite3.Row]:
        """(id, issuer, issuer_level, date, year, number_key) of every current numbered document."""
        return self.conn.execute(
            "SELECT id, issuer, issuer_level, date, year, number_key FROM documents "
            "WHERE number_key IS NOT NULL AND superseded_by IS NULL"
        )

    def place_row(self, doc_id: str) -> sqlite3.Row | None:
        """(issuer_level, place, text): where a document sits, with its text as a gazetteer hint."""
        return self.conn.execute("SELECT issuer_level, place, text FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def citation_rows(self, doc_ids: Iterable[str]) -> list[sqlite3.Row]:
        """The citations of these documents, each with its citing document's date and year."""
        return self.conn.execute(
            f"SELECT {_CITATION_COLUMNS} FROM citations c JOIN documents d ON d.id = c.doc_id "
            "WHERE c.doc_id IN (SELECT value FROM json_each(?)) ORDER BY c.doc_id, c.seq",
            (_json_ids(doc_ids),),
        ).fetchall()

    def citations_naming(self, keys: Iterable[str], citation_ids: Iterable[int], skip: Iterable[str]) -> list[sqlite3.Row]:
        """Citations (as :meth:`citation_rows`, plus the citing document's ``superseded_by``) that name
        one of the number ``keys`` or are among ``citation_ids``, except those of documents in ``skip``."""
        # SQLite picks the primary key's index, then reads each row for superseded_by, after the text
        by = "INDEXED BY documents_citing" if self.has_index("documents_citing") else ""  # schema 7
        return self.conn.execute(
            f"""SELECT {_CITATION_COLUMNS}, d.superseded_by FROM citations c JOIN documents d {by} ON d.id = c.doc_id
                WHERE (c.number_key IN (SELECT value FROM json_each(?1))
                       OR c.id IN (SELECT value FROM json_each(?2)))
                  AND c.doc_id NOT IN (SELECT value FROM json_each(?3))""",
            (_json_ids(keys), _json_ids(citation_ids), _json_ids(skip)),
        ).fetchall()

    def citation_spans(self, doc_id: str) -> list[tuple[int, int]]:
        return [(r[0], r[1]) for r in self.conn.execute('SELECT start, "end" FROM citations WHERE doc_id = ?', (doc_id,))]

    def has_citation(self, doc_id: str, seq: int) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM citations WHERE doc_id = ? AND seq = ?", (doc_id, seq)
        ).fetchone() is not None

    def predecessors(self, doc_ids: Iterable[str]) -> list[str]:
        """The earlier versions that these documents supersede."""
        return [r[0] for r in self.conn.execute(
            "SELECT supersedes FROM documents WHERE id IN (SELECT value FROM json_each(?)) AND supersedes IS NOT NULL",
            (_json_ids(doc_ids),),
        )]

    def revived_if_removed(self, gone: frozenset[str]) -> list[str]:
        """The earlier versions that become current again when the documents ``gone`` are removed."""
        return [r[0] for r in self.conn.execute(
            "SELECT p.id, p.superseded_by FROM documents g JOIN documents p ON p.id = g.supersedes "
            "WHERE g.id IN (SELECT value FROM json_each(?))", (_json_ids(gone),)
        ) if r[0] not in gone and r[1] in gone]

    def number_keys(self, doc_ids: Iterable[str]) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT number_key FROM documents WHERE id IN (SELECT value FROM json_each(?)) "
            "AND number_key IS NOT NULL", (_json_ids(doc_ids),)
        )]

    def has_documents_besides(self, doc_ids: Iterable[str]) -> bool:
        """Whether a current document other than these exists (earlier versions cite nothing)."""
        return self.conn.execute(
            "SELECT 1 FROM documents WHERE superseded_by IS NULL AND id NOT IN (SELECT value FROM json_each(?)) "
            "LIMIT 1", (_json_ids(doc_ids),)
        ).fetchone() is not None

    def node_rows(self, doc_ids: Iterable[str]) -> list[sqlite3.Row]:
        """(id, number, doc_type, issuer, issuer_level, date, year, subject): what a graph node shows."""
        return self.conn.execute(
            "SELECT id, number, doc_type, issuer, issuer_level, date, year, subject FROM documents "
            "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(doc_ids)),)
        ).fetchall()

    def current_ids_matching(self, *, issuer: str | None = None, date_from: str | None = None,
                             date_to: str | None = None) -> list[str]:
        """Current documents of an issuer (folded substring) and within a period (ISO bounds)."""
        where, params = ["superseded_by IS NULL"], []
        for clause, value in (("issuer_key LIKE ?", issuer and f"%{fold_key(issuer)}%"),
                              ("date >= ?", date_from), ("date <= ?", date_to)):
            if value:
                where.append(clause)
                params.append(value)
        return [r[0] for r in self.conn.execute(f"SELECT id FROM documents WHERE {' AND '.join(where)}", params)]

    def candidate_rows(self) -> list[tuple]:
        """(id, number, doc_type, issuer, issuer_level, date, year, latest cited date when undated)
        of every current document: the pool that suggestions rank."""
        return self.conn.execute(
            "SELECT d.id, d.number, d.doc_type, d.issuer, d.issuer_level, d.date, d.year, "
            "(SELECT max(c.date) FROM citations c WHERE c.doc_id = d.id AND d.date IS NULL) "
            "FROM documents d WHERE d.superseded_by IS NULL"
        ).fetchall()

    # -- the full-text index's marks -----------------------------------------------------------

    def fulltext_pending(self) -> list[tuple[str, str | None]]:
        """(id, superseded_by) of the rows the full-text index does not yet hold in their current form."""
        return self.conn.execute(
            "SELECT id, superseded_by FROM documents WHERE fulltext_indexed = 0 ORDER BY rowid"
        ).fetchall()

    def fulltext_pending_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents WHERE fulltext_indexed = 0").fetchone()[0]

    def mark_fulltext_indexed(self, doc_ids: Iterable[str] | None = None) -> None:
        """The index holds these rows as they are now (every current row when ``doc_ids`` is None)."""
        if doc_ids is None:
            self.conn.execute("UPDATE documents SET fulltext_indexed = 1 WHERE superseded_by IS NULL")
        else:
            self.conn.executemany("UPDATE documents SET fulltext_indexed = 1 WHERE id = ?", [(i,) for i in doc_ids])

    # -- counts ---------------------------------------------------------------------------------

    def group_counts(self, column: str, *, by_count: bool = False, limit: int | None = None) -> dict[str, int]:
        """Current documents per value of a metadata column ("unknown" for none)."""
        if column not in _GROUPABLE:
            raise ValueError(column)
        order = "n DESC, k" if by_count else "k"
        bound = f"LIMIT {int(limit)}" if limit is not None else ""
        rows = self.conn.execute(
            f"SELECT {column} AS k, count(*) AS n FROM documents WHERE superseded_by IS NULL "
            f"GROUP BY k ORDER BY {order} {bound}"
        ).fetchall()
        return {("unknown" if k is None else str(k)): n for k, n in rows}

    def facet_counts(self, doc_ids: Iterable[str], columns: Sequence[str], *,
                     limit: int = FACET_LIMIT) -> dict[str, dict[str, int]]:
        """Of these documents, how many per value of each metadata column (the ``limit`` most
        frequent, most first, then by value; "unknown" for none). One query reads the columns of
        every document once (a search page's facets: up to 10,000 documents, four columns)."""
        if not set(columns) <= _GROUPABLE:
            raise ValueError(sorted(set(columns) - _GROUPABLE))
        rows = self.conn.execute(
            f"SELECT {', '.join(columns)} FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            (_json_ids(doc_ids),),
        ).fetchall()
        return {column: top_facet_values(Counter(values), limit)
                for column, values in zip(columns, list(zip(*rows)) or [()] * len(columns))}

    def citation_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM citations").fetchone()[0]

    # -- undoing a batch (caller holds the write lock and a transaction) --------------------------

    def documents_of_batch(self, batch: str) -> list[str]:
        """The versions a batch brought: earlier (superseded) ones first, so that undo cuts them out
        of their history before it gives a current one's id back to the version before it."""
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM documents WHERE batch_id = ? ORDER BY superseded_by IS NULL, rowid", (batch,))]

    def other_batch_of(self, doc_id: str, batch: str) -> str | None:
        """Another batch that also brought this document, if any."""
        row = self.conn.execute(
            "SELECT batch_id FROM sources WHERE doc_id = ? AND batch_id != ? ORDER BY batch_id LIMIT 1",
            (doc_id, batch),
        ).fetchone()
        return row[0] if row else None

    def reassign_batch(self, doc_id: str, batch: str) -> None:
        self.conn.execute("UPDATE documents SET batch_id = ? WHERE id = ?", (batch, doc_id))

    def previous_version(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT supersedes FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def delete_document(self, doc_id: str) -> str | None:
        """Delete a version (its sources, citations, originals and edges follow).

        The current version's earlier one becomes current again under the document's id, which is
        returned (links and corrections keyed by it stay with the document). An earlier version
        deleted from the middle of the history is cut out of the chain.
        """
        prev, nxt = self.conn.execute(
            "SELECT supersedes, superseded_by FROM documents WHERE id = ?", (doc_id,)).fetchone()
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        if nxt:  # a middle version: its neighbours now follow each other
            self.conn.execute("UPDATE documents SET supersedes = ? WHERE id = ?", (prev, nxt))
            if prev:
                self.conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (nxt, prev))
            return None
        if not prev:
            return None
        self._rekey(prev, doc_id)
        self.conn.execute("UPDATE documents SET superseded_by = NULL, fulltext_indexed = 0 WHERE id = ?", (doc_id,))
        return doc_id

    def drop_sources_of_batch(self, batch: str) -> None:
        self.conn.execute("DELETE FROM sources WHERE batch_id = ?", (batch,))
        originals.drop_batch(self, batch)

    # -- writing (caller holds the write lock and a transaction) ----------------------------

    def known_sha(self, sha: str) -> str | None:
        """The document version these bytes are an original of (its own file or another copy)."""
        return originals.document_of(self, sha)

    def same_text(self, text: str, key: str | None = None) -> str | None:
        """The document version whose normalised text is ``text``'s (another encoding or format of it);
        ``key``: its :func:`~.originals.text_key` when the caller has it already."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE text_sha = ? ORDER BY superseded_by IS NOT NULL, rowid LIMIT 1",
            (key or originals.text_key(text),),
        ).fetchone()
        return row[0] if row else None

    def add_original(self, doc_id: str, *, sha: str, size: int, fmt: str | None, encoding: str | None,
                     reader: str | None, batch_id: str, name: str | None = None) -> bool:
        """Another file of the same text: kept, listed and verified with the document's own."""
        return originals.record(self, sha=sha, doc_id=doc_id, size=size, fmt=fmt, encoding=encoding,
                                reader=reader, batch_id=batch_id, added_at=now_iso(), name=name)

    def new_id(self, sha: str) -> str:
        for length in (12, 16, 20, 64):
            candidate = sha[:length]
            if not self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
                return candidate
        raise ArchiveError(f"cannot allocate an id for {sha}")

    def find_version_of(self, meta: Document) -> str | None:
        """The current document that ``meta`` is a new version of: same number, issuer and date."""
        if not meta.number or not meta.issuer:
            return None
        date = meta.date.isoformat() if meta.date else None
        row = self.conn.execute(
            "SELECT id FROM documents WHERE number_key = ? AND issuer_key = ? AND date IS ? "
            "AND superseded_by IS NULL",
            (number_key(meta.number), fold_key(meta.issuer), date),
        ).fetchone()
        return row[0] if row else None

    def insert_document(
        self, *, doc_id: str, sha: str, size: int, text: str, parsed: dict[str, Any],
        overrides: dict[str, Any] | None, fmt: str | None, encoding: str | None, reader: str | None,
        batch_id: str, supersedes: str | None = None, name: str | None = None, text_sha: str | None = None,
    ) -> str:
        """Store a document; returns its id. A new version (``supersedes``: the current version's id)
        keeps the document's id and the librarian's corrections (``overrides`` add to them); the
        earlier version's row moves to an id of its own, where its history stays. ``text_sha``: the text's
        :func:`~.originals.text_key` when the caller has it already (the importer asked :meth:`same_text`)."""
        earlier = None
        if supersedes:
            doc_id = supersedes
            earlier = self._retire(supersedes)
            overrides = {**self._overrides_of(earlier), **(overrides or {})}
        meta = apply_overrides(parsed, overrides)
        row = _meta_columns(meta)
        self.conn.execute(
            f"""INSERT INTO documents (id, sha256, size, format, encoding, reader, {', '.join(row)},
                    text, text_sha, parsed, overrides, supersedes, batch_id, created_at, parser_version)
                VALUES (?, ?, ?, ?, ?, ?, {', '.join('?' * len(row))}, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (doc_id, sha, size, fmt, encoding, reader, *row.values(), text, text_sha or originals.text_key(text),
             json.dumps(parsed, ensure_ascii=False), json.dumps(overrides, ensure_ascii=False) if overrides else None,
             earlier, batch_id, now_iso(), PARSER_VERSION),
        )
        if earlier:
            self.conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (doc_id, earlier))
        self.add_original(doc_id, sha=sha, size=size, fmt=fmt, encoding=encoding, reader=reader, batch_id=batch_id,
                          name=name)
        self._write_citations(doc_id, meta)
        if overrides and overrides != (self._overrides_of(earlier) if earlier else {}):  # new corrections came with it
            self._journal_correction(doc_id, overrides)
        return doc_id

    def identity(self, doc_id: str) -> dict[str, Any]:
        """A document as the journal names it: what survives a rebuild (its originals' hashes, its
        number, issuer and date) beside its id of today."""
        row = self.conn.execute("SELECT number, issuer, date FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return {"id": doc_id, "number": row[0] if row else None, "issuer": row[1] if row else None,
                "date": row[2] if row else None, "originals": [f[0] for f in originals.of_document(self, doc_id)]}

    def _journal_correction(self, doc_id: str, overrides: dict[str, Any], at: str | None = None,
                            who: str | None = None) -> dict[str, Any]:
        return journal.append(self.root, "correct", {"doc": self.identity(doc_id)}, {"overrides": overrides}, at=at,
                              t=journal.ns_of(at) if at else None, who=who)

    def decisions_held(self) -> dict[str, set]:
        """The decisions the database holds, as :func:`journal.final_state` states the journal's."""
        corrections = {(r[0], json.dumps(json.loads(r[1]), sort_keys=True)) for r in self.conn.execute(
            "SELECT id, overrides FROM documents WHERE overrides IS NOT NULL AND superseded_by IS NULL")
            if _loads_or_none(r[1])}
        return {"links": {(r["src"], r["dst"], r["decision"]) for r in graphstore.all_decisions(self)},
                "corrections": corrections, "undone": {b for b, _ in batches.undone_batches(self)}}

    def write_journal(self) -> None:
        self._journal_existing_decisions()

    def _journal_existing_decisions(self) -> None:
        """The decisions the database already holds, written to a journal that does not exist yet
        (schema 4 → 5, or after a damaged journal was set aside): the corrections of every current
        version (an earlier one's are those it had when superseded), link decisions, undone batches,
        each at its time."""
        if journal.journal_path(self.root).exists():
            return
        found = [(r["created_at"], "correct", r["id"], r["overrides"]) for r in self.conn.execute(
            "SELECT id, overrides, created_at FROM documents WHERE overrides IS NOT NULL AND superseded_by IS NULL "
            "ORDER BY rowid") if _loads_or_none(r["overrides"])]
        found += [(r["decided_at"], "link", r, None) for r in graphstore.all_decisions(self)]
        found += [(at or "", "undo", batch, None) for batch, at in batches.undone_batches(self)]
        for at, kind, what, values in sorted(found, key=lambda f: f[0] or ""):
            if kind == "correct":
                self._journal_correction(what, _loads_or_none(values), at=at)
            elif kind == "link":
                graphstore.journal_decision(self, what["src"], what["dst"], what["decision"], what["relation"],
                                            what["seq"], at, t=journal.ns_of(at))
            else:
                journal.append(self.root, "undo", {}, {"batch": what}, at=at, t=journal.ns_of(at))

    def _overrides_of(self, doc_id: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT overrides FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    def _retire(self, doc_id: str) -> str:
        """Move the current version of ``doc_id`` to an id of its own (derived from its file's hash)
        so that the next version can take ``doc_id``; returns the new id. The version stops citing
        (its edges go; the next version's replace them) and leaves the full-text index."""
        sha = self.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        archived = self.new_id(sha)
        graphstore.delete_edges_from(self, [doc_id])
        self._rekey(doc_id, archived)
        self.conn.execute("UPDATE documents SET superseded_by = ?, fulltext_indexed = 0 WHERE id = ?",
                          (doc_id, archived))
        return archived

    def _rekey(self, old: str, new: str) -> None:
        """Give a version's row (its citations, sources and originals with it) another id, in the
        caller's transaction; foreign keys are checked at its commit, when every row agrees again."""
        self.conn.execute("PRAGMA defer_foreign_keys = ON")
        self.conn.execute("UPDATE documents SET id = ? WHERE id = ?", (new, old))
        self.conn.execute("UPDATE documents SET superseded_by = ? WHERE superseded_by = ?", (new, old))
        self.conn.execute("UPDATE documents SET supersedes = ? WHERE supersedes = ?", (new, old))
        for table in ("citations", "sources"):
            self.conn.execute(f"UPDATE {table} SET doc_id = ? WHERE doc_id = ?", (new, old))
        originals.rekey(self, old, new)

    def set_overrides(self, doc_id: str, overrides: dict[str, Any] | None) -> Document:
        """Record a librarian's corrections; the parser's own values stay in `parsed`. A change of
        them is a decision: it goes to the journal too."""
        return self.record_correction(doc_id, overrides)[0]

    def record_correction(self, doc_id: str, overrides: dict[str, Any] | None, *,
                          who: str | None = None) -> tuple[Document, dict[str, Any] | None]:
        """:meth:`set_overrides` by a named librarian (``who``; else the system user): the effective
        metadata and the journal entry that records when and by whom (None when nothing changed)."""
        row = self.conn.execute("SELECT parsed, overrides FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        entry = None
        if (overrides or {}) != (_loads_or_none(row["overrides"]) or {}):
            entry = self._journal_correction(doc_id, overrides or {}, who=who)
        meta = apply_overrides(json.loads(row["parsed"]), overrides)
        cols = _meta_columns(meta)
        assignments = ", ".join(f"{k} = ?" for k in cols)
        self.conn.execute(
            f"UPDATE documents SET {assignments}, overrides = ?, fulltext_indexed = 0 WHERE id = ?",
            (*cols.values(), json.dumps(overrides, ensure_ascii=False) if overrides else None, doc_id),
        )
        self._write_citations(doc_id, meta)
        return meta, entry

    def replace_parsed(self, doc_id: str, text: str, parsed: dict[str, Any]) -> Document:
        """Store a re-parse (e.g. after a parser upgrade); the librarian's overrides are kept."""
        row = self.conn.execute("SELECT overrides FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        self.conn.execute(
            "UPDATE documents SET text = ?, parsed = ? WHERE id = ?",
            (text, json.dumps(parsed, ensure_ascii=False), doc_id),
        )
        return self.set_overrides(doc_id, json.loads(row["overrides"]) if row["overrides"] else None)

    def _write_citations(self, doc_id: str, meta: Document) -> None:
        self.conn.execute("DELETE FROM citations WHERE doc_id = ?", (doc_id,))
        self.conn.executemany(
            f"INSERT INTO citations ({_CITATION_VALUES}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _citation_values(doc_id, meta),
        )

    def add_source(self, doc_id: str, path: str, name: str, batch_id: str, *, sha: str | None = None,
                   fmt: str | None = None) -> bool:
        """Record where a document came from; False if that path was already known for it. With the
        file's ``sha`` the sidecar manifest of objects/ notes it too (what a rebuild replays)."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO sources (doc_id, path, name, batch_id) VALUES (?, ?, ?, ?)",
            (doc_id, path, name, batch_id),
        )
        if sha is not None:
            # Bytes a worker found already stored come without a format (it did not read them again):
            # the manifest names the one they were read as, whichever way this import met them.
            fmt = fmt or originals.format_of(self, sha)
            originals.note_file(self.root, sha=sha, name=name, fmt=fmt, batch=batch_id, path=path, at=now_iso())
        return cur.rowcount > 0

    def object_path(self, sha: str) -> Path:
        return object_path(self.root, sha)

    def read_original(self, doc_id: str) -> bytes:
        return self.object_path(self.get(doc_id).sha256).read_bytes()


_CITATION_COLUMNS = (
    'c.id, c.doc_id, c.seq, c.number, c.doc_type, c.date, c.year, c.issuer, c.relation, c.text, c.start, '
    'c."end", c.name, d.date AS src_date, d.year AS src_year'
)
_CITATION_VALUES = 'doc_id, seq, number, number_key, doc_type, date, year, issuer, relation, text, start, "end", name'


def _citation_values(doc_id: str, meta: Document) -> list[tuple]:
    """The citation rows a document's metadata states, as :data:`_CITATION_VALUES` orders them."""
    return [
        (doc_id, seq, c.number, number_key(c.number) if c.number else None, c.doc_type,
         c.date.isoformat() if c.date else None, c.year or (c.date.year if c.date else None),
         c.issuer, c.relation.value, c.text, c.start, c.end, c.name)
        for seq, c in enumerate(meta.citations)
    ]


_GROUPABLE = frozenset({"doc_type", "issuer_level", "issuer", "year", "format", "encoding"})


def top_facet_values(counts: Mapping[Any, int], limit: int = FACET_LIMIT) -> dict[str, int]:
    """A facet from how many documents hold each value (None: the column is empty): the ``limit``
    most frequent, as SQLite's ORDER BY count DESC, value orders them (NULL, then numbers, then text
    in code point order), keyed as shown ("unknown" for None). Whoever counts, the archive or a
    full-text engine, the page shows the same facet.

    >>> top_facet_values({"UBND tỉnh": 2, None: 2, 2021: 2, "Bộ Y tế": 5}, limit=3)
    {'Bộ Y tế': 5, 'unknown': 2, '2021': 2}
    """
    if limit <= 0:
        return {}
    if len(counts) > limit:  # thousands of issuers: sort only those as frequent as the limit-th
        least = heapq.nlargest(limit, counts.values())[-1]
        counts = {k: n for k, n in counts.items() if n >= least}
    counted = sorted(counts.items(), key=_facet_order)
    return {("unknown" if k is None else str(k)): n for k, n in counted[:limit]}


def _facet_order(value_count: tuple[Any, int]) -> tuple:
    """SQLite's ORDER BY count DESC, value: most first; then NULL, numbers, text (in code point order)."""
    value, n = value_count
    return -n, value is not None, isinstance(value, str), value


def _json_ids(ids: Iterable[Any]) -> str:
    return json.dumps(sorted(set(ids)))


def _loads_or_none(value: str | None) -> dict[str, Any]:
    try:
        return json.loads(value) if value else {}
    except ValueError:
        return {}


def _meta_columns(meta: Document) -> dict[str, Any]:
    data = meta.to_json()
    cols = {k: data[k] for k in _META_FIELDS}
    cols["number_key"] = number_key(meta.number) if meta.number else None
    cols["issuer_key"] = fold_key(meta.issuer) if meta.issuer else None
    cols["recipients"] = json.dumps(list(meta.recipients), ensure_ascii=False)
    return cols


WRITER_CACHE_KIB = 64 * 1024


def _connect(db: Path, readonly: bool, immutable: bool = False) -> sqlite3.Connection:
    """A connection; ``immutable`` for an archive nothing can write (SQLite then needs no -shm file)."""
    try:
        if readonly:
            flags = "mode=ro&immutable=1" if immutable else "mode=ro"
            conn = sqlite3.connect(f"file:{db}?{flags}", uri=True, isolation_level=None, timeout=30)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fail here, not at first use
        else:
            conn = sqlite3.connect(db, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # The writer's page cache (2 MiB by default): an import inserts into a dozen indexes at random
            # keys, and past a few hundred thousand documents every insert would otherwise read its pages
            # again from the operating system. Allocated as used; bounded whatever the archive's size.
            conn.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.create_function("vanthu_seal", -1, seal, deterministic=True)
        conn.text_factory = _decode
    except sqlite3.DatabaseError as err:
        raise _archive_error(db.parent, err) from err
    conn.row_factory = sqlite3.Row
    return conn


def _archive_error(root: Path, err: sqlite3.Error) -> ArchiveError:
    text = str(err)
    if "readonly" in text or "read-only" in text:
        return ArchiveError(f"the archive at {root} is read-only: {text}")
    if "full" in text or "disk I/O" in text:
        return ArchiveError(
            f"cannot write the archive at {root}: the disk is full, read-only or failing ({text}); "
            "the unfinished step was rolled back and nothing already stored was touched"
        )
    if "not a database" in text or "malformed" in text:
        return ArchiveError(f"the archive database at {root} is damaged ({text}); run `vanthu rebuild` to build it "
                            "again from the originals and the decisions journal (the damaged file is kept aside)")
    return ArchiveError(f"archive error at {root}: {text}")
