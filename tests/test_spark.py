"""Bulk import as a Spark job: `vanthu spark-import` + `vanthu import --from-parquet` must leave exactly
the archive a plain `vanthu import` of the same folder leaves (documents and their every field and text,
originals, sources, citations, graph edges, failures, skipped files, the full-text index), and the
load keeps a plain import's guarantees: run twice = the same archive, interrupted = resumed.

One Spark session (and one Spark job) for the module: Spark takes seconds to start. The tests that
need only the Parquet reader run without Java."""

from __future__ import annotations

import functools
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from vanthu.archive.readers import to_cp1258
from vanthu.archive.store import Archive
from vanthu.index.sync import fulltext_status

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CHAIN = "district_ubnd-huyen-binh-xuyen_845-UBND-YT_2021-03-22.txt"


def _java() -> str | None:
    import os

    return os.environ.get("JAVA_HOME") or shutil.which("java")


def _corpus(root: Path) -> Path:
    """samples/ and the real test documents, with what makes an import's order and outcomes matter."""
    kho = root / "kho"
    shutil.copytree(ROOT / "samples", kho)  # the chain of directives citing each other, the seeds, a README
    shutil.copytree(DATA / "real", kho / "real")  # real directives (and their .json truths: not directives)
    shutil.copytree(DATA / "readers", kho / "readers")  # a Word 97 .doc (a failure where antiword is absent)
    chain = kho / "chain" / CHAIN
    shutil.copy(chain, kho / "ban-sao.txt")  # the same bytes again: one document, two sources
    (kho / "ban-cp1258.txt").write_bytes(to_cp1258(chain.read_text(encoding="utf-8")))  # same text, other encoding
    changed = chain.read_text(encoding="utf-8").replace("trước 16 giờ", "trước 15 giờ")
    assert changed != chain.read_text(encoding="utf-8")
    (kho / "zz-ban-sua.txt").write_text(changed, encoding="utf-8")  # same number, issuer, date: a new version
    with zipfile.ZipFile(kho / "luu-tru.zip", "w") as z:  # directives inside a zip, one in a nested zip
        for path in sorted((kho / "seeds").glob("*.txt"))[:2]:
            z.write(path, f"2021/{path.name}")
        inner = root / "inner.zip"
        with zipfile.ZipFile(inner, "w") as zi:
            zi.write(sorted((kho / "chain").glob("*.txt"))[0], "trong/van-ban.txt")
        z.write(inner, "2021/inner.zip")
    (kho / "hong.zip").write_bytes(b"PK\x03\x04 not a zip")  # a walk failure
    (kho / "rong.txt").write_bytes(b"")  # a read failure: 0 bytes
    (kho / "sai-ma.txt").write_bytes("Ủy ban nhân dân".encode("utf-8").decode("latin-1").encode("utf-8") * 40)  # mojibake
    return kho


def _timeless(path: Path) -> bytes | list[str]:
    """An object's bytes; the originals' manifest (issue 17) as the distinct files it describes, without
    the batch and the times each line names (a second load appends the same files again)."""
    if path.name != "manifest.jsonl":
        return path.read_bytes()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted({json.dumps({k: v for k, v in line.items() if k not in ("batch", "at", "t")}, sort_keys=True)
                   for line in lines})


def _snapshot(path: Path) -> dict:
    """Everything an import is responsible for, without what differs by nature (batch ids, times)."""
    with Archive.open(path, create=False) as arc:
        def q(sql: str) -> list[tuple]:
            return [tuple(r) for r in arc.conn.execute(sql)]

        docs = q(
            "SELECT id, sha256, size, format, encoding, reader, number, number_key, doc_type, issuer, issuer_key, "
            "issuer_level, parent_body, place, date, year, subject, urgency, signer, signer_title, recipients, "
            "text, text_sha, parsed, overrides, supersedes, superseded_by, fulltext_indexed FROM documents ORDER BY id")
        objects = {p.name: _timeless(p) for p in (path / "objects").rglob("*") if p.is_file()}
        status = fulltext_status(arc)
        return {
            "docs": docs,
            "originals": q("SELECT sha256, doc_id, size, format, encoding, reader FROM originals ORDER BY sha256"),
            "objects": objects,
            "sources": q("SELECT doc_id, path, name FROM sources ORDER BY doc_id, path"),
            "citations": q('SELECT doc_id, seq, number, number_key, doc_type, date, year, issuer, relation, text, '
                           'start, "end", name FROM citations ORDER BY doc_id, seq'),
            "edges": q("SELECT e.src, c.seq, e.dst, e.ext_key, e.relation, e.status, e.evidence FROM edges e "
                       "LEFT JOIN citations c ON c.id = e.citation_id ORDER BY e.src, c.seq"),
            "candidates": q("SELECT e.src, c.seq, k.doc_id, k.rank FROM edge_candidates k JOIN edges e ON e.id = k.edge_id "
                            "LEFT JOIN citations c ON c.id = e.citation_id ORDER BY 1, 2, 4"),
            "failures": q("SELECT path, error, source, members FROM failures ORDER BY path"),
            "processed": q("SELECT path, outcome, doc_id FROM processed ORDER BY path"),
            "batches": q("SELECT status, roots, added, unchanged, updated, failed FROM batches"),
            "fulltext": (status.ok, status.missing, status.extra, status.pending),
        }


def _differences(got: dict, want: dict, skip: tuple[str, ...] = ()) -> str:
    """The first difference of each part of two snapshots, short enough to read in a CI log's tail
    (a whole snapshot is thousands of lines; the part and the first differing row say what broke)."""
    out = []
    for part in want:
        if part in skip or got.get(part) == want[part]:
            continue
        a, b = got.get(part), want[part]
        if isinstance(a, dict) and isinstance(b, dict):
            keys = sorted(set(a) ^ set(b)) or sorted(k for k in b if a.get(k) != b[k])
            out.append(f"{part}: {len(a)} vs {len(b)} entries; first differing key {keys[0]!r}: "
                       f"{str(a.get(keys[0]))[:300]!s} | {str(b.get(keys[0]))[:300]!s}")
        elif isinstance(a, list) and isinstance(b, list):
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            x = a[i] if i < len(a) else "(none)"
            y = b[i] if i < len(b) else "(none)"
            out.append(f"{part}: {len(a)} vs {len(b)} rows; row {i}: {str(x)[:400]} | {str(y)[:400]}")
        else:
            out.append(f"{part}: {str(a)[:300]} | {str(b)[:300]}")
    return "\n".join(out)


def _report(report) -> dict:
    data = report.to_json()
    data.pop("batch")
    return data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("spark"))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """A plain import of the corpus: its report and archive."""
    from vanthu.pipeline.ingest import ingest

    path = tmp_path_factory.mktemp("plain") / "archive"
    with Archive.open(path) as arc:
        report = ingest(arc, [corpus], workers=2)
    return _report(report), _snapshot(path)


@pytest.fixture(scope="module")
def parquet(corpus, tmp_path_factory) -> Path:
    """The Spark job's output for the corpus (one local Spark session for the whole module)."""
    pytest.importorskip("pyspark", reason="the Spark job needs pyspark (pip install 'vanthu[spark]')")
    if not _java():
        pytest.skip("the Spark job needs Java 17 or 21 (apt-get install openjdk-17-jre-headless)")
    from vanthu.pipeline.spark import run_job

    out = tmp_path_factory.mktemp("job") / "out"
    report = run_job([corpus], out, master="local[2,2]")
    assert report.files == report.documents + report.failed + report.skipped
    return out


def test_spark_job_then_load_is_the_same_archive_as_a_plain_import(parquet, reference, tmp_path):
    from vanthu.pipeline.ingest import ingest_parquet

    plain_report, plain = reference
    # What the corpus was built to hold, so that the comparison below compares something:
    outcomes = {outcome for _, outcome, _ in plain["processed"]}
    assert {"added", "unchanged", "updated", "failed", "skipped"} <= outcomes
    assert len(plain["docs"]) > 40 and len(plain["edges"]) > 20 and any(s == "resolved" for *_, s, _ in plain["edges"])
    with Archive.open(tmp_path / "archive") as arc:
        report = ingest_parquet(arc, parquet)
    assert _report(report) == plain_report
    loaded = _snapshot(tmp_path / "archive")
    difference = _differences(loaded, plain)  # each differing part named, with its first differing row
    assert not difference, difference


def test_loading_twice_changes_nothing_and_reports_every_file_unchanged(parquet, reference, tmp_path):
    from vanthu.pipeline.ingest import ingest_parquet

    with Archive.open(tmp_path / "archive") as arc:
        first = ingest_parquet(arc, parquet)
        again = ingest_parquet(arc, parquet)
    assert (again.added, again.updated) == (0, 0)
    assert again.unchanged == first.added + first.updated + first.unchanged
    assert [f.path for f in again.failed] == [f.path for f in first.failed]  # still listed: still failures
    snap, plain = _snapshot(tmp_path / "archive"), reference[1]
    per_batch = ("processed", "batches", "failures")  # two batches: each lists what it did
    difference = _differences(snap, plain, skip=per_batch)
    assert not difference, difference
    assert sorted(set(snap["failures"])) == plain["failures"]


def test_an_interrupted_load_resumes_where_it_stopped(parquet, reference, tmp_path, monkeypatch):
    from vanthu.pipeline import importer
    from vanthu.pipeline.ingest import ingest_parquet
    from vanthu.pipeline.interrupt import ImportInterrupted

    monkeypatch.setattr(importer, "CHUNK", 10)  # several commits, so that the stop falls between two

    def stop_after_two_chunks(progress):
        if progress.done >= 20:
            raise KeyboardInterrupt  # as Ctrl-C or SIGTERM reach the writer

    with Archive.open(tmp_path / "archive") as arc:
        with pytest.raises(ImportInterrupted) as stopped:
            ingest_parquet(arc, parquet, on_progress=stop_after_two_chunks)
        assert 0 < arc.count() < len(reference[1]["docs"])
        resumed = ingest_parquet(arc, parquet)
    assert resumed.resumed and resumed.batch == stopped.value.report.batch
    assert resumed.skipped >= 20  # the files of the two chunks committed (and the walk failures) are not read again
    def whole(report: dict) -> dict:  # the whole job, both runs together (a resumed batch lists by path)
        return {**report, "failed": sorted(report["failed"], key=lambda f: f["path"]),
                "skipped": sorted(f["path"] for f in report["skipped"])}

    assert whole(_report(resumed)) == {**whole(reference[0]), "resumed": True}
    difference = _differences(_snapshot(tmp_path / "archive"), reference[1])
    assert not difference, difference


def test_cli_loads_the_output_and_exits_as_a_plain_import_does(parquet, reference, tmp_path, vanthu):
    code, out, _ = vanthu("import", "--from-parquet", str(parquet), "--no-embed", "--json",
                          "--archive", str(tmp_path / "archive"))
    assert code == 3  # done, with files that failed: as a plain import of the folder
    data = json.loads(out)
    data.pop("batch")
    assert data == reference[0]


def test_a_load_into_a_new_archive_can_choose_the_tantivy_engine(parquet, tmp_path, vanthu):
    # a Spark load is the million-document case: the archive it creates is searchable with tantivy
    target = str(tmp_path / "archive")
    code, _, err = vanthu("import", "--from-parquet", str(parquet), "--no-embed", "--engine", "tantivy",
                        "--archive", target)
    assert code == 3, err
    code, out, _ = vanthu("stats", "--json", "--archive", target)
    assert code == 0 and json.loads(out)["fulltext_engine"] == "tantivy"
    code, out, _ = vanthu("search", "phong chong dich", "--json", "--archive", target)
    assert code == 0 and json.loads(out)["total"] > 0


# -- without Spark: the loader's refusals -----------------------------------------------------------

REFUSALS = [
    # (what the folder holds, what the error must say)
    ({}, "not the output of a finished `vanthu spark-import`"),  # an empty folder: no manifest
    ({"files/kind=document/part-0.parquet": b"PAR1"}, "no manifest/"),  # a job that died before its manifest
    ({"manifest/part-00000.txt": b'{"format": 99}'}, "another version of vanthu"),  # a future format
    ({"manifest/part-00000.txt": b"{not json"}, "manifest is damaged"),  # a damaged manifest
    ({"manifest/part-00000.txt": b'{"format": 1, "roots": ["/kho"], "files": 1}',
      "files/kind=failed/part-00000.parquet": b"PAR1 cut short"}, "cannot be read as the Spark job's Parquet"),
]


@pytest.mark.parametrize("files, message", REFUSALS)
def test_a_folder_that_is_no_finished_job_output_is_refused_clearly(tmp_path, vanthu, files, message):
    out = tmp_path / "out"
    out.mkdir()
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    code, _, err = vanthu("import", "--from-parquet", str(out), "--archive", str(tmp_path / "archive"))
    assert code == 2 and message in err and "Traceback" not in err


@pytest.mark.parametrize("extra", [
    ["kho"],  # files too: which import is meant?
    ["--failed", "20261203-000000-abcd"],  # a retry reads files again: not the job's output
    ["--dry-run"],  # a dry run reads files
    ["--workers", "2"],  # the job's executors were the workers
])
def test_from_parquet_with_options_of_a_plain_import_is_a_usage_error(tmp_path, vanthu, extra):
    code, _, err = vanthu("import", "--from-parquet", str(tmp_path), *extra, "--archive", str(tmp_path / "a"))
    assert code == 2 and "--from-parquet" in err


def test_the_job_refuses_an_output_folder_that_is_not_empty(tmp_path, vanthu):
    out = tmp_path / "out"
    out.mkdir()
    (out / "khac.txt").write_text("một tệp khác", encoding="utf-8")
    code, _, err = vanthu("spark-import", str(ROOT / "samples"), "--out", str(out))
    assert code == 2 and "is not empty" in err
    assert (out / "khac.txt").read_text(encoding="utf-8") == "một tệp khác"


def test_an_original_whose_bytes_do_not_match_its_hash_is_a_failure_not_an_object(tmp_path):
    from vanthu.pipeline.spark import _stored

    row = {"path": "kho/cv845.txt", "name": "cv845.txt", "source": "/kho/cv845.txt", "members": [],
           "sha256": "0" * 64, "original": "Ủy ban nhân dân huyện".encode()}
    result = _stored(tmp_path, row)
    assert result.error and "do not match its SHA-256" in result.error
    assert not (tmp_path / "objects").exists()


# -- the loader's promise, without Spark: every row once, in walk order -----------------------------

def _texts() -> list[str]:
    """Real directives, each given its own number, so that each is a document of its own."""
    seed = (ROOT / "samples" / "chain" / CHAIN).read_text(encoding="utf-8")
    return [seed.replace("845/UBND-YT", f"{900 + i}/UBND-YT") for i in range(12)]


TEXTS = _texts()


@functools.lru_cache(maxsize=None)
def _analyzed(index: int) -> tuple[bytes, str, dict]:
    from vanthu.pipeline.analyze import analyze

    data = TEXTS[index].encode("utf-8")
    text, meta = analyze(TEXTS[index])
    return data, text, meta.to_json()


def _write_output(out: Path, kinds: list[str], cuts: list[int]) -> None:
    """What `spark-import` writes, laid out by hand: the rows (made by the job's own `_row`) split into
    tasks at ``cuts``, each task's rows of each kind in one Parquet file, as Spark's partitioned writer does."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from vanthu.archive.store import sha256_hex
    from vanthu.pipeline.importer import _Result
    from vanthu.pipeline.spark import _COLUMNS, FORMAT, _row

    rows = []
    for ordinal, kind in enumerate(kinds):
        base = dict(path=f"kho/cv{ordinal:02d}.txt", name=f"cv{ordinal:02d}.txt", source=f"/kho/cv{ordinal:02d}.txt",
                    members=())
        if kind == "document":
            data, text, parsed = _analyzed(ordinal % len(TEXTS))
            rows.append(_row(ordinal, _Result(**base, sha=sha256_hex(data), size=len(data), text=text,
                                              parsed=parsed, format="txt", encoding="utf-8"), data))
        elif kind == "failed":
            rows.append(_row(ordinal, _Result(**base, error="0-byte file"), None))
        else:
            rows.append(_row(ordinal, _Result(**base, skipped="not a directive"), None))
    names = [name for name, _ in _COLUMNS]
    bounds = [0, *sorted(set(cuts)), len(rows)]
    for task, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
        for kind in ("document", "failed", "skipped"):
            mine = [dict(zip(names, r)) for r in rows[lo:hi] if r[1] == kind]
            if mine:
                folder = out / "files" / f"kind={kind}"
                folder.mkdir(parents=True, exist_ok=True)
                for r in mine:
                    del r["kind"]  # a partition column lives in the folder's name
                pq.write_table(pa.Table.from_pylist(mine), folder / f"part-{task:05d}-x.c000.snappy.parquet")
    (out / "manifest").mkdir(parents=True)
    (out / "manifest" / "part-00000.txt").write_text(json.dumps({"format": FORMAT, "roots": ["/kho"],
                                                                 "files": len(rows)}), encoding="utf-8")


def test_the_loader_takes_every_row_once_in_walk_order_however_the_tasks_split_them(tmp_path_factory):
    pytest.importorskip("pyarrow", reason="the loader reads Parquet with pyarrow (pip install 'vanthu[spark]')")
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from vanthu.pipeline.spark import load_parquet

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(kinds=st.lists(st.sampled_from(["document", "failed", "skipped"]), min_size=1, max_size=16),
           cuts=st.lists(st.integers(min_value=1, max_value=15), max_size=5))
    def check(kinds, cuts):
        work = tmp_path_factory.mktemp("load")
        _write_output(work / "out", kinds, [c for c in cuts if c < len(kinds)])
        with Archive.open(work / "archive") as arc:
            report = load_parquet(arc, work / "out")
            handled = dict(arc.conn.execute("SELECT path, outcome FROM processed").fetchall())
        paths = [f"kho/cv{i:02d}.txt" for i in range(len(kinds))]
        assert sorted(handled) == paths  # every file once: none lost, none twice
        assert [f.path for f in report.failed] == [p for p, k in zip(paths, kinds) if k == "failed"]  # in walk order
        assert [f.path for f in report.not_directives] == [p for p, k in zip(paths, kinds) if k == "skipped"]
        assert report.added + report.unchanged + report.updated == kinds.count("document")

    check()


# -- a task's first attempt, as Spark's Python daemon runs it ----------------------------------------

_FIRST_ATTEMPT = """
import json, sys
from pathlib import Path
from vanthu.archive.readers import Limits, walk
from vanthu.pipeline.spark import _partition
rows = list(enumerate(walk([Path(sys.argv[1])], Limits())))
got = [(r[0], r[1]) for r in _partition((sys.argv[2], Limits(), False), rows)]
print(json.dumps({"rows": len(rows), "got": got}))
"""


def test_a_first_attempt_reads_its_files_in_the_worker_without_exiting(tmp_path):
    # Spark's Python worker is a process whose parent is Spark's daemon, not an importer; the task's
    # first attempt reads in it, bounded as an import worker. It once exited at once (a check meant
    # for pool workers: "is my parent the importer?"), so every task failed and was retried file by
    # file in processes of its own: the same Parquet, ten times slower. A fresh interpreter stands
    # for the worker (forking the test process itself could inherit a lock another thread holds).
    import subprocess
    import sys

    pytest.importorskip("pyspark", reason="the Spark job needs pyspark (pip install 'vanthu[spark]')")
    kho = tmp_path / "kho"
    shutil.copytree(ROOT / "samples" / "seeds", kho)
    done = subprocess.run([sys.executable, "-c", _FIRST_ATTEMPT, str(kho), str(tmp_path / "no-archive")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"the worker exited with {done.returncode}: {done.stderr[-2000:]}"
    report = json.loads(done.stdout)
    assert [ordinal for ordinal, _ in report["got"]] == list(range(report["rows"])) and report["rows"] >= 5
    assert {kind for _, kind in report["got"]} == {"document"}
