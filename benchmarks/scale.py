"""An archive at scale (issue 16): what each command costs once the import is done.

    nice -n 5 /usr/bin/time -v vanthu import CORPUS --engine tantivy --no-embed --archive ARCHIVE
    python -m benchmarks.scale --archive ARCHIVE [--runs 5]

The import itself is timed from outside (documents/s end to end and peak memory from
``/usr/bin/time -v``). This script measures the archive it left: sizes; full-text queries in process
(``benchmarks.search_speed``'s queries, p50/p95 per kind); and as whole processes, through
``farm-bench`` (median of ``--runs``): `vanthu search` (1 word, 3 words, a phrase), `vanthu tree`
down from the most cited central directive and up from the commune directive with the longest
chain, `vanthu stats`, `vanthu missing`. Prints one JSON object, with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from benchmarks.graph_speed import _pick_roots
from benchmarks.search_speed import QUERIES, in_process
from vanthu.archive.store import Archive
from vanthu.index.engine import archive_engine, open_index


def _size_mb(path: Path) -> float:
    if path.is_file():
        return round(path.stat().st_size / 2**20, 1)
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def whole_process(args: list[str], runs: int) -> dict:
    """farm-bench's medians (wall, cpu seconds; peak MiB) of one vanthu command."""
    exe = str(Path(sys.executable).with_name("vanthu"))
    out = subprocess.run(["farm-bench", "-n", str(runs), "--warmup", "1", "--timeout", "600", "--", exe, *args],
                         capture_output=True, text=True, check=True).stdout
    figures = {}
    for key, label in (("wall_s", "A wall s"), ("cpu_s", "A cpu s"), ("peak_mib", "A peak MiB")):
        match = re.search(rf"^{re.escape(label)}\s+(\S+)\s+(\S+)\s+(\S+)", out, re.M)
        if match:
            figures[key] = float(match.group(2))
            figures[key.replace("_s", "_max_s") if key != "peak_mib" else "peak_max_mib"] = float(match.group(3))
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-in-process", action="store_true")
    args = ap.parse_args(argv)
    root = str(args.archive)
    with Archive.open(args.archive, readonly=True) as archive:
        engine = archive_engine(archive)
        report = {"documents": archive.count(), "engine": engine, "load_avg_start": round(os.getloadavg()[0], 1),
                  "archive_sqlite_mb": _size_mb(args.archive / "archive.sqlite"),
                  "originals_mb": _size_mb(args.archive / "objects"), "fulltext_mb": _size_mb(archive.fulltext_dir)}
        commune, central = _pick_roots(archive)
        if not args.skip_in_process:
            report["in_process"] = in_process(open_index(archive.fulltext_dir, engine, create=False), repeats=2)
    commands = {
        "search 1 word": ["search", QUERIES["1-word"][0], "--json"],
        "search 3 words": ["search", QUERIES["3-word"][2], "--json"],
        "search phrase": ["search", QUERIES["phrase"][0], "--json"],
        "tree down (most cited central)": ["tree", central, "--down", "--json"],
        "tree up (commune, longest chain)": ["tree", commune, "--up", "--json"],
        "stats": ["stats", "--json"],
        "missing": ["missing"],
    }
    report["whole_process"] = {name: whole_process([*cmd, "--archive", root], args.runs)
                               for name, cmd in commands.items()}
    report["load_avg_end"] = round(os.getloadavg()[0], 1)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
