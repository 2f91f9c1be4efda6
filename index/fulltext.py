"""The full-text index: a Whoosh index of :class:`IndexDoc` values, kept apart from the archive store.

The archive is the source of truth; this index can always be rebuilt from it
(:meth:`FullTextIndex.rebuild`), and an incremental :meth:`FullTextIndex.update`
commits atomically (Whoosh writes a new table of contents last), so a crash
costs at most the update in progress.

Text fields (:data:`~vanthu.index.schema.TEXT_FIELDS`) hold exact and folded syllables at the same
positions (:func:`~vanthu.index.analysis.text_analyzer`). ``text`` is the
subject followed by the body: the field every query searches, where a subject
word counts once more; ``words`` holds the same tokens without positions, for
fast scoring of plain queries. The body itself is stored for snippets.
"""

from __future__ import annotations

import pickle
import shutil
import struct
import unicodedata
import zlib
from pathlib import Path
from typing import Iterable

from whoosh import fields, index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from ..archive.errors import ArchiveBusy, ArchiveError
from ..vietnamese.text import normalize
from .documents import IndexDoc, check_current, date_interval, swap_in  # both engines': named here too
from .schema import build_schema
from .text import Searcher

__all__ = ["IndexDoc", "FullTextIndex", "date_interval", "swap_in", "check_current", "UNREADABLE",
           "record_sums", "altered_files", "SUMS"]

# What Whoosh raises on an index whose files are cut short, missing or garbled (a killed writer, a
# damaged disk): an empty read (EOFError), a missing segment (OSError), a garbled number (ValueError,
# among them BM25's "math domain error"), an unpickling or decompression failure, a bad table of contents.
UNREADABLE = (EOFError, OSError, ValueError, NotImplementedError, KeyError, IndexError, struct.error,
              zlib.error, pickle.UnpicklingError, index.IndexError)  # the last: Whoosh's own ("… architecture")


# Whoosh's in-memory buffer per writer before it flushes a segment.
_WRITER_MB = 256


def _fields(doc: IndexDoc) -> dict:
    """The Whoosh field values of one document.

    Short fields are normalised whole; the body only to NFC (tone placement is
    normalised per token by the analyzer, which caches it; doing it over the
    whole body again took a quarter of the indexing time).
    """
    out: dict = {"id": doc.id}
    for name in ("number", "doc_type", "issuer_level", "subject", "issuer", "place", "signer"):
        value = getattr(doc, name)
        if value:
            out[name] = normalize(value)
    body = unicodedata.normalize("NFC", doc.body or "")
    out["body"] = body
    out["text"] = out["words"] = out.get("subject", "") + "\n" + body
    year = doc.year if doc.year is not None else (doc.date.year if doc.date else None)
    if year is not None:
        out["year"] = year
    if doc.date is not None:
        out["date"] = doc.date.isoformat()
    out["date_lo"], out["date_hi"] = date_interval(doc)
    return out


def _parallel(writer: object) -> bool:
    """Whether ``writer`` is a parallel one (it is not where multiprocessing cannot work)."""
    from whoosh.multiproc import MpWriter

    return isinstance(writer, MpWriter)


def _storage(path: Path) -> FileStorage:
    """Whoosh's file storage, reading segment files on demand rather than through mmap.

    With mmap, Whoosh wraps each part of a compound segment file in a BytesIO, which copies
    it — the whole posting file: opening a searcher on 100,000 directives took 460 ms, and
    every `vanthu search` paid it. Read through file handles it takes 1 ms, and queries are
    as fast (BENCHMARKS.md, issue 6).
    """
    return FileStorage(str(path), supports_mmap=False)


SUMS = "vanthu-sums.json"  # the SHA-256 of every index file as committed: Whoosh keeps no checksum


def record_sums(path: Path) -> None:
    """After a commit: hash the files the commit wrote (Whoosh never rewrites a segment or a table
    of contents once written, so earlier files keep their sums) and forget the files it removed."""
    import hashlib
    import json
    import os

    sums_path = path / SUMS
    try:
        sums = json.loads(sums_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        sums = {}
    files = {p.name: p for p in path.iterdir() if p.is_file() and p.name != SUMS and "LOCK" not in p.name}
    sums = {name: sha for name, sha in sums.items() if name in files}
    for name, file in files.items():
        if name not in sums:
            sums[name] = hashlib.sha256(file.read_bytes()).hexdigest()
    tmp = path / f".tmp-{SUMS}"
    tmp.write_text(json.dumps(sums, sort_keys=True), encoding="utf-8")
    os.replace(tmp, sums_path)


def altered_files(path: Path) -> list[str]:
    """Index files whose bytes are not those their commit wrote (damage on disk), or that are gone."""
    import hashlib
    import json

    try:
        sums = json.loads((path / SUMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # an index from before the sums (or its sums lost): nothing to compare with
    bad = []
    for name, sha in sorted(sums.items()):
        file = path / name
        if not file.is_file():
            bad.append(f"{name} missing")
        elif hashlib.sha256(file.read_bytes()).hexdigest() != sha:
            bad.append(f"{name} altered")
    return bad


class FullTextIndex:
    """A Whoosh index in one directory: open it, update it, rebuild it, search it."""

    def __init__(self, ix: index.Index, path: Path) -> None:
        self._ix = ix
        self.path = path

    @classmethod
    def open(cls, path: Path, create: bool = True) -> "FullTextIndex":
        """Open the index at ``path``; create an empty one there if missing and ``create``."""
        path = Path(path)
        try:
            if index.exists_in(str(path)):
                return cls(_storage(path).open_index(), path)
            if not create:
                raise ArchiveError(f"no full-text index at {path} (run `vanthu reindex`)")
            path.mkdir(parents=True, exist_ok=True)
            return cls(_storage(path).create_index(build_schema()), path)
        except OSError as err:
            raise ArchiveError(f"cannot open the full-text index at {path}: {err}") from err

    @property
    def schema(self) -> fields.Schema:
        return self._ix.schema

    @property
    def outdated(self) -> bool:
        """The index was built with another schema (an older vanthu): only :meth:`rebuild` may use it."""
        return set(self._ix.schema.names()) != set(build_schema().names())

    def _check_schema(self) -> None:
        check_current(self)

    def _writer(self, procs: int = 1):
        try:
            if procs > 1:
                from . import parallel  # multiprocessing: not on the search path

                if parallel.available():
                    return parallel.ParallelWriter(self._ix, procs=procs, limitmb=_WRITER_MB // procs,
                                                   multisegment=True)
            return self._ix.writer(limitmb=_WRITER_MB)
        except LockError as err:
            raise ArchiveBusy(f"the full-text index at {self.path} is being written by another process") from err

    def update(self, docs: Iterable[IndexDoc], remove_ids: Iterable[str] = (), procs: int = 1) -> int:
        """Add or replace ``docs`` and delete ``remove_ids`` in one commit; returns how many were written.

        ``procs`` > 1 analyses the documents in that many Whoosh writer processes (worth it
        from about a thousand documents: each commit then adds ``procs`` segments).
        """
        self._check_schema()
        writer = self._writer(procs)
        written = []
        try:
            for doc_id in remove_ids:
                writer.delete_by_term("id", doc_id)
            for doc in docs:
                writer.update_document(**_fields(doc))
                written.append(doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        record_sums(self.path)
        if procs > 1 and _parallel(writer):
            # Whoosh's parallel commit waits one second for each writer process's segment and goes
            # on without one that never came (a process that died): write those documents again.
            lost = self._absent([d.id for d in written])
            if lost:
                self.update([d for d in written if d.id in lost])
        return len(written)

    def _absent(self, ids: list[str]) -> set[str]:
        with self._ix.searcher() as searcher:
            return {doc_id for doc_id in ids if searcher.document_number(id=doc_id) is None}

    def rebuild(self, docs: Iterable[IndexDoc], procs: int = 1) -> int:
        """Replace the whole index with ``docs``; built beside it and swapped in, so a crash keeps the old one."""
        fresh_path = self.path.with_name(self.path.name + ".rebuild")
        shutil.rmtree(fresh_path, ignore_errors=True)
        fresh_path.mkdir(parents=True)
        fresh = FullTextIndex(_storage(fresh_path).create_index(build_schema()), fresh_path)
        writer = fresh._writer(procs)
        count = 0
        try:
            for doc in docs:
                writer.add_document(**_fields(doc))
                count += 1
        except BaseException:
            writer.cancel()
            shutil.rmtree(fresh_path, ignore_errors=True)
            raise
        writer.commit()
        record_sums(fresh_path)
        self._swap_in(fresh_path)
        return count

    def _swap_in(self, fresh_path: Path) -> None:
        swap_in(self.path, fresh_path)
        self._ix = _storage(self.path).open_index()

    def doc_count(self) -> int:
        return self._ix.doc_count()

    def ids(self) -> set[str]:
        """The archive ids of every live document (for `vanthu check`)."""
        with self._ix.reader() as reader:
            if not reader.doc_count_all():  # no segment yet: an empty reader has no columns
                return set()
            column = reader.column_reader("id")
            return {column[docnum] for docnum in reader.all_doc_ids()}

    def size_bytes(self) -> int:
        """Bytes on disk: for the benchmarks and `vanthu stats`."""
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    def searcher(self) -> "Searcher":
        """One open searcher for many queries; use as a context manager."""
        self._check_schema()
        return Searcher(self._ix.searcher(), self.schema)
