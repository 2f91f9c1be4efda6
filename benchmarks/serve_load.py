"""Load test of `vanthu serve` through HTTP, against 127.0.0.1 only: p50/p95 and requests/s for a
text search, a hybrid search, a document page and a tree page with 1, 8 and 32 concurrent
clients; the server's start-up (process start to first answer); its memory over a long run.

    .venv/bin/python -m benchmarks.serve_load --archive DIR [--clients 1 8 32] [--requests 200]
        [--soak 10000] [--kinds text-page text-api hybrid-api document tree]

Queries are one to three words standing together in one of the archive's own subjects, without
diacritics as users type (so every query finds something, as a user's usually does), documents and trees are those of random current documents; every kind runs its
requests with N clients each looping (asyncio + httpx, one connection per client). The soak
repeats the mix for --soak requests and reads the server's resident memory (/proc) before and
after, after a warm-up of the same mix. An error (any status but 200) is counted and reported.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.screenshots import serving

KINDS = ("text-page", "text-api", "hybrid-api", "document", "tree")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, required=True)
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--requests", type=int, default=200, help="per kind and number of clients")
    ap.add_argument("--soak", type=int, default=0, help="requests of the mixed soak run (memory)")
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    args = ap.parse_args(argv)
    paths = workload(args.archive)
    out: dict = {"archive": str(args.archive), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    with open("/proc/loadavg") as fh:
        out["load_before"] = fh.read().split()[:3]
    with serving(args.archive) as (url, startup, pid):
        out["startup_s"] = round(startup, 2)
        for kind in args.kinds:
            asyncio.run(_run(url, paths[kind], 1, 5))  # warm: the searcher, the model, caches
            for clients in args.clients:
                result = asyncio.run(_run(url, paths[kind], clients, args.requests))
                out[f"{kind}@{clients}"] = {k: round(v, 1) if isinstance(v, float) else v for k, v in result.items()}
                print(kind, clients, out[f"{kind}@{clients}"], file=sys.stderr, flush=True)
        if args.soak:
            mix = [p for kind in args.kinds for p in paths[kind]]
            random.Random(1).shuffle(mix)
            asyncio.run(_run(url, mix, 8, 1000))
            before = _rss_mb(pid)
            soak = asyncio.run(_run(url, mix, 8, args.soak))
            out["soak"] = {**{k: round(v, 1) if isinstance(v, float) else v for k, v in soak.items()},
                           "rss_before_mb": round(before, 1), "rss_after_mb": round(_rss_mb(pid), 1)}
    with open("/proc/loadavg") as fh:
        out["load_after"] = fh.read().split()[:3]
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
