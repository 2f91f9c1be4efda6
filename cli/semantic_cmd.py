"""Semantic commands: embed, related, suggest (issue 6).

The model (torch, sentence-transformers) is imported inside the library calls, never here.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Annotated, Optional

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
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Give every document a vector for related, semantic search and suggestions: new documents and corrected subjects (resumable: Ctrl-C keeps what is saved)."""
    from ..index.embed import Embedder
    from ..index.semantic import vector_store
    from ..pipeline.semantic import embed_pending, rebuild_vectors

    embedder = Embedder(model, device=device.value if device else None)
    run = rebuild_vectors if rebuild else embed_pending
    with open_archive(archive) as store, stage_progress("embedding") as on_progress:
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
