"""Import throughput: generated .txt directives into a fresh archive, files/second and peak memory.

    .venv/bin/python -m benchmarks.import_speed --docs 10000 --workers 2 [--index-procs 1 2] [--engine tantivy]

Reports the archive stage (read + parse + store, in worker processes) and the full-text stage
separately, each a median over --repeat runs, plus the peak RSS of the writer and of one worker;
the archive stage's CPU is also split between the writer process (store, graph edges, the pool's
plumbing) and the worker processes (read, decode, parse, citations). With several
``--index-procs``, the full-text stage is timed with each number of Whoosh writer processes, runs
interleaved (default: what `vanthu import` chooses). ``--engine tantivy`` builds tantivy archives.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generator import write_corpus
from vanthu.archive.store import Archive
from vanthu.index.engine import choose_engine
from vanthu.index.sync import sync_fulltext
from vanthu.graph.edges import update_edges
from vanthu.pipeline.importer import import_paths


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    """CPU seconds of this process, or of its finished children (the import workers)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _one_run(corpus: Path, workers: int, index_procs: int | None, engine: str | None) -> dict[str, float]:
    """Wall and CPU seconds of the archive stage (writer and workers apart) and of the full-text stage."""
    work = Path(tempfile.mkdtemp(prefix="vanthu-bench-"))
    kids = resource.RUSAGE_CHILDREN
    try:
        with Archive.open(work / "archive") as archive:
            choose_engine(archive, engine)
            t0, c0, k0 = time.perf_counter(), _cpu(), _cpu(kids)
            report = import_paths(archive, [corpus], workers=workers, after_chunk=update_edges)
            t1, c1, k1 = time.perf_counter(), _cpu(), _cpu(kids)
            with archive.write_lock():
                sync_fulltext(archive, procs=index_procs)
            t2, c2, k2 = time.perf_counter(), _cpu(), _cpu(kids)
        assert not report.failed, report.failed[:3]
        return {"archive_wall": t1 - t0, "archive_cpu": c1 - c0 + k1 - k0, "writer_cpu": c1 - c0,
                "workers_cpu": k1 - k0, "index_wall": t2 - t1, "index_cpu": c2 - c1 + k2 - k1, "added": report.added}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--index-procs", type=int, nargs="+", default=[None])
    parser.add_argument("--engine", choices=("whoosh", "tantivy"), default=None)
    args = parser.parse_args()
    corpus = Path(tempfile.mkdtemp(prefix="vanthu-corpus-"))
    try:
        write_corpus(corpus, args.docs, seed=1)
        size_mb = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
        runs = {procs: [] for procs in args.index_procs}
        for _ in range(args.repeat):
            for procs in args.index_procs:  # interleaved: a change of load hits every variant alike
                runs[procs].append(_one_run(corpus, args.workers, procs, args.engine))
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
    every = [r for variant in runs.values() for r in variant]
    med = {k: statistics.median(r[k] for r in every) for k in every[0]}
    added = int(med["added"])
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(f"{added} documents ({size_mb:.1f} MB of .txt), {args.workers} workers, median of {args.repeat}, "
          f"load average {load:.1f}")
    stages = [("archive", "archive stage (read+parse+store+edges)", med)]
    for procs, variant in runs.items():
        engine = "tantivy" if args.engine == "tantivy" else "Whoosh"
        name = f"full-text stage ({engine}" + (f", {procs} writer process{'es' if procs > 1 else ''})" if procs else ")")
        stages.append(("index", name, {k: statistics.median(r[k] for r in variant) for k in variant[0]}))
    for stage, label, values in stages:
        wall, cpu = values[f"{stage}_wall"], values[f"{stage}_cpu"]
        print(f"{label:40s} wall {wall:6.1f} s = {added / wall:5.0f} docs/s;  "
              f"CPU {cpu:6.1f} s = {added / cpu:5.0f} docs per CPU-second")
    print(f"  of the archive stage: writer process {med['writer_cpu']:.1f} s = {added / med['writer_cpu']:.0f}, "
          f"workers {med['workers_cpu']:.1f} s = {added / med['workers_cpu']:.0f} docs per CPU-second")
    total = med["archive_cpu"] + statistics.median(r["index_cpu"] for r in every)
    print(f"end to end (no interpreter start-up): {total:.1f} CPU s = {added / total:.0f} docs per CPU-second")
    print(f"peak RSS: writer {own:.0f} MB, largest worker {child:.0f} MB")

if __name__ == "__main__":
    main()
