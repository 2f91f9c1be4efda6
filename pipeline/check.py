"""`vanthu check`: is the archive whole, and are the derived indexes in step with it?

The archive (SQLite + originals) cannot be rebuilt from anything, so it is only verified; the
derived indexes (full-text, graph edges, vectors) are verified and, with ``repair``, rebuilt.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..archive.store import Archive

__all__ = ["Finding", "CheckReport", "check_archive"]


@dataclass(frozen=True)
class Finding:
    """The outcome of one check; ``repaired`` says whether --repair fixed it."""

    check: str
    ok: bool
    detail: str
    repaired: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "ok": self.ok, "detail": self.detail, "repaired": self.repaired}


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok or f.repaired for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "findings": [f.to_json() for f in self.findings]}


def check_sqlite(archive: Archive) -> Finding:
    rows = [r[0] for r in archive.conn.execute("PRAGMA integrity_check")]
    ok = rows == ["ok"]
    return Finding("database", ok, "SQLite integrity ok" if ok else "; ".join(rows[:5]))


def check_originals(archive: Archive) -> Finding:
    """Every stored original exists and still hashes to its name."""
    bad = []
    rows = archive.conn.execute("SELECT id, sha256 FROM documents").fetchall()
    for doc_id, sha in rows:
        path = archive.object_path(sha)
        if not path.exists():
            bad.append(f"{doc_id}: original missing")
            continue
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha:
            bad.append(f"{doc_id}: original altered (SHA-256 mismatch)")
    if bad:
        detail = f"{len(bad)} of {len(rows)} originals damaged: " + "; ".join(bad[:5])
        return Finding("originals", False, detail + " — restore them from a backup; the text is still in the archive")
    return Finding("originals", True, f"{len(rows)} originals verified against SHA-256")


def check_fulltext(archive: Archive, repair: bool) -> Finding:
    from .fulltext import fulltext_status, rebuild_fulltext, sync_fulltext

    try:
        status = fulltext_status(archive)
    except Exception as err:  # a damaged Whoosh directory: whatever Whoosh raises, it is rebuildable
        status, problem = None, f"index unreadable ({type(err).__name__}: {err})"
    else:
        if status.ok and not status.pending:
            return Finding("fulltext", True, "full-text index holds every current document and nothing else")
        problem = ("index built with an older schema" if status.outdated else
                   "index missing" if not status.present else
                   f"{len(status.missing)} documents missing from the index, {len(status.extra)} stale entries"
                   f"{f', {status.pending} pending' if status.pending else ''}")
    if not repair:
        return Finding("fulltext", False, problem + " — run `vanthu check --repair` or `vanthu reindex`")
    if status is not None and status.present and not status.extra and len(status.missing) <= status.pending:
        sync_fulltext(archive)
    else:
        rebuild_fulltext(archive)
    return Finding("fulltext", False, problem + " — rebuilt from the archive", repaired=True)


Extra = Callable[[Archive, bool], Finding]
EXTRA_CHECKS: list[Extra] = []  # graph and vectors register theirs (pipeline.graph, pipeline.semantic)


def check_archive(archive: Archive, *, repair: bool = False) -> CheckReport:
    """Run every check; with ``repair`` rebuild what is derived (under the write lock)."""
    from . import graph, semantic  # noqa: F401  (they register the graph and vectors checks)

    report = CheckReport([check_sqlite(archive), check_originals(archive)])
    if repair:
        with archive.write_lock():
            report.findings += [check_fulltext(archive, True), *(c(archive, True) for c in EXTRA_CHECKS)]
    else:
        report.findings += [check_fulltext(archive, False), *(c(archive, False) for c in EXTRA_CHECKS)]
    return report
