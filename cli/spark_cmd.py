"""`vanthu spark-import`: read and parse a back-catalogue in Apache Spark, for `vanthu import --from-parquet`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from .common import JsonOption, print_json, stderr_console


def register(app: typer.Typer) -> None:
    app.command("spark-import")(spark_import_command)


def spark_import_command(
    paths: Annotated[List[Path], typer.Argument(help="Files, folders or .zip archives.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="New folder for the Parquet output.", show_default=False)],
    master: Annotated[str, typer.Option("--master", help="Spark master URL (default: this machine's cores, "
                                                          "a failed task tried once more).")] = "local[*,2]",
    partitions: Annotated[Optional[int], typer.Option("--partitions", min=1, help="Spark tasks (default: "
                                                      "4 per core, at most 2,000 files each).")] = None,
    keep_non_directives: Annotated[bool, typer.Option(
        "--keep-non-directives", help="Keep files with no trace of a directive (a README) instead of skipping them.")] = False,
    json_: JsonOption = False,
) -> None:
    """Read and parse files in Spark and write documents, citations and failures as Parquet; load them
    into an archive with `vanthu import --from-parquet OUT`. On a cluster: spark-submit (see README)."""
    from ..pipeline.spark import run_job

    report = run_job(paths, out, master=master, partitions=partitions, keep_non_directives=keep_non_directives)
    if json_:
        print_json(report.to_json())
        return
    stderr_console().print(
        f"{report.out}: {report.documents} documents, {report.citations} citations, {report.failed} failed, "
        f"{report.skipped} skipped, of {report.files} files in {report.seconds:g} s ({report.master}); "
        f"load it: vanthu import --from-parquet {report.out}", markup=False, highlight=False, soft_wrap=True)
