"""System converters run as subprocesses, each with a timeout: antiword/LibreOffice/catdoc for .doc, and
pdftoppm + Tesseract (Vietnamese model) for scanned PDFs. Installed by scripts/system-deps.sh;
without them a file fails with a reason that says what to install, never a crash."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..._children import dying_with
from ..errors import ReadError
from .limits import Limits

__all__ = ["read_doc", "ocr_pdf", "ocr_available"]

_DOC_MISSING = ".doc needs antiword or catdoc (apt-get install antiword)"
_OCR_MISSING = "no text layer (install tesseract-ocr-vie to OCR)"


def _run(command: list[str], timeout: float, cwd: str | None = None) -> subprocess.CompletedProcess:
    """Run a converter; a timeout or a missing binary becomes a ReadError naming it. The converter
    dies with the process that runs it (a killed import leaves no antiword or tesseract behind)."""
    # One thread per OCR run: import already runs one worker per core.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "LC_ALL": "C.UTF-8"}
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, cwd=cwd, env=env,
                              stdin=subprocess.DEVNULL, check=False, preexec_fn=dying_with())
    except subprocess.TimeoutExpired:
        raise ReadError(f"{Path(command[0]).name} took longer than {timeout:g} s") from None
    except OSError as exc:
        raise ReadError(f"cannot run {Path(command[0]).name}: {exc.strerror}") from None


def _first_line(stream: bytes) -> str:
    lines = stream.decode("utf-8", "replace").strip().splitlines()
    return lines[0].strip() if lines else "no output"


def read_doc(data: bytes, limits: Limits) -> tuple[str, str]:
    """Word 97–2003 text via antiword, else LibreOffice, else catdoc (which also reads Word 6/95).

    antiword is a thousand times faster than LibreOffice (3 ms against 2 s a file) and gives the same
    fields from table letterheads; LibreOffice reads what antiword refuses with the cells kept, where
    catdoc runs a row's cells together on one line.
    """
    tools = [name for name in _DOC_TOOLS if shutil.which(name)]
    if not tools:
        raise ReadError(_DOC_MISSING)
    errors = []
    with tempfile.TemporaryDirectory(prefix="vanthu-doc-") as tmp:
        path = Path(tmp) / "input.doc"
        path.write_bytes(data)
        for tool in tools:
            text, error = _DOC_CONVERTERS[tool](path, limits)
            if text is not None and text.strip():
                return text, tool
            errors.append(f"{tool}: {error}")
    raise ReadError("corrupt .doc: " + "; ".join(errors))


def _antiword(path: Path, limits: Limits) -> tuple[str | None, str]:
    result = _run([shutil.which("antiword") or "antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
                  limits.timeout_s)
    return _output(result, _untable)


def _catdoc(path: Path, limits: Limits) -> tuple[str | None, str]:
    result = _run([shutil.which("catdoc") or "catdoc", "-d", "utf-8", "-w", str(path)], limits.timeout_s)
    return _output(result, lambda text: text)


def _soffice(path: Path, limits: Limits) -> tuple[str | None, str]:
    """.doc → .docx by LibreOffice headless (a profile of its own: runs in parallel workers), then
    the .docx reader."""
    from .formats import read_docx

    folder = path.parent
    result = _run([shutil.which("soffice") or "soffice", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
                   "--headless", "--convert-to", "docx", "--outdir", str(folder), str(path)], limits.timeout_s)
    converted = path.with_suffix(".docx")
    if result.returncode != 0 or not converted.is_file():
        return None, _first_line(result.stderr or result.stdout)
    try:
        return read_docx(converted.read_bytes(), limits)[0], ""
    except ReadError as exc:
        return None, str(exc)


def _output(result: subprocess.CompletedProcess, tidy) -> tuple[str | None, str]:
    if result.returncode != 0:
        return None, _first_line(result.stderr or result.stdout)
    return tidy(result.stdout.decode("utf-8", "replace")), _first_line(result.stderr or result.stdout)


_DOC_CONVERTERS = {"antiword": _antiword, "soffice": _soffice, "catdoc": _catdoc}
_DOC_TOOLS = tuple(_DOC_CONVERTERS)  # the order they are tried in


def _cells(line: str) -> list[str] | None:
    """The cells of a table line as antiword draws it ("|left|right|"), or None."""
    stripped = line.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        return stripped[1:-1].split("|")
    return None


def _columns(rows: list[list[str]]) -> list[str]:
    """A band of table lines with the same cells, column after column: antiword draws no line
    between rows, so a two-column letterhead reads issuer and number, then motto and date."""
    return [row[i].strip() for i in range(len(rows[0])) for row in rows if row[i].strip()]


def _untable(text: str) -> str:
    """Text with antiword's tables given back as lines. A row of another width (a row merged
    across the columns: "Kính gửi: …") starts a band of its own, and stays between the bands."""
    out: list[str] = []
    band: list[list[str]] = []
    for line in text.splitlines():
        cells = _cells(line)
        if band and (cells is None or len(cells) != len(band[0])):
            out.extend(_columns(band))
            band = []
        if cells is None:
            out.append(line)
        else:
            band.append(cells)
    if band:
        out.extend(_columns(band))
    return "\n".join(out)


def ocr_available() -> bool:
    """Whether pdftoppm and Tesseract with its Vietnamese model ('vie') are installed."""
    tesseract = shutil.which("tesseract")
    if not tesseract or not shutil.which("pdftoppm"):
        return False
    try:
        result = subprocess.run([tesseract, "--list-langs"], capture_output=True, timeout=30,
                                stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "vie" in (result.stdout + result.stderr).decode("utf-8", "replace").split()


def ocr_pdf(data: bytes, pages: int, limits: Limits) -> tuple[str, str]:
    """OCR a scanned PDF page by page (300 dpi greyscale, Tesseract 'vie')."""
    if not ocr_available():
        raise ReadError(_OCR_MISSING)
    if pages > limits.ocr_max_pages:
        raise ReadError(f"no text layer, and {pages} pages exceed the OCR limit of "
                        f"{limits.ocr_max_pages} pages")
    with tempfile.TemporaryDirectory(prefix="vanthu-ocr-") as tmp:
        pdf = Path(tmp) / "input.pdf"
        pdf.write_bytes(data)
        result = _run([shutil.which("pdftoppm") or "pdftoppm", "-r", "300", "-gray", "-png",
                       str(pdf), str(Path(tmp) / "page")], limits.timeout_s)
        images = sorted(Path(tmp).glob("page*.png"))
        if result.returncode != 0 or not images:
            raise ReadError(f"cannot render scanned PDF: {_first_line(result.stderr)}")
        texts = [_ocr_image(image, limits) for image in images]
    return "\n\n".join(texts), "tesseract"


def _ocr_image(image: Path, limits: Limits) -> str:
    result = _run([shutil.which("tesseract") or "tesseract", str(image), "stdout", "-l", "vie"],
                  limits.timeout_s)
    if result.returncode != 0:
        raise ReadError(f"tesseract failed: {_first_line(result.stderr)}")
    return result.stdout.decode("utf-8", "replace").strip()
