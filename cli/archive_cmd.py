"""Archive commands: import, batches, undo, show, stats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, List, Optional

import typer

from .common import (ArchiveOption, IssuerOption, JsonOption, RefArgument, YearOption, archive_path, fail,
                     open_archive, opened_document, print_json, stage_progress, stderr_console, stdout_console)


SOME_FAILED = 3  # exit status of an import that finished with files it could not import


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("batches")(batches_command)
    app.command("undo")(undo_command)
    app.command("show")(show_command)
    app.command("correct")(correct_command)
    app.command("stats")(stats_command)


def import_command(
    paths: Annotated[Optional[List[Path]], typer.Argument(help="Files, folders or .zip archives.", show_default=False)] = None,
    metadata: Annotated[Optional[Path], typer.Option("--metadata", help="CSV of corrections: path + fields.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Worker processes (default: all cores).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would happen; write nothing.")] = False,
    no_embed: Annotated[bool, typer.Option("--no-embed", help="Skip the semantic embedding stage.")] = False,
    failed: Annotated[Optional[str], typer.Option("--failed", help="Retry the failed files of this BATCH.")] = None,
    keep_non_directives: Annotated[bool, typer.Option(
        "--keep-non-directives", help="Import files with no trace of a directive (a README) instead of skipping them.")] = False,
    from_parquet: Annotated[Optional[Path], typer.Option(
        "--from-parquet", help="Load the output of `vanthu spark-import` (instead of reading files).")] = None,
    engine: Annotated[Optional[str], typer.Option(
        "--engine", help="Full-text engine of a new archive: whoosh (default) or tantivy (large archives).")] = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Import documents (any mix of .txt .md .docx .doc .pdf .html .rtf and .zip) into the archive."""
    from ..pipeline.ingest import ingest, ingest_parquet, retry
    from ..pipeline.interrupt import ImportInterrupted, stop_on_signals

    if not paths and not failed and not from_parquet:
        raise fail("give files or folders to import, or --failed BATCH, or --from-parquet DIR", 2)
    if from_parquet and (paths or failed or metadata or dry_run or workers or keep_non_directives):
        raise fail("--from-parquet loads what the Spark job read and parsed: give it alone (its files, "
                   "workers and --keep-non-directives were the job's; --metadata, --dry-run and --failed apply "
                   "to a plain import)", 2)

    store = open_archive(archive, create=not dry_run)
    with stop_on_signals():
        try:
            with store, _progress() as on_progress, stage_progress("indexing") as on_index, \
                    stage_progress("embedding") as on_embed:
                stages = dict(embed=not no_embed, on_embed=on_embed, on_index=on_index,
                              keep_non_directives=keep_non_directives)
                if from_parquet:
                    report = ingest_parquet(store, from_parquet, on_progress=on_progress, embed=not no_embed,
                                            on_embed=on_embed, on_index=on_index, engine=engine)
                elif failed:
                    report = retry(store, failed, metadata=metadata, workers=workers, on_progress=on_progress,
                                   **stages)
                else:
                    report = ingest(store, paths or [], metadata=metadata, workers=workers, dry_run=dry_run,
                                    on_progress=on_progress, engine=engine, **stages)
        except ImportInterrupted as stop:
            _print_interrupted(stop, archive_path(archive), json_)
            raise typer.Exit(stop.exit_code) from None
    if json_:
        print_json(report.to_json())
    else:
        _print_import(report)
    if report.failed:  # done, but not everything: scripts and cron jobs must notice
        raise typer.Exit(SOME_FAILED)


class _progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.bar = Progress(
            TextColumn("[bold]importing"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:>6.1f} files/s"), TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=stderr_console(), transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("import", total=None, rate=0.0, failed=0)
        return self.update

    def update(self, p) -> None:
        task = self.bar.tasks[0]
        rate = p.done / task.elapsed if task.elapsed else 0.0
        self.bar.update(self.task, total=p.total, completed=p.done, rate=rate, failed=p.failed)

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "bar"):
            self.bar.stop()


def _print_import(report) -> None:
    err = stderr_console()
    head = "dry run: would import" if report.dry_run else f"batch {report.batch}:"
    err.print(f"{head} {report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
              f"{len(report.failed)} failed" + (" (resumed)" if report.resumed else ""))
    for f in report.failed:
        err.print(f"  [red]failed[/red] {f.path}: {f.error}", markup=True, highlight=False)
    for f in report.not_directives:
        err.print(f"  [yellow]skipped[/yellow] {f.path}: {f.error} (import it with --keep-non-directives)",
                  markup=True, highlight=False)
    for note in report.notes:
        err.print(f"  note: {note}")
    if report.failed and report.batch:
        err.print(f"  export the failures: vanthu batches {report.batch} --csv failures.csv; "
                  f"retry them: vanthu import --failed {report.batch}")


# What was left undone when an import stopped at each stage, and the command that does it.
_LEFT = {
    "import": ("the rest of the files", None),
    "index": ("the full-text index for some of them (search does not find those yet)", ["check", "--repair"]),
    "embed": ("vectors for some of them (related and semantic search lack those)", ["embed"]),
}


def _print_interrupted(stop, where: Path, json_: bool) -> None:
    """What an interrupted import did, what it left, and the exact command that finishes the job
    (for files not yet read: the same import again, which resumes its batch)."""
    import shlex
    import signal

    report = stop.report
    left, command = _LEFT[stop.stage]
    finish = (shlex.join(["vanthu", *sys.argv[1:]]) if command is None
              else shlex.join(["vanthu", *command, "--archive", str(where)]))
    if json_:
        print_json({**report.to_json(), "interrupted": {
            "signal": signal.Signals(stop.signum).name, "stage": stop.stage, "indexed": stop.indexed, "finish": finish}})
    name = "Ctrl-C" if stop.signum == signal.SIGINT else signal.Signals(stop.signum).name
    if stop.stage == "import":
        left += "; the full-text index " + ("holds the documents committed" if stop.indexed
                                            else "does not hold the documents committed yet")
    out = stderr_console()
    out.print(f"vanthu: stopped by {name}. Batch {report.batch}: {report.added} added, {report.updated} updated, "
              f"{report.unchanged} unchanged, {len(report.failed)} failed, committed to the archive.",
              markup=False, highlight=False, soft_wrap=True)
    out.print(f"  left to do: {left}", markup=False, highlight=False, soft_wrap=True)
    out.print(f"  finish the job: {finish}", markup=False, highlight=False, soft_wrap=True)  # one line to paste


def batches_command(
    batch: Annotated[Optional[str], typer.Argument(help="Show this batch's failures.")] = None,
    csv_out: Annotated[Optional[Path], typer.Option("--csv", help="Write the batch's failures as CSV.")] = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """List import batches, or one batch's failures (optionally as a CSV to fix and re-import)."""
    from ..pipeline.importer import batch_failures, list_batches

    with open_archive(archive) as store:
        if batch is None:
            rows = list_batches(store)
            if json_:
                print_json(rows)
                return
            _print_batches(rows)
            return
        failures = batch_failures(store, batch)
    if csv_out is not None:
        _write_failures_csv(csv_out, failures)
        stderr_console().print(f"wrote {len(failures)} failure(s) to {csv_out}")
    if json_:
        print_json([{"path": f.path, "error": f.error} for f in failures])
    elif csv_out is None:
        for f in failures:
            sys.stdout.write(f"{f.path}\t{f.error}\n")


def _print_batches(rows: list[dict[str, Any]]) -> None:
    """A batch a few lines: its id first and whole (what `undo` and `import --failed` take), when
    and how it ended, what it did (counts that are not zero), then its paths, one a line."""
    from rich.padding import Padding
    from rich.text import Text

    out = stdout_console()
    for r in rows:
        counts = [f"{r[k]} {k}" for k in ("added", "updated", "unchanged", "failed") if r[k]] or ["nothing imported"]
        started = (r["started_at"] or "")[:16].replace("T", " ")
        head = Text(r["id"], style="bold")
        head.append(f"  {r['status']}  {started} UTC  {', '.join(counts)}")
        out.print(head)
        for root in r["roots"]:
            out.print(Padding(Text(root, overflow="fold"), (0, 0, 0, 4), expand=False))


def _write_failures_csv(path: Path, failures) -> None:
    import csv

    from ..pipeline.metadata import FIELDS

    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["path", "error", *FIELDS])
        for f in failures:
            writer.writerow([f.path, f.error, *[""] * len(FIELDS)])


def undo_command(
    batch: Annotated[str, typer.Argument(help="The batch to undo (see `vanthu batches`).")],
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Remove what an import batch added; documents also brought by other batches stay."""
    from ..pipeline.ingest import undo

    with open_archive(archive) as store:
        report = undo(store, batch)
    _print_undone(report, json_)


def _print_undone(report, json_: bool) -> None:
    if json_:
        print_json(report.to_json())
        return
    stderr_console().print(f"batch {report.batch} undone: {len(report.removed)} removed, {len(report.kept)} kept "
                           f"(also in other batches), {len(report.restored)} earlier versions restored")


def show_command(
    ref: Annotated[str, typer.Argument(help="An archive id or a document number (845/UBND-YT).")],
    issuer: IssuerOption = None,
    year: YearOption = None,
    text: Annotated[bool, typer.Option("--text/--no-text", help="Print the document's text.")] = True,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Show a document: metadata, provenance, citations and text."""
    from ..archive.store import document_json

    with opened_document(archive, ref, issuer=issuer, year=year) as (_, doc):
        if json_:
            print_json(document_json(doc, with_text=text))
        else:
            _print_show(doc, with_text=text)


def _print_show(doc, *, with_text: bool) -> None:
    from rich.markup import escape

    out = stdout_console()
    meta = doc.meta
    out.print(f"[bold]{escape(meta.doc_type or 'Văn bản')} {escape(meta.number or '(không số)')}[/bold]  [dim]{doc.id}[/dim]")
    rows = [
        ("Cơ quan ban hành", meta.issuer), ("Cấp", meta.issuer_level.value if meta.issuer_level else None),
        ("Cơ quan cấp trên", meta.parent_body), ("Địa danh", meta.place),
        ("Ngày", meta.date.isoformat() if meta.date else (str(meta.year) if meta.year else None)),
        ("Trích yếu", meta.subject), ("Độ khẩn", meta.urgency), ("Kính gửi", "; ".join(meta.recipients) or None),
        ("Người ký", " — ".join(x for x in (meta.signer_title, meta.signer) if x) or None),
        ("Nguồn", ", ".join(doc.sources)), ("Định dạng", f"{doc.format} ({doc.encoding or '-'}, {doc.reader})"),
        ("Sửa bởi văn thư", ", ".join(sorted(doc.overrides)) or None),
        ("Phiên bản mới hơn", doc.superseded_by), ("Thay phiên bản", doc.supersedes),
    ]
    for label, value in rows:
        if value:
            out.print(f"  [cyan]{label}:[/cyan] {escape(str(value))}")
    if meta.citations:
        out.print("  [cyan]Văn bản được dẫn chiếu:[/cyan]")
        for c in meta.citations:
            what = " ".join(x for x in (c.doc_type, c.number or c.name) if x)
            when = c.date.isoformat() if c.date else ""
            out.print(f"    - [{c.relation.value}] {escape(what)} {when} {escape(c.issuer or '')}")
    if with_text:
        out.print()
        out.print(escape(doc.text))


def correct_command(
    ref: RefArgument,
    field: Annotated[str, typer.Argument(help="number, doc_type, issuer, issuer_level, parent_body, place, date, year, "
                                              "subject, urgency, signer, signer_title or recipients.", show_default=False)],
    value: Annotated[str, typer.Argument(help="The right value (recipients: several separated by ';').", show_default=False)],
    by: Annotated[Optional[str], typer.Option("--by", help="Who corrects (default: $VANTHU_USER, else the system user).")] = None,
    issuer: IssuerOption = None,
    year: YearOption = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Correct one field of a document: kept over any re-import, journaled with when and by whom."""
    from ..pipeline.correct import correct_field
    from ..pipeline.metadata import convert_field

    convert_field(field, value)  # a bad field or value says so before the archive is opened
    with opened_document(archive, ref, issuer=issuer, year=year) as (store, doc):
        result = correct_field(store, doc.id, field, value, by=by)
    if json_:
        print_json(result.to_json())
        return
    shown = "; ".join(result.value) if isinstance(result.value, list) else result.value
    if not result.changed:
        stderr_console().print(f"{result.id}: {field} already corrected to {shown!s}; nothing changed",
                               markup=False, highlight=False)
        return
    stderr_console().print(f"{result.id}: {field} = {shown!s} (was {result.previous}), by {result.by} at {result.at}",
                           markup=False, highlight=False, soft_wrap=True)
    if result.reembed:
        stderr_console().print("  the subject changed: `vanthu embed` makes its vector again", markup=False,
                               highlight=False)


def stats_command(archive: ArchiveOption = None, json_: JsonOption = False) -> None:
    """Counts of the archive: by type, level, issuer, year; formats, encodings, failures."""
    from ..pipeline.stats import stats_json

    with open_archive(archive) as store:
        stats = stats_json(store)
    if json_:
        print_json(stats)
        return
    out = stdout_console()
    out.print(f"[bold]{stats['documents']}[/bold] documents ({stats['versions']} older versions), "
              f"{stats['citations']} citations, {stats['batches']} batches, {stats['failures']} failed files; "
              f"full-text engine: {stats['fulltext_engine']}")
    for key, title in (("by_type", "by type"), ("by_level", "by level"), ("by_year", "by year"),
                       ("by_issuer", "top issuers"), ("formats", "formats"), ("encodings", "encodings")):
        if stats[key]:
            out.print(f"[cyan]{title}:[/cyan] " + ", ".join(f"{k} {v}" for k, v in stats[key].items()))
