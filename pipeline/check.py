"""`vanthu check`: is the archive whole, and are the derived indexes in step with it?

The archive (SQLite + originals) cannot be rebuilt from anything, so it is only verified; the
derived indexes (full-text, graph edges, vectors) are verified and, with ``repair``, rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..archive import graphstore
from ..archive.errors import ArchiveBusy, ArchiveError
from ..archive.store import Archive
from ..graph.edges import edges_built, rebuild_edges
from ..index.fulltext import altered_files
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
    problems = archive.integrity_problems() + archive.foreign_key_problems()
    if not problems:
        return Finding("database", True, "SQLite integrity ok")
    return Finding("database", False, "; ".join(problems[:5]) + " — run `vanthu rebuild` to build the database "
                                      "again from the originals and the decisions journal (the damaged one is kept)")


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


class NotRepairable(Exception):
    """A damaged row that its original cannot give back here; the message says why and what will."""


def check_documents(archive: Archive, repair: bool) -> Finding:
    """Every document row still holds what it was sealed with, and its citation rows are those its
    metadata states. With ``repair`` a damaged row is derived again from its original, through the
    import's own reading and parsing (:func:`~vanthu.pipeline.importer.derive`), its citations,
    edges and index entry with it."""
    damaged = archive.unsealed_rows()
    citing = archive.citations_out_of_step(skip=[r[0] for r in damaged])
    total = archive.count(current_only=False)
    if not damaged and not citing:
        return Finding("documents", True, f"{total} document rows match their seals; every citation row "
                                          "matches its document")
    detail = "; ".join(
        ([f"{len(damaged)} document rows damaged or altered ({_names(damaged)})"] if damaged else [])
        + ([f"citations out of step with {len(citing)} documents ({', '.join(map(_shown, citing[:5]))})"]
           if citing else []))
    if not repair:
        return Finding("documents", False, detail + " — run `vanthu check --repair` to derive them again "
                                                    "from their originals")
    with archive.transaction():
        failed = _repair_rows(archive, damaged, citing)
    if failed:
        return Finding("documents", False, detail + " — not repaired: " + "; ".join(failed[:5]))
    return Finding("documents", False, detail + " — derived again from their originals", repaired=True)


def _repair_rows(archive: Archive, damaged: list, citing: list[str]) -> list[str]:
    """Derive the damaged rows again and write the citations in step; returns what could not be."""
    from ..graph.edges import update_edges

    failed, fixed = [], []
    for rowid, doc_id, sha in damaged:
        try:
            fixed.append(_rederive(archive, rowid, sha))
        except NotRepairable as why:
            failed.append(f"{_shown(doc_id)}: {why}")
    for doc_id in citing:
        if archive.exists(doc_id):
            archive.set_overrides(doc_id, archive.get(doc_id).overrides)  # rewrites its citation rows
            fixed.append(doc_id)
        else:
            archive.drop_citations_of(doc_id)  # rows whose document id itself was garbled
    current = [d for d in fixed if archive.current_version(d) == d]
    update_edges(archive, current)
    return failed


def _rederive(archive: Archive, rowid: int, sha: str) -> str:
    """One damaged row written again from its original; its id, history and corrections must still
    be readable (else only `vanthu rebuild`, from objects/ and the journal, can give it back)."""
    from ..archive.errors import ReadError
    from ..archive.originals import of_document
    from ..archive.store import DamagedText
    from .importer import derive

    hist = archive.history_of_row(rowid)
    if any(isinstance(v, DamagedText) for v in hist) or not _is_id(hist["id"]):
        raise NotRepairable("its id or history is damaged too — run `vanthu rebuild`")
    for column in ("supersedes", "superseded_by"):
        if hist[column] and not archive.exists(hist[column]):
            raise NotRepairable(f"its {column} names no document — run `vanthu rebuild`")
    try:
        overrides = json.loads(hist["overrides"]) if hist["overrides"] else None
    except ValueError:
        raise NotRepairable("its corrections are damaged too — run `vanthu rebuild` (they are in the journal)") from None
    files = of_document(archive, hist["id"])
    own = [f for f in files if f[0] == sha] or files[:1]
    if not own:
        raise NotRepairable("no original is recorded for it — run `vanthu rebuild`")
    original, _, fmt, _ = own[0]
    data = _verified_bytes(archive, original)
    try:
        extracted, prepared, meta = derive(data, archive.original_name(original) or f"original.{fmt or 'txt'}")
    except ReadError as err:
        raise NotRepairable(f"its original cannot be read again ({err})") from None
    archive.restore_row(rowid, doc_id=hist["id"], sha=original, size=len(data), text=prepared,
                        parsed=meta.to_json(), overrides=overrides, fmt=extracted.format,
                        encoding=extracted.encoding, reader=extracted.reader)
    return hist["id"]


def _verified_bytes(archive: Archive, sha: str) -> bytes:
    path = archive.object_path(sha)
    if not path.exists():
        raise NotRepairable("its original is missing too — restore objects/ from a backup")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha:
        raise NotRepairable("its original is altered too — restore objects/ from a backup")
    return data


def _is_id(value: object) -> bool:
    return isinstance(value, str) and 12 <= len(value) <= 64 and all(c in "0123456789abcdef" for c in value)


def _shown(doc_id: object) -> str:
    return str(doc_id) if _is_id(doc_id) else f"an unreadable id ({str(doc_id)[:16]!r})"


def _names(rows: list) -> str:
    """The damaged rows as a librarian can find them: id, and the original's hash where the id is gone."""
    shown = [_shown(doc_id) if _is_id(doc_id) else f"row {rowid} (original {str(sha)[:12]}…)"
             for rowid, doc_id, sha in rows[:5]]
    return ", ".join(shown) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")


def check_temp_files(archive: Archive, repair: bool) -> Finding:
    """Files that an interrupted write left behind (``.tmp-*`` in objects/ and the archive's folder).
    Only looked at under the write lock: a running import's own files are not leftovers."""
    try:
        with archive.write_lock():
            leftovers = leftover_temp_files(archive.root)
            if leftovers and repair:
                for path in leftovers:
                    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    except ArchiveBusy:
        return Finding("temporary files", True, "not looked at: another vanthu process is writing")
    except ArchiveError:  # read-only: nothing can have been left half-written by this archive's writers
        leftovers = leftover_temp_files(archive.root)
        repair = False
    if not leftovers:
        return Finding("temporary files", True, "no file left behind by an interrupted write")
    names = ", ".join(str(p.relative_to(archive.root)) for p in leftovers[:5])
    detail = f"{len(leftovers)} files left by an interrupted write ({names})"
    if repair:
        return Finding("temporary files", False, detail + " — removed", repaired=True)
    return Finding("temporary files", False, detail + " — run `vanthu check --repair` to remove them")


def leftover_temp_files(root: Path) -> list[Path]:
    """vanthu's own temporary files: ``.tmp-*`` beside the originals, the archive's database and journal."""
    return sorted([*root.glob(".tmp-*"), *(root / "objects").glob("*/.tmp-*"), *(root / "objects").glob(".tmp-*"),
                   *root.glob("fulltext.rebuild")])  # a rebuild of the index stopped before its swap


def check_journal(archive: Archive, repair: bool) -> Finding:
    """The decisions journal reads, and says what the database holds: every link, unlink, correction
    and undone batch. A damaged journal is set aside (kept) and written again from the database; a
    database whose decisions differ from an intact journal is for `vanthu rebuild`."""
    from ..archive import journal

    bad = journal.damaged_lines(archive.root)
    held, said = archive.decisions_held(), journal.final_state(archive.root)
    missing = {k: held[k] - said[k] for k in held}
    extra = {k: said[k] - held[k] for k in held}
    lost = sum(map(len, missing.values()))
    if not bad and not lost and not any(extra.values()):
        return Finding("journal", True, f"{sum(map(len, held.values()))} decisions, each in the journal")
    problems = ([f"{len(bad)} damaged lines (line {', '.join(map(str, bad[:5]))})"] if bad else []) + \
               [f"{len(v)} {k} of the database not in the journal" for k, v in missing.items() if v] + \
               [f"{len(v)} {k} of the journal not in the database" for k, v in extra.items() if v]
    detail = "decisions journal: " + "; ".join(problems)
    if any(extra.values()) and not bad:
        return Finding("journal", False, detail + " — the database lost decisions the journal keeps: run "
                                                  "`vanthu rebuild` to replay them")
    if not repair:
        return Finding("journal", False, detail + " — run `vanthu check --repair` to write it again from the database")
    aside = journal.set_aside(archive.root, _stamp())
    archive.write_journal()
    return Finding("journal", False, detail + f" — written again from the database (the damaged one kept as "
                                              f"{aside.name if aside else 'nothing'})", repaired=True)


def check_manifest(archive: Archive, repair: bool) -> Finding:
    """objects/manifest.jsonl names every original with a name to read it by (what a rebuild needs)."""
    from ..archive import originals

    listed = {line["sha256"] for line in originals.read_manifest(archive.root) if line.get("name") or line.get("format")}
    stored = {sha for _, sha in archive.originals()}
    unlisted = stored - listed
    if not unlisted:
        return Finding("manifest", True, f"objects/manifest.jsonl lists all {len(stored)} originals")
    detail = f"objects/manifest.jsonl does not list {len(unlisted)} originals (damaged or missing)"
    if not repair:
        return Finding("manifest", False, detail + " — run `vanthu check --repair` to write it again from the database")
    path = originals.manifest_path(archive.root)
    if path.exists():
        os.replace(path, path.with_name(f"{path.name}.damaged-{_stamp()}"))
    originals.upgrade_to_5(archive)
    return Finding("manifest", False, detail + " — written again from the database", repaired=True)


def _stamp() -> str:
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")


def check_fulltext(archive: Archive, repair: bool) -> Finding:
    try:
        status = fulltext_status(archive)
    except Exception as err:  # a damaged Whoosh directory: whatever Whoosh raises, it is rebuildable
        status, problem = None, ("the search index was interrupted while being written, or is damaged "
                                 f"({type(err).__name__}: {err})")
    else:
        altered = altered_files(archive.fulltext_dir) if status.present else []
        if altered:
            status, problem = None, ("the search index was interrupted while being written, or is damaged "
                                     f"({', '.join(altered[:3])})")
        elif status.ok and not status.pending:
            return Finding("fulltext", True, "full-text index holds every current document and nothing else")
        else:
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
ARCHIVE_CHECKS: tuple[Check, ...] = (check_documents, check_temp_files, check_journal, check_manifest)
CHECKS: tuple[Check, ...] = (check_fulltext, check_graph, check_vectors)  # the derived indexes, in order


def check_archive(archive: Archive, *, repair: bool = False) -> CheckReport:
    """Run every check; with ``repair`` rebuild what is derived (under the write lock)."""
    report = CheckReport([check_sqlite(archive), check_originals(archive)])
    if repair:
        with archive.write_lock():
            report.findings += [check(archive, True) for check in (*ARCHIVE_CHECKS, *CHECKS)]
    else:
        report.findings += [check(archive, False) for check in (*ARCHIVE_CHECKS, *CHECKS)]
    return report
