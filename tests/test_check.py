"""`vanthu check [--repair]`: a clean archive passes; a damaged or deleted full-text index is
found and rebuilt from the archive with nothing lost; a tampered or missing original is a
failure that --repair never pretends to fix; stale graph edges are found and rebuilt."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vanthu.archive.store import Archive
from vanthu.pipeline.check import check_archive
from vanthu.graph.edges import rebuild_edges
from vanthu.pipeline.check import check_graph
from vanthu.pipeline.ingest import ingest

CLI = [sys.executable, "-c", "from vanthu.cli.app import main; main()"]
QUERIES = ["tiem vac xin", "phòng, chống dịch Covid-19", "845/UBND-YT", "Bình Xuyên"]


def _vanthu(archive: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args, "--archive", str(archive)], capture_output=True, text=True, timeout=300)


def _check(archive: Path, *args: str) -> tuple[int, dict]:
    result = _vanthu(archive, "check", "--json", *args)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def _finding(report: dict, check: str) -> dict:
    return next(f for f in report["findings"] if f["check"] == check)


def _searches(archive: Path) -> list[dict]:
    queries = archive.parent / "queries.txt"
    queries.write_text("\n".join(QUERIES) + "\n", encoding="utf-8")
    result = _vanthu(archive, "search", "--queries", str(queries), "--json", "--limit", "50")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(QUERIES) and all(a["total"] for a in answers)
    return answers


@pytest.fixture(scope="module")
def built(tmp_path_factory, samples_dir):
    """An archive of the samples (chain and seeds) with its index, and the searches' answers."""
    root = tmp_path_factory.mktemp("check") / "archive"
    with Archive.open(root) as archive:
        ingest(archive, [samples_dir / "chain", samples_dir / "seeds"], workers=1)
        rebuild_edges(archive)
    return root, _searches(root)


@pytest.fixture
def archive(built, tmp_path):
    """A private copy of the built archive, free to damage."""
    root, _ = built
    copy = tmp_path / "archive"
    shutil.copytree(root, copy)
    return copy


def test_clean_archive_passes_with_every_check_named(archive):
    code, report = _check(archive)
    assert code == 0 and report["ok"] is True
    assert {"database", "originals", "fulltext"} <= {f["check"] for f in report["findings"]}
    for finding in report["findings"]:
        assert set(finding) == {"check", "ok", "detail", "repaired"}
        assert finding["ok"] is True and finding["repaired"] is False and finding["detail"]
    assert "17 originals verified against SHA-256" in _finding(report, "originals")["detail"]


def test_text_report_marks_each_check(archive):
    result = _vanthu(archive, "check")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines() if line.strip()][:3] == ["ok"] * 3


def _garble_index(archive: Path) -> None:
    for path in (archive / "fulltext").iterdir():
        if path.is_file():
            path.write_bytes(b"\x00garbage" * 64)


def _delete_index(archive: Path) -> None:
    shutil.rmtree(archive / "fulltext")


def _truncate_segments(archive: Path) -> None:
    for path in (archive / "fulltext").glob("*.seg"):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _drop_toc(archive: Path) -> None:
    for path in (archive / "fulltext").glob("*.toc"):
        path.unlink()


@pytest.mark.parametrize("damage", [
    _garble_index,        # every index file overwritten with garbage
    _delete_index,        # the whole directory gone
    _truncate_segments,   # segments cut short, as by a crash while copying a backup
    _drop_toc,            # the table of contents gone, the segments still there
])
def test_damaged_fulltext_index_is_found_and_rebuilt_with_nothing_lost(built, archive, damage):
    _, answers = built
    damage(archive)
    code, report = _check(archive)
    assert code == 1 and report["ok"] is False
    assert _finding(report, "fulltext")["ok"] is False
    assert _finding(report, "originals")["ok"] is True  # the archive itself is untouched
    code, report = _check(archive, "--repair")
    assert code == 0 and report["ok"] is True
    assert _finding(report, "fulltext")["repaired"] is True
    assert _searches(archive) == answers
    assert _check(archive)[0] == 0


def _first_original(archive: Path) -> Path:
    with Archive.open(archive, create=False) as store:
        sha = store.conn.execute("SELECT sha256 FROM documents ORDER BY id LIMIT 1").fetchone()[0]
        return store.object_path(sha)


@pytest.mark.parametrize("tamper, words", [
    (lambda p: p.write_bytes(p.read_bytes().replace("UBND".encode(), b"UBNN", 1)), "altered (SHA-256 mismatch)"),
    (lambda p: p.write_bytes(p.read_bytes() + b"\n"), "altered (SHA-256 mismatch)"),  # one byte appended
    (lambda p: p.unlink(), "original missing"),
])
def test_tampered_original_fails_and_is_never_repaired(archive, tamper, words):
    original = _first_original(archive)
    tamper(original)
    after_tamper = original.read_bytes() if original.exists() else None
    for args in ((), ("--repair",)):
        code, report = _check(archive, *args)
        finding = _finding(report, "originals")
        assert code == 1 and report["ok"] is False
        assert finding["ok"] is False and finding["repaired"] is False
        assert words in finding["detail"] and "1 of 17 originals damaged" in finding["detail"]
    assert (original.read_bytes() if original.exists() else None) == after_tamper


def test_text_report_says_fail_and_exits_1(archive):
    _first_original(archive).write_bytes(b"khac")
    result = _vanthu(archive, "check")
    assert result.returncode == 1
    assert "FAIL  originals" in result.stdout
    assert result.stderr.strip() == "vanthu: the archive has problems (see above)"


def test_pending_rows_are_synced_by_repair(archive):
    # A crash between the index commit and the rows' marks leaves them pending: detectably stale.
    with Archive.open(archive, create=False) as store:
        store.conn.execute("UPDATE documents SET fulltext_indexed = 0")
    code, report = _check(archive)
    assert code == 1 and "17 pending" in _finding(report, "fulltext")["detail"]
    code, report = _check(archive, "--repair")
    assert code == 0 and _finding(report, "fulltext")["repaired"]
    assert _check(archive)[0] == 0


def test_stale_graph_edges_are_found_and_rebuilt(archive):
    with Archive.open(archive, create=False) as store:
        assert check_graph(store, False).ok
        resolved = store.conn.execute("SELECT count(*) FROM edges WHERE dst IS NOT NULL").fetchone()[0]
        with store.transaction() as conn:
            conn.execute("DELETE FROM edges WHERE id IN (SELECT id FROM edges ORDER BY id LIMIT 3)")
            conn.execute("UPDATE edges SET dst = 'khongco' WHERE id = (SELECT max(id) FROM edges)")
        found = check_graph(store, False)
        assert not found.ok and "3 citations without an edge" in found.detail
        assert "1 edges naming a document that is gone" in found.detail
        with store.write_lock():
            fixed = check_graph(store, True)
        assert fixed.repaired and check_graph(store, False).ok
        assert store.conn.execute("SELECT count(*) FROM edges WHERE dst IS NOT NULL").fetchone()[0] == resolved


def test_vanthu_check_runs_the_graph_check(archive):
    code, report = _check(archive)
    assert "graph" in {f["check"] for f in report["findings"]}


def test_library_repair_holds_the_write_lock(archive):
    from vanthu.archive.errors import ArchiveBusy

    _delete_index(archive)
    with Archive.open(archive, create=False) as holder, holder.write_lock():
        with Archive.open(archive, create=False) as store, pytest.raises(ArchiveBusy):
            check_archive(store, repair=True)
    assert not (archive / "fulltext").exists() or not any((archive / "fulltext").iterdir())
