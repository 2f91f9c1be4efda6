"""Folding: Vietnamese text without its diacritics, for loose comparisons and keys.

Its own module because both ``text`` and ``layout`` use it and ``text.prepare`` uses ``layout``.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "fold_key"]


def fold(text: str) -> str:
    """Remove all diacritics (đ → d), keeping case and everything else.

    >>> fold("Tiêm vắc xin, ĐỒNG THÁP")
    'Tiem vac xin, DONG THAP'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_key(text: str) -> str:
    """Lower-case, folded, whitespace-collapsed: a key for loose comparisons.

    >>> fold_key("  Ủy ban  nhân dân ")
    'uy ban nhan dan'
    """
    return " ".join(fold(text).lower().split())
