"""Speed of the readers on one core: milliseconds per file, by format and encoding.

The five seed dispatches, written in every text encoding the readers detect (UTF-8, UTF-16,
cp1258, TCVN3, VNI), as .docx (letterhead table + body), as a PDF with a text layer, and one
scanned page OCRed when Tesseract's Vietnamese model is installed. Median of ``--runs``.

    .venv/bin/python -m benchmarks.read_speed [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
import unicodedata
from pathlib import Path

from vanthu.archive.readers import read_bytes, to_cp1258, to_tcvn3, to_vni
from vanthu.archive.readers.converters import ocr_available

ROOT = Path(__file__).resolve().parent.parent
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def seed_texts() -> list[str]:
    return [unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "samples" / "seeds").glob("*.txt"))]


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH XUYÊN"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 6, text.replace("*", ""))
    return bytes(pdf.output())


def scan_bytes() -> bytes:
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 44)
    for i, line in enumerate(seed_texts()[2].splitlines()[:12]):
        draw.text((120, 60 + 90 * i), line[:80], font=font, fill=0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    return bytes(pdf.output())


def cases() -> dict[str, list[tuple[bytes, str]]]:
    texts = seed_texts()
    table = {
        "txt utf-8": [(t.encode("utf-8"), "a.txt") for t in texts],
        "txt utf-16": [(t.encode("utf-16"), "a.txt") for t in texts],
        "txt windows-1258": [(to_cp1258(t), "a.txt") for t in texts],
        "txt tcvn3": [(to_tcvn3(t), "a.txt") for t in texts],
        "txt vni": [(to_vni(t), "a.txt") for t in texts],
        "docx": [(docx_bytes(t), "a.docx") for t in texts],
    }
    if FONT.is_file():
        table["pdf text layer"] = [(pdf_bytes(t), "a.pdf") for t in texts]
        if ocr_available():
            table["pdf scanned (OCR, 1 page)"] = [(scan_bytes(), "scan.pdf")]
    return table


def median_ms(files: list[tuple[bytes, str]], runs: int) -> float:
    times = []
    for _ in range(runs):
        for data, name in files:
            start = time.perf_counter()
            read_bytes(data, name)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for label, files in cases().items():
        runs = 1 if "OCR" in label else args.runs
        size = statistics.median(len(data) for data, _ in files) / 1024
        print(f"{label:28} {median_ms(files, runs):8.2f} ms/file  (median file {size:.0f} KiB)")


if __name__ == "__main__":
    main()
