"""Processes vanthu starts die with the process that started them.

A killed import (SIGKILL, the out-of-memory killer) cannot end its children: its pool workers wait
on their job queue, Whoosh's writer processes on theirs, a converter runs to its end, each holding
memory and the import's stderr. Each child asks Linux, as it starts, to be killed when its parent
dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``); on other systems nothing changes. SIGKILL, because a
child that is killed prints nothing: the parent, if it was stopped by a signal, has said what was kept.
"""

from __future__ import annotations

import ctypes
import os
import signal
from functools import partial
from typing import Any, Callable

__all__ = ["die_with_parent", "dying_with"]

_PR_SET_PDEATHSIG = 1  # prctl(2)
_PRCTL: list[Any] = []


def _prctl() -> Any:
    """libc's prctl, looked up once (before a fork: a lookup after one may wait on a lock forever);
    None where there is none."""
    if not _PRCTL:
        try:
            _PRCTL.append(ctypes.CDLL(None, use_errno=True).prctl)
        except (OSError, AttributeError):
            _PRCTL.append(None)
    return _PRCTL[0]


def die_with_parent(parent_pid: int) -> None:
    """Called first in a child: be killed when ``parent_pid`` (the process that started it) dies.
    A parent already gone before the request took effect ends the child at once."""
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(1)


def dying_with() -> Callable[[], None]:
    """A ``preexec_fn`` for ``subprocess``: the program it runs dies with the calling process (the
    request survives exec). libc's prctl is looked up here, in the parent."""
    _prctl()
    return partial(die_with_parent, os.getpid())
