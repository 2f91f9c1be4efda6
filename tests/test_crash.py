"""Crash safety: `vanthu import` killed with SIGKILL at random moments, then run again, must leave
exactly the archive an uninterrupted import leaves — no document lost, duplicated or half-written,
and the full-text index in step (or detectably stale and repaired by the re-run)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from vanthu.archive.store import Archive
from vanthu.index.sync import fulltext_status

TRIALS = int(os.environ.get("VANTHU_CRASH_TRIALS", "20"))
DOCS = 120


def _corpus(root: Path) -> Path:
    from benchmarks.generator import write_corpus

    write_corpus(root, DOCS, seed=7)
    return root


def _run_import(corpus: Path, archive: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from vanthu.cli.app import main; main()",
           "import", str(corpus), "--archive", str(archive), "--workers", "2", "--no-embed", "--json"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _snapshot(path: Path) -> dict:
    """Everything an import is responsible for, in a form two archives can be compared by."""
    with Archive.open(path, create=False) as arc:
        q = arc.conn.execute
        docs = sorted(tuple(r) for r in q(
            "SELECT sha256, number, issuer, date, subject, text, "
            "(SELECT sha256 FROM documents p WHERE p.id = d.superseded_by) FROM documents d"))
        sources = sorted(tuple(r) for r in q(
            "SELECT d.sha256, s.path FROM sources s JOIN documents d ON d.id = s.doc_id"))
        cites = sorted(tuple(r) for r in q(
            'SELECT d.sha256, c.seq, c.number, c.date, c.issuer, c.relation, c.start, c."end" '
            "FROM citations c JOIN documents d ON d.id = c.doc_id"))
        originals = all(arc.object_path(r[0]).read_bytes() and True for r in docs)
        status = fulltext_status(arc)
        failures = sorted({r[0] for r in q("SELECT path FROM failures")})
        return {"docs": docs, "sources": sources, "citations": cites, "originals": originals,
                "fulltext_ok": status.ok, "failures": failures}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _corpus(tmp_path_factory.mktemp("kho"))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    archive = tmp_path_factory.mktemp("ref") / "archive"
    proc = _run_import(corpus, archive)
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()
    snap = _snapshot(archive)
    assert len(snap["docs"]) >= DOCS * 0.9 and snap["fulltext_ok"]
    return snap


def _trial(corpus: Path, archive: Path, delay: float) -> tuple[bool, dict]:
    """Kill an import after ``delay`` seconds, run it again; (was it really killed, final state)."""
    proc = _run_import(corpus, archive)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    rerun = _run_import(corpus, archive)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read().decode()
    return killed, _snapshot(archive)


@pytest.mark.slow
def test_sigkill_at_random_moments_then_rerun_equals_uninterrupted(corpus, reference, tmp_path):
    rng = random.Random(20261123)
    # A whole import takes about 3 s here (process start ≈ 0.5 s): kill anywhere in it.
    delays = [rng.uniform(0.3, 3.0) for _ in range(TRIALS)]
    # Trials mostly wait on process start-up and sleeps, so four run at a time.
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(lambda t: _trial(corpus, tmp_path / f"trial{t}", delays[t]), range(TRIALS)))
    differing = [t for t, (_, snap) in enumerate(outcomes) if snap != reference]
    assert not differing, f"trials {differing} differ from an uninterrupted import"
    killed = sum(k for k, _ in outcomes)
    assert killed >= TRIALS * 0.75, f"only {killed} of {TRIALS} imports were killed mid-run"
