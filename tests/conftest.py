"""Shared fixtures. The repository root is put on sys.path so tests can use `benchmarks.generator`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return ROOT / "samples"


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted((ROOT / "samples" / "seeds").glob("*.txt"))
