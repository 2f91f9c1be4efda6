"""Bulk import end to end: idempotence, versions, duplicates, failures, dry runs, CSV corrections, undo, resume."""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from vanthu.archive import originals
from vanthu.archive.errors import BadInput, NotFound
from vanthu.archive.readers.legacy import to_cp1258
from vanthu.archive.readers.vietcodes import to_viqr, to_viscii
from vanthu.archive.store import Archive
from vanthu.pipeline.ingest import ingest, retry, undo
from vanthu.pipeline.importer import batch_failures, import_paths, list_batches

DISPATCH = """ỦY BAN NHÂN DÂN
HUYỆN ĐỨC THỌ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: {number}

Đức Thọ, ngày {day} tháng 3 năm 2021

V/v {subject}

Kính gửi: UBND các xã, thị trấn.

Thực hiện Kế hoạch số 1124/KH-UBND ngày 02/3/2021 của UBND tỉnh về {subject}, UBND huyện yêu cầu
các xã, thị trấn triển khai thực hiện nghiêm túc.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


def _write(folder: Path, name: str, number="845/UBND-YT", day=5, subject="tiêm vắc xin phòng Covid-19", extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(DISPATCH.format(number=number, day=day, subject=subject) + extra, encoding="utf-8")
    return path


@pytest.fixture
def archive(tmp_path):
    with Archive.open(tmp_path / "archive") as arc:
        yield arc


def test_samples_import_then_reimport_is_unchanged(archive, seed_files):
    first = ingest(archive, seed_files, workers=1)
    assert (first.added, first.updated, first.unchanged, first.failed) == (5, 0, 0, [])
    again = ingest(archive, seed_files, workers=1)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert archive.count() == 5
    for doc in archive.iter_documents():  # originals kept byte-exact
        assert archive.object_path(doc.sha256).read_bytes() in {p.read_bytes() for p in seed_files}


def test_exact_duplicate_under_another_name_is_recorded_once_with_both_paths(archive, tmp_path):
    a = _write(tmp_path / "kho" / "2021", "cv845.txt")
    shutil.copy(a, tmp_path / "kho" / "ban-sao-cv845.txt")
    report = ingest(archive, [tmp_path / "kho"], workers=1)
    assert (report.added, report.unchanged) == (1, 1)
    (doc,) = archive.iter_documents()
    assert len(doc.sources) == 2 and all(s.endswith(".txt") for s in doc.sources)


def test_the_manifest_names_the_format_of_bytes_met_again_whichever_way_the_import_met_them(archive, tmp_path):
    # A copy of stored bytes reaches the writer two ways: read and parsed again (its chunk was read
    # before the first copy was committed), or recognised by its hash in the worker, unread. The
    # sidecar manifest, which a rebuild replays, must say the same of it either way (CI saw the
    # two ways differ, by timing, between a plain import and a Spark load of the same folder).
    from vanthu.archive.originals import read_manifest

    _write(tmp_path / "kho1", "cv845.txt")
    ingest(archive, [tmp_path / "kho1"], workers=1)
    shutil.copy(tmp_path / "kho1" / "cv845.txt", tmp_path / "ban-sao.txt")
    report = ingest(archive, [tmp_path / "ban-sao.txt"], workers=1)  # the worker knows the hash: unread
    assert report.unchanged == 1
    lines = {line["path"]: line for line in read_manifest(archive.root)}
    assert lines["ban-sao.txt"]["format"] == lines["kho1/cv845.txt"]["format"] == "txt", lines


def test_different_bytes_of_the_same_document_are_a_new_version(archive, tmp_path):
    _write(tmp_path / "v1", "cv845.txt")
    _write(tmp_path / "v2", "cv845.txt", extra="\n(Bản đã ký)\n")
    ingest(archive, [tmp_path / "v1"], workers=1)
    report = ingest(archive, [tmp_path / "v2"], workers=1)
    assert (report.added, report.updated) == (0, 1)
    assert archive.count() == 1 and archive.count(current_only=False) == 2
    current = archive.resolve_ref("845/UBND-YT")
    assert "Bản đã ký" in current.text and current.supersedes


def test_near_duplicates_stay_different_documents(archive, tmp_path):
    _write(tmp_path / "kho", "cv845.txt", number="845/UBND-YT")
    _write(tmp_path / "kho", "cv846.txt", number="846/UBND-YT")  # same template, one number changed
    report = ingest(archive, [tmp_path / "kho"], workers=1)
    assert report.added == 2 and archive.count() == 2


def test_a_bad_file_never_aborts_the_batch(archive, tmp_path):
    kho = tmp_path / "kho"
    _write(kho, "good.txt")
    (kho / "empty.txt").write_bytes(b"")
    (kho / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a docx")
    (kho / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    report = ingest(archive, [kho], workers=1)
    assert report.added == 1
    failed = {Path(f.path).name: f.error for f in report.failed}
    assert set(failed) == {"empty.txt", "broken.docx", "broken.pdf"}
    assert all(failed.values())  # each with a specific reason
    assert {Path(f.path).name for f in batch_failures(archive, report.batch)} == set(failed)
    assert report.to_json()["failed"][0].keys() == {"path", "error"}


def test_zip_archives_are_read_in_place(archive, tmp_path):
    src = _write(tmp_path / "src", "cv845.txt")
    with zipfile.ZipFile(tmp_path / "kho.zip", "w") as zf:
        zf.write(src, "2021/cv845.txt")
    report = ingest(archive, [tmp_path / "kho.zip"], workers=1)
    assert report.added == 1
    (doc,) = archive.iter_documents()
    assert doc.sources[0].endswith("2021/cv845.txt") and "kho.zip" in doc.sources[0]


def test_dry_run_writes_nothing(archive, tmp_path):
    _write(tmp_path / "kho", "cv845.txt")
    report = ingest(archive, [tmp_path / "kho"], dry_run=True, workers=1)
    assert report.dry_run and report.added == 1 and report.batch is None
    assert archive.count(current_only=False) == 0 and list_batches(archive) == []
    assert not any((archive.root / "objects").iterdir())


def test_metadata_csv_overrides_and_is_recorded(archive, tmp_path):
    _write(tmp_path / "kho", "cv845.txt")
    csv_path = tmp_path / "sua.csv"
    csv_path.write_text("path,number,date\ncv845.txt,845/UBND-VP,2021-03-06\n", encoding="utf-8")
    ingest(archive, [tmp_path / "kho"], metadata=csv_path, workers=1)
    doc = archive.resolve_ref("845/UBND-VP")
    assert doc.meta.date.isoformat() == "2021-03-06" and sorted(doc.overrides) == ["date", "number"]
    with pytest.raises(NotFound):
        archive.resolve_ref("845/UBND-YT")


BAD_CSVS = [
    ("file,number\ncv845.txt,1/UBND\n", "no 'path' column"),           # wrong columns
    ("path,numero\ncv845.txt,1/UBND\n", "unknown column"),             # misspelt field
    ("path,date\ncv845.txt,31/02/2021\n", "bad date"),                 # impossible date
    ("path,issuer_level\ncv845.txt,tỉnh\n", "bad issuer_level"),       # Vietnamese level name
    ("path,number\nkhong-co.txt,1/UBND-VP\n", "no such file"),         # unknown path
]


@pytest.mark.parametrize("content, message", BAD_CSVS)
def test_bad_metadata_csv_is_rejected_before_anything_is_written(archive, tmp_path, content, message):
    _write(tmp_path / "kho", "cv845.txt")
    csv_path = tmp_path / "sua.csv"
    csv_path.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match=message):
        ingest(archive, [tmp_path / "kho"], metadata=csv_path, workers=1)
    assert archive.count(current_only=False) == 0


def test_undo_removes_a_batch_and_restores_the_previous_version(archive, tmp_path):
    _write(tmp_path / "v1", "cv845.txt")
    _write(tmp_path / "v2", "cv845.txt", extra="\n(Bản đã ký)\n")
    _write(tmp_path / "v2", "cv900.txt", number="900/UBND-VP")
    ingest(archive, [tmp_path / "v1"], workers=1)
    second = ingest(archive, [tmp_path / "v2"], workers=1)
    signed = archive.resolve_ref("845/UBND-YT").id
    report = undo(archive, second.batch)
    # 900 is gone; 845 is not: its earlier version is current again, under the same id.
    assert len(report.removed) == 1 and report.restored == [signed]
    assert archive.count() == 1 and "Bản đã ký" not in archive.resolve_ref("845/UBND-YT").text
    assert archive.resolve_ref("845/UBND-YT").id == signed and archive.count(current_only=False) == 1
    with pytest.raises(BadInput, match="already undone"):
        undo(archive, second.batch)


def test_an_interrupted_batch_resumes_without_duplicates(archive, tmp_path):
    kho = tmp_path / "kho"
    for i in range(6):
        _write(kho, f"cv{i}.txt", number=f"{800 + i}/UBND-YT", day=i + 1)
    full = sorted(kho.iterdir())
    # An earlier run handled only the first half before it was killed (its batch still "running").
    first = import_paths(archive, [kho], workers=1)
    archive.conn.execute("UPDATE batches SET status = 'running' WHERE id = ?", (first.batch,))
    handled = [r[0] for r in archive.conn.execute("SELECT path FROM processed ORDER BY path")]
    victims = handled[3:]
    ids = [r[0] for r in archive.conn.execute(
        f"SELECT doc_id FROM processed WHERE path IN ({','.join('?' * len(victims))})", victims)]
    archive.conn.execute(f"DELETE FROM processed WHERE path IN ({','.join('?' * len(victims))})", victims)
    archive.conn.execute(f"DELETE FROM documents WHERE id IN ({','.join('?' * len(ids))})", ids)
    resumed = import_paths(archive, [kho], workers=1)
    assert resumed.resumed and resumed.batch == first.batch
    assert (resumed.added, resumed.skipped) == (6, 3)
    assert archive.count() == len(full) == 6
    assert list_batches(archive)[0]["status"] == "done"


def test_import_json_shape(archive, tmp_path):
    _write(tmp_path / "kho", "cv845.txt")
    data = json.loads(json.dumps(ingest(archive, [tmp_path / "kho"], workers=1).to_json()))
    assert set(data) == {"added", "unchanged", "updated", "failed", "batch"}


def test_missing_path_is_a_clear_error(archive, tmp_path):
    with pytest.raises(BadInput, match="no such file or folder"):
        ingest(archive, [tmp_path / "khong-ton-tai"])


def test_parallel_workers_give_the_same_archive(tmp_path, seed_files):
    with Archive.open(tmp_path / "one") as one, Archive.open(tmp_path / "two") as two:
        ingest(one, seed_files * 6, workers=1)  # repeated paths: unchanged after the first
        ingest(two, seed_files * 6, workers=2)
        rows = "SELECT id, number, issuer, date, subject FROM documents ORDER BY id"
        assert [tuple(r) for r in one.conn.execute(rows)] == [tuple(r) for r in two.conn.execute(rows)]


KILLER = '''
import os
from vanthu.pipeline.importer import _process

def process(item):
    if item.name == "boom.txt":  # as a crash inside a C library would: no exception, the process is gone
        os._exit(139)
    return _process(item)
'''


def test_a_file_that_kills_its_worker_is_named_and_the_rest_imported(tmp_path, monkeypatch):
    from vanthu.archive.readers import Item, walk
    from vanthu.archive.readers.limits import Limits
    from vanthu.pipeline.importer import _pooled

    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "killer_work.py").write_text(KILLER)
    monkeypatch.syspath_prepend(str(tmp_path / "mod"))  # spawned workers get the parent's sys.path
    import killer_work

    kho = tmp_path / "kho"
    for i in range(30):
        _write(kho, f"cv{i:02d}.txt", number=f"{100 + i}/UBND-YT")
    _write(kho, "boom.txt", number="999/UBND-YT")
    items = [x for x in walk([kho], Limits()) if isinstance(x, Item)]
    results = list(_pooled(tmp_path / "archive", items, 2, True, Limits(), killer_work.process))
    assert [r.path for r in results] == [i.display_path for i in items]  # every file, in order, once
    failed = {Path(r.path).name: r.error for r in results if r.error}
    assert list(failed) == ["boom.txt"] and "process died" in failed["boom.txt"]


COUNTING = '''
import os
from vanthu.pipeline.importer import _Result

def process(item):  # a file read instantly; leaves a mark so the test sees how far the workers ran ahead
    open(os.path.join(os.environ["VANTHU_TEST_MARKS"], item.name), "w").close()
    return _Result(path=item.display_path, name=item.name, source=item.source, members=())
'''


def test_workers_wait_for_a_slow_writer_instead_of_piling_results_up(tmp_path, monkeypatch):
    # Executor.map submitted every file at once: with a writer slower than the workers, the results of
    # a whole import waited in memory (4.5 GiB at 640,000 files). Workers may run only a window ahead.
    from vanthu.archive.readers import Item, walk
    from vanthu.archive.readers.limits import Limits
    from vanthu.pipeline.importer import _CHUNKSIZE, _ahead, _pooled

    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "counting_work.py").write_text(COUNTING)
    monkeypatch.syspath_prepend(str(tmp_path / "mod"))
    marks = tmp_path / "marks"
    marks.mkdir()
    monkeypatch.setenv("VANTHU_TEST_MARKS", str(marks))
    import counting_work

    kho = tmp_path / "kho"
    kho.mkdir()
    for i in range(1200):
        (kho / f"cv{i:03d}.txt").write_text(f"Công văn số {i}/UBND", encoding="utf-8")
    items = [x for x in walk([kho], Limits()) if isinstance(x, Item)]
    results = _pooled(tmp_path / "archive", items, 2, True, Limits(), counting_work.process)
    first = next(results)  # the writer takes one result, then is busy for a while
    window = _ahead(2) * _CHUNKSIZE
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and len(list(marks.iterdir())) < window:
        time.sleep(0.05)  # give the workers time to fill the window (and to run past it, if they could)
    time.sleep(0.5)
    assert window <= len(list(marks.iterdir())) <= window + _CHUNKSIZE < len(items)
    rest = list(results)
    assert [r.path for r in [first, *rest]] == [i.display_path for i in items]  # every file, in order, once


def test_retrying_a_batch_retries_every_failure_or_says_why_not(archive, tmp_path):
    # Each failure of the first run, and what `import --failed` must make of it:
    bad = tmp_path / "badfolder"
    _write(bad, "tot.txt")
    (bad / "empty.txt").write_bytes(b"")  # fixed before the retry: imported, under its folder's name
    (bad / "broken.zip").write_bytes(b"PK\x03\x04 not a zip")  # a walk failure: retried, fails again
    with zipfile.ZipFile(bad / "kho.zip", "w") as z:
        z.writestr("2021/trong.txt", "")  # a member that fails: retried from its zip
    (tmp_path / "ngoai.txt").write_text("bên ngoài", encoding="utf-8")
    (bad / "ra-ngoai.txt").symlink_to(tmp_path / "ngoai.txt")  # never followed: not retryable, says why
    first = ingest(archive, [bad], workers=1)
    assert sorted(f.path for f in first.failed) == [
        "badfolder/broken.zip", "badfolder/empty.txt", "badfolder/kho.zip/2021/trong.txt", "badfolder/ra-ngoai.txt"]
    _write(bad, "empty.txt", number="846/UBND-YT")
    again = retry(archive, first.batch, workers=1)
    failed = {f.path: f.error for f in again.failed}
    assert again.added == 1 and "badfolder/empty.txt" not in failed
    assert set(failed) == {"badfolder/broken.zip", "badfolder/kho.zip/2021/trong.txt", "badfolder/ra-ngoai.txt"}
    assert failed["badfolder/ra-ngoai.txt"].startswith("not retried (")
    assert "not retried" not in failed["badfolder/broken.zip"]  # it was read again and failed again
    assert archive.resolve_ref("846/UBND-YT").sources == ("badfolder/empty.txt",)


NOT_DIRECTIVES = [
    # (file name, text, skipped?)
    ("README.md", "# Kho lưu trữ\n\nThư mục này chứa các văn bản đã quét năm 2021.\n", True),  # a folder's notes
    ("ghi-chu.txt", "Nhớ gọi chị Lan về việc mượn hồ sơ.\nThứ Hai tuần sau.\n", True),  # a note to oneself
    ("danh-sach.txt", "STT, Họ và tên, Đơn vị\n1, Nguyễn Văn An, Phòng Y tế\n", True),  # a list, no heading
    ("cv845.txt", DISPATCH.format(number="845/UBND-YT", day=5, subject="tiêm vắc xin"), False),  # a dispatch
    ("khong-so.txt", DISPATCH.format(number="/UBND-VP", day=5, subject="tiêm vắc xin"), False),  # blank số: still one
    ("chi-quoc-hieu.txt", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBiên bản họp\n", False),
]


@pytest.mark.parametrize("keep", [False, True])
def test_files_that_are_plainly_no_directive_are_skipped_and_listed(archive, tmp_path, keep):
    kho = tmp_path / "kho"
    kho.mkdir()
    for name, text, _ in NOT_DIRECTIVES:
        (kho / name).write_text(text, encoding="utf-8")
    report = ingest(archive, [kho], workers=1, keep_non_directives=keep)
    skipped = sorted(f"kho/{name}" for name, _, skip in NOT_DIRECTIVES if skip)
    assert sorted(f.path for f in report.not_directives) == ([] if keep else skipped)
    assert report.added == len(NOT_DIRECTIVES) - (0 if keep else len(skipped)) and not report.failed
    data = report.to_json()
    assert ("skipped" in data) != keep and all(s["reason"].startswith("not a directive") for s in data.get("skipped", []))
    # Nothing skipped is stored, and a rerun skips it again (it is not "unchanged").
    again = ingest(archive, [kho], workers=1, keep_non_directives=keep)
    assert sorted(f.path for f in again.not_directives) == ([] if keep else skipped)


def test_the_samples_folder_imports_cleanly(archive, samples_dir):
    report = ingest(archive, [samples_dir], workers=1)
    assert [f.path for f in report.not_directives] == ["samples/README.md"] and not report.failed
    assert report.added == archive.count() == len(list(samples_dir.glob("*/*.txt")))
    assert all(doc.meta.issuer for doc in archive.iter_documents())  # no "(no number) · ?" node


_LETTER = DISPATCH.format(number="845/UBND-YT", day=5, subject="tiêm vắc xin phòng Covid-19")
ENCODED = [
    # (file, bytes, None when it must import as the letter, else the start of its failure)
    ("viscii.txt", to_viscii(_LETTER), None),  # VISCII: was read as cp1252, "Huyžn", stored silently
    ("viqr.txt", to_viqr(_LETTER).encode(), None),  # VIQR: "Ddu+'c Tho.", marks typed after the letters
    ("cp1258.txt", to_cp1258(_LETTER), None),  # Windows-1258 with combining tones
    ("utf8-qua-cp1252.txt", _LETTER.encode().decode("cp1252", "replace").encode(),
     "not readable as Vietnamese"),  # UTF-8 shown as cp1252 and saved again: "á»¦y ban"
    ("viscii-qua-cp1252.txt", to_viscii(_LETTER).decode("cp1252", "replace").encode(),
     "not readable as Vietnamese"),  # the "Huyžn tam d¿´ng", saved as UTF-8 by a converter
]


def test_text_in_the_wrong_encoding_is_decoded_right_or_recorded_as_failed(archive, tmp_path):
    kho = tmp_path / "kho"
    kho.mkdir()
    for name, data, _ in ENCODED:
        (kho / name).write_bytes(data)
    report = ingest(archive, [kho], workers=1)
    failed = {f.path.removeprefix("kho/"): f.error for f in report.failed}
    assert set(failed) == {name for name, _, error in ENCODED if error}
    for name, _, error in ENCODED:
        if error:
            assert failed[name].startswith(error), failed[name]
    (doc,) = archive.iter_documents()  # every readable copy is the one letter, read right
    assert doc.meta.issuer == "Ủy ban nhân dân huyện Đức Thọ" and doc.meta.number == "845/UBND-YT"
    assert sorted(enc for _, _, _, enc in originals.of_document(archive, doc.id)) == ["viqr", "viscii", "windows-1258"]
