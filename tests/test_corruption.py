"""A short corruption campaign (issue 17; the long one: `benchmarks/reliability.py corrupt`): one
random damage per part of a real archive — database, full-text index, originals, journal, manifest
(and vectors where the semantic extra made them) — each found by `vanthu check` and repaired by
what the message says (check --repair, rebuild, restore from the backup), with no decision lost."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from benchmarks.reliability import (DAMAGES, TARGETS, _files, archive_state, build_scenario, corruption_trial,
                                    damage)
from vanthu.archive.store import Archive
from vanthu.pipeline.backup import backup_archive


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corruption")
    build_scenario(tmp / "ref", tmp / "work")
    with Archive.open(tmp / "ref") as archive:
        backup_archive(archive, tmp / "backup")
    return tmp / "ref", tmp / "backup", archive_state(tmp / "ref")


@pytest.mark.parametrize("target", [t for t in TARGETS if t != "vectors"])
def test_every_damage_is_found_and_repaired_with_no_decision_lost(reference, tmp_path, target):
    ref, backup, state = reference
    rng = random.Random(f"{target}-17")
    copy = Path(shutil.copytree(ref, tmp_path / "copy"))
    victim, how = rng.choice(_files(copy, target)), rng.choice(DAMAGES)
    what = damage(victim, how, rng)
    outcome = corruption_trial(copy, backup, state)
    assert outcome["outcome"] in ("detected and repaired", "detected, restored from backup", "no effect"), (
        what, outcome)
    assert outcome.get("decisions_lost", 0) == 0
