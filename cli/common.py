"""Shared pieces of the command line: where the archive is, how results and errors are printed.

Only typer, rich and the standard library are imported here, so that every command starts fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

ArchiveOption = Annotated[
    Optional[Path],
    typer.Option(
        "--archive",
        help="Archive directory (default: $VANTHU_ARCHIVE, else the per-user data directory).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]
RefArgument = Annotated[str, typer.Argument(help="An archive id or a document number (845/UBND-YT).", show_default=False)]
IssuerOption = Annotated[Optional[str], typer.Option("--issuer", help="Narrow an ambiguous number to this issuer.")]
YearOption = Annotated[Optional[int], typer.Option("--year", help="Narrow an ambiguous number to this year.")]


def archive_path(option: Optional[Path]) -> Path:
    """The archive directory: --archive, else $VANTHU_ARCHIVE, else the user data directory."""
    if option is not None:
        return option
    env = os.environ.get("VANTHU_ARCHIVE")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("vanthu")) / "archive"


def open_archive(option: Optional[Path], *, create: bool = False):
    """Open the archive the user chose (library errors become one clear line in main())."""
    from ..archive.store import Archive

    return Archive.open(archive_path(option), create=create)


def print_json(data: Any) -> None:
    """JSON on stdout: UTF-8, not ASCII-escaped, one document."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def print_json_line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def stdout_console():
    from rich.console import Console

    return Console(soft_wrap=False, highlight=False)


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Print one clear line on stderr and return the Exit to raise."""
    sys.stderr.write(f"vanthu: {message}\n")
    return typer.Exit(code)


class stage_progress:
    """A rich progress bar on stderr for one stage (embedding, indexing) when stderr is a terminal.

    Used as ``with stage_progress("embedding") as on_progress``: ``on_progress(p)`` takes anything
    with ``done`` and ``total``; the bar appears at the first report (a stage with nothing to do
    shows none) and is gone when the stage ends. Not a terminal: ``on_progress`` is None.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __enter__(self):
        return self.update if sys.stderr.isatty() else None

    def update(self, p: Any) -> None:
        if self.bar is None:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.bar = Progress(TextColumn(f"[bold]{self.label}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                console=stderr_console(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=p.total)
        self.bar.update(self.task, total=p.total, completed=p.done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
