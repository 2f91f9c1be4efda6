"""`vanthu backup DEST` and `vanthu restore SRC`: a copy of the archive that proves itself.

A backup is itself an archive (``vanthu check --archive DEST`` passes, ``vanthu search --archive
DEST`` answers) with, in the spirit of BagIt (RFC 8493), a manifest of every file's SHA-256
(``manifest-sha256.txt``, ``<hash>  <path>`` lines) and a tag file (``backup-info.txt``: when, what
vanthu, how many files and bytes) whose own hash is in ``tagmanifest-sha256.txt``.

- The database is copied with SQLite's online backup API (``Connection.backup``): a consistent
  snapshot even while searches read it or an import writes it.
- The originals are copied only when the backup lacks them (they are named by their hash and never
  change), so a daily backup copies the day's new files and the database.
- The journal and the sidecar manifest of objects/ are copied as they are.
- The full-text index and the vectors are copied under the archive's write lock when no import runs
  (then they match the snapshot); during an import the index is built again in the backup instead.

A restore verifies the backup's manifest first and refuses one that does not verify; an archive
already at the target is moved aside (``replaced-<time>/``), never deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .. import __version__
from ..archive.errors import ArchiveBusy, ArchiveError, BadInput
from ..archive.journal import JOURNAL
from ..archive.store import Archive
from ..index.sync import rebuild_fulltext

__all__ = ["BackupReport", "backup_archive", "restore_archive", "verify_backup", "MANIFEST", "TAG_FILE"]

MANIFEST = "manifest-sha256.txt"
TAG_FILE = "backup-info.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
_TAGS = (MANIFEST, TAG_FILE, TAG_MANIFEST)
_DB = "archive.sqlite"
_DERIVED = ("fulltext", "vectors")


@dataclass
class BackupReport:
    """What a backup or a restore did; ``to_json`` is what `--json` prints."""

    path: str
    files: int = 0
    bytes: int = 0
    objects_copied: int = 0
    objects_kept: int = 0
    index: str = ""
    aside: str | None = None
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "files": self.files, "bytes": self.bytes, "objects_copied": self.objects_copied,
                "objects_kept": self.objects_kept, "index": self.index, "aside": self.aside}


def backup_archive(archive: Archive, dest: Path) -> BackupReport:
    """Copy ``archive`` to ``dest`` (a new folder or an earlier backup of it), then write its manifest."""
    dest = Path(dest)
    if dest.resolve() == archive.root.resolve() or archive.root.resolve() in dest.resolve().parents:
        raise BadInput(f"a backup cannot go inside the archive it copies ({archive.root})")
    if dest.exists() and any(dest.iterdir()) and not (dest / MANIFEST).exists():
        raise BadInput(f"{dest} is not empty and is not a vanthu backup: choose an empty or new folder")
    dest.mkdir(parents=True, exist_ok=True)
    (dest / MANIFEST).unlink(missing_ok=True)  # an interrupted backup leaves no manifest: it never verifies
    report = BackupReport(str(dest))
    hashes: dict[str, str] = {}
    with _writer_paused(archive) as quiet:
        _copy_database(archive, dest / _DB)
        _copy_objects(archive.root, dest, hashes, report)
        for name in (JOURNAL,):
            if (archive.root / name).exists():
                shutil.copyfile(archive.root / name, dest / name)
        for name in _DERIVED:
            shutil.rmtree(dest / name, ignore_errors=True)
            if quiet and (archive.root / name).exists():
                shutil.copytree(archive.root / name, dest / name)
    if quiet:
        report.index = "copied with the database (no import was running)"
    else:
        with Archive.open(dest) as copy, copy.write_lock():
            rebuild_fulltext(copy)
        report.index = "built again in the backup (an import was running: its index was being written)"
    _write_manifest(dest, hashes, report)
    return report


@contextmanager
def _writer_paused(archive: Archive) -> Iterator[bool]:
    """The write lock when it is free (True: nothing changes while the indexes are copied), else
    nothing (False: an import runs; the database snapshot alone is consistent)."""
    try:
        archive.acquire_lock()
    except ArchiveBusy:
        yield False
        return
    except ArchiveError:  # a read-only archive: nothing writes it
        yield True
        return
    try:
        yield True
    finally:
        archive.release_lock()


def _copy_database(archive: Archive, target: Path) -> None:
    """SQLite's online backup into a file aside, renamed over the backup's database when complete."""
    tmp = target.with_name(".tmp-" + target.name)
    tmp.unlink(missing_ok=True)
    archive.copy_database(tmp)
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(tmp, target)


def _copy_objects(root: Path, dest: Path, hashes: dict[str, str], report: BackupReport) -> None:
    """Every original the backup lacks (named by its hash: one already there is the same file)."""
    source = root / "objects"
    for path in sorted(source.glob("*/*")):
        if path.name.startswith(".tmp-") or not path.is_file():
            continue
        rel = path.relative_to(root)
        target = dest / rel
        if target.exists() and target.stat().st_size == path.stat().st_size:
            report.objects_kept += 1
            hashes[rel.as_posix()] = path.name
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        hashes[rel.as_posix()] = _copy_hashing(path, target)
        report.objects_copied += 1
    if (source / "manifest.jsonl").exists():
        (dest / "objects").mkdir(exist_ok=True)
        shutil.copyfile(source / "manifest.jsonl", dest / "objects" / "manifest.jsonl")


def _copy_hashing(source: Path, target: Path) -> str:
    digest = hashlib.sha256()
    tmp = target.with_name(".tmp-" + target.name)
    with source.open("rb") as src, tmp.open("wb") as out:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)
    return digest.hexdigest()


def _payload(root: Path) -> list[Path]:
    """Every file of a backup but its tag files, the lock and temporary files."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in (*_TAGS, "write.lock")
                  and not p.name.startswith(".tmp-") and not p.name.startswith(_DB + "-"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_manifest(dest: Path, known: dict[str, str], report: BackupReport) -> None:
    """manifest-sha256.txt (objects by the hash they were copied or named with, other files hashed
    now), backup-info.txt, and tagmanifest-sha256.txt over both; each written aside and renamed."""
    lines = []
    for path in _payload(dest):
        rel = path.relative_to(dest).as_posix()
        lines.append(f"{known.get(rel) or _sha256(path)}  {rel}")
        report.files += 1
        report.bytes += path.stat().st_size
    when = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    info = (f"Bagging-Date: {when}\nBag-Software-Agent: vanthu {__version__}\n"
            f"Payload-Oxum: {report.bytes}.{report.files}\nExternal-Description: a vanthu archive "
            "(archive.sqlite, objects/, journal.jsonl); verify with `vanthu restore --verify-only`\n")
    _write_aside(dest / TAG_FILE, info)
    _write_aside(dest / MANIFEST, "\n".join(lines) + "\n")
    _write_aside(dest / TAG_MANIFEST, "".join(f"{_sha256(dest / n)}  {n}\n" for n in (MANIFEST, TAG_FILE)))


def _write_aside(target: Path, text: str) -> None:
    tmp = target.with_name(".tmp-" + target.name)
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def verify_backup(src: Path) -> list[str]:
    """What is wrong with a backup: files missing, altered or not listed in its manifest (empty: it verifies)."""
    src = Path(src)
    if not (src / MANIFEST).exists():
        return [f"{src} has no {MANIFEST}: not a vanthu backup, or one that was interrupted"]
    problems = []
    tags = _listed(src / TAG_MANIFEST) if (src / TAG_MANIFEST).exists() else {}
    for name, sha in tags.items():
        if not (src / name).exists() or _sha256(src / name) != sha:
            problems.append(f"{name}: altered (its hash is not the one in {TAG_MANIFEST})")
    listed = _listed(src / MANIFEST)
    for rel, sha in listed.items():
        path = src / rel
        if not path.is_file():
            problems.append(f"{rel}: missing")
        elif _sha256(path) != sha:
            problems.append(f"{rel}: altered (SHA-256 mismatch)")
    extra = [p.relative_to(src).as_posix() for p in _payload(src)]
    problems += [f"{rel}: not in the manifest" for rel in extra if rel not in listed]
    return problems


def _listed(manifest: Path) -> dict[str, str]:
    out = {}
    for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
        sha, _, rel = line.partition("  ")
        if rel:
            out[rel] = sha
    return out


def restore_archive(src: Path, target: Path) -> BackupReport:
    """Restore a backup into ``target`` once its manifest verifies; an archive there is moved aside."""
    src, target = Path(src), Path(target)
    problems = verify_backup(src)
    if problems:
        shown = "; ".join(problems[:5]) + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise ArchiveError(f"the backup at {src} does not verify, so it was not restored: {shown}")
    report = BackupReport(str(target))
    target.mkdir(parents=True, exist_ok=True)
    if (target / _DB).exists() or (target / JOURNAL).exists():
        aside = target / f"replaced-{dt.datetime.now(dt.timezone.utc).strftime('%Y%m%d-%H%M%S')}"
        aside.mkdir()
        for name in (_DB, _DB + "-wal", _DB + "-shm", JOURNAL, *_DERIVED):
            if (target / name).exists():
                os.replace(target / name, aside / name)
        report.aside = str(aside)
    for rel, sha in _listed(src / MANIFEST).items():
        there = target / rel
        if rel.startswith("objects/") and rel != "objects/manifest.jsonl" and there.exists() \
                and _sha256(there) == sha:  # an original the target already holds, whole
            report.objects_kept += 1
            continue
        there.parent.mkdir(parents=True, exist_ok=True)
        _copy_hashing(src / rel, there)
        report.objects_copied += rel.startswith("objects/")
        report.files += 1
    return report
