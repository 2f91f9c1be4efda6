"""Issuers and the gazetteer: provinces of pre-2025 districts, levels, names expanded in context."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.archive import issuers as issuers_module
from vanthu.archive.issuers import body_case, code_issuer, expand_issuer, issuer_level, split_place
from vanthu.archive.types import Document, Level
from vanthu.vietnamese import gazetteer as gazetteer_module
from vanthu.vietnamese.gazetteer import district_of, is_province, level_of, province_of, province_title


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
])
def test_body_case(upper, expected):
    assert body_case(upper) == expected


BINH_XUYEN = Document(issuer="Ủy ban nhân dân huyện Bình Xuyên", issuer_level=Level.DISTRICT, year=2021)
XUAN_TRUONG = Document(issuer="Huyện ủy Xuân Trường", parent_body="Đảng bộ tỉnh Nam Định", year=2021)
TAN_UYEN = Document(issuer="Ủy ban nhân dân huyện Tân Uyên", year=2021)
CHAU_THANH = Document(issuer="Ủy ban nhân dân huyện Châu Thành", year=2021)
TAN_LAP = Document(issuer="Ủy ban nhân dân xã Tân Lập", parent_body="Ủy ban nhân dân huyện Đan Phượng", year=2021)
HA_NOI = Document(issuer="Ủy ban nhân dân thành phố Hà Nội", year=2021)
DAN_PHUONG = Document(issuer="Ủy ban nhân dân huyện Đan Phượng", year=2020)
THO_AN = Document(issuer="Ủy ban nhân dân xã Thọ An", year=2020)  # no parent body stated
VINH_CITY = Document(issuer="Ủy ban nhân dân phường Hưng Bình", parent_body="Ủy ban nhân dân thành phố Vinh",
                     year=2021)


@pytest.mark.parametrize("phrase, context, hint, expected", [
    ("UBND tỉnh", BINH_XUYEN, None, ("Ủy ban nhân dân tỉnh Vĩnh Phúc", "province")),  # DESIGN's example
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
    ("Thường trực Huyện ủy", THO_AN, None, ("Thường trực Huyện ủy Đan Phượng", "district")),  # standing committee
    ("UBND thành phố", VINH_CITY, None, ("Ủy ban nhân dân thành phố Vinh", "district")),  # district-level city
    ("Thành ủy", VINH_CITY, None, ("Thành ủy Vinh", "district")),
    ("UBND tỉnh", VINH_CITY, None, ("Ủy ban nhân dân tỉnh Nghệ An", "province")),
    ("Ban Tuyên giáo Trung ương", None, None, ("Ban Tuyên giáo Trung ương", "central")),
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
