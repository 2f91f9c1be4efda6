"""The archive stage: reading files, parsing their metadata, and the SQLite store (the source of truth).

The verbs and values are exposed by name and imported on first use (see :mod:`vanthu._lazy`):

>>> from vanthu.archive import parse_document, Archive, Document
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "parse_document": "parse", "parse_date": "parse",
    "expand_issuer": "issuers", "body_case": "issuers", "issuer_level": "issuers",
    "parse_number": "numbers", "canonical_number": "numbers", "number_key": "numbers",
    "Archive": "store", "StoredDocument": "store",
    "archive_stats": "stats",
    "Document": "types", "Citation": "types", "Relation": "types", "Level": "types",
    "VanthuError": "errors", "BadInput": "errors", "NotFound": "errors", "AmbiguousReference": "errors",
    "ArchiveBusy": "errors", "ArchiveError": "errors", "ReadError": "errors",
    "read_path": "readers", "read_bytes": "readers", "walk": "readers",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
