"""What both full-text engines share when they answer a query: the ranking rules, snippets, the
cause of an empty answer and the suggestion, written once.

An engine (:class:`vanthu.index.text.Searcher` for Whoosh, :class:`vanthu.index.tantivy_search.
TantivySearcher` for tantivy) finds and scores the matches; this base turns them into the same
:class:`~vanthu.index.results.SearchResults`:

- ranking: the best :data:`CANDIDATES` of each tier (exact diacritics as typed, then folded-only)
  gain bonuses for query words in their subject and for the words standing together as typed, and
  each tier is sorted by the sum, so an exact match always ranks above a folded-only one;
- when nothing matched: the filter that no document passes, named, else a query of the archive's
  own words that would find something.

A document is named by the engine's own sortable key (Whoosh's docnum, tantivy's (segment, doc)
pair: equal scores rank in index order); the base reads it only through :meth:`RankedSearcher._stored`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Hashable, Iterable, Sequence

from ..archive.store import FACET_LIMIT
from ..vietnamese.text import fold
from .analysis import folded_analyzer
from .filters import NO_FILTERS, Filters, check_page
from .query import ParsedQuery, parse_query
from .results import SCAN_CHARS, Hit, SearchResults, folded_lower, make_snippet
from .schema import TEXT_FIELDS, build_schema

__all__ = ["RankedSearcher", "CANDIDATES", "SUBJECT_SHARE", "PHRASE_SHARE", "FACET_COLUMNS", "match_words"]

# Documents per tier that get the second, finer scoring (subject, phrase).
CANDIDATES = 50
# A candidate gains these shares of its word score: for holding the query words in its subject,
# and for holding them together as typed (up to three times).
SUBJECT_SHARE = 1.0
PHRASE_SHARE = 0.5
# The archive's columns a search's facets count (type, level, year, issuer).
FACET_COLUMNS = ("doc_type", "issuer_level", "year", "issuer")
# What may stand between two words "together": spaces, a comma, a hyphen ("phòng, chống", "Y - tế").
_GAP = r"[\s,\-\u2013]+"

Ranked = list[tuple[Hashable, float]]


def match_words(parsed: ParsedQuery) -> frozenset[str]:
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


class RankedSearcher:
    """The engine-neutral half of a full-text searcher; a context manager.

    Subclasses answer the hooks below (named ``_…``) from their own index.
    """

    _schema = None  # the Whoosh schema the query parser reads (both engines parse queries alike)

    def __enter__(self) -> "RankedSearcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Release the engine's searcher."""

    # -- hooks -------------------------------------------------------------------------------

    def _empty(self) -> bool:
        """Whether the index holds no document at all."""
        raise NotImplementedError

    def _filter(self, filters: Filters) -> Any:
        """The filters in the engine's terms (None for no filter)."""
        raise NotImplementedError

    def _answer(self, parsed: ParsedQuery, limit: int, allowed: Any, sort: str) -> tuple[int, Ranked]:
        """(how many match, the ``limit`` best as (key, score)), ranked or newest first."""
        raise NotImplementedError

    def _stored(self, key: Hashable) -> dict:
        """The stored fields of a document: id, number, doc_type, issuer, date (ISO), subject, body."""
        raise NotImplementedError

    def _passes(self, filters: Filters) -> bool:
        """Whether any document passes ``filters``."""
        raise NotImplementedError

    def _types(self) -> str:
        """The document types in the index, as written, most frequent first."""
        raise NotImplementedError

    def _known(self, word: str) -> bool:
        """Whether some document's text holds the folded ``word``."""
        raise NotImplementedError

    def _close(self, word: str, limit: int = 1) -> list[str]:
        """Folded index words one edit from ``word`` (else two), most frequent first."""
        raise NotImplementedError

    def _scope(self, allowed: Any) -> Any:
        """What :meth:`_finds` and :meth:`_holding` are given for the filters (computed once)."""
        return allowed

    def _finds(self, parsed: ParsedQuery, scope: Any) -> bool:
        """Whether ``parsed`` matches anything within the filters (stops at the first match)."""
        raise NotImplementedError

    def _holding(self, words: tuple[str, ...], scope: Any) -> int:
        """How many documents within the filters hold every folded word."""
        raise NotImplementedError

    # -- the shared answer -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 10, filters: Filters = NO_FILTERS, sort: str = "relevance",
               suggest: bool = True, offset: int = 0) -> SearchResults:
        """Search with one query, ranked or newest first (``sort="date"``), filtered.

        ``suggest=False``: no other query is sought when nothing matches. ``offset``: the results are
        the ``limit`` best but the first ``offset`` (a page: only its hits are read and given snippets,
        which were most of a twentieth page's cost).
        """
        check_page(limit, sort)
        parsed = parse_query(query, self._schema or build_schema())
        if self._empty():  # an index with nothing yet (a first sync stopped)
            return SearchResults(query, 0, [])
        allowed = self._filter(filters)
        total, ranked = self._answer(parsed, limit, allowed, sort)
        words = match_words(parsed)
        hits = [self._hit(key, score, words) for key, score in ranked[offset:]]
        if total or not suggest:
            return SearchResults(query, total, hits)
        cause = self._filter_cause(filters)
        return SearchResults(query, total, hits, None if cause else self._suggest(parsed, allowed), cause)

    def matching_ids(self, query: str, filters: Filters = NO_FILTERS, cap: int = 10_000) -> list[str]:
        """The ids of (at most ``cap``) documents ``query`` finds within the filters, best first: what
        a facet counts (`vanthu serve`). An engine may answer it faster, unranked."""
        parsed = parse_query(query, self._schema or build_schema())
        if self._empty():
            return []
        _, ranked = self._answer(parsed, cap, self._filter(filters), "relevance")
        return [self._stored(key)["id"] for key, _ in ranked]

    def facet_counts(self, query: str, filters: Filters = NO_FILTERS, columns: Sequence[str] = FACET_COLUMNS,
                     limit: int = FACET_LIMIT, *, by_ids: Callable[..., dict[str, dict[str, int]]] | None = None,
                     cap: int = 10_000) -> tuple[dict[str, dict[str, int]], int]:
        """The facets of a search: per column, how many matches hold each value (the ``limit`` most
        frequent, "unknown" for none, as :meth:`Archive.facet_counts <vanthu.archive.store.Archive.
        facet_counts>` orders them), and how many matches were counted.

        Here: the ids of at most ``cap`` matches (:meth:`matching_ids`), counted by ``by_ids(ids,
        columns, limit=limit)`` (the archive's ``facet_counts``). An engine whose index holds the
        columns' values counts every match itself (tantivy)."""
        if by_ids is None:
            raise TypeError("this engine counts facets through the archive: give by_ids (Archive.facet_counts)")
        ids = self.matching_ids(query, filters, cap)
        return by_ids(ids, columns, limit=limit), len(ids)

    def _rank(self, parsed: ParsedQuery, scores: dict, exact: set, limit: int) -> Ranked:
        """Add the candidates' subject and phrase scores, then sort: exact tier first, best first."""
        for key, extra in self._extra_scores(parsed, scores).items():
            scores[key] += extra
        ranked = sorted(scores, key=lambda k: (k not in exact, -scores[k], k))[:limit]
        return [(k, scores[k]) for k in ranked]

    def _extra_scores(self, parsed: ParsedQuery, scores: dict) -> dict:
        """Bonuses, as shares of each candidate's score: query words in its subject, the words standing together.

        Read from the stored subject and body (folded, one regular expression each):
        for a hundred candidates that is cheaper than decoding position lists.
        """
        words = list(dict.fromkeys(parsed.words))
        if not words:
            return {}
        in_subject = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])")
        together = None
        if len(parsed.words) > 1:
            together = re.compile(r"(?<![^\W_])" + _GAP.join(map(re.escape, parsed.words)) + r"(?![^\W_])")
        extra = {}
        for key, score in scores.items():
            subject, body = self._folded(key, body=together is not None)
            bonus = SUBJECT_SHARE * len(set(in_subject.findall(subject))) / len(words)
            if together is not None:
                bonus += PHRASE_SHARE * min(len(together.findall(subject + "\n" + body)), 3) / 3
            extra[key] = score * bonus
        return extra

    def _folded(self, key: Hashable, body: bool = True) -> tuple[str, str]:
        """The document's subject and the head of its body (:data:`SCAN_CHARS`), folded and lower case
        (the body "" unless asked for): what the bonuses read."""
        stored = self._stored(key)
        return (folded_lower(stored.get("subject") or ""),
                folded_lower((stored.get("body") or "")[:SCAN_CHARS]) if body else "")

    def _hit(self, key: Hashable, score: float, words: frozenset[str]) -> Hit:
        stored = self._stored(key)
        text = stored.get("body") or stored.get("subject") or ""
        return Hit(
            id=stored["id"], number=stored.get("number"), doc_type=stored.get("doc_type"),
            issuer=stored.get("issuer"), date=_parse_date(stored.get("date")), subject=stored.get("subject"),
            score=float(score or 0.0), snippet=make_snippet(text, words),
        )

    def _filter_cause(self, filters: Filters) -> str | None:
        """When nothing matched: the filter that no document passes, named (types: those that exist)."""
        if not filters:
            return None
        if filters.doc_type and not self._passes(Filters(doc_type=filters.doc_type)):
            return f"no document has the type {filters.type_given!r} (the types in the archive: {self._types()})"
        if filters.issuer_words and not self._passes(Filters(issuer=filters.issuer)):
            return f"no document's issuer has the words {filters.issuer!r}"
        if filters.level and not self._passes(Filters(level=filters.level)):
            return f"no document of the {filters.level} level"
        if (filters.date_from or filters.date_to) and not self._passes(Filters(date_from=filters.date_from,
                                                                               date_to=filters.date_to)):
            return "no document dated " + " ".join(x for x in (filters.date_from and f"from {filters.date_from}",
                                                                filters.date_to and f"to {filters.date_to}") if x)
        if not self._passes(filters):
            return "no document passes all the filters together (each alone finds some)"
        return None

    def _suggest(self, parsed: ParsedQuery, allowed: Any) -> str | None:
        """A query of the archive's own words that would find something: unknown words spelled as the
        index spells them, a word written apart ("covid19" → "covid 19"), one word swapped for a close
        one that the others stand with ("tim vac xin" → "tiem vac xin"), the known words alone, OR."""
        if not parsed.plain or not parsed.words:
            return None
        known = [w for w, f in zip(parsed.terms, parsed.words) if self._known(f)]
        scope = self._scope(allowed)  # once, for every candidate
        candidates = [*_apart(parsed.words), self._corrected(parsed.words), self._respelled(parsed.words, scope)]
        if known and len(known) < len(parsed.words):
            candidates.append(" ".join(known))
        if len(parsed.terms) > 1:
            candidates.append(" OR ".join(parsed.terms))
        schema = self._schema or build_schema()
        for candidate in dict.fromkeys(c for c in candidates if c):
            if self._finds(parse_query(candidate, schema), scope):
                return candidate
        return None

    def _corrected(self, words: Iterable[str]) -> str | None:
        """Each unknown folded word replaced by the closest index word."""
        out, changed = [], False
        for word in words:
            near = None if self._known(word) else next(iter(self._close(word)), None)
            if near:
                word, changed = near, True
            out.append(word)
        return " ".join(out) if changed else None

    def _respelled(self, words: tuple[str, ...], scope: Any) -> str | None:
        """The query with one word swapped for a close word of the index, the swap that finds the most
        documents: a typo that is itself a word ("tim" for "tiem") shows only by the words around it."""
        best, most = None, 0
        for i, word in enumerate(words):
            for near in self._close(word, limit=3):
                swapped = (*words[:i], near, *words[i + 1:])
                found = self._holding(swapped, scope)
                if found > most:
                    best, most = " ".join(swapped), found
        return best


def _apart(words: tuple[str, ...]) -> list[str]:
    """The query with letters and digits that were written together apart ("covid19" → "covid 19")."""
    split = [" ".join(re.findall(r"\d+|[^\W\d_]+", w)) for w in words]
    return [" ".join(split)] if split != list(words) else []
