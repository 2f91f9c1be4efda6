"""Maintenance commands: check and reindex."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import ArchiveOption, JsonOption, fail, open_archive, print_json, stage_progress, stdout_console


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
    app.command("reindex")(reindex_command)


def check_command(
    repair: Annotated[bool, typer.Option("--repair", help="Derive damaged rows again from their originals, "
                                                   "rebuild stale or damaged indexes, remove leftover temporary files.")] = False,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Verify the database, every original's SHA-256, every document row against its seal, the
    decisions journal, and the indexes against the archive; --repair derives or rebuilds what it can."""
    from ..pipeline.check import check_archive

    with open_archive(archive) as store:
        report = check_archive(store, repair=repair)
    if json_:
        print_json(report.to_json())
    else:
        out = stdout_console()
        for f in report.findings:
            mark = "[green]ok[/green]" if f.ok else ("[yellow]repaired[/yellow]" if f.repaired else "[red]FAIL[/red]")
            out.print(f"{mark:>8}  {f.check}: {f.detail}")
    if not report.ok:
        raise fail("the archive has problems (see above)", 1)


def reindex_command(
    vectors: Annotated[bool, typer.Option("--vectors", help="Also re-embed every document (slow on CPU: "
                                                            "about 4 documents a second on 2 cores).")] = False,
    engine: Annotated[Optional[str], typer.Option(
        "--engine", help="Rebuild the full-text index with this engine (whoosh, tantivy); the archive then uses it.")] = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Rebuild the full-text index (and the graph edges) from the archive; with --vectors the vectors too."""
    from ..pipeline.ingest import reindex

    with open_archive(archive) as store, stage_progress("indexing") as on_index, \
            stage_progress("embedding") as on_embed:
        counts = reindex(store, vectors=vectors, on_embed=on_embed, on_index=on_index, engine=engine)
    if json_:
        print_json(counts)
    else:
        stdout_console().print(", ".join(f"{k}: {v}" for k, v in counts.items()))
