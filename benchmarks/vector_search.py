"""Vector store: exact vs approximate (HNSW) search latency, recall@10, memory, save/load (issue 6).

    python -m benchmarks.vector_search [--sizes 10000 100000] [--queries 200] [--kind clustered|random]

Vectors are synthetic unit vectors of 384 dimensions (the default model's):
``clustered`` around 200 topic centres, as document embeddings are, or
uniformly ``random`` (the hardest case for HNSW). Embedding 100,000 real
documents would take hours on 2 CPU cores. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from vanthu.index.vectors import VectorStore

DIM = 384


def vectors(n: int, kind: str, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind == "random":
        m = rng.standard_normal((n, DIM))
    else:
        centres = np.random.default_rng(12345).standard_normal((200, DIM))
        m = centres[rng.integers(0, 200, n)] + 0.8 * rng.standard_normal((n, DIM))
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)


def latency_ms(store: VectorStore, queries: np.ndarray, exact: bool) -> tuple[float, list[set[str]]]:
    times, found = [], []
    for q in queries:
        start = time.perf_counter()
        hits = store.search(q, k=10, exact=exact)
        times.append(time.perf_counter() - start)
        found.append({d for d, _ in hits})
    return statistics.median(times) * 1000, found


def measure(n: int, kind: str, queries: int, folder: Path, hnsw: bool = True) -> dict:
    store = VectorStore(folder / f"v{n}.bin", exact_limit=0)
    data = vectors(n, kind, seed=1)
    store.put([f"doc-{i}" for i in range(n)], data, model="bench")
    start = time.perf_counter()
    store.save()
    save_s = time.perf_counter() - start
    start = time.perf_counter()
    store = VectorStore(folder / f"v{n}.bin")
    load_s = time.perf_counter() - start
    probe = vectors(queries, kind, seed=2)
    exact_ms, exact_hits = latency_ms(store, probe, exact=True)
    if not hnsw:
        return {"n": n, "exact_ms_median": round(exact_ms, 2), "load_s": round(load_s, 2)}
    start = time.perf_counter()
    store.search(probe[0], exact=False)  # builds the HNSW index (and caches it on disk)
    build_s = time.perf_counter() - start
    approx_ms, approx_hits = latency_ms(store, probe, exact=False)
    recall = np.mean([len(a & e) / 10 for a, e in zip(approx_hits, exact_hits)])
    index_file = next(folder.glob(f"v{n}.bin.*.hnsw"))
    return {
        "n": n,
        "exact_ms_median": round(exact_ms, 2),
        "hnsw_ms_median": round(approx_ms, 3),
        "hnsw_recall@10": round(float(recall), 4),
        "hnsw_build_s": round(build_s, 1),
        "store_file_mib": round((folder / f"v{n}.bin").stat().st_size / 2**20, 1),
        "hnsw_file_mib": round(index_file.stat().st_size / 2**20, 1),
        "in_memory_float32_mib": round(n * DIM * 4 / 2**20, 1),
        "save_s": round(save_s, 2),
        "load_s": round(load_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--exact-only", action="store_true", help="skip HNSW (to find where exact search reaches 50 ms)")
    parser.add_argument("--kind", choices=["clustered", "random"], default="clustered")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, args.kind, args.queries, Path(tmp), not args.exact_only) for n in args.sizes]
    print(json.dumps({"machine": platform.node(), "kind": args.kind, "dim": DIM, "results": rows}, indent=1))


if __name__ == "__main__":
    main()
