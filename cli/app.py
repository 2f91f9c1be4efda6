"""The `vanthu` command: a thin typer layer, one library call per command.

Command modules import the library inside each command, so `vanthu --help` stays fast.
"""

from __future__ import annotations

import os
import sys

import typer

from . import archive_cmd, graph_cmd, maintenance_cmd, parse_cmd, search_cmd, semantic_cmd

app = typer.Typer(
    name="vanthu",
    help="vanthu — a searchable archive of Vietnamese directives (công văn, nghị quyết, quyết định …).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for module in (parse_cmd, archive_cmd, search_cmd, graph_cmd, semantic_cmd, maintenance_cmd):
    module.register(app)


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
    except KeyboardInterrupt:
        sys.stderr.write("vanthu: interrupted\n")
        sys.exit(130)
    except Exception as err:  # click usage errors and anything unforeseen
        import click

        if isinstance(err, click.ClickException):
            err.show()
            sys.exit(err.exit_code)
        if os.environ.get("VANTHU_DEBUG"):
            raise
        sys.stderr.write(
            f"vanthu: internal error: {type(err).__name__}: {err}\n"
            "  (set VANTHU_DEBUG=1 for the traceback; the archive was not changed by this error)\n"
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
