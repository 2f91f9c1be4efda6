"""Stopping a long job cleanly on Ctrl-C (SIGINT) or SIGTERM.

Under :func:`stop_on_signals` (the CLI's long commands), either signal raises :class:`Interrupted`
in the main thread, as Ctrl-C raises KeyboardInterrupt, except inside a :func:`shielded` section
(an import's chunk being committed), where it is held until the section ends: a chunk is then
written whole, or, when the signal comes while its files are still being read, not at all.
Without it (the library used on its own) a shielded section is an ordinary one.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Any, Iterator

__all__ = ["Interrupted", "ImportInterrupted", "stop_on_signals", "shielded", "signum_of", "SIGNALS"]

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A job was asked to stop by a signal (Ctrl-C: SIGINT, or SIGTERM)."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal (130 for Ctrl-C, 143 for SIGTERM)."""
        return 128 + self.signum


class ImportInterrupted(Interrupted):
    """An import stopped by a signal: ``report`` is what it did up to there (every counted
    document committed); ``stage`` is where it stopped ("import", "index" or "embed");
    ``indexed`` whether the full-text index holds what was committed."""

    def __init__(self, signum: int, report: Any, stage: str, indexed: bool = False) -> None:
        super().__init__(signum)
        self.report, self.stage, self.indexed = report, stage, indexed


_STATE: dict[str, Any] = {"shielded": 0, "held": None}


def _raise(signum: int, frame: Any) -> None:
    if _STATE["shielded"]:
        _STATE["held"] = signum
        return
    raise Interrupted(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` while this lasts (main thread only); a signal
    the process was started ignoring (``nohup``, a shell's background job) stays ignored."""
    previous = {s: signal.signal(s, _raise) for s in SIGNALS if signal.getsignal(s) is not signal.SIG_IGN}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        _STATE["held"] = None


@contextmanager
def shielded() -> Iterator[None]:
    """A section that a signal does not cut short: it raises :class:`Interrupted` when the section ends."""
    _STATE["shielded"] += 1
    try:
        yield
    finally:
        _STATE["shielded"] -= 1
    if not _STATE["shielded"] and _STATE["held"] is not None:
        signum, _STATE["held"] = _STATE["held"], None
        raise Interrupted(signum)


def signum_of(stop: BaseException) -> int:
    """The signal behind an interruption (a plain KeyboardInterrupt is Ctrl-C's)."""
    return getattr(stop, "signum", signal.SIGINT)
