"""`vanthu check`: is the archive whole, and are the derived indexes in step with it?

The archive (SQLite + originals) cannot be rebuilt from anything, so it is only verified; the
derived indexes (full-text, graph edges, vectors) are verified and, with ``repair``, rebuilt.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..archive import graphstore
from ..archive.store import Archive
from ..graph.edges import edges_built, rebuild_edges
from ..index.sync import fulltext_status, rebuild_fulltext, sync_fulltext
from .findings import Finding
from .semantic import check_vectors

__all__ = ["Finding", "CheckReport", "check_archive", "CHECKS"]


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok or f.repaired for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "findings": [f.to_json() for f in self.findings]}


def check_sqlite(archive: Archive) -> Finding:
    problems = archive.integrity_problems()
    return Finding("database", not problems, "; ".join(problems[:5]) if problems else "SQLite integrity ok")


def check_originals(archive: Archive) -> Finding:
    """Every stored original exists and still hashes to its name."""
    bad = []
    rows = archive.originals()
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


def check_graph(archive: Archive, repair: bool) -> Finding:
    """Every current document's citations have edges, and no edge is stale."""
    counts = graphstore.health(archive)
    total = counts.pop("edges")
    problems = [] if edges_built(archive) else ["edges never built for this archive"]
    problems += [f"{n} {what}" for what, n in counts.items() if n]
    if not problems:
        return Finding("graph", True, f"{total} edges, every citation resolved against the archive")
    detail = "; ".join(problems)
    if not repair:
        return Finding("graph", False, detail + " — run `vanthu check --repair` or `vanthu reindex`")
    rebuild_edges(archive)
    return Finding("graph", False, detail + " — edges rebuilt from the archive", repaired=True)


Check = Callable[[Archive, bool], Finding]
CHECKS: tuple[Check, ...] = (check_fulltext, check_graph, check_vectors)  # the derived indexes, in order


def check_archive(archive: Archive, *, repair: bool = False) -> CheckReport:
    """Run every check; with ``repair`` rebuild what is derived (under the write lock)."""
    report = CheckReport([check_sqlite(archive), check_originals(archive)])
    if repair:
        with archive.write_lock():
            report.findings += [check(archive, True) for check in CHECKS]
    else:
        report.findings += [check(archive, False) for check in CHECKS]
    return report
