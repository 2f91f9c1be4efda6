"""What a search keeps and how it pages: one :class:`Filters` value for every search mode.

The value is checked and normalised once, when it is made; the full-text engine turns it into a
Whoosh query (:mod:`vanthu.index.text`), the semantic path asks the archive for the ids it lets
through (:func:`vanthu.index.semantic.filter_ids`). Both keep the same documents:

- ``doc_type``: the type, compared folded ("cong van" = "Công văn");
- ``issuer``: every word of it among the issuer's words, folded ("UBND" is "Ủy ban nhân dân");
  a 2025 province named in it also
  stands for the provinces merged into it on 1 July 2025 (``--issuer "Phú Thọ"`` keeps the
  documents of tỉnh Vĩnh Phúc and tỉnh Hòa Bình too: everything issued on that territory's
  provincial level, before and after the merger);
- ``level``: central, province, district or commune;
- ``date_from``/``date_to``: a document's known date interval overlaps [from, to] (a document
  known only by its year covers that year; one with no date never overlaps).

>>> Filters(doc_type="Kế hoạch", issuer="UBND Bình Xuyên").issuer_words
('uy', 'ban', 'nhan', 'dan', 'binh', 'xuyen')
>>> partial_date("2021-02", "--to", end=True)
datetime.date(2021, 2, 28)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..archive.errors import BadInput
from ..archive.issuers import ABBREVIATIONS
from ..vietnamese.text import fold_key
from .analysis import folded_analyzer

__all__ = ["Filters", "NO_FILTERS", "partial_date", "check_page", "issuer_words", "LEVELS", "SORTS"]

LEVELS = ("central", "province", "district", "commune")
SORTS = ("relevance", "date")


def _folded_words(text: str) -> list[str]:
    return [t.text for t in folded_analyzer()(text)]


# Abbreviations of body names as a user may type them, folded: "ubnd", "hdnd", "bcd" … → their words.
_ABBREVIATED = {"".join(_folded_words(short)): _folded_words(full) for short, full in ABBREVIATIONS.items()}


def issuer_words(text: str) -> tuple[str, ...]:
    """The folded words of an issuer as a user types it, abbreviations written out as the archive
    stores them (an issuer is always stored in full: "Ủy ban nhân dân huyện Mai Sơn").

    >>> issuer_words("UBND huyện Mai Sơn")
    ('uy', 'ban', 'nhan', 'dan', 'huyen', 'mai', 'son')
    """
    return tuple(w for word in _folded_words(text) for w in _ABBREVIATED.get(word, [word]))


@dataclass(frozen=True)
class Filters:
    """The filters of a search, shared by every mode; BadInput when made with a value no search can use.

    ``doc_type`` and ``level`` are kept folded; ``issuer`` as given, with its folded words in
    ``issuer_words``.
    """

    doc_type: str | None = None
    issuer: str | None = None
    level: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    issuer_words: tuple[str, ...] = field(init=False, default=())
    type_given: str | None = field(init=False, default=None, compare=False)  # as typed, for messages
    issuer_alternatives: tuple[tuple[str, ...], ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        if self.doc_type:
            object.__setattr__(self, "type_given", self.doc_type)
            object.__setattr__(self, "doc_type", fold_key(self.doc_type))
        if self.issuer:
            words = issuer_words(self.issuer)
            if not words:
                raise BadInput(f"--issuer has no words: {self.issuer!r}")
            object.__setattr__(self, "issuer_words", words)
            object.__setattr__(self, "issuer_alternatives", _merged_provinces(words))
        if self.level:
            level = fold_key(self.level)
            if level not in LEVELS:
                raise BadInput(f"unknown level {self.level!r} (one of: {', '.join(LEVELS)})")
            object.__setattr__(self, "level", level)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadInput(f"--from {self.date_from} is after --to {self.date_to}")

    def __bool__(self) -> bool:
        """Whether any filter is given."""
        return any((self.doc_type, self.issuer, self.level, self.date_from, self.date_to))

    @classmethod
    def from_options(cls, *, doc_type: str | None = None, issuer: str | None = None, level: str | None = None,
                     date_from: str | None = None, date_to: str | None = None) -> "Filters":
        """The filters as a user types them: dates as YYYY-MM-DD, YYYY-MM or YYYY (see :func:`partial_date`)."""
        return cls(doc_type, issuer, level, partial_date(date_from, "--from", end=False),
                   partial_date(date_to, "--to", end=True))


NO_FILTERS = Filters()


def _merged_provinces(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The issuer's words, and the same words with a 2025 province in them replaced by each old
    province merged into it ("ubnd tinh phu tho" → also "ubnd tinh vinh phuc", "ubnd tinh hoa binh").

    >>> _merged_provinces(("phu", "tho"))
    (('phu', 'tho'), ('hoa', 'binh'), ('vinh', 'phuc'))
    """
    from ..vietnamese.gazetteer import merged_into

    for size in (3, 2, 1):  # the longest province name first: "ba ria vung tau" before "vung tau"
        for start in range(len(words) - size + 1):
            old = [o for o in merged_into(" ".join(words[start:start + size]))]
            olds = sorted({tuple(t.text for t in folded_analyzer()(o)) for o in old} - {words[start:start + size]})
            if olds:
                return (words, *(words[:start] + o + words[start + size:] for o in olds))
    return (words,)


def partial_date(value: str | None, option: str, *, end: bool) -> dt.date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY; a partial date means its first day, or with ``end`` its last day.

    ``option`` names the date in the error ("--from 'hôm qua' is not a date …").

    >>> partial_date("2020", "--from", end=False), partial_date("2020", "--to", end=True)
    (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    """
    if value is None:
        return None
    parts = value.strip().split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return dt.date(year, month, int(parts[2]))
        first = dt.date(year, month, 1)  # checks the month
        if not end:
            return first
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    except (ValueError, IndexError):
        raise BadInput(f"{option} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def check_page(limit: int, sort: str) -> None:
    """BadInput unless ``limit`` asks for something and ``sort`` is one of :data:`SORTS`."""
    if limit < 1:
        raise BadInput(f"--limit must be at least 1 (got {limit})")
    if sort not in SORTS:
        raise BadInput(f"unknown sort {sort!r} (one of: {', '.join(SORTS)})")
