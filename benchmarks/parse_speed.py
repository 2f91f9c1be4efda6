"""Speed of the analyze stage on one core, in MB of UTF-8 text per second.

Three steps, timed separately on the same texts (median of ``--runs``):

- ``prepare``        clean-up, NFC, tones, letterhead un-flattening;
- ``parse_document`` metadata from the prepared text;
- ``analyze``        all of it plus citation extraction and issuer expansion (what the importer runs).

Two sets of texts: the five seed dispatches (short directives, the archive's usual document) and
real legal documents from the shared corpus (long texts full of numbers), when it is present.
A third figure is the fixed cost per document: ``prepare`` on the seeds cut to 1,500 characters (a
letterhead and a paragraph), in CPU milliseconds per document (process time: less sensitive to a
loaded machine than the wall-clock rates).

    .venv/bin/python -m benchmarks.parse_speed [--runs 5] [--corpus-mb 8]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vanthu.archive.parse import parse_document
from vanthu.pipeline.analyze import analyze
from vanthu.vietnamese.gazetteer import gazetteer
from vanthu.vietnamese.text import prepare

ROOT = Path(__file__).resolve().parent.parent


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "seeds").glob("*.txt"))]


def corpus_texts(megabytes: float) -> list[str]:
    """Whole corpus files, in their stable order, up to ``megabytes`` of UTF-8."""
    from .corpus import CorpusMissing, body, corpus_available, corpus_files

    if not corpus_available():
        return []
    texts, size = [], 0
    try:
        for path in corpus_files():
            text = body(path.read_text(encoding="utf-8"))
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= megabytes * 1e6:
                break
    except CorpusMissing:
        return []
    return texts


def rate(step, texts: list[str], runs: int) -> float:
    """Median MB/s of ``step`` over all texts."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            step(text)
        times.append(time.perf_counter() - start)
    return size / statistics.median(times)


def fixed_cost_ms(texts: list[str], runs: int, passes: int = 100) -> float:
    """Median CPU milliseconds of ``prepare`` per document over ``runs`` rounds of ``passes``."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        for _ in range(passes):
            for text in texts:
                prepare(text)
        times.append((time.process_time() - start) / (passes * len(texts)) * 1e3)
    return statistics.median(times)


def measure(name: str, texts: list[str], runs: int) -> None:
    prepared = [prepare(t) for t in texts]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{name}: {len(texts)} texts, {size:.2f} MB")
    print(f"  prepare         {rate(prepare, texts, runs):7.2f} MB/s")
    print(f"  parse_document  {rate(parse_document, prepared, runs):7.2f} MB/s  (on prepared text)")
    print(f"  analyze         {rate(analyze, texts, runs):7.2f} MB/s  (prepare + parse + citations)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus-mb", type=float, default=8.0)
    args = parser.parse_args()
    start = time.perf_counter()
    gazetteer()  # loaded once per process; reported apart from the per-MB rates
    print(f"gazetteer load: {time.perf_counter() - start:.3f} s (once per process)")
    seeds = seed_texts()
    short = [t[:1500] for t in seeds]
    print(f"short documents (seeds cut to 1,500 characters): prepare {fixed_cost_ms(short, args.runs):.3f} CPU-ms each")
    measure("seeds x40", seeds * 40, args.runs)
    corpus = corpus_texts(args.corpus_mb)
    if corpus:
        measure("corpus", corpus, args.runs)
    else:
        print("corpus: not available (../shared/corpus/phapdien.tar.xz), skipped")


if __name__ == "__main__":
    main()
