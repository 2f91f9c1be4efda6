"""The Vietnamese analyzer: small Whoosh pieces composed with ``|``.

Vietnamese writes one syllable per space-separated token, so the tokenizer is
a syllable tokenizer; words of several syllables ("phòng chống", "Ủy ban nhân
dân") are made to count by phrase scoring of the top candidates (see
:mod:`vanthu.index.search`).

- :func:`exact_analyzer`: syllables, canonical tones, lower case. No stop words:
  "Y tế", "ý kiến", "và", "an" are words that people search for.
- :func:`folded_analyzer`: the same, then diacritics removed (đ → d), so
  "tiem vac xin" finds "tiêm vắc xin".
- :func:`text_analyzer`: what the text fields index: every syllable with its
  diacritics and, at the same position, its folded form ("mã" and "ma"). One
  field then answers exact and accent-free queries, phrases included, for
  half the indexing work and size of two twin fields (BENCHMARKS.md, issue 4).
- :func:`key_analyzer`: the whole value as one folded, lower-case token
  (document types, levels: "cong van" = "Công văn").
- :func:`number_analyzer`: the whole value as one document-number key
  (``845/UBND - YT`` = ``845/ubnd-yt``).

>>> [t.text for t in exact_analyzer()("Trạm Y tế và an toàn thuỷ lợi")]
['trạm', 'y', 'tế', 'và', 'an', 'toàn', 'thủy', 'lợi']
>>> [t.text for t in folded_analyzer()("Tiêm vắc xin, ĐỒNG THÁP")]
['tiem', 'vac', 'xin', 'dong', 'thap']
>>> [(t.text, t.pos) for t in text_analyzer()("Mã số", positions=True)]
[('mã', 0), ('ma', 0), ('số', 1), ('so', 1)]
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import (
    Analyzer,
    Filter,
    IDTokenizer,
    LowercaseFilter,
    RegexTokenizer,
)

from ..archive.numbers import number_key
from ..vietnamese.text import fold, fold_key, normalize

__all__ = [
    "VietnameseTokenizer",
    "ToneFilter",
    "FoldFilter",
    "NumberKeyFilter",
    "FoldKeyFilter",
    "exact_analyzer",
    "folded_analyzer",
    "text_analyzer",
    "key_analyzer",
    "number_analyzer",
    "syllables",
    "slot_text",
    "SLOT_FILLER",
]

# A syllable: letters and digits, each maybe followed by combining marks, so that an
# NFD-stored "tiêm" (t i e ̂ ́ m) stays one token until ToneFilter composes it. A mark
# with no letter before it, and underscores (the blanks of forms), are not tokens.
SYLLABLE = r"(?:[^\W_][\u0300-\u036f]*)+"


_SYLLABLE_RE = re.compile(SYLLABLE)
# Stored and indexed text is NFC: a combining mark is rare there, and without one a syllable is a plain
# run of letters and digits, which the regular expression engine matches a third faster than SYLLABLE's
# group repeated letter by letter (the same tokens: SYLLABLE's marks never occur).
_PLAIN_SYLLABLE_RE = re.compile(r"[^\W_]+")
_MARK_RE = re.compile("[\u0300-\u036f]")


def _find_syllables(text: str) -> list[str]:
    """``_SYLLABLE_RE.findall(text)``, by the plain pattern where the text holds no combining mark."""
    return (_SYLLABLE_RE if _MARK_RE.search(text) else _PLAIN_SYLLABLE_RE).findall(text)
# The exact slot of a syllable that has no diacritics (its one form sits in the folded slot).
SLOT_FILLER = "_"


class VietnameseTokenizer(RegexTokenizer):
    """Splits text into syllables (runs of letters, digits and combining marks); keeps one-letter syllables."""

    def __init__(self) -> None:
        super().__init__(SYLLABLE)


# The syllable inventory is small (a few thousand forms), so caching per form makes
# normalising and folding every token nearly free.
@lru_cache(maxsize=65536)
def _normalized(text: str) -> str:
    return normalize(text)


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text)


class ToneFilter(Filter):
    """NFC and canonical tone placement per token, so "hoà"/"hòa" and NFD/NFC index alike."""

    def __call__(self, tokens):
        for t in tokens:
            if not t.text.isascii():
                t.text = _normalized(t.text)
            yield t


class FoldFilter(Filter):
    """Removes diacritics (đ → d); with ``keep_original`` the folded form is added at the same position.

    ``keep_original`` adds the folded form when indexing only: a query term stays as typed, and
    the query side decides whether to look for the exact or the folded form.
    """

    def __init__(self, keep_original: bool = False) -> None:
        self.keep_original = keep_original

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and other.keep_original == self.keep_original

    def __call__(self, tokens):
        for t in tokens:
            if t.text.isascii():
                yield t
                continue
            folded = _folded(t.text)
            if self.keep_original:
                yield t
                if t.mode != "query":
                    # Same token object, same position: Whoosh reads the text as each token comes.
                    t.text = folded
                    yield t
            else:
                t.text = folded
                yield t


class FoldKeyFilter(Filter):
    """The whole value as a folded, lower-case, space-collapsed key ("Công  văn" → "cong van")."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = fold_key(t.text)
            if t.text:
                yield t


class NumberKeyFilter(Filter):
    """A document number as its matching key (archive.numbers.number_key): spacing, case, zeros ignored."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = number_key(t.text)
            if t.text:
                yield t


def exact_analyzer() -> Analyzer:
    """Syllables with their diacritics, canonical tones, lower case."""
    return VietnameseTokenizer() | ToneFilter() | LowercaseFilter()


def folded_analyzer() -> Analyzer:
    """Syllables without diacritics: the accent-insensitive twin of :func:`exact_analyzer`."""
    return VietnameseTokenizer() | ToneFilter() | LowercaseFilter() | FoldFilter()


def text_analyzer() -> Analyzer:
    """Exact and folded syllables at the same positions: the analyzer of every searchable text field."""
    return VietnameseTokenizer() | ToneFilter() | LowercaseFilter() | FoldFilter(keep_original=True)


def key_analyzer() -> Analyzer:
    """The whole value as one folded key: for filters on type and level."""
    return IDTokenizer() | FoldKeyFilter()


def number_analyzer() -> Analyzer:
    """The whole value as one document-number key."""
    return IDTokenizer() | NumberKeyFilter()


_EXACT: dict[str, str] = {}


def _exact(syllable: str) -> str:
    """ToneFilter then LowercaseFilter of one syllable (cached: the inventory is small)."""
    out = _EXACT.get(syllable)
    if out is None:
        out = (syllable if syllable.isascii() else _normalized(syllable)).lower()
        if len(_EXACT) < 200_000:
            _EXACT[syllable] = out
    return out


def syllables(text: str) -> list[str]:
    """The tokens of :func:`exact_analyzer`, at regular-expression speed (for the tantivy engine).

    >>> syllables("Trạm Y tế, thuỷ lợi")
    ['trạm', 'y', 'tế', 'thủy', 'lợi']
    """
    return [_exact(s) for s in _find_syllables(text)]


def slot_text(text: str) -> str:
    """:func:`text_analyzer`'s tokens as whitespace-separated slots, two per syllable: the exact form at
    position 2i, the folded one at 2i + 1 (:data:`SLOT_FILLER` in the exact slot of a syllable without
    diacritics). A whitespace tokenizer then indexes exactly what Whoosh's analyzer does, exact and
    folded at one syllable's place: a phrase query asks for each word at its slot.

    >>> slot_text("Mã số 12")
    'mã ma số so _ 12'
    """
    get = _SLOTS.get  # one lookup per syllable as written: the whole cost is the regular expression
    return " ".join([get(s) or _slots_of(s) for s in _find_syllables(text)])


_SLOTS: dict[str, str] = {}


def _slots_of(syllable: str) -> str:
    word = _exact(syllable)
    out = f"{SLOT_FILLER} {word}" if word.isascii() else f"{word} {_folded(word)}"
    if len(_SLOTS) < 200_000:
        _SLOTS[syllable] = out
    return out
