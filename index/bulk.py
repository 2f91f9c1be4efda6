"""BM25 for plain word queries, computed over whole posting blocks instead of Whoosh's matcher tree.

Whoosh scores a conjunction by walking a tree of matcher objects, several
Python calls per document per word: for "ủy ban nhân dân", which every
directive contains, that was 0.7 s at 10,000 documents (BENCHMARKS.md,
issue 4). Here each word's postings are read block by block into a dict, the
documents holding every word are one set intersection, and BM25 (Whoosh's
own formula and parameters) is computed once per matching document.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Iterable

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.util.numeric import byte_to_length

__all__ = ["score_all", "holding_all"]

# Whoosh's BM25F defaults (scoring.BM25F): the same ranking the matcher tree would give.
K1 = 1.2
B = 0.75


def _blocks(leaf, field: str, word: str, weights: bool = True):
    """Yield (ids, weights) a posting block at a time; weights None when not asked for."""
    m = leaf.postings(field, word)
    if isinstance(m, W3LeafMatcher):
        # A block at a time through Whoosh's own (private) block data: ids are stored as deltas,
        # summed here by itertools.accumulate (C) instead of Whoosh's per-posting generator.
        while m.is_active():
            if m._data is None:
                m._read_data()
            ids = m._data[0] if m._byteids else accumulate(m._data[0])
            if weights:
                m._read_weights()
            yield ids, (m._weights if weights else None)
            m._next_block()
        return
    ids, ws = [], []
    while m.is_active():  # any other codec: the public, per-posting way
        ids.append(m.id())
        ws.append(m.weight())
        m.next()
    yield ids, ws


def _postings(leaf, field: str, word: str) -> dict[int, float]:
    """docnum (in this segment) → term frequency."""
    out: dict[int, float] = {}
    if leaf.frequency(field, word):
        for ids, weights in _blocks(leaf, field, word):
            out.update(zip(ids, weights))
    return out


def _length_norms(leaf, field: str, average: float):
    """Per document, BM25's length normalisation; Whoosh stores a length as one byte, so 256 values."""
    table = [K1 * (1 - B + B * byte_to_length(code) / average) for code in range(256)]
    try:  # the byte column read in one piece (Whoosh 3 codec internals)
        column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        codes = column._dbfile.get(column._basepos, column._count)
        return lambda d: table[codes[d]] if d < len(codes) else table[0]
    except AttributeError:
        return lambda d: K1 * (1 - B + B * leaf.doc_field_length(d, field, 0) / average)


def score_all(searcher, field: str, words: Iterable[str], allowed: frozenset[int] | None = None) -> dict[int, float]:
    """BM25 of every document (global docnum) whose ``field`` holds all the ``words``, within ``allowed``."""
    words = list(dict.fromkeys(words))
    idf = [searcher.idf(field, w) for w in words]
    average = searcher.avg_field_length(field) or 1.0
    scores: dict[int, float] = {}
    for leaf, offset in searcher.reader().leaf_readers():
        postings = [_postings(leaf, field, w) for w in words]
        if not all(postings):
            continue
        docs = set(min(postings, key=len))
        for p in postings:
            docs.intersection_update(p)
        if leaf.has_deletions():
            docs = {d for d in docs if not leaf.is_deleted(d)}
        if allowed is not None:
            docs = {d for d in docs if d + offset in allowed}
        norm = _length_norms(leaf, field, average)
        for d in docs:
            n = norm(d)
            scores[d + offset] = sum(i * p[d] * (K1 + 1) / (p[d] + n) for i, p in zip(idf, postings))
    return scores


def holding_all(searcher, field: str, words: Iterable[str], among: Iterable[int]) -> set[int]:
    """Those of the ``among`` documents (global docnums) whose ``field`` holds every word (ids only, no scores)."""
    keep = set(among)
    for leaf, offset in searcher.reader().leaf_readers():
        for word in dict.fromkeys(words):
            present: set[int] = set()
            if leaf.frequency(field, word):
                for ids, _ in _blocks(leaf, field, word, weights=False):
                    present.update(map(offset.__add__, ids))
            upper = offset + leaf.doc_count_all()
            keep = {d for d in keep if not (offset <= d < upper) or d in present}
    return keep
