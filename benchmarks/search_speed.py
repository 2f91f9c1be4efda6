"""Full-text search speed: indexing throughput, index size, query latency (issues 4 and 16).

    python -m benchmarks.search_speed --source directives --n 50000 [--procs 2]
    python -m benchmarks.search_speed --source passages --n 100000
    python -m benchmarks.search_speed --source directives --n 50000 --cli          # + `vanthu search` end to end
    python -m benchmarks.search_speed --n 5000 --engines whoosh tantivy fts5 --cli # side by side, one run

Each index is built once under ~/.cache/vanthu/bench/ and reused (``--rebuild``
to build again). Texts: generated directives (``benchmarks.generator``) or real
passages of the legal corpus (``benchmarks.corpus``). ``--engines``: vanthu's two full-text
engines and, as a yardstick, SQLite FTS5 on the same texts (``unicode61 remove_diacritics 2``:
accent-free matching, no exact tier; BM25, count, 10 snippets per query). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

from benchmarks.corpus import iter_passages
from benchmarks.generator import generate
from vanthu.archive.numbers import NUMBER_RE, parse_number
from vanthu.archive.store import Archive
from vanthu.index.engine import open_index, record_engine
from vanthu.index.fulltext import IndexDoc
from vanthu.vietnamese.text import prepare

CACHE = Path(os.environ.get("VANTHU_CACHE", Path.home() / ".cache" / "vanthu"))
BENCH = CACHE / "bench"

# Queries as people type them: syllables with and without diacritics.
QUERIES = {
    "1-word": ["thuế", "đất", "rừng", "điện", "thuốc", "phí", "biển", "vốn", "dịch", "nước",
               "thue", "dat", "rung", "dien", "thuoc", "phi", "bien", "von", "dich", "nuoc"],
    "2-word": ["hải quan", "đất đai", "xây dựng", "giáo dục", "bảo hiểm", "tài chính", "kiểm toán",
               "hóa đơn", "môi trường", "chứng khoán", "hai quan", "dat dai", "xay dung", "giao duc",
               "bao hiem", "tai chinh", "kiem toan", "hoa don", "moi truong", "chung khoan"],
    "3-word": ["bảo hiểm xã hội", "thuế thu nhập", "ủy ban nhân dân", "an toàn thực phẩm",
               "phòng cháy chữa", "thuế giá trị", "quyền sử dụng", "cơ sở giáo", "bảo vệ rừng",
               "khám chữa bệnh", "bao hiem xa hoi", "thue thu nhap", "uy ban nhan dan", "an toan thuc pham",
               "phong chay chua", "thue gia tri", "quyen su dung", "co so giao", "bao ve rung", "kham chua benh"],
    "phrase": ['"bảo hiểm y tế"', '"đất đai"', '"an toàn thực phẩm"', '"hải quan"', '"phòng cháy"',
               '"giấy phép lái xe"', '"thuế thu nhập cá nhân"', '"quyền sử dụng đất"', '"bao hiem y te"',
               '"dat dai"', '"an toan thuc pham"', '"hai quan"', '"phong chay"', '"giay phep lai xe"',
               '"thue thu nhap ca nhan"', '"quyen su dung dat"'],
}

def _passage_doc(pid: str, text: str) -> IndexDoc:
    body = prepare(text)
    m = NUMBER_RE.search(body)
    parts = parse_number(m.group()) if m else None
    return IndexDoc(id=pid, number=parts.canonical if parts else None,
                    doc_type=parts.doc_type if parts else None, year=parts.year if parts else None,
                    subject=body.split("\n", 1)[0][:200], body=body)


def passage_docs(n: int) -> Iterator[IndexDoc]:
    """Real passages of the legal corpus; the first line (the article heading) as subject."""
    for pid, text in iter_passages(n):
        yield _passage_doc(pid, text)


def directive_docs(n: int) -> Iterator[IndexDoc]:
    """Generated directives with the metadata their text states (the generator's truth)."""
    for g in generate(n, seed=0):
        t = g.truth
        yield IndexDoc(id=g.filename, number=t.number, doc_type=t.doc_type, issuer=t.issuer,
                       issuer_level=t.issuer_level, place=t.place, date=t.date, year=t.year,
                       signer=t.signer, subject=t.subject, body=prepare(g.text))


def build(source: str, n: int, procs: int, rebuild: bool, engine: str = "whoosh", docs: list | None = None):
    """The benchmark index of ``engine`` (whoosh, tantivy, fts5), built once; returns it and its build figures."""
    path = BENCH / f"{source}-{n}" if engine == "whoosh" else BENCH / f"{source}-{n}-{engine}"
    meta_path = path.with_suffix(".json")
    if rebuild:
        shutil.rmtree(path, ignore_errors=True)
        path.unlink(missing_ok=True) if path.is_file() else None
        meta_path.unlink(missing_ok=True)
    if meta_path.exists() and path.exists():
        return _open(path, engine), json.loads(meta_path.read_text())
    docs = docs if docs is not None else source_docs(source, n)
    words = sum(len(d.body.split()) for d in docs)
    ix = _open(path, engine, create=True)
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    count = ix.rebuild(docs, procs=procs)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    # On a shared machine wall time depends on the neighbours; CPU seconds (this process and its
    # writer processes) do not, and docs/s on `procs` idle cores follows from them. (tantivy's
    # indexing threads are this process's: its CPU seconds count them.)
    meta = {"engine": engine, "docs": count, "words_median": statistics.median(len(d.body.split()) for d in docs),
            "words_total": words, "index_seconds": round(seconds, 1), "procs": procs,
            "docs_per_s": round(count / seconds, 1), "cpu_seconds": round(cpu, 1),
            "docs_per_cpu_s": round(count / cpu, 1), "size_mb": round(ix.size_bytes() / 2**20, 1),
            "load_avg": round(os.getloadavg()[0], 1)}
    meta_path.write_text(json.dumps(meta))
    return ix, meta


def source_docs(source: str, n: int) -> list[IndexDoc]:
    return list((directive_docs if source == "directives" else passage_docs)(n))


def _open(path: Path, engine: str, create: bool = False):
    if engine == "fts5":
        from benchmarks.fts5 import Fts5Index

        return Fts5Index(path)
    return open_index(path, engine, create=create)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (Whoosh's writer processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _percentiles(samples: list[float], prefix: str = "") -> dict:
    samples = sorted(samples)
    q = statistics.quantiles(samples, n=20)
    return {f"{prefix}p50_ms": round(statistics.median(samples) * 1000, 1),
            f"{prefix}p95_ms": round(q[18] * 1000, 1), f"{prefix}max_ms": round(samples[-1] * 1000, 1)}


def in_process(ix, repeats: int = 3) -> dict:
    """Latency of Searcher.search (query parsing, scoring, 10 hits with snippets) per query kind."""
    out = {}
    with ix.searcher() as searcher:
        for kind, queries in QUERIES.items():
            for q in queries:  # warm the OS cache and Whoosh's readers once
                searcher.search(q)
            wall, cpu = [], []
            for _ in range(repeats):
                for q in queries:
                    start, cpu_start = time.perf_counter(), time.process_time()
                    searcher.search(q)
                    wall.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - cpu_start)
            # CPU time is what the query costs on an idle core; wall time includes the neighbours.
            out[kind] = {**_percentiles(wall), **_percentiles(cpu, "cpu_")}
    return out


def end_to_end(ix, engine: str = "whoosh", repeats: int = 2) -> dict:
    """`vanthu search QUERY --json` as a user runs it (process start included), on an archive holding this index."""
    archive = BENCH / f"cli-archive-{engine}"
    fulltext = archive / "fulltext"
    archive.mkdir(parents=True, exist_ok=True)
    with Archive.open(archive) as store, store.transaction():
        record_engine(store, engine)
    if fulltext.is_symlink() or fulltext.exists():
        fulltext.unlink() if fulltext.is_symlink() else shutil.rmtree(fulltext)
    fulltext.symlink_to(ix.path)
    exe = Path(sys.executable).with_name("vanthu")
    wall, cpu = [], []
    for _ in range(repeats):
        for q in QUERIES["1-word"][:5] + QUERIES["2-word"][:5] + QUERIES["3-word"][:5] + QUERIES["phrase"][:5]:
            start, cpu_start = time.perf_counter(), _cpu_seconds()
            subprocess.run([str(exe), "search", q, "--json", "--archive", str(archive)],
                           check=True, stdout=subprocess.DEVNULL)
            wall.append(time.perf_counter() - start)
            cpu.append(_cpu_seconds() - cpu_start)
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    subprocess.run([str(exe), "--help"], check=True, stdout=subprocess.DEVNULL)
    return {**_percentiles(wall), **_percentiles(cpu, "cpu_"),
            "help_ms": round((time.perf_counter() - start) * 1000, 1),
            "help_cpu_ms": round((_cpu_seconds() - cpu_start) * 1000, 1)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", choices=("directives", "passages"), default="directives")
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--engines", nargs="+", choices=("whoosh", "tantivy", "fts5"), default=["whoosh"])
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--cli", action="store_true", help="also time `vanthu search` end to end (vanthu's engines)")
    ap.add_argument("--build-only", action="store_true", help="build (or find) the index, time no queries")
    args = ap.parse_args(argv)
    report = {"source": args.source, "n": args.n, "load_avg_start": round(os.getloadavg()[0], 1)}
    docs = None
    for engine in args.engines:  # one corpus, generated once, for every engine
        path = BENCH / (f"{args.source}-{args.n}" + ("" if engine == "whoosh" else f"-{engine}"))
        if docs is None and (args.rebuild or not path.with_suffix(".json").exists()):
            docs = source_docs(args.source, args.n)
        ix, meta = build(args.source, args.n, args.procs, args.rebuild, engine, docs)
        report[engine] = {"build": meta}
        if not args.build_only:
            report[engine]["in_process"] = in_process(ix)
        if args.cli and engine != "fts5":
            report[engine]["end_to_end"] = end_to_end(ix, engine)
    report["load_avg_end"] = round(os.getloadavg()[0], 1)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
