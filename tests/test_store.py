"""The archive store: ids, references, versions, overrides, locking, originals."""

from __future__ import annotations

import datetime as dt

import pytest

from vanthu.archive.errors import AmbiguousReference, ArchiveBusy, ArchiveError, NotFound
from vanthu.archive.store import SCHEMA_VERSION, Archive, object_path, sha256_hex, store_object
from vanthu.archive.types import Citation, Document, Level, Relation


def _doc(number, issuer, date=None, subject="về việc phòng, chống dịch Covid-19", citations=()):
    return Document(
        number=number, doc_type="Công văn", issuer=issuer, issuer_level=Level.DISTRICT,
        date=date, year=date.year if date else 2021, subject=subject, citations=tuple(citations),
    )


def _insert(archive, body: bytes, meta: Document, batch="b1", overrides=None):
    sha = sha256_hex(body)
    store_object(archive.root, body, sha)
    previous = archive.find_version_of(meta)
    with archive.transaction():
        doc_id = archive.insert_document(
            doc_id=archive.new_id(sha), sha=sha, size=len(body), text=body.decode(), parsed=meta.to_json(),
            overrides=overrides, fmt="txt", encoding="utf-8", reader="text", batch_id=batch, supersedes=previous,
        )
        archive.add_source(doc_id, f"kho/{doc_id}.txt", f"{doc_id}.txt", batch)
    return doc_id


@pytest.fixture
def archive(tmp_path):
    with Archive.open(tmp_path / "kho") as arc:
        yield arc


def test_open_creates_and_reopens(tmp_path):
    root = tmp_path / "a"
    Archive.open(root).close()
    assert (root / "archive.sqlite").exists() and (root / "objects").is_dir()
    with Archive.open(root, create=False) as again:
        assert again.count() == 0


def test_open_missing_without_create_is_a_clear_error(tmp_path):
    with pytest.raises(ArchiveError, match="no archive"):
        Archive.open(tmp_path / "none", create=False)


def test_originals_are_stored_byte_exact_and_once(tmp_path):
    body = "Số: 845/UBND-YT\r\nthuỷ lợi\x00".encode("utf-16")
    sha = store_object(tmp_path, body)
    assert object_path(tmp_path, sha).read_bytes() == body
    assert store_object(tmp_path, body) == sha  # idempotent
    assert len(list((tmp_path / "objects").rglob("*"))) == 2  # one folder, one file


REFS = [
    ("845/UBND-YT", "845/UBND-YT"),    # as written
    ("845/ubnd-yt", "845/UBND-YT"),    # lower case
    ("845/UBND - YT", "845/UBND-YT"),  # stray spaces
    ("845 / ubnd-yt", "845/UBND-YT"),  # spaces round the slash
    ("288-cv/hu", "288-CV/HU"),        # Party number, lower case
    ("5-CT/TU", "05-CT/TU"),           # leading zero dropped
    ("117/2020/ND-CP", "117/2020/NĐ-CP"),  # typed without đ
]


@pytest.mark.parametrize("ref, number", REFS)
def test_resolve_ref_by_number_however_typed(archive, ref, number):
    _insert(archive, f"Số: {number}".encode(), _doc(number, "Ủy ban nhân dân huyện Mai Sơn"))
    assert archive.resolve_ref(ref).meta.number == number


def test_resolve_ref_by_id_and_prefix(archive):
    doc_id = _insert(archive, b"a", _doc("1/UBND-VP", "Ủy ban nhân dân huyện Mai Sơn"))
    assert archive.resolve_ref(doc_id).id == doc_id
    assert archive.resolve_ref(doc_id[:8]).id == doc_id
    with pytest.raises(NotFound):
        archive.resolve_ref("999/UBND-XX")


def test_shared_number_is_ambiguous_until_narrowed(archive):
    # Two districts both issue 845/UBND-YT in 2021: a number alone never decides.
    a = _insert(archive, b"a", _doc("845/UBND-YT", "Ủy ban nhân dân huyện Đức Thọ", dt.date(2021, 5, 3)))
    b = _insert(archive, b"b", _doc("845/UBND-YT", "Ủy ban nhân dân huyện Mai Sơn", dt.date(2021, 6, 9)))
    with pytest.raises(AmbiguousReference) as err:
        archive.resolve_ref("845/UBND-YT")
    assert {c["id"] for c in err.value.candidates} == {a, b}
    assert err.value.exit_code == 2
    assert archive.resolve_ref("845/UBND-YT", issuer="Duc Tho").id == a  # folded issuer words
    assert archive.resolve_ref("845/UBND-YT", issuer="Mai Sơn", year=2021).id == b


def test_same_number_issuer_and_date_is_a_new_version(archive):
    meta = _doc("27/KH-UBND", "Ủy ban nhân dân xã Chiềng Mung", dt.date(2021, 3, 2))
    first = _insert(archive, b"first draft", meta)
    same = _insert(archive, b"signed copy", meta, batch="b2")
    assert same == first  # a new version keeps the document's id
    earlier = archive.get(first).supersedes  # the first draft's row has an id of its own
    assert earlier != first and archive.get(earlier).superseded_by == first
    assert archive.get(earlier).text == "first draft" and archive.get(first).text == "signed copy"
    assert archive.count() == 1 and archive.count(current_only=False) == 2
    assert archive.resolve_ref("27/KH-UBND").id == first  # current version answers


def test_near_duplicate_with_other_number_is_another_document(archive):
    _insert(archive, b"x", _doc("27/KH-UBND", "Ủy ban nhân dân xã Chiềng Mung", dt.date(2021, 3, 2)))
    _insert(archive, b"y", _doc("28/KH-UBND", "Ủy ban nhân dân xã Chiềng Mung", dt.date(2021, 3, 2)))
    assert archive.count() == 2


def test_overrides_win_and_survive_a_reparse(archive):
    cite = Citation("8252/UBND-KT5", "Văn bản", dt.date(2021, 9, 21), "Ủy ban nhân dân tỉnh Vĩnh Phúc",
                    Relation.IMPLEMENTS, "Văn bản số 8252/UBND-KT5", 0, 25)
    doc_id = _insert(archive, b"z", _doc(None, "Ủy ban nhân dân huyện Bình Xuyên", citations=[cite]),
                     overrides={"number": "1520/UBND-VP", "date": "2021-09-25"})
    stored = archive.get(doc_id)
    assert stored.meta.number == "1520/UBND-VP" and stored.meta.date == dt.date(2021, 9, 25)
    assert stored.meta.citations[0].number == "8252/UBND-KT5"
    with archive.transaction():
        archive.replace_parsed(doc_id, "new text", _doc(None, "Ủy ban nhân dân huyện Bình Xuyên",
                                                         subject="tăng cường phòng, chống dịch").to_json())
    again = archive.get(doc_id)
    assert again.meta.number == "1520/UBND-VP"          # the librarian's correction kept
    assert again.meta.subject == "tăng cường phòng, chống dịch"  # the new parse applied
    assert archive.resolve_ref("1520/UBND-VP").id == doc_id


def test_citations_are_stored_with_their_keys(archive):
    cite = Citation("1367-CV/HU", "Công văn", dt.date(2021, 9, 6), "Huyện ủy Mai Sơn", Relation.IMPLEMENTS,
                    "Công văn số 1367-CV/HU ngày 06/9/2021", 0, 37)
    doc_id = _insert(archive, b"c", _doc(None, "Ủy ban nhân dân huyện Mai Sơn", citations=[cite]))
    row = archive.conn.execute("SELECT * FROM citations WHERE doc_id = ?", (doc_id,)).fetchone()
    assert (row["number_key"], row["year"], row["relation"]) == ("1367-cv/hu", 2021, "implements")


def test_one_writer_at_a_time(tmp_path):
    with Archive.open(tmp_path / "k") as first, Archive.open(tmp_path / "k") as second:
        with first.write_lock():
            with pytest.raises(ArchiveBusy, match="busy"):
                second.acquire_lock()
        with second.write_lock():  # released: the second may now write
            pass


def test_failed_transaction_leaves_nothing(archive):
    meta = _doc("9/UBND-VP", "Ủy ban nhân dân huyện Mai Sơn")
    with pytest.raises(RuntimeError):
        with archive.transaction():
            archive.insert_document(doc_id="abc", sha="0" * 64, size=1, text="t", parsed=meta.to_json(),
                                    overrides=None, fmt="txt", encoding=None, reader="text", batch_id="b")
            raise RuntimeError("disk went away")
    assert archive.count(current_only=False) == 0
    assert archive.conn.execute("SELECT count(*) FROM citations").fetchone()[0] == 0


@pytest.mark.parametrize("where", [
    "superseded_by IS NULL AND issuer_level = 'district'",  # --level
    "superseded_by IS NULL AND issuer IN ('Ủy ban nhân dân huyện Bình Xuyên')",  # --issuer, resolved to names
    "superseded_by IS NULL AND COALESCE(date, printf('%04d-12-31', year)) >= '2021-01-01'",  # --from
])
def test_an_archive_of_schema_2_gets_the_filter_index_and_filters_use_it(tmp_path, where):
    # Search filters must not read the table's rows (each carries its text): a covering index, added
    # on the first writable open of an older archive.
    with Archive.open(tmp_path / "a") as archive:
        archive.conn.execute("DROP INDEX documents_filters")
        archive.conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        archive.conn.commit()
    with Archive.open(tmp_path / "a") as archive:
        query = f"EXPLAIN QUERY PLAN SELECT id FROM documents WHERE {where}"
        plan = " ".join(row[-1] for row in archive.conn.execute(query))
        version = archive.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    # documents_filters, or documents_citing for a filter on date and currency alone (smaller still)
    assert "COVERING INDEX documents_" in plan and version == str(SCHEMA_VERSION)


def test_an_archive_of_schema_6_reads_documents_by_number_from_an_index_alone(tmp_path):
    # One number is shared by hundreds of documents of as many issuers ("01/KH-UBND"): looking a new
    # version up by issuer, as SQLite chose unaided, or reading each candidate's row (superseded_by sits
    # after the text) was most of an import's writer at 700,000 documents. Schema 7 answers both from
    # one covering index, made on the first writable open of an older archive.
    with Archive.open(tmp_path / "a") as archive:
        archive.conn.execute("DROP INDEX documents_by_number")
        archive.conn.execute("CREATE INDEX documents_number ON documents(number_key)")
        archive.conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
        archive.conn.commit()
    with Archive.open(tmp_path / "a") as archive:
        def plan(sql, *args):
            return " ".join(row[-1] for row in archive.conn.execute("EXPLAIN QUERY PLAN " + sql, args))
        version_of = plan("SELECT id FROM documents WHERE number_key = ? AND issuer_key = ? AND date IS ? "
                          "AND superseded_by IS NULL", "1-kh/ubnd", "ubnd xa an binh", None)
        candidates = plan("SELECT id, issuer, issuer_level, date, year, superseded_by FROM documents "
                          "WHERE number_key = ?", "1-kh/ubnd")
        indexes = {r[0] for r in archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        version = archive.meta_value("schema_version")
    assert "COVERING INDEX documents_by_number (number_key=? AND issuer_key=? AND date=? AND superseded_by=?)" \
        in version_of, version_of
    assert "COVERING INDEX documents_by_number (number_key=?)" in candidates, candidates
    assert "documents_number" not in indexes and version == str(SCHEMA_VERSION)


@pytest.mark.parametrize("column", ["superseded_by", "supersedes"])
def test_moving_a_version_to_its_own_id_reads_the_versions_only(archive, column):
    # _rekey runs for every new version: a scan of every row there (through each text's overflow
    # pages) was 13 % of an import's writer at 800,000 documents.
    plan = " ".join(row[-1] for row in archive.conn.execute(
        f"EXPLAIN QUERY PLAN UPDATE documents SET {column} = ? WHERE {column} = ?", ("b", "a")))
    assert f"INDEX documents_{'superseded' if column == 'superseded_by' else 'supersedes'} ({column}=?)" in plan, plan


def test_citations_naming_numbers_read_their_citing_documents_from_an_index(archive):
    # An import re-resolves every citation naming the numbers of each chunk's documents (a thousand a
    # chunk at a million documents); reading whether each citing document is current from its row
    # (superseded_by sits after the text) was 30 % of the writer.
    statements: list[str] = []
    archive.conn.set_trace_callback(statements.append)
    archive.citations_naming(["12-kh/ubnd"], [], [])
    archive.conn.set_trace_callback(None)
    query = next(s for s in statements if "FROM citations c" in s)
    plan = " ".join(row[-1] for row in archive.conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "COVERING INDEX documents_citing (id=?)" in plan, plan
