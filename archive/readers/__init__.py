"""Readers: the bytes of an office file → Unicode text, and folders/zips → the files to import.

``read_bytes(data, name)`` picks the reader by content first (%PDF, {\\rtf, a zip holding
word/document.xml, a Word 97 OLE file) and extension second, and converts text typed in the
legacy TCVN3 and VNI fonts in any format. ``walk(paths)`` lists files in folders and zips
safely; each ``Item`` re-opens its bytes with ``Item.load()`` in the worker that reads it.

Every failure is a :class:`~vanthu.archive.errors.ReadError` with a specific reason; no other
exception leaves :func:`read_bytes`.
"""

from __future__ import annotations

import io
import signal
import threading
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ReadError
from .encodings import decode_text, repair_font_text
from .legacy import to_cp1258, to_tcvn3, to_vni
from .limits import Limits
from .walk import Item, WalkFailure, read_file_bounded, walk

__all__ = ["Extracted", "Item", "Limits", "WalkFailure", "decode_text", "read_bytes",
           "read_path", "repair_font_text", "sniff_format", "to_cp1258", "to_tcvn3", "to_vni",
           "out_of_memory", "time_limit", "walk", "FORMATS"]

FORMATS = ("txt", "md", "docx", "doc", "pdf", "html", "rtf")
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".doc": "doc", ".dot": "doc",
    ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html", ".rtf": "rtf",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class Extracted:
    """What a reader produced. ``encoding`` is the text encoding found for text files, and for
    any format "tcvn3" or "vni" when legacy-font text was converted; else None."""

    text: str
    format: str
    encoding: str | None
    reader: str


def _extension(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def _looks_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()


def _zip_format(data: bytes, extension: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:  # any damage: BadZipFile, NotImplementedError ("zip file version 12.5") …
        names = []
    if "word/document.xml" in names or extension in (".docx", ".docm", ".dotx"):
        return "docx"
    if extension == ".zip" or names:
        raise ReadError("zip archive: its files are imported one by one, not read as a document")
    raise ReadError(f"unsupported format {extension or '(no extension)'}")


def sniff_format(data: bytes, name: str) -> str:
    """The format to read ``data`` as: its magic bytes where they are certain, else its extension.

    >>> sniff_format(b"%PDF-1.7 ...", "cong-van.doc"), sniff_format(b"Kinh gui", "a.txt")
    ('pdf', 'txt')
    """
    extension = _extension(name)
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024] and extension == ".pdf":
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(data, extension)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:  # a password-protected .docx/.xlsx is an OLE file
            raise ReadError("encrypted Office document (needs a password)")
        if extension and extension not in _EXTENSIONS:  # .xls, .ppt, .msg share the container
            raise ReadError(f"unsupported format {extension} (an Office 97-2003 file)")
        return "doc"
    if extension in (".doc", "") and _looks_html(data):
        return "html"  # Word's "web page" .doc files, and pages saved without an extension
    if extension in (".doc", ".dot") or extension == ".rtf" and b"{\\rtf" not in data[:64]:
        # No Word or RTF header: catdoc and striprtf would pass random bytes off as text, so the
        # text decoder decides (a renamed .txt reads; binary is "binary data, not text").
        return "txt"
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    raise ReadError(f"unsupported format {extension or '(no extension)'}")


@contextmanager
def time_limit(seconds: float, what: str = "reading"):
    """Bound pure-Python work on one file (pypdf on a hostile file can loop for minutes); the
    ReadError names the step: "parsing took longer than the limit of 300 s".

    Uses SIGALRM, so only in a process's main thread (the import workers' case); elsewhere the
    converters' own subprocess timeouts are the bound.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise ReadError(f"{what} took longer than the limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def out_of_memory(what: str) -> ReadError:
    """The ReadError for a MemoryError, naming the per-process bound (RLIMIT_AS) when one is set.

    >>> "more memory than" in str(out_of_memory("pdf file"))
    True
    """
    import resource

    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    if soft == resource.RLIM_INFINITY:
        return ReadError(f"{what} needs more memory than this machine has free")
    size = f"{soft / 1024 ** 3:g} GiB" if soft >= 1024 ** 3 else f"{soft / 1024 ** 2:g} MiB"
    return ReadError(f"{what} needs more memory than the per-file bound of {size}")


def _read_text(data: bytes, limits: Limits) -> tuple[str, str | None, str]:
    text, encoding = decode_text(data)
    return text, encoding, "text"


def _read_docx(data: bytes, limits: Limits) -> tuple[str, str | None, str]:
    from .formats import read_docx

    text, reader = read_docx(data, limits)
    return (*repair_font_text(text), reader)


def _read_doc(data: bytes, limits: Limits) -> tuple[str, str | None, str]:
    from .converters import read_doc

    text, reader = read_doc(data, limits)
    return (*repair_font_text(text), reader)


def _read_pdf(data: bytes, limits: Limits) -> tuple[str, str | None, str]:
    from .converters import ocr_pdf
    from .formats import pdf_page_count, read_pdf_text_layer

    text = read_pdf_text_layer(data)
    if text is not None:
        return (*repair_font_text(text), "pypdf")
    text, reader = ocr_pdf(data, pdf_page_count(data), limits)
    return text, None, reader


def _read_html(data: bytes, limits: Limits) -> tuple[str, str | None, str]:
    from .formats import read_html

    text, reader, encoding = read_html(data)
    text, legacy = repair_font_text(text)
    return text, legacy or encoding, reader


def _read_rtf(data: bytes, limits: Limits) -> tuple[str, str | None, str]:
    from .formats import read_rtf

    text, reader = read_rtf(data)
    return (*repair_font_text(text), reader)


_READERS = {"txt": _read_text, "md": _read_text, "docx": _read_docx, "doc": _read_doc,
            "pdf": _read_pdf, "html": _read_html, "rtf": _read_rtf}


def read_bytes(data: bytes, name: str, limits: Limits = Limits()) -> Extracted:
    """Extract the text of one file; ``name`` (its file name) gives the extension.

    Raises ReadError with the specific reason ("0-byte file", "corrupt .docx: …",
    "no text layer (install tesseract-ocr-vie to OCR)", "unsupported format .xlsx" …).

    >>> read_bytes("Số: 845/UBND-YT".encode("utf-8"), "845.txt")
    Extracted(text='Số: 845/UBND-YT', format='txt', encoding='utf-8', reader='text')
    """
    if not data:
        raise ReadError("0-byte file")
    if len(data) > limits.max_file_bytes:
        raise ReadError(f"file is {len(data)} bytes, over the limit of {limits.max_file_bytes} bytes")
    fmt = _extension(name).lstrip(".") or "file"
    try:
        fmt = sniff_format(data, name)
        with time_limit(limits.max_seconds):
            text, encoding, reader = _READERS[fmt](data, limits)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{fmt} file nested too deeply to read") from None
    except MemoryError:
        raise out_of_memory(f"{fmt} file") from None
    except Exception as exc:  # a reader library failed in a way we did not foresee
        raise ReadError(f"cannot read .{fmt}: {type(exc).__name__}: {exc}") from None
    text = unicodedata.normalize("NFC", text.replace("\x00", ""))
    if not text.strip():
        raise ReadError(f"no text in this .{fmt} file")
    return Extracted(text, fmt, encoding, reader)


def read_path(path: Path, limits: Limits = Limits()) -> Extracted:
    """Read a file from disk (size checked before reading)."""
    return read_bytes(read_file_bounded(Path(path), limits.max_file_bytes), Path(path).name, limits)
