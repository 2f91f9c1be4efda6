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
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


# 1. Bounds per file --------------------------------------------------------------------------


def test_parsing_is_bounded_in_time_and_says_so(tmp_path):
    # Reading 2 MB of UTF-8 takes about 10 ms; parsing its 20,000 citations about a second.
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "dai.txt").write_text(DISPATCH.format(n=1) + CITING_LINE * 20_000, encoding="utf-8")
    (folder / "ngan.txt").write_text(DISPATCH.format(n=2), encoding="utf-8")
    with Archive.open(tmp_path / "archive") as archive:
        report = import_paths(archive, [folder], workers=1, limits=Limits(max_seconds=0.3))
    assert [(f.path, f.error) for f in report.failed] == [
        ("kho/dai.txt", "parsing took longer than the limit of 0.3 s")]
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
