"""Shared pieces of the command line: where the archive is, how it is opened and a REF found in it,
how results and errors are printed. Command modules import from here, never from each other.

Only typer, rich and the standard library are imported here, so that every command starts fast.
"""

from __future__ import annotations

import inspect
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Callable, Iterator, Optional

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
# Every "how many" of every command: one name, one short form (the default is each command's own).
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to list (at most).")]


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


@contextmanager
def opened_document(option: Optional[Path], ref: str, *, issuer: Optional[str] = None, year: Optional[int] = None,
                    opener: Callable[[Optional[Path]], Any] = open_archive) -> Iterator[tuple[Any, Any]]:
    """``(archive, document)``: the archive the user chose, opened by ``opener``, and the document REF
    names in it, narrowed by --issuer and --year."""
    with opener(option) as store:
        yield store, store.resolve_ref(ref, issuer=issuer, year=year)


def ref_command(answer: Callable[..., None], *, opener: Callable[[Optional[Path]], Any] = open_archive
                ) -> Callable[..., None]:
    """The typer command over the document REF names: ``answer(archive, doc, ref, json_, **options)``
    runs with the archive open (by ``opener``) and REF resolved, narrowed by --issuer and --year.

    The command takes REF, then ``answer``'s keyword-only options (typer-annotated, in its own
    module), then --issuer, --year, --archive and --json; its help is ``answer``'s docstring.
    """
    def command(ref: str, issuer: Optional[str] = None, year: Optional[int] = None, archive: Optional[Path] = None,
                json_: bool = False, **options: Any) -> None:
        with opened_document(archive, ref, issuer=issuer, year=year, opener=opener) as (store, doc):
            answer(store, doc, ref, json_, **options)

    shared = inspect.signature(_ref_options, eval_str=True).parameters
    own = [p for p in inspect.signature(answer, eval_str=True).parameters.values() if p.kind is p.KEYWORD_ONLY]
    params = [shared["ref"], *(p.replace(kind=p.POSITIONAL_OR_KEYWORD) for p in own),
              *(shared[name] for name in ("issuer", "year", "archive", "json_"))]
    command.__signature__ = inspect.Signature(params, return_annotation=None)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__doc__ = answer.__doc__
    return command


def _ref_options(ref: RefArgument, issuer: IssuerOption = None, year: YearOption = None,
                 archive: ArchiveOption = None, json_: JsonOption = False) -> None:
    """The options every command over one REF shares (see :func:`ref_command`)."""


def warn_if_index_lags(store, option: Optional[Path]) -> None:
    """One line on stderr when the full-text index is behind the archive (an import under way, or
    one that was stopped), with the command that brings it up to date."""
    import shlex

    from ..index.sync import index_lag

    lag = index_lag(store)
    if lag:
        fix = shlex.join(["vanthu", "check", "--repair", "--archive", str(archive_path(option))])
        sys.stderr.write(f"vanthu: the full-text index is {lag} document(s) behind the archive (an import is under "
                         f"way, or was stopped), so they are not searched; to bring it up to date: {fix}\n")


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


def show_results(results, json_: bool) -> None:
    """Print search-shaped results (search, related): DESIGN's JSON, or a few lines a result.

    Each result: its number, type, issuer, date and archive id on one line (only the issuer is
    shortened to fit), its subject on one line, its snippet wrapped: about six lines at 80 columns.
    """
    if json_:
        print_json(results.to_json())
        return
    from rich.text import Text

    if not results.total:
        if results.cause:
            sys.stderr.write(f"vanthu: nothing found: {results.cause}\n")
            return
        hint = f'; try: vanthu search "{results.suggestion}"' if results.suggestion else ""
        sys.stderr.write(f"vanthu: no document matches {results.query!r}{hint}\n")
        return
    out = stdout_console()
    shown = len(results.results)
    count = f"{results.total} documents" if shown == results.total else f"{shown} of {results.total} documents"
    out.print(Text(f"{results.query} — {count}", style="bold"))
    for rank, hit in enumerate(results.results, 1):
        out.print()
        for line in _hit_lines(hit, rank, out.width):
            out.print(line)


def _hit_lines(hit, rank: int, width: int):
    """One result as rich Texts; identifiers whole, free text shortened or wrapped."""
    from rich.padding import Padding
    from rich.text import Text

    from ..index.results import snippet_parts

    head = Text(f"{rank}. ")
    head.append(hit.number or "(no number)", style="bold")
    tail = [x for x in (hit.date.isoformat() if hit.date else None, hit.id) if x]
    fixed = len(head) + sum(len(x) + 3 for x in [hit.doc_type, *tail] if x)
    for part in (hit.doc_type, shorten(hit.issuer, width - fixed - 3), *tail):
        if part:
            head.append(" · ")
            head.append(part, style="dim" if part == hit.id else None)
    yield head
    if hit.subject:
        yield Padding(Text(shorten(hit.subject, width - 3) or "", style="italic"), (0, 0, 0, 3), expand=False)
    snippet = Text()
    for text, matched in snippet_parts(hit.snippet):
        snippet.append(text, style="bold yellow" if matched else None)
    yield Padding(snippet, (0, 0, 0, 3), expand=False)


def shorten(text: Optional[str], room: int) -> Optional[str]:
    """``text`` on one line in at most ``room`` characters (cut at a word, with …); None when no room.

    >>> shorten("Ủy ban nhân dân huyện Bình Xuyên", 20)
    'Ủy ban nhân dân…'
    """
    if not text:
        return None
    text = " ".join(text.split())
    if len(text) <= room:
        return text
    if room < 2:
        return None
    cut = text[: room - 1]
    if " " in cut and not text[room - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;·-") + "…"
