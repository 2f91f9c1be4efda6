"""The long reliability campaign behind RELIABILITY.md: coverage-guided fuzzing of the readers
and the parser (atheris), SIGKILL crash trials, and the largest file handled with its peak memory.

    .venv/bin/python -m benchmarks.reliability fuzz --runs 20000      # atheris on read_bytes + analyze
    .venv/bin/python -m benchmarks.reliability crash --trials 100     # kill -9 mid-import, then re-run
    .venv/bin/python -m benchmarks.reliability large --mb 100         # one 100 MB text file, peak RSS

Each prints one JSON line of figures. The test suite runs short versions of the same campaign
(tests/test_fuzz.py, tests/test_crash.py, tests/test_reliability.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ("a.txt", "a.md", "a.docx", "a.doc", "a.pdf", "a.html", "a.rtf", "a", "a.xyz")


def fuzz_one(data: bytes) -> None:
    """One fuzz input: the first byte picks the file name; reading may fail only with ReadError,
    and whatever text it gives must parse (analyze never raises on any text)."""
    from vanthu.archive.errors import ReadError
    from vanthu.archive.readers import read_bytes
    from vanthu.pipeline.analyze import analyze

    if not data:
        return
    name, body = NAMES[data[0] % len(NAMES)], data[1:]
    try:
        extracted = read_bytes(body, name)
    except ReadError:
        text = body.decode("utf-8", "replace")  # the parser must survive what a reader refuses too
    else:
        text = extracted.text
    analyze(text)


def _seeds() -> list[bytes]:
    """Real files of every format, so mutations start from valid structure (docx, pdf, rtf …)."""
    from benchmarks.generator import encode, generate

    doc = next(generate(1, seed=3))
    seeds = []
    for fmt in ("txt", "docx", "tcvn3", "vni", "utf16"):
        name, data = encode(doc, fmt)
        seeds.append(bytes([NAMES.index("a.docx" if fmt == "docx" else "a.txt")]) + data)
    seeds.append(bytes([NAMES.index("a.rtf")]) + b"{\\rtf1\\ansi " + doc.text[:400].encode("cp1258", "replace") + b"}")
    seeds.append(bytes([NAMES.index("a.html")]) + f"<html><body><p>{doc.text[:400]}</p></body></html>".encode())
    return seeds


_FUZZ_MAIN = """
import sys, atheris
with atheris.instrument_imports():
    import vanthu.archive.readers, vanthu.pipeline.analyze, vanthu.archive.parse, vanthu.graph.citations
from benchmarks.reliability import fuzz_one
atheris.Setup(sys.argv, fuzz_one)
atheris.Fuzz()
"""


def fuzz(runs: int, max_len: int = 65536, seconds: int | None = None) -> dict:
    """Run atheris for ``runs`` inputs in a child process (it exits on the first crash)."""
    with tempfile.TemporaryDirectory() as corpus:
        for i, seed in enumerate(_seeds()):
            Path(corpus, f"seed{i}").write_bytes(seed)
        args = [f"-runs={runs}", f"-max_len={max_len}", "-rss_limit_mb=4096", "-timeout=60", corpus]
        if seconds:
            args.insert(0, f"-max_total_time={seconds}")
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-c", _FUZZ_MAIN, *args], capture_output=True, text=True,
                                cwd=Path(__file__).resolve().parent.parent)
        log = result.stderr
    done = [line for line in log.splitlines() if line.startswith("#") and ("DONE" in line or "pulse" in line)]
    return {"campaign": "fuzz", "runs_asked": runs, "exit": result.returncode, "seconds": round(time.monotonic() - started, 1),
            "last": done[-1] if done else None, "crash": None if result.returncode == 0 else log[-3000:]}


def crash(trials: int, seed: int = 20261123) -> dict:
    """``trials`` imports killed with SIGKILL at random moments, each re-run and compared."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.test_crash import _corpus, _run_import, _snapshot, _trial

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _corpus(Path(tmp, "kho"))
        proc = _run_import(corpus, Path(tmp, "ref"))
        assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()
        reference = _snapshot(Path(tmp, "ref"))
        delays = [rng.uniform(0.3, 3.0) for _ in range(trials)]
        started = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            outcomes = list(pool.map(lambda t: _trial(corpus, Path(tmp, f"t{t}"), delays[t]), range(trials)))
    differing = [t for t, (_, snap) in enumerate(outcomes) if snap != reference]
    return {"campaign": "crash", "trials": trials, "killed_mid_import": sum(k for k, _ in outcomes),
            "differing_from_uninterrupted": differing, "documents": len(reference["docs"]),
            "seconds": round(time.monotonic() - started, 1)}


_LARGE_MAIN = """
import json, resource, sys, time
from pathlib import Path
from vanthu.archive.store import Archive
from vanthu.pipeline.ingest import ingest
started = time.monotonic()
with Archive.open(Path(sys.argv[2])) as archive:
    report = ingest(archive, [Path(sys.argv[1])], workers=1)
print(json.dumps({"report": report.to_json(), "seconds": round(time.monotonic() - started, 1),
                  "main_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}))
"""


def large(mb: int) -> dict:
    """Import one ``mb`` MB text file of dispatch lines (default bounds) and report peak memory."""
    line = "Tổ chức tiêm chủng an toàn cho người dân thôn Đông của xã theo Kế hoạch của huyện.\n"
    head = "ỦY BAN NHÂN DÂN\nXÃ CHIỀNG MUNG\n\nSố: 45/KH-UBND\n\nKẾ HOẠCH\nTriển khai tiêm vắc xin\n\n"
    with tempfile.TemporaryDirectory() as tmp:
        kho = Path(tmp, "kho")
        kho.mkdir()
        with (kho / "lon.txt").open("w", encoding="utf-8") as fh:
            fh.write(head)
            while fh.tell() < mb * 1024 * 1024:
                fh.write(line * 10_000)
        size = (kho / "lon.txt").stat().st_size
        result = subprocess.run([sys.executable, "-c", _LARGE_MAIN, str(kho), str(Path(tmp, "archive"))],
                                capture_output=True, text=True)
        if result.returncode != 0:
            return {"campaign": "large", "bytes": size, "error": result.stderr[-2000:]}
    return {"campaign": "large", "bytes": size, **json.loads(result.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="campaign", required=True)
    f = sub.add_parser("fuzz")
    f.add_argument("--runs", type=int, default=20_000)
    f.add_argument("--seconds", type=int, default=None)
    c = sub.add_parser("crash")
    c.add_argument("--trials", type=int, default=100)
    g = sub.add_parser("large")
    g.add_argument("--mb", type=int, default=100)
    args = parser.parse_args()
    if args.campaign == "fuzz":
        out = fuzz(args.runs, seconds=args.seconds)
    elif args.campaign == "crash":
        out = crash(args.trials)
    else:
        out = large(args.mb)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
