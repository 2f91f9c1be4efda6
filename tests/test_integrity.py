"""Every derived row is verifiable (issue 17): a document row damaged on disk or altered around
vanthu is found by `vanthu check`, named, read by `show` and `reindex` as one clear line, and
`check --repair` derives it again from its original, equal to what the import wrote. Leftover
temporary files are reported and removed; a schema-4 archive is sealed in place."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from vanthu.archive.store import SCHEMA_VERSION, Archive
from vanthu.pipeline.check import check_archive
from vanthu.pipeline.ingest import ingest

TAM_DUONG_NUMBER = "845/UBND-YT"


@pytest.fixture(scope="module")
def built(tmp_path_factory, samples_dir) -> Path:
    root = tmp_path_factory.mktemp("integrity") / "archive"
    with Archive.open(root) as archive:
        ingest(archive, [samples_dir / "chain", samples_dir / "seeds"], workers=1)
    checkpoint(root)
    return root


@pytest.fixture
def archive(built, tmp_path) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(built, copy)
    return copy


def checkpoint(root: Path) -> None:
    """Everything in archive.sqlite itself (no WAL), so that bytes can be changed in the file."""
    conn = sqlite3.connect(root / "archive.sqlite")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def rows(root: Path) -> dict[str, tuple]:
    """Every stored column of every document and citation, except the index's own mark."""
    conn = sqlite3.connect(root / "archive.sqlite")
    conn.text_factory = bytes
    docs = {r[0]: r[1:] for r in conn.execute(
        "SELECT id, sha256, size, format, encoding, reader, number, issuer, date, subject, text, parsed, "
        "overrides, supersedes, superseded_by, batch_id, created_at, row_sha FROM documents")}
    cites = conn.execute("SELECT doc_id, seq, number, relation, text, start FROM citations ORDER BY doc_id, seq")
    docs["citations"] = tuple(cites.fetchall())
    conn.close()
    return docs


def flip(root: Path, needle: str, replacement: bytes, occurrence: int = 0) -> None:
    """Overwrite, in the database file, the bytes of ``needle`` (its n-th occurrence)."""
    db = root / "archive.sqlite"
    data = bytearray(db.read_bytes())
    at = -1
    for _ in range(occurrence + 1):
        at = data.index(needle.encode("utf-8"), at + 1)
    data[at:at + len(replacement)] = replacement
    db.write_bytes(bytes(data))


def around_vanthu(root: Path, sql: str) -> None:
    """An edit through a plain SQLite connection that does not know vanthu's seal."""
    conn = sqlite3.connect(root / "archive.sqlite")
    conn.create_function("vanthu_seal", -1, lambda *values: "not vanthu's seal")
    conn.execute(sql)
    conn.commit()
    conn.close()


DAMAGE = [
    # 64 bytes of 0xff in the middle of a letter's text: the column is no longer UTF-8 (the case)
    ("bytes not UTF-8", lambda root: flip(root, "phòng, chống dịch", b"\xff" * 64)),
    # one digit of a number changed in the stored text: still valid UTF-8, silently wrong
    ("a digit of the text", lambda root: flip(root, "Thực hiện", "Thục hiện".encode())),
    # the parsed fields rewritten by hand: the signer of a document changed
    ("parsed fields edited", lambda root: around_vanthu(
        root, "UPDATE documents SET parsed = json_set(parsed, '$.signer', 'Nguyễn Văn A') "
              "WHERE id = (SELECT min(id) FROM documents)")),
    # a citation row says another number than the text does
    ("citation row edited", lambda root: around_vanthu(
        root, "UPDATE citations SET number = '999/UBND-XX' WHERE id = (SELECT min(id) FROM citations)")),
]


@pytest.mark.parametrize("name, damage", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_a_damaged_row_is_found_named_and_derived_again(archive, vanthu, name, damage):
    before = rows(archive)
    damage(archive)
    code, out, err = vanthu("check", "--archive", str(archive))
    assert code == 1 and "FAIL  documents" in out and "Traceback" not in err
    damaged = [doc_id for doc_id in before if doc_id != "citations" and doc_id.decode() in out]
    assert damaged, out  # the document is named
    for doc_id in damaged:
        code, _, err = vanthu("show", doc_id.decode(), "--archive", str(archive))
        assert code in (0, 1) and "Traceback" not in err and "internal error" not in err
    code, out, err = vanthu("reindex", "--archive", str(archive))
    assert "Traceback" not in err and "internal error" not in err
    if code:
        assert "vanthu check --repair" in err and err.count("\n") == 1
    code, out, err = vanthu("check", "--repair", "--archive", str(archive))
    assert code == 0 and "repaired  documents" in out, out + err
    code, out, _ = vanthu("check", "--archive", str(archive))
    assert code == 0, out
    assert rows(archive) == before  # the same row as the import wrote, seal and all


def test_show_names_a_damaged_document_in_one_line(archive, vanthu):
    flip(archive, "phòng, chống dịch", b"\xff" * 64)
    with Archive.open(archive) as store:
        [(_, doc_id, _)] = store.unsealed_rows()
    code, out, err = vanthu("show", doc_id, "--archive", str(archive))
    assert code == 1 and out == ""
    assert err.startswith(f"vanthu: document {doc_id} is damaged") and "vanthu check --repair" in err


def test_every_writer_keeps_the_seal(archive):
    # corrections, a re-parse and a rekey go through SQLite's trigger: the rows stay sealed
    with Archive.open(archive) as store, store.write_lock(), store.transaction():
        doc = store.resolve_ref(TAM_DUONG_NUMBER, issuer="Tam Dương")
        store.set_overrides(doc.id, {"signer": "Lê Văn B"})
        store.replace_parsed(doc.id, doc.text + "\n", doc.meta.to_json())
        assert store.unsealed_rows() == [] and store.citations_out_of_step() == []


def test_leftover_temporary_files_are_reported_and_removed(archive, vanthu):
    left = [archive / "objects" / "dd" / ".tmp-k3j2h1", archive / ".tmp-journal-x"]
    for path in left:
        path.write_bytes(b"half a file")
    code, out, _ = vanthu("check", "--archive", str(archive))
    assert code == 1 and "2 files left by an interrupted write" in out and ".tmp-k3j2h1" in out
    code, out, _ = vanthu("check", "--repair", "--archive", str(archive))
    assert code == 0 and not any(p.exists() for p in left)
    assert (archive / "objects" / "dd").is_dir() and any((archive / "objects" / "dd").iterdir())


def test_an_archive_of_schema_4_is_sealed_in_place(archive):
    before = {k: v[:-1] for k, v in rows(archive).items() if k != "citations"}  # all but the seal
    conn = sqlite3.connect(archive / "archive.sqlite")
    conn.executescript(
        "DROP TRIGGER documents_seal_insert; DROP TRIGGER documents_seal_update;"
        "ALTER TABLE documents DROP COLUMN row_sha; ALTER TABLE documents DROP COLUMN parser_version;"
        "ALTER TABLE originals DROP COLUMN name; UPDATE meta SET value = '4' WHERE key = 'schema_version';")
    conn.close()
    (archive / "objects" / "manifest.jsonl").unlink()
    with Archive.open(archive) as store:
        assert store.meta_value("schema_version") == str(SCHEMA_VERSION)
        assert store.unsealed_rows() == [] and check_archive(store).ok
        names = {store.original_name(sha) for _, sha in store.originals()}
        assert None not in names and all(n.endswith(".txt") for n in names)
    assert {k: v[:-1] for k, v in rows(archive).items() if k != "citations"} == before
    assert len((archive / "objects" / "manifest.jsonl").read_text().splitlines()) == 17


def _segment(root: Path) -> Path:
    return next((root / "fulltext").glob("*.seg"))


INDEX_DAMAGE = [
    # a segment cut short, as a writer killed in the middle of writing it leaves it
    ("segment truncated", lambda root: _segment(root).write_bytes(_segment(root).read_bytes()[:1000])),
    # a segment the table of contents names is gone
    ("segment deleted", lambda root: _segment(root).unlink()),
    # the table of contents cut short
    ("toc truncated", lambda root: next((root / "fulltext").glob("*.toc")).write_bytes(b"\x80\x04")),
]


@pytest.mark.parametrize("name, damage", INDEX_DAMAGE, ids=[d[0] for d in INDEX_DAMAGE])
def test_a_half_written_index_is_said_in_a_librarians_words(archive, vanthu, name, damage):
    damage(archive)
    words = "the search index was interrupted while being written"
    code, out, err = vanthu("search", "phòng chống dịch", "--archive", str(archive))
    assert code == 1 and words in err and "vanthu check --repair" in err and "internal error" not in err
    code, out, _ = vanthu("check", "--archive", str(archive))
    assert code == 1 and words in " ".join(out.split())
    code, out, _ = vanthu("check", "--repair", "--archive", str(archive))
    assert code == 0, out
    code, out, _ = vanthu("search", "phòng chống dịch", "--archive", str(archive), "--json")
    assert code == 0 and json.loads(out)["total"] > 0


def test_an_import_over_a_half_written_index_builds_it_again(archive, tmp_path):
    _segment(archive).unlink()
    letter = tmp_path / "moi" / "cv.txt"
    letter.parent.mkdir()
    letter.write_text("ỦY BAN NHÂN DÂN\nHUYỆN TAM DƯƠNG\nSố: 901/UBND-VP\nV/v phòng chống bão lũ\n"
                      "Kính gửi: các xã\nThực hiện chỉ đạo của tỉnh về phòng chống bão lũ.\n", encoding="utf-8")
    with Archive.open(archive) as store:
        ingest(store, [letter.parent], workers=1)
        assert check_archive(store).ok


def test_bytes_flipped_inside_the_index_are_found_by_their_sums(archive, vanthu):
    # Whoosh reads a flipped posting without complaint, or fails only on the query that meets it:
    # the sums recorded at each commit find it first
    segment = _segment(archive)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2:len(data) // 2 + 3] = bytes(b ^ 0x5A for b in data[len(data) // 2:len(data) // 2 + 3])
    segment.write_bytes(bytes(data))
    code, out, _ = vanthu("check", "--archive", str(archive))
    assert code == 1 and f"{segment.name} altered" in " ".join(out.split())
    code, out, _ = vanthu("check", "--repair", "--archive", str(archive))
    assert code == 0, out
