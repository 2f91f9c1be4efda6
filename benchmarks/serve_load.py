"""Load test of `vanthu serve` through HTTP, against 127.0.0.1 only: p50/p95 and requests/s for a
text search, a hybrid search, a document page and a tree page with 1, 8 and 32 concurrent
clients; the server's start-up (process start to first answer); its memory over a long run.

    .venv/bin/python -m benchmarks.serve_load --archive DIR [--clients 1 8 32] [--requests 200]
        [--soak 10000] [--kinds text-page text-api hybrid-api document tree] [--hybrid-parts 30]

Queries are one to three words standing together in one of the archive's own subjects, without
diacritics as users type (so every query finds something, as a user's usually does), documents and trees are those of random current documents; every kind runs its
requests with N clients each looping (asyncio + httpx, one connection per client). The soak
repeats the mix for --soak requests with 8 clients and reads the server's resident memory (/proc)
before and after (after a warm-up of 1,000 requests of the same mix) and every 5 s during. An error
(any status but 200) is counted and reported. Each row records the 1-minute load average at its
start and end (the machine is shared: read every figure beside its load), and the CPU time the server
spent per request (from /proc: the software's cost, whatever the load).

--hybrid-parts N times, in this process, the parts of N hybrid searches (the query's embedding, the
vector search, the text search, the fusion and its hits) to say which of them grow with the archive.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from benchmarks.screenshots import serving

KINDS = ("text-page", "text-api", "hybrid-api", "document", "tree")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the process has used: what a request costs whatever the load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load() -> float:
    with open("/proc/loadavg") as fh:
        return float(fh.read().split()[0])


def workload(archive: Path, seed: int = 15, n: int = 300) -> dict[str, list[str]]:
    """Paths to request for each kind, drawn from the archive's own documents."""
    from vanthu.archive.store import Archive
    from vanthu.vietnamese.text import fold

    rnd = random.Random(seed)
    with Archive.open(archive, create=False) as store:
        subjects = [s for _, s in store.current_subjects() if s]
        ids = store.current_ids()
    queries = []
    while len(queries) < n:  # 1–3 words standing together in a subject: every query finds something
        words = [w for w in fold(rnd.choice(subjects)).lower().split() if w.isalpha()]
        size = min(len(words), rnd.choice((1, 2, 2, 3)))
        if size:
            start = rnd.randrange(len(words) - size + 1)
            queries.append(" ".join(words[start:start + size]))
    docs = [rnd.choice(ids) for _ in range(n)]
    return {
        "text-page": ["/?" + urlencode({"q": q}) for q in queries],
        "text-api": ["/api/search?" + urlencode({"q": q}) for q in queries],
        "hybrid-api": ["/api/search?" + urlencode({"q": q, "mode": "hybrid"}) for q in queries],
        "document": [f"/doc/{d}" for d in docs],
        "tree": [f"/doc/{d}/tree?direction={rnd.choice(('up', 'down'))}&depth=3" for d in docs],
    }


async def _run(url: str, paths: list[str], clients: int, total: int) -> dict[str, float]:
    import httpx

    times: list[float] = []
    errors: list[str] = []
    counter = iter(range(total))

    async def client() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=120) as http:
            for i in counter:
                path = paths[i % len(paths)]
                t0 = time.perf_counter()
                r = await http.get(path)
                times.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {path}")

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - start
    times.sort()
    return {"requests": len(times), "errors": len(errors), "first_error": errors[0] if errors else None,
            "p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
            "rps": len(times) / wall}


async def _sampled(pid: int, run, every: float = 5.0) -> tuple[dict, list[float]]:
    """``run`` (a coroutine) with the server's resident memory read every ``every`` seconds meanwhile."""
    samples: list[float] = []

    async def sample() -> None:
        while True:
            samples.append(round(_rss_mb(pid), 1))
            await asyncio.sleep(every)

    sampler = asyncio.create_task(sample())
    try:
        return await run, samples
    finally:
        sampler.cancel()


def hybrid_parts(archive: Path, queries: list[str]) -> dict[str, float]:
    """Median milliseconds of each part of a hybrid search (:func:`vanthu.index.hybrid.hybrid_search`'s
    steps, called one by one): which are fixed and which grow with the archive."""
    from vanthu.archive.store import Archive
    from vanthu.index.embed import Embedder
    from vanthu.index.engine import archive_engine, open_index
    from vanthu.index.filters import NO_FILTERS
    from vanthu.index.hybrid import HYBRID_WEIGHTS, POOL, fuse, hybrid_search
    from vanthu.index.semantic import opened_store, ranked_hits, reach, within_reach

    parts: dict[str, list[float]] = {"embed_query": [], "vector_search": [], "text_search": [], "fuse_and_hits": [],
                                     "whole": []}
    embedder = Embedder()
    with Archive.open(archive, create=False) as store:
        vectors = opened_store(store, embedder)
        hybrid_search(store, queries[0], embedder=embedder)  # warm: model, vectors, caches
        for query in queries:
            t0 = time.perf_counter()
            vector = embedder.encode_queries([query])[0]
            t1 = time.perf_counter()
            meaning = within_reach(vectors.search(vector, k=POOL))
            if meaning:  # how many are within reach: a second pass over the vectors, as rank_by_meaning's
                vectors.count_at_least(vector, reach(meaning[0][1]))
            t2 = time.perf_counter()
            with open_index(store.fulltext_dir, archive_engine(store), create=False).searcher() as searcher:
                text = searcher.search(query, limit=POOL, filters=NO_FILTERS, suggest=False)
            t3 = time.perf_counter()
            fused = fuse([[h.id for h in text.results], [i for i, _ in meaning]], weights=HYBRID_WEIGHTS)[:10]
            ranked_hits(store, fused, query, "relevance", {h.id: h.snippet for h in text.results})
            t4 = time.perf_counter()
            hybrid_search(store, query, embedder=embedder)
            t5 = time.perf_counter()
            for name, took in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
                parts[name].append(took)
        size = {"documents": store.count(), "vectors": len(vectors)}
    return {**size, **{f"{k}_ms": round(1000 * statistics.median(v), 1) for k, v in parts.items()}}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, required=True)
    ap.add_argument("--clients", type=int, nargs="*", default=[1, 8, 32])
    ap.add_argument("--requests", type=int, default=200, help="per kind and number of clients")
    ap.add_argument("--soak", type=int, default=0, help="requests of the mixed soak run (memory)")
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    ap.add_argument("--hybrid-parts", type=int, default=0, help="hybrid searches timed part by part, in process")
    args = ap.parse_args(argv)
    paths = workload(args.archive)
    out: dict = {"archive": str(args.archive), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                 "load_before": _load()}
    if args.hybrid_parts:
        queries = [parse_qs(urlsplit(p).query)["q"][0] for p in paths["hybrid-api"][:args.hybrid_parts]]
        out["hybrid_parts"] = {**hybrid_parts(args.archive, queries), "load_start": out["load_before"],
                               "load_end": _load()}
        print("hybrid parts", out["hybrid_parts"], file=sys.stderr, flush=True)
    if args.clients or args.soak:
        with serving(args.archive) as (url, startup, pid):
            out["startup_s"] = round(startup, 2)
            for kind in args.kinds if args.clients else ():
                asyncio.run(_run(url, paths[kind], 1, 5))  # warm: the searcher, the model, caches
                for clients in args.clients:
                    start, cpu = _load(), _cpu_s(pid)
                    result = asyncio.run(_run(url, paths[kind], clients, args.requests))
                    result["server_cpu_ms_per_request"] = 1000 * (_cpu_s(pid) - cpu) / max(1, result["requests"])
                    out[f"{kind}@{clients}"] = {**{k: round(v, 1) if isinstance(v, float) else v
                                                   for k, v in result.items()}, "load_start": start, "load_end": _load()}
                    print(kind, clients, out[f"{kind}@{clients}"], file=sys.stderr, flush=True)
            if args.soak:
                mix = [p for kind in args.kinds for p in paths[kind]]
                random.Random(1).shuffle(mix)
                asyncio.run(_run(url, mix, 8, 1000))
                before, start, cpu = _rss_mb(pid), _load(), _cpu_s(pid)
                soak, samples = asyncio.run(_sampled(pid, _run(url, mix, 8, args.soak)))
                soak["server_cpu_ms_per_request"] = 1000 * (_cpu_s(pid) - cpu) / max(1, soak["requests"])
                out["soak"] = {**{k: round(v, 1) if isinstance(v, float) else v for k, v in soak.items()},
                               "rss_before_mb": round(before, 1), "rss_after_mb": round(_rss_mb(pid), 1),
                               "rss_min_mb": min(samples), "rss_max_mb": max(samples), "rss_samples_mb": samples,
                               "load_start": start, "load_end": _load()}
    out["load_after"] = _load()
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
