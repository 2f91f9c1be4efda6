"""Semantic commands: embed, related, suggest (issue 6).

The model (torch, sentence-transformers) is imported inside the library calls, never here.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from .common import (ArchiveOption, JsonOption, LimitOption, fail, open_archive, print_json, ref_command,
                     show_results, stage_progress, stderr_console, stdout_console)


class Device(str, Enum):
    cpu = "cpu"
    cuda = "cuda"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("embed")(embed_command)
    app.command("related")(ref_command(related_answer))
    app.command("suggest")(ref_command(suggest_answer))


def embed_command(
    device: Annotated[Optional[Device], typer.Option("--device", help="cpu or cuda (default: cuda when present).",
                                                     show_default=False)] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="A sentence-transformers model name or folder "
                                                                 "(default: $VANTHU_MODEL, else multilingual-e5-small).",
                                                 show_default=False)] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget every vector and embed the whole archive "
                                                            "(needed to change the model).")] = False,
    threads: Annotated[Optional[int], typer.Option("--threads", min=1, help="CPU threads to embed with (default: "
                                                   "every core this process may use).", show_default=False)] = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Give every document a vector for related, semantic search and suggestions: new documents and corrected subjects (resumable: Ctrl-C keeps what is saved; search and import work meanwhile)."""
    from ..index.embed import Embedder
    from ..index.semantic import vector_store
    from ..pipeline.semantic import embed_pending, rebuild_vectors

    embedder = Embedder(model, device=device.value if device else None, threads=threads)
    run = rebuild_vectors if rebuild else embed_pending
    with open_archive(archive) as store, EmbedRate() as on_progress:
        try:
            changed = run(store, embedder, on_progress)
        except KeyboardInterrupt:
            kept = len(vector_store(store))
            raise fail(f"interrupted: {kept} documents have a vector; `vanthu embed` goes on from there", 130)
        total = len(vector_store(store))
    if json_:
        print_json({"changed": changed, "vectors": total, "model": embedder.name})
    else:
        stderr_console().print(f"{changed} vectors made or dropped; {total} documents have a vector ({embedder.name})")


class EmbedRate(stage_progress):
    """The embedding's progress with its rate: a bar with documents/s and the time left on a terminal,
    else (run in the background, its stderr in a log) one line at each save."""

    def __init__(self) -> None:
        super().__init__("embedding")
        self.started: float | None = None
        self.first = 0

    def __enter__(self):
        return self.update if sys.stderr.isatty() else self.line

    def update(self, p: Any) -> None:
        if self.bar is None:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.bar = Progress(TextColumn("[bold]embedding"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"),
                                TimeRemainingColumn(), console=stderr_console(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("embedding", total=p.total, rate="")
        self.bar.update(self.task, total=p.total, completed=p.done, rate=self._rate(p) or "")

    def line(self, p: Any) -> None:
        rate = self._rate(p)
        if p.done and rate:
            sys.stderr.write(f"vanthu: embedded {p.done}/{p.total} documents, {rate}\n")
            sys.stderr.flush()

    def _rate(self, p: Any) -> str | None:
        """"3.2 documents/s, about 5 min left", measured since the first report."""
        now = time.monotonic()
        if self.started is None:
            self.started, self.first = now, p.done
            return None
        done, seconds = p.done - self.first, now - self.started
        if done <= 0 or seconds <= 0:
            return None
        per_second = done / seconds
        left = (p.total - p.done) / per_second
        return f"{per_second:.1f} documents/s, about {_duration(left)} left"


def _duration(seconds: float) -> str:
    """ "45 s", "12 min", "3.5 h", "2.1 days"."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def related_answer(store, doc, ref: str, json_: bool, *,
                   limit: LimitOption = 10) -> None:
    """Documents closest in meaning to REF (itself and its other versions left out)."""
    from ..index.semantic import related

    results = related(store, doc.id, limit=limit)
    show_results(dataclasses.replace(results, query=ref), json_)


def suggest_answer(store, doc, ref: str, json_: bool, *,
                   limit: LimitOption = 5) -> None:
    """Candidates from the archive for REF's references that name no single document (no number, external, ambiguous);
    --limit: candidates per reference."""
    from ..pipeline.suggest import Suggestions, suggest_for

    result = Suggestions(ref, doc.id, suggest_for(store, doc, limit=limit))
    if json_:
        print_json(result.to_json())
        return
    _print_suggestions(result)


def _print_suggestions(result) -> None:
    out = stdout_console()
    if not result.groups:
        stderr_console().print(f"{result.ref}: every reference is resolved; nothing to suggest")
        return
    for group in result.groups:
        out.print(f"[bold]“{group.citation_text}”[/bold]", highlight=False, soft_wrap=True)
        if not group.candidates:
            out.print("   no document of the archive fits (body, level, date)")
        for r in group.candidates:
            c = r.candidate
            out.print(f"   ~ {r.score:.3f}  {c.id}  {c.number or '(no number)'} · {c.issuer or '?'} · "
                      f"{c.date.isoformat() if c.date else '—'}", highlight=False, soft_wrap=True)
    stderr_console().print("suggestions only: confirm one with `vanthu link SRC DST`")
