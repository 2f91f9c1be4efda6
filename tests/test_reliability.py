"""Reliability end to end: every bound per file fires and names itself; bad input of every kind
through `vanthu import` ends as a recorded failure or a correct document, never a crash, a hang,
a traceback or a write outside the archive; bad queries and references get one clear line;
a read-only archive gives a clear error and stays as it was."""

from __future__ import annotations

import io
import json
import os
import random
import resource
import shutil
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from vanthu.archive.errors import ArchiveError
from vanthu.archive.readers import Limits
from vanthu.archive.store import Archive
from vanthu.pipeline.importer import INLINE_MAX_BYTES, import_paths

CLI = [sys.executable, "-c", "from vanthu.cli.app import main; main()"]
MiB = 1024 * 1024

DISPATCH = """ỦY BAN NHÂN DÂN
XÃ CHIỀNG MUNG

Số: {n}/KH-UBND

Chiềng Mung, ngày 12 tháng 4 năm 2021

KẾ HOẠCH
Triển khai tiêm vắc xin phòng COVID-19 đợt {n}

Thực hiện Kế hoạch số 1124/KH-UBND ngày 02/3/2021 của UBND huyện Mai Sơn, UBND xã xây dựng
kế hoạch tiêm chủng cho người dân thôn {n} như sau.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lò Văn Minh
"""
CITING_LINE = "Thực hiện Công văn số 1367-CV/HU ngày 06/3/2021 của Huyện ủy Mai Sơn về tiêm vắc xin.\n"


def _vanthu(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, **kw)


def _import_json(folder: Path, archive: Path, *extra: str) -> dict:
    result = _vanthu("import", str(folder), "--archive", str(archive), "--no-embed", "--json", *extra)
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert result.returncode == (3 if report["failed"] else 0), result.stderr  # 3: done, some files failed
    return report


# 1. Bounds per file --------------------------------------------------------------------------


def test_parsing_is_bounded_in_time_and_says_so(tmp_path):
    # Reading 10 MB of UTF-8 takes about 50 ms; parsing its 100,000 citations about five seconds,
    # the short file a few milliseconds once the gazetteer is loaded (done here, not in the timing).
    from vanthu.pipeline.analyze import analyze

    analyze(DISPATCH.format(n=3))
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "dai.txt").write_text(DISPATCH.format(n=1) + CITING_LINE * 100_000, encoding="utf-8")
    (folder / "ngan.txt").write_text(DISPATCH.format(n=2), encoding="utf-8")
    with Archive.open(tmp_path / "archive") as archive:
        report = import_paths(archive, [folder], workers=1, limits=Limits(max_seconds=1.0))
    assert [(f.path, f.error) for f in report.failed] == [
        ("kho/dai.txt", "parsing took longer than the limit of 1 s")]
    assert report.added == 1  # the short file beside it is imported


def test_worker_memory_is_bounded_and_the_main_process_is_not(tmp_path):
    folder = tmp_path / "kho"
    folder.mkdir()
    big = folder / "lon.txt"
    with big.open("w", encoding="utf-8") as fh:
        fh.write(DISPATCH.format(n=1))
        while fh.tell() < INLINE_MAX_BYTES + MiB:  # big enough to go to a (bounded) worker
            fh.write(CITING_LINE * 1000)
    (folder / "nho.txt").write_text(DISPATCH.format(n=2), encoding="utf-8")
    before = resource.getrlimit(resource.RLIMIT_AS)
    with Archive.open(tmp_path / "archive") as archive:
        report = import_paths(archive, [folder], workers=1, limits=Limits(max_memory_bytes=200 * MiB))
    assert [(f.path, f.error) for f in report.failed] == [
        ("kho/lon.txt", "file needs more memory than the per-file bound of 200 MiB")]
    assert report.added == 1
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_size_bound_names_itself_through_the_import(tmp_path):
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "a.txt").write_text(DISPATCH.format(n=1) * 10, encoding="utf-8")
    with Archive.open(tmp_path / "archive") as archive:
        report = import_paths(archive, [folder], workers=1, limits=Limits(max_file_bytes=1000))
    size = (folder / "a.txt").stat().st_size
    assert [f.error for f in report.failed] == [f"file is {size} bytes, over the limit of 1000 bytes"]


# 3. Bad input end to end ---------------------------------------------------------------------


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _symlink_entry(name: str, target: bytes) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target


def _nested(depth: int, text: bytes) -> bytes:
    blob = _zip({"sau.txt": text})
    for level in range(depth):
        blob = _zip({f"tang{level}.zip": blob})
    return blob


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    for line in text.splitlines()[:40]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _hazards(rng: random.Random) -> list[tuple[str, bytes, str | None]]:
    """(file name, bytes, the failure expected — None: a document — or "any" for either)."""
    from benchmarks.generator import encode, generate
    from vanthu.archive.readers import to_cp1258, to_tcvn3

    docs = [d.text for d in generate(4, seed=11)]
    good = DISPATCH.format(n=7).encode()
    docx, pdf = encode(next(generate(1, seed=12)), "docx")[1], _pdf(docs[0])
    link = _symlink_entry("lien-ket", b"/etc/passwd")
    rows = [(f"ngau-nhien{ext}", rng.randbytes(4000), reason) for ext, reason in [
        (".txt", "binary data, not text"), (".md", "binary data, not text"),      # random bytes named as text
        (".html", "binary data, not text"), (".doc", "binary data, not text"),    # no Word header: decoded as text
        (".rtf", "binary data, not text"),                                         # no {\rtf header
        (".docx", "corrupt .docx"), (".pdf", "PDF"), (".zip", "corrupt zip"),     # containers that are not
        ("", "unsupported format (no extension)"), (".xyz", "unsupported format .xyz"),
    ]]
    rows += [(f"cat{i}.docx", docx[:cut], "any") for i, cut in enumerate(rng.sample(range(1, len(docx)), 4))]
    rows += [(f"cat{i}.pdf", pdf[:cut], "any") for i, cut in enumerate(rng.sample(range(1, len(pdf)), 4))]
    zipped = _zip({"a.txt": good, "b.txt": docs[1].encode()})
    rows += [(f"cat{i}.zip", zipped[:cut], "any") for i, cut in enumerate(rng.sample(range(1, len(zipped)), 3))]
    rows += [
        ("rong.txt", b"", "0-byte file"),                                           # 0 bytes
        ("rong.docx", b"", "0-byte file"),
        ("cp1258.txt", to_cp1258(docs[1]), None),                                   # Windows Vietnamese code page
        ("tcvn3.txt", to_tcvn3(docs[2]), None),                                     # the old ABC font encoding
        ("utf16.txt", docs[3].encode("utf-16"), None),                              # UTF-16 with its BOM
        ("dai-mot-dong.txt", ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + "Kính gửi các phòng ban " * 460_000).encode(),
         None),  # one 10 MB line under a heading (with none it would be skipped as no directive)
        ("dung.docx", docx, None),                                                  # an intact file beside them
        ("dung.pdf", pdf, None),
        ("bom-ti-le.zip", _zip({"bom.txt": b"\0" * (8 * MiB)}), "compression ratio 100:1 (zip bomb?)"),
        ("long-nhau.zip", _nested(5, good), "zip nesting deeper than the limit of 3"),
        ("duong-dan.zip", _zip({"../../etc/passwd": b"root:x:0:0:root:/root:/bin/bash\n",   # traversal
                                "/tmp/tuyet-doi.txt": good,                                 # absolute path
                                "..\\..\\nguoc.txt": good,                                  # Windows backslashes
                                "C:\\Windows\\o-dia.txt": good,                              # a drive letter
                                link[0]: link[1],                                           # a symlink entry
                                "trong/tot.txt": good}), None),                             # the one good member
    ]
    names = ["-rf.txt", "dấu cách  và\ttab.txt", "xuống\ndòng.txt", "điều-khiển\x01\x7f.txt", "x" * 240 + ".txt",
             "Qua\u0301 NFD.txt", "'; DROP TABLE documents; --.txt", "$(touch pwned).txt"]
    rows += [(name, (docs[0] + f"\n{i}\n").encode(), None) for i, name in enumerate(names)]  # odd names
    return rows


MEMBER_FAILURES = {  # what duong-dan.zip's hostile members become
    "duong-dan.zip/etc/passwd": "unsafe path in zip (leaves the archive): ../../etc/passwd",
    "duong-dan.zip/tmp/tuyet-doi.txt": "unsafe path in zip (absolute): /tmp/tuyet-doi.txt",
    "duong-dan.zip/nguoc.txt": "unsafe path in zip (leaves the archive): ..\\..\\nguoc.txt",
    "duong-dan.zip/C:/Windows/o-dia.txt": "unsafe path in zip (absolute): C:\\Windows\\o-dia.txt",
    "duong-dan.zip/lien-ket": "symlink entry in zip (not followed)",
}


def _tree(root: Path, skip: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` but ``skip``, with size and mtime: proof nothing else was written."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if Path(folder, d) != skip]
        for name in files:
            info = os.lstat(os.path.join(folder, name))
            found[os.path.join(folder, name)] = (info.st_size, info.st_mtime_ns)
    return found


def test_every_hostile_file_is_a_recorded_failure_or_a_correct_document(tmp_path):
    rng = random.Random(20261123)
    kho, archive, cwd = tmp_path / "kho", tmp_path / "archive", tmp_path / "cwd"
    kho.mkdir(), cwd.mkdir()
    rows = _hazards(rng)
    for name, data, _ in rows:
        (kho / name).write_bytes(data)
    (kho / "ra-ngoai.txt").symlink_to("/etc/passwd")            # a symlink out of the folder
    (kho / "vong").symlink_to(kho)                              # a symlink loop back to the folder
    with open(os.path.join(os.fsencode(kho), b"ten-\xff\xfe.txt"), "wb") as fh:  # a name that is not UTF-8
        fh.write(DISPATCH.format(n=9).encode())
    before, passwd = _tree(tmp_path, archive), Path("/etc/passwd").stat()

    result = _vanthu("import", str(kho), "--archive", str(archive), "--no-embed", "--json", "--workers", "2",
                     cwd=cwd)
    report = json.loads(result.stdout)
    assert result.returncode == (3 if report["failed"] else 0) and "Traceback" not in result.stderr, result.stderr
    failed = {f["path"].removeprefix("kho/"): f["error"] for f in report["failed"]}
    assert not [e for e in failed.values() if "internal error" in e]

    with Archive.open(archive, create=False) as store:
        sources = {r[0].removeprefix("kho/"): r[1] for r in store.conn.execute(
            "SELECT s.path, d.text FROM sources s JOIN documents d ON d.id = s.doc_id")}
    for name, _, expected in rows:
        errors = [e for path, e in failed.items() if path == name or path.startswith(name + "/")]
        imported = any(path == name or path.startswith(name + "/") for path in sources)
        if expected is None:
            assert imported, (name, errors)
        elif expected != "any":
            assert len(errors) == 1 and expected in errors[0] and not imported, (name, errors, imported)
        else:
            assert imported != bool(errors), (name, errors)
    assert {k: failed[k] for k in MEMBER_FAILURES} == MEMBER_FAILURES
    assert "duong-dan.zip/trong/tot.txt" in sources
    assert failed["ra-ngoai.txt"] == "symlink points outside the imported folder"
    assert "ten-\\xff\\xfe.txt" in sources and "Chiềng Mung" in sources["ten-\\xff\\xfe.txt"]
    assert "Ngân hàng" not in sources["cp1258.txt"] and "\ufffd" not in sources["cp1258.txt"]
    assert "Kính gửi các phòng ban Kính gửi" in sources["dai-mot-dong.txt"]
    # Nothing was written outside the archive: not beside it, not in the working folder, not /etc.
    assert _tree(tmp_path, archive) == before and not any(cwd.iterdir())
    assert Path("/etc/passwd").stat().st_mtime_ns == passwd.st_mtime_ns
    assert _vanthu("check", "--archive", str(archive)).returncode == 0


def test_files_rewritten_or_deleted_during_the_import(tmp_path):
    """A background thread rewrites and deletes files while the workers read them: each file ends
    as a document whose stored original is exactly the bytes read, or as a named failure."""
    kho = tmp_path / "kho"
    kho.mkdir()
    paths = [kho / f"kh{i:03d}.txt" for i in range(80)]
    for i, path in enumerate(paths):
        path.write_text(DISPATCH.format(n=i) + CITING_LINE * 200, encoding="utf-8")
    stop, rng = threading.Event(), random.Random(5)

    def meddle() -> None:
        while not stop.is_set():
            path = rng.choice(paths)
            if rng.random() < 0.3:
                path.unlink(missing_ok=True)
            else:
                with path.open("w", encoding="utf-8") as fh:  # not atomic: readers may see it half-written
                    fh.write(DISPATCH.format(n=rng.randrange(1000)))
                    fh.flush()
                    fh.write(CITING_LINE * rng.randrange(400))
            time.sleep(0.001)

    meddler = threading.Thread(target=meddle)
    meddler.start()
    try:
        with Archive.open(tmp_path / "archive") as archive:
            report = import_paths(archive, [kho], workers=2)
    finally:
        stop.set()
        meddler.join()
    reasons = {f.error for f in report.failed}
    assert reasons <= {"file disappeared before it could be read", "file changed while being read",
                       "0-byte file", "file grew past the limit"} | {r for r in reasons if r.startswith("no text")}
    from vanthu.pipeline.check import check_originals

    with Archive.open(tmp_path / "archive", create=False) as archive:
        assert check_originals(archive).ok  # every original is byte-exact what was read and hashed
        sources = [r[0] for r in archive.conn.execute("SELECT path FROM sources")]
    # Files deleted before the walk listed them are not in the batch; every other one is, once.
    recorded = sources + [f.path for f in report.failed]
    assert len(recorded) == len(set(recorded)) == report.added + report.updated + report.unchanged + len(report.failed)
    assert len(paths) * 0.5 < len(recorded) <= len(paths)


def test_zip_bomb_by_total_size_through_the_library(tmp_path):
    kho = tmp_path / "kho"
    kho.mkdir()
    members = {f"cv{i}.txt": DISPATCH.format(n=i).encode() * 40 for i in range(6)}  # ~50 KB each, ratio ~30
    (kho / "bom-tong.zip").write_bytes(_zip(members))
    size = len(members["cv0.txt"])
    with Archive.open(tmp_path / "archive") as archive:
        report = import_paths(archive, [kho], workers=1, limits=Limits(max_zip_total_bytes=3 * size + 10))
    assert report.added == 3
    assert [f.error for f in report.failed] == [
        f"zip total uncompressed size exceeds the limit of {3 * size + 10} bytes"] * 3


HUGE = """
import json, resource, sys
from pathlib import Path
from vanthu.archive.readers import Limits
from vanthu.archive.store import Archive
from vanthu.pipeline.importer import import_paths
with Archive.open(Path(sys.argv[2])) as archive:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # modules loaded, archive open
    report = import_paths(archive, [Path(sys.argv[1])], workers=1, limits=Limits(max_memory_bytes=int(sys.argv[3])))
print(json.dumps({"failed": [f.error for f in report.failed], "added": report.added,
                  "main_growth_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before,
                  "worker_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def test_a_100_mb_text_file_keeps_memory_bounded(tmp_path):
    """The worker that reads a 100 MB file stays under its bound and the main process never holds
    the file; the whole 100 MB import (minutes) is measured in benchmarks/reliability.py."""
    kho = tmp_path / "kho"
    kho.mkdir()
    with (kho / "lon.txt").open("w", encoding="utf-8") as fh:
        fh.write(DISPATCH.format(n=1))
        while fh.tell() < 100 * MiB:
            fh.write("Tổ chức tiêm chủng an toàn cho người dân thôn của xã.\n" * 10_000)
    bound = 400 * MiB
    result = subprocess.run([sys.executable, "-c", HUGE, str(kho), str(tmp_path / "archive"), str(bound)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert len(out["failed"]) == 1  # stopped while reading ("txt file needs …") or while parsing ("file needs …")
    assert out["failed"][0].endswith("file needs more memory than the per-file bound of 400 MiB")
    assert out["worker_kib"] * 1024 < bound
    assert out["main_growth_kib"] * 1024 < 50 * MiB  # the 100 MB are never loaded in the writer


# 4. Queries and references -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_archive(tmp_path_factory, samples_dir):
    from vanthu.pipeline.ingest import ingest

    root = tmp_path_factory.mktemp("seeds") / "archive"
    with Archive.open(root) as archive:
        ingest(archive, [samples_dir / "seeds", samples_dir / "chain"], workers=1)
    return root


def _main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run the real console entry point in-process (its error mapping included)."""
    from vanthu.cli.app import main

    monkeypatch.setattr(sys, "argv", ["vanthu", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    return exited.value.code or 0, out, err


QUERIES = [
    ("AND", "AND has nothing before it"),                              # a lone operator
    ("tiêm OR", "OR has nothing after it"),                           # an operator at the end
    ("NOT", "NOT has nothing after it"),
    ('"phòng, chống dịch', 'unbalanced quote (")'),                   # an unclosed phrase
    ('issuer:"Mai Sơn', 'unbalanced quote (")'),                      # an unclosed field value
    ("(((", "query has no words"),                                     # only parentheses
    ("!!!...,,,;;", "query has no words"),                            # only punctuation
    ("* ?", "query has no words"),                                     # only wildcards
    ("\\", "query has no words"),                                      # a lone backslash
    ("tiêm\x01vắc", "control character (U+0001)"),                    # a control character
    ("tiêm\x00vắc", "control character (U+0000)"),                    # a NUL byte
    ("tiêm\x1b[31mvắc", "control character (U+001B)"),                # a terminal escape sequence
    ("tiêm vắc xin " * 8000, "query too long (104000 characters"),    # a 100 KB query
    ("   ", "empty query"),                                            # only spaces
    ("title:", "cannot search by title: (no such field)"),            # a field the index lacks (issue 13:
    ("a:b:c", "cannot search by a: (no such field)"),                  #   no longer a silent empty answer)
]


@pytest.mark.parametrize(("query", "message"), QUERIES)
def test_bad_queries_get_one_clear_line_and_exit_2(seeds_archive, monkeypatch, capsys, query, message):
    code, out, err = _main(monkeypatch, capsys, "search", query, "--archive", str(seeds_archive), "--json")
    assert code == 2 and out == ""
    assert message in err and err.startswith("vanthu: ") and err.count("\n") == 1, err


ODD_BUT_FINE = [
    "[a TO",                  # half a range
    "~2",                     # a fuzzy marker alone
    "tiêm^",                  # a boost with no weight
    "' OR 1=1 --",            # SQL in a query is just words
    "845/ubnd - yt",          # a number typed loosely
]


@pytest.mark.parametrize("query", ODD_BUT_FINE)
def test_odd_queries_give_a_sensible_answer(seeds_archive, monkeypatch, capsys, query):
    code, out, err = _main(monkeypatch, capsys, "search", query, "--archive", str(seeds_archive), "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["query"] == query and answer["total"] >= len(answer["results"])


def test_a_file_of_bad_queries_answers_each_line(seeds_archive, tmp_path, monkeypatch, capsys):
    queries = tmp_path / "q.txt"
    queries.write_text("tiêm\x00vắc\nAND\n\"x\ntiem vac xin\n", encoding="utf-8")
    code, out, err = _main(monkeypatch, capsys, "search", "--queries", str(queries), "--archive",
                           str(seeds_archive), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [("error" in line) for line in lines] == [True, True, True, False]
    assert lines[3]["total"] > 0 and "Traceback" not in err


REFS = [
    ("", "empty document reference", 2),                                # nothing: bad usage
    ("/", "no document '/' in the archive", 1),                         # a bare slash
    ("../../etc/passwd", "no document '../../etc/passwd'", 1),          # a path, not a number
    ("' OR 1=1 --", "no document", 1),                                  # SQL is a parameter, never code
    ("%", "no document '%'", 1),                                        # LIKE wildcards match nothing
    ("x\x01", "no document 'x\\x01'", 1),                               # a control character, shown escaped
    ("9" * 5000, "no document", 1),                                     # a huge number
    ("845/UBND-YT", "matches 2 documents", 2),                          # ambiguous: the candidates follow
]


@pytest.mark.parametrize("command", ["show", "tree"])
@pytest.mark.parametrize(("ref", "message", "exit_code"), REFS)
def test_odd_references_get_one_clear_message(seeds_archive, monkeypatch, capsys, command, ref, message, exit_code):
    code, out, err = _main(monkeypatch, capsys, command, ref, "--archive", str(seeds_archive))
    assert code == exit_code and message in err and "Traceback" not in err, err
    assert not err.startswith("vanthu: internal error")


def test_a_usage_error_is_not_an_internal_error(seeds_archive, monkeypatch, capsys):
    code, out, err = _main(monkeypatch, capsys, "show", "-1", "--archive", str(seeds_archive))
    assert code == 2 and "internal error" not in err


# 5. A read-only archive ----------------------------------------------------------------------
# The tests run as root, and root ignores file modes; the immutable attribute (chattr +i) binds
# root too, so it stands in for a read-only mount where the filesystem supports it.


def _hashes(root: Path) -> dict[str, bytes]:
    import hashlib

    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).digest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def immutable_archive(seeds_archive, tmp_path):
    copy = tmp_path / "archive"
    shutil.copytree(seeds_archive, copy)
    if shutil.which("chattr") is None or subprocess.run(["chattr", "-R", "+i", str(copy)],
                                                         capture_output=True).returncode != 0:
        pytest.skip("this filesystem has no immutable attribute (chattr +i); see test_readonly_errors_are_named")
    try:
        yield copy
    finally:
        subprocess.run(["chattr", "-R", "-i", str(copy)], check=True)


def test_import_into_a_read_only_archive_is_a_clear_error_and_changes_nothing(immutable_archive, samples_dir):
    before = _hashes(immutable_archive)
    result = _vanthu("import", str(samples_dir / "seeds"), "--archive", str(immutable_archive), "--no-embed")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("vanthu: ") and result.stderr.count("\n") == 1
    assert str(immutable_archive) in result.stderr
    assert _hashes(immutable_archive) == before


def test_search_still_answers_from_a_read_only_archive(immutable_archive):
    result = _vanthu("search", "tiem vac xin", "--archive", str(immutable_archive), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] > 0


@pytest.mark.parametrize("command", [["show", "288-CV/HU", "--no-text"], ["tree", "254/TUBND-VP", "--up"], ["check"]])
def test_reading_commands_work_on_a_read_only_archive(immutable_archive, command):
    result = _vanthu(*command, "--archive", str(immutable_archive))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_readonly_errors_are_named(seeds_archive):
    """SQLite's read-only refusal, whatever the cause, becomes the archive's own error."""
    with Archive.open(seeds_archive, create=False, readonly=True) as archive:
        with pytest.raises(ArchiveError, match=r"is read-only: attempt to write a readonly database"):
            with archive.transaction() as conn:
                conn.execute("INSERT INTO meta (key, value) VALUES ('thu', '1')")
        with pytest.raises(ArchiveError, match="is read-only: nothing can be written"):
            archive.acquire_lock()
        assert archive.conn.execute("SELECT count(*) FROM meta WHERE key = 'thu'").fetchone()[0] == 0
