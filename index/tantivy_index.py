"""The full-text index on tantivy: the same documents, analysis and answers as the Whoosh one.

tantivy (the Rust engine, through its official bindings, imported only when an archive uses it) indexes what vanthu's
own analyzer produces: each text field is :func:`~vanthu.index.analysis.slot_text` of its value,
two whitespace-separated slots per syllable (exact form, folded form), so a term in any
accentuation matches as in Whoosh and a phrase asks for each of its words at its slot
(:mod:`vanthu.index.tantivy_search`). Keys (number, type, level, id) are indexed whole, as the
Whoosh analyzers make them; dates as integer intervals; what a hit shows is stored as one JSON value.

A commit is atomic (tantivy writes its segment list, meta.json, last): a crash costs at most the
update in progress, and the index left behind opens. :meth:`TantivyIndex.rebuild` builds a fresh
index beside the old one and swaps it in.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path
from typing import Iterable

from ..archive.errors import ArchiveBusy, ArchiveError
from ..archive.numbers import number_key
from ..vietnamese.text import fold_key, normalize
from .analysis import slot_text
from .results import SCAN_CHARS, folded_lower
from .schema import TEXT_FIELDS
from .tantivy_search import FACET_FIELDS, TantivySearcher, bindings
from .documents import IndexDoc, check_current, date_interval, swap_in

__all__ = ["TantivyIndex", "SCHEMA_FIELDS", "SLOT_FIELDS"]

# The text fields (the Whoosh schema's), indexed as slots (exact, folded) by the whitespace tokenizer.
SLOT_FIELDS = TEXT_FIELDS
_KEYS = ("id", "number", "doc_type", "issuer_level")
_INTS = ("year", "date_lo", "date_hi")
# The facets' values exactly as the archive's columns hold them (raw, fast: counted by aggregation);
# the year facet is the year field itself (an archive document with a date always has its year).
_FACET_TEXTS = tuple(field for field in FACET_FIELDS.values() if field not in _INTS)
SCHEMA_FIELDS = (*_KEYS, *SLOT_FIELDS, *_INTS, *_FACET_TEXTS, "stored")
# Bytes of RAM the writer buffers before it writes a segment (tantivy splits it among its threads).
_HEAP = 256_000_000


def build_tantivy_schema():
    """The index schema: whole keys, slot text fields, integer dates (fast: sorting, ranges), the facets'
    raw values (fast: counting), one stored value."""
    tantivy = bindings()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    for name in _KEYS[1:]:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in SLOT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace")
    for name in _INTS:
        builder.add_integer_field(name, indexed=True, fast=True)
    for name in _FACET_TEXTS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("stored", stored=True)
    return builder.build()


def _document(doc: IndexDoc):
    """The tantivy document of one :class:`IndexDoc` (the same normalisation as the Whoosh fields)."""
    tantivy = bindings()
    out = tantivy.Document()
    out.add_text("id", doc.id)
    short = {name: normalize(getattr(doc, name)) for name in ("number", "doc_type", "issuer_level", "subject",
                                                             "issuer", "place", "signer") if getattr(doc, name)}
    if "number" in short and number_key(short["number"]):
        out.add_text("number", number_key(short["number"]))
    for name in ("doc_type", "issuer_level"):
        if name in short and fold_key(short[name]):
            out.add_text(name, fold_key(short[name]))
    body = unicodedata.normalize("NFC", doc.body or "")
    out.add_text("text", slot_text(short.get("subject", "") + "\n" + body))
    for name in ("subject", "issuer", "place", "signer"):
        if name in short:
            out.add_text(name, slot_text(short[name]))
    year = doc.year if doc.year is not None else (doc.date.year if doc.date else None)
    if year is not None:
        out.add_integer("year", year)
    for column, name in FACET_FIELDS.items():  # unnormalised: the facet counts the column's own values
        value = getattr(doc, column)
        if name in _FACET_TEXTS and value is not None:
            out.add_text(name, value)
    date_lo, date_hi = date_interval(doc)
    out.add_integer("date_lo", date_lo)
    out.add_integer("date_hi", date_hi)
    shown = {"id": doc.id, "number": short.get("number"), "doc_type": short.get("doc_type"),
             "issuer": short.get("issuer"), "date": doc.date.isoformat() if doc.date else None,
             "subject": short.get("subject"), "body": body,
             # what the ranking bonuses read, folded once here rather than at every query
             "folded_subject": folded_lower(short.get("subject") or ""),
             "folded_body": folded_lower(body[:SCAN_CHARS])}
    out.add_bytes("stored", json.dumps(shown, ensure_ascii=False).encode("utf-8"))
    return out


def _schema_fields(path: Path) -> set[str] | None:
    """The field names of the index at ``path`` as its meta.json records them (None: no index there)."""
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise ArchiveError(f"the full-text index at {path} is damaged ({err}); run `vanthu check --repair`") from err
    return {field["name"] for field in meta.get("schema", [])}


class TantivyIndex:
    """A tantivy index in one directory: open it, update it, rebuild it, search it."""

    def __init__(self, ix, path: Path) -> None:
        self._ix = ix
        self.path = path

    @classmethod
    def open(cls, path: Path, create: bool = True) -> "TantivyIndex":
        """Open the index at ``path``; create an empty one there if missing and ``create``."""
        path = Path(path)
        tantivy = bindings()
        fields = _schema_fields(path)
        try:
            if fields is None:
                if not create:
                    raise ArchiveError(f"no full-text index at {path} (run `vanthu reindex`)")
                path.mkdir(parents=True, exist_ok=True)
                return cls(tantivy.Index(build_tantivy_schema(), path=str(path), reuse=False), path)
            return cls(tantivy.Index.open(str(path)), path)
        except (OSError, ValueError) as err:
            raise ArchiveError(f"cannot open the full-text index at {path}: {err}") from err

    @property
    def outdated(self) -> bool:
        """The index was built with another schema (an older vanthu): only :meth:`rebuild` may use it."""
        return _schema_fields(self.path) != set(SCHEMA_FIELDS)

    def _check_schema(self) -> None:
        check_current(self)

    def _writer(self, procs: int = 1):
        try:
            return self._ix.writer(heap_size=_HEAP, num_threads=max(1, procs))
        except ValueError as err:
            if "lock" in str(err).lower():
                raise ArchiveBusy(f"the full-text index at {self.path} is being written by another process") from err
            raise ArchiveError(f"cannot write the full-text index at {self.path}: {err}") from err

    def update(self, docs: Iterable[IndexDoc], remove_ids: Iterable[str] = (), procs: int = 1) -> int:
        """Add or replace ``docs`` and delete ``remove_ids`` in one commit; returns how many were written.

        ``procs``: tantivy's indexing threads (analysis into slots is Python's, in this thread)."""
        self._check_schema()
        writer = self._writer(procs)
        count = 0
        try:
            for doc_id in remove_ids:
                writer.delete_documents_by_term("id", doc_id)
            for doc in docs:
                writer.delete_documents_by_term("id", doc.id)
                writer.add_document(_document(doc))
                count += 1
        except BaseException:
            writer.rollback()
            raise
        writer.commit()
        writer.wait_merging_threads()
        self._ix.reload()
        return count

    def rebuild(self, docs: Iterable[IndexDoc], procs: int = 1) -> int:
        """Replace the whole index with ``docs``; built beside it and swapped in, so a crash keeps the old one."""
        fresh_path = self.path.with_name(self.path.name + ".rebuild")
        shutil.rmtree(fresh_path, ignore_errors=True)
        fresh = TantivyIndex.open(fresh_path, create=True)
        writer = fresh._writer(procs)
        count = 0
        try:
            for doc in docs:
                writer.add_document(_document(doc))
                count += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            del writer, fresh
            shutil.rmtree(fresh_path, ignore_errors=True)
            raise
        del writer, fresh
        swap_in(self.path, fresh_path)
        self._ix = bindings().Index.open(str(self.path))
        return count

    def doc_count(self) -> int:
        self._ix.reload()
        return self._ix.searcher().num_docs

    def ids(self) -> set[str]:
        """The archive ids of every live document (for `vanthu check`): a terms aggregation over the
        id column, which counts live documents only."""
        searcher = self._ix.searcher()
        if not searcher.num_docs:
            return set()
        tantivy = bindings()
        found = searcher.aggregate(tantivy.Query.all_query(),
                                   {"ids": {"terms": {"field": "id", "size": searcher.num_docs + 1}}})
        return {bucket["key"] for bucket in found["ids"]["buckets"]}

    def size_bytes(self) -> int:
        """Bytes on disk: for the benchmarks and `vanthu stats`."""
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    def searcher(self):
        """One open searcher for many queries; use as a context manager."""
        self._check_schema()
        self._ix.reload()
        return TantivySearcher(self._ix.searcher(), self._ix.schema)
