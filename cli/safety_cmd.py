"""Keeping an archive safe: backup, restore, rebuild."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import (ArchiveOption, JsonOption, archive_path, fail, open_archive, print_json, stderr_console,
                     stdout_console)


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
    app.command("rebuild")(rebuild_command)


def backup_command(
    dest: Annotated[Path, typer.Argument(help="The backup folder: new, or an earlier backup of this archive.",
                                         show_default=False)],
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Copy the archive to DEST while it is in use: database, originals (only new ones), journal, indexes,
    and a manifest of SHA-256s. DEST is an archive itself: `vanthu check --archive DEST` verifies it."""
    from ..pipeline.backup import backup_archive

    with open_archive(archive) as store:
        report = backup_archive(store, dest)
    if json_:
        print_json(report.to_json())
        return
    stdout_console().print(
        f"backup at {report.path}: {report.files} files, {report.bytes:,} bytes; originals: {report.objects_copied} "
        f"copied, {report.objects_kept} already there; full-text index {report.index}")


def restore_command(
    src: Annotated[Path, typer.Argument(help="A backup made by `vanthu backup`.", show_default=False)],
    verify_only: Annotated[bool, typer.Option("--verify-only", help="Only verify the backup's manifest.")] = False,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Restore the archive from a backup, once every file of it verifies against its manifest (else
    nothing is touched). An archive already there is moved aside, never deleted."""
    from ..pipeline.backup import restore_archive, verify_backup

    if verify_only:
        problems = verify_backup(src)
        if json_:
            print_json({"path": str(src), "ok": not problems, "problems": problems})
        else:
            for line in problems[:20]:
                stdout_console().print(f"[red]FAIL[/red]  {line}")
        if problems:
            raise fail(f"the backup at {src} does not verify ({len(problems)} problems)", 1)
        if not json_:
            stdout_console().print(f"ok  the backup at {src} verifies against its manifest")
        return
    report = restore_archive(src, archive_path(archive))
    if json_:
        print_json(report.to_json())
        return
    kept = f"; the archive that was there is kept in {report.aside}" if report.aside else ""
    stdout_console().print(f"restored to {report.path}: {report.files} files copied, {report.objects_kept} originals "
                           f"already there{kept}; run `vanthu check` to verify it")


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
