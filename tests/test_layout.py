"""Letterhead layouts brought to column order: tables of real layouts, then properties."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.vietnamese import layout as layout_module
from vanthu.vietnamese.layout import (
    head_columns, is_motto, join_broken_lines, split_wide_gaps, tail_columns, untable,
)
from vanthu.vietnamese.text import fold, prepare


@pytest.mark.parametrize("line, expected", [
    ("Độc lập - Tự do - Hạnh phúc", True),  # the usual form
    ("Độc Lập - Tự Do - Hạnh Phúc", True),  # title case (web copies)
    ("ĐỘC LẬP – TỰ DO – HẠNH PHÚC", True),  # capitals and en dashes
    ("Cộng Hòa Xã Hội Chủ Nghĩa Việt Nam", True),  # the state's name in title case
    ("ĐẢNG CỘNG SẢN VIỆT NAM", True),  # the Party's right column
    ("VIỆT NAM DÂN CHỦ CỘNG HÒA", True),  # the national heading before 1976
    ("Việt Nam Dân Chủ Cộng Hoà", True),  # the same, title case, old tone mark
    ("Dân chủ cộng hòa", False),  # part of it is no heading
    ("Nền độc lập, tự do và hạnh phúc của nhân dân", False),  # a sentence with the same words
])
def test_is_motto(line, expected):
    assert is_motto(line) is expected


@pytest.mark.parametrize("raw, expected", [
    ("| ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
     "| Số: 88/KH-UBND | Điện Biên, ngày 4 tháng 3 năm 2022 |",
     "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN\nSố: 88/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Điện Biên, ngày 4 tháng 3 năm 2022"),  # Markdown rows: left cells, then right cells
    ("| --- | --- |\n| HUYỆN ỦY YÊN THẾ | ĐẢNG CỘNG SẢN VIỆT NAM |",
     "HUYỆN ỦY YÊN THẾ\nĐẢNG CỘNG SẢN VIỆT NAM"),  # the separator row is dropped
    ("BỘ CÔNG THƯƠNG\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố:\n12/2019/TT-BCT\n|\n"
     "Hà Nội, ngày 5 tháng 7 năm 2019\n|\nTHÔNG TƯ",
     "BỘ CÔNG THƯƠNG\n-------\nSố:\n12/2019/TT-BCT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Hà Nội, ngày 5 tháng 7 năm 2019\nTHÔNG TƯ"),  # cells closed by "|" lines: left, right, left, right
    ("SỞ XÂY DỰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 7/SXD-QLN | Yên Bái, ngày 2 tháng 5 năm 2020 |",
     "SỞ XÂY DỰNG\nSố: 7/SXD-QLN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nYên Bái, ngày 2 tháng 5 năm 2020"),  # one row a line
    ("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nVõ Thành Hưng\n|",
     "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nVõ Thành Hưng"),  # signature table
    ("| STT | Đơn vị | Số hộ |\n| 1 | Xã Tân Lập | 120 |",
     "STT\nĐơn vị\nSố hộ\n1\nXã Tân Lập\n120"),  # a data table: row by row, a cell a line
    ("Chỉ tiêu a|b không phải bảng", "Chỉ tiêu a|b không phải bảng"),  # a "|" inside a sentence
    ("| Nơi nhận:\n- Như trên,\n- Lưu VPHU. | T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nSùng Mí Lềnh |",
     "Nơi nhận:\n- Như trên,\n- Lưu VPHU.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nSùng Mí Lềnh"),  # a Markdown row over
    # lines (its cells' "<br>"), a blank line inside the signature cell
    ("BỘ Y TẾ |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nQUYẾT ĐỊNH\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm "
     "2015 và Nghị định số 75/2017/NĐ-CP của Chính phủ quy định chức năng của Bộ;\nNơi nhận:\n|\nBỘ TRƯỞNG\n|",
     "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUYẾT ĐỊNH\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm "
     "2015 và Nghị định số 75/2017/NĐ-CP của Chính phủ quy định chức năng của Bộ;\nNơi nhận:\nBỘ TRƯỞNG"),  # a
    # paragraph of the body is in no cell: the letterhead table and the signature table stay apart
])
def test_untable(raw, expected):
    assert untable(raw) == expected
    assert untable(expected) == expected


@pytest.mark.parametrize("raw, expected", [
    ("ỦY\nBAN NHÂN DÂN\nTỈNH SƠN LA", "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA"),  # "ỦY" alone on a line
    ("HỘI ĐỒNG NHÂN\nDÂN\nTHÀNH PHỐ CẦN THƠ", "HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ"),  # "DÂN" alone
    ("BỘ\nTƯ PHÁP", "BỘ TƯ PHÁP"),  # a ministry's head word alone
    ("CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # the motto broken
    ("Độc lập -\nTự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),  # the motto's second line broken
    ("Số:\n15/2021/QĐ-UBND", "Số: 15/2021/QĐ-UBND"),  # "Số:" and the number on separate lines
    ("Sơn\nLa, ngày 13 tháng 01 năm 2020", "Sơn La, ngày 13 tháng 01 năm 2020"),  # the place broken
    ("Phan Thiết,\nngày 2 tháng 6 năm 2018", "Phan Thiết, ngày 2 tháng 6 năm 2018"),  # broken after the comma
    ("Thành\nphố Hồ Chí\nMinh, ngày 3 tháng 3 năm 2021", "Thành phố Hồ Chí Minh, ngày 3 tháng 3 năm 2021"),  # three lines
    ("Bắc Kạn, ngày 13\ntháng 01 năm 2020", "Bắc Kạn, ngày 13 tháng 01 năm 2020"),  # the date broken
    ("Hà\nTĩnh , ngày 3 tháng 3 năm 2017", "Hà Tĩnh , ngày 3 tháng 3 năm 2017"),  # a space before the comma
    ("Thừa Thiên\nHuế, ngày 13 tháng 5 năm 2022", "Thừa Thiên Huế, ngày 13 tháng 5 năm 2022"),  # two words, one
    ("Bà Rịa -\nVũng Tàu, ngày 4 tháng 5 năm 2021", "Bà Rịa - Vũng Tàu, ngày 4 tháng 5 năm 2021"),  # broken at a hyphen
    ("Hà Nội, ngày\n28 tháng 02 năm 2017", "Hà Nội, ngày 28 tháng 02 năm 2017"),  # broken after "ngày"
    ("Kính\ngửi: Sở Tài chính", "Kính gửi: Sở Tài chính"),  # the recipients' heading broken in its cell
    ("Kính\nthưa các đồng chí", "Kính\nthưa các đồng chí"),  # another word after "Kính": kept
    ("ỦY BAN NHÂN DÂN\nHUYỆN MƯỜNG TÈ", "ỦY BAN NHÂN DÂN\nHUYỆN MƯỜNG TÈ"),  # two bodies' lines: kept
    ("Số:\nCăn cứ Luật", "Số:\nCăn cứ Luật"),  # no number follows: kept
    ("Trần Văn Hải\nHà Nội", "Trần Văn Hải\nHà Nội"),  # a name, then a place with no date: kept
])
def test_join_broken_lines(raw, expected):
    assert join_broken_lines(raw) == expected
    assert join_broken_lines(expected) == expected


@pytest.mark.parametrize("raw, expected", [
    ("ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # a PDF's columns far apart
    ("Số: 9/UBND-KT               Lào Cai, ngày 3 tháng 8 năm 2023",
     "Số: 9/UBND-KT\nLào Cai, ngày 3 tháng 8 năm 2023"),  # number and date on one line
    ("Điều 1.  Phạm vi điều chỉnh", "Điều 1.  Phạm vi điều chỉnh"),  # two spaces are no column gap
])
def test_split_wide_gaps(raw, expected):
    assert split_wide_gaps(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH GIA LAI\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 5/CT-UBND\nGia Lai, ngày 1 tháng 4 năm 2021\nCHỈ THỊ",
     "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 5/CT-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\nGia Lai, ngày 1 tháng 4 năm 2021\nCHỈ THỊ"),  # interleaved PDF rows
    ("TỈNH ỦY BẮC NINH\n*\nSố 3-CT/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nBắc Ninh, ngày 2 tháng 2 năm 2022",
     "TỈNH ỦY BẮC NINH\n*\nSố 3-CT/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nBắc Ninh, ngày 2 tháng 2 năm 2022"),  # already in order
    ("V/v tăng cường\nKính gửi: các xã", "V/v tăng cường\nKính gửi: các xã"),  # no date line: untouched
])
def test_head_columns(raw, expected):
    assert head_columns(raw) == expected
    assert head_columns(expected) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Nơi nhận:\nKT. CHỦ TỊCH\n- Như Điều 3;\nPHÓ CHỦ TỊCH\n- Lưu: VT.\nNgô Văn Tuấn",
     "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNgô Văn Tuấn"),  # a PDF's rows interleaved
    ("Nơi nhận:\nGIÁM ĐỐC\n– Như trên;\n(đã ký)\n– Lưu: VT.\nLê Thị Mai",
     "Nơi nhận:\n– Như trên;\n– Lưu: VT.\nGIÁM ĐỐC\n(đã ký)\nLê Thị Mai"),  # en-dash bullets, "(đã ký)"
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐỗ Văn Hải",
     "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐỗ Văn Hải"),  # already in order
])
def test_tail_columns(raw, expected):
    assert tail_columns(raw) == expected
    assert tail_columns(expected) == expected


# Each layout of one letterhead gives the same prepared head.
SEQUENTIAL = ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 31/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nLai Châu, ngày 7 tháng 1 năm 2019")


@pytest.mark.parametrize("raw", [
    SEQUENTIAL,  # Word table read cell after cell
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LAI CHÂU Độc lập - Tự do - Hạnh phúc\n"
    "Số: 31/QĐ-UBND Lai Châu, ngày 7 tháng 1 năm 2019",  # flattened onto shared lines
    "| ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 31/QĐ-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nLai Châu, ngày 7 tháng 1 năm 2019 |",  # one Markdown row, cells over lines
    "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH LAI CHÂU            Độc lập - Tự do - Hạnh phúc\n"
    "Số: 31/QĐ-UBND           Lai Châu, ngày 7 tháng 1 năm 2019",  # a PDF text layer
    "ỦY\nBAN NHÂN DÂN\nTỈNH LAI CHÂU\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\n"
    "Số:\n31/QĐ-UBND\n|\nLai\nChâu, ngày 7\ntháng 1 năm 2019\n|",  # web cells and broken fields
])
def test_every_layout_gives_the_column_order(raw):
    assert prepare(raw) == SEQUENTIAL


LAYOUT_PIECES = ["ỦY", "BAN NHÂN DÂN", "TỈNH SƠN LA", "|", " | ", "Số:", "42/2013/QĐ-UBND", "Sơn", "La, ngày 13",
                 "tháng 01 năm 2020", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc Lập - Tự Do - Hạnh Phúc", "-----",
                 "QUYẾT ĐỊNH", "Độc lập  Tự do  Hạnh phúc", "KẾ HOẠCH PHÒNG CHỐNG", "Căn cứ Luật", "Kính", "gửi:", "Nơi nhận:", "KT. CHỦ TỊCH", "Lê Văn An", "- Như trên;", "(đã ký)", "        ", " ", "\n", "\n\n", "*"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LAYOUT_PIECES), max_size=40).map("".join))
def test_prepare_is_idempotent_on_layout_pieces(raw):
    once = prepare(raw)
    assert prepare(once) == once


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LAYOUT_PIECES), max_size=40).map("".join))
def test_layout_keeps_every_letter(raw):
    # Table marks and Markdown rule rows go; letters and digits are only moved.
    def letters(s: str) -> list[str]:
        return sorted(ch for ch in fold(s) if ch.isalnum())

    assert letters(prepare(raw)) == letters(raw)


def test_layout_module_doctests():
    assert doctest.testmod(layout_module).failed == 0
