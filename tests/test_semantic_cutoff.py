"""Semantic and hybrid answers end where relevance ends (issue 14), on real text with the real model.

The archive: the Vĩnh Phúc chain of 2021 (vaccinating people against COVID-19, 12 real dispatches)
and, as hard negatives, three articles of the Legal Code on vaccinating livestock
(benchmarks/data/semantic_eval/corpus.jsonl). A query about vaccinating people must not return
them; the cut is calibrated on the labelled set (benchmarks/semantic_quality.py), not here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vanthu.archive.store import Archive
from vanthu.index.search import search
from vanthu.pipeline.ingest import ingest
from vanthu.pipeline.semantic import embed_pending

pytestmark = pytest.mark.semantic

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "semantic_eval" / "corpus.jsonl"
LIVESTOCK = ("nong-nghiep-nong-thon__thu-y#147",  # compulsory disease prevention (vaccination) of land animals
             "nong-nghiep-nong-thon__thu-y#406",  # conditions on makers of veterinary vaccines
             "nong-nghiep-nong-thon__nghi-dinh-204-2026-nd-cp-xu-phat-vi-pham-thu-y#8")  # fine for not vaccinating animals


@pytest.fixture(scope="module")
def vaccination(tmp_path_factory, samples_dir, embedder):
    """The chain and the livestock articles, imported and embedded; the livestock documents' ids."""
    root = tmp_path_factory.mktemp("cutoff")
    rows = {r["id"]: r["text"] for r in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines())}
    files = []
    for n, key in enumerate(LIVESTOCK):
        path = root / "files" / f"livestock-{n}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(rows[key], encoding="utf-8")
        files.append(path)
    with Archive.open(root / "archive") as archive:
        ingest(archive, [samples_dir / "chain", *files], workers=1, keep_non_directives=True)
        embed_pending(archive, embedder)
        livestock = {doc_id for doc_id, name in archive.conn.execute("SELECT doc_id, name FROM sources")
                     if name.startswith("livestock-")}
    assert len(livestock) == 3
    return root / "archive", livestock


PEOPLE = [
    "chích ngừa cho người dân",  # the everyday word; the query
    "tiêm vắc xin phòng COVID-19 cho người dân",  # the chain's own words
    "tiem chung vac xin covid",  # without diacritics
    "kế hoạch tiêm chủng cho đối tượng ưu tiên",  # a paraphrase of the plans
]


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
@pytest.mark.parametrize("query", PEOPLE)
def test_vaccinating_people_does_not_return_livestock(vaccination, embedder, query, mode):
    root, livestock = vaccination
    with Archive.open(root) as archive:
        results = search(archive, query, mode=mode, limit=20, embedder=embedder)
    ids = [h.id for h in results.results]
    assert ids and not set(ids[:3]) & livestock, ids
    if mode == "semantic":
        assert not set(ids) & livestock
        assert results.total == len(ids) < 15  # total counts what is within reach, not every vector


def test_the_cut_keeps_the_whole_relevant_chain_within_reach(vaccination, embedder):
    # The plans and dispatches of the chain answer a query about the vaccination campaign together.
    root, livestock = vaccination
    with Archive.open(root) as archive:
        results = search(archive, "triển khai tiêm vắc xin phòng COVID-19 năm 2021", mode="semantic", limit=20,
                         embedder=embedder)
    assert len(results.results) >= 3 and not {h.id for h in results.results} & livestock
