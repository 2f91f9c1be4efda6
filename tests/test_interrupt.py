"""Ctrl-C and SIGTERM during `vanthu import` (issue 13, item 4): the chunk in hand is committed
whole or not at all, the committed documents are searchable (or the user is told they are not),
the exact command that finishes the job is printed, the exit status is 130 or 143, and no process
(pool workers, Whoosh's writer processes) prints a traceback or stays behind."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanthu.archive.store import Archive
from vanthu.index.sync import index_lag

DOCS = 60
# The real command with smaller units, so that a test sees several chunks and a worker pool:
# chunks of 10 documents, a pool from the first file, and (TRIGGER) a marker file and a pause
# at a chosen stage, so that the signal lands there.
RUNNER = """
import os, pathlib, sys, time
import vanthu.pipeline.importer as importer, vanthu.index.sync as sync, vanthu.index.fulltext as fulltext
importer.CHUNK, importer.INLINE_BELOW, sync.PARALLEL_FROM = 10, 0, 1
mark, stage = pathlib.Path(os.environ["MARK"]), os.environ["STAGE"]
def pausing(real):
    def wrapper(*args, **kwargs):
        mark.touch(); time.sleep(0.3)
        return real(*args, **kwargs)
    return wrapper
if stage == "import":
    importer._store = pausing(importer._store)
else:
    fulltext._fields = pausing(fulltext._fields)
from vanthu.cli.app import main
main()
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from benchmarks.generator import write_corpus

    root = tmp_path_factory.mktemp("kho")
    write_corpus(root, DOCS, seed=3)
    return root


def _start(args: list[str], mark: Path, stage: str) -> subprocess.Popen:
    env = {**os.environ, "MARK": str(mark), "STAGE": stage}
    return subprocess.Popen([sys.executable, "-c", RUNNER, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _import_until(stage: str, corpus: Path, archive: Path, mark: Path) -> subprocess.Popen:
    """An import with two workers, half a second into the stage it pauses at."""
    args = ["import", str(corpus), "--archive", str(archive), "--no-embed", "--workers", "2"]
    proc = _start(args, mark, stage)
    deadline = time.monotonic() + 120
    while not mark.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    return proc


def _running_in_group(pgid: int) -> list[str]:
    """The processes of the group still running (an exited one waiting to be reaped does not count)."""
    ps = subprocess.run(["ps", "-o", "stat=,args=", "-g", str(pgid)], capture_output=True, text=True).stdout
    return [line for line in ps.splitlines() if line.strip() and not line.strip().startswith("Z")]


CASES = [
    # (signal, sent to, stage it lands in, exit status, what is left and the command that finishes it)
    (signal.SIGINT, "group", "import", 130, "vanthu import"),  # Ctrl-C reaches the pool workers too
    (signal.SIGTERM, "main", "import", 143, "vanthu import"),  # kill PID, as a service manager does
    (signal.SIGINT, "group", "index", 130, "vanthu check --repair"),  # Whoosh's writer processes get it too
    (signal.SIGTERM, "main", "index", 143, "vanthu check --repair"),  # a service manager stops it while indexing
]


@pytest.mark.parametrize("signum, target, stage, status, finish", CASES)
def test_interrupted_import_reports_and_can_be_finished(corpus, tmp_path, signum, target, stage, status, finish):
    archive = tmp_path / "archive"
    proc = _import_until(stage, corpus, archive, tmp_path / "mark")
    if target == "group":
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    out, err = proc.communicate(timeout=120)
    time.sleep(0.5)
    assert proc.returncode == status, err
    assert "Traceback" not in err and "Error" not in err, err  # from no process of the group
    assert _running_in_group(proc.pid) == []  # no writer process or pool worker left behind
    name = "Ctrl-C" if signum == signal.SIGINT else "SIGTERM"
    assert f"stopped by {name}" in err
    command = err.split("finish the job: ", 1)[1].strip()
    assert command.startswith(finish)
    with Archive.open(archive, create=False) as store:
        count = store.count()
        lag = index_lag(store)
    if stage == "import":
        assert count % 10 == 0 and count < DOCS  # whole chunks only; the one being read is not half-written
        assert f"{count} added" in err and lag == 0  # and the index holds them: they can be searched
    else:
        assert count == DOCS and lag > 0
    words = shlex.split(command)
    done = subprocess.run([sys.executable, "-c", "from vanthu.cli.app import main; main()", *words[1:]],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Archive.open(archive, create=False) as store:
        assert store.count() == DOCS and index_lag(store) == 0


def test_search_says_when_the_index_lags(corpus, tmp_path):
    archive = tmp_path / "archive"
    subprocess.run([sys.executable, "-c", "from vanthu.cli.app import main; main()", "import", str(corpus),
                    "--archive", str(archive), "--no-embed"], check=True, capture_output=True)
    with Archive.open(archive, create=False) as store, store.transaction():
        store.conn.execute("UPDATE documents SET fulltext_indexed = 0 WHERE rowid % 3 = 0")  # as a stop leaves it
    search = [sys.executable, "-c", "from vanthu.cli.app import main; main()", "search", "phòng", "--archive",
              str(archive)]
    err = subprocess.run(search, capture_output=True, text=True).stderr
    lines = [line for line in err.splitlines() if "behind the archive" in line]
    assert len(lines) == 1 and f"vanthu check --repair --archive {archive}" in lines[0]
    fix = shlex.split(lines[0].split("to bring it up to date: ")[1])
    subprocess.run([sys.executable, "-c", "from vanthu.cli.app import main; main()", *fix[1:]], check=True,
                   capture_output=True)
    assert "behind the archive" not in subprocess.run(search, capture_output=True, text=True).stderr


@pytest.mark.parametrize("stage", [
    "import",  # pool workers reading files, and multiprocessing's resource tracker
    "index",  # Whoosh's writer processes
])
def test_a_killed_import_leaves_no_process_behind(corpus, tmp_path, stage):
    # SIGKILL (the out-of-memory killer, `kill -9`) gives the import no chance to end its children:
    # each must die with it, or they wait on their job queue forever, holding memory and its stderr.
    archive = tmp_path / "archive"
    proc = _import_until(stage, corpus, archive, tmp_path / "mark")
    assert len(_running_in_group(proc.pid)) > 1  # its children are running when it is killed
    proc.kill()
    proc.wait()
    left = _running_in_group(proc.pid)
    deadline = time.monotonic() + 10
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = _running_in_group(proc.pid)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    assert left == []
    proc.communicate(timeout=30)  # and nothing holds its output open
