"""Walking folders and zips: order, skipped debris, symlinks, and every zip hazard named."""

from __future__ import annotations

import io
import os
import pickle
import stat
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanthu.archive.errors import ReadError
from vanthu.archive.readers import Item, Limits, WalkFailure, read_bytes, to_cp1258, walk

CV = "Thực hiện Công văn số 1367-CV/HU ngày 15/7/2021 của Ban Thường vụ Huyện ủy".encode("utf-8")


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write(path: Path, data: bytes = CV) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def listing(found) -> list[tuple[str, str]]:
    return [("item", x.display_path) if isinstance(x, Item) else ("fail", f"{x.display_path}: {x.error}")
            for x in found]


def test_folder_order_display_paths_and_skipped(tmp_path) -> None:
    kho = tmp_path / "kho"
    write(kho / "2021" / "b.txt")
    write(kho / "2021" / "a.docx")
    write(kho / "2019" / "Công văn 288.txt")
    write(kho / ".git" / "config")  # hidden folder
    write(kho / ".bi-mat.txt")  # hidden file
    write(kho / "2021" / "Thumbs.db")  # Windows thumbnails
    write(kho / "2021" / "~$a.docx")  # Word's lock file
    write(kho / ".DS_Store")  # macOS debris (also hidden, counted as junk)
    write(kho / "2020" / "luu.zip", zip_bytes({"x.txt": CV}))  # a zip inside a folder is walked in place
    skipped: Counter = Counter()
    found = list(walk([kho], skipped=skipped))
    assert listing(found) == [("item", "kho/2019/Công văn 288.txt"), ("item", "kho/2020/luu.zip/x.txt"),
                              ("item", "kho/2021/a.docx"), ("item", "kho/2021/b.txt")]
    assert skipped == Counter({"hidden": 2, "junk": 3})
    first = found[0]
    assert (first.name, first.source, first.members, first.size) == (
        "Công văn 288.txt", str((kho / "2019" / "Công văn 288.txt").resolve()), (), len(CV))
    assert first.load() == CV


def test_current_folder_shows_its_name(tmp_path, monkeypatch) -> None:
    write(tmp_path / "kho" / "a.txt")
    monkeypatch.chdir(tmp_path / "kho")
    assert listing(walk([Path(".")])) == [("item", "kho/a.txt")]


def test_single_file_and_missing_path(tmp_path) -> None:
    path = write(tmp_path / "cv.txt")
    found = list(walk([path, tmp_path / "khong-co"]))
    assert listing(found) == [("item", "cv.txt"), ("fail", f"{tmp_path / 'khong-co'}: no such file or folder")]


def test_symlinks_never_lead_outside(tmp_path) -> None:
    outside = write(tmp_path / "ngoai" / "mat.txt")
    kho = tmp_path / "kho"
    inside = write(kho / "that.txt")
    (kho / "lien-ket-ngoai.txt").symlink_to(outside)  # points out of the imported folder
    (kho / "lien-ket-trong.txt").symlink_to(inside)  # a file link inside the folder is read
    (kho / "thu-muc").symlink_to(kho, target_is_directory=True)  # a loop back to the root
    (kho / "gay.txt").symlink_to(tmp_path / "khong-co")  # broken
    skipped: Counter = Counter()
    assert listing(walk([kho], skipped=skipped)) == [
        ("fail", "kho/gay.txt: broken symlink"),
        ("fail", "kho/lien-ket-ngoai.txt: symlink points outside the imported folder"),
        ("item", "kho/lien-ket-trong.txt"),
        ("item", "kho/that.txt"),
    ]
    assert skipped["symlinked folder"] == 1


def test_nested_zip_items_load_their_bytes(tmp_path) -> None:
    inner = zip_bytes({"c.txt": b"inner text", "sub/d.md": b"# d"})
    write(tmp_path / "kho.zip", zip_bytes({"2019/a.txt": CV, "inner.zip": inner, "2019/": b"",
                                           "__MACOSX/._a.txt": b"junk"}))
    skipped: Counter = Counter()
    found = list(walk([tmp_path / "kho.zip"], skipped=skipped))
    assert listing(found) == [("item", "kho.zip/2019/a.txt"), ("item", "kho.zip/inner.zip/c.txt"),
                              ("item", "kho.zip/inner.zip/sub/d.md")]
    assert skipped == Counter({"junk": 1})  # __MACOSX
    assert [item.members for item in found] == [("2019/a.txt",), ("inner.zip", "c.txt"), ("inner.zip", "sub/d.md")]
    assert [item.load() for item in found] == [CV, b"inner text", b"# d"]
    assert all(pickle.loads(pickle.dumps(item)) == item for item in found)


def _zip_with_raw_name(raw: bytes) -> bytes:
    """A zip whose member name is stored as raw bytes without the UTF-8 flag (old Windows zips)."""
    placeholder = b"x" * len(raw)
    return zip_bytes({placeholder.decode("ascii"): CV}).replace(placeholder, raw)


RAW_NAMES = [
    ("Công văn 288.txt".encode("utf-8"), "Công văn 288.txt"),  # UTF-8 without the flag (Info-ZIP, macOS)
    (to_cp1258("Công văn số 288 về phòng chống dịch.txt"), "Công văn số 288 về phòng chống dịch.txt"),  # Windows, Vietnamese
    ("Résumé.txt".encode("cp437"), "Résumé.txt"),  # a real cp437 name stays as it is
]


@pytest.mark.parametrize(("raw", "name"), RAW_NAMES)
def test_member_names_without_utf8_flag(tmp_path, raw: bytes, name: str) -> None:
    write(tmp_path / "kho.zip", _zip_with_raw_name(raw))
    (item,) = walk([tmp_path / "kho.zip"])
    assert (item.display_path, item.name) == (f"kho.zip/{name}", name)
    assert item.load() == CV


# Every hazard inside a zip, and the failure that names it: (members, limits, expected listing)
ZIP_CASES = [
    ({"../../etc/passwd": b"root"}, Limits(),
     [("fail", "kho.zip/etc/passwd: unsafe path in zip (leaves the archive): ../../etc/passwd")]),  # traversal
    ({"/etc/passwd": b"root"}, Limits(),
     [("fail", "kho.zip/etc/passwd: unsafe path in zip (absolute): /etc/passwd")]),  # absolute path
    ({"C:\\Windows\\win.ini": b"x"}, Limits(),
     [("fail", "kho.zip/C:/Windows/win.ini: unsafe path in zip (absolute): C:\\Windows\\win.ini")]),  # drive letter
    ({"a.txt": b"x" * 3000}, Limits(ratio_floor_bytes=1000),
     [("fail", "kho.zip/a.txt: zip member exceeds compression ratio 100:1 (zip bomb?)")]),  # bomb by ratio
    ({"a.txt": b"x" * 3000}, Limits(max_file_bytes=2000),
     [("fail", "kho.zip/a.txt: zip member exceeds the file size limit of 2000 bytes")]),  # member too large
    ({"a.txt": b"aaa", "b.txt": b"bbb", "c.txt": b"ccc"}, Limits(max_zip_total_bytes=7),
     [("item", "kho.zip/a.txt"), ("item", "kho.zip/b.txt"),
      ("fail", "kho.zip/c.txt: zip total uncompressed size exceeds the limit of 7 bytes")]),  # total bound
    ({"a.txt": b"a", "b.txt": b"b", "c.txt": b"c"}, Limits(max_members=2),
     [("fail", "kho.zip: zip has 3 members, over the limit of 2")]),  # too many members
    ({"a.zip": zip_bytes({"b.zip": zip_bytes({"c.txt": b"c"})})}, Limits(max_depth=2),
     [("fail", "kho.zip/a.zip/b.zip: zip nesting deeper than the limit of 2")]),  # zip in zip in zip
    ({"hong.zip": b"PK\x03\x04 not really"}, Limits(),
     [("fail", "kho.zip/hong.zip: corrupt zip: BadZipFile: File is not a zip file")]),  # corrupt inner zip
]


@pytest.mark.parametrize(("members", "limits", "expected"), ZIP_CASES)
def test_zip_hazards(tmp_path, members, limits, expected) -> None:
    write(tmp_path / "kho.zip", zip_bytes(members))
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert listing(walk([tmp_path / "kho.zip"], limits)) == expected
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing was ever extracted


def _zip_with_info(name: str, data: bytes, **attrs) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo(name)
        for key, value in attrs.items():
            setattr(info, key, value)
        archive.writestr(info, data)
    return buffer.getvalue()


def test_symlink_entry_in_zip(tmp_path) -> None:
    write(tmp_path / "kho.zip", _zip_with_info("link.txt", b"/etc/passwd",
                                               external_attr=(stat.S_IFLNK | 0o777) << 16))
    assert listing(walk([tmp_path / "kho.zip"])) == [("fail", "kho.zip/link.txt: symlink entry in zip (not followed)")]


def test_encrypted_zip_entry(tmp_path) -> None:
    data = bytearray(zip_bytes({"mat.txt": b"secret"}, zipfile.ZIP_STORED))
    # Set the "encrypted" flag in both the local and the central header, as zip -e writes it.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x01
    write(tmp_path / "kho.zip", bytes(data))
    assert listing(walk([tmp_path / "kho.zip"])) == [("fail", "kho.zip/mat.txt: encrypted zip entry")]


CORRUPT = [
    (b"", "corrupt zip: BadZipFile: File is not a zip file"),  # 0-byte zip
    (b"this is not a zip", "corrupt zip: BadZipFile: File is not a zip file"),  # text named .zip
    (zip_bytes({"a.txt": CV})[:-30], "corrupt zip: BadZipFile: File is not a zip file"),  # truncated end
]


@pytest.mark.parametrize(("data", "error"), CORRUPT)
def test_corrupt_zips(tmp_path, data: bytes, error: str) -> None:
    write(tmp_path / "kho.zip", data)
    assert listing(walk([tmp_path / "kho.zip"])) == [("fail", f"kho.zip: {error}")]


def test_zero_byte_file_is_an_item_that_fails_to_read(tmp_path) -> None:
    (item,) = walk([write(tmp_path / "rong.txt", b"")])
    assert item.size == 0
    with pytest.raises(ReadError, match="^0-byte file$"):
        read_bytes(item.load(), item.name)


def test_load_of_a_vanished_file(tmp_path) -> None:
    path = write(tmp_path / "cv.txt")
    (item,) = walk([path])
    path.unlink()
    with pytest.raises(ReadError, match="file disappeared"):
        item.load()


def test_load_of_a_zip_member_that_changed(tmp_path) -> None:
    write(tmp_path / "kho.zip", zip_bytes({"a.txt": CV}))
    (item,) = walk([tmp_path / "kho.zip"])
    write(tmp_path / "kho.zip", zip_bytes({"b.txt": CV}))
    with pytest.raises(ReadError, match="zip member a.txt is gone"):
        item.load()


def test_load_refuses_a_member_larger_than_its_header_says(tmp_path) -> None:
    """A lying header cannot make load() read more than the bound."""
    write(tmp_path / "kho.zip", zip_bytes({"a.txt": b"x" * 5000}))
    (item,) = walk([tmp_path / "kho.zip"])
    small = Item(item.display_path, item.name, item.source, item.members, item.size, max_bytes=100)
    with pytest.raises(ReadError, match="exceeds the file size limit of 100 bytes"):
        small.load()


def test_unreadable_folder(tmp_path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    locked = tmp_path / "kho" / "khoa"
    locked.mkdir(parents=True)
    locked.chmod(0)
    try:
        assert listing(walk([tmp_path / "kho"])) == [("fail", "kho/khoa: cannot list folder: Permission denied")]
    finally:
        locked.chmod(0o755)


def test_member_with_an_empty_name_is_ignored(tmp_path) -> None:
    """Found by the property below: a damaged central directory can give a member no name."""
    damaged = bytearray(zip_bytes({"a.txt": CV, "b/c.docx": b"PK", "d.zip": zip_bytes({"e.txt": b"e"})}))
    damaged[367] = 0  # the first byte of "b/c.docx" in the central directory
    write(tmp_path / "kho.zip", bytes(damaged))
    assert listing(walk([tmp_path / "kho.zip"])) == [("item", "kho.zip/a.txt"), ("item", "kho.zip/d.zip/e.txt")]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_zips_never_raise(tmp_path, data) -> None:
    """Random and truncated zips end as items or failures, and loading raises only ReadError."""
    original = zip_bytes({"a.txt": CV, "b/c.docx": b"PK", "d.zip": zip_bytes({"e.txt": b"e"})})
    cut = data.draw(st.integers(0, len(original)))
    damaged = bytearray(original[:cut] if data.draw(st.booleans()) else original)
    for _ in range(data.draw(st.integers(0, 3))):
        if damaged:
            damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "kho.zip"
    path.write_bytes(bytes(damaged))
    for found in walk([path]):
        assert isinstance(found, (Item, WalkFailure))
        if isinstance(found, Item):
            try:
                found.load()
            except ReadError:
                pass


def test_a_file_deleted_between_the_listing_and_its_stat_is_said_to_have_disappeared(tmp_path):
    # a librarian's colleague moves a file away while the import walks the folder: the same words
    # as when it vanishes before it is read, not an OS error string
    from vanthu.archive.readers.walk import _file_items

    gone = tmp_path / "cong-van-12.txt"
    out = list(_file_items(gone, "kho/cong-van-12.txt", Limits(), Counter()))
    assert [(f.display_path, f.error) for f in out] == [("kho/cong-van-12.txt", "file disappeared before it could be read")]
