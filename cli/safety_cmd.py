"""Keeping an archive safe: rebuild (and, to come in this module, backup and restore)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import ArchiveOption, JsonOption, archive_path, print_json, stderr_console, stdout_console


def register(app: typer.Typer) -> None:
    app.command("rebuild")(rebuild_command)


def rebuild_command(
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Processes that read the originals.")] = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Build the archive database again from the originals (objects/) and the decisions journal.

    For a database that is damaged or lost: the old one is moved aside (never deleted), every
    batch is imported again and every librarian decision replayed, then the indexes are rebuilt.
    """
    from ..pipeline.rebuild import rebuild_archive

    err = stderr_console()
    report = rebuild_archive(archive_path(archive), workers=workers, on_step=lambda m: err.print(m))
    if json_:
        print_json(report.to_json())
        return
    out = stdout_console()
    out.print(f"rebuilt: {report.documents} documents from {report.batches} batches, "
              f"{report.decisions} decisions replayed; the old database is kept in {report.aside}")
    out.print(f"vectors: {report.vectors}")
    for line in report.not_applied + report.missing_objects:
        out.print(f"[yellow]not restored[/yellow]  {line}")
