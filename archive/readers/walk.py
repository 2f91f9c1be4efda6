"""Walk folders and zip archives (recursively, in place) into the list of files to import.

Safety first, because a librarian's folders come from anywhere: zip members are read in
memory and never extracted, so a member named ``../../etc/passwd`` cannot write anything (it
is reported all the same); sizes, compression ratios, nesting depth and member counts are
bounded (:class:`~.limits.Limits`) and a failure names the bound; symlinks never lead out of
the folders given. The order is deterministic (sorted by name), so two runs list the same
items in the same order.

A zip member's display path joins the zip's display path and the member's name with "/":
``kho.zip/2019/a.docx``, ``kho.zip/inner.zip/b.txt``.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ReadError
from .limits import Limits
from .syllables import vietnamese_score

__all__ = ["Item", "WalkFailure", "walk", "read_file_bounded", "printable"]

# Office and OS debris that is never a document.
_JUNK_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store", "__macosx"})
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
               NotImplementedError, RuntimeError, KeyError, IndexError, zlib.error, struct.error)


def _skip_reason(name: str) -> str | None:
    """Why a file or folder name is not walked ("hidden", "junk"), or None."""
    lower = name.lower()
    if lower in _JUNK_NAMES or lower.startswith("~$"):
        return "junk"
    if name.startswith("."):
        return "hidden"
    return None


def read_file_bounded(path: Path, limit: int) -> bytes:
    """Read a whole file, refusing one over ``limit`` bytes or one that changes while read."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise ReadError(f"file is {size} bytes, over the limit of {limit} bytes")
            # What fstat promised and one byte more, not ``limit + 1``: a buffer of the limit (128 MiB)
            # was allocated and freed for every file.
            data = handle.read(size + 1)
            if len(data) > size:  # it grew while read: how far tells which failure it is
                data += handle.read(limit + 1 - len(data))
    except FileNotFoundError:
        raise ReadError("file disappeared before it could be read") from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise ReadError(f"file grew past the limit of {limit} bytes while being read")
    if len(data) != size:
        raise ReadError("file changed while being read")
    return data


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, never more than ``limit`` whatever its header claims."""
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except _ZIP_ERRORS as exc:
        raise ReadError(_zip_error(exc)) from None
    if len(data) > limit:
        raise ReadError(f"zip member exceeds the file size limit of {limit} bytes")
    return data


def _zip_error(exc: Exception) -> str:
    message = str(exc)
    if "encrypted" in message or "password" in message:
        return "encrypted zip entry"
    return f"corrupt zip: {type(exc).__name__}: {message}"


def _open_zip(data_or_path: bytes | Path) -> zipfile.ZipFile:
    try:
        if isinstance(data_or_path, bytes):
            return zipfile.ZipFile(io.BytesIO(data_or_path))
        return zipfile.ZipFile(data_or_path)
    except _ZIP_ERRORS as exc:
        raise ReadError(_zip_error(exc)) from None


@dataclass(frozen=True)
class Item:
    """One file to import; cheap to pickle, it re-opens its source in the worker that reads it."""

    display_path: str
    name: str
    source: str
    members: tuple[str, ...] = ()
    size: int = 0
    max_bytes: int = Limits.max_file_bytes

    def load(self) -> bytes:
        """The file's bytes (from disk, or from inside its zip(s)); ReadError when it cannot."""
        if not self.members:
            return read_file_bounded(Path(self.source), self.max_bytes)
        archive = _open_zip(Path(self.source))
        try:
            for member in self.members[:-1]:
                inner = _read_member(archive, _member_info(archive, member), self.max_bytes)
                archive.close()
                archive = _open_zip(inner)
            return _read_member(archive, _member_info(archive, self.members[-1]), self.max_bytes)
        finally:
            archive.close()


def _member_info(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    try:
        return archive.getinfo(name)
    except KeyError:
        raise ReadError(f"zip member {name} is gone (the zip changed since it was listed)") from None


@dataclass(frozen=True)
class WalkFailure:
    """Something found while walking that cannot become an Item; ``error`` says why, and
    ``source`` (the file, folder or outermost zip) is where `import --failed` retries it from;
    None when retrying cannot help (a symlink that leads out of the folder)."""

    display_path: str
    error: str
    source: str | None = None


def walk(paths: Sequence[Path], limits: Limits = Limits(),
         skipped: Counter | None = None, displays: Sequence[str] | None = None) -> Iterator[Item | WalkFailure]:
    """Every file under ``paths`` (files, folders, zips) as an Item, or a WalkFailure saying why not.

    Hidden files and folders and office debris (Thumbs.db, ~$ lock files, .DS_Store) are not
    listed; pass a Counter as ``skipped`` to learn how many, by reason. Display paths start at
    each path's name, or at its entry of ``displays`` (a retry shows ``kho/a.docx`` as before).
    """
    skipped = skipped if skipped is not None else Counter()
    for index, given in enumerate(paths):
        path = Path(given)
        root = path.resolve()
        display = displays[index] if displays else printable(path.name or root.name or str(path))
        if path.is_dir():
            yield from _walk_folder(path, display, root, limits, skipped)
        elif path.exists():
            yield from _file_items(path, display, limits, skipped)
        else:
            yield WalkFailure(str(given), "no such file or folder")


def printable(name: str) -> str:
    """A file name as text that can be stored and shown: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) are written as ``\\xff``, so SQLite and JSON accept the name.

    >>> printable(os.fsdecode(b"c\\xf4ng-v\\xe3n.txt"))
    'c\\\\xf4ng-v\\\\xe3n.txt'
    """
    if name.isascii() or not any("\udc80" <= c <= "\udcff" for c in name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


def _walk_folder(folder: Path, display: str, root: Path, limits: Limits,
                 skipped: Counter) -> Iterator[Item | WalkFailure]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield WalkFailure(display, f"cannot list folder: {exc.strerror or exc}", str(folder.resolve()))
        return
    for entry in entries:
        child_display = f"{display}/{printable(entry.name)}"
        reason = _skip_reason(entry.name)
        if reason:
            skipped[reason] += 1
            continue
        child = Path(entry.path)
        if entry.is_symlink():
            problem = _symlink_problem(child, root)
            if problem:
                yield WalkFailure(child_display, problem)
                continue
            if child.is_dir():
                skipped["symlinked folder"] += 1  # inside the roots: walked where it really is
                continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_folder(child, child_display, root, limits, skipped)
        elif child.is_file():
            yield from _file_items(child, child_display, limits, skipped)
        else:
            skipped["not a regular file"] += 1


def _symlink_problem(link: Path, root: Path) -> str | None:
    """Why a symlink is not followed, or None when it stays inside the folder given."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken symlink"
    if not _inside(target, root):
        return "symlink points outside the imported folder"
    return None


def _file_items(path: Path, display: str, limits: Limits,
                skipped: Counter) -> Iterator[Item | WalkFailure]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:  # deleted between the listing and now: the reader's own words
        yield WalkFailure(display, "file disappeared before it could be read", str(path.resolve()))
        return
    except OSError as exc:
        yield WalkFailure(display, f"cannot read file: {exc.strerror or exc}", str(path.resolve()))
        return
    if path.suffix.lower() != ".zip":
        yield Item(display, printable(path.name), str(path.resolve()), (), size, limits.max_file_bytes)
        return
    try:
        archive = _open_zip(path)
    except ReadError as exc:
        yield WalkFailure(display, str(exc), str(path.resolve()))
        return
    with archive:
        yield from _walk_zip(archive, display, str(path.resolve()), (), 1, limits, skipped)


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name for display. Without the UTF-8 flag, zipfile reads it as cp437; tools
    often wrote UTF-8 all the same, and Windows in Vietnamese writes its code page, cp1258."""
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    vietnamese = unicodedata.normalize("NFC", raw.decode("cp1258", "replace"))
    score = vietnamese_score(vietnamese)
    return vietnamese if score > 0 and score > vietnamese_score(name) else name


def _unsafe_name(name: str) -> str | None:
    """Why a member name would escape an extraction folder, or None when it is safe."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return f"unsafe path in zip (absolute): {name}"
    if ".." in PurePosixPath(normal).parts:
        return f"unsafe path in zip (leaves the archive): {name}"
    return None


def _member_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why a zip member cannot become an Item (the first bound it breaks), or None."""
    unsafe = _unsafe_name(info.filename)
    if unsafe:
        return unsafe
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symlink entry in zip (not followed)"
    if info.flag_bits & 0x1:
        return "encrypted zip entry"
    if info.file_size > limits.max_file_bytes:
        return f"zip member exceeds the file size limit of {limits.max_file_bytes} bytes"
    if info.file_size > limits.ratio_floor_bytes and \
            info.file_size > limits.max_ratio * max(info.compress_size, 1):
        return f"zip member exceeds compression ratio {limits.max_ratio}:1 (zip bomb?)"
    return None


def _walk_zip(archive: zipfile.ZipFile, display: str, source: str, chain: tuple[str, ...],
              depth: int, limits: Limits, skipped: Counter) -> Iterator[Item | WalkFailure]:
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        yield WalkFailure(display, f"zip has {len(infos)} members, over the limit of "
                                   f"{limits.max_members}", source)
        return
    total = 0
    for info in sorted(infos, key=lambda i: i.filename):
        name = _member_name(info)
        # Shown without "/", ".." or ".": the display path never points outside either.
        parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("/", "..", ".")]
        problem = _member_problem(info, limits)
        if not parts or info.is_dir():  # an empty name (damaged zip) makes is_dir() raise
            continue
        reason = next(filter(None, map(_skip_reason, parts)), None)
        if reason and not problem:
            skipped[reason] += 1
            continue
        member_display = f"{display}/{'/'.join(parts)}"
        total += info.file_size
        if problem is None and total > limits.max_zip_total_bytes:
            problem = (f"zip total uncompressed size exceeds the limit of "
                       f"{limits.max_zip_total_bytes} bytes")
        if problem:
            yield WalkFailure(member_display, problem, source)
        elif parts[-1].lower().endswith(".zip"):
            yield from _walk_inner_zip(archive, info, member_display, source, chain, depth, limits,
                                       skipped)
        else:
            yield Item(member_display, parts[-1], source, (*chain, info.filename),
                       info.file_size, limits.max_file_bytes)


def _walk_inner_zip(archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str, source: str,
                    chain: tuple[str, ...], depth: int, limits: Limits,
                    skipped: Counter) -> Iterator[Item | WalkFailure]:
    if depth >= limits.max_depth:
        yield WalkFailure(display, f"zip nesting deeper than the limit of {limits.max_depth}", source)
        return
    try:
        inner = _open_zip(_read_member(archive, info, limits.max_file_bytes))
    except ReadError as exc:
        yield WalkFailure(display, str(exc), source)
        return
    with inner:
        yield from _walk_zip(inner, display, source, (*chain, info.filename), depth + 1, limits,
                             skipped)
