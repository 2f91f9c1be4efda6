"""BM25 for plain word queries, computed over whole posting blocks instead of Whoosh's matcher tree.

Whoosh scores a conjunction by walking a tree of matcher objects, several
Python calls per document per word: for "ủy ban nhân dân", which every
directive contains, that was 0.7 s at 10,000 documents (BENCHMARKS.md,
issue 4). Here each word's postings are read block by block into a dict, the
documents holding every word are one set intersection, and BM25 (Whoosh's
own formula and parameters) is computed once per matching document.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Iterable

from whoosh.codec.whoosh3 import W3LeafMatcher

__all__ = ["Scored", "score_all"]

# Whoosh's BM25F defaults (scoring.BM25F): the same ranking the matcher tree would give.
K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Scored:
    """Every document holding all the words (global docnums) and the best ``top`` of them by score."""

    matched: frozenset[int]
    top: list[tuple[int, float]]


def _postings(leaf, field: str, word: str) -> dict[int, float]:
    """docnum (in this segment) → term frequency, read a block at a time."""
    if not leaf.frequency(field, word):
        return {}
    m = leaf.postings(field, word)
    out: dict[int, float] = {}
    if isinstance(m, W3LeafMatcher):
        # The block arrays are decoded by Whoosh's own (private) readers: one call per block, not per posting.
        while m.is_active():
            m._read_ids()
            m._read_weights()
            out.update(zip(m._ids, m._weights))
            m._next_block()
        return out
    while m.is_active():  # any other codec: the public, per-posting way
        out[m.id()] = m.weight()
        m.next()
    return out


def score_all(searcher, field: str, words: Iterable[str], top: int,
              allowed: frozenset[int] | None = None) -> Scored:
    """All documents whose ``field`` holds every word (each at least once), and the ``top`` best by BM25."""
    words = list(dict.fromkeys(words))
    idf = {w: searcher.idf(field, w) for w in words}
    average = searcher.avg_field_length(field) or 1.0
    matched: set[int] = set()
    scored: list[tuple[float, int]] = []
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
        for d in docs:
            norm = K1 * (1 - B + B * leaf.doc_field_length(d, field, 1) / average)
            score = sum(idf[w] * p[d] * (K1 + 1) / (p[d] + norm) for w, p in zip(words, postings))
            scored.append((score, d + offset))
        matched.update(d + offset for d in docs)
    best = heapq.nlargest(top, scored)
    return Scored(frozenset(matched), [(d, s) for s, d in best])
