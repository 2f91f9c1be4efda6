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
import re
from typing import Iterable

from whoosh import query as Q
from whoosh.fields import Schema

from ..vietnamese.text import fold
from .analysis import folded_analyzer
from .bulk import holding_all, score_all
from .filters import NO_FILTERS, Filters, check_page
from .query import ParsedQuery, parse_query
from .results import SCAN_CHARS, Hit, SearchResults, folded_lower, make_snippet
from .schema import TEXT_FIELDS

__all__ = ["Searcher", "whoosh_filter"]

# Documents per tier that get the second, finer scoring (subject, phrase).
CANDIDATES = 50
# A candidate gains these shares of its word score: for holding the query words in its subject,
# and for holding them together as typed (up to three times).
SUBJECT_SHARE = 1.0
PHRASE_SHARE = 0.5
# What may stand between two words "together": spaces, a comma, a hyphen ("phòng, chống", "Y - tế").
_GAP = r"[\s,\-\u2013]+"



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


def _match_words(parsed: ParsedQuery) -> frozenset[str]:
    """Folded words that the query looks for in text: what a snippet marks."""
    words = set(parsed.words) if parsed.plain else set()
    if not parsed.plain:
        for fieldname, text in parsed.query.iter_all_terms(phrases=True):
            if fieldname in TEXT_FIELDS and isinstance(text, str):
                words.add(fold(text))
    for n in parsed.numbers:
        words.update(t.text for t in folded_analyzer()(n))
    return frozenset(words)


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Searcher:
    """One open Whoosh searcher reused for many queries; a context manager."""

    def __init__(self, searcher, schema: Schema) -> None:
        self._searcher = searcher
        self._schema = schema

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._searcher.close()

    def search(self, query: str, limit: int = 10, filters: Filters = NO_FILTERS, sort: str = "relevance",
               suggest: bool = True) -> SearchResults:
        """Search with one query, ranked or newest first (``sort="date"``), filtered.

        ``suggest=False``: no other query is sought when nothing matches.
        """
        check_page(limit, sort)
        parsed = parse_query(query, self._schema)
        if not self._searcher.doc_count_all():  # an index with nothing yet (a first sync stopped): Whoosh's idf fails
            return SearchResults(query, 0, [])
        allowed = whoosh_filter(filters)
        if parsed.plain and not parsed.numbers:
            total, ranked = self._words(parsed, limit, allowed, sort)
        else:
            total, ranked = self._whoosh(parsed, limit, allowed, sort)
        words = _match_words(parsed)
        hits = [self._hit(docnum, score, words) for docnum, score in ranked]
        if total or not suggest:
            return SearchResults(query, total, hits)
        cause = self._filter_cause(filters)
        return SearchResults(query, total, hits, None if cause else self._suggest(parsed, allowed), cause)

    def matching_ids(self, query: str, filters: Filters = NO_FILTERS, cap: int = 10_000) -> list[str]:
        """The ids of the documents ``query`` finds within the filters, unranked (at most ``cap``):
        what a facet counts."""
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

    def _filter_cause(self, filters: Filters) -> str | None:
        """When nothing matched: the filter that no document passes, named (types: those that exist)."""
        if not filters:
            return None
        if filters.doc_type and not self._finds(Q.Term("doc_type", filters.doc_type), None):
            return f"no document has the type {filters.type_given!r} (the types in the archive: {self._types()})"
        if filters.issuer_words and not self._finds(whoosh_filter(Filters(issuer=filters.issuer)), None):
            return f"no document's issuer has the words {filters.issuer!r}"
        if filters.level and not self._finds(Q.Term("issuer_level", filters.level), None):
            return f"no document of the {filters.level} level"
        if (filters.date_from or filters.date_to) and not self._finds(_dates(filters.date_from, filters.date_to),
                                                                      None):
            return "no document dated " + " ".join(x for x in (filters.date_from and f"from {filters.date_from}",
                                                                filters.date_to and f"to {filters.date_to}") if x)
        if not self._finds(whoosh_filter(filters), None):
            return "no document passes all the filters together (each alone finds some)"
        return None

    def _types(self) -> str:
        """The document types in the index, as written in the documents, most frequent first."""
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
        # optimize=False: every match is visited anyway when counting, and then the count comes free.
        found = self._searcher.search(parsed.query, limit=limit, filter=filters, optimize=False, **options)
        return len(found), [(h.docnum, h.score or 0.0) for h in found]

    def _tiered(self, parsed: ParsedQuery, limit: int, filters: Q.Query | None):
        """Exact matches first, then folded-only ones; each tier's candidates scored finely."""
        size = max(CANDIDATES, limit)
        found = self._searcher.search(parsed.query, limit=size, filter=filters, optimize=False)
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

    def _rank(self, parsed: ParsedQuery, scores: dict[int, float], exact: set[int], limit: int):
        """Add the candidates' subject and phrase scores, then sort: exact tier first, best first."""
        for docnum, extra in self._extra_scores(parsed, scores).items():
            scores[docnum] += extra
        ranked = sorted(scores, key=lambda d: (d not in exact, -scores[d], d))[:limit]
        return [(d, scores[d]) for d in ranked]

    def _extra_scores(self, parsed: ParsedQuery, scores: dict[int, float]) -> dict[int, float]:
        """Bonuses, as shares of each candidate's score: query words in its subject, the words standing together.

        Read from the stored subject and body (folded, one regular expression each):
        for a hundred candidates that is cheaper than decoding Whoosh's position lists.
        """
        words = list(dict.fromkeys(parsed.words))
        if not words:
            return {}
        in_subject = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])")
        together = None
        if len(parsed.words) > 1:
            together = re.compile(r"(?<![^\W_])" + _GAP.join(map(re.escape, parsed.words)) + r"(?![^\W_])")
        extra = {}
        for docnum, score in scores.items():
            stored = self._searcher.stored_fields(docnum)
            subject = folded_lower(stored.get("subject") or "")
            bonus = SUBJECT_SHARE * len(set(in_subject.findall(subject))) / len(words)
            if together is not None:
                text = subject + "\n" + folded_lower((stored.get("body") or "")[:SCAN_CHARS])
                bonus += PHRASE_SHARE * min(len(together.findall(text)), 3) / 3
            extra[docnum] = score * bonus
        return extra

    def _hit(self, docnum: int, score: float, words: frozenset[str]) -> Hit:
        stored = self._searcher.stored_fields(docnum)
        text = stored.get("body") or stored.get("subject") or ""
        return Hit(
            id=stored["id"], number=stored.get("number"), doc_type=stored.get("doc_type"),
            issuer=stored.get("issuer"), date=_parse_date(stored.get("date")), subject=stored.get("subject"),
            score=float(score or 0.0), snippet=make_snippet(text, words),
        )

    def _finds(self, query: Q.Query, allowed: set[int] | None) -> bool:
        """Whether anything matches (within ``allowed``): stops at the first match (a count of
        "cho OR người OR dân" visits nearly every document: seconds at 100,000)."""
        return any(allowed is None or docnum in allowed for docnum in query.docs(self._searcher))

    def _suggest(self, parsed: ParsedQuery, filters: Q.Query | None) -> str | None:
        """A query of the archive's own words that would find something: unknown words spelled as the
        index spells them, a word written apart ("covid19" → "covid 19"), one word swapped for a close
        one that the others stand with ("tim vac xin" → "tiem vac xin"), the known words alone, OR."""
        if not parsed.plain or not parsed.words:
            return None
        reader = self._searcher.reader()
        known = [w for w, f in zip(parsed.terms, parsed.words) if reader.doc_frequency("text", f)]
        allowed = None if filters is None else set(self._searcher.docs_for_query(filters))  # once, for every candidate
        candidates = [*_apart(parsed.words), self._corrected(parsed.words), self._respelled(parsed.words, allowed)]
        if known and len(known) < len(parsed.words):
            candidates.append(" ".join(known))
        if len(parsed.terms) > 1:
            candidates.append(" OR ".join(parsed.terms))
        for candidate in dict.fromkeys(c for c in candidates if c):
            if self._finds(parse_query(candidate, self._schema).query, allowed):
                return candidate
        return None

    def _corrected(self, words: Iterable[str]) -> str | None:
        """Each unknown folded word replaced by the closest index word (Whoosh's spelling corrector)."""
        reader = self._searcher.reader()
        out, changed = [], False
        for word in words:
            near = None if reader.doc_frequency("text", word) else next(iter(self._close(word)), None)
            if near:
                word, changed = near, True
            out.append(word)
        return " ".join(out) if changed else None

    def _respelled(self, words: tuple[str, ...], allowed: set[int] | None) -> str | None:
        """The query with one word swapped for a close word of the index, the swap that finds the most
        documents: a typo that is itself a word ("tim" for "tiem") shows only by the words around it."""
        within = None if allowed is None else frozenset(allowed)
        best, most = None, 0
        for i, word in enumerate(words):
            for near in self._close(word, limit=3):
                swapped = (*words[:i], near, *words[i + 1:])
                found = len(score_all(self._searcher, "words", swapped, within))
                if found > most:
                    best, most = " ".join(swapped), found
        return best

    def _close(self, word: str, limit: int = 1) -> list[str]:
        """Index words one edit from ``word`` (else two), most frequent first, by Whoosh's corrector over
        the folded terms; ``prefix=1``: the first letter is rarely the mistake, and it keeps the scan short."""
        corrector = self._searcher.corrector("text")
        for distance in (1, 2):
            near = [t for t in corrector.suggest(word, limit=8, maxdist=distance, prefix=1) if t.isascii()]
            if near:
                return near[:limit]
        return []


def _apart(words: tuple[str, ...]) -> list[str]:
    """The query with letters and digits that were written together apart ("covid19" → "covid 19")."""
    split = [" ".join(re.findall(r"\d+|[^\W\d_]+", w)) for w in words]
    return [" ".join(split)] if split != list(words) else []
