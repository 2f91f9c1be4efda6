"""The Spark job against the plain importer, on the same generated directives (issue 16).

    nice -n 5 .venv/bin/python -m benchmarks.spark_import --docs 10000 --cores 2

Times, on one corpus of ``benchmarks.generator`` .txt directives, in one run:

- the importer's read → parse → citations stage alone, in its process pool (``--cores`` workers);
- the plain archive stage (`vanthu import` without the full-text index): that stage, plus the writer;
- the Spark job in local mode (``local[CORES]``): its session start-up apart, then walk, the same
  worker function in Spark tasks, and Parquet written (files/ and citations/);
- `import --from-parquet` without the full-text index: the loader and the importer's writer.

Each with wall seconds and CPU seconds of every process involved (the JVM and its Python workers
included, read from /proc), so documents per CPU-second compare the two on a shared machine where
wall time depends on the neighbours. The full-text stage is the same for both and is left out.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.generator import write_corpus
from vanthu.archive.readers import Item, Limits, walk
from vanthu.archive.store import Archive
from vanthu.graph.edges import update_edges
from vanthu.pipeline.importer import _results, import_paths
from vanthu.pipeline.spark import _spark_session, load_parquet, run_job

_TICK = os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    """CPU seconds of this process and of its finished children (the importer's pool workers, the
    loader's writer)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _tree_cpu(root: int) -> float:
    """CPU seconds of ``root`` and every living descendant, with the children each has reaped (the
    JVM of a local Spark session and its Python workers)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(x) for x in fields[11:15]) / _TICK  # utime stime cutime cstime
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(times.get(p, 0.0) for p in tree)


def _timed(run) -> tuple[float, float, object]:
    t0, c0 = time.perf_counter(), _own_cpu()
    value = run()
    return time.perf_counter() - t0, _own_cpu() - c0, value


def _read_parse(corpus: Path, cores: int, scratch: Path) -> int:
    items = [x for x in walk([corpus], Limits()) if isinstance(x, Item)]
    return sum(1 for r in _results(scratch, items, cores, dry_run=True) if r.text is not None)


def _plain(corpus: Path, cores: int, scratch: Path) -> int:
    with Archive.open(scratch / "plain") as archive:
        return import_paths(archive, [corpus], workers=cores, after_chunk=update_edges).added


def _load(out: Path, scratch: Path) -> int:
    with Archive.open(scratch / "loaded") as archive:
        return load_parquet(archive, out, after_chunk=update_edges).added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="vanthu-spark-bench-"))
    try:
        corpus = scratch / "corpus"
        write_corpus(corpus, args.docs, seed=1)
        size_mb = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
        load_before = os.getloadavg()
        rows: list[tuple[str, float, float, int]] = []
        t0 = time.perf_counter()
        session = _spark_session(f"local[{args.cores},2]")
        start_up = time.perf_counter() - t0
        c0, t0 = _tree_cpu(os.getpid()), time.perf_counter()  # this process, its JVM and the Python workers
        report = run_job([corpus], scratch / "out", spark=session)
        job_wall, job_cpu = time.perf_counter() - t0, _tree_cpu(os.getpid()) - c0
        session.stop()
        rows.append((f"Spark job, local[{args.cores}]: walk, read → parse → citations, Parquet", job_wall, job_cpu,
                     report.documents))
        wall, cpu, n = _timed(lambda: _load(scratch / "out", scratch))
        rows.append(("import --from-parquet (loader + the same writer, + edges)", wall, cpu, n))
        wall, cpu, n = _timed(lambda: _read_parse(corpus, args.cores, scratch / "none"))
        rows.append((f"importer: read → parse → citations, pool of {args.cores}", wall, cpu, n))
        wall, cpu, n = _timed(lambda: _plain(corpus, args.cores, scratch))
        rows.append(("importer: archive stage (+ store, rows, edges)", wall, cpu, n))
        parquet_mb = sum(p.stat().st_size for p in (scratch / "out").rglob("*.parquet")) / 1e6
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{args.docs} generated directives ({size_mb:.1f} MB of .txt), {args.cores} cores; load average "
          f"{load_before[0]:.1f} before, {load_after[0]:.1f} after; Spark session start-up {start_up:.1f} s; "
          f"Parquet output {parquet_mb:.1f} MB")
    print("| stage | documents | wall s | docs/s (wall) | docs/s per core (wall) | CPU s | docs per CPU-second |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, wall, cpu, n in rows:
        print(f"| {name} | {n} | {wall:.1f} | {n / wall:.0f} | {n / wall / args.cores:.0f} | {cpu:.1f} | "
              f"{n / cpu:.0f} |")


if __name__ == "__main__":
    main()
