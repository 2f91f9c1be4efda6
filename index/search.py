"""Searching the full-text index: filters, sorting, snippets and a suggestion when nothing matches.

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

Snippets mark matched words with guillemets, ``«tiêm» «vắc» «xin»``, and join
fragments with `` … ``: readable as plain text in JSON, and the CLI turns the
marks into highlights (:func:`snippet_parts`). Guillemets in the document
itself are shown as ``"`` so the marks stay unambiguous.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from whoosh import query as Q
from whoosh.fields import Schema

from ..archive.errors import BadInput
from ..vietnamese.text import fold, fold_key
from .analysis import folded_analyzer
from .bulk import holding_all, score_all
from .query import ParsedQuery, parse_query
from .schema import TEXT_FIELDS

__all__ = ["Hit", "SearchResults", "Searcher", "search", "snippet_parts", "SORTS", "MARK_OPEN", "MARK_CLOSE"]

MARK_OPEN, MARK_CLOSE = "«", "»"
SORTS = ("relevance", "date")
LEVELS = ("central", "province", "district", "commune")
_SNIPPET_CHARS = 240
_SCAN_CHARS = 100_000
# Documents per tier that get the second, finer scoring (subject, phrase).
CANDIDATES = 50
# A candidate gains these shares of its word score: for holding the query words in its subject,
# and for holding them together as typed (up to three times).
SUBJECT_SHARE = 1.0
PHRASE_SHARE = 0.5
# What may stand between two words "together": spaces, a comma, a hyphen ("phòng, chống", "Y - tế").
_GAP = r"[\s,\-\u2013]+"
_MARKED = re.compile(f"{MARK_OPEN}([^{MARK_CLOSE}]*){MARK_CLOSE}")


@dataclass(frozen=True)
class Hit:
    """One result: the document's identity, its score and a snippet with matches marked «…»."""

    id: str
    number: str | None
    doc_type: str | None
    issuer: str | None
    date: dt.date | None
    subject: str | None
    score: float
    snippet: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "doc_type": self.doc_type, "issuer": self.issuer,
                "date": self.date.isoformat() if self.date else None, "subject": self.subject,
                "score": round(self.score, 3), "snippet": self.snippet}


@dataclass(frozen=True)
class SearchResults:
    """The answer to one query; ``suggestion`` is set only when nothing matched and a looser query would."""

    query: str
    total: int
    results: list[Hit] = field(default_factory=list)
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"query": self.query, "total": self.total,
                               "results": [h.to_json() for h in self.results]}
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        return out


@dataclass(frozen=True)
class _Filters:
    doc_type: str | None = None
    issuer: str | None = None
    level: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def query(self) -> Q.Query | None:
        """The filter as one Whoosh query (documents outside it are not counted)."""
        parts: list[Q.Query] = []
        if self.doc_type:
            parts.append(Q.Term("doc_type", fold_key(self.doc_type)))
        if self.issuer:
            words = [t.text for t in folded_analyzer()(self.issuer)]
            if not words:
                raise BadInput(f"--issuer has no words: {self.issuer!r}")
            parts.extend(Q.Term("issuer", w) for w in words)
        if self.level:
            level = fold_key(self.level)
            if level not in LEVELS:
                raise BadInput(f"unknown level {self.level!r} (one of: {', '.join(LEVELS)})")
            parts.append(Q.Term("issuer_level", level))
        if self.date_from or self.date_to:
            parts.append(self._dates())
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Q.And(parts)

    def _dates(self) -> Q.Query:
        """Documents whose known date interval overlaps [from, to]; an unknown date (0) never does."""
        lo = int(self.date_from.strftime("%Y%m%d")) if self.date_from else None
        hi = int(self.date_to.strftime("%Y%m%d")) if self.date_to else None
        if lo and hi and lo > hi:
            raise BadInput(f"--from {self.date_from} is after --to {self.date_to}")
        parts = []
        if lo:
            parts.append(Q.NumericRange("date_hi", lo, None))
        if hi:
            parts.append(Q.NumericRange("date_lo", 1, hi))
        return parts[0] if len(parts) == 1 else Q.And(parts)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into (text, is_match) runs, for rendering highlights.

    >>> snippet_parts("về «tiêm» vắc")
    [('về ', False), ('tiêm', True), (' vắc', False)]
    """
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in _MARKED.finditer(snippet):
        if m.start() > pos:
            parts.append((snippet[pos:m.start()], False))
        parts.append((m.group(1), True))
        pos = m.end()
    if pos < len(snippet):
        parts.append((snippet[pos:], False))
    return parts


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


def _fold_table() -> dict[int, str]:
    """fold() for every precomposed Latin letter, as a str.translate table (C speed on long bodies)."""
    table = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        folded = fold(chr(cp))
        if len(folded) == 1 and folded != chr(cp):
            table[cp] = folded
    return table


_FOLD = _fold_table()


def _folded_lower(text: str) -> str:
    """fold(text).lower() at C speed for NFC text (same length as the text)."""
    return text.translate(_FOLD).lower()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _window(spans: list[tuple[int, int, str]], size: int) -> tuple[int, int]:
    """The window of ``size`` characters that holds the most distinct matched words (first wins ties)."""
    best, best_count = (spans[0][0], spans[0][0] + size), 0
    for i, (start, _, _) in enumerate(spans):
        seen = {w for s, e, w in spans[i:] if e <= start + size}
        if len(seen) > best_count:
            best, best_count = (start, start + size), len(seen)
    return best


def make_snippet(text: str, words: frozenset[str]) -> str:
    """About :data:`_SNIPPET_CHARS` characters of ``text`` around the most matched words, matches «marked».

    Matching runs on the folded text with one regular expression: folding an NFC
    Vietnamese text keeps its length, so the spans point into the original
    (when it does not, the snippet is the opening). Only the first
    :data:`_SCAN_CHARS` characters are scanned.
    """
    text = text.replace(MARK_OPEN, '"').replace(MARK_CLOSE, '"')[:_SCAN_CHARS]
    folded = _folded_lower(text)
    spans = []
    if words and len(folded) == len(text):
        pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                             + r")(?![^\W_])")
        spans = [(m.start(), m.end(), m.group()) for m in pattern.finditer(folded)]
    if not spans:
        return _excerpt(text, 0, _SNIPPET_CHARS)
    start, end = _window(spans[:400], _SNIPPET_CHARS)
    start = max(0, start - _SNIPPET_CHARS // 4)
    end = start + _SNIPPET_CHARS
    marked, pos = [], start
    for s, e, _ in spans:
        if s >= pos and e <= end:
            marked += [text[pos:s], MARK_OPEN, text[s:e], MARK_CLOSE]
            pos = e
    marked.append(text[pos:end])
    return _excerpt("".join(marked), 0, None, lead=start > 0, tail=end < len(text))


def _excerpt(text: str, start: int, size: int | None, lead: bool = False, tail: bool = False) -> str:
    """One line of text, cut at word boundaries, with … where text was left out."""
    piece = text[start: None if size is None else start + size]
    if size is not None and start + size < len(text):
        tail = True
    piece = _one_line(piece)
    if lead and " " in piece:
        piece = piece.split(" ", 1)[1]
    if tail and " " in piece:
        piece = piece.rsplit(" ", 1)[0]
    return ("… " if lead else "") + piece + (" …" if tail else "")


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

    def search(self, query: str, limit: int = 10, doc_type: str | None = None, issuer: str | None = None,
               level: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
               sort: str = "relevance", suggest: bool = True) -> SearchResults:
        """Search; see :func:`search`. ``suggest=False``: no other query is sought when nothing matches."""
        if limit < 1:
            raise BadInput(f"--limit must be at least 1 (got {limit})")
        if sort not in SORTS:
            raise BadInput(f"unknown sort {sort!r} (one of: {', '.join(SORTS)})")
        parsed = parse_query(query, self._schema)
        filters = _Filters(doc_type, issuer, level, date_from, date_to).query()
        if parsed.plain and not parsed.numbers:
            total, ranked = self._words(parsed, limit, filters, sort)
        else:
            total, ranked = self._whoosh(parsed, limit, filters, sort)
        words = _match_words(parsed)
        hits = [self._hit(docnum, score, words) for docnum, score in ranked]
        suggestion = None if total or not suggest else self._suggest(parsed, filters)
        return SearchResults(query, total, hits, suggestion)

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
            subject = _folded_lower(stored.get("subject") or "")
            bonus = SUBJECT_SHARE * len(set(in_subject.findall(subject))) / len(words)
            if together is not None:
                text = subject + "\n" + _folded_lower((stored.get("body") or "")[:_SCAN_CHARS])
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
        """A query that would find something: spelling corrected, else without unknown words, else OR."""
        if not parsed.plain or not parsed.words:
            return None
        reader = self._searcher.reader()
        known = [w for w, f in zip(parsed.terms, parsed.words) if reader.doc_frequency("text", f)]
        candidates = [self._corrected(parsed.words)]
        if known and len(known) < len(parsed.words):
            candidates.append(" ".join(known))
        if len(parsed.terms) > 1:
            candidates.append(" OR ".join(parsed.terms))
        allowed = None if filters is None else set(self._searcher.docs_for_query(filters))  # once, for every candidate
        for candidate in candidates:
            if candidate and self._finds(parse_query(candidate, self._schema).query, allowed):
                return candidate
        return None

    def _corrected(self, words: Iterable[str]) -> str | None:
        """Each unknown folded word replaced by the most frequent index word one or two edits away."""
        reader = self._searcher.reader()
        out, changed = [], False
        for word in words:
            near = None if reader.doc_frequency("text", word) else self._nearest(reader, word)
            if near:
                word, changed = near, True
            out.append(word)
        return " ".join(out) if changed else None

    @staticmethod
    def _nearest(reader, word: str) -> str | None:
        for distance in (1, 2):
            # prefix=1: the first letter is rarely the mistake, and it keeps the scan short.
            candidates = [t for t in reader.terms_within("text", word, distance, prefix=1) if t.isascii()]
            if candidates:
                return max(candidates, key=lambda t: (reader.doc_frequency("text", t), t))
        return None


def search(index, query: str, **options) -> SearchResults:
    """Search a :class:`~vanthu.index.fulltext.FullTextIndex` with one query.

    Options: ``limit=10``, ``doc_type`` (folded, case-insensitive), ``issuer``
    (all its words), ``level`` (central|province|district|commune),
    ``date_from``/``date_to`` (a document known only by its year is kept when
    its year overlaps), ``sort`` ("relevance" or "date", newest first).
    For many queries open one :meth:`FullTextIndex.searcher` instead.
    """
    with index.searcher() as searcher:
        return searcher.search(query, **options)
