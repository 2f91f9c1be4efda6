"""Citation-graph speed on a generated archive: edge building, `vanthu tree` in process and end to end.

    .venv/bin/python -m benchmarks.graph_speed --docs 100000

The archive is built from :mod:`benchmarks.generator`'s ground truth, inserted straight through
``Archive.insert_document`` (the citations as the analyzer would give them: stated numbers,
dates and expanded issuers), because parsing 100,000 files is the import benchmark's business,
not this one's. Stored text is cut to 400 characters to keep the build quick; the graph never
reads it. :func:`add_document` is also the tests' way of building small archives.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable

from vanthu.archive.store import Archive
from vanthu.archive.types import Citation, Document, Level, Relation


def add_document(archive: Archive, *, number: str | None = None, doc_type: str | None = None,
                 issuer: str | None = None, level: str | None = None, date: dt.date | str | None = None,
                 year: int | None = None, subject: str | None = None, citations: Iterable[Citation] = (),
                 text: str | None = None, batch: str = "handmade") -> str:
    """Insert one document with the given metadata (no parsing); returns its id. Caller holds a transaction."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    meta = Document(number=number, doc_type=doc_type, issuer=issuer, issuer_level=Level(level) if level else None,
                    date=date, year=year or (date.year if date else None), subject=subject,
                    citations=tuple(citations))
    parsed = meta.to_json()
    body = text or " ".join(x for x in (number, issuer, subject) if x)
    # The id hashes what the caller gave, not the parse shape, so ids (and golden files) stay put
    # when the shape gains a field.
    given = [number, doc_type, issuer, level, str(date), year, subject, body,
             [(c.number, str(c.date), c.issuer, c.relation.value, c.text) for c in meta.citations]]
    sha = hashlib.sha256(json.dumps(given, ensure_ascii=False).encode()).hexdigest()
    return archive.insert_document(doc_id=archive.new_id(sha), sha=sha, size=len(body), text=body, parsed=parsed,
                                   overrides=None, fmt="txt", encoding="utf-8", reader="generated",
                                   batch_id=batch, supersedes=archive.find_version_of(meta))


def cite(number: str | None, *, doc_type: str | None = None, date: dt.date | str | None = None,
         issuer: str | None = None, relation: str = "implements", text: str | None = None,
         name: str | None = None) -> Citation:
    """A citation as the analyzer gives it (issuer already expanded)."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    evidence = text or " ".join(x for x in (doc_type, "số", number, f"ngày {date:%d/%m/%Y}" if date else None,
                                            f"của {issuer}" if issuer else None) if x)
    return Citation(number, doc_type, date, issuer, Relation(relation), evidence, 0, len(evidence), name=name)


def build_archive(root: Path, n: int, seed: int = 1, dirty: bool = False) -> tuple[int, float, dict[tuple[str, int], str | None]]:
    """A fresh archive of ``n`` generated documents.

    Returns (documents, seconds, truth): truth maps each citation (citing id, seq) whose number the
    text states to the id of the document it really names, or None when that is not in the archive.
    """
    from benchmarks.generator import generate
    from vanthu.archive.numbers import number_key

    t0 = time.perf_counter()
    by_identity: dict[tuple, str] = {}
    pending: list[tuple[tuple[str, int], tuple]] = []
    with Archive.open(root) as archive, archive.write_lock():
        docs = generate(n, seed, dirty=dirty)
        done = 0
        while True:
            chunk = [d for _, d in zip(range(2000), docs)]
            if not chunk:
                break
            with archive.transaction():
                for d in chunk:
                    t = d.truth
                    cites = [cite(c.number if c.number_stated else None, doc_type=c.doc_type,
                                  date=c.date if c.date_stated else None, issuer=c.issuer, relation=c.relation,
                                  name=c.name) for c in t.cited]
                    doc_id = add_document(archive, number=t.number, doc_type=t.doc_type, issuer=t.issuer,
                                          level=t.issuer_level, date=t.date, year=t.year, subject=t.subject,
                                          citations=cites, text=d.text[:400], batch="bench")
                    if t.number:  # a document is known by number, issuer and year (dirty ones lack a date)
                        by_identity[(number_key(t.number), t.issuer, t.year)] = doc_id
                    pending += [((doc_id, seq), (number_key(c.number), c.issuer, c.date.year if c.date else None))
                                for seq, c in enumerate(t.cited) if c.number and c.number_stated]
            done += len(chunk)
    truth = {cited: by_identity.get(identity) for cited, identity in pending if identity[2] is not None}
    return done, time.perf_counter() - t0, truth


def accuracy(archive: Archive, truth: dict[tuple[str, int], str | None]) -> dict[str, int]:
    """How the stored edges compare with the generator's truth, per citation that states a number."""
    got = {(src, seq): (dst, status) for src, seq, dst, status in archive.conn.execute(
        "SELECT c.doc_id, c.seq, e.dst, e.status FROM edges e JOIN citations c ON c.id = e.citation_id")}
    out: dict[str, int] = {}
    for key, want in truth.items():
        dst, status = got.get(key, (None, "no edge"))
        if want is None:
            verdict = "outside archive: external" if status == "external" else f"outside archive: {status}"
        elif status == "resolved":
            verdict = "in archive: resolved right" if dst == want else "in archive: resolved WRONG"
        else:
            verdict = f"in archive: {status}"
        out[verdict] = out.get(verdict, 0) + 1
    return dict(sorted(out.items()))


def _chunk_update_ms(root: Path) -> float:
    """What the importer's after_chunk costs: resolve 200 documents and re-resolve what names them."""
    from vanthu.graph import edges

    with Archive.open(root) as archive, archive.write_lock():
        ids = [r[0] for r in archive.conn.execute("SELECT id FROM documents ORDER BY rowid")]
        times = []
        for start in range(len(ids) // 2, len(ids) // 2 + 5 * 200, 200):
            t0 = time.perf_counter()
            with archive.transaction():
                edges.update_edges(archive, ids[start:start + 200])
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _median_ms(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``fn()`` (CPU is what a busy shared machine inflates least)."""
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _pick_roots(archive: Archive) -> tuple[str, str]:
    """A commune document with the longest chain up, and the most cited central document."""
    conn = archive.conn
    commune = conn.execute(
        "SELECT d.id FROM documents d JOIN edges e ON e.src = d.id WHERE d.issuer_level = 'commune' "
        "AND e.status = 'resolved' GROUP BY d.id ORDER BY count(*) DESC, d.id LIMIT 1"
    ).fetchone()[0]
    central = conn.execute(
        "SELECT e.dst FROM edges e JOIN documents d ON d.id = e.dst WHERE d.issuer_level = 'central' "
        "GROUP BY e.dst ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    return commune, central


def _measure_build(root: Path, n: int, dirty: bool) -> None:
    """Build the archive, resolve every citation, and compare with the generator's truth."""
    from vanthu.graph import edges

    n, build_s, truth = build_archive(root, n, dirty=dirty)
    with Archive.open(root) as archive, archive.write_lock():
        t0, c0 = time.perf_counter(), time.process_time()
        n_edges = edges.rebuild_edges(archive)
        rebuild_s, rebuild_cpu = time.perf_counter() - t0, time.process_time() - c0
        counts = dict(archive.conn.execute("SELECT status, count(*) FROM edges GROUP BY status").fetchall())
        quality = accuracy(archive, truth)
    size_mb = (root / "archive.sqlite").stat().st_size / 1e6
    print(f"{n} documents inserted in {build_s:.1f} s; archive.sqlite {size_mb:.0f} MB")
    print(f"rebuild_edges: {n_edges} edges in {rebuild_s:.1f} s wall, {rebuild_cpu:.1f} s CPU; {counts}")
    print(f"against the generator's truth (citations stating a number): {quality}")
    print(f"update_edges for one import chunk of 200 documents: {_chunk_update_ms(root):.0f} ms (median of 5)")


def _measure_reads(root: Path, repeat: int) -> tuple[str, str]:
    """`tree` in process: fetch + tree, and with the text rendering; wall and CPU medians."""
    from vanthu.graph.render import render
    from vanthu.graph.tree import tree

    with Archive.open(root, create=False) as archive:
        commune, central = _pick_roots(archive)
        for label, ref, direction, depth in (("up from a commune document", commune, "up", 10),
                                             ("down from the most cited central document, depth 2", central, "down", 2),
                                             ("down from the most cited central document, depth 10", central, "down", 10)):
            size = sum(1 for _ in _nodes(tree(archive, ref, direction=direction, depth=depth)))
            fetch = _median_ms(lambda: tree(archive, ref, direction=direction, depth=depth), repeat)
            full = _median_ms(lambda: render(tree(archive, ref, direction=direction, depth=depth), direction, "text"),
                              repeat)
            print(f"tree {label}: {size} lines; fetch+tree {fetch[0]:.1f} ms wall / {fetch[1]:.1f} ms CPU, "
                  f"with text rendering {full[0]:.1f} / {full[1]:.1f} ms (medians)")
    return commune, central


def _measure_commands(root: Path, commune: str, central: str, repeat: int) -> None:
    env = dict(os.environ, VANTHU_ARCHIVE=str(root))
    exe = str(Path(sys.executable).with_name("vanthu"))
    for label, cmd in (("vanthu --help (start-up alone)", [exe, "--help"]),
                       ("vanthu tree (up, commune)", [exe, "tree", commune]),
                       ("vanthu tree --down --depth 2 (central)", [exe, "tree", central, "--down", "--depth", "2"]),
                       ("vanthu tree --format json (up, commune)", [exe, "tree", commune, "--format", "json"])):
        wall, cpu = _run_ms(cmd, env, repeat)
        print(f"{label} end to end: {wall:.0f} ms wall, {cpu:.0f} ms CPU (medians)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build the archive here and keep it")
    parser.add_argument("--reuse", type=Path, help="measure reads on an archive kept by an earlier --keep")
    parser.add_argument("--dirty", action="store_true", help="generator's dirty mode (cycles, blanks, typos)")
    args = parser.parse_args()
    work = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="vanthu-graph-"))
    root = work if args.reuse or args.keep else work / "archive"
    try:
        if not args.reuse:
            _measure_build(root, args.docs, args.dirty)
        commune, central = _measure_reads(root, args.repeat)
        _measure_commands(root, commune, central, max(5, args.repeat // 2))
    finally:
        if not (args.keep or args.reuse):
            shutil.rmtree(work, ignore_errors=True)


def _run_ms(cmd: list[str], env: dict, repeat: int) -> tuple[float, float]:
    """Median wall and CPU (user + system) milliseconds of a command; CPU is what a busy machine cannot inflate."""
    import resource

    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        walls.append((time.perf_counter() - t0) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _nodes(t):
    stack = [t]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)


if __name__ == "__main__":
    main()
