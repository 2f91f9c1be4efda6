"""`vanthu serve`: the archive in a web browser (the web layer, vanthu.web, on uvicorn).

Starlette, Jinja2 and uvicorn are imported inside the command, so `vanthu --help` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .common import ArchiveOption, JsonOption, archive_path, fail, print_json_line


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this computer only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8080,
    write_token: Annotated[Optional[str], typer.Option(
        "--write-token", envvar="VANTHU_WRITE_TOKEN", show_default=False,
        help="Let librarians who give this token import, undo and link (default: read-only). "
             "Prefer $VANTHU_WRITE_TOKEN: a command line is visible to other users.")] = None,
    archive: ArchiveOption = None,
    json_: JsonOption = False,
) -> None:
    """Serve the archive in a web browser, in Vietnamese: search, documents, trees, import, overview, a JSON API.

    --json prints one line on stdout as it starts: its url, archive and whether it takes writes."""
    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError as err:
        raise fail(f"vanthu serve needs the web extra ({err.name} is missing): pip install 'vanthu[web]'", 1)
    if write_token is not None and len(write_token) < 8:
        raise fail("--write-token must be at least 8 characters", 2)
    app = create_app(archive_path(archive), write_token=write_token)
    mode = "librarians may write (with the token)" if write_token else "read-only"
    where = f"http://{host}:{port}/"
    if json_:  # one line for a script that starts the server: where it listens
        print_json_line({"url": where, "archive": str(archive_path(archive)), "writable": bool(write_token)})
    sys.stderr.write(f"vanthu: serving {archive_path(archive)} at {where} ({mode}); Ctrl-C stops\n")
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(f"vanthu: listening on {host}: other computers can reach this server\n")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, access_log=False)
