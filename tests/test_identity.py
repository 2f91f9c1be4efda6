"""Document identity and a librarian's decisions (issue 13, items 1 and 2).

One document, several originals: the same text in another encoding, another line ending or
another Unicode form is another original of the document, never a new version. A new version
(changed text, same number, issuer and date) keeps the document's id. A librarian's link, unlink
and correction survive every re-import, new version, re-parse, reindex, repair and unrelated undo.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from vanthu.archive.errors import BadInput
from vanthu.archive.readers.legacy import to_cp1258, to_tcvn3
from vanthu.archive.store import SCHEMA_VERSION, Archive
from vanthu.graph.edges import link, unlink, update_edges
from vanthu.graph.subgraph import cited_by, missing
from vanthu.graph.tree import tree
from vanthu.pipeline.analyze import analyze
from vanthu.pipeline.check import check_archive, check_originals
from vanthu.pipeline.ingest import ingest, reindex, sync_derived, undo

TAM_DUONG = "district_ubnd-huyen-tam-duong_845-UBND-YT_2021-03-24.txt"

# The Tam Dương letter saved again the ways offices save it: each is the same document.
COPIES = [
    ("cp1258", lambda t: to_cp1258(t)),  # Windows-1258: tones as combining marks after the letter
    ("utf-16", lambda t: t.encode("utf-16")),  # Word's "Unicode" text, with a byte-order mark
    ("utf-8-sig", lambda t: t.encode("utf-8-sig")),  # Notepad's UTF-8, with a BOM
    ("crlf", lambda t: t.replace("\n", "\r\n").encode()),  # Windows line endings
    ("nfd", lambda t: unicodedata.normalize("NFD", t).encode()),  # a Mac's decomposed letters
    ("tcvn3", lambda t: to_tcvn3(t)),  # the ".VnTime" font's bytes
    ("spaces", lambda t: t.replace(" ", "  ").replace("\n", " \n").encode()),  # padded with blanks
]


@pytest.fixture
def chain(tmp_path, samples_dir):
    """The sample chain imported, with Tam Dương's 845/UBND-YT linked by a librarian to 2296/KH-UBND
    (which it does not cite), its reference to 21/NQ-CP rejected, and its signer corrected."""
    archive = Archive.open(tmp_path / "archive")
    ingest(archive, [samples_dir / "chain"], workers=1)
    src = archive.resolve_ref("845/UBND-YT", issuer="Tam Dương").id
    dst = archive.resolve_ref("2296/KH-UBND").id
    nq = archive.resolve_ref("21/NQ-CP").id
    link(archive, src, dst)
    unlink(archive, src, nq)
    with archive.write_lock():
        with archive.transaction():
            archive.set_overrides(src, {"signer": "Nguyễn Văn Sửa"})
            update_edges(archive, [src])  # a correction rewrites the citations: the graph follows
        sync_derived(archive)
    yield archive, src, dst, nq
    archive.close()


def _decisions_hold(archive: Archive, src: str, dst: str, nq: str) -> None:
    """The link is a confirmed edge (and shows in the tree), the rejection holds, the correction stands."""
    edges = {(r[0], r[1]) for r in archive.conn.execute("SELECT dst, status FROM edges WHERE src = ?", (src,))}
    assert (dst, "confirmed") in edges and not any(d == nq for d, _ in edges), edges
    assert dst in {child.node.id for child in tree(archive, src).children}
    assert archive.get(src).meta.signer == "Nguyễn Văn Sửa"
    assert archive.get(src).superseded_by is None


def _save(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("encoding,encode", COPIES, ids=[c[0] for c in COPIES])
def test_the_same_text_in_another_encoding_is_another_original_of_one_document(chain, samples_dir, tmp_path,
                                                                              encoding, encode):
    archive, src, dst, nq = chain
    text = (samples_dir / "chain" / TAM_DUONG).read_text(encoding="utf-8")
    before = archive.count(current_only=False)
    folder = _save(tmp_path / encoding, "cong-van-845.txt", encode(text))
    dry = ingest(archive, [folder], workers=1, dry_run=True)  # the dry run says what the import does
    assert (dry.added, dry.updated, dry.unchanged) == (0, 0, 1)
    report = ingest(archive, [folder], workers=1)
    assert (report.added, report.updated, report.unchanged, report.failed) == (0, 0, 1, [])
    assert archive.count(current_only=False) == before  # no new version, the id unchanged
    assert archive.resolve_ref("845/UBND-YT", issuer="Tam Dương").id == src
    assert len([o for o in archive.originals() if o[0] == src]) == 2  # both files kept and listed
    assert check_originals(archive).ok
    _decisions_hold(archive, src, dst, nq)


def test_every_copy_at_once_is_one_document_and_check_verifies_each_original(chain, samples_dir, tmp_path):
    archive, src, dst, nq = chain
    text = (samples_dir / "chain" / TAM_DUONG).read_text(encoding="utf-8")
    for encoding, encode in COPIES:
        _save(tmp_path / "kho", f"{encoding}.txt", encode(text))
    report = ingest(archive, [tmp_path / "kho"], workers=1)
    assert (report.added, report.updated, report.unchanged) == (0, 0, len(COPIES))
    mine = [sha for doc, sha in archive.originals() if doc == src]
    assert len(mine) == 1 + len(COPIES) and all(archive.object_path(sha).exists() for sha in mine)
    # An altered original is found, whichever copy it is.
    archive.object_path(mine[-1]).write_bytes(b"altered")
    finding = check_originals(archive)
    assert not finding.ok and f"{src}: original altered" in finding.detail
    _decisions_hold(archive, src, dst, nq)


def _new_version(archive: Archive, samples_dir: Path, tmp_path: Path) -> str:
    text = (samples_dir / "chain" / TAM_DUONG).read_text(encoding="utf-8")
    signed = text.replace("Nơi nhận:", "(Bản đã ký số)\nNơi nhận:")
    assert signed != text
    report = ingest(archive, [_save(tmp_path / "v2", "845-ban-ky.txt", signed.encode())], workers=1)
    assert report.updated == 1
    return report.batch


def test_a_new_version_keeps_the_id_the_history_and_the_decisions(chain, samples_dir, tmp_path):
    archive, src, dst, nq = chain
    _new_version(archive, samples_dir, tmp_path)
    current = archive.get(src)
    assert "Bản đã ký số" in current.text and current.supersedes
    earlier = archive.get(current.supersedes)
    assert earlier.superseded_by == src and "Bản đã ký số" not in earlier.text
    _decisions_hold(archive, src, dst, nq)
    # Superseded versions appear nowhere a reader looks, and messages name the current id.
    assert earlier.id not in {c.id for c in cited_by(archive, archive.resolve_ref("21/NQ-CP").id)}
    assert earlier.id not in {c.id for c in cited_by(archive, dst)} and src in {c.id for c in cited_by(archive, dst)}
    assert all(m.number != "845/UBND-YT" for m in missing(archive))
    with pytest.raises(BadInput, match=f"earlier version of {src}; link the current version, {src}"):
        link(archive, earlier.id, dst)


def _reimport(archive, samples_dir, tmp_path):
    ingest(archive, [samples_dir / "chain"], workers=1)


def _another_encoding(archive, samples_dir, tmp_path):
    text = (samples_dir / "chain" / TAM_DUONG).read_text(encoding="utf-8")
    ingest(archive, [_save(tmp_path / "cp1258", "cv845.txt", to_cp1258(text))], workers=1)


def _reparse(archive, samples_dir, tmp_path):
    src = archive.resolve_ref("845/UBND-YT", issuer="Tam Dương").id
    text, meta = analyze((samples_dir / "chain" / TAM_DUONG).read_text(encoding="utf-8"))
    with archive.write_lock(), archive.transaction():
        archive.replace_parsed(src, text, meta.to_json())
        update_edges(archive, [src])


def _reindex(archive, samples_dir, tmp_path):
    reindex(archive)


def _repair(archive, samples_dir, tmp_path):
    archive.conn.execute("DELETE FROM edges")  # damage the derived graph so that repair rebuilds it
    assert not next(f for f in check_archive(archive, repair=True).findings if f.check == "graph").ok


def _undo_unrelated(archive, samples_dir, tmp_path):
    # A batch that brings another commune's plan implementing 2296/KH-UBND, then taken back.
    text = (samples_dir / "chain" / "commune_ubnd-xa-thien-ke_27-KH-UBND_2021-03-29.txt").read_text(encoding="utf-8")
    other = text.replace("27/KH-UBND", "28/KH-UBND").replace("Thiện Kế", "Sơn Lôi").replace("THIỆN KẾ", "SƠN LÔI")
    batch = ingest(archive, [_save(tmp_path / "khac", "xa-son-loi.txt", other.encode())], workers=1).batch
    undo(archive, batch)


def _new_version_then_undo_it(archive, samples_dir, tmp_path):
    undo(archive, _new_version(archive, samples_dir, tmp_path))


def _undo_the_copy(archive, samples_dir, tmp_path):
    text = (samples_dir / "chain" / TAM_DUONG).read_text(encoding="utf-8")
    batch = ingest(archive, [_save(tmp_path / "u16", "cv845.txt", text.encode("utf-16"))], workers=1).batch
    undo(archive, batch)


OPERATIONS = [
    ("reimport", _reimport),  # the same folder again: every file unchanged
    ("another-encoding", _another_encoding),  # the case: cp1258 copy of the same letter
    ("new-version", lambda a, s, t: _new_version(a, s, t)),  # the signed copy supersedes the draft
    ("reparse", _reparse),  # a parser upgrade stores a new parse of the same text
    ("reindex", _reindex),  # `vanthu reindex`: full-text and edges rebuilt from the archive
    ("check-repair", _repair),  # `vanthu check --repair` after the edges were lost
    ("undo-unrelated", _undo_unrelated),  # undo of a batch that touched other documents
    ("undo-new-version", _new_version_then_undo_it),  # the draft current again, decisions kept
    ("undo-the-copy", _undo_the_copy),  # undo of the batch that brought a UTF-16 original
]


@pytest.mark.parametrize("name,operation", OPERATIONS, ids=[o[0] for o in OPERATIONS])
def test_a_librarians_decisions_survive(chain, samples_dir, tmp_path, name, operation):
    archive, src, dst, nq = chain
    operation(archive, samples_dir, tmp_path)
    _decisions_hold(archive, src, dst, nq)
    with archive.write_lock():
        sync_derived(archive)  # what every command that writes does after its transaction
    problems = [f.to_json() for f in check_archive(archive).findings if not f.ok]
    assert not problems


def test_an_archive_of_schema_3_is_upgraded_in_place(tmp_path, samples_dir):
    # A schema-3 archive had no originals table and no text keys: the first writable open adds
    # both, every document's own file becomes its first original, and no id changes.
    with Archive.open(tmp_path / "a") as archive:
        ingest(archive, [samples_dir / "chain"], workers=1)
        ids = sorted(archive.current_ids())
        archive.conn.executescript(
            "DROP TRIGGER documents_seal_insert; DROP TRIGGER documents_seal_update;"
            "ALTER TABLE documents DROP COLUMN row_sha; ALTER TABLE documents DROP COLUMN parser_version;"
            "DROP TABLE originals; DROP INDEX documents_text; ALTER TABLE documents DROP COLUMN text_sha;"
            "UPDATE meta SET value = '3' WHERE key = 'schema_version';")
    with Archive.open(tmp_path / "a") as archive:
        assert sorted(archive.current_ids()) == ids
        assert sorted(doc for doc, _ in archive.originals()) == ids and check_originals(archive).ok
        text = (samples_dir / "chain" / TAM_DUONG).read_text(encoding="utf-8")
        report = ingest(archive, [_save(tmp_path / "cp", "cv.txt", to_cp1258(text))], workers=1)
        assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
        assert archive.meta_value("schema_version") == str(SCHEMA_VERSION)
