"""What both full-text engines index, and the steps they share: one :class:`IndexDoc` per archive
document, its date as an interval, the schema check, and swapping a rebuilt index in.

Apart from :mod:`~vanthu.index.fulltext` (Whoosh) so that the tantivy engine, and a search on a tantivy
archive, never import Whoosh's index modules.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..archive.errors import ArchiveError

__all__ = ["IndexDoc", "date_interval", "check_current", "swap_in"]


@dataclass(frozen=True)
class IndexDoc:
    """What the index knows of one archive document; ``id`` is the archive id."""

    id: str
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issuer_level: str | None = None
    place: str | None = None
    date: dt.date | None = None
    year: int | None = None
    signer: str | None = None
    subject: str | None = None
    body: str = ""


def date_interval(doc: IndexDoc) -> tuple[int, int]:
    """(yyyymmdd, yyyymmdd) covering what is known of the date; (0, 0) when nothing is (sorts last)."""
    if doc.date is not None:
        day = int(doc.date.strftime("%Y%m%d"))
        return day, day
    if doc.year is not None:
        return doc.year * 10000 + 101, doc.year * 10000 + 1231
    return 0, 0


def check_current(index) -> None:
    """ArchiveError unless ``index`` (either engine's) was built with this version's schema."""
    if index.outdated:
        raise ArchiveError(f"the full-text index at {index.path} was built by another version of vanthu; "
                           "run `vanthu reindex`")


def swap_in(path: Path, fresh_path: Path) -> None:
    """Put the index built at ``fresh_path`` in the place of the one at ``path`` (kept aside until then)."""
    old = path.with_name(path.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    fresh_path.rename(path)
    shutil.rmtree(old, ignore_errors=True)
