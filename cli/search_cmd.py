"""`vanthu search`: the archive searched in one mode (text, semantic, hybrid), one query or a file of them.

One library call: :func:`vanthu.index.search.searcher`, with the filters read by
:meth:`vanthu.index.filters.Filters.from_options`. Only the standard library, typer and rich are
imported at module level; Whoosh and the index are imported inside the command, and nothing on
the text path imports numpy, torch or sentence-transformers, so a plain search starts fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from .common import (ArchiveOption, JsonOption, LimitOption, fail, open_archive, print_json_line, show_results,
                     warn_if_index_lags)


class Mode(str, Enum):
    text = "text"
    semantic = "semantic"
    hybrid = "hybrid"


class Sort(str, Enum):
    relevance = "relevance"
    date = "date"


def register(app: typer.Typer) -> None:
    """Add `search` to the app."""
    app.command("search")(search_command)


def search_command(
    query: Annotated[Optional[str], typer.Argument(help="Words, a document number, or Whoosh syntax "
                                                       '(AND, OR, NOT, "phrase", so:845/UBND-YT).',
                                                  show_default=False)] = None,
    limit: LimitOption = 10,
    doc_type: Annotated[Optional[str], typer.Option("--type", help='Document type, e.g. "Công văn" or "cong van".',
                                                    show_default=False)] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Words of the issuing body.",
                                                  show_default=False)] = None,
    level: Annotated[Optional[str], typer.Option("--level", help="central, province, district or commune.",
                                                 show_default=False)] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="From date: YYYY-MM-DD, YYYY-MM or YYYY.",
                                                     show_default=False)] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="To date: YYYY-MM-DD, YYYY-MM or YYYY.",
                                                   show_default=False)] = None,
    sort: Annotated[Sort, typer.Option("--sort", help="relevance, or date (newest first).")] = Sort.relevance,
    mode: Annotated[Mode, typer.Option("--mode", help="text (full-text), semantic or hybrid.")] = Mode.text,
    queries: Annotated[Optional[Path], typer.Option("--queries", help="File of queries, one a line (with --json: "
                                                                      "one JSON line out per query).",
                                                    show_default=False)] = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Search the archive in Vietnamese, with or without diacritics."""
    from ..index.filters import Filters
    from ..index.search import searcher

    if (query is None) == (queries is None):
        raise fail("give a QUERY or --queries FILE (one of them)", 2)
    filters = Filters.from_options(doc_type=doc_type, issuer=issuer, level=level, date_from=date_from,
                                   date_to=date_to)
    lines = _query_lines(queries) if queries is not None else None
    with open_archive(archive) as store, searcher(store, mode.value) as answer:
        if mode is not Mode.semantic:
            warn_if_index_lags(store, archive)
        def ask(text: str):
            return answer(text, filters=filters, limit=limit, sort=sort.value)

        if lines is None:
            show_results(ask(query), json_)
        else:
            _answer_lines(ask, queries, lines, json_)


def _query_lines(path: Path) -> list[str]:
    from ..archive.errors import BadInput

    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise BadInput(f"cannot read --queries {path}: {err}") from err


def _answer_lines(answer: Callable[[str], Any], path: Path, lines: list[str], json_: bool) -> None:
    """One query a line, answered by one open searcher; a bad line is reported and the rest still run."""
    from ..archive.errors import BadInput

    bad = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            results = answer(line.strip())
        except BadInput as err:
            bad += 1
            sys.stderr.write(f"vanthu: {path}:{number}: {err}\n")
            if json_:
                print_json_line({"query": line.strip(), "error": str(err)})
            continue
        if json_:
            print_json_line(results.to_json())
        else:
            show_results(results, False)
    if bad:
        raise typer.Exit(2)
