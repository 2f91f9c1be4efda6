"""`vanthu import` as scripts and cron jobs see it: exit codes, the JSON report, interruptions."""

from __future__ import annotations

import json
import shutil

import pytest

from vanthu.archive.store import Archive

GOOD = "central_chinh-phu_21-NQ-CP_2021-02-26.txt"


@pytest.fixture
def folder(tmp_path, samples_dir):
    """A folder with one directive and one PDF that is not one (random bytes)."""
    root = tmp_path / "kho"
    root.mkdir()
    shutil.copy(samples_dir / "chain" / GOOD, root / GOOD)
    (root / "ban-scan.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 2)
    return root


EXIT_CODES = [
    ([GOOD], [], 0),  # everything imported
    ([GOOD, "ban-scan.pdf"], [], 3),  # done, but a file failed: 3, not 0
    ([GOOD, "ban-scan.pdf"], ["--dry-run"], 3),  # a dry run that would fail a file says so the same way
    (["ban-scan.pdf"], [], 3),  # nothing imported at all: still "done, some files failed"
]


@pytest.mark.parametrize("names, options, code", EXIT_CODES)
def test_exit_code_says_whether_files_failed(folder, tmp_path, vanthu, names, options, code):
    chosen = [str(folder / name) for name in names]
    Archive.open(tmp_path / "archive", create=True).close()  # a dry run needs one to compare with
    got, out, _ = vanthu("import", *chosen, *options, "--no-embed", "--json",
                      "--archive", str(tmp_path / "archive"))
    report = json.loads(out)
    assert got == code
    assert set(report) - {"dry_run"} == {"added", "unchanged", "updated", "failed", "batch"}  # DESIGN's shape


def test_failures_are_listed_with_the_retry_command(folder, tmp_path, vanthu):
    code, _, err = vanthu("import", str(folder), "--no-embed", "--archive", str(tmp_path / "a"))
    assert code == 3 and "1 failed" in err and "ban-scan.pdf" in err and "vanthu import --failed" in err
