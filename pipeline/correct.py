"""A librarian corrects one field of one document: `vanthu correct`, the web's correction form and
``POST /api/documents/{id}/corrections`` all call :func:`correct_field`.

The value is checked by the metadata CSV's rules (:func:`vanthu.pipeline.metadata.convert_field`),
stored as an override (a re-import of the same file, or of a new version of it, keeps it), recorded
in the decisions journal with when and by whom, and the document's citations are resolved again
(a corrected number or date changes what cites it) in the same transaction. Then the full-text index
takes the document again; a corrected subject leaves its vector marked as made from another subject,
which `vanthu embed` (or the next import) makes again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..archive.errors import BadInput
from ..archive.store import Archive
from ..graph.edges import update_edges
from .ingest import sync_derived
from .metadata import convert_field

__all__ = ["Correction", "correct_field"]


@dataclass(frozen=True)
class Correction:
    """What `vanthu correct --json` prints (DESIGN.md)."""

    id: str
    field: str
    value: Any        # as stored: a canonical number, an ISO date, a list of recipients …
    previous: Any     # the field's effective value before
    changed: bool     # False when the document already held this correction
    by: str | None    # the journal's "who"
    at: str | None    # the journal's "at" (UTC, ISO)
    overridden: list[str]
    reembed: bool     # the subject changed: `vanthu embed` makes its vector again

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def correct_field(archive: Archive, doc_id: str, field: str, value: str, *, by: str | None = None) -> Correction:
    """Set ``field`` of the current document ``doc_id`` to ``value`` (text as a librarian types it).

    BadInput for an unknown field or a bad value (nothing written); NotFound, or BadInput for an
    older version; ArchiveBusy while another process writes."""
    stored = convert_field(field, value)
    who = (by or "").strip() or None
    with archive.write_lock():
        with archive.transaction():
            doc = archive.get(doc_id)
            if doc.superseded_by:
                current = archive.current_version(doc_id)
                raise BadInput(f"{doc_id} is an earlier version of {current}; correct the current version, {current}")
            previous = doc.meta.to_json().get(field)
            overrides = {**doc.overrides, field: stored}
            _, entry = archive.record_correction(doc_id, overrides, who=who)
            if entry is not None:
                update_edges(archive, [doc_id])
        if entry is not None:
            sync_derived(archive)
    return Correction(
        id=doc_id, field=field, value=stored, previous=previous, changed=entry is not None,
        by=(entry or {}).get("who", who), at=(entry or {}).get("at"), overridden=sorted(overrides),
        reembed=entry is not None and field == "subject" and previous != stored,
    )
