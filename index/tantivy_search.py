"""Searching the tantivy index: vanthu's queries in tantivy's terms, ranked by the shared rules.

Queries are parsed once, by :func:`~vanthu.index.query.parse_query` (Whoosh's parser with vanthu's
Vietnamese expansion: folded twins, exact forms weighed first, issuer abbreviations, document
numbers), and the resulting query tree is translated node by node (:func:`translate`): the same
syntax, by construction, on both engines. (``whoosh-compat`` parses query strings into its own tree
and tokenises phrases itself: it cannot place a word at its exact or folded slot, and it would be
a second parser to keep in step with ours; see BENCHMARKS.md, "Full-text engines".)

A phrase word is looked for at its slot (:func:`~vanthu.index.analysis.slot_text`): a word typed
with diacritics at 2i, one without at 2i + 1, so "mã so" matches "mã số" as it does in Whoosh.
Plain words are scored by tantivy's BM25 over the text field (subject and body); the exact tier,
subject and phrase bonuses come from :class:`~vanthu.index.ranking.RankedSearcher`.
"""

from __future__ import annotations

import json
import re
from typing import Any, Sequence

from whoosh import query as Q

from ..archive.errors import BadInput
from ..archive.store import FACET_LIMIT, top_facet_values
from .filters import NO_FILTERS, Filters
from .query import ParsedQuery, parse_query
from .ranking import CANDIDATES, FACET_COLUMNS, RankedSearcher
from .schema import TEXT_FIELDS, build_schema

__all__ = ["TantivySearcher", "translate", "filter_query", "bindings", "FACET_FIELDS"]

# Query fields that the tantivy index holds under another name (Whoosh's "words" and "body" are "text").
_RENAMED = {"words": "text", "body": "text"}
_WHOOSH_SCHEMA = build_schema()
_MAX_CLOSE_TERMS = 20_000  # index words read for a spelling suggestion (one first letter)
# The index field that holds each facet's value as the archive's column does (tantivy_index).
FACET_FIELDS = {"doc_type": "facet_doc_type", "issuer_level": "facet_issuer_level", "issuer": "facet_issuer",
                "year": "year"}
_EVERY_DOC = "date_lo"  # a fast field every document has (0 when undated): counting it counts the matches


def bindings():
    import tantivy  # the engine's bindings: only for archives that use it

    return tantivy


def _boolean(clauses: list[tuple[Any, Any]]):
    tantivy = bindings()
    return tantivy.Query.boolean_query(clauses)


def _all_of(queries: list) -> Any:
    tantivy = bindings()
    return queries[0] if len(queries) == 1 else _boolean([(tantivy.Occur.Must, q) for q in queries])


def _field(name: str) -> str:
    return _RENAMED.get(name, name)


def _slot(word: str, index: int) -> int:
    """Where a phrase's ``index``-th word sits in slot text: exact forms at 2i, words without diacritics at 2i+1."""
    return 2 * index + (1 if word.isascii() else 0)


def _pattern(text: str, wildcard: bool) -> str:
    """A Whoosh prefix or wildcard as a regular expression over whole terms."""
    if not wildcard:
        return re.escape(text) + ".*"
    return "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text)


def _leaf(node: Q.Query, schema) -> Any:
    """One term-level node of a parsed query as a tantivy query."""
    tantivy = bindings()
    field = _field(node.fieldname)
    if isinstance(node, Q.Phrase):
        if field in TEXT_FIELDS:  # indexed as slots (tantivy_index)
            words = [(_slot(w, i), w) for i, w in enumerate(node.words)]
            return tantivy.Query.phrase_query(schema, field, words, slop=max(0, 2 * (node.slop - 1)))
        return tantivy.Query.phrase_query(schema, field, list(node.words), slop=max(0, node.slop - 1))
    if isinstance(node, Q.NumericRange):
        return tantivy.Query.range_query(schema, field, tantivy.FieldType.Integer, node.start, node.end,
                                         include_lower=node.start is None or not node.startexcl,
                                         include_upper=node.end is None or not node.endexcl)
    if isinstance(node, Q.FuzzyTerm):
        return tantivy.Query.fuzzy_term_query(schema, field, node.text, distance=node.maxdist,
                                              transposition_cost_one=True)
    if isinstance(node, (Q.Prefix, Q.Wildcard)):
        return tantivy.Query.regex_query(schema, field, _pattern(node.text, isinstance(node, Q.Wildcard)))
    if isinstance(node, Q.Term):
        text = node.text
        if field == "year":  # Whoosh encodes numeric terms; the value is what tantivy wants
            return tantivy.Query.term_query(schema, field, _WHOOSH_SCHEMA["year"].from_bytes(text))
        return tantivy.Query.term_query(schema, field, text)
    raise BadInput(f"the tantivy engine cannot run this part of the query: {node}")


def translate(node: Q.Query, schema) -> Any:
    """A parsed (Whoosh) query tree as the equivalent tantivy query: terms, phrases, prefixes and ranges
    leaf by leaf; And, Or, Not, AndNot, AndMaybe, Require as boolean queries; boosts kept."""
    tantivy = bindings()
    must, should, must_not = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot
    if isinstance(node, Q.Every):
        out = tantivy.Query.all_query()
    elif isinstance(node, type(Q.NullQuery)):
        out = tantivy.Query.empty_query()
    elif isinstance(node, Q.Not):
        out = _boolean([(must, tantivy.Query.all_query()), (must_not, translate(node.query, schema))])
    elif isinstance(node, Q.And):
        out = _boolean([(must_not, translate(c.query, schema)) if isinstance(c, Q.Not)
                        else (must, translate(c, schema)) for c in node.subqueries])
    elif isinstance(node, Q.Or):
        out = _boolean([(should, translate(c, schema)) for c in node.subqueries])
    elif isinstance(node, Q.AndNot):
        out = _boolean([(must, translate(node.a, schema)), (must_not, translate(node.b, schema))])
    elif isinstance(node, Q.AndMaybe):
        out = _boolean([(must, translate(node.a, schema)), (should, translate(node.b, schema))])
    elif isinstance(node, Q.Require):
        out = _boolean([(must, translate(node.a, schema)),
                        (must, tantivy.Query.const_score_query(translate(node.b, schema), 0.0))])
    elif isinstance(node, Q.TermRange):
        raise BadInput(f"a range of words ({node}) is not searchable with the tantivy engine; "
                       "ranges work on years (year:[2020 TO 2022]) and --from/--to")
    else:
        out = _leaf(node, schema)
    boost = getattr(node, "boost", 1.0)
    return out if boost == 1.0 else tantivy.Query.boost_query(out, float(boost))


def filter_query(filters: Filters, schema) -> Any:
    """The filters as one tantivy query that scores nothing; None for no filter."""
    tantivy = bindings()
    term = tantivy.Query.term_query
    parts = []
    if filters.doc_type:
        parts.append(term(schema, "doc_type", filters.doc_type))
    if filters.issuer_words:
        alternatives = [_all_of([term(schema, "issuer", w) for w in words]) for words in filters.issuer_alternatives]
        parts.append(alternatives[0] if len(alternatives) == 1 else
                     _boolean([(tantivy.Occur.Should, a) for a in alternatives]))
    if filters.level:
        parts.append(term(schema, "issuer_level", filters.level))
    if filters.date_from:
        parts.append(tantivy.Query.range_query(schema, "date_hi", tantivy.FieldType.Integer,
                                               int(filters.date_from.strftime("%Y%m%d")), None))
    if filters.date_to:
        parts.append(tantivy.Query.range_query(schema, "date_lo", tantivy.FieldType.Integer, 1,
                                               int(filters.date_to.strftime("%Y%m%d"))))
    if not parts:
        return None
    return tantivy.Query.const_score_query(_all_of(parts), 0.0)


def _within(query, allowed):
    """``query`` limited to the filtered documents (which add nothing to the score)."""
    return query if allowed is None else _all_of([query, allowed])


def _distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance of two words, or ``most + 1`` as soon as it must exceed ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > most:
            return most + 1
        previous = current
    return previous[-1]


class TantivySearcher(RankedSearcher):
    """One open tantivy searcher reused for many queries; a context manager."""

    def __init__(self, searcher, schema) -> None:
        self._searcher = searcher
        self._tschema = schema
        self._cache: dict[tuple[int, int], dict] = {}

    def _run(self, query, limit: int, count: bool = True, **options):
        return self._searcher.search(query, limit=limit, count=count, **options)

    def _empty(self) -> bool:
        return not self._searcher.num_docs

    def _filter(self, filters: Filters):
        self._cache.clear()
        return filter_query(filters, self._tschema)

    def _words_query(self, words) -> Any:
        tantivy = bindings()
        return _all_of([tantivy.Query.term_query(self._tschema, "text", w) for w in dict.fromkeys(words)])

    def _matching(self, parsed: ParsedQuery, allowed):
        """The query that finds what ``parsed`` matches within the filters (unscored filters)."""
        plain_words = parsed.plain and not parsed.numbers
        query = self._words_query(parsed.words) if plain_words else translate(parsed.query, self._tschema)
        return _within(query, allowed)

    def matching_ids(self, query: str, filters: Filters = NO_FILTERS, cap: int = 10_000) -> list[str]:
        """The ids of (at most ``cap``) documents ``query`` finds, unranked: read from the id column by
        tantivy's terms aggregation, in Rust (ranking them as the base does cost a `vanthu serve` search
        page half a second at 2,000 documents: every match's stored text was read and scanned)."""
        parsed = parse_query(query, self._schema or build_schema())
        if self._empty():
            return []
        found = self._searcher.aggregate(self._matching(parsed, self._filter(filters)),
                                         {"ids": {"terms": {"field": "id", "size": cap}}})
        return [bucket["key"] for bucket in found["ids"]["buckets"]]

    def facet_counts(self, query: str, filters: Filters = NO_FILTERS, columns: Sequence[str] = FACET_COLUMNS,
                     limit: int = FACET_LIMIT, *, by_ids=None, cap=None) -> tuple[dict[str, dict[str, int]], int]:
        """Every match counted in the index, by one aggregation: a terms aggregation per facet's raw fast
        field and a count of all matches (those without a value are the difference). Every value is
        asked for, so the counts are exact; the archive's rule picks the ``limit`` shown. Neither the
        archive (``by_ids``) nor a ``cap`` is needed: no id leaves the index, and every match counts."""
        unknown = set(columns) - set(FACET_FIELDS)
        if unknown:
            raise ValueError(sorted(unknown))
        parsed = parse_query(query, self._schema or build_schema())
        if self._empty():
            return {column: {} for column in columns}, 0
        every = self._searcher.num_docs + 1  # more than the values there can be: no bucket left out
        asked = {column: {"terms": {"field": FACET_FIELDS[column], "size": every}} for column in columns}
        asked["_matches"] = {"value_count": {"field": _EVERY_DOC}}
        found = self._searcher.aggregate(self._matching(parsed, self._filter(filters)), asked)
        total = int(found["_matches"]["value"])
        out = {}
        for column in columns:
            counts: dict[Any, int] = {b["key"]: b["doc_count"] for b in found[column]["buckets"]}
            without = total - sum(counts.values())
            if without:
                counts[None] = without
            out[column] = top_facet_values(counts, limit)
        return out, total

    def _answer(self, parsed: ParsedQuery, limit: int, allowed, sort: str):
        query = self._matching(parsed, allowed)
        if sort == "date":
            return self._newest(query, limit)
        if not parsed.plain:
            found = self._run(query, limit)
            return found.count, [(_key(a), s) for s, a in found.hits]
        size = max(CANDIDATES, limit)
        found = self._run(query, size)
        scores = {_key(a): s for s, a in found.hits}
        exact: set = set()
        if parsed.exact is not None:
            for score, address in self._run(_within(self._exact(parsed), allowed), size, count=False).hits:
                scores[_key(address)] = score
                exact.add(_key(address))
        return found.count, self._rank(parsed, scores, exact, limit)

    def _exact(self, parsed: ParsedQuery):
        """The exact tier's query. Plain words: the folded words' query (so the same BM25 scores) limited
        to the documents holding the accented words as typed; with numbers, the parsed exact query."""
        if parsed.numbers:
            return translate(parsed.exact, self._tschema)
        tantivy = bindings()
        accented = [t for t, w in zip(parsed.terms, parsed.words) if t != w]
        return _all_of([self._words_query(parsed.words),
                        tantivy.Query.const_score_query(self._words_query(accented), 0.0)])

    def _newest(self, query, limit: int):
        """Newest first (the date interval's start), each with its relevance score."""
        tantivy = bindings()
        found = self._run(query, limit, order_by_field="date_lo", order=tantivy.Order.Desc)
        keys = [_key(a) for _, a in found.hits]
        ids = [self._stored(k)["id"] for k in keys]
        scored = self._run(_all_of([query, tantivy.Query.const_score_query(
            tantivy.Query.term_set_query(self._tschema, "id", ids), 0.0)]), len(ids) or 1, count=False)
        scores = {_key(a): s for s, a in scored.hits}
        return found.count, [(k, scores.get(k, 0.0)) for k in keys]

    def _stored(self, key: tuple[int, int]) -> dict:
        stored = self._cache.get(key)
        if stored is None:
            tantivy = bindings()
            document = self._searcher.doc(tantivy.DocAddress(*key))
            stored = json.loads(bytes(document["stored"][0]).decode("utf-8"))
            self._cache[key] = stored
        return stored

    def _folded(self, key: tuple[int, int], body: bool = True) -> tuple[str, str]:
        """Folded at indexing time and stored (tantivy_index): folding a hundred candidate bodies was
        half of a query's CPU."""
        stored = self._stored(key)
        if "folded_subject" not in stored:  # an index written before they were stored
            return super()._folded(key, body)
        return stored["folded_subject"], stored["folded_body"] if body else ""

    def _passes(self, filters: Filters) -> bool:
        query = filter_query(filters, self._tschema)
        return query is None or bool(self._run(query, 1, count=False).hits)

    def _types(self) -> str:
        tantivy = bindings()
        names = []
        for key, _ in sorted(self._searcher.terms_with_prefix("doc_type", ""), key=lambda kv: (-kv[1], kv[0])):
            hits = self._run(tantivy.Query.term_query(self._tschema, "doc_type", key), 1, count=False).hits
            if hits:
                names.append(self._stored(_key(hits[0][1])).get("doc_type") or key)
        return ", ".join(names)

    def _known(self, word: str) -> bool:
        return bool(self._searcher.doc_freq("text", word))

    def _close(self, word: str, limit: int = 1) -> list[str]:
        """Index words one edit from ``word`` (else two) that share its first letter, most frequent first."""
        if not word:
            return []
        terms = [(t, n) for t, n in self._searcher.terms_with_prefix("text", word[0], limit=_MAX_CLOSE_TERMS)
                 if t.isascii()]
        for most in (1, 2):  # as Whoosh's corrector: the word itself (distance 0) counts when the index has it
            near = [(t, n) for t, n in terms if _distance(word, t, most) <= most]
            if near:  # the most frequent first; between equals, the one that subjects use more
                near.sort(key=lambda tn: (-tn[1], -self._searcher.doc_freq("subject", tn[0]), tn[0]))
                return [t for t, _ in near[:limit]]
        return []

    def _finds(self, parsed: ParsedQuery, scope) -> bool:
        return bool(self._run(_within(translate(parsed.query, self._tschema), scope), 1, count=False).hits)

    def _holding(self, words: tuple[str, ...], scope) -> int:
        return self._run(_within(self._words_query(words), scope), 1).count


def _key(address) -> tuple[int, int]:
    return address.segment_ord, address.doc

