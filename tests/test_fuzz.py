"""Fuzzing the import as a whole: for any mix of good and bad files, an import never raises and
never loses a good document; and a short coverage-guided run (atheris) of the readers and the
parser finds nothing but ReadError. The long campaign is benchmarks/reliability.py."""

from __future__ import annotations

import random
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanthu.archive.store import Archive
from vanthu.pipeline.importer import import_paths


@lru_cache(maxsize=1)
def _good_files() -> tuple[tuple[str, bytes, str], ...]:
    """(name, bytes, the document's number) for generated dispatches in several formats."""
    from benchmarks.generator import encode, generate

    from vanthu.archive.readers import read_bytes
    from vanthu.pipeline.analyze import analyze

    files = []
    for i, doc in enumerate(generate(12, seed=41)):
        fmt = ("txt", "docx", "tcvn3", "vni", "utf16", "txt")[i % 6]
        name, data = encode(doc, fmt)
        alone = analyze(read_bytes(data, name).text)[1].number  # what it parses to on its own
        files.append((f"{i:02d}-{Path(name).name}", data, alone))
    return tuple(files)


def _bad(kind: str, seed: int, good: bytes) -> tuple[str, bytes]:
    rng = random.Random(seed)
    ext = rng.choice([".txt", ".docx", ".pdf", ".doc", ".rtf", ".html", ".md", ".zip", ".xyz", ""])
    if kind == "random":
        return f"hong{ext}", rng.randbytes(rng.randrange(1, 5000))
    if kind == "truncated":
        return f"cut{ext or '.docx'}", good[: rng.randrange(0, max(1, len(good)))]
    if kind == "flipped":  # a good file with bytes flipped, as on a failing disk
        data = bytearray(good)
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return f"lat{ext}", bytes(data)
    return f"rong{ext}", b""


MIXES = st.tuples(
    st.lists(st.integers(0, 11), min_size=1, max_size=6, unique=True),          # which good files
    st.lists(st.tuples(st.sampled_from(["random", "truncated", "flipped", "empty"]),
                       st.integers(0, 2**32), st.integers(0, 11)), max_size=8),  # which bad ones
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MIXES)
def test_an_import_of_any_mix_never_raises_and_never_loses_a_good_document(mix):
    good_ids, bad_specs = mix
    goods = _good_files()
    with tempfile.TemporaryDirectory() as tmp:
        kho = Path(tmp, "kho")
        kho.mkdir()
        for i in good_ids:
            name, data, _ = goods[i]
            (kho / name).write_bytes(data)
        for k, (kind, seed, base) in enumerate(bad_specs):
            name, data = _bad(kind, seed, goods[base][1])
            (kho / f"x{k}-{name}").write_bytes(data)
        with Archive.open(Path(tmp, "archive")) as archive:
            report = import_paths(archive, [kho], workers=1)
            sources = {r[0]: r[1] for r in archive.conn.execute(
                "SELECT s.path, d.number FROM sources s JOIN documents d ON d.id = s.doc_id")}
        on_disk = {f"kho/{p.name}" for p in kho.iterdir()}
    assert not [f for f in report.failed if "internal error" in f.error], report.failed
    for i in good_ids:
        name, _, number = goods[i]
        assert f"kho/{name}" in sources, (name, [f for f in report.failed if f.path == f"kho/{name}"])
        assert sources[f"kho/{name}"] == number  # the good file's own document, parsed the same as alone
    failed = {f.path for f in report.failed}
    assert not set(sources) & failed  # every file (or zip member) has one outcome
    top = {"/".join(path.split("/")[:2]) for path in set(sources) | failed}  # a zip's members: the zip
    assert top <= on_disk and {p for p in on_disk if not p.endswith(".zip")} <= top  # a zip may hold only debris


def test_short_coverage_guided_fuzz_of_readers_and_parser_finds_no_crash():
    pytest.importorskip("atheris")
    from benchmarks.reliability import fuzz

    result = fuzz(runs=300, max_len=16384)
    assert result["exit"] == 0 and result["crash"] is None, result["crash"]
    assert result["last"] and "DONE" in result["last"]
