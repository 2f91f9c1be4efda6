"""One reader per document format: bytes in, text out, any library failure as a ReadError.

Each reader returns ``(text, reader_name)``; :func:`vanthu.archive.readers.read_bytes` adds
the legacy-font repair and NFC. Libraries are imported inside the readers, so importing this
module costs nothing.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile

from ..errors import ReadError
from .encodings import decode_text
from .limits import Limits

__all__ = ["read_docx", "read_pdf_text_layer", "pdf_page_count", "read_html", "read_rtf",
           "check_zip_container"]


def check_zip_container(data: bytes, kind: str, limits: Limits) -> zipfile.ZipFile:
    """Open a zip-based document (.docx) only if its members are within the bounds."""
    try:
        container = zipfile.ZipFile(io.BytesIO(data))
        infos = container.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError) as exc:
        raise ReadError(f"corrupt {kind}: {exc}") from None
    total = sum(info.file_size for info in infos)
    if total > limits.max_zip_total_bytes:
        raise ReadError(f"{kind} unpacks to {total} bytes, over the limit of "
                        f"{limits.max_zip_total_bytes} bytes")
    for info in infos:
        if info.file_size > limits.ratio_floor_bytes and \
                info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ReadError(f"{kind} member {info.filename} exceeds compression ratio "
                            f"{limits.max_ratio}:1 (zip bomb?)")
    return container


# .docx ---------------------------------------------------------------------------------------

def _paragraph_text(paragraph) -> str:
    """A paragraph's runs plus any text boxes anchored in it (letterheads often use them)."""
    boxes = paragraph._p.xpath(".//w:txbxContent//w:p")
    texts = ["".join(node.text or "" for node in box.xpath(".//w:t")) for box in boxes]
    return "\n".join([paragraph.text, *texts]) if texts else paragraph.text


def _block_lines(container) -> list[str]:
    """Paragraphs and tables in document order."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(_paragraph_text(block))
    return lines


def _table_lines(table) -> list[str]:
    """Row by row, a cell's lines (nested tables included) before the next cell's: a row of a
    two-column letterhead gives the issuer and number, then the motto and date. A merged cell is read once,
    though python-docx repeats it in every column and row that it spans."""
    lines: list[str] = []
    seen: set = set()  # the cells' XML elements: kept alive, so identity is stable
    for row in table.rows:
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                lines.extend(_block_lines(cell))
    return lines


def _header_footer_lines(document, which: str) -> list[str]:
    lines: list[str] = []
    for section in document.sections:
        part = getattr(section, which)
        if part.is_linked_to_previous:
            continue
        for line in _block_lines(part):
            if line.strip() and line not in lines:
                lines.append(line)
    return lines


def read_docx(data: bytes, limits: Limits) -> tuple[str, str]:
    """Body, tables (letterheads are 2-column tables), headers and footers of a .docx."""
    check_zip_container(data, ".docx", limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = (_header_footer_lines(document, "header") + _block_lines(document)
                 + _header_footer_lines(document, "footer"))
    except Exception as exc:  # python-docx raises anything from KeyError to lxml errors
        raise ReadError(f"corrupt .docx: {type(exc).__name__}: {exc}") from None
    return "\n".join(lines), "python-docx"


# .pdf ----------------------------------------------------------------------------------------

# Fewer letters or digits than this per page on average: a scan with no (useful) text layer.
_MIN_CHARS_PER_PAGE = 10


def _open_pdf(data: bytes):
    from pypdf import PdfReader

    # pypdf logs what it works around ("EOF marker not found", even at error level: "Advanced
    # encoding … not implemented") to stderr, over the import's progress bar; a failure it
    # cannot work around raises, and that is what we report.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF (needs a password)")
        return reader
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(_pdf_error(exc)) from None


def _pdf_error(exc: Exception) -> str:
    message = f"{type(exc).__name__}: {exc}"
    if any(sign in message for sign in ("EOF", "startxref", "truncated", "ended unexpectedly")):
        return f"truncated PDF: {message}"
    return f"corrupt PDF: {message}"


def pdf_page_count(data: bytes) -> int:
    """Number of pages, or ReadError; used to bound OCR."""
    try:
        return len(_open_pdf(data).pages)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(_pdf_error(exc)) from None


def read_pdf_text_layer(data: bytes) -> str | None:
    """The text layer of a PDF, or None when it has none worth the name (a scan)."""
    reader = _open_pdf(data)
    try:
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise ReadError(_pdf_error(exc)) from None
    # pypdf ends a line wrapped inside a table cell with a space: "VIỆT \nNAM".
    text = "\n\n".join("\n".join(line.rstrip() for line in page.strip("\n").split("\n")) for page in pages)
    useful = sum(1 for ch in text if ch.isalnum())
    if not pages or useful < _MIN_CHARS_PER_PAGE * len(pages):
        return None
    return text


# .html ---------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DROP = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_BLOCKS = ("p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
           "h5", "h6", "section", "article", "header", "footer", "blockquote", "pre", "dd",
           "dt", "dl", "address", "center", "title", "hr", "form", "fieldset", "figure",
           "figcaption", "main", "nav", "aside", "caption")
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


def _decode_html(data: bytes) -> tuple[str, str]:
    """Declared charset first (a page says what it is), else the text-file detection."""
    import codecs

    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = declared.group(1).decode("ascii").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name:
            return data.decode(name, "replace"), name
    return decode_text(data)


def read_html(data: bytes) -> tuple[str, str, str]:
    """Visible text of an HTML page, block elements on their own lines; (text, reader, encoding)."""
    from bs4 import BeautifulSoup, NavigableString, XMLParsedAsHTMLWarning
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    markup, encoding = _decode_html(data)
    try:
        with warnings.catch_warnings():
            # XHTML saved by Word starts with <?xml: read as HTML on purpose, and a warning
            # printed in the middle of an import's progress would only confuse.
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(markup, "lxml")
        for tag in soup.find_all(_DROP):
            tag.decompose()
        for node in soup.find_all(string=True):
            if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                node.extract()
            elif node.find_parent(("pre", "textarea")) is None:
                node.replace_with(NavigableString(_SPACES.sub(" ", str(node))))
        for tag in soup.find_all("br"):
            tag.replace_with("\n")
        for tag in soup.find_all(_BLOCKS):
            tag.insert_before("\n")
            tag.append("\n")
        text = soup.get_text()
    except Exception as exc:
        raise ReadError(f"corrupt HTML: {type(exc).__name__}: {exc}") from None
    return _tidy_lines(text), "beautifulsoup4", encoding


_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy_lines(text: str) -> str:
    """Strip each line and keep at most one blank line between blocks."""
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", lines).strip("\n")


# .rtf ----------------------------------------------------------------------------------------

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")


def read_rtf(data: bytes) -> tuple[str, str]:
    """RTF through striprtf; \\'xx bytes in the document's code page, \\uN as Unicode."""
    import codecs

    from striprtf.striprtf import rtf_to_text

    codepage = _ANSICPG.search(data[:4096])
    encoding = f"cp{int(codepage.group(1))}" if codepage else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except Exception as exc:
        raise ReadError(f"corrupt RTF: {type(exc).__name__}: {exc}") from None
    return text, "striprtf"

