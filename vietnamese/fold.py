"""Folding: Vietnamese text without its diacritics, for loose comparisons and keys.

Its own module because both ``text`` and ``layout`` use it and ``text.prepare`` uses ``layout``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_key"]

# Every mark Vietnamese (and Latin script) puts on a letter, in one C-level pass; U+034F, the
# grapheme joiner, is no mark (combining class 0) and stays, as unicodedata.combining says.
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def fold(text: str) -> str:
    """Remove all diacritics (đ → d), keeping case and everything else.

    >>> fold("Tiêm vắc xin, ĐỒNG THÁP")
    'Tiem vac xin, DONG THAP'
    """
    decomposed = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")))
    if decomposed.isascii():
        return decomposed
    # Marks of other scripts, checked one non-ASCII character at a time ("–", "“" and "№" stay).
    return _NON_ASCII.sub(_unmarked, decomposed)


def _unmarked(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold_key(text: str) -> str:
    """Lower-case, folded, whitespace-collapsed: a key for loose comparisons.

    >>> fold_key("  Ủy ban  nhân dân ")
    'uy ban nhan dan'
    """
    return _short_key(text) if len(text) <= _CACHED_CHARS else _key(text)


# The parser asks for the keys of the same letterhead lines and body names again and again; long
# texts (a document's head) are keyed once and never kept.
_CACHED_CHARS = 120


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


_short_key = lru_cache(maxsize=16384)(_key)
