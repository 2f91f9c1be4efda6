"""Bulk import beyond one machine: the read → parse → citations stage as an Apache Spark job.

`vanthu spark-import SRC... --out DIR` (or ``spark-submit`` on this file, on a cluster) walks SRC with
the importer's own walk and bounds, runs the importer's worker function :func:`_process` unchanged on
every file in Spark tasks (``mapPartitions``), and writes Parquet under DIR:

- ``files/kind=document/``: one row per file read as a directive: its path, prepared text, parsed
  metadata (JSON, citations included), SHA-256, and the **original bytes** (so DIR is complete on its
  own: HDFS, S3 or a local disk, no shared POSIX folder needed between the executors and the archive);
- ``files/kind=failed/``: every file the job could not read, and why (``stage`` walk or read);
- ``files/kind=skipped/``: files that are plainly no directive (a README), and why;
- ``citations/``: one row per citation found (the document's SHA-256, number, date, issuer …), for
  joins in Spark;
- ``manifest/``: what the job read, written last: a DIR without it is an unfinished job.

`vanthu import --from-parquet DIR` (:func:`load_parquet`) feeds those rows, in walk order, to the
importer's one writer (:func:`vanthu.pipeline.importer.write_results`): the same batch, resumption,
failures, versions and graph hook as a plain `vanthu import` of SRC, so it gives the same archive.

pyspark and pyarrow are imported only inside the functions that need them (the ``spark`` extra).
"""

if __name__ == "__main__" and not __package__:  # `spark-submit …/vanthu/pipeline/spark.py SRC… --out DIR`
    import sys

    from vanthu.pipeline.spark import main

    sys.exit(main(sys.argv[1:]))

# (No `from __future__ import annotations`: it would have to come before the entry above.)
import heapq
import json
import os
import shutil
import signal
import sys
import threading
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..archive.errors import BadInput, VanthuError
from ..archive.readers import Item, Limits, WalkFailure, walk
from ..archive.store import Archive, sha256_hex, store_object
from .importer import ImportReport, Progress, _alone, _init_worker, _process, _Result, write_results

__all__ = ["SparkUnavailable", "SparkJobReport", "run_job", "load_parquet", "main"]

FORMAT = 1  # of the output folder: the loader refuses another
KINDS = ("document", "failed", "skipped")
READ_BATCH = 64  # rows the loader holds at a time (each with its original's bytes)


class SparkUnavailable(VanthuError):
    """pyspark, pyarrow or Java is missing: the message says what to install."""


@dataclass(frozen=True)
class SparkJobReport:
    """What `vanthu spark-import` wrote (its --json shape)."""

    out: str
    files: int
    documents: int
    failed: int
    skipped: int
    citations: int
    seconds: float
    master: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# -- executor side ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Loaded(Item):
    """An Item whose bytes were already read (bounded by the Item's own ``load``)."""

    data: bytes = b""

    def load(self) -> bytes:
        return self.data


def _read(item: Item) -> tuple[_Result, bytes | None]:
    """The importer's worker function on one file, and the original's bytes when it is a document.

    The file is read once: ``_process`` is handed the bytes; a file that cannot be read goes to
    ``_process`` as it is, which reports why, exactly as in a plain import."""
    try:
        data = item.load()
    except Exception:
        return _process(item), None
    loaded = _Loaded(**{f.name: getattr(item, f.name) for f in fields(Item)}, data=data)
    result = _process(loaded)
    return result, (data if result.text is not None else None)


def _partition(settings: tuple[str, Limits, bool], rows: Iterable[tuple[int, Item | WalkFailure]]
               ) -> Iterator[tuple]:
    """One Spark task: each (ordinal, entry) becomes one output row, in order.

    A first attempt reads in the executor's Python worker, bounded as an importer pool worker is
    (memory, time per file). When a task failed before (a converter crashed the Python worker), its
    retry reads each file in a process of its own, so the file that kills its process becomes that
    file's failure, as in a plain import, and the job goes on."""
    from pyspark import TaskContext

    root, limits, keep = settings
    context = TaskContext.get()
    isolate = context is not None and context.attemptNumber() > 0
    if not isolate:
        # Bounded as a pool worker is; it lives as long as the Spark daemon that forked it (its parent).
        _init_worker(root, True, limits, pooled=True, keep_non_directives=keep)
    for ordinal, entry in rows:
        if isinstance(entry, WalkFailure):
            yield _row(ordinal, _Result(path=entry.display_path, name="", source=entry.source or "", members=(),
                                        error=entry.error), None, stage="walk")
            continue
        if isolate:
            got = _alone(entry, Path(root), True, limits, _read, keep)  # type: ignore[arg-type]
            result, data = got if isinstance(got, tuple) else (got, None)
        else:
            result, data = _read(entry)
        yield _row(ordinal, result, data)


def _row(ordinal: int, r: _Result, data: bytes | None, stage: str = "read") -> tuple:
    kind = "failed" if r.error is not None else "skipped" if r.skipped is not None else "document"
    return (ordinal, kind, r.path, r.name, r.source, list(r.members), r.sha, r.size, r.text,
            json.dumps(r.parsed, ensure_ascii=False) if r.parsed is not None else None,
            r.format, r.encoding, r.reader, r.error if r.error is not None else r.skipped,
            stage if r.error is not None else None, data)


# The columns of files/, in _row's order; ``why`` is the error of a failure or the reason of a skip.
_COLUMNS = (("ordinal", "long"), ("kind", "string"), ("path", "string"), ("name", "string"),
            ("source", "string"), ("members", "array<string>"), ("sha256", "string"), ("size", "long"),
            ("text", "string"), ("parsed", "string"), ("format", "string"), ("encoding", "string"),
            ("reader", "string"), ("why", "string"), ("stage", "string"), ("original", "binary"))
_CITATION = "struct<" + ", ".join(f"`{name}`: {kind}" for name, kind in (
    ("number", "string"), ("doc_type", "string"), ("date", "string"), ("issuer", "string"), ("relation", "string"),
    ("text", "string"), ("start", "int"), ("end", "int"), ("name", "string"))) + ">"


# -- driver side --------------------------------------------------------------------------------


def _spark_session(master: str | None):
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable("the Spark job needs pyspark: pip install 'vanthu[spark]'") from None
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise SparkUnavailable("the Spark job needs Java 17 or 21: apt-get install openjdk-17-jre-headless "
                               "(or set JAVA_HOME)")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local executors run this Python, with vanthu
    builder = SparkSession.builder.appName("vanthu spark-import")
    if not master:
        return builder.getOrCreate()
    session = builder.master(master).config("spark.ui.enabled", "false") \
        .config("spark.ui.showConsoleProgress", "false").getOrCreate()
    session.sparkContext.setLogLevel("ERROR")  # one line per problem from vanthu, not Spark's chatter
    return session


def run_job(paths: Sequence[Path], out: Path | str, *, master: str | None = "local[*,2]",
            limits: Limits | None = None, keep_non_directives: bool = False, partitions: int | None = None,
            spark: Any = None) -> SparkJobReport:
    """Walk ``paths`` here (the driver), read and parse every file in Spark tasks, write Parquet to ``out``.

    ``master`` None uses the session spark-submit made; "local[*,2]" runs on this machine's cores and
    lets a failed task be tried once more (file by file, see :func:`_partition`). The driver must see
    ``paths`` where the executors see them (a shared mount on a cluster).
    """
    started = time.monotonic()
    limits = limits or Limits()
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise BadInput(f"no such file or folder: {', '.join(missing)}")
    out = str(out)
    local_out = "://" not in out
    if local_out and Path(out).exists() and any(Path(out).iterdir()):
        raise BadInput(f"{out} is not empty: the Spark job writes a new folder (remove it, or name another)")
    roots = [str(Path(p).resolve()) for p in paths]
    entries = list(enumerate(walk([Path(p) for p in paths], limits)))
    interrupt = signal.getsignal(signal.SIGINT)  # pyspark puts its own Ctrl-C handler in, and leaves it
    session = spark or _spark_session(master)
    try:
        counts = _write(session, entries, out, limits, keep_non_directives, partitions)
        manifest = {"format": FORMAT, "roots": roots, "files": len(entries), "limits": asdict(limits),
                    "keep_non_directives": keep_non_directives, **counts}
        session.createDataFrame([(json.dumps(manifest, ensure_ascii=False),)], "manifest string") \
            .coalesce(1).write.mode("overwrite").text(_join(out, "manifest"))
        used = session.sparkContext.master
    finally:
        if spark is None:
            session.stop()
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGINT, interrupt)
    return SparkJobReport(out=out, files=len(entries), documents=counts["documents"], failed=counts["failed"],
                          skipped=counts["skipped"], citations=counts["citations"],
                          seconds=round(time.monotonic() - started, 1), master=used)


def _write(session: Any, entries: list[tuple[int, Item | WalkFailure]], out: str, limits: Limits, keep: bool,
           partitions: int | None) -> dict[str, int]:
    from functools import partial

    from pyspark.sql import functions as F

    sc = session.sparkContext
    slices = partitions or max(1, min(len(entries), max(4 * sc.defaultParallelism, len(entries) // 2000)))
    schema = ", ".join(f"`{name}` {kind}" for name, kind in _COLUMNS)
    # The executors write nothing outside DIR: the worker's "root" only names where no archive is.
    work = partial(_partition, (_join(out, "no-archive"), limits, keep))
    rows = sc.parallelize(entries, slices).mapPartitions(work)
    files = _join(out, "files")
    # Each output file in walk order (the loader merges the kinds by ordinal), one pass over the input.
    session.createDataFrame(rows, schema).sortWithinPartitions("kind", "ordinal") \
        .write.partitionBy("kind").parquet(files)
    written = session.read.parquet(files)
    counts = {f"{kind}s" if kind == "document" else kind: n
              for kind, n in written.groupBy("kind").count().collect()}
    docs = written.where(F.col("kind") == "document").select(
        "ordinal", "sha256", F.posexplode(F.from_json("parsed", f"struct<citations: array<{_CITATION}>>")
                                          .getField("citations")).alias("seq", "c"))
    docs.select("ordinal", "sha256", "seq", "c.*").write.parquet(_join(out, "citations"))
    citations = session.read.parquet(_join(out, "citations")).count()
    return {"documents": counts.get("documents", 0), "failed": counts.get("failed", 0),
            "skipped": counts.get("skipped", 0), "citations": citations}


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


# -- loading into an archive ----------------------------------------------------------------------


def _manifest(out: Path) -> dict[str, Any]:
    parts = sorted((out / "manifest").glob("part-*")) if (out / "manifest").is_dir() else []
    if not parts:
        raise BadInput(f"{out} is not the output of a finished `vanthu spark-import` (no manifest/: "
                       "the job did not finish, or this is another folder)")
    try:
        manifest = json.loads(parts[0].read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise BadInput(f"{out}/manifest is damaged: {err}") from None
    if manifest.get("format") != FORMAT:
        raise BadInput(f"{out} was written by another version of vanthu (format {manifest.get('format')}, "
                       f"this one reads {FORMAT}): run the Spark job again")
    return manifest


def _rows(out: Path, kind: str, columns: list[str]) -> Iterator[dict[str, Any]]:
    """The rows of one kind, in walk order, a few at a time (memory stays bounded).

    A damaged file stops the load with BadInput naming it; what was committed before stays, and the
    same load resumes once the file is copied again."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SparkUnavailable("loading the Spark job's output needs pyarrow: pip install 'vanthu[spark]'") from None
    folder = out / "files" / f"kind={kind}"
    parts, path = [], folder
    try:
        for path in sorted(folder.glob("*.parquet")) if folder.is_dir() else []:
            part = pq.ParquetFile(path)
            if part.metadata.num_rows:
                parts.append((part.read_row_group(0, columns=["ordinal"]).column(0)[0].as_py(), path))
        last = -1
        for _, path in sorted(parts):
            for batch in pq.ParquetFile(path).iter_batches(batch_size=READ_BATCH, columns=columns):
                for row in batch.to_pylist():
                    if row["ordinal"] <= last:
                        raise BadInput(f"{path} is out of walk order (not written by `vanthu spark-import`?)")
                    last = row["ordinal"]
                    yield row
    except (pa.ArrowException, OSError) as err:
        raise BadInput(f"{path} cannot be read as the Spark job's Parquet ({err}): copy the job's output "
                       "again, or run the job again") from None


def _result(row: dict[str, Any], kind: str) -> _Result:
    base = dict(path=row["path"], name=row["name"] or "", source=row["source"] or "",
                members=tuple(row["members"] or ()))
    if kind == "failed":
        return _Result(**base, error=row["why"])
    if kind == "skipped":
        return _Result(**base, sha=row["sha256"], size=row["size"] or 0, skipped=row["why"])
    return _Result(**base, sha=row["sha256"], size=row["size"] or 0, text=row["text"],
                   parsed=json.loads(row["parsed"]), format=row["format"], encoding=row["encoding"],
                   reader=row["reader"])


def _stored(root: Path, row: dict[str, Any]) -> _Result:
    """A document row with its original put in objects/ (before the writer commits the row), or the
    failure it is when its bytes do not match their hash (a damaged copy of the output)."""
    data = row["original"] or b""
    if sha256_hex(data) != row["sha256"]:
        return _Result(path=row["path"], name=row["name"] or "", source=row["source"] or "",
                       members=tuple(row["members"] or ()),
                       error="the original's bytes in the Parquet do not match its SHA-256 (a damaged copy "
                             "of the Spark output): run the Spark job again for this file")
    store_object(root, data, row["sha256"])
    return _result(row, "document")


def load_parquet(archive: Archive, out: Path, *, on_progress: Callable[[Progress], None] | None = None,
                 after_chunk: Callable[[Archive, list[str]], None] | None = None) -> ImportReport:
    """Import what :func:`run_job` wrote into ``archive``, through the importer's one writer.

    The batch is over the job's roots, so an interrupted load resumes (the paths handled are skipped),
    a second load of the same output leaves the archive as it is (every file unchanged), and a plain
    `vanthu import` of the same folder and this load are one and the same import.
    """
    out = Path(out)
    manifest = _manifest(out)
    columns = {"failed": ["ordinal", "path", "name", "source", "members", "why", "stage"],
               "skipped": ["ordinal", "path", "name", "source", "members", "sha256", "size", "why"],
               "document": [name for name, _ in _COLUMNS if name != "kind"]}
    walk_failures = [WalkFailure(r["path"], r["why"], r["source"] or None)
                     for r in _rows(out, "failed", columns["failed"]) if r["stage"] == "walk"]

    def results(handled: set[str]) -> tuple[int, Iterator[_Result]]:
        def stream(kind: str) -> Iterator[tuple[int, _Result]]:
            for row in _rows(out, kind, columns[kind]):
                if row["path"] in handled or row.get("stage") == "walk":
                    continue
                yield row["ordinal"], (_stored(archive.root, row) if kind == "document" else _result(row, kind))

        total = manifest["files"] - len(walk_failures) - len(handled - {f.display_path for f in walk_failures})
        merged = heapq.merge(*(stream(kind) for kind in KINDS), key=lambda pair: pair[0])
        return max(total, 0), (result for _, result in merged)

    options = {"metadata": None, "from_parquet": str(out.resolve())}
    return write_results(archive, manifest["roots"], options, walk_failures, results,
                         on_progress=on_progress, after_chunk=after_chunk)


# -- spark-submit ---------------------------------------------------------------------------------


def main(argv: Sequence[str]) -> int:
    """``spark-submit vanthu/pipeline/spark.py SRC… --out DIR [--keep-non-directives] [--partitions N]``:
    the job of `vanthu spark-import`, in the session spark-submit made (its --master)."""
    import argparse

    parser = argparse.ArgumentParser(prog="spark-submit vanthu/pipeline/spark.py",
                                     description="Read and parse directives in Spark; write Parquet for "
                                                 "`vanthu import --from-parquet`.")
    parser.add_argument("paths", nargs="+", type=Path, help="files, folders or .zip archives")
    parser.add_argument("--out", required=True, help="output folder (hdfs://, s3a:// or a path)")
    parser.add_argument("--keep-non-directives", action="store_true")
    parser.add_argument("--partitions", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        report = run_job(args.paths, args.out, master=None, keep_non_directives=args.keep_non_directives,
                         partitions=args.partitions)
    except VanthuError as err:
        sys.stderr.write(f"vanthu: {err}\n")
        return err.exit_code
    sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
    return 0
