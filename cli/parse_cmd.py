"""`vanthu parse FILE [--json]`: one document's metadata and citations, no archive needed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOption, fail, print_json, stdout_console


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("parse")(parse_command)


def parse_command(
    file: Annotated[Path, typer.Argument(help="A document file: .txt .md .docx .doc .pdf .html .rtf.",
                                         show_default=False)],
    json_: JsonOption = False,
) -> None:
    """Print a document's metadata and citations (DESIGN.md's `parse --json` shape with --json)."""
    from ..pipeline.analyze import analyze

    _, doc = analyze(_read_text(file))
    if json_:
        print_json(doc.to_json())
    else:
        _print_summary(file, doc)


def _read_text(path: Path) -> str:
    """The file's text through the format readers (.txt in any Vietnamese encoding, .docx, .pdf …)."""
    from ..archive.readers import read_path

    if not path.exists():
        raise fail(f"no such file: {path}", 2)
    if path.is_dir():
        raise fail(f"{path} is a directory; give one document file", 2)
    return read_path(path).text  # ReadError (binary, corrupt, unsupported) → one line, exit 1 in main()


def _print_summary(path: Path, doc) -> None:
    """A readable summary: the metadata as a two-column table, then one line per citation."""
    from rich.table import Table

    console = stdout_console()
    table = Table(title=str(path.name), show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    rows = doc.to_json()
    for key in ("number", "doc_type", "issuer", "issuer_level", "parent_body", "place", "date", "year",
                "subject", "urgency", "signer", "signer_title"):
        table.add_row(key, "—" if rows[key] is None else str(rows[key]))
    table.add_row("recipients", "\n".join(doc.recipients) or "—")
    console.print(table)
    console.print(f"\n[bold]citations[/bold] ({len(doc.citations)})")
    for cite in doc.citations:
        what = cite.number or cite.name or "—"
        date = cite.date.isoformat() if cite.date else "—"
        console.print(f"  {cite.relation.value:<10} {what}  {cite.doc_type or '—'}  {date}  {cite.issuer or '—'}",
                      markup=False)
