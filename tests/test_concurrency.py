"""Concurrency and resource faults: a busy archive, readers during an import, a full disk."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanthu.archive.store import Archive

CLI = [sys.executable, "-c", "from vanthu.cli.app import main; main()"]

TEMPLATE = """ỦY BAN NHÂN DÂN
XÃ CHIỀNG MUNG

Số: {n}/KH-UBND

Chiềng Mung, ngày {d} tháng 4 năm 2021

KẾ HOẠCH
Triển khai tiêm vắc xin phòng COVID-19 đợt {n}

Thực hiện Kế hoạch số 1124/KH-UBND ngày 02/3/2021 của UBND huyện Mai Sơn và Công văn số 1367-CV/HU
ngày 06/3/2021 của Huyện ủy Mai Sơn, UBND xã xây dựng kế hoạch như sau:
{body}

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lò Văn Minh
"""


def _corpus(folder: Path, n: int, body_lines: int = 20) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        body = "\n".join(f"{k}. Tổ chức tiêm chủng an toàn cho người dân thôn {k} của xã." for k in range(body_lines))
        (folder / f"kh{i:04d}.txt").write_text(TEMPLATE.format(n=i, d=i % 28 + 1, body=body), encoding="utf-8")
    return folder


def _vanthu(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, **kw)


def test_second_writer_is_told_the_archive_is_busy(tmp_path):
    corpus = _corpus(tmp_path / "kho", 3)
    with Archive.open(tmp_path / "archive") as holder, holder.write_lock():
        result = _vanthu("import", str(corpus), "--archive", str(tmp_path / "archive"))
    assert result.returncode == 1
    assert "busy" in result.stderr and "Traceback" not in result.stderr
    assert _vanthu("import", str(corpus), "--archive", str(tmp_path / "archive"), "--no-embed", "--json").returncode == 0


def test_readers_never_see_a_half_imported_document(tmp_path):
    corpus = _corpus(tmp_path / "kho", 400)
    archive = tmp_path / "archive"
    Archive.open(archive).close()
    proc = subprocess.Popen([*CLI, "import", str(corpus), "--archive", str(archive), "--workers", "2", "--no-embed"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen_counts = set()
    with Archive.open(archive, create=False) as reader:
        while proc.poll() is None:
            reader.conn.execute("BEGIN")  # one consistent snapshot per look
            docs = reader.conn.execute("SELECT id, parsed FROM documents").fetchall()
            for doc_id, parsed in docs:
                cites = reader.conn.execute("SELECT count(*) FROM citations WHERE doc_id = ?", (doc_id,)).fetchone()[0]
                srcs = reader.conn.execute("SELECT count(*) FROM sources WHERE doc_id = ?", (doc_id,)).fetchone()[0]
                assert cites == len(json.loads(parsed)["citations"]) and srcs >= 1, doc_id
            reader.conn.execute("COMMIT")
            seen_counts.add(len(docs))
            time.sleep(0.05)
    assert proc.wait() == 0, proc.stderr.read().decode()
    assert len(seen_counts) > 1  # the reader really looked while the import was writing
    with Archive.open(archive, create=False) as done:
        assert done.count() == 400


def _limit_file_size(limit: int):
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def test_full_disk_gives_a_clear_error_and_keeps_the_archive(tmp_path):
    archive = tmp_path / "archive"
    first = _corpus(tmp_path / "kho1", 5)
    assert _vanthu("import", str(first), "--archive", str(archive), "--no-embed").returncode == 0
    before = Archive.open(archive, create=False)
    rows_before = before.conn.execute("SELECT id, sha256, text FROM documents ORDER BY id").fetchall()
    before.close()
    big = _corpus(tmp_path / "kho2", 300, body_lines=400)  # far more than the 2 MB "disk" allows
    result = _vanthu("import", str(big), "--archive", str(archive), "--workers", "1", "--no-embed",
                     preexec_fn=_limit_file_size(2_000_000))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "disk is full, read-only or failing" in result.stderr
    with Archive.open(archive, create=False) as after:
        assert [r[0] for r in after.conn.execute("PRAGMA integrity_check")] == ["ok"]
        kept = after.conn.execute("SELECT id, sha256, text FROM documents WHERE id IN (%s) ORDER BY id"
                                  % ",".join("?" * len(rows_before)), [r[0] for r in rows_before]).fetchall()
        assert [tuple(r) for r in kept] == [tuple(r) for r in rows_before]
        for doc_id, sha in after.conn.execute("SELECT id, sha256 FROM documents"):
            assert after.object_path(sha).exists(), f"{doc_id} has a row but no original"
