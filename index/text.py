"""The full-text engine: searching the Whoosh index, filtered, sorted, with a suggestion when nothing matches.

A plain query (words, maybe document numbers) is ranked in two steps, because
Whoosh scores in pure Python and its cost grows with every clause a matching
document is scored by. First every document holding all the words (in any
accentuation) gets BM25 on one field (:mod:`vanthu.index.bulk`; with a number,
Whoosh's own matchers), and, when the user typed diacritics, those holding the
words exactly as typed form a first tier. Then the best :data:`CANDIDATES` of
each tier gain bonuses for query words in their subject and for the words
standing together as typed, and each tier is sorted by the sum: an exact match
always ranks above a folded-only one ("mã" never puts "ma túy" first).
Queries with syntax (AND, OR, NOT, quotes, field:value) are Whoosh's.

The filters (:class:`~vanthu.index.filters.Filters`) become one Whoosh query
(:func:`whoosh_filter`); answers and snippets are :mod:`vanthu.index.results`'.
Search the archive through :func:`vanthu.index.search.search`; a
:class:`Searcher` is the text mode's engine.
"""

from __future__ import annotations

import datetime as dt
import heapq

from whoosh import query as Q
from whoosh.fields import Schema

from .bulk import holding_all, score_all
from .filters import NO_FILTERS, Filters
from .query import ParsedQuery, parse_query
from .ranking import CANDIDATES, RankedSearcher

__all__ = ["Searcher", "whoosh_filter"]


def whoosh_filter(filters: Filters) -> Q.Query | None:
    """The filters as one Whoosh query (documents outside it are not counted); None for no filter."""
    parts: list[Q.Query] = []
    if filters.doc_type:
        parts.append(Q.Term("doc_type", filters.doc_type))
    if filters.issuer_words:
        alternatives = [Q.And([Q.Term("issuer", w) for w in words]) for words in filters.issuer_alternatives]
        parts.append(alternatives[0] if len(alternatives) == 1 else Q.Or(alternatives))
    if filters.level:
        parts.append(Q.Term("issuer_level", filters.level))
    if filters.date_from or filters.date_to:
        parts.append(_dates(filters.date_from, filters.date_to))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _dates(date_from: dt.date | None, date_to: dt.date | None) -> Q.Query:
    """Documents whose known date interval overlaps [from, to]; an unknown date (0) never does."""
    parts = []
    if date_from:
        parts.append(Q.NumericRange("date_hi", int(date_from.strftime("%Y%m%d")), None))
    if date_to:
        parts.append(Q.NumericRange("date_lo", 1, int(date_to.strftime("%Y%m%d"))))
    return parts[0] if len(parts) == 1 else Q.And(parts)


class Searcher(RankedSearcher):
    """One open Whoosh searcher reused for many queries; a context manager."""

    def __init__(self, searcher, schema: Schema) -> None:
        self._searcher = searcher
        self._schema = schema

    def close(self) -> None:
        self._searcher.close()

    def _empty(self) -> bool:
        return not self._searcher.doc_count_all()  # Whoosh's idf fails on an index with no segment

    def _filter(self, filters: Filters) -> Q.Query | None:
        return whoosh_filter(filters)

    def _answer(self, parsed: ParsedQuery, limit: int, allowed: Q.Query | None, sort: str):
        if parsed.plain and not parsed.numbers:
            return self._words(parsed, limit, allowed, sort)
        return self._whoosh(parsed, limit, allowed, sort)

    def _stored(self, docnum: int) -> dict:
        return self._searcher.stored_fields(docnum)

    def _passes(self, filters: Filters) -> bool:
        return self._any(whoosh_filter(filters), None)

    def matching_ids(self, query: str, filters: Filters = NO_FILTERS, cap: int = 10_000) -> list[str]:
        """The ids of the documents ``query`` finds within the filters, unranked (at most ``cap``):
        what a facet counts. Whoosh's own: its id column and the words' postings, no ranking."""
        parsed = parse_query(query, self._schema)
        if not self._searcher.doc_count_all():
            return []
        allowed = whoosh_filter(filters)
        if parsed.plain and not parsed.numbers:
            among = frozenset(self._searcher.docs_for_query(allowed)) if allowed is not None else None
            docnums = list(score_all(self._searcher, "words", parsed.words, among))[:cap]
        else:
            docnums = [h.docnum for h in self._searcher.search(parsed.query, limit=cap, filter=allowed)]
        ids = self._searcher.reader().column_reader("id")
        return [ids[d] for d in docnums]

    def _types(self) -> str:
        reader = self._searcher.reader()
        keys = sorted(reader.lexicon("doc_type"), key=lambda k: -reader.doc_frequency("doc_type", k))
        names = []
        for key in keys:
            docnum = next(iter(Q.Term("doc_type", key).docs(self._searcher)), None)
            if docnum is not None:
                names.append(self._searcher.stored_fields(docnum).get("doc_type") or key)
        return ", ".join(names)

    def _whoosh(self, parsed: ParsedQuery, limit: int, filters: Q.Query | None, sort: str):
        """Queries with syntax or numbers, by Whoosh's matchers (numbers are rare terms: fast)."""
        options = {"sortedby": "date_lo", "reverse": True} if sort == "date" else {}
        if parsed.plain and sort != "date":
            return self._tiered(parsed, limit, filters)
        found = self._counting(parsed.query, limit, filters, **options)
        return len(found), [(h.docnum, h.score or 0.0) for h in found]

    def _counting(self, query: Q.Query, limit: int, filters: Q.Query | None, **options):
        """Whoosh's search of the ``limit`` best that also counts every match. optimize=False: every
        match is visited anyway when counting, and then the count comes free; and no matcher
        replacement: Whoosh's top-N collector swaps an OR's matcher every ten matches for one without
        the branches that can no longer reach the top N, and its count then missed their documents
        ("an toàn" OR dịch: 64 of 152)."""
        from whoosh.collectors import FilterCollector, ScoredCollector

        collector = self._searcher.collector(limit=limit, filter=filters, optimize=False, **options)
        top = collector.child if isinstance(collector, FilterCollector) else collector
        if isinstance(top, ScoredCollector):
            top.replace = 0
        self._searcher.search_with_collector(query, collector)
        return collector.results()

    def _tiered(self, parsed: ParsedQuery, limit: int, filters: Q.Query | None):
        """Exact matches first, then folded-only ones; each tier's candidates scored finely."""
        size = max(CANDIDATES, limit)
        found = self._counting(parsed.query, size, filters)
        scores = {h.docnum: h.score for h in found}
        exact: set[int] = set()
        if parsed.exact is not None:
            for h in self._searcher.search(parsed.exact, limit=size, filter=filters):
                scores[h.docnum] = h.score
                exact.add(h.docnum)
        return len(found), self._rank(parsed, scores, exact, limit)

    def _words(self, parsed: ParsedQuery, limit: int, filters: Q.Query | None, sort: str):
        """Plain words: BM25 over whole posting blocks (index.bulk), exact tier first, or newest first."""
        allowed = frozenset(self._searcher.docs_for_query(filters)) if filters is not None else None
        scores = score_all(self._searcher, "words", parsed.words, allowed)
        if sort == "date":
            dates = self._searcher.reader().column_reader("date_lo")
            newest = heapq.nlargest(limit, scores, key=lambda d: (dates[d], -d))
            return len(scores), [(d, scores[d]) for d in newest]
        exact: set[int] = set()
        if parsed.exact is not None and scores:
            accented = [t for t, w in zip(parsed.terms, parsed.words) if t != w]
            exact = holding_all(self._searcher, "words", accented, scores)
        size = max(CANDIDATES, limit)
        best = heapq.nlargest(size, exact, key=scores.__getitem__)
        best += heapq.nlargest(size, (d for d in scores if d not in exact), key=scores.__getitem__)
        return len(scores), self._rank(parsed, {d: scores[d] for d in best}, exact, limit)

    def _any(self, query: Q.Query, allowed: set[int] | None) -> bool:
        """Whether anything matches (within ``allowed``): stops at the first match (a count of
        "cho OR người OR dân" visits nearly every document: seconds at 100,000)."""
        return any(allowed is None or docnum in allowed for docnum in query.docs(self._searcher))

    def _scope(self, allowed: Q.Query | None) -> frozenset[int] | None:
        return None if allowed is None else frozenset(self._searcher.docs_for_query(allowed))

    def _finds(self, parsed: ParsedQuery, scope: frozenset[int] | None) -> bool:
        return self._any(parsed.query, scope)

    def _known(self, word: str) -> bool:
        return bool(self._searcher.reader().doc_frequency("text", word))

    def _holding(self, words: tuple[str, ...], scope: frozenset[int] | None) -> int:
        return len(score_all(self._searcher, "words", words, scope))

    def _close(self, word: str, limit: int = 1) -> list[str]:
        """Index words one edit from ``word`` (else two), most frequent first, by Whoosh's corrector over
        the folded terms; ``prefix=1``: the first letter is rarely the mistake, and it keeps the scan short."""
        corrector = self._searcher.corrector("text")
        for distance in (1, 2):
            near = [t for t in corrector.suggest(word, limit=8, maxdist=distance, prefix=1) if t.isascii()]
            if near:
                return near[:limit]
        return []

