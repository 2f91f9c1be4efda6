"""Hybrid search: reciprocal-rank fusion on fixed rankings, and semantic filters that mean what text filters mean.

The end-to-end hybrid search with the model is in test_semantic.py (it shares that file's embedded archive).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.archive.store import Archive
from vanthu.index.filters import Filters
from vanthu.index.fulltext import FullTextIndex
from vanthu.index.hybrid import RRF_K, fuse
from vanthu.index.semantic import filter_ids
from vanthu.pipeline.ingest import ingest

FUSE = [
    ([["a", "b", "c"], ["a", "b", "c"]], ["a", "b", "c"]),  # agreement: unchanged
    ([["a", "b", "c"], ["c", "b", "a"]], ["a", "c", "b"]),  # mirror images: the ends tie, the first ranking breaks it
    ([["a", "b"], ["c", "b"]], ["b", "a", "c"]),  # second in both beats first in one
    ([["a"], []], ["a"]),  # one ranking empty (nothing matched the words)
    ([[], ["x", "y"]], ["x", "y"]),  # semantic alone
    ([["t1", "t2", "t3", "shared"], ["shared", "s1"]], ["shared", "t1", "t2", "s1", "t3"]),  # found by both rises
]


@pytest.mark.parametrize("rankings,expected", FUSE)
def test_fuse_fixed_rankings(rankings, expected):
    assert [doc for doc, _ in fuse(rankings)] == expected


def test_fuse_scores_are_reciprocal_ranks():
    fused = dict(fuse([["a", "b"], ["b"]]))
    assert fused["a"] == pytest.approx(1 / (RRF_K + 1))
    assert fused["b"] == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 1))


def test_fuse_weights():
    assert [d for d, _ in fuse([["a", "b"], ["b", "a"]], weights=[1.0, 2.0])] == ["b", "a"]
    with pytest.raises(ValueError):
        fuse([["a"], ["b"]], weights=[1.0])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abcdefghij"), unique=True), min_size=1, max_size=3))
def test_fuse_keeps_every_document_once_best_first(rankings):
    fused = fuse(rankings)
    ids = [d for d, _ in fused]
    assert sorted(ids) == sorted({d for r in rankings for d in r})
    scores = [s for _, s in fused]
    assert scores == sorted(scores, reverse=True)
    # A document first in every ranking that holds anything is first overall.
    tops = {r[0] for r in rankings if r}
    if len(tops) == 1 and all(r for r in rankings):
        assert ids[0] == tops.pop()


# -- filters: the same documents in every mode ------------------------------------------------


@pytest.fixture(scope="module")
def chain_archive(tmp_path_factory, samples_dir):
    root = tmp_path_factory.mktemp("hybrid-archive")
    with Archive.open(root) as archive:
        ingest(archive, [samples_dir / "chain", samples_dir / "seeds"], workers=1)
    return root


FILTERS = [
    {"level": "commune"},  # four commune documents
    {"doc_type": "ke hoach"},  # folded type
    {"issuer": "Bình Xuyên"},  # every word of the issuer
    {"issuer": "binh xuyen", "level": "district"},  # folded, combined
    {"date_from": dt.date(2021, 3, 20), "date_to": dt.date(2021, 3, 31)},  # a range of days
    {"date_from": dt.date(2021, 9, 1)},  # year-only seeds of 2021 overlap an open range
    {"date_to": dt.date(2021, 2, 28)},  # only the Government's February resolution
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_semantic_filters_match_text_filters(chain_archive, filters):
    # Every document holds "của": the text search with the filters lists exactly the documents they let through.
    with Archive.open(chain_archive) as archive:
        allowed = filter_ids(archive, Filters(**filters))
        with FullTextIndex.open(archive.fulltext_dir, create=False).searcher() as searcher:
            text = searcher.search("của", limit=100, filters=Filters(**filters))
    assert allowed == {h.id for h in text.results}
    assert allowed  # every row of the table selects something


def test_no_filter_is_none(chain_archive):
    with Archive.open(chain_archive) as archive:
        assert filter_ids(archive, Filters()) is None
