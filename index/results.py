"""What every search mode answers: :class:`SearchResults` of :class:`Hit` values, with snippets.

Snippets mark matched words with guillemets, ``«tiêm» «vắc» «xin»``, and join
fragments with `` … ``: readable as plain text in JSON, and the CLI turns the
marks into highlights (:func:`snippet_parts`). Guillemets in the document
itself are shown as ``"`` so the marks stay unambiguous.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..vietnamese.text import fold

__all__ = ["Hit", "SearchResults", "make_snippet", "snippet_parts", "folded_lower", "MARK_OPEN", "MARK_CLOSE",
           "SCAN_CHARS"]

MARK_OPEN, MARK_CLOSE = "«", "»"
_SNIPPET_CHARS = 240
SCAN_CHARS = 100_000  # characters of a text that snippets and phrase bonuses read
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
    """The answer to one query. When nothing matched: ``suggestion``, a query of the archive's own
    words that would find something, and ``cause``, a filter that no document passes, named."""

    query: str
    total: int
    results: list[Hit] = field(default_factory=list)
    suggestion: str | None = None
    cause: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"query": self.query, "total": self.total,
                               "results": [h.to_json() for h in self.results]}
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        if self.cause is not None:
            out["cause"] = self.cause
        return out


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


def _fold_table() -> dict[int, str]:
    """fold() for every precomposed Latin letter, as a str.translate table (C speed on long bodies)."""
    table = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        folded = fold(chr(cp))
        if len(folded) == 1 and folded != chr(cp):
            table[cp] = folded
    return table


_FOLD = _fold_table()


def folded_lower(text: str) -> str:
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
    :data:`SCAN_CHARS` characters are scanned.
    """
    text = text.replace(MARK_OPEN, '"').replace(MARK_CLOSE, '"')[:SCAN_CHARS]
    folded = folded_lower(text)
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
