"""`vanthu rebuild` (issue 17): an archive built normally — samples, a link, an unlink, a correction,
a new version, another encoding of a letter, a batch undone — whose database is then damaged
(truncated, its header overwritten) is built again from objects/ and the decisions journal alone;
every document, citation, original, source, edge and decision equals the lost archive's."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from benchmarks.reliability import build_scenario
from vanthu.archive.journal import entries
from vanthu.archive.store import Archive


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("rebuild")
    build_scenario(work / "archive", work)  # links, an unlink, a correction, a new version, an undo …
    return work / "archive"


def snapshot(root: Path) -> dict[str, list]:
    """Everything an archive holds that a rebuild must give back (not times, nor autoincrement ids)."""
    conn = sqlite3.connect(root / "archive.sqlite")
    queries = {
        "documents": "SELECT id, sha256, size, format, encoding, reader, number, doc_type, issuer, issuer_level, "
                     "date, year, subject, signer, recipients, text, parsed, overrides, supersedes, superseded_by, "
                     "batch_id FROM documents ORDER BY id",
        "citations": 'SELECT doc_id, seq, number, doc_type, date, issuer, relation, text, start, "end" '
                     "FROM citations ORDER BY doc_id, seq",
        "originals": "SELECT sha256, doc_id, size, format, encoding, reader, batch_id, name FROM originals ORDER BY 1",
        "sources": "SELECT doc_id, path, name, batch_id FROM sources ORDER BY 1, 2",
        "edges": "SELECT e.src, c.seq, e.dst, e.ext_key, e.relation, e.status, e.evidence FROM edges e "
                 "LEFT JOIN citations c ON c.id = e.citation_id ORDER BY 1, 2, 3",
        "decisions": "SELECT src, dst, decision, relation, seq FROM links ORDER BY 1, 2",
        "batches": "SELECT id, status, added, unchanged, updated FROM batches WHERE status != 'undone' ORDER BY 1",
    }
    out = {name: [tuple(r) for r in conn.execute(sql)] for name, sql in queries.items()}
    conn.close()
    return out


def truncate_4k(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:-4096])


def garble_header(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[:100] = b"\x13" * 100
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [truncate_4k, garble_header], ids=["truncated by 4 KB", "header garbage"])
def test_a_damaged_database_is_rebuilt_equal_to_the_lost_one(built, tmp_path, vanthu, damage):
    root = tmp_path / "archive"
    shutil.copytree(built, root)
    conn = sqlite3.connect(root / "archive.sqlite")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = snapshot(root)
    assert before["decisions"] and any(r[17] for r in before["documents"]) and any(r[18] for r in before["documents"])
    damage(root / "archive.sqlite")
    code, out, err = vanthu("check", "--archive", str(root))
    assert code == 1 and "vanthu rebuild" in err and "Traceback" not in err
    code, out, err = vanthu("rebuild", "--archive", str(root), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["not_applied"] == [] and report["missing_objects"] == [] and report["decisions"] >= 3
    after = snapshot(root)
    for table in before:
        assert after[table] == before[table], table
    kept = Path(report["aside"])
    assert (kept / "archive.sqlite").exists()  # the damaged database is kept, never deleted
    code, out, _ = vanthu("check", "--archive", str(root))
    assert code == 0, out
    code, out, _ = vanthu("search", "tiêm vắc xin", "--archive", str(root), "--json")
    assert code == 0 and json.loads(out)["total"] > 0


def test_the_journal_holds_every_decision_self_described(built):
    kinds = [e["kind"] for e in entries(built)]
    assert kinds.count("link") == 2 and kinds.count("undo") == 1 and "correct" in kinds
    for entry in entries(built):
        assert {"kind", "at", "t", "who", "documents", "values"} <= set(entry)
        for doc in entry["documents"].values():
            assert doc["originals"] and all(len(sha) == 64 for sha in doc["originals"])
            assert {"id", "number", "issuer", "date"} <= set(doc)


def test_an_upgraded_archive_journals_the_decisions_it_held(built, tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(built, root)
    (root / "journal.jsonl").unlink()
    conn = sqlite3.connect(root / "archive.sqlite")
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Archive.open(root):
        pass
    again = [(e["kind"], e["values"]) for e in entries(root)]
    first = [(e["kind"], e["values"]) for e in entries(built)]
    # the same decisions: two links, one correction (of the current version), one undone batch
    assert set(map(json.dumps, again)) == set(map(json.dumps, first)) and len(again) == 4
