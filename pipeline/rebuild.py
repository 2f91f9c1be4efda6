"""`vanthu rebuild`: a new archive database from the originals and the journal alone.

What a rebuild reads, none of it from the old database:

- ``objects/`` and its sidecar ``objects/manifest.jsonl`` (each file's hash, name, format, path
  and batch, in import order);
- ``journal.jsonl``, the librarians' decisions (corrections, links, unlinks, undone batches).

It sets the old database aside (never deletes it: ``damaged-<time>/`` in the archive folder, with
its WAL and the full-text index as they were), then replays history in the order it
happened: each batch (but those undone) is imported again through the import itself, under its
own batch id, from a staging folder where each original lies under its first path and name; each
decision is applied between them at its time, through the same functions as the librarian's
command (``set_overrides``, ``link``, ``unlink``). Then the derived indexes are rebuilt: full-text,
edges, and the vectors where the semantic extra is installed (else it says so).

Ids come out the same (an id is derived from the first original's hash, and the order is kept),
so links, corrections and the vectors keyed by them match the lost archive.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..archive import journal
from ..archive.batches import note_undone
from ..archive.errors import ArchiveError, BadInput, NotFound
from ..archive.originals import read_manifest
from ..archive.store import Archive, object_path
from ..graph.edges import link, rebuild_edges, unlink, update_edges
from ..index.sync import rebuild_fulltext, sync_fulltext
from .importer import import_paths

__all__ = ["RebuildReport", "rebuild_archive", "DB_FILES"]

DB_FILES = ("archive.sqlite", "archive.sqlite-wal", "archive.sqlite-shm")
_ASIDE = ("fulltext",)  # derived: kept with the old database, rebuilt afresh (vectors, keyed by the
# ids a rebuild keeps, stay and are checked against the new database: only what differs is embedded)


@dataclass
class RebuildReport:
    """What a rebuild did; ``to_json`` is what `vanthu rebuild --json` prints."""

    aside: str | None = None
    batches: int = 0
    documents: int = 0
    decisions: int = 0
    not_applied: list[str] = field(default_factory=list)
    missing_objects: list[str] = field(default_factory=list)
    vectors: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"aside": self.aside, "batches": self.batches, "documents": self.documents,
                "decisions": self.decisions, "not_applied": self.not_applied,
                "missing_objects": self.missing_objects, "vectors": self.vectors}


def rebuild_archive(root: Path, *, workers: int | None = None,
                    on_step: Callable[[str], None] | None = None) -> RebuildReport:
    """Build the archive database at ``root`` again from objects/ and the journal (see the module)."""
    root = Path(root)
    say = on_step or (lambda message: None)
    manifest = read_manifest(root)
    if not manifest:
        raise BadInput(f"nothing to rebuild at {root}: objects/manifest.jsonl is missing or empty "
                       "(an archive made before schema 5 writes it when a vanthu of schema 5 first opens it)")
    report = RebuildReport(aside=str(_set_aside(root)))
    say(f"the old database and indexes were moved to {report.aside}")
    undone = {e["values"].get("batch"): e.get("at") for e in journal.entries(root) if e["kind"] == "undo"}
    batches = _batches(manifest, undone)
    decisions = [e for e in journal.entries(root) if e["kind"] != "undo"]
    with Archive.open(root) as archive, journal.replaying(root):
        _replay(archive, batches, decisions, report, workers, say)
        with archive.write_lock(), archive.transaction():
            for batch, at in undone.items():
                note_undone(archive, batch, at)
        say("rebuilding the full-text index and the graph")
        with archive.write_lock():
            rebuild_fulltext(archive)
            sync_fulltext(archive)  # the earlier versions' rows, which a rebuild of the index leaves pending
            rebuild_edges(archive)
        report.documents = archive.count()
        report.vectors = _vectors(archive)
    return report


def _set_aside(root: Path) -> Path:
    """Move the database (and its derived indexes) into ``damaged-<time>/``; nothing is deleted."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime('%Y%m%d-%H%M%S')
    aside, n = root / f"damaged-{stamp}", 1
    while aside.exists():  # a rebuild run again within the second (the first one was stopped)
        n += 1
        aside = root / f"damaged-{stamp}-{n}"
    aside.mkdir()
    for name in (*DB_FILES, *_ASIDE):
        if (root / name).exists():
            os.replace(root / name, aside / name)
    return aside


def _batches(manifest: list[dict], undone: dict) -> list[tuple[int, str, list[dict]]]:
    """(time, batch, lines) of each batch that was not undone, in the order they began."""
    groups: dict[str, list[dict]] = {}
    for line in manifest:
        if line.get("batch") not in undone:
            groups.setdefault(line.get("batch") or "unknown", []).append(line)
    return sorted(((_t(lines[0]), batch, lines) for batch, lines in groups.items()), key=lambda g: g[0])


def _t(entry: dict) -> int:
    return entry.get("t") or journal.ns_of(entry.get("at"))


def _replay(archive: Archive, batches: list, decisions: list[dict], report: RebuildReport,
            workers: int | None, say: Callable[[str], None]) -> None:
    """Batches and decisions in the order they happened (a decision made during a batch, such as a
    correction from its metadata CSV, after that batch)."""
    events = [(t, 0, i) for i, (t, _, _) in enumerate(batches)] + [(_t(d), 1, i) for i, d in enumerate(decisions)]
    for _, kind, i in sorted(events):
        if kind == 0:
            _, batch, lines = batches[i]
            say(f"importing batch {batch} again ({len(lines)} files)")
            _import_batch(archive, batch, lines, report, workers)
        else:
            _apply(archive, decisions[i], report)


def _import_batch(archive: Archive, batch: str, lines: list[dict], report: RebuildReport,
                  workers: int | None) -> None:
    """One batch through the import, from a staging folder that lays its originals out as they came."""
    staging = archive.root / f".tmp-rebuild-{os.getpid()}" / batch
    tops: dict[str, Path] = {}
    try:
        for line in lines:
            source = object_path(archive.root, line["sha256"])
            if not source.exists():
                report.missing_objects.append(f"{line.get('path') or line['sha256']}: original missing from objects/")
                continue
            rel = _relative(line)
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                os.link(source, target) if _same_device(source, staging) else shutil.copyfile(source, target)
            tops.setdefault(rel.parts[0], staging / rel.parts[0])
        if tops:
            import_paths(archive, list(tops.values()), displays=list(tops), workers=workers,
                         after_chunk=update_edges, batch_id=batch)
            report.batches += 1
    finally:
        shutil.rmtree(staging.parent, ignore_errors=True)


def _relative(line: dict) -> Path:
    """Where a file goes in the staging folder: its path as first imported, or its hash and name."""
    path = line.get("path") or line.get("name") or f"{line['sha256']}.{line.get('format') or 'txt'}"
    parts = [p for p in Path(path).parts if p not in ("", ".", "..", "/")]
    return Path(*parts) if parts else Path(line["sha256"])


def _same_device(a: Path, b: Path) -> bool:
    b.mkdir(parents=True, exist_ok=True)
    return a.stat().st_dev == b.stat().st_dev


def _apply(archive: Archive, entry: dict, report: RebuildReport) -> None:
    """One decision of the journal, through the same functions as the librarian's command."""
    try:
        if entry["kind"] == "correct":
            doc = _find(archive, entry["documents"]["doc"])
            with archive.write_lock(), archive.transaction():
                archive.set_overrides(doc, entry["values"].get("overrides") or None)
                update_edges(archive, [doc])
        else:
            src, dst = (_find(archive, entry["documents"][k], current=True) for k in ("src", "dst"))
            values = entry["values"]
            if values.get("decision") == "rejected":
                unlink(archive, src, dst)
            else:
                link(archive, src, dst, relation=values.get("relation"), seq=values.get("seq"))
        report.decisions += 1
    except (NotFound, BadInput, ArchiveError, KeyError, TypeError) as err:
        report.not_applied.append(f"{entry.get('kind')} of {entry.get('at')}: {err}")


def _find(archive: Archive, identity: dict, current: bool = False) -> str:
    """The rebuilt document the journal names, by its originals' hashes (ids may have changed)."""
    for sha in identity.get("originals") or []:
        doc = archive.known_sha(sha)
        if doc:
            return archive.current_version(doc) if current else doc
    raise NotFound(f"document {identity.get('number') or identity.get('id')} is not in the rebuilt archive "
                   "(none of its originals is)")


def _vectors(archive: Archive) -> str:
    """The vectors, re-embedded where the semantic extra is installed; otherwise said."""
    from .semantic import check_vectors, semantic_available

    if not semantic_available():
        return "not rebuilt: the semantic extra is not installed (semantic search is off until `vanthu embed`)"
    return check_vectors(archive, True).detail
