"""Import throughput: generated .txt directives into a fresh archive, files/second and peak memory.

    .venv/bin/python -m benchmarks.import_speed --docs 10000 --workers 2

Reports the archive stage (read + parse + store, in worker processes) and the full-text stage
separately, each a median over --repeat runs, plus the peak RSS of the writer and of one worker.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generator import write_corpus
from vanthu.archive.store import Archive
from vanthu.pipeline.fulltext import sync_fulltext
from vanthu.pipeline.importer import import_paths


def _one_run(corpus: Path, workers: int) -> tuple[float, float, int]:
    work = Path(tempfile.mkdtemp(prefix="vanthu-bench-"))
    try:
        with Archive.open(work / "archive") as archive:
            t0 = time.perf_counter()
            report = import_paths(archive, [corpus], workers=workers)
            t1 = time.perf_counter()
            with archive.write_lock():
                sync_fulltext(archive)
            t2 = time.perf_counter()
        assert not report.failed, report.failed[:3]
        return t1 - t0, t2 - t1, report.added
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = Path(tempfile.mkdtemp(prefix="vanthu-corpus-"))
    try:
        write_corpus(corpus, args.docs, seed=1)
        size_mb = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
        runs = [_one_run(corpus, args.workers) for _ in range(args.repeat)]
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
    archive_s = statistics.median(r[0] for r in runs)
    index_s = statistics.median(r[1] for r in runs)
    added = runs[0][2]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{added} documents ({size_mb:.1f} MB of .txt), {args.workers} workers, median of {args.repeat}")
    print(f"archive stage (read+parse+store): {archive_s:.1f} s = {added / archive_s:.0f} docs/s")
    print(f"full-text stage (Whoosh):         {index_s:.1f} s = {added / index_s:.0f} docs/s")
    print(f"import end to end:                {archive_s + index_s:.1f} s = {added / (archive_s + index_s):.0f} docs/s")
    print(f"peak RSS: writer {own:.0f} MB, largest worker {child:.0f} MB")


if __name__ == "__main__":
    main()
