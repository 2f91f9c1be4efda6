"""Format readers on real files the tests write: .docx, .doc, .pdf (text and scanned), .html, .rtf."""

from __future__ import annotations

import io
import shutil
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanthu.archive.errors import ReadError
from vanthu.archive.readers import Extracted, Limits, read_bytes, read_path, sniff_format, to_tcvn3, to_vni
from vanthu.archive.readers.converters import ocr_available

DATA = Path(__file__).parent / "data" / "readers"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
ISSUER = ["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH XUYÊN", "Số: 1187/UBND-VP"]
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BODY = ("Thực hiện Văn bản số 8252/UBND-KT5, ngày 21/9/2021 của UBND tỉnh về việc tiếp tục tăng "
        "cường các biện pháp phòng, chống dịch Covid-19, Chủ tịch UBND huyện yêu cầu thực hiện.")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# .docx ---------------------------------------------------------------------------------------

def make_docx(body: str = BODY, issuer: list[str] = ISSUER, motto: list[str] = MOTTO,
              header: str | None = "Bản lưu trữ", font: str | None = None) -> bytes:
    """A dispatch as offices write it: a 2-column letterhead table, then the body."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(issuer)
    table.cell(0, 1).text = "\n".join(motto)
    inner = table.cell(0, 0).add_table(rows=1, cols=1)  # a nested table (signature blocks use them)
    inner.cell(0, 0).text = "Nơi nhận: Như trên"
    paragraph = document.add_paragraph()
    run = paragraph.add_run(body)
    if font:
        run.font.name = font
    if header:
        document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_letterhead_table_body_and_header() -> None:
    extracted = read_bytes(make_docx(), "1187-UBND-VP.docx")
    assert (extracted.format, extracted.encoding, extracted.reader) == ("docx", None, "python-docx")
    assert _lines(extracted.text) == ["Bản lưu trữ", *ISSUER, "Nơi nhận: Như trên", *MOTTO, BODY]


def test_docx_typed_in_vnTime_font_is_converted() -> None:
    """Old .docx files keep ".VnTime" text as Latin-1 letters: "Héi ®ång" is "Hội đồng"."""
    tcvn3_body = to_tcvn3(BODY).decode("latin-1")
    tcvn3_issuer = [to_tcvn3(line).decode("latin-1") for line in ISSUER]
    extracted = read_bytes(make_docx(tcvn3_body, tcvn3_issuer, MOTTO, None, ".VnTime"), "cu.docx")
    assert extracted.encoding == "tcvn3"
    assert BODY in extracted.text and ISSUER[1] in extracted.text


def test_docx_mixing_unicode_letterhead_and_vnTime_body() -> None:
    """A Unicode letterhead over a body pasted from an old .VnTime file: each is read right."""
    extracted = read_bytes(make_docx(to_tcvn3(BODY).decode("latin-1"), font=".VnTime"), "tron.docx")
    assert extracted.encoding == "tcvn3"
    assert _lines(extracted.text) == ["Bản lưu trữ", *ISSUER, "Nơi nhận: Như trên", *MOTTO, BODY]


def test_docx_typed_in_vni_font_is_converted() -> None:
    vni_body = to_vni(BODY).decode("latin-1")
    extracted = read_bytes(make_docx(vni_body, ["UBND"], ["CHXHCN"], None, "VNI-Times"), "cu.docx")
    assert extracted.encoding == "vni"
    assert BODY in extracted.text


# .doc ----------------------------------------------------------------------------------------
# cong-van-1187.doc is a real Word 97 file: a .docx written with python-docx (letterhead table
# and body as above) converted by LibreOffice (`soffice --headless --convert-to doc:"MS Word 97"`).

def _path_with_only(tmp_path: Path, *tools: str) -> str:
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for tool in tools:
        (folder / tool).symlink_to(shutil.which(tool))
    return str(folder)


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")
def test_doc_with_antiword() -> None:
    extracted = read_path(DATA / "cong-van-1187.doc")
    assert (extracted.format, extracted.reader) == ("doc", "antiword")
    lines = _lines(extracted.text)
    # The letterhead comes column after column, as from the .docx reader.
    assert lines[:5] == ["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH XUYÊN", "Số: 1187/UBND-VP",
                         "V/v tiếp tục tăng cường các biện pháp phòng, chống dịch", "Covid-19"]
    assert "Thực hiện Văn bản số 8252/UBND-KT5" in extracted.text
    assert lines[-1] == "Trần Thị Diễm"


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")
def test_doc_golden() -> None:
    """The whole .doc as text, against its golden file (read and checked by hand once)."""
    golden = (DATA / "cong-van-1187.doc.txt").read_text(encoding="utf-8")
    assert read_path(DATA / "cong-van-1187.doc").text == golden


@pytest.mark.skipif(shutil.which("catdoc") is None, reason="catdoc not installed")
def test_doc_with_catdoc_when_antiword_is_missing(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", _path_with_only(tmp_path, "catdoc"))
    extracted = read_path(DATA / "cong-van-1187.doc")
    assert extracted.reader == "catdoc"
    assert "Thực hiện Văn bản số 8252/UBND-KT5" in extracted.text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_doc_with_libreoffice_when_antiword_cannot(monkeypatch) -> None:
    """LibreOffice keeps the cells (catdoc runs them together): the letterhead reads as with antiword."""
    from vanthu.archive.readers import converters

    monkeypatch.setattr(converters, "_DOC_TOOLS", ("soffice", "catdoc"))
    extracted = read_path(DATA / "cong-van-1187.doc")
    assert extracted.reader == "soffice"
    assert _lines(extracted.text)[:4] == [*ISSUER, "V/v tiếp tục tăng cường các biện pháp phòng, chống dịch Covid-19"]
    assert _lines(extracted.text)[-1] == "Trần Thị Diễm"


def test_doc_without_converters_is_a_clear_failure(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReadError, match=r"^\.doc needs antiword or catdoc \(apt-get install antiword\)$"):
        read_path(DATA / "cong-van-1187.doc")


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")
def test_corrupt_doc_names_the_converters() -> None:
    data = (DATA / "cong-van-1187.doc").read_bytes()[:3000]
    with pytest.raises(ReadError, match=r"^corrupt \.doc: antiword: "):
        read_bytes(data, "hong.doc")


UNTABLE = [
    ("|ỦY BAN NHÂN DÂN |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|HUYỆN ĐỨC THỌ   |Độc lập - Tự do - Hạnh phúc |",
     ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC THỌ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc"]),  # a two-column letterhead: left column, then right
    ("|SỞ TƯ PHÁP |Hà Tĩnh, ngày 02 tháng 8 năm 2022 |\n|Kính gửi: Các phòng chuyên môn |\n"
     "|Nơi nhận: |GIÁM ĐỐC |",
     ["SỞ TƯ PHÁP", "Hà Tĩnh, ngày 02 tháng 8 năm 2022", "Kính gửi: Các phòng chuyên môn", "Nơi nhận:",
      "GIÁM ĐỐC"]),  # a row merged across the columns splits the table: it stays between the bands
    ("Thực hiện Kế hoạch số 12/KH-UBND\n|STT |Nội dung |Thời gian |\n|1 |Rà soát |Tháng 3 |\nĐiều 2.",
     ["Thực hiện Kế hoạch số 12/KH-UBND", "STT", "1", "Nội dung", "Rà soát", "Thời gian", "Tháng 3",
      "Điều 2."]),  # text around a table is kept in place
    ("Tỷ lệ |đạt| 95 %", ["Tỷ lệ |đạt| 95 %"]),  # bars inside a sentence are not a table
]


@pytest.mark.parametrize(("drawn", "lines"), UNTABLE)
def test_antiword_tables_read_column_after_column(drawn: str, lines: list[str]) -> None:
    from vanthu.archive.readers.converters import _untable

    assert _lines(_untable(drawn)) == lines


# .pdf ----------------------------------------------------------------------------------------

def make_pdf(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_scanned_pdf(lines: list[str]) -> bytes:
    """A PDF whose page is only a picture of text, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 120 + 80 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 40)
    for i, line in enumerate(lines):
        draw.text((60, 40 + 80 * i), line, font=font, fill=0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    return bytes(pdf.output())


needs_font = pytest.mark.skipif(not FONT.is_file(), reason="DejaVuSans.ttf not installed")


@needs_font
def test_pdf_text_layer() -> None:
    extracted = read_bytes(make_pdf([*ISSUER, "Thực hiện Văn bản số 8252/UBND-KT5 ngày 21/9/2021"]), "a.pdf")
    assert (extracted.format, extracted.reader) == ("pdf", "pypdf")
    assert _lines(extracted.text) == [*ISSUER, "Thực hiện Văn bản số 8252/UBND-KT5 ngày 21/9/2021"]
    assert extracted.text == unicodedata.normalize("NFC", extracted.text)


@needs_font
def test_pdf_lines_lose_trailing_spaces() -> None:
    """pypdf ends a line wrapped in a table cell with a space ("VIỆT \\nNAM"): the reader drops it."""
    extracted = read_bytes(make_pdf(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT   ", "NAM"]), "a.pdf")
    assert extracted.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM"


@needs_font
@pytest.mark.skipif(not ocr_available(), reason="tesseract with the 'vie' model not installed")
def test_scanned_pdf_is_ocred_in_vietnamese() -> None:
    extracted = read_bytes(make_scanned_pdf(["ỦY BAN NHÂN DÂN HUYỆN BÌNH XUYÊN", "Số: 1187/UBND-VP",
                                              "Thực hiện Văn bản số 8252/UBND-KT5"]), "scan.pdf")
    assert (extracted.format, extracted.reader) == ("pdf", "tesseract")
    assert "ỦY BAN NHÂN DÂN HUYỆN BÌNH XUYÊN" in extracted.text
    assert "1187/UBND-VP" in extracted.text
    assert "Thực hiện Văn bản số 8252/UBND-KT5" in extracted.text


@needs_font
def test_scanned_pdf_without_ocr_is_a_clear_failure(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReadError, match=r"^no text layer \(install tesseract-ocr-vie to OCR\)$"):
        read_bytes(make_scanned_pdf(["Số: 1187/UBND-VP"]), "scan.pdf")


@needs_font
@pytest.mark.skipif(not ocr_available(), reason="tesseract with the 'vie' model not installed")
def test_long_scanned_pdf_names_the_page_limit() -> None:
    with pytest.raises(ReadError, match="exceed the OCR limit of 0 pages"):
        read_bytes(make_scanned_pdf(["Số: 1187/UBND-VP"]), "scan.pdf", Limits(ocr_max_pages=0))


def test_encrypted_pdf() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("mat-khau")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ReadError, match="encrypted PDF"):
        read_bytes(buffer.getvalue(), "mat.pdf")


# .html and .rtf -------------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>Công văn</title>
<style>p {{ color: red }}</style><script>var so = "845/UBND-YT";</script></head>
<body><table><tr><td>ỦY BAN NHÂN DÂN<br>HUYỆN ĐỨC THỌ</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr></table>
<p>Thực hiện   Công văn
số 845/UBND-YT</p><!-- ghi chú --><ul><li>Trung tâm Y tế huyện;</li><li>Lưu: VT.</li></ul></body></html>"""
HTML_LINES = ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC THỌ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Thực hiện Công văn số 845/UBND-YT", "Trung tâm Y tế huyện;", "Lưu: VT."]


def test_html_blocks_scripts_and_comments() -> None:
    extracted = read_bytes(HTML.format(charset="utf-8").encode("utf-8"), "cv.html")
    assert (extracted.format, extracted.encoding, extracted.reader) == ("html", "utf-8", "beautifulsoup4")
    assert _lines(extracted.text) == HTML_LINES


def test_html_in_windows_1258() -> None:
    from vanthu.archive.readers import to_cp1258

    extracted = read_bytes(to_cp1258(HTML.format(charset="windows-1258")), "cv.htm")
    assert extracted.encoding == "windows-1258"
    assert _lines(extracted.text) == HTML_LINES


def test_html_in_vnTime_font() -> None:
    page = "<html><body><p><font face='.VnTime'>Héi ®ång nh©n d©n tØnh Hµ TÜnh</font></p></body></html>"
    extracted = read_bytes(page.encode("utf-8"), "cu.html")
    assert (extracted.text, extracted.encoding) == ("Hội đồng nhân dân tỉnh Hà Tĩnh", "tcvn3")


def _rtf_escape(data: bytes) -> bytes:
    """Bytes above 0x7F as RTF writes them: \\'xx."""
    return b"".join(bytes([b]) if b < 0x80 else b"\\'%02x" % b for b in data)


RTF = [
    (rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Times New Roman;}}\f0 \u7910?y ban nh\u226?n d\u226?n huy\u7879?n\par C\u7897?ng h\u242?a\par}",
     ["Ủy ban nhân dân huyện", "Cộng hòa"], None),  # Word's \uN escapes with ? fallbacks
    (rb"{\rtf1\ansi\ansicpg1258 Quy\'ea\'ect \'f0i\'f2nh s\'f4\'ec 15\par}",
     ["Quyết định số 15"], None),  # \'xx bytes in cp1258, combining tones joined by NFC
    (b"{\\rtf1\\ansi " + _rtf_escape(to_vni("Ủy ban nhân dân")) + b"\\par}",
     ["Ủy ban nhân dân"], "vni"),  # VNI-Times text in an RTF
]


@pytest.mark.parametrize(("data", "lines", "encoding"), RTF)
def test_rtf(data: bytes, lines: list[str], encoding: str | None) -> None:
    extracted = read_bytes(data, "cv.rtf")
    assert (extracted.format, extracted.reader, extracted.encoding) == ("rtf", "striprtf", encoding)
    assert _lines(extracted.text) == lines


# Seeds and sniffing ---------------------------------------------------------------------------

def test_seeds_read_as_utf8(seed_files) -> None:
    for path in seed_files:
        extracted = read_path(path)
        assert extracted == Extracted(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")),
                                      "txt", "utf-8", "text")


SNIFF = [
    (b"%PDF-1.4\n...", "cong-van.pdf", "pdf"),  # PDF by magic
    (b"%PDF-1.4\n...", "cong-van.doc", "pdf"),  # a PDF misnamed .doc is still a PDF
    (b"{\\rtf1\\ansi hello}", "cong-van.doc", "rtf"),  # Word's "Save as RTF" kept the .doc name
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "cong-van.doc", "doc"),  # Word 97 OLE file
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "cong-van", "doc"),  # OLE with no extension
    (b"<!DOCTYPE html><html><body>x</body></html>", "trang.doc", "html"),  # Word "web page" saved as .doc
    (b"<html><body>x</body></html>", "trang", "html"),  # a saved page with no extension
    (b"Kinh gui", "ghi-chu.md", "md"),  # Markdown
    (b"Kinh gui", "CONG-VAN.TXT", "txt"),  # extension case does not matter
]


@pytest.mark.parametrize(("data", "name", "fmt"), SNIFF)
def test_sniff_format(data: bytes, name: str, fmt: str) -> None:
    assert sniff_format(data, name) == fmt


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _zip_of_unknown_version() -> bytes:
    """A .docx whose central directory claims a zip version no reader knows (fuzzing found it)."""
    data = bytearray(_zip({"word/document.xml": b"<w:document/>"}))
    data[data.index(b"PK\x01\x02") + 6] = 125
    return bytes(data)


FAILURES = [
    (b"", "rong.txt", "^0-byte file$"),  # empty file
    (b"xlsx data", "bang.xlsx", r"^unsupported format \.xlsx$"),  # spreadsheets are not documents
    (b"\x00\x01binary", "anh", r"^unsupported format \(no extension\)$"),  # nothing to go by
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "bang.xls", r"^unsupported format \.xls"),  # Excel 97
    (_zip({"a.txt": b"x"}), "kho.zip", "^zip archive"),  # zips are walked, not read
    (_zip({"word/other.xml": b"<x/>"}), "hong.docx", r"^corrupt \.docx"),  # a zip without a document
    (b"PK\x03\x04" + bytes(60), "cat.docx", r"^corrupt \.docx"),  # truncated docx
    (_zip_of_unknown_version(), "la.docx", r"^corrupt \.docx: zip file version 12\.5$"),  # damaged version field
    (b"%PDF-1.4\n1 0 obj << >> endobj\n", "cat.pdf", r"^truncated PDF"),  # truncated PDF
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptedPackage".encode("utf-16-le"), "mat.docx",
     r"^encrypted Office document \(needs a password\)$"),  # a password-protected .docx is an OLE file
    (b"   \n\t  \n", "trang.txt", r"^no text in this \.txt file$"),  # whitespace only
    (bytes(range(1, 32)) * 40, "nhi-phan.txt", "^binary data, not text"),  # binary data named .txt
    (b"<html><body><script>x()</script></body></html>", "rong.html", r"^no text in this \.html file$"),  # page with no text
]


@pytest.mark.parametrize(("data", "name", "message"), FAILURES)
def test_failures_have_specific_reasons(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_bytes(data, name)


def test_size_limit_is_checked_before_reading() -> None:
    with pytest.raises(ReadError, match="over the limit of 10 bytes"):
        read_bytes(b"Kinh gui cac phong ban", "a.txt", Limits(max_file_bytes=10))


def test_docx_bomb_is_refused() -> None:
    bomb = _zip({"word/document.xml": b"<" + b" " * (3 * 1024 * 1024)})
    with pytest.raises(ReadError, match=r"exceeds compression ratio 100:1 \(zip bomb\?\)"):
        read_bytes(bomb, "bom.docx")


def test_slow_reading_is_stopped_by_the_time_limit() -> None:
    from vanthu.archive.readers import time_limit

    started = time.monotonic()
    with pytest.raises(ReadError, match=r"reading took longer than the limit of 0.2 s"):
        with time_limit(0.2):
            while time.monotonic() - started < 30:
                pass


# Never anything but ReadError -----------------------------------------------------------------

_NAMES = st.sampled_from(["a.txt", "a.md", "a.docx", "a.doc", "a.pdf", "a.html", "a.rtf", "a", "a.xyz"])


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), _NAMES)
def test_random_bytes_never_raise_anything_but_read_error(data: bytes, name: str) -> None:
    try:
        extracted = read_bytes(data, name)
    except ReadError as exc:
        assert str(exc)
        return
    assert extracted.text.strip() and extracted.format in ("txt", "md", "html", "rtf", "docx", "pdf", "doc")


@pytest.fixture(scope="module")
def real_files() -> dict[str, bytes]:
    files = {"a.docx": make_docx(), "b.rtf": RTF[0][0]}
    if FONT.is_file():
        files["c.pdf"] = make_pdf(ISSUER)
    return files


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_truncated_and_damaged_files_never_raise_anything_but_read_error(real_files, data) -> None:
    name = data.draw(st.sampled_from(sorted(real_files)))
    original = real_files[name]
    cut = data.draw(st.integers(0, len(original)))
    damaged = bytearray(original[:cut])
    if damaged and data.draw(st.booleans()):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] ^= 0xFF  # and one flipped byte
    try:
        read_bytes(bytes(damaged), name, Limits(timeout_s=20))
    except ReadError as exc:
        assert str(exc)


def test_xml_saved_as_html_is_read_without_a_warning(recwarn):
    # A portal's XML export saved with an .html name: bs4 would warn on stderr, in the middle of an
    # import's progress bar; the text is read all the same.
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<vanban><so>27/KH-UBND</so>'
            "<trichyeu>Triển khai tiêm vắc xin phòng COVID-19</trichyeu></vanban>").encode("utf-8")
    got = read_bytes(page, "ke-hoach.html")
    assert "Triển khai tiêm vắc xin phòng COVID-19" in got.text and "27/KH-UBND" in got.text
    assert not [w for w in recwarn if "XML" in str(w.message)]
