"""The `vanthu` command: a thin typer layer, one library call per command.

Command modules import the library inside each command, so `vanthu --help` stays fast.
"""

from __future__ import annotations

import os
import sys

import typer

from . import (archive_cmd, graph_cmd, maintenance_cmd, parse_cmd, safety_cmd, search_cmd, semantic_cmd, serve_cmd,
               spark_cmd)
from .common import ArchiveOption

app = typer.Typer(
    name="vanthu",
    help="vanthu — a searchable archive of Vietnamese directives (công văn, nghị quyết, quyết định …).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for module in (parse_cmd, archive_cmd, search_cmd, graph_cmd, semantic_cmd, maintenance_cmd, safety_cmd, spark_cmd,
               serve_cmd):
    module.register(app)


@app.callback()
def _global_options(archive: ArchiveOption = None) -> None:
    """`vanthu --archive PATH COMMAND …` works like `vanthu COMMAND … --archive PATH`."""
    if archive is not None:
        os.environ["VANTHU_ARCHIVE"] = str(archive)


def main() -> None:
    """Console entry point: library errors become one line on stderr and an exit code."""
    from ..archive.errors import AmbiguousReference, VanthuError

    try:
        code = app(standalone_mode=False)
    except VanthuError as err:
        sys.stderr.write(f"vanthu: {err}\n")
        if isinstance(err, AmbiguousReference):
            for cand in err.candidates:
                sys.stderr.write(
                    "  {id}  {number}  {issuer}  {date}\n".format(
                        **{k: cand.get(k) or "—" for k in ("id", "number", "issuer", "date")}
                    )
                )
        sys.exit(err.exit_code)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except typer.Abort:
        sys.stderr.write("vanthu: aborted\n")
        sys.exit(130)
    except KeyboardInterrupt as stop:  # Ctrl-C; under a long command's handler also SIGTERM (143)
        sys.stderr.write("vanthu: interrupted\n")
        sys.exit(getattr(stop, "exit_code", 130))
    except typer.TyperException as err:  # usage errors of typer's own (vendored) click
        show = getattr(err, "show", None)
        if show is None:
            raise
        show()
        sys.exit(getattr(err, "exit_code", 2))
    except Exception as err:  # anything unforeseen: one line, never a traceback
        if os.environ.get("VANTHU_DEBUG"):
            raise
        sys.stderr.write(
            f"vanthu: internal error: {type(err).__name__}: {err}\n"
            "  (set VANTHU_DEBUG=1 for the traceback; the archive was not changed by this error)\n"
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
