"""Citation-graph commands: tree, chain, cited-by, missing, graph export, link, unlink.

Each opens the archive, fetches only the part of the graph it needs (graph.subgraph), and prints.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import (ArchiveOption, IssuerOption, JsonOption, LimitOption, RefArgument, YearOption, fail,
                     open_archive, opened_document, print_json, ref_command, stdout_console)


graph_app = typer.Typer(help="The citation graph as a whole.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("tree")(tree_command)
    app.command("chain")(ref_command(chain_answer, opener=_open))
    app.command("cited-by")(ref_command(cited_by_answer, opener=_open))
    app.command("missing")(missing_command)
    app.command("link")(link_command)
    app.command("unlink")(unlink_command)
    graph_app.command("export")(export_command)
    app.add_typer(graph_app, name="graph")


def _open(option: Optional[Path]):
    """The archive, with its edges built once if it predates the graph."""
    from ..graph.edges import ensure_edges

    archive = open_archive(option)
    if ensure_edges(archive):
        typer.echo("vanthu: citation graph built for this archive (once)", err=True)
    return archive


def tree_command(
    ref: RefArgument,
    up: Annotated[bool, typer.Option("--up/--down", help="Up: what it cites, toward the centre. Down: what cites it.")] = True,
    depth: Annotated[int, typer.Option("--depth", min=0, max=50, help="How many citation steps to follow.")] = 10,
    suggested: Annotated[bool, typer.Option("--suggested", help="Also show semantic suggestions for unresolved references.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text, json, dot, mermaid or graphml.")] = "text",
    issuer: IssuerOption = None,
    year: YearOption = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """The citation tree of a document: up to the directives it carries out, or down to those that carry it out.

    --json is --format json, as on every command that prints results."""
    from ..graph.render import FORMATS, render, text_tree
    from ..graph.tree import tree

    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})", 2)
    if json_ and fmt not in ("text", "json"):
        raise fail(f"--json and --format {fmt} ask for two formats: give one", 2)
    fmt = "json" if json_ else fmt
    direction = "up" if up else "down"
    with opened_document(archive, ref, issuer=issuer, year=year, opener=_open) as (store, doc):
        t = tree(store, doc.id, direction=direction, depth=depth)
        if suggested:
            t = _add_suggestions(store, t)
    if fmt == "text" and sys.stdout.isatty():
        console = stdout_console()
        console.print(text_tree(t, width=console.width))
    elif fmt == "text":  # a pipe or a file: whole lines, no colours
        typer.echo(render(t, direction, fmt, width=100_000), nl=False)
    else:
        typer.echo(render(t, direction, fmt), nl=False)


def _add_suggestions(store, t):
    from ..graph.tree import with_suggestions
    from ..pipeline.suggest import tree_suggester

    suggest = tree_suggester(store)
    if suggest is None:
        typer.echo("vanthu: no suggestions available (the semantic engine provides none in this installation)",
                   err=True)
        return t
    return with_suggestions(t, suggest)


def chain_answer(store, doc, ref: str, json_: bool) -> None:
    """The chains of instruction from a document up to the central level, one line each."""
    from ..graph.tree import chains

    g, paths = chains(store, doc.id)
    _print_chains(doc, g, paths, json_)


def _print_chains(doc, g, paths, json_: bool) -> None:
    from ..graph.tree import Node, chains_json

    if json_:
        print_json(chains_json(doc, g, paths))
        return
    if not paths:
        typer.echo(f"vanthu: {doc.meta.number or doc.id} cites no document", err=True)
        return
    for path in paths:
        typer.echo(" → ".join(_chain_step(Node.of(g, k)) for k in path))


def _chain_step(node) -> str:
    where = node.issuer or node.level or "?"
    text = f"{node.number or node.name or '(no number)'} ({where}"
    text += f", {node.date})" if node.date else ")"
    return text if node.in_archive else text + " [not in archive]"


def cited_by_answer(store, doc, ref: str, json_: bool) -> None:
    """The documents that cite this one, with relation and date (possible ones marked ambiguous)."""
    from ..graph.subgraph import cited_by

    rows = cited_by(store, doc.id)
    _print_cited_by(doc, rows, json_)


def _print_cited_by(doc, rows, json_: bool) -> None:
    from ..graph.subgraph import cited_by_json

    if json_:
        print_json(cited_by_json(doc, rows))
        return
    if not rows:
        typer.echo(f"vanthu: no document in the archive cites {doc.meta.number or doc.id}", err=True)
        return
    for r in rows:
        mark = "" if r.status == "resolved" else f"  ({r.status})"
        typer.echo(f"{r.date or '—':<10}  {r.relation:<10}  {r.number or '(no number)'}  {r.issuer or '—'}  "
                   f"[{r.id}]{mark}")


def missing_command(
    limit: LimitOption = 50,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """The documents most cited but not in the archive: the acquisition list."""
    from ..graph.subgraph import missing, missing_json

    with _open(archive) as store:
        rows = missing(store, limit)
    if json_:
        print_json(missing_json(rows))
        return
    for r in rows:
        what = " · ".join(x for x in (r.number or r.name, r.doc_type, r.issuer, r.date) if x)
        typer.echo(f"{r.cited_by:>6}×  {what}")


def export_command(
    file: Annotated[Path, typer.Argument(help="The file to write.", show_default=False)],
    fmt: Annotated[Optional[str], typer.Option("--format", help="graphml, gexf or json (default: from the suffix).")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Only documents of this issuer (and what they cite).")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="Only documents dated on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Only documents dated on or before (YYYY-MM-DD).")] = None,
    no_external: Annotated[bool, typer.Option("--no-external", help="Leave out documents not in the archive.")] = False,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Export the citation graph (whole, or filtered) for Gephi and similar tools."""
    from ..graph.export import write_graph
    from ..graph.subgraph import archive_graph

    for value, name in ((date_from, "--from"), (date_to, "--to")):
        _check_date(value, name)
    with _open(archive) as store:
        g = archive_graph(store, issuer=issuer, date_from=date_from, date_to=date_to, external=not no_external)
    report = write_graph(g, file, fmt)
    if json_:
        print_json(report.to_json())
    else:
        typer.echo(f"wrote {report.nodes} nodes ({report.external} not in the archive) and {report.edges} edges "
                   f"to {report.path} ({report.format})", err=True)


def _check_date(value: Optional[str], name: str) -> None:
    import datetime as dt

    if value is None:
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{name} wants a date as YYYY-MM-DD, not {value!r}", 2) from None


def link_command(
    src: Annotated[str, typer.Argument(help="The citing document (id or number).", show_default=False)],
    dst: Annotated[str, typer.Argument(help="The cited document (id or number).", show_default=False)],
    relation: Annotated[Optional[str], typer.Option("--relation", help="implements, basis, replaces, amends, repeals, guides or mentions.")] = None,
    citation: Annotated[Optional[int], typer.Option("--citation", min=0, help="Which reference of SRC this settles (0 = its first, in text order).")] = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Confirm that SRC cites DST (a librarian's decision that re-resolution never overrides)."""
    from ..graph.edges import link

    with _open(archive) as store:
        a, b = store.resolve_ref(src), store.resolve_ref(dst)
        result = link(store, a.id, b.id, relation=relation, seq=citation)
    _report_link(result, json_)


def unlink_command(
    src: Annotated[str, typer.Argument(help="The citing document (id or number).", show_default=False)],
    dst: Annotated[str, typer.Argument(help="The document it does not cite (id or number).", show_default=False)],
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Reject a link: SRC does not cite DST, whatever its numbers say."""
    from ..graph.edges import unlink

    with _open(archive) as store:
        a, b = store.resolve_ref(src), store.resolve_ref(dst)
        result = unlink(store, a.id, b.id)
    _report_link(result, json_)


def _report_link(result, json_: bool) -> None:
    if json_:
        print_json(result.__dict__)
    else:
        typer.echo(f"{result.src} → {result.dst}: {result.decision} ({result.edges} edge(s) now link them)", err=True)
