"""Errors named for the failure. The CLI maps each to one line on stderr and an exit code."""

from __future__ import annotations


class VanthuError(Exception):
    """Base of every error vanthu reports to a user; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class BadInput(VanthuError):
    """The user's input (a file, a query, a CSV, an option value) cannot be used as given."""

    exit_code = 2


class NotFound(VanthuError, LookupError):
    """No document in the archive matches the reference."""


class AmbiguousReference(VanthuError, LookupError):
    """A document number matches several documents; ``candidates`` lists them."""

    exit_code = 2

    def __init__(self, message: str, candidates: list[dict] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class ArchiveBusy(VanthuError):
    """Another process holds the archive's write lock (an import is running)."""


class ArchiveError(VanthuError):
    """The archive directory cannot be opened or written (missing, read-only, full, corrupt)."""


class DamagedDocument(ArchiveError):
    """A document's row in the database is damaged (bytes changed on disk): it cannot be read as stored."""

    def __init__(self, doc_id: str, why: str = "") -> None:
        super().__init__(f"document {doc_id} is damaged in the archive database ({why}); "
                         "run `vanthu check --repair` to derive it again from its original")
        self.doc_id = doc_id


class SearchIndexDamaged(ArchiveError):
    """The full-text index cannot be read: a write of it was interrupted (a killed import) or its files
    were damaged. It is derived, so `vanthu check --repair` builds it again from the archive."""

    def __init__(self, err: BaseException) -> None:
        super().__init__("the search index was interrupted while being written, or is damaged "
                         f"({type(err).__name__}: {err}); run `vanthu check --repair` to build it again "
                         "from the archive (nothing in the archive is lost)")


class ReadError(VanthuError):
    """A file could not be turned into text; the message is the specific reason."""
