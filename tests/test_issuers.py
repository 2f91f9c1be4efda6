"""Issuers and the gazetteer: provinces of pre-2025 districts, levels, names expanded in context."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.archive import issuers as issuers_module
from vanthu.archive.issuers import body_case, code_issuer, expand_issuer, issuer_level, split_place
from vanthu.archive.types import Document, Level
from vanthu.vietnamese import gazetteer as gazetteer_module
from vanthu.vietnamese.gazetteer import (
    commune_province, commune_province_2025, district_of, is_province, level_of_place, level_of, merged_into, new_province_of, province_of,
    province_title, two_level,
)


@pytest.mark.parametrize("district, hint, kind, expected", [
    ("Bình Xuyên", None, None, "Vĩnh Phúc"),  # seed: Bình Xuyên
    ("Mai Sơn", None, None, "Sơn La"),  # seed: Mai Sơn
    ("Xuân Trường", None, None, "Nam Định"),  # seed: Xuân Trường
    ("Đức Thọ", None, None, "Hà Tĩnh"),  # DESIGN's example
    ("huyện Bình Xuyên", None, None, "Vĩnh Phúc"),  # with its unit word
    ("BINH XUYEN", None, None, "Vĩnh Phúc"),  # folded, capitals
    ("Tân Uyên", None, None, None),  # huyện of Lai Châu and thành phố of Bình Dương: ambiguous
    ("Tân Uyên", None, "huyện", "Lai Châu"),  # the kind settles it
    ("Tân Uyên", None, "thành phố", "Bình Dương"),  # the other one
    ("Tân Uyên", "Đảng bộ tỉnh Lai Châu", None, "Lai Châu"),  # a hint settles it
    ("Châu Thành", None, None, None),  # eleven provinces have a Châu Thành
    ("Châu Thành", "trong đó có tỉnh Trà Vinh", None, "Trà Vinh"),  # the body names the province
    ("Châu Thành", "tỉnh Trà Vinh và tỉnh Bến Tre", None, None),  # two named: still ambiguous
    ("Quận 3", None, None, "Hồ Chí Minh"),  # numbered district
    ("Thủ Đức", None, None, "Hồ Chí Minh"),  # city inside a city
    ("Không Có Huyện Này", None, None, None),  # unknown
])
def test_province_of(district, hint, kind, expected):
    assert province_of(district, hint, kind) == expected


@pytest.mark.parametrize("unit, name, year, expected", [
    ("thành phố", "Hà Nội", None, "province"),  # province-level cities
    ("thành phố", "Hải Phòng", None, "province"),
    ("thành phố", "Đà Nẵng", None, "province"),
    ("thành phố", "Cần Thơ", None, "province"),
    ("thành phố", "Hồ Chí Minh", None, "province"),
    ("thành phố", "Huế", 2025, "province"),  # Huế: province-level from 2025
    ("thành phố", "Huế", 2021, "district"),  # before: a city of Thừa Thiên Huế
    ("thành phố", "Tân Uyên", None, "district"),  # district-level city
    ("thành phố", "Vinh", None, "district"),  # a provincial capital is district-level
    ("thành phố", None, None, None),  # "thành phố" alone does not say
    ("tỉnh", "Vĩnh Phúc", None, "province"),
    ("huyện", "Mai Sơn", None, "district"),
    ("thị xã", "Hương Thủy", None, "district"),
    ("quận", "3", None, "district"),
    ("xã", "Tân Lập", None, "commune"),
    ("phường", "Bến Nghé", None, "commune"),
    ("thị trấn", "Hát Lót", None, "commune"),
    ("ban", "Tuyên giáo", None, None),  # not a unit word
])
def test_level_of(unit, name, year, expected):
    assert level_of(unit, name, year) == expected


def test_province_names_and_titles():
    assert is_province("Vĩnh Phúc") and is_province("tỉnh Thừa Thiên Huế") and not is_province("Bình Xuyên")
    assert province_title("Vĩnh Phúc") == "tỉnh Vĩnh Phúc"
    assert province_title("Hà Nội") == "thành phố Hà Nội"
    assert province_title("Thừa Thiên Huế", 2021) == "tỉnh Thừa Thiên Huế"


def test_district_of_a_commune():
    assert district_of("Tân Lập") is None  # dozens of communes share the name
    unit = district_of("Tân Lập", "huyện Đan Phượng")
    assert unit is not None and (unit.name, unit.province) == ("Đan Phượng", "Hà Nội")


@pytest.mark.parametrize("commune, hint, kind, superiors, expected", [
    ("Ngọc Hòa", None, None, (), None),  # two communes of the name
    ("Ngọc Hòa", None, None, ("thành phố",), ("Chương Mỹ", "huyện", "Hà Nội")),  # Hà Nội is a city
    ("Ngọc Hòa", None, None, ("tỉnh", "huyện"), ("Giồng Riềng", "huyện", "Kiên Giang")),
    ("Hưng Bình", None, "phường", (), ("Vinh", "thành phố", "Nghệ An")),  # the kind settles it
    ("Hưng Bình", None, "xã", (), ("Đắk R'Lấp", "huyện", "Đắk Nông")),
    ("Thượng Thanh", None, None, (), ("Long Biên", "quận", "Hà Nội")),  # not Thường Thạnh of Cần Thơ
    ("Thuong Thanh", None, None, (), None),  # typed without marks: both stay
    ("Tân Phú", "huyện Châu Thành", "xã", (), None),  # Châu Thành of Bến Tre and of Đồng Tháp both have one
    ("Tân Phú", "huyện Châu Thành, tỉnh Đồng Tháp", "xã", (), ("Châu Thành", "huyện", "Đồng Tháp")),
])
def test_district_of_shared_names(commune, hint, kind, superiors, expected):
    unit = district_of(commune, hint, kind, frozenset(superiors))
    assert (unit and (unit.name, unit.kind, unit.province)) == expected


@pytest.mark.parametrize("on, year, expected", [
    (dt.date(2025, 6, 30), 2025, False),  # the last day of the three-level map
    (dt.date(2025, 7, 1), 2025, True),  # the reform's first day
    (None, 2025, False),  # a 2025 document with no day: the old map (it may predate July)
    (None, 2026, True),  # a later year
    (None, None, False),  # no date at all
])
def test_two_level(on, year, expected):
    assert two_level(on, year) is expected


@pytest.mark.parametrize("commune, hint, kind, expected", [
    ("Bình Xuyên", None, "xã", "Phú Thọ"),  # a 2025 commune of the merged Phú Thọ (Vĩnh Phúc's old huyện)
    ("xã Tân Đoàn", None, None, "Lạng Sơn"),  # with its unit word
    ("Tây Sơn", None, None, None),  # a xã Tây Sơn in Gia Lai and one in Đắk Lắk: not settled
    ("Tây Sơn", "trên địa bàn tỉnh Gia Lai", None, "Gia Lai"),  # the text names the province
    ("Không Có Xã Này", None, None, None),  # unknown
])
def test_commune_province_2025(commune, hint, kind, expected):
    assert commune_province_2025(commune, hint, kind) == expected


@pytest.mark.parametrize("commune, kind, expected", [
    ("Bình Xuyên", "xã", "Hải Dương"),  # two communes of the name, two districts, one province
    ("Tân Lập", None, None),  # communes of the name in many provinces
])
def test_commune_province_before_2025(commune, kind, expected):
    assert commune_province(commune, kind) == expected


@pytest.mark.parametrize("place, on, year, expected", [
    ("Gia Lai", dt.date(2025, 11, 20), 2025, "province"),  # a 2025 province, no 2025 commune of the name
    ("Thanh Hóa", dt.date(2025, 7, 21), 2025, "province"),  # "Thạnh Hóa" (Tây Ninh) is another name
    ("Hà Nội", None, 2010, "province"),  # old map
    ("Mai Sơn", None, 2021, None),  # huyện Mai Sơn and xã Mai Sơn: either level
    ("Tân Đoàn", dt.date(2026, 1, 5), 2026, "commune"),  # a 2025 commune
])
def test_level_of_place(place, on, year, expected):
    assert level_of_place(place, on, year) == expected


@pytest.mark.parametrize("old, expected", [
    ("Vĩnh Phúc", "Phú Thọ"),  # merged into Phú Thọ
    ("tỉnh Bình Dương", "Hồ Chí Minh"),  # into the city
    ("Hà Nội", "Hà Nội"),  # unchanged
    ("Thừa Thiên Huế", "Huế"),  # the old province's name
    ("Atlantis", None),  # no province
])
def test_new_province_of(old, expected):
    assert new_province_of(old) == expected


def test_merged_into_lists_the_old_provinces():
    assert merged_into("thành phố Hồ Chí Minh") == ("Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh")
    assert merged_into("Lạng Sơn") == ("Lạng Sơn",)  # kept as it was
    assert merged_into("Vĩnh Phúc") == ()  # no longer a province


def test_gazetteer_names_have_no_bracketed_kind():
    from vanthu.vietnamese.gazetteer import gazetteer

    units = [u for table in (gazetteer().districts, gazetteer().communes) for us in table.values() for u in us]
    assert not [u for u in units if "(" in u.name or "(" in (u.district or "")]
    assert {u.kind for u in gazetteer().districts["cao lanh"]} == {"huyện", "thành phố"}  # both kept


@pytest.mark.parametrize("upper, expected", [
    ("ỦY BAN NHÂN DÂN HUYỆN MAI SƠN", "Ủy ban nhân dân huyện Mai Sơn"),  # state letterhead
    ("HUYỆN ỦY XUÂN TRƯỜNG", "Huyện ủy Xuân Trường"),  # Party committee, place follows
    ("ĐẢNG BỘ TỈNH NAM ĐỊNH", "Đảng bộ tỉnh Nam Định"),  # parent body
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),  # compound name
    ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo"),  # "và" inside a name
    ("TRUNG TÂM Y TẾ HUYỆN", "Trung tâm Y tế huyện"),  # two-word head
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", "Ban Chấp hành Trung ương"),  # fixed phrases
    ("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "Ủy ban nhân dân xã Hòa Bình"),  # commune
    ("BỘ CHỈ HUY QUÂN SỰ TỈNH LAI CHÂU", "Bộ Chỉ huy Quân sự tỉnh Lai Châu"),  # provincial military
    ("TL. CHỦ TỊCH", "TL. Chủ tịch"),  # signing prefix kept
    ("PHÓ BÍ THƯ THƯỜNG TRỰC", "Phó Bí thư Thường trực"),  # deputy
    ("TUQ. BỘ TRƯỞNG", "TUQ. Bộ trưởng"),  # minister, not the ministry
    ("T/M BAN THƯỜNG VỤ", "T/M Ban Thường vụ"),  # Party prefix
    ("UỶ BAN NHÂN DÂN XÃ HOÀ AN", "Ủy ban nhân dân xã Hoà An"),  # old tone placement: still the fixed phrase
    ("ỦY BAN NHÂN DÂN THIỆU VIÊN", "Ủy ban nhân dân thiệu viên"),  # "VIÊN" folds like "Viện" but is not it
    ("UY BAN NHAN DAN", "Ủy ban nhân dân"),  # a copy that lost every mark: the phrase by its letters
])
def test_body_case(upper, expected):
    assert body_case(upper) == expected


BINH_XUYEN = Document(issuer="Ủy ban nhân dân huyện Bình Xuyên", issuer_level=Level.DISTRICT, year=2021)
XUAN_TRUONG = Document(issuer="Huyện ủy Xuân Trường", parent_body="Đảng bộ tỉnh Nam Định", year=2021)
TAN_UYEN = Document(issuer="Ủy ban nhân dân huyện Tân Uyên", year=2021)
CHAU_THANH = Document(issuer="Ủy ban nhân dân huyện Châu Thành", year=2021)
TAN_LAP = Document(issuer="Ủy ban nhân dân xã Tân Lập", parent_body="Ủy ban nhân dân huyện Đan Phượng", year=2021)
# After 1 July 2025: communes lie directly in the merged provinces.
XA_BINH_XUYEN_2025 = Document(issuer="Ủy ban nhân dân xã Bình Xuyên", issuer_level=Level.COMMUNE,
                              date=dt.date(2025, 9, 3), year=2025)
XA_TAN_DOAN_2026 = Document(issuer="Ủy ban nhân dân xã Tân Đoàn", date=dt.date(2026, 1, 5), year=2026)
HA_NOI = Document(issuer="Ủy ban nhân dân thành phố Hà Nội", year=2021)
DAN_PHUONG = Document(issuer="Ủy ban nhân dân huyện Đan Phượng", year=2020)
THO_AN = Document(issuer="Ủy ban nhân dân xã Thọ An", year=2020)  # no parent body stated
NGOC_HOA = Document(issuer="Ủy ban nhân dân xã Ngọc Hòa", year=2020)  # Chương Mỹ (Hà Nội) or Giồng Riềng (Kiên Giang)
HUNG_BINH = Document(issuer="Ủy ban nhân dân phường Hưng Bình", year=2021)  # the phường is Vinh's; a xã of Đắk Nông shares the name
THUONG_THANH = Document(issuer="Ủy ban nhân dân phường Thượng Thanh", year=2021)  # folds like Thường Thạnh (Cần Thơ)
PHUOC_LONG = Document(issuer="Ủy ban nhân dân xã Phước Long", year=2020)
CAO_LANH = Document(issuer="Ủy ban nhân dân huyện Cao Lãnh", year=2021)  # the gazetteer writes "Cao Lãnh (Huyện)"
KHANH_BINH = Document(issuer="Đảng ủy xã Khánh Bình", parent_body="Đảng bộ huyện An Phú", year=2021)
VINH_CITY = Document(issuer="Ủy ban nhân dân phường Hưng Bình", parent_body="Ủy ban nhân dân thành phố Vinh",
                     year=2021)


@pytest.mark.parametrize("phrase, context, hint, expected", [
    ("UBND tỉnh", BINH_XUYEN, None, ("Ủy ban nhân dân tỉnh Vĩnh Phúc", "province")),  # DESIGN's example
    ("UBND tỉnh", XA_BINH_XUYEN_2025, None, ("Ủy ban nhân dân tỉnh Phú Thọ", "province")),  # 2025: the new province
    ("Tỉnh ủy", XA_TAN_DOAN_2026, None, ("Tỉnh ủy Lạng Sơn", "province")),  # a 2026 commune's provincial committee
    ("Đảng ủy", XA_TAN_DOAN_2026, None, ("Đảng ủy xã Tân Đoàn", "commune")),  # its own Party committee
    ("Ủy ban nhân dân tỉnh", XUAN_TRUONG, None, ("Ủy ban nhân dân tỉnh Nam Định", "province")),  # via parent body
    ("Tỉnh ủy", XUAN_TRUONG, None, ("Tỉnh ủy Nam Định", "province")),  # Party province
    ("UBND tỉnh", TAN_UYEN, None, ("Ủy ban nhân dân tỉnh Lai Châu", "province")),  # huyện settles Tân Uyên
    ("UBND tỉnh", CHAU_THANH, None, ("Ủy ban nhân dân tỉnh", "province")),  # ambiguous district: no guess
    ("UBND tỉnh", CHAU_THANH, "trên địa bàn tỉnh Trà Vinh", ("Ủy ban nhân dân tỉnh Trà Vinh", "province")),  # hint
    ("UBND huyện", BINH_XUYEN, None, ("Ủy ban nhân dân huyện Bình Xuyên", "district")),  # own district
    ("Huyện ủy", TAN_LAP, None, ("Huyện ủy Đan Phượng", "district")),  # commune document: its district
    ("UBND xã", TAN_LAP, None, ("Ủy ban nhân dân xã Tân Lập", "commune")),  # own commune
    ("UBND xã", BINH_XUYEN, None, ("Ủy ban nhân dân xã", "commune")),  # which commune? not stated
    ("Sở Y tế", BINH_XUYEN, None, ("Sở Y tế tỉnh Vĩnh Phúc", "province")),  # provincial department
    ("UBND tỉnh", HA_NOI, None, ("Ủy ban nhân dân tỉnh", "province")),  # a city has no "tỉnh": left as is
    ("huyện ủy Mai Sơn", None, None, ("Huyện ủy Mai Sơn", "district")),  # named, any context
    ("UBND tỉnh Vĩnh Phúc", XUAN_TRUONG, None, ("Ủy ban nhân dân tỉnh Vĩnh Phúc", "province")),  # named wins
    ("Thủ tướng Chính phủ", BINH_XUYEN, None, ("Thủ tướng Chính phủ", "central")),  # central
    ("Chính phủ", None, None, ("Chính phủ", "central")),
    ("Bộ Y tế", None, None, ("Bộ Y tế", "central")),  # ministry
    ("Ban Chỉ đạo quốc gia", None, None, ("Ban Chỉ đạo quốc gia", "central")),
    ("BCĐ tỉnh", BINH_XUYEN, None, ("Ban Chỉ đạo tỉnh Vĩnh Phúc", "province")),  # abbreviation + place
    ("HĐND tỉnh", BINH_XUYEN, None, ("Hội đồng nhân dân tỉnh Vĩnh Phúc", "province")),
    ("UBND TP. Hồ Chí Minh", None, None, ("Ủy ban nhân dân thành phố Hồ Chí Minh", "province")),  # TP.
    ("UBND thành phố Vinh", None, None, ("Ủy ban nhân dân thành phố Vinh", "district")),  # district-level city
    ("Thành ủy", BINH_XUYEN, None, ("Thành ủy", None)),  # province- or district-level: not stated
    ("UBND thành phố", DAN_PHUONG, None, ("Ủy ban nhân dân thành phố Hà Nội", "province")),  # a district of Hà Nội
    ("Thành ủy", DAN_PHUONG, None, ("Thành ủy Hà Nội", "province")),  # its city's Party committee
    ("UBND huyện", THO_AN, None, ("Ủy ban nhân dân huyện Đan Phượng", "district")),  # commune known to one district
    ("Thường trực Huyện ủy", THO_AN, None, ("Huyện ủy Đan Phượng", "district")),  # standing committee: the committee numbers it
    ("UBND thành phố", VINH_CITY, None, ("Ủy ban nhân dân thành phố Vinh", "district")),  # district-level city
    ("Thành ủy", VINH_CITY, None, ("Thành ủy Vinh", "district")),
    ("UBND tỉnh", VINH_CITY, None, ("Ủy ban nhân dân tỉnh Nghệ An", "province")),
    ("Ban Tuyên giáo Trung ương", None, None, ("Ban Tuyên giáo Trung ương", "central")),
    # --- the body that numbers a Party document: the committee, not its standing organ --------
    ("Ban Thường vụ Tỉnh ủy", XUAN_TRUONG, None, ("Tỉnh ủy Nam Định", "province")),  # BTV documents carry the committee's number
    ("BAN THƯỜNG VỤ TỈNH ỦY", XUAN_TRUONG, None, ("Tỉnh ủy Nam Định", "province")),  # in capitals
    ("BTV Huyện ủy", XUAN_TRUONG, None, ("Huyện ủy Xuân Trường", "district")),  # abbreviated, the document's own committee
    ("Thường trực Huyện ủy Xuân Trường", None, None, ("Huyện ủy Xuân Trường", "district")),  # named: the committee
    ("TT Thành ủy", DAN_PHUONG, None, ("Thành ủy Hà Nội", "province")),  # "TT" is Thường trực
    ("Ban Chấp hành Đảng bộ tỉnh", XUAN_TRUONG, None, ("Ban Chấp hành Đảng bộ tỉnh Nam Định", "province")),  # not an organ of "X ủy": kept
    ("Ban Tuyên giáo Huyện ủy", XUAN_TRUONG, None, ("Ban Tuyên giáo Huyện ủy Xuân Trường", "district")),  # a board numbers its own
    ("Thường trực HĐND tỉnh", BINH_XUYEN, None, ("Thường trực Hội đồng nhân dân tỉnh Vĩnh Phúc", "province")),  # only Party organs fold
    # --- a commune's own Party committee ---------------------------------------------------
    ("Đảng ủy", TAN_LAP, None, ("Đảng ủy xã Tân Lập", "commune")),  # written by the commune's People's Committee
    ("Đảng ủy xã", KHANH_BINH, None, ("Đảng ủy xã Khánh Bình", "commune")),  # by the committee itself
    ("Đảng ủy", BINH_XUYEN, None, ("Đảng ủy", None)),  # a district's document: which commune? not stated
    # --- a commune's district, when its name is shared -------------------------------------------
    ("UBND huyện", NGOC_HOA, None, ("Ủy ban nhân dân huyện", "district")),  # two Ngọc Hòa: no guess
    ("UBND huyện", NGOC_HOA, "Nơi nhận:\n- UBND huyện Chương Mỹ (b/c);",
     ("Ủy ban nhân dân huyện Chương Mỹ", "district")),  # Nơi nhận names the district it reports to
    ("UBND huyện", NGOC_HOA, "Thực hiện Kế hoạch số 4/KH-UBND của UBND thành phố",
     ("Ủy ban nhân dân huyện Chương Mỹ", "district")),  # "UBND thành phố" above it: only Hà Nội's Ngọc Hòa fits
    ("UBND thành phố", NGOC_HOA, "Thực hiện Kế hoạch số 4/KH-UBND của UBND thành phố",
     ("Ủy ban nhân dân thành phố Hà Nội", "province")),
    ("UBND huyện", NGOC_HOA, "Thực hiện Công văn số 9/UBND-VP của UBND tỉnh",
     ("Ủy ban nhân dân huyện Giồng Riềng", "district")),  # "UBND tỉnh" above it: Kiên Giang's
    ("UBND huyện", NGOC_HOA, "của UBND tỉnh; của UBND thành phố", ("Ủy ban nhân dân huyện", "district")),  # contradictory: no guess
    ("UBND huyện", PHUOC_LONG, "- UBND huyện Phước Long (b/c);",
     ("Ủy ban nhân dân huyện Phước Long", "district")),  # the district it reports to wins over the gazetteer's one commune
    ("UBND tỉnh", PHUOC_LONG, "- UBND huyện Phước Long (b/c);", ("Ủy ban nhân dân tỉnh Bạc Liêu", "province")),
    ("Thành ủy", HUNG_BINH, None, ("Thành ủy Vinh", "district")),  # a ward of the district-level city Vinh
    ("UBND tỉnh", HUNG_BINH, None, ("Ủy ban nhân dân tỉnh Nghệ An", "province")),
    ("UBND quận", THUONG_THANH, None, ("Ủy ban nhân dân quận Long Biên", "district")),  # the spelling tells the two apart
    ("UBND tỉnh", CAO_LANH, None, ("Ủy ban nhân dân tỉnh Đồng Tháp", "province")),  # "(Huyện)" is no part of the name
    ("Huyện ủy Đắk R'lấp", None, None, ("Huyện ủy Đắk R'Lấp", "district")),  # the gazetteer's capitals
    ("Công ty Điện lực", BINH_XUYEN, None, ("Công ty Điện lực", None)),  # not a government body we know
    ("", BINH_XUYEN, None, (None, None)),  # nothing
])
def test_expand_issuer(phrase, context, hint, expected):
    name, level = expand_issuer(phrase, context, hint)
    assert (name, level.value if level else None) == expected


@pytest.mark.parametrize("name, expected", [
    ("Ủy ban nhân dân huyện Bình Xuyên", ("Ủy ban nhân dân", "huyện", "Bình Xuyên")),
    ("Huyện ủy Xuân Trường", ("Huyện ủy", "huyện", "Xuân Trường")),
    ("Thường trực Huyện ủy", ("Thường trực Huyện ủy", "huyện", None)),
    ("Ủy ban nhân dân tỉnh", ("Ủy ban nhân dân", "tỉnh", None)),
    ("Bộ Y tế", ("Bộ Y tế", None, None)),
])
def test_split_place(name, expected):
    assert split_place(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("Ủy ban nhân dân thành phố Cần Thơ", Level.PROVINCE),
    ("Sở Y tế", Level.PROVINCE),
    ("Phòng Y tế", Level.DISTRICT),
    ("Bộ Chỉ huy Quân sự tỉnh Lai Châu", Level.PROVINCE),  # "Bộ" but provincial
    ("Văn phòng Chính phủ", Level.CENTRAL),
    ("Hội Nông dân", None),
    (None, None),
])
def test_issuer_level(name, expected):
    assert issuer_level(name) == expected


@pytest.mark.parametrize("code, expected", [
    ("UBND-VP", "Ủy ban nhân dân"), ("HU", "Huyện ủy"), ("TU", "Tỉnh ủy"), ("TTg", "Thủ tướng Chính phủ"),
    ("SYT-NV", None), (None, None),
])
def test_code_issuer(code, expected):
    assert code_issuer(code) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from([None, BINH_XUYEN, XUAN_TRUONG, TAN_LAP, HA_NOI]))
def test_expand_issuer_never_raises(phrase, context):
    name, level = expand_issuer(phrase, context)
    assert level is None or isinstance(level, Level)


def test_doctests():
    assert doctest.testmod(issuers_module).failed == 0
    assert doctest.testmod(gazetteer_module).failed == 0
