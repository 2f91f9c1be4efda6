"""From what a user types to Whoosh queries: checked, Vietnamese-aware, exact matches first.

- Whoosh syntax keeps working: AND, OR, NOT, "phrases", field:value, prefix*;
  fields can also be named in Vietnamese without diacritics (``so:``, ``loai:``,
  ``coquan:``, ``trichyeu:``, ``noidung:``, ``nguoiky:``, ``noi:``, ``nam:``).
- A plain query (words, maybe document numbers) gives two queries: ``query``
  matches every document holding all the words in any accentuation (what is
  counted), and, when the user typed diacritics, ``exact`` matches those that
  hold the words exactly as typed; the searcher ranks the exact ones first, so
  "mã" never ranks "ma túy" first. A query typed without any diacritic is
  accent-free by intent and has no exact tier.
- In a query with syntax every text term looks for its exact form (weighed
  :data:`EXACT_BOOST` times) or its folded form.
- A document number anywhere in the query ("845/UBND - YT") matches the
  number field whatever its spacing or case, and its text where it is cited.
- A malformed query raises :class:`~vanthu.archive.errors.BadInput` with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from whoosh import query as Q
from whoosh.fields import Schema
from whoosh.qparser import FieldAliasPlugin, QueryParser

from ..archive.errors import BadInput
from ..archive.numbers import NUMBER_RE, canonical_number, number_key
from ..vietnamese.text import fold, normalize
from .analysis import exact_analyzer, folded_analyzer
from .filters import issuer_words
from .schema import TEXT_FIELDS

__all__ = ["ParsedQuery", "parse_query", "check_query", "fields_help", "MAX_QUERY_CHARS", "EXACT_BOOST"]

MAX_QUERY_CHARS = 1000
# Exact (diacritics as typed) over folded-only, where both are scored together (queries with syntax):
# large enough that BM25's saturating tf (at most k1 + 1 = 2.2 times one occurrence) cannot lift a
# folded-only match above an exact one.
EXACT_BOOST = 4.0
# A document whose own number is the query outranks every document that merely cites it.
NUMBER_BOOST = 20.0

_ALIASES = {
    "number": ["so", "sokyhieu"],
    "doc_type": ["loai", "type"],
    "issuer": ["coquan", "noibanhanh"],
    "issuer_level": ["cap", "level"],
    "subject": ["trichyeu", "veviec"],
    "text": ["body", "noidung"],
    "signer": ["nguoiky"],
    "place": ["noi", "diadanh"],
    "year": ["nam"],
}
# What each field is, in a user's words, for the message that lists them.
SEARCHABLE = ("number", "doc_type", "issuer", "issuer_level", "subject", "text", "signer", "place", "year")
_FIELD_NAMES = {name: name for name in SEARCHABLE} | {a: f for f, aliases in _ALIASES.items() for a in aliases}
# A field name as Whoosh reads one: a word right before a colon, outside quotes ("10:30" is no field).
_FIELD = re.compile(r"(?<![\w/.-])([^\W\d_][\w.]*):")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_BINARY = _OPERATORS - {"NOT"}
# Anything that makes a query more than a list of words.
_SYNTAX = re.compile(r'["()*?:~^\[\]{}]|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b')
_QUOTED = re.compile(r'"[^"]*"')


@dataclass(frozen=True)
class ParsedQuery:
    """A checked query. ``query`` finds every match; ``exact`` (or None) those written as typed.

    ``terms`` are the plain words as typed, ``words`` folded; ``plain`` says the
    query had no syntax, so the searcher may rank by tiers and suggest looser forms.
    """

    text: str
    query: Q.Query
    exact: Q.Query | None
    words: tuple[str, ...]
    terms: tuple[str, ...]
    numbers: tuple[str, ...]
    plain: bool
    accented: bool


def check_query(text: str) -> str:
    """The normalised query, or BadInput saying what is wrong with it."""
    if len(text) > MAX_QUERY_CHARS:
        raise BadInput(f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch != "\t":
            raise BadInput(f"query contains a control character (U+{ord(ch):04X})")
    text = normalize(text).strip()
    if not text:
        raise BadInput("empty query")
    if not re.search(r"[^\W_]", text):
        raise BadInput(f"query has no words: {text!r}")
    if text.count('"') % 2:
        raise BadInput('unbalanced quote (") in query')
    _check_parentheses(text)
    _check_operators(text)
    return text


def _check_parentheses(text: str) -> None:
    depth = 0
    for ch in _QUOTED.sub("", text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise BadInput("unbalanced parenthesis: ')' without '(' in query")
    if depth:
        raise BadInput("unbalanced parenthesis: '(' without ')' in query")


def _check_operators(text: str) -> None:
    """AND/OR need a word on both sides, NOT one after it."""
    tokens = _QUOTED.sub(" x ", text).replace("(", " ( ").replace(")", " ) ").split()
    for i, tok in enumerate(tokens):
        if tok not in _OPERATORS:
            continue
        before = tokens[i - 1] if i else "("
        after = tokens[i + 1] if i + 1 < len(tokens) else ")"
        if tok in _BINARY and (before == "(" or before in _OPERATORS):
            raise BadInput(f"{tok} has nothing before it in the query")
        if after == ")" or after in _BINARY:
            raise BadInput(f"{tok} has nothing after it in the query")


def fields_help() -> str:
    """The searchable fields and their Vietnamese names, for one line of help."""
    return ", ".join(f"{f} ({', '.join(_ALIASES[f])})" if f in _ALIASES else f for f in SEARCHABLE)


def _check_fields(text: str) -> None:
    """BadInput naming the fields that can be searched, for a field that is unknown or holds no
    searchable text (Whoosh would find nothing, or fail with its own internal message)."""
    for match in _FIELD.finditer(_QUOTED.sub(" ", text)):
        name = match.group(1)
        if name in _FIELD_NAMES or name == "id":
            continue
        if fold(name).lower() in ("date", "ngay", "ngaybanhanh"):
            why = "dates are searched with --from and --to, or year:2021"
        else:
            why = "no such field"
        raise BadInput(f"cannot search by {name}: ({why}); the fields that can be searched are {fields_help()}")


def _split_numbers(text: str) -> tuple[str, list[str]]:
    """Take document numbers out of the free text (not inside quotes, not after ``field:``)."""
    numbers: list[str] = []
    quoted = [m.span() for m in _QUOTED.finditer(text)]

    def take(match: re.Match[str]) -> str:
        start = match.start()
        if any(a <= start < b for a, b in quoted) or text[:start].endswith(":"):
            return match.group()
        numbers.append(canonical_number(match.group()))
        return " "

    return NUMBER_RE.sub(take, text), numbers


def number_query(number: str) -> Q.Query:
    """The document with this number, or a text that writes it (a citation)."""
    words = [t.text for t in folded_analyzer()(number)]
    return Q.Or([Q.Term("number", number_key(number), boost=NUMBER_BOOST), Q.Phrase("text", words)])


def _all_of(words: list[str], numbers: list[Q.Query]) -> Q.Query:
    clauses = numbers + [Q.Term("text", w) for w in words]
    return clauses[0] if len(clauses) == 1 else Q.And(clauses)


def _twin(node: Q.Query, accented: bool) -> Q.Query:
    """A text-field term or phrase as its folded form, or exact-weighted-first when the user typed diacritics."""
    folded = node.copy()
    if isinstance(node, Q.Phrase):
        folded.words = [fold(w) for w in node.words]
    else:
        folded.text = fold(node.text)
    if not accented or folded == node:
        return folded
    exact = node.copy()
    exact.boost = node.boost * EXACT_BOOST
    return Q.Or([exact, folded])


def _written_out(node: Q.Query) -> Q.Query:
    """An issuer term or phrase with its abbreviations written out ("UBND" → "ủy ban nhân dân"), as
    issuers are stored; the words are folded, which the folded twin finds."""
    words = node.words if isinstance(node, Q.Phrase) else [node.text] if isinstance(node, Q.Term) else None
    if words is None:
        return node
    full = [w for word in words for w in issuer_words(word)]
    if full == [fold(w).lower() for w in words]:
        return node
    return Q.Phrase(node.fieldname, full, boost=node.boost) if len(full) > 1 else Q.Term(node.fieldname, full[0])


def _expand(node: Q.Query, accented: bool) -> Q.Query:
    """Walk a parsed tree, giving every text-field term its folded form."""
    if isinstance(node, (Q.Term, Q.Prefix, Q.Wildcard, Q.FuzzyTerm, Q.Phrase)):
        if getattr(node, "fieldname", None) == "issuer":
            node = _written_out(node)
        if getattr(node, "fieldname", None) in TEXT_FIELDS:
            return _twin(node, accented)
        return node
    return node.apply(lambda child: _expand(child, accented))


def _parse_syntax(text: str, schema: Schema, accented: bool) -> Q.Query:
    parser = QueryParser("text", schema)
    parser.add_plugin(FieldAliasPlugin(_ALIASES))
    try:
        parsed = parser.parse(text)
    except Exception as err:  # whoosh raises assorted errors on odd syntax
        raise BadInput(f"cannot read the query {text!r}: {err}") from err
    if isinstance(parsed, type(Q.NullQuery)):
        raise BadInput(f"query has no words to search: {text!r}")
    return _expand(parsed, accented)


def parse_query(text: str, schema: Schema) -> ParsedQuery:
    """Check and translate a user's query; BadInput when it cannot be searched."""
    text = check_query(text)
    accented = fold(text) != text
    rest, numbers = _split_numbers(text)
    plain = not _SYNTAX.search(rest)
    words = [t.text for t in folded_analyzer()(rest)]
    terms = [t.text for t in exact_analyzer()(rest)]
    if not plain:
        _check_fields(rest)
        query = _parse_syntax(rest, schema, accented)
        if numbers:
            query = Q.And([number_query(n) for n in numbers] + [query])
        return ParsedQuery(text, query, None, tuple(words), tuple(terms), tuple(numbers), False, accented)
    by_number = [number_query(n) for n in numbers]
    exact = _all_of(terms, by_number) if accented and terms != words else None
    return ParsedQuery(text, _all_of(words, by_number), exact, tuple(words), tuple(terms),
                       tuple(numbers), True, accented)
