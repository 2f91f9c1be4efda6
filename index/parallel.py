"""Whoosh's parallel index writer, with writer processes that die with their parent.

Whoosh's writer processes wait on a job queue for the parent's next batch; when the parent
is killed (SIGKILL, the out-of-memory killer) they wait forever. An import killed during its
full-text sync would leave them behind, holding memory. Here each asks Linux, as it starts,
to be killed with its parent (``prctl(PR_SET_PDEATHSIG)``); on other systems nothing changes.
A cancelled writer (an interrupted import) ends its processes, which leave signals to the parent.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from .._children import die_with_parent

__all__ = ["ParallelWriter", "available"]


class ParallelWriter(MpWriter):
    """``MpWriter`` (``index.writer(procs=N)``) whose writer processes die with it."""

    def cancel(self) -> None:
        """Whoosh's cancel only flags its own copies of the writer processes; end the processes too
        (else they wait on their job queue, and the parent waits for them as it exits)."""
        try:
            for task in self.tasks:
                if task.is_alive():
                    task.terminate()
                task.join()
        finally:
            super().cancel()

    def _new_task(self) -> SubWriterTask:
        task = _SubWriter(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                          self.multisegment)
        self.tasks.append(task)
        # Started with Ctrl-C and SIGTERM blocked: until it has its own dispositions (in run), the
        # process runs the parent's handlers, which would raise in it; the parent gets them after.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            task.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        return task


class _SubWriter(SubWriterTask):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.parent_pid = os.getpid()  # set in the parent, before the fork

    def run(self) -> None:
        die_with_parent(self.parent_pid)
        # Forked with the parent's signal handlers: Ctrl-C (sent to the whole process group) is the
        # parent's to act on, and SIGTERM from cancel() ends this process without a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        super().run()


_AVAILABLE: list[bool] = []


def available() -> bool:
    """Whether this system can run the parallel writer: POSIX semaphores for its queues (some
    containers have no /dev/shm) and fork. Checked once, before any writer takes the index lock."""
    if not _AVAILABLE:
        import multiprocessing

        try:
            multiprocessing.Lock()
            ok = "fork" in multiprocessing.get_all_start_methods()
        except (OSError, ImportError):
            ok = False
        _AVAILABLE.append(ok)
    return _AVAILABLE[0]
