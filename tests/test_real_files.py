"""Real files as offices make them (issue 12): the same fields from .docx, .pdf, .doc and .html.

Each letter below is written as a Word document whose letterhead and signature block are Word
tables (left: issuer, number, V/v or Nơi nhận; right: motto, place and date, signer), with the
nested tables and merged cells templates use. python-docx writes the .docx, LibreOffice headless
converts it to .pdf and .doc, and the same tables are written as an .html page of <td> cells.
vanthu's readers then read every file and its parser must give the same fields from each.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.real_accuracy import FIELDS, field_right
from vanthu.archive.readers import read_path
from vanthu.pipeline.analyze import analyze

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
INSTALL = "scripts/system-deps.sh installs libreoffice-writer-nogui"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs (one a line), an optional nested table under them, its span."""

    text: str = ""
    nested: tuple[tuple[str, ...], ...] = ()  # rows of a nested table, one string a cell
    colspan: int = 1
    rowspan: int = 1


Table = tuple[tuple[Cell, ...], ...]  # rows; a cell covered by a rowspan above is left out, as in HTML


@dataclass(frozen=True)
class Letter:
    """A document: letterhead table, body paragraphs, signature table, and the fields it states."""

    slug: str
    letterhead: Table
    body: tuple[str, ...]
    signature: Table
    expected: dict
    citations: frozenset[str]


LETTERS = [
    Letter(  # provincial quyết định: one-row letterhead; the signer's block is a nested table
        "quyet-dinh-tinh",
        ((Cell("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n\nSố: 1256/QĐ-UBND"),
          Cell(MOTTO + "\n\nQuảng Trị, ngày 14 tháng 6 năm 2024")),),
        ("QUYẾT ĐỊNH",
         "Về việc phê duyệt Kế hoạch phát triển du lịch cộng đồng tỉnh Quảng Trị giai đoạn 2024 - 2030",
         "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
         "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
         "Căn cứ Nghị quyết số 82/NQ-CP ngày 18/5/2023 của Chính phủ về các nhiệm vụ, giải pháp chủ yếu "
         "đẩy nhanh phục hồi, tăng tốc phát triển du lịch hiệu quả, bền vững;",
         "Theo đề nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch tại Tờ trình số 95/TTr-SVHTTDL ngày "
         "30 tháng 5 năm 2024.",
         "QUYẾT ĐỊNH:",
         "Điều 1. Phê duyệt Kế hoạch phát triển du lịch cộng đồng tỉnh Quảng Trị giai đoạn 2024 - 2030 "
         "kèm theo Quyết định này.",
         "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
         "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Văn hóa, Thể thao và Du lịch, Chủ tịch "
         "Ủy ban nhân dân các huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này./."),
        ((Cell("Nơi nhận:\n- Như Điều 3;\n- Bộ Văn hóa, Thể thao và Du lịch;\n- TT Tỉnh ủy, TT HĐND tỉnh;\n"
               "- Lưu: VT, KGVX."),
          Cell(nested=(("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",), ("\n\n\nLê Thị Thanh Hương",)))),),
        {"number": "1256/QĐ-UBND", "doc_type": "Quyết định", "issuer": "Ủy ban nhân dân tỉnh Quảng Trị",
         "issuer_level": "province", "date": "2024-06-14", "place": "Quảng Trị",
         "subject": "phê duyệt Kế hoạch phát triển du lịch cộng đồng tỉnh Quảng Trị giai đoạn 2024 - 2030",
         "signer": "Lê Thị Thanh Hương"},
        frozenset({"82/NQ-CP", "95/TTr-SVHTTDL"}),
    ),
    Letter(  # district công văn: two-row letterhead (V/v under Số), "Kính gửi" in a row merged across
        "cong-van-huyen",
        ((Cell("ỦY BAN NHÂN DÂN\nHUYỆN THẠCH HÀ"), Cell(MOTTO)),
         (Cell("Số: 845/UBND-VP\nV/v tăng cường phòng cháy, chữa cháy rừng mùa khô năm 2023"),
          Cell("Thạch Hà, ngày 05 tháng 4 năm 2023")),
         (Cell("Kính gửi: Ủy ban nhân dân các xã, thị trấn", colspan=2),)),
        ("Thực hiện Công văn số 1234/UBND-NL1 ngày 28/3/2023 của UBND tỉnh về phòng cháy, chữa cháy rừng, "
         "Ủy ban nhân dân huyện yêu cầu Chủ tịch Ủy ban nhân dân các xã, thị trấn:",
         "1. Kiểm tra, rà soát phương án phòng cháy, chữa cháy rừng tại chỗ; phân công lực lượng trực "
         "24/24 giờ trong những ngày nắng nóng.",
         "2. Báo cáo kết quả về Ủy ban nhân dân huyện (qua Phòng Nông nghiệp và Phát triển nông thôn) "
         "trước ngày 30/4/2023./."),
        ((Cell("Nơi nhận:\n- Như trên;\n- TT Huyện ủy, TT HĐND huyện;\n- Hạt Kiểm lâm huyện;\n- Lưu: VT."),
          Cell("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nTrần Văn Bình")),),
        {"number": "845/UBND-VP", "doc_type": "Công văn", "issuer": "Ủy ban nhân dân huyện Thạch Hà",
         "issuer_level": "district", "date": "2023-04-05", "place": "Thạch Hà",
         "subject": "tăng cường phòng cháy, chữa cháy rừng mùa khô năm 2023", "signer": "Trần Văn Bình"},
        frozenset({"1234/UBND-NL1"}),
    ),
    Letter(  # commune kế hoạch: the issuer's cell merged down two rows; the name in a row of its own
        "ke-hoach-xa",
        ((Cell("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\n\nSố: 25/KH-UBND", rowspan=2), Cell(MOTTO)),
         (Cell("Tân Lập, ngày 12 tháng 3 năm 2024"),)),
        ("KẾ HOẠCH",
         "Tổ chức các hoạt động hưởng ứng Tháng hành động\nvì an toàn thực phẩm năm 2024",
         "Thực hiện Kế hoạch số 310/KH-BCĐ ngày 04/3/2024 của Ban Chỉ đạo liên ngành về an toàn thực "
         "phẩm huyện, Ủy ban nhân dân xã xây dựng Kế hoạch tổ chức các hoạt động như sau:",
         "I. MỤC ĐÍCH, YÊU CẦU",
         "Nâng cao nhận thức của người sản xuất, kinh doanh và người tiêu dùng về an toàn thực phẩm; "
         "kiểm tra các bếp ăn tập thể, cơ sở kinh doanh dịch vụ ăn uống trên địa bàn xã."),
        ((Cell("Nơi nhận:\n- BCĐ liên ngành ATTP huyện;\n- TT Đảng ủy, HĐND xã;\n- Các thôn;\n- Lưu: VP.",
               rowspan=2),
          Cell("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n")),
         (Cell("Phạm Văn Tâm"),)),
        {"number": "25/KH-UBND", "doc_type": "Kế hoạch", "issuer": "Ủy ban nhân dân xã Tân Lập",
         "issuer_level": "commune", "date": "2024-03-12", "place": "Tân Lập",
         "subject": "Tổ chức các hoạt động hưởng ứng Tháng hành động vì an toàn thực phẩm năm 2024",
         "signer": "Phạm Văn Tâm"},
        frozenset({"310/KH-BCĐ"}),
    ),
    Letter(  # Party công văn: the body and number in a nested table of the left cell
        "cong-van-huyen-uy",
        ((Cell(nested=(("ĐẢNG BỘ TỈNH NGHỆ AN\nHUYỆN ỦY NAM ĐÀN\n*",),
                       ("Số 312-CV/HU\nV/v lãnh đạo đại hội chi bộ nhiệm kỳ 2025 - 2027",))),
          Cell("ĐẢNG CỘNG SẢN VIỆT NAM\n\nNam Đàn, ngày 20 tháng 5 năm 2024")),),
        ("Kính gửi: Các chi bộ, đảng bộ cơ sở trực thuộc Huyện ủy",
         "Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp và "
         "Hướng dẫn số 08-HD/TU của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy yêu cầu các chi bộ, "
         "đảng bộ cơ sở chuẩn bị chu đáo văn kiện và nhân sự đại hội chi bộ.",
         "Văn phòng Huyện ủy theo dõi, tổng hợp, báo cáo Ban Thường vụ Huyện ủy./."),
        ((Cell("Nơi nhận:\n- Như trên,\n- Ban Tổ chức Tỉnh ủy,\n- Lưu Văn phòng Huyện ủy."),
          Cell("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n\n\nNguyễn Đình Quang")),),
        {"number": "312-CV/HU", "doc_type": "Công văn", "issuer": "Huyện ủy Nam Đàn",
         "issuer_level": "district", "date": "2024-05-20", "place": "Nam Đàn",
         "subject": "lãnh đạo đại hội chi bộ nhiệm kỳ 2025 - 2027", "signer": "Nguyễn Đình Quang"},
        frozenset({"35-CT/TW", "08-HD/TU"}),
    ),
]


def _grid(table: Table) -> tuple[list[tuple[int, int, Cell]], int]:
    """Where each cell sits (row, column), skipping the places a rowspan above covers; the width."""
    covered: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(table):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            placed.append((r, c, cell))
            covered |= {(r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan)}
            c += cell.colspan
    return placed, max(col for _, col in covered) + 1


# .docx ---------------------------------------------------------------------------------------

def _fill_docx_cell(target, cell: Cell) -> None:
    lines = cell.text.split("\n") if cell.text else []
    if lines:
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)
    if cell.nested:
        inner = target.add_table(rows=len(cell.nested), cols=len(cell.nested[0]))
        for r, row in enumerate(cell.nested):
            for c, text in enumerate(row):
                _fill_docx_cell(inner.cell(r, c), Cell(text))


def _docx_table(document, table: Table) -> None:
    from docx.shared import Cm

    placed, width = _grid(table)
    out = document.add_table(rows=len(table), cols=width)
    widths = [Cm(6.5), Cm(10)] if width == 2 else [Cm(16.5 / width)] * width
    for column, size in zip(out.columns, widths):
        column.width = size
        for cell in column.cells:  # Word and LibreOffice lay out by the cells' own widths
            cell.width = size
    for r, c, cell in placed:
        target = out.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(out.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        _fill_docx_cell(target, cell)


def write_docx(letter: Letter, path: Path) -> Path:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    _docx_table(document, letter.letterhead)
    for paragraph in letter.body:
        document.add_paragraph(paragraph)
    _docx_table(document, letter.signature)
    document.save(path)
    return path


# .html ---------------------------------------------------------------------------------------

def _html_cell(cell: Cell) -> str:
    spans = "".join(f' {name}="{n}"' for name, n in (("colspan", cell.colspan), ("rowspan", cell.rowspan)) if n > 1)
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in cell.text.split("\n")) if cell.text else ""
    nested = _html_table(tuple(tuple(Cell(text) for text in row) for row in cell.nested)) if cell.nested else ""
    return f"<td{spans}>{paragraphs}{nested}</td>"


def _html_table(table: Table) -> str:
    rows = "".join("<tr>" + "".join(map(_html_cell, row)) + "</tr>" for row in table)
    return f'<table border="0" width="100%">{rows}</table>'


def write_html(letter: Letter, path: Path) -> Path:
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in letter.body)
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{letter.slug}</title></head><body>'
            f"{_html_table(letter.letterhead)}{body}{_html_table(letter.signature)}</body></html>")
    path.write_text(page, encoding="utf-8")
    return path


# Tables as the readers present them ----------------------------------------------------------

TABLE_ORDER = [
    (((Cell("ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC THỌ"), Cell(MOTTO)),),
     ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC THỌ", *MOTTO.split("\n")]),  # one row: the whole left cell, then the right
    (((Cell("SỞ Y TẾ"), Cell(MOTTO)), (Cell("Số: 30/HD-SYT"), Cell("Hà Tĩnh, ngày 02 tháng 8 năm 2022"))),
     ["SỞ Y TẾ", *MOTTO.split("\n"), "Số: 30/HD-SYT", "Hà Tĩnh, ngày 02 tháng 8 năm 2022"]),  # row by row
    (((Cell("HUYỆN ỦY CAN LỘC\nSố 41-TB/HU", rowspan=2), Cell("ĐẢNG CỘNG SẢN VIỆT NAM")),
      (Cell("Can Lộc, ngày 09 tháng 01 năm 2023"),)),
     ["HUYỆN ỦY CAN LỘC", "Số 41-TB/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Can Lộc, ngày 09 tháng 01 năm 2023"]),  # a cell merged down two rows is read once
    (((Cell("UBND XÃ KỲ PHONG"), Cell(MOTTO)), (Cell("Kính gửi: Các thôn, tổ dân phố", colspan=2),),
      (Cell("Nơi nhận:\n- Lưu: VT."), Cell("CHỦ TỊCH\nVõ Văn Khánh"))),
     ["UBND XÃ KỲ PHONG", *MOTTO.split("\n"), "Kính gửi: Các thôn, tổ dân phố", "Nơi nhận:", "- Lưu: VT.",
      "CHỦ TỊCH", "Võ Văn Khánh"]),  # a row merged across the columns stays between its neighbours
    (((Cell(nested=(("BAN CHỈ ĐẠO\nPHÒNG, CHỐNG DỊCH",), ("Số: 07/BCĐ",))), Cell(MOTTO)),),
     ["BAN CHỈ ĐẠO", "PHÒNG, CHỐNG DỊCH", "Số: 07/BCĐ", *MOTTO.split("\n")]),  # nested table inside the left cell
    (((Cell("Nơi nhận:\n- Như trên;"), Cell(nested=(("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),))),),
     ["Nơi nhận:", "- Như trên;", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),  # a nested row: its left cell, then its right
]


def _table_file(table: Table, path: Path) -> Path:
    if path.suffix == ".html":
        path.write_text(f'<html><body>{_html_table(table)}</body></html>', encoding="utf-8")
        return path
    import docx

    document = docx.Document()
    _docx_table(document, table)
    document.save(path)
    return path


@pytest.mark.parametrize("suffix", [".docx", ".html"])
@pytest.mark.parametrize("table, lines", TABLE_ORDER)
def test_table_cells_read_in_order(tmp_path, table, lines, suffix):
    text = read_path(_table_file(table, tmp_path / f"bang{suffix}")).text
    assert [line.strip() for line in text.splitlines() if line.strip()] == lines


@st.composite
def tables(draw) -> Table:
    """Tables as templates make them: 2-3 columns, rows merged across, the first column merged down."""
    width = draw(st.integers(2, 3))
    rows: list[tuple[Cell, ...]] = []
    count = 0

    def cell(**span) -> Cell:
        nonlocal count
        count += 1
        return Cell("\n".join(f"ô {count}.{i}" for i in range(draw(st.integers(1, 3)))), **span)

    for r in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["plain", "across", "down"]))
        if kind == "across":
            rows.append((cell(colspan=width),))
        elif kind == "down" and r < 3:  # the first cell spans this row and a plain one under it
            rows.append((cell(rowspan=2), *[cell() for _ in range(width - 1)]))
            rows.append(tuple(cell() for _ in range(width - 1)))
        else:
            rows.append(tuple(cell() for _ in range(width)))
    return tuple(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables(), suffix=st.sampled_from([".docx", ".html"]))
def test_every_cell_read_once_in_order(tmp_path, table, suffix):
    text = read_path(_table_file(table, tmp_path / f"bang{suffix}")).text
    expected = [line for row in table for cell in row for line in cell.text.split("\n")]
    assert [line.strip() for line in text.splitlines() if line.strip()] == expected


# LibreOffice ---------------------------------------------------------------------------------

def convert(sources: list[Path], fmt: str, profile: Path) -> None:
    """``soffice --headless --convert-to fmt`` for all files at once, with a profile of its own."""
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
               "--outdir", str(sources[0].parent), *map(str, sources)]
    result = subprocess.run(command, capture_output=True, timeout=300, check=False, stdin=subprocess.DEVNULL)
    missing = [s.name for s in sources if not s.with_suffix(f".{fmt}").is_file()]
    assert not missing, f"soffice --convert-to {fmt} made nothing for {missing}: {result.stderr[-500:]!r}"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """Every letter as .docx and .html; as .pdf and .doc where LibreOffice is installed."""
    folder = tmp_path_factory.mktemp("real-files")
    sources = [write_docx(letter, folder / f"{letter.slug}.docx") for letter in LETTERS]
    for letter in LETTERS:
        write_html(letter, folder / f"{letter.slug}.html")
    if SOFFICE:
        for fmt in ("pdf", "doc"):
            convert(sources, fmt, tmp_path_factory.mktemp("lo-profile"))
    return folder


def _fields(path: Path) -> tuple[dict, set[str]]:
    _, doc = analyze(read_path(path).text)
    return doc.to_json(), {c.number for c in doc.citations if c.number}


CASES = [(letter, fmt) for letter in LETTERS for fmt in ("docx", "html", "pdf", "doc")]


@pytest.mark.parametrize("letter, fmt", CASES, ids=[f"{letter.slug}.{fmt}" for letter, fmt in CASES])
def test_same_fields_from_every_format(files, letter, fmt):
    if fmt in ("pdf", "doc") and SOFFICE is None:
        pytest.skip(f"LibreOffice (soffice) not installed: no .{fmt} made from the .docx ({INSTALL})")
    got, cited = _fields(files / f"{letter.slug}.{fmt}")
    wrong = {f: (letter.expected[f], got[f]) for f in FIELDS if not field_right(f, letter.expected[f], got[f])}
    assert not wrong, wrong
    assert cited == letter.citations
