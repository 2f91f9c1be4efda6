"""Latency of `related`, semantic and hybrid search at 10,000 and 100,000 documents, and memory (issue 6).

    python -m benchmarks.semantic_speed [--sizes 10000 100000] [--queries 20]

Embedding 100,000 directives takes about 40 minutes on 2 CPU cores, so the archives here hold
generated directives (``benchmarks.generator``, 10,000 texts; the 100,000 archive holds those rows
ten times under distinct ids, copied in SQLite) inserted with their generator metadata (no parsing),
and their vectors are **real embeddings of generated directives, repeated and perturbed**: R
passages are embedded with the default model and row i gets vector[i mod R] plus Gaussian noise
(σ = 0.02 per component), normalised. Search cost depends on the number and length of the vectors,
not on what they mean. The full-text index (for hybrid) is built for the 10,000 archive only.

Archives are cached under ~/.cache/vanthu/bench/semantic-N/. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.generator import generate
from vanthu.archive.store import Archive
from vanthu.index import semantic
from vanthu.index.embed import Embedder
from vanthu.index.filters import Filters
from vanthu.index.search import search
from vanthu.index.vectors import VectorStore
from vanthu.index.sync import rebuild_fulltext
from vanthu.vietnamese.text import prepare

CACHE = Path(os.environ.get("VANTHU_CACHE", Path.home() / ".cache" / "vanthu")) / "bench"
BASE = 10_000
REAL = 128  # real embeddings the vectors are drawn from
QUERIES = ["tiêm vắc xin phòng COVID-19", "phòng chống lụt bão", "cải cách hành chính", "chích ngừa cho người dân",
           "dịch tả lợn châu Phi", "an toàn giao thông dịp Tết", "chuyển đổi số", "bầu cử đại biểu",
           "phòng cháy chữa cháy", "xây dựng nông thôn mới"]


def _parsed(truth) -> dict:
    return {"number": truth.number, "doc_type": truth.doc_type, "issuer": truth.issuer,
            "issuer_level": truth.issuer_level, "parent_body": truth.parent_body, "place": truth.place,
            "date": truth.date.isoformat() if truth.date else None, "year": truth.year, "subject": truth.subject,
            "urgency": truth.urgency, "recipients": list(truth.recipients), "signer": truth.signer,
            "signer_title": truth.signer_title, "citations": []}


def build_archive(n: int) -> Path:
    """N documents inserted directly (generator texts and truth), cached."""
    root = CACHE / f"semantic-{n}"
    with Archive.open(root) as archive:
        if archive.count() >= n:
            return root
    if n > BASE:
        return _grown(build_archive(BASE), root, n)
    base = [(prepare(d.text), _parsed(d.truth)) for d in generate(BASE, seed=3)]
    with Archive.open(root) as archive, archive.write_lock(), archive.transaction():
        for i in range(n):
            text, parsed = base[i % BASE]
            if i >= BASE:
                text = f"{text}\n(bản sao {i // BASE})"
            sha = hashlib.sha256(text.encode()).hexdigest()
            if archive.known_sha(sha):
                continue
            archive.insert_document(doc_id=archive.new_id(sha), sha=sha, size=len(text.encode()), text=text,
                                    parsed=parsed, overrides=None, fmt="txt", encoding="utf-8", reader="bench",
                                    batch_id="bench")
    return root


def _grown(base: Path, root: Path, n: int) -> Path:
    """The BASE archive's rows copied (in SQLite) under new ids until there are ``n``: same texts, distinct ids."""
    import sqlite3

    src = sqlite3.connect(base / "archive.sqlite")
    dst = sqlite3.connect(root / "archive.sqlite")
    src.backup(dst)
    src.close()
    cols = [f'"{c[1]}"' for c in dst.execute("PRAGMA table_info(documents)")]
    for copy in range(1, -(-n // BASE)):
        picked = ", ".join(f"{c} || '-{copy}'" if c in ('"id"', '"sha256"') else c for c in cols)
        dst.execute(f"INSERT INTO documents ({', '.join(cols)}) SELECT {picked} FROM documents "
                    f"WHERE id NOT LIKE '%-%' ORDER BY rowid LIMIT ?", (min(BASE, n - copy * BASE),))
    dst.commit()
    dst.close()
    return root


def fill_vectors(root: Path, embedder: Embedder) -> tuple[float, int]:
    """Perturbed real embeddings for every document; returns (seconds to embed the REAL passages, file bytes)."""
    with Archive.open(root) as archive:
        store = semantic.vector_store(archive)
        ids = [r[0] for r in archive.conn.execute("SELECT id FROM documents ORDER BY rowid")]
        if len(store) == len(ids):
            return float("nan"), store.path.stat().st_size
        real, took = _real_vectors(archive, ids, embedder)
        rng = np.random.default_rng(0)
        vectors = real[np.arange(len(ids)) % len(real)] + rng.normal(0, 0.02, (len(ids), real.shape[1]))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        archive.vectors_dir.mkdir(exist_ok=True)
        store.put(ids, vectors.astype(np.float32), embedder.name)
        store.save()
        return took, store.path.stat().st_size


def _real_vectors(archive: Archive, ids: list[str], embedder: Embedder) -> tuple[np.ndarray, float]:
    """REAL embedded passages, cached in CACHE/real-vectors.npy (every size draws from the same ones)."""
    cached = CACHE / "real-vectors.npy"
    if cached.exists():
        return np.load(cached), float("nan")
    docs = list(archive.iter_documents(ids=ids[:REAL]))
    started = time.perf_counter()
    real = embedder.encode_passages([semantic.passage_of(d) for d in docs])
    took = time.perf_counter() - started
    np.save(cached, real)
    return real, took


def _median_ms(fn, items) -> dict[str, float]:
    """Median wall-clock and CPU milliseconds (CPU of every thread: steadier on a shared machine)."""
    fn(items[0])  # warm: model, caches
    wall, cpu = [], []
    for item in items:
        started, started_cpu = time.perf_counter(), time.process_time()
        fn(item)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {"wall": round(statistics.median(wall), 1), "cpu": round(statistics.median(cpu), 1)}


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(root: Path, n: int, embedder: Embedder, queries: int, hybrid: bool) -> dict:
    out: dict = {"documents": n}
    with Archive.open(root) as archive:
        before = _rss_mb()
        started = time.perf_counter()
        store = VectorStore(archive.vectors_dir / semantic.VECTORS_FILE)
        out["load_store_ms"] = round((time.perf_counter() - started) * 1000, 1)
        out["store_rss_mb"] = round(_rss_mb() - before, 1)
        out["store_file_mb"] = round(store.path.stat().st_size / 2**20, 1)
        del store
        refs = [r[0] for r in archive.conn.execute(
            "SELECT id FROM documents ORDER BY rowid LIMIT ?", (queries,))]
        texts = (QUERIES * (queries // len(QUERIES) + 1))[:queries]
        out["related_ms"] = _median_ms(lambda r: semantic.related(archive, r, limit=10), refs)
        vector = embedder.encode_queries(["x"])[0]
        store = semantic.reading_store(archive)
        out["vector_search_ms"] = _median_ms(lambda q: store.search(vector, k=100), texts)
        out["embed_query_ms"] = _median_ms(lambda q: embedder.encode_queries([q]), texts)
        out["semantic_search_ms"] = _median_ms(
            lambda q: search(archive, q, mode="semantic", limit=10, embedder=embedder), texts)
        out["semantic_search_filtered_ms"] = _median_ms(
            lambda q: search(archive, q, mode="semantic", limit=10, embedder=embedder,
                             filters=Filters(level="district", date_from=dt.date(2021, 1, 1))), texts)
        if hybrid:
            if not (archive.fulltext_dir.exists() and any(archive.fulltext_dir.iterdir())):
                with archive.write_lock():
                    rebuild_fulltext(archive, procs=2)
            out["hybrid_search_ms"] = _median_ms(
                lambda q: search(archive, q, mode="hybrid", limit=10, embedder=embedder), texts)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--hybrid-max", type=int, default=10_000, help="build the text index only up to this size")
    args = parser.parse_args()
    embedder = Embedder()
    results = []
    for n in args.sizes:
        started = time.perf_counter()
        root = build_archive(n)
        embed_s, _ = fill_vectors(root, embedder)
        print(f"built {n} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        row = measure(root, n, embedder, args.queries, hybrid=n <= args.hybrid_max)
        row["embed_real_passages_per_s"] = round(REAL / embed_s, 1) if embed_s == embed_s else None
        results.append(row)
        print(json.dumps(row), file=sys.stderr)
    print(json.dumps({"cpus": os.cpu_count(), "load": os.getloadavg(), "results": results}, indent=1))


if __name__ == "__main__":
    main()
