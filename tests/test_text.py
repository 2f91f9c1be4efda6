"""Vietnamese text handling: tone placement, folding, Word clean-up, letterhead un-flattening."""

from __future__ import annotations

import doctest
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.vietnamese import text as text_module
from vanthu.vietnamese.text import clean, fold, fold_key, normalize, prepare, unflatten_letterhead


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize("raw, expected", [
    ("hoà", "hòa"),  # oa: mark on the first vowel (traditional)
    ("Cộng hoà", "Cộng hòa"),  # in the national motto
    ("thuỷ lợi", "thủy lợi"),  # uy open syllable
    ("Uỷ ban", "Ủy ban"),  # capital Ủ
    ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),  # letterhead capitals
    ("khoẻ mạnh", "khỏe mạnh"),  # oe
    ("hoàn thành", "hoàn thành"),  # closed syllable: mark stays on the last vowel
    ("quý", "quý"),  # qu + y: spelling, not a tone variant
    ("quí", "quí"),  # the other spelling is left alone too
    ("thuỷ thủ", "thủy thủ"),  # mixed old and new in one phrase
    ("hoá chất", "hóa chất"),  # sắc
    ("xoá bỏ", "xóa bỏ"),  # in "bãi bỏ" contexts
    ("Thanh Hoá", "Thanh Hóa"),  # a province name
    ("Khánh Hoà", "Khánh Hòa"),  # another
    ("tuỳ", "tùy"),  # huyền on uy
    ("người", "người"),  # ươ: on ơ, unchanged
    ("giữ", "giữ"),  # gi onset
    ("COVID-19", "COVID-19"),  # not Vietnamese: untouched
    ("hòa", "hòa"),  # already canonical
])
def test_canonical_tones(raw, expected):
    assert normalize(raw) == expected
    assert normalize(nfd(raw)) == expected  # NFD input gives the same NFC string


@pytest.mark.parametrize("raw, expected", [
    ("Phòng, chống dịch", "Phong, chong dich"),  # the example
    ("Đồng Tháp", "Dong Thap"),  # đ → d, capital too
    ("Ủy ban nhân dân", "Uy ban nhan dan"),  # all five tones and shapes
    ("hoà", "hoa"),  # old placement folds the same
    ("hòa", "hoa"),  # new placement
    (nfd("Thủy lợi"), "Thuy loi"),  # NFD input
])
def test_fold(raw, expected):
    assert fold(raw) == expected


def _fold_one_char_at_a_time(text: str) -> str:
    """fold as first written: every character with a combining class dropped after NFD (slow, plain)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
@settings(max_examples=300, deadline=None)
def test_fold_drops_exactly_the_marks_the_plain_definition_drops(text):
    # any script, any mark (Greek tonos, Hebrew points, the grapheme joiner U+034F that is no mark)
    assert fold(text) == _fold_one_char_at_a_time(text)


@pytest.mark.parametrize("raw", [
    "Ủy ban nhân dân huyện Bình Xuyên – “khẩn” № 5",  # Vietnamese with typographic dashes, quotes, numero
    "e\u0301\u034f\u05b7x",  # a mark, the grapheme joiner (kept), a Hebrew point (dropped)
    "Ἀθῆναι ĐÀ NẴNG",  # Greek breathing and accents beside Vietnamese capitals
])
def test_fold_keeps_what_is_no_mark(raw):
    assert fold(raw) == _fold_one_char_at_a_time(raw)


def test_fold_key_collapses_case_and_space():
    assert fold_key("  ỦY BAN  nhân\tDÂN ") == "uy ban nhan dan"


@pytest.mark.parametrize("raw, expected", [
    ("**KT. CHỦ TỊCH**", "KT. CHỦ TỊCH"),  # bold markers
    ("*Về việc tiếp tục*", "Về việc tiếp tục"),  # italic markers
    ("Số: /UBND -VP", "Số: /UBND-VP"),  # space before the hyphen of a ký hiệu
    ("Số 288 - CV/HU", "Số 288-CV/HU"),  # spaced Party number
    ("1187 /UBND-NNPTNT", "1187/UBND-NNPTNT"),  # space before slash
    ("45/ TB-UBND", "45/TB-UBND"),  # space after slash
    ("dịch Covid -19", "dịch Covid-19"),  # glued hyphen
    ("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),  # a real dash: kept
    ("kinh tế - xã hội", "kinh tế - xã hội"),  # kept
    ("năm học 2020 - 2021", "năm học 2020 - 2021"),  # a range of years: kept
    ("Số 15 - NQ/ĐU", "Số 15-NQ/ĐU"),  # Party number with a non-ASCII code
    ("a\u00a0\u00a0b", "a b"),  # non-breaking spaces
    ("\ufeffSố", "Số"),  # byte-order mark
    ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),  # Windows line ends
    ("a\n\n\n\n\nb", "a\n\nb"),  # blank runs shortened
    ("| ỦY BAN NHÂN DÂN<br>HUYỆN MÈO VẠC<br/>Số: 5/UBND | x |", "| ỦY BAN NHÂN DÂN\nHUYỆN MÈO VẠC\nSố: 5/UBND | x |"),  # a
    # web table cell's line breaks
])
def test_clean(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # left and right column
    ("HUYỆN MAI SƠN Độc lập - Tự do - Hạnh phúc", "HUYỆN MAI SƠN\nĐộc lập - Tự do - Hạnh phúc"),  # second row
    ("ĐẢNG BỘ TỈNH NAM ĐỊNH ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ TỈNH NAM ĐỊNH\nĐẢNG CỘNG SẢN VIỆT NAM"),  # Party
    ("HUYỆN ỦY XUÂN TRƯỜNG Xuân Trường, ngày 15 tháng 7 năm 2021",
     "HUYỆN ỦY XUÂN TRƯỜNG\nXuân Trường, ngày 15 tháng 7 năm 2021"),  # issuer and place-date
    ("Số: 12/UBND-VP Mai Sơn, ngày 09 tháng 9 năm 2021", "Số: 12/UBND-VP\nMai Sơn, ngày 09 tháng 9 năm 2021"),  # number and date
    ("Số: 214-CP Hà Nội, ngày 21 tháng 11 năm 1970", "Số: 214-CP\nHà Nội, ngày 21 tháng 11 năm 1970"),  # an old
    # number without a slash
    ("HỘI ĐỒNG CHÍNH PHỦ VIỆT NAM DÂN CHỦ CỘNG HÒA", "HỘI ĐỒNG CHÍNH PHỦ VIỆT NAM DÂN CHỦ CỘNG HÒA"),  # the old
    # heading is not cut after "VIỆT NAM"
    ("Số: 254/TUBND-VP V/v thực hiện Thông báo", "Số: 254/TUBND-VP\nV/v thực hiện Thông báo"),  # number and V/v
    ("Số: /UBND-VP Bình Xuyên, ngày tháng năm 2021", "Số: /UBND-VP\nBình Xuyên, ngày tháng năm 2021"),  # blank số
    ("UBND TỈNH TP. Hồ Chí Minh, ngày 1 tháng 2 năm 2020", "UBND TỈNH\nTP. Hồ Chí Minh, ngày 1 tháng 2 năm 2020"),  # TP.
    ("TP Hồ Chí Minh, ngày 17 tháng 7 năm 2003", "TP Hồ Chí Minh, ngày 17 tháng 7 năm 2003"),  # "TP" without a dot
    ("BỘ XÂY DỰNG Độc lập - Tự do - Hạnh phúc Số: 5/2020/TT-BXD Hà Nội, ngày 3 tháng 2 năm 2020",
     "BỘ XÂY DỰNG\nĐộc lập - Tự do - Hạnh phúc\nSố: 5/2020/TT-BXD\nHà Nội, ngày 3 tháng 2 năm 2020"),  # one line
    ("Độc lập - Tự do - Hạnh phúc Yên Bái, ngày 2 tháng 5 năm 2020",
     "Độc lập - Tự do - Hạnh phúc\nYên Bái, ngày 2 tháng 5 năm 2020"),  # the right cell's lines on one line
    ("Căn cứ Quyết định Số: 12/QĐ-UBND của tỉnh", "Căn cứ Quyết định Số: 12/QĐ-UBND của tỉnh"),  # a sentence: untouched
    ("Nơi nhận: KT. CHỦ TỊCH", "Nơi nhận:\nKT. CHỦ TỊCH"),  # signature block beside the recipients
    ("tại Xuân Trường, ngày 15/7 đã họp", "tại Xuân Trường, ngày 15/7 đã họp"),  # running text: untouched
    ("Số 125/TB-UBND của UBND tỉnh, ngày 5", "Số 125/TB-UBND của UBND tỉnh, ngày 5"),  # body "Số": untouched
    ("ĐẢNG CỘNG SẢN VIỆT NAM đã lãnh đạo", "ĐẢNG CỘNG SẢN VIỆT NAM đã lãnh đạo"),  # a sentence: untouched
    ("Nơi nhận: - Như trên;", "Nơi nhận: - Như trên;"),  # recipients only
    ("Tuy Hòa, ngày 12 tháng 3 năm 2011 V/v khắc phục hậu quả bão số 2 Kính gửi: Các phòng giáo dục",
     "Tuy Hòa, ngày 12 tháng 3 năm 2011\nV/v khắc phục hậu quả bão số 2\nKính gửi: Các phòng giáo dục"),
    # a head flattened from the date into the subject and the recipients
    ("Đà Lạt, ngày 4 tháng 5 năm 2015. Về việc nghỉ lễ 30/4",
     "Đà Lạt, ngày 4 tháng 5 năm 2015.\nVề việc nghỉ lễ 30/4"),  # the date's full stop kept
    ("Trường đã họp ngày 4 tháng 5 năm 2015 V/v nghỉ lễ", "Trường đã họp ngày 4 tháng 5 năm 2015 V/v nghỉ lễ"),
    # a sentence, no place before ", ngày": untouched
    ("SỞ TƯ PHÁP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc Số: 7/QĐSTP Vinh, ngày 2 tháng 3 năm "
     "2022 QUYẾT ĐỊNH VỀ VIỆC CỬ CÁN BỘ ĐI HỌC GIÁM ĐỐC SỞ TƯ PHÁP Căn cứ Luật Cán bộ",
     "SỞ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập Tự do Hạnh phúc\nSố: 7/QĐSTP\n"
     "Vinh, ngày 2 tháng 3 năm 2022\nQUYẾT ĐỊNH VỀ VIỆC CỬ CÁN BỘ ĐI HỌC GIÁM ĐỐC SỞ TƯ PHÁP\nCăn cứ Luật Cán bộ"),
    # a PDF page on one line, its dashes lost: motto, number, date, title in capitals, body
    ("HUYỆN ỦY AN LÃO * Số 9-CV/HU ĐẢNG CỘNG SẢN VIỆT NAM An Lão, ngày 4 tháng 1 năm 2020 THÔNG BÁO lịch trực Tết",
     "HUYỆN ỦY AN LÃO *\nSố 9-CV/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nAn Lão, ngày 4 tháng 1 năm 2020\nTHÔNG BÁO\nlịch trực Tết"),
    # a Party page on one line: the Party's name after the number, a title in lower case after the type
    ("Nghị quyết số: 3-NQ/TW Hà Nội, ngày 6 tháng 1 năm 2012", "Nghị quyết số: 3-NQ/TW\nHà Nội, ngày 6 tháng 1 năm 2012"),
    # the number line names the type
    ("Hà Nội, ngày 6 tháng 1 năm 2012 đã có Công văn số 5/UBND", "Hà Nội, ngày 6 tháng 1 năm 2012 đã có Công văn số 5/UBND"),
    # a sentence after the date: untouched
    ("QUYẾT ĐỊNH: Điều 1. Phê duyệt", "QUYẾT ĐỊNH: Điều 1. Phê duyệt"),  # no date or number on the line: untouched
])
def test_unflatten_letterhead(raw, expected):
    assert unflatten_letterhead(raw) == expected
    assert unflatten_letterhead(expected) == expected  # idempotent


def test_prepare_combines_all_steps():
    raw = nfd("**UỶ BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM**\r\nSố: /UBND -VP Mai Sơn, ngày 09 tháng 9 năm 2021")
    # The flattened columns are split, then put in column order: left column, then right column.
    assert prepare(raw) == ("ỦY BAN NHÂN DÂN\nSố: /UBND-VP\n"
                            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nMai Sơn, ngày 09 tháng 9 năm 2021")


def test_prepare_is_idempotent_on_the_seeds(seed_files):
    for path in seed_files:
        once = prepare(path.read_text(encoding="utf-8"))
        assert prepare(once) == once, path.name


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_prepare_is_idempotent_and_nfc(raw):
    once = prepare(raw)
    assert prepare(once) == once
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ỦY BAN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/UBND-VP", "Mai Sơn, ngày 9",
                                 "Độc lập - Tự do - Hạnh phúc", "HUYỆN", "V/v", "Nơi nhận:", "KT. CHỦ TỊCH",
                                 " ", "\n", "hoà", "*"]), max_size=30).map("".join))
def test_prepare_keeps_every_word(raw):
    # Clean-up moves line breaks and spaces, removes emphasis marks and puts letterhead columns in
    # order (the left column's lines first); it never drops or adds a letter.
    def letters(s: str) -> list[str]:
        return sorted(fold("".join(s.replace("*", "").split())))

    assert letters(prepare(raw)) == letters(raw)


def test_text_module_doctests():
    assert doctest.testmod(text_module).failed == 0
