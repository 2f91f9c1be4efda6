"""The full-text index's schema: its fields and analyzers, which the index, the query parser and the
searcher all read (kept apart so that none of them imports another for it).
"""

from __future__ import annotations

from whoosh import fields

from .analysis import key_analyzer, number_analyzer, text_analyzer

__all__ = ["build_schema", "TEXT_FIELDS"]

# The fields that hold Vietnamese text: exact and folded syllables at the same positions.
TEXT_FIELDS = ("text", "subject", "issuer", "place", "signer")


def build_schema() -> fields.Schema:
    """The index schema: exact keys for number, type and level; Vietnamese text fields; dates as intervals."""
    text = text_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        number=fields.TEXT(analyzer=number_analyzer(), stored=True, phrase=False),
        doc_type=fields.TEXT(analyzer=key_analyzer(), stored=True, phrase=False),
        issuer_level=fields.TEXT(analyzer=key_analyzer(), phrase=False),
        text=fields.TEXT(analyzer=text),
        # The same tokens without positions: plain word queries are scored over whole posting
        # blocks (index.bulk), and a block without positions decodes several times faster.
        words=fields.TEXT(analyzer=text, phrase=False),
        subject=fields.TEXT(analyzer=text, stored=True),
        issuer=fields.TEXT(analyzer=text, stored=True),
        place=fields.TEXT(analyzer=text),
        signer=fields.TEXT(analyzer=text),
        body=fields.STORED(),
        date=fields.STORED(),
        year=fields.NUMERIC(int, stored=True),
        # The date as an interval: a document known only by its year spans the whole year,
        # so a date-range filter keeps it when the year overlaps (unknown is not "outside").
        date_lo=fields.NUMERIC(int, sortable=True),
        date_hi=fields.NUMERIC(int),
    )
