"""HNSW recall@10 against exact search on real e5 vectors (issue 6).

    python -m benchmarks.hnsw_real [--n 10000] [--tokens 128] [--queries 200]

`benchmarks/vector_search.py` measures recall on synthetic vectors (clustered: perfect; uniform
random: poor). Real multilingual-e5 vectors are neither: every cosine sits in a narrow band
(about 0.75–0.92), which is what makes an approximate index's job hard. This script embeds real
passages of the legal corpus (``benchmarks.corpus``) with the default model, cut to ``--tokens``
tokens to keep the CPU cost bearable (about 0.2 CPU-second a passage at 128 tokens), caches them
(resumable: parts of 500 under ``$VANTHU_CACHE/bench/corpus-e5-T/``), holds out ``--queries``
passages as queries (as `vanthu related` asks) and embeds the same number of search queries
(e5 "query: ", as `search --mode semantic` asks), then compares the shipped HNSW settings
(:mod:`vanthu.index.vectors`: M, ef_construction, ef) with exact search, and wider search breadths (``--ef``).

It also grows the real vectors to ``--grow`` rows (each a real vector plus Gaussian noise, σ per
component, normalised — the same construction as ``benchmarks/semantic_speed.py``) to see recall
at 100,000, with the caveat that those rows are near-copies. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.corpus import iter_passages
from vanthu.index import vectors as vec
from vanthu.index.embed import Embedder
from vanthu.index.vectors import VectorStore

CACHE = Path(os.environ.get("VANTHU_CACHE", Path.home() / ".cache" / "vanthu")) / "bench"
PART = 500
# Questions a user of a legal archive would type; repeated with variants to reach --queries.
QUESTIONS = [
    "thủ tục cấp giấy chứng nhận quyền sử dụng đất", "xử phạt vi phạm hành chính về giao thông",
    "chế độ bảo hiểm xã hội cho người lao động", "phòng chống dịch bệnh truyền nhiễm",
    "thuế thu nhập doanh nghiệp được miễn giảm", "bồi thường khi nhà nước thu hồi đất",
    "tiêu chuẩn bổ nhiệm cán bộ công chức", "quản lý chất thải rắn sinh hoạt", "đăng ký kết hôn có yếu tố nước ngoài",
    "phòng cháy chữa cháy tại khu dân cư", "hỗ trợ hộ nghèo vay vốn", "quy định về an toàn thực phẩm",
    "xuất khẩu nông sản", "giáo dục phổ thông miễn học phí", "khám chữa bệnh bảo hiểm y tế",
    "bảo vệ rừng và phát triển rừng", "quản lý vũ khí vật liệu nổ", "đấu thầu mua sắm công",
    "chuyển đổi số trong cơ quan nhà nước", "phòng chống thiên tai lũ lụt",
]


def corpus_vectors(embedder: Embedder, n: int, tokens: int) -> tuple[np.ndarray, float | None]:
    """``n`` real passage vectors (cached in parts); CPU-seconds a passage for the parts embedded now."""
    folder = CACHE / f"corpus-e5-{tokens}"
    folder.mkdir(parents=True, exist_ok=True)
    texts = [text for _, text in iter_passages(limit=n)]
    if len(texts) < n:
        sys.exit(f"the corpus has only {len(texts)} passages")
    parts, cpu, done = [], 0.0, 0
    for start in range(0, n, PART):
        path = folder / f"part-{start // PART:05d}.npy"
        if not path.exists():
            model = embedder._load()
            model.max_seq_length = tokens
            began = time.process_time()
            np.save(path, embedder.encode_passages(texts[start:start + PART]))
            cpu += time.process_time() - began
            done += min(PART, n - start)
            print(f"embedded {start + PART}/{n} ({cpu / done:.3f} CPU-s a passage)", file=sys.stderr)
        parts.append(np.load(path))
    return np.concatenate(parts)[:n], (cpu / done if done else None)


def recall(store: VectorStore, queries: np.ndarray, k: int = 10) -> dict:
    """recall@k of HNSW against exact search, and the median milliseconds of each."""
    found, exact_ms, hnsw_ms, tenth = 0, [], [], []
    store.search(queries[0], k=k, exact=False)  # build or load the index first
    for q in queries:
        started = time.perf_counter()
        exact = store.search(q, k=k, exact=True)
        exact_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        approx = store.search(q, k=k, exact=False)
        hnsw_ms.append((time.perf_counter() - started) * 1000)
        found += len({d for d, _ in exact} & {d for d, _ in approx})
        tenth.append(exact[-1][1] - store.search(q, k=k + 1, exact=True)[-1][1])
    return {
        "recall@10": round(found / (k * len(queries)), 4),
        "exact_ms": round(statistics.median(exact_ms), 2),
        "hnsw_ms": round(statistics.median(hnsw_ms), 2),
        "median_gap_10th_11th": round(statistics.median(tenth), 5),
    }


def measure(vectors: np.ndarray, passage_queries: np.ndarray, text_queries: np.ndarray, folder: Path,
            efs: list[int]) -> dict:
    for old in folder.glob("v.bin*"):
        old.unlink()
    store = VectorStore(folder / "v.bin", exact_limit=0)  # every default search approximate
    store.put([f"p{i}" for i in range(len(vectors))], vectors, model="bench")
    store.save()
    started = time.perf_counter()
    store.build_index()
    built = time.perf_counter() - started
    sims = vectors[:2000] @ vectors[:2000].T
    off = sims[~np.eye(len(sims), dtype=bool)]
    return {
        "vectors": len(vectors),
        "cosine_between_passages_p5_p50_p95": [round(float(np.percentile(off, p)), 3) for p in (5, 50, 95)],
        "hnsw_build_s": round(built, 1),
        **{f"ef={ef}": _at_ef(ef, store, passage_queries, text_queries) for ef in efs},
    }


def _at_ef(ef: int, store: VectorStore, passage_queries: np.ndarray, text_queries: np.ndarray) -> dict:
    shipped = vec.HNSW_EF_SEARCH
    vec.HNSW_EF_SEARCH = ef
    try:
        return {"passage_queries": recall(store, passage_queries), "text_queries": recall(store, text_queries)}
    finally:
        vec.HNSW_EF_SEARCH = shipped


def grown(vectors: np.ndarray, rows: int, sigma: float) -> np.ndarray:
    rng = np.random.default_rng(0)
    out = vectors[np.arange(rows) % len(vectors)] + rng.normal(0, sigma, (rows, vectors.shape[1]))
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="real passages to embed (queries included)")
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--grow", type=int, default=100_000, help="0: do not grow")
    parser.add_argument("--sigma", type=float, default=0.02)
    parser.add_argument("--ef", type=int, nargs="+", default=[128, 256, 512],
                        help="HNSW search breadths to compare (vanthu ships HNSW_EF_SEARCH)")
    args = parser.parse_args()
    embedder = Embedder(device="cpu")
    vectors, cpu_per_passage = corpus_vectors(embedder, args.n, args.tokens)
    rng = np.random.default_rng(1)
    held = rng.choice(len(vectors), args.queries, replace=False)
    kept = np.setdiff1d(np.arange(len(vectors)), held)
    questions = [f"{q}{suffix}" for suffix in ("", " theo quy định", " như thế nào", " ở cấp xã", " năm 2023",
                                               " đối với doanh nghiệp", " có hiệu lực", " mới nhất", " trách nhiệm",
                                               " hướng dẫn") for q in QUESTIONS][:args.queries]
    text_queries = embedder.encode_queries(questions)
    folder = CACHE / "hnsw-real"
    folder.mkdir(parents=True, exist_ok=True)
    results = [measure(vectors[kept], vectors[held], text_queries, folder, args.ef)]
    if args.grow:
        results.append({"grown_from_real_sigma": args.sigma,
                        **measure(grown(vectors[kept], args.grow, args.sigma), vectors[held], text_queries, folder,
                                  args.ef)})
    print(json.dumps({
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpus": os.cpu_count(), "load": os.getloadavg(),
        "tokens": args.tokens, "cpu_s_per_passage": cpu_per_passage,
        "hnsw": {"M": vec.HNSW_M, "ef_construction": vec.HNSW_EF_CONSTRUCTION, "ef_shipped": vec.HNSW_EF_SEARCH},
        "results": results,
    }, indent=1))


if __name__ == "__main__":
    main()
