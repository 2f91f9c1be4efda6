"""The long reliability campaign behind RELIABILITY.md: coverage-guided fuzzing of the readers
and the parser (atheris), SIGKILL crash trials, and the largest file handled with its peak memory.

    .venv/bin/python -m benchmarks.reliability fuzz --runs 20000      # atheris on read_bytes + analyze
    .venv/bin/python -m benchmarks.reliability crash --trials 100     # kill -9 mid-import, then re-run
    .venv/bin/python -m benchmarks.reliability large --mb 100         # one 100 MB text file, peak RSS
    .venv/bin/python -m benchmarks.reliability corrupt --trials 60    # damage copies of an archive, classify
    .venv/bin/python -m benchmarks.reliability kills --trials 9       # kills across documents, graph, index

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


# -- corruption campaign (issue 17) -------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TARGETS = ("database", "fulltext", "vectors", "objects", "journal", "manifest")
DAMAGES = ("flip", "truncate", "delete")
QUERIES = ("tiêm vắc xin", "phòng, chống dịch Covid-19", "845/UBND-YT", "Bình Xuyên", "kế hoạch")


def build_scenario(root: Path, work: Path, embed: bool = False) -> None:
    """A real archive with every kind of decision: the sample chain, a link the text does not state,
    a rejected reference, a corrected signer, the seeds, a new version of a letter, the draft in
    cp1258, and a batch undone."""
    from vanthu.archive.readers.legacy import to_cp1258
    from vanthu.archive.store import Archive
    from vanthu.graph.edges import link, unlink, update_edges
    from vanthu.pipeline.ingest import ingest, sync_derived, undo

    def folder(name: str, file: str, data: bytes) -> Path:
        (work / name).mkdir(parents=True, exist_ok=True)
        (work / name / file).write_bytes(data)
        return work / name

    letter = (SAMPLES / "chain" / "district_ubnd-huyen-tam-duong_845-UBND-YT_2021-03-24.txt").read_text(encoding="utf-8")
    plan = (SAMPLES / "chain" / "commune_ubnd-xa-thien-ke_27-KH-UBND_2021-03-29.txt").read_text(encoding="utf-8")
    with Archive.open(root) as archive:
        ingest(archive, [SAMPLES / "chain"], workers=1, embed=embed)
        src = archive.resolve_ref("845/UBND-YT", issuer="Tam Dương").id
        link(archive, src, archive.resolve_ref("2296/KH-UBND").id)
        unlink(archive, src, archive.resolve_ref("21/NQ-CP").id)
        with archive.write_lock(), archive.transaction():
            archive.set_overrides(src, {"signer": "Nguyễn Văn Sửa"})
            update_edges(archive, [src])
        ingest(archive, [SAMPLES / "seeds"], workers=1, embed=embed)
        signed = letter.replace("Nơi nhận:", "(Bản đã ký số)\nNơi nhận:")
        ingest(archive, [folder("v2", "845-ban-ky.txt", signed.encode())], workers=1, embed=embed)
        ingest(archive, [folder("cp", "cv845-cu.txt", to_cp1258(letter))], workers=1, embed=embed)
        other = plan.replace("27/KH-UBND", "28/KH-UBND")
        undo(archive, ingest(archive, [folder("khac", "xa-khac.txt", other.encode())], workers=1).batch)
        with archive.write_lock():
            sync_derived(archive)
    conn = __import__("sqlite3").connect(root / "archive.sqlite")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def archive_state(root: Path) -> dict:
    """What a librarian would miss if it changed: every row (tests/test_rebuild.py's snapshot), the
    answers of a few searches, the originals' bytes and the decisions the journal keeps."""
    from tests.test_rebuild import snapshot
    from vanthu.archive import journal
    from vanthu.archive.store import Archive
    from vanthu.index.search import search

    state: dict = {"rows": snapshot(root)}
    with Archive.open(root, create=False, readonly=True) as archive:
        state["search"] = [[r.id for r in search(archive, q, limit=20).results] for q in QUERIES]
        # the originals of the archive's documents (an undone batch's files are no longer part of it)
        state["originals"] = sorted((sha, _bytes_or_none(archive.object_path(sha))) for _, sha in archive.originals())
    state["journal"] = journal.final_state(root)
    return state


def _bytes_or_none(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def _files(root: Path, target: str) -> list[Path]:
    where = {"database": [root / "archive.sqlite"], "journal": [root / "journal.jsonl"],
             "manifest": [root / "objects" / "manifest.jsonl"],
             "objects": [p for p in (root / "objects").glob("*/*") if p.name != "manifest.jsonl"],
             "fulltext": [p for p in (root / "fulltext").glob("*") if p.is_file() and "LOCK" not in p.name],
             "vectors": [p for p in (root / "vectors").glob("*") if p.is_file() and "lock" not in p.name.lower()]}
    return sorted(p for p in where[target] if p.exists())


def damage(path: Path, how: str, rng: random.Random) -> str:
    """Flip 1–64 bytes at one random place, cut the file at a random length, or delete it."""
    data = bytearray(path.read_bytes())
    if how == "delete" or not data:
        path.unlink()
        return "deleted"
    if how == "truncate":
        cut = rng.randrange(len(data))
        path.write_bytes(bytes(data[:cut]))
        return f"cut to {cut} of {len(data)} bytes"
    at, n = rng.randrange(len(data)), rng.randint(1, 64)
    for i in range(at, min(at + n, len(data))):
        data[i] ^= rng.randint(1, 255)
    path.write_bytes(bytes(data))
    return f"{min(n, len(data) - at)} bytes flipped at {at} of {len(data)}"


def _problems(root: Path, repair: bool = False) -> tuple[bool, list[str]]:
    """(can the archive be opened and checked, the checks that fail), as `vanthu check` sees it."""
    from vanthu.archive.errors import VanthuError
    from vanthu.archive.store import Archive
    from vanthu.pipeline.check import check_archive

    try:
        with Archive.open(root, create=False) as archive:
            report = check_archive(archive, repair=repair)
    except VanthuError as err:
        return False, [str(err)]
    return True, [f"{f.check}: {f.detail}" for f in report.findings if not (f.ok or f.repaired)]


def corruption_trial(root: Path, backup: Path, reference: dict) -> dict:
    """Classify one damaged copy: check, then what a librarian does (check --repair; rebuild for a
    database; restore from the backup for lost originals), then compare with the reference."""
    from vanthu.archive.store import Archive
    from vanthu.pipeline.backup import restore_archive
    from vanthu.pipeline.rebuild import rebuild_archive

    opened, problems = _problems(root)
    if opened and not problems:
        try:
            same = archive_state(root) == reference
        except Exception as err:  # the check said ok but reading fails: undetected
            return {"outcome": "undetected", "why": f"{type(err).__name__}: {err}"}
        return {"outcome": "no effect" if same else "undetected", "why": "check passes"}
    shown, steps = problems[0][:160], []
    if opened:
        steps.append("check --repair")
        opened, left = _problems(root, repair=True)
    if not opened or any(p.startswith(("database", "documents")) for p in (left if opened else problems)):
        steps.append("rebuild")
        try:
            rebuild_archive(root)
        except Exception as err:
            steps.append(f"rebuild failed: {err}")
    opened, left = _problems(root)
    if not opened or left:
        steps.append("restore from backup")
        restore_archive(backup, root)
        opened, left = _problems(root, repair=True)
    state = archive_state(root) if opened else None
    lost = len(reference["rows"]["decisions"]) - len(set(reference["rows"]["decisions"]) & set(
        state["rows"]["decisions"] if state else []))
    if opened and not left and state == reference:
        outcome = "detected and repaired" if "restore from backup" not in steps else "detected, restored from backup"
    else:
        outcome = "detected, not repairable"
    return {"outcome": outcome, "why": shown, "steps": steps, "decisions_lost": lost,
            "left": left[:3] if opened else ["cannot open"]}


def corrupt(trials: int, seed: int = 20261203) -> dict:
    """``trials`` random damages to copies of a real archive (database, full-text index, vectors,
    objects, journal, manifest), each classified; and the backup → damage → restore round trip."""
    import shutil

    from vanthu.archive.store import Archive
    from vanthu.pipeline.backup import backup_archive

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        ref, backup = Path(tmp, "ref"), Path(tmp, "backup")
        build_scenario(ref, Path(tmp, "work"), embed=_semantic())
        with Archive.open(ref) as archive:
            backup_archive(archive, backup)
        reference = archive_state(ref)
        started, results = time.monotonic(), []
        for t in range(trials):
            copy = Path(tmp, f"t{t}")
            shutil.copytree(ref, copy)
            target = TARGETS[t % len(TARGETS)]  # every target as often as the others
            files = _files(copy, target)
            if not files:
                results.append({"trial": t, "target": target, "outcome": "skipped", "why": "no such files"})
                continue
            victim, how = rng.choice(files), rng.choice(DAMAGES)
            what = damage(victim, how, rng)
            outcome = corruption_trial(copy, backup, reference)
            results.append({"trial": t, "target": target, "file": str(victim.relative_to(copy)), "damage": what,
                            **outcome})
            shutil.rmtree(copy, ignore_errors=True)
    counts: dict = {}
    for r in results:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    return {"campaign": "corrupt", "trials": trials, "outcomes": counts,
            "by_target": {t: _count([r for r in results if r["target"] == t]) for t in TARGETS},
            "decisions_lost": sum(r.get("decisions_lost", 0) for r in results),
            "undetected": [r for r in results if r["outcome"] == "undetected"],
            "not_repairable": [r for r in results if r["outcome"] == "detected, not repairable"],
            "seconds": round(time.monotonic() - started, 1)}


def _count(rows: list[dict]) -> dict:
    out: dict = {}
    for r in rows:
        out[r["outcome"]] = out.get(r["outcome"], 0) + 1
    return out


# -- kills placed across the import's phases (issue 17) -----------------------------------------

PHASES = ("documents", "graph", "index")
KILL_RUNNER = """
import os, pathlib
import vanthu.pipeline.importer as importer, vanthu.pipeline.ingest as ingest, vanthu.index.sync as sync
import vanthu.index.fulltext as fulltext
importer.CHUNK, sync.PARALLEL_FROM = 10, 1   # several chunks, and Whoosh's writer processes in play
marks = pathlib.Path(os.environ["MARKS"])
def marking(phase, real):
    def wrapper(*args, **kwargs):
        (marks / phase).touch()
        return real(*args, **kwargs)
    return wrapper
importer._store = marking("documents", importer._store)          # a document written in a chunk
ingest.update_edges = marking("graph", ingest.update_edges)       # the chunk's citations resolved
fulltext._fields = marking("index", fulltext._fields)             # a document analysed for the index
from vanthu.cli.app import main
main()
"""


def kill_trial(corpus: Path, archive: Path, phase: str, signum: int, delay: float) -> dict:
    """Start an import, send ``signum`` ``delay`` seconds after it enters ``phase``, run the import
    again, and say what the first run printed and how the archive compares."""
    import signal as signals

    marks = archive.with_name(archive.name + "-marks")
    marks.mkdir(parents=True, exist_ok=True)
    args = ["import", str(corpus), "--archive", str(archive), "--workers", "2", "--no-embed"]
    proc = subprocess.Popen([sys.executable, "-c", KILL_RUNNER, *args], env={**os.environ, "MARKS": str(marks)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 600
    while not (marks / phase).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    landed = proc.poll() is None
    if landed:
        # Ctrl-C reaches the group; `kill -9 PID` and SIGTERM (a service manager) the main process alone:
        # its pool workers, resource tracker and Whoosh's writers must die with it
        os.killpg(proc.pid, signum) if signum == signals.SIGINT else proc.send_signal(signum)
    from tests.test_interrupt import _running_in_group

    proc.wait(timeout=600)
    left, deadline = _running_in_group(proc.pid), time.monotonic() + 10
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = _running_in_group(proc.pid)
    if left:
        os.killpg(proc.pid, signals.SIGKILL)  # else they hold its stderr and the trial never ends
    err = proc.communicate(timeout=60)[1]
    after = _vanthu("check", "--archive", str(archive)), _vanthu("search", "phòng", "--archive", str(archive))
    rerun = _vanthu(*args)
    return {"phase": phase, "signal": signals.Signals(signum).name, "landed": landed, "exit": proc.returncode,
            "traceback": "Traceback" in err, "lines": len(err.strip().splitlines()), "left": len(left),
            # the index after the kill: readable, or said to be damaged in words (never an internal error)
            "check_exit": after[0].returncode, "search_exit": after[1].returncode,
            "index_said": all(_plain(r) for r in after), "rerun_exit": rerun.returncode}


def _vanthu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from vanthu.cli.app import main; main()", *args],
                          capture_output=True, text=True, timeout=900)


def _plain(result: subprocess.CompletedProcess) -> bool:
    """Exit 0, or a failure said in words: no traceback, no internal error."""
    said = result.stdout + result.stderr
    return result.returncode == 0 or ("Traceback" not in said and "internal error" not in said)


def kills(trials: int, seed: int = 20261203) -> dict:
    """Kills placed uniformly across the phases (each phase and signal in turn, a random delay of up
    to 0.5 s after the phase begins), each import then run again and compared with an uninterrupted one."""
    import signal as signals

    from tests.test_crash import _corpus, _run_import, _snapshot
    from vanthu.archive.store import Archive
    from vanthu.pipeline.check import check_archive

    rng = random.Random(seed)
    sigs = (signals.SIGKILL, signals.SIGINT, signals.SIGTERM)
    # Started as a background job, this process ignores Ctrl-C, and so would each import it starts:
    # the SIGINT trials would then finish undisturbed. Handled here, it is the default in them.
    signals.signal(signals.SIGINT, signals.default_int_handler)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _corpus(Path(tmp, "kho"))
        proc = _run_import(corpus, Path(tmp, "ref"))
        assert proc.wait(timeout=900) == 0, proc.stderr.read().decode()
        reference = _snapshot(Path(tmp, "ref"))
        started, results = time.monotonic(), []
        for t in range(trials):
            archive = Path(tmp, f"t{t}", "archive")
            out = kill_trial(corpus, archive, PHASES[t % 3], sigs[(t // 3) % 3], rng.uniform(0, 0.5))
            with Archive.open(archive, create=False) as store:
                out["check_ok"] = check_archive(store).ok
            out["equal"] = _snapshot(archive) == reference
            results.append(out)
            print(json.dumps(out), file=sys.stderr, flush=True)
    expected = {"SIGKILL": -9, "SIGINT": 130, "SIGTERM": 143}
    return {"campaign": "kills", "trials": trials, "documents": len(reference["docs"]),
            "landed": {p: sum(r["landed"] for r in results if r["phase"] == p) for p in PHASES},
            "left_behind": sum(r["left"] for r in results),
            "index_unsaid": [r for r in results if not r["index_said"]],
            "differing": [r for r in results if not (r["equal"] and r["check_ok"] and r["rerun_exit"] == 0)],
            "noisy": [r for r in results if r["landed"] and (r["traceback"] or r["exit"] != expected[r["signal"]])],
            "results": results, "seconds": round(time.monotonic() - started, 1)}


def _semantic() -> bool:
    from vanthu.pipeline.semantic import semantic_available

    return semantic_available()


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
    k = sub.add_parser("corrupt")
    k.add_argument("--trials", type=int, default=60)
    q = sub.add_parser("kills")
    q.add_argument("--trials", type=int, default=9)
    args = parser.parse_args()
    if args.campaign == "fuzz":
        out = fuzz(args.runs, seconds=args.seconds)
    elif args.campaign == "crash":
        out = crash(args.trials)
    elif args.campaign == "corrupt":
        out = corrupt(args.trials)
    elif args.campaign == "kills":
        out = kills(args.trials)
    else:
        out = large(args.mb)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
