"""The decisions journal: every librarian decision, also kept outside the database.

``journal.jsonl`` lies beside ``archive.sqlite``: plain JSON lines, appended and flushed to disk
(fsync) one at a time, each one self-describing, so that the librarians' work survives the loss
of the database and `vanthu rebuild` can replay it over the originals. A line says:

- ``kind``: ``link`` (a librarian confirmed or rejected that a document cites another: ``values``
  holds ``decision``, ``relation``, ``seq``), ``correct`` (metadata corrections: ``values`` holds
  ``overrides``, the whole set after the decision), or ``undo`` (a batch undone: ``values`` holds
  ``batch``);
- ``at`` (UTC, ISO), ``t`` (nanoseconds since the epoch: the order against the imports of
  ``objects/manifest.jsonl``, which carry it too) and ``who`` (the system user, or ``$VANTHU_USER``);
- ``documents``: each document the decision is about, as ``{"id", "number", "issuer", "date",
  "originals": [sha256 …]}``: ids may change on a rebuild, the originals' hashes never do.

:func:`append` is the one writer; the owners of the tables that hold decisions call it
(``archive/graphstore.py`` for links, ``archive/store.py`` for corrections, ``archive/batches.py``
for undo) inside the transaction that stores the decision, so a decision the database holds is
always in the journal (a transaction that then fails leaves a line for a decision that was not
stored: replaying it does what the librarian asked).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from .errors import ArchiveError

__all__ = ["JOURNAL", "KINDS", "journal_path", "append", "entries", "replaying", "paused", "ns_of",
           "damaged_lines", "final_state", "set_aside", "append_line", "corrections_of"]

JOURNAL = "journal.jsonl"
KINDS = ("link", "correct", "undo")


def journal_path(root: Path) -> Path:
    return Path(root) / JOURNAL


def _who() -> str | None:
    try:
        return os.environ.get("VANTHU_USER") or getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return None


def ns_of(at: str | None) -> int:
    """An ISO time as nanoseconds since the epoch (0 when there is none): the order of entries written
    after the fact, from what the database remembers (an upgrade from schema 4)."""
    try:
        return int(dt.datetime.fromisoformat(at).timestamp() * 1e9) if at else 0
    except ValueError:
        return 0


def append(root: Path, kind: str, documents: dict[str, dict[str, Any]], values: dict[str, Any],
           at: str | None = None, t: int | None = None, who: str | None = None) -> dict[str, Any]:
    """Append one decision and flush it to disk before returning; returns the entry. ``who`` is the
    librarian's name when one was given (`vanthu correct --by`, the web form), else the system user."""
    if kind not in KINDS:
        raise ValueError(kind)
    if _PAUSED.get(str(Path(root).resolve())):
        return {}
    entry = {"kind": kind, "at": at or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
             "t": t if t is not None else time.time_ns(), "who": who or _who(), "documents": documents, "values": values}
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    append_line(journal_path(root), line, sync=True)
    return entry


def append_line(path: Path, line: bytes, sync: bool) -> None:
    """Append one line (one write: whole or, after a crash, cut short at the end). A disk that refuses
    it is an ArchiveError, raised inside the caller's transaction, which is then rolled back."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as err:
        raise ArchiveError(f"cannot write {path}: {err.strerror or err} (the disk is full, read-only or failing); "
                           "the unfinished step was rolled back") from err


_PAUSED: dict[str, bool] = {}


@contextmanager
def replaying(root: Path) -> Iterator[None]:
    """While a rebuild replays the journal and the manifest over a new database, they are not
    written again: they already say what is being replayed."""
    key = str(Path(root).resolve())
    _PAUSED[key] = True
    try:
        yield
    finally:
        _PAUSED.pop(key, None)


def paused(root: Path) -> bool:
    # Nothing paused (every import): no path to resolve, a syscall per folder of it, for every file noted.
    return bool(_PAUSED) and bool(_PAUSED.get(str(Path(root).resolve())))


def damaged_lines(root: Path) -> list[int]:
    """Line numbers (from 1) of the journal that do not read as a decision: damage on disk (a line
    cut short by a crash while being written would be the last one only)."""
    path = journal_path(root)
    if not path.exists():
        return []
    bad = []
    for number, line in enumerate(path.read_bytes().splitlines(), 1):
        try:
            entry = json.loads(line)
            ok = isinstance(entry, dict) and entry.get("kind") in KINDS and isinstance(entry.get("values"), dict)
        except ValueError:
            ok = False
        if not ok:
            bad.append(number)
    return bad


def final_state(root: Path) -> dict[str, set]:
    """What the journal says stands now: link decisions (src id, dst id, decision), corrections
    (doc id, overrides as JSON) and undone batches — comparable with what the database holds."""
    links: dict[tuple, str] = {}
    corrections: dict[str, str] = {}
    undone = set()
    for entry in entries(root):
        docs, values = entry.get("documents") or {}, entry["values"]
        if entry["kind"] == "link":
            links[(docs.get("src", {}).get("id"), docs.get("dst", {}).get("id"))] = values.get("decision")
        elif entry["kind"] == "correct":
            corrections[docs.get("doc", {}).get("id")] = json.dumps(values.get("overrides") or {}, sort_keys=True)
        else:
            undone.add(values.get("batch"))
    return {"links": {(*pair, decision) for pair, decision in links.items()},
            "corrections": {(doc, o) for doc, o in corrections.items() if o != "{}"}, "undone": undone}


def set_aside(root: Path, stamp: str) -> Path | None:
    """Move a damaged journal aside (kept, never deleted) so that a new one can be written."""
    path = journal_path(root)
    if not path.exists():
        return None
    aside = path.with_name(f"{JOURNAL}.damaged-{stamp}")
    os.replace(path, aside)
    return aside


def entries(root: Path) -> Iterator[dict[str, Any]]:
    """Every decision in the order made; a line cut short by a crash (the last one) is skipped."""
    path = journal_path(root)
    if not path.exists():
        return
    for line in path.read_bytes().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("kind") in KINDS:
            yield entry


def corrections_of(root: Path, doc_id: str, originals: set[str]) -> list[dict[str, Any]]:
    """A document's corrections, oldest first, as ``{"at", "who", "fields": {field: value}}`` — what
    each decision changed against the one before it (a field set back to the parser's value has the
    value None). The document is named by its id or by any of its originals' hashes (ids may change
    on a rebuild, hashes never do)."""
    out, before = [], {}
    for entry in entries(root):
        if entry["kind"] != "correct":
            continue
        doc = (entry.get("documents") or {}).get("doc") or {}
        if doc.get("id") != doc_id and not originals & set(doc.get("originals") or ()):
            continue
        after = entry["values"].get("overrides") or {}
        fields = {k: v for k, v in after.items() if before.get(k) != v}
        fields.update({k: None for k in before if k not in after})
        before = after
        if fields:
            out.append({"at": entry.get("at"), "who": entry.get("who"), "fields": fields})
    return out
