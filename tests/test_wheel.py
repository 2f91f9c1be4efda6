"""The package as a user installs it: a wheel built from the repository, in a fresh virtual
environment, must hold every subpackage and run `vanthu parse` (an editable install, which the
rest of the suite uses, would hide a package or data file left out of the wheel)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "seeds" / "huyen-uy-xuan-truong_288-CV-HU_2021-07-15.txt"
GOLDEN = ROOT / "tests" / "golden" / "huyen-uy-xuan-truong_288-CV-HU_2021-07-15.json"


def _run(*cmd: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": ""})


_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".*cache*",
                                     ".hypothesis", ".demo-archive", "tests", "samples")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the source (a build in the checkout would leave build/ there,
    whose stale files a later build could ship)."""
    out = tmp_path_factory.mktemp("wheel")
    source = out / "src"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                 "-w", out, source)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = out.glob("vanthu-*.whl")
    return wheel


def test_the_wheel_holds_every_package_of_the_source_tree(wheel):
    shipped = {Path(name).parent.as_posix() for name in zipfile.ZipFile(wheel).namelist() if name.endswith(".py")}
    source = {
        "vanthu/" + p.parent.relative_to(ROOT).as_posix() if p.parent != ROOT else "vanthu"
        for p in ROOT.rglob("__init__.py")
        if not {".venv", "tests", "benchmarks", "build"} & set(p.relative_to(ROOT).parts)
    }
    assert source <= shipped, f"left out of the wheel: {sorted(source - shipped)}"
    assert not any(part.startswith(("vanthu/tests", "vanthu/benchmarks")) for part in shipped)


def test_vanthu_parse_runs_from_the_installed_wheel(wheel, tmp_path):
    env = tmp_path / "fresh"
    venv.create(env, with_pip=False)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(env), "platbase": str(env)}))
    installed = _run(sys.executable, "-m", "pip", "--python", env / "bin" / "python", "install", "-q",
                     "--no-deps", "--no-index", wheel)
    assert installed.returncode == 0, installed.stderr[-2000:]
    # The dependencies come from this environment's site-packages as a plain path: its .pth files
    # (among them the editable install of vanthu) are not run, so `vanthu` can only be the wheel's.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    where = _run(env / "bin" / "python", "-c", "import vanthu; print(vanthu.__file__)", cwd=tmp_path)
    assert where.returncode == 0 and Path(where.stdout.strip()).is_relative_to(env), where.stdout + where.stderr
    parsed = _run(env / "bin" / "vanthu", "parse", SEED, "--json", cwd=tmp_path)
    assert parsed.returncode == 0, parsed.stderr[-2000:]
    assert json.loads(parsed.stdout) == json.loads(GOLDEN.read_text(encoding="utf-8"))
