"""`vanthu backup` and `vanthu restore` (issue 17): a backup is an archive that verifies on its own,
copies only new originals the next time, is consistent while an import holds the archive, and a
restore refuses a backup whose manifest does not verify; backup → damage → restore gives back the
archive as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vanthu.archive.store import Archive
from vanthu.graph.edges import link
from vanthu.pipeline.backup import backup_archive, verify_backup
from vanthu.pipeline.ingest import ingest

from tests.test_rebuild import snapshot


@pytest.fixture(scope="module")
def built(tmp_path_factory, samples_dir) -> Path:
    root = tmp_path_factory.mktemp("backup") / "archive"
    with Archive.open(root) as archive:
        ingest(archive, [samples_dir / "chain"], workers=1)
        link(archive, archive.resolve_ref("845/UBND-YT", issuer="Tam Dương").id, archive.resolve_ref("2296/KH-UBND").id)
    return root


@pytest.fixture
def archive(built, tmp_path) -> Path:
    """A private copy of the built archive, free to damage."""
    return Path(shutil.copytree(built, tmp_path / "archive"))


def test_a_backup_is_an_archive_that_verifies_and_copies_only_new_originals(archive, tmp_path, vanthu, samples_dir):
    dest = tmp_path / "backup"
    code, out, err = vanthu("backup", str(dest), "--archive", str(archive), "--json")
    assert code == 0, err
    first = json.loads(out)
    assert first["objects_copied"] == 12 and first["objects_kept"] == 0
    assert {"manifest-sha256.txt", "backup-info.txt", "tagmanifest-sha256.txt", "journal.jsonl"} <= {
        p.name for p in dest.iterdir()}
    code, out, _ = vanthu("check", "--archive", str(dest))
    assert code == 0, out
    code, out, _ = vanthu("search", "tiêm vắc xin", "--archive", str(dest), "--json")
    assert code == 0 and json.loads(out)["total"] > 0
    assert verify_backup(dest) == []  # checking and searching the backup changed none of its bytes
    with Archive.open(archive) as store:
        ingest(store, [samples_dir / "seeds"], workers=1)
    code, out, _ = vanthu("backup", str(dest), "--archive", str(archive), "--json")
    again = json.loads(out)
    assert (again["objects_copied"], again["objects_kept"]) == (5, 12)  # only the day's new originals
    assert verify_backup(dest) == [] and snapshot(dest) == snapshot(archive)


def test_a_backup_taken_while_an_import_holds_the_archive_is_consistent(archive, tmp_path, vanthu):
    writer = Archive.open(archive)
    writer.acquire_lock()  # an import in progress, as far as the backup can tell
    try:
        with Archive.open(archive) as store:
            report = backup_archive(store, tmp_path / "backup")
    finally:
        writer.close()
    assert "built again" in report.index
    code, out, _ = vanthu("check", "--archive", str(tmp_path / "backup"))
    assert code == 0, out


def _flip_object(dest: Path) -> None:
    victim = next(p for p in sorted((dest / "objects").glob("*/*")) if p.name != "manifest.jsonl")
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x20
    victim.write_bytes(bytes(data))


BAD_BACKUPS = [
    ("an original with one bit changed", _flip_object),
    ("the database deleted", lambda dest: (dest / "archive.sqlite").unlink()),
    ("the journal cut short", lambda dest: (dest / "journal.jsonl").write_bytes(
        (dest / "journal.jsonl").read_bytes()[:40])),
    ("a file slipped in", lambda dest: (dest / "objects" / "ab").mkdir(exist_ok=True) or
        (dest / "objects" / "ab" / ("ab" * 32)).write_bytes(b"not an original")),
    ("the manifest edited", lambda dest: (dest / "manifest-sha256.txt").write_text(
        (dest / "manifest-sha256.txt").read_text().replace("archive.sqlite", "archive.db"))),
    ("no manifest: an interrupted backup", lambda dest: (dest / "manifest-sha256.txt").unlink()),
]


@pytest.mark.parametrize("name, damage", BAD_BACKUPS, ids=[b[0] for b in BAD_BACKUPS])
def test_a_restore_refuses_a_backup_that_does_not_verify(archive, tmp_path, vanthu, name, damage):
    dest = tmp_path / "backup"
    with Archive.open(archive) as store:
        backup_archive(store, dest)
    damage(dest)
    target = tmp_path / "restored"
    code, _, err = vanthu("restore", str(dest), "--archive", str(target))
    assert code == 1 and "does not verify, so it was not restored" in err and "Traceback" not in err
    assert not target.exists() or not any(target.iterdir())


def test_backup_damage_restore_gives_the_archive_back(archive, tmp_path, vanthu):
    dest = tmp_path / "backup"
    before = snapshot(archive)
    with Archive.open(archive) as store:
        backup_archive(store, dest)
    (archive / "archive.sqlite").write_bytes((archive / "archive.sqlite").read_bytes()[:-4096])
    next((archive / "objects").glob("*/*")).unlink()
    code, out, err = vanthu("restore", str(dest), "--archive", str(archive), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["aside"] and (Path(report["aside"]) / "archive.sqlite").exists()  # the damaged one kept
    code, out, _ = vanthu("check", "--archive", str(archive))
    assert code == 0, out
    assert snapshot(archive) == before
