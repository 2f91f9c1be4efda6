"""Resolution of a citation to an archive document: pure, with a dict as the archive."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.archive.numbers import number_key
from vanthu.archive.types import Citation, Relation
from vanthu.graph.resolve import (
    Candidate, Citing, Decision, Status, citation_levels, external_key, issuer_level, issuer_match, needs_context,
    place_context, resolve,
)

D = dt.date

# A small archive: numbers that repeat as they do in life.
POOL = {
    "845/UBND-YT": [
        Candidate("ductho21", "Ủy ban nhân dân huyện Đức Thọ", "district", D(2021, 4, 3), 2021),
        Candidate("canloc21", "Ủy ban nhân dân huyện Can Lộc", "district", D(2021, 5, 10), 2021),
        Candidate("ductho19", "Ủy ban nhân dân huyện Đức Thọ", "district", D(2019, 4, 1), 2019),
    ],
    "27/KH-UBND": [
        Candidate("trungle", "Ủy ban nhân dân xã Trung Lễ", "commune", D(2021, 3, 5), 2021),
        Candidate("ducdong", "Ủy ban nhân dân xã Đức Đồng", "commune", D(2021, 3, 5), 2021),
        Candidate("ductho27", "Ủy ban nhân dân huyện Đức Thọ", "district", D(2021, 1, 20), 2021),
    ],
    "15/KH-UBND": [
        Candidate("commune15", None, "commune", D(2021, 2, 1), 2021),
        Candidate("hatinh15", "Ủy ban nhân dân tỉnh Hà Tĩnh", "province", D(2021, 1, 10), 2021),
    ],
    "05-CT/TU": [
        Candidate("tu21", "Tỉnh ủy Hà Tĩnh", "province", D(2021, 6, 1), 2021),
        Candidate("tu16", "Tỉnh ủy Hà Tĩnh", "province", D(2016, 5, 2), 2016),
        Candidate("na21", "Tỉnh ủy Nghệ An", "province", D(2021, 7, 9), 2021),
    ],
    "117/2020/NĐ-CP": [Candidate("nd117", "Chính phủ", "central", D(2020, 9, 30), 2020)],
    "1367-CV/HU": [Candidate("maison1367", "Huyện ủy Mai Sơn", "district", D(2021, 9, 6), 2021)],
    "17/UBND-YT": [
        Candidate("binhxuyen17", "Ủy ban nhân dân huyện Bình Xuyên", "district", D(2021, 3, 22), 2021),
        Candidate("tamduong17", "Ủy ban nhân dân huyện Tam Dương", "district", D(2021, 3, 24), 2021),
    ],
    "312-CV/HU": [
        Candidate("hubx", "Huyện ủy Bình Xuyên", "district", D(2021, 3, 19), 2021),
        Candidate("hutd", "Huyện ủy Tam Dương", "district", D(2021, 3, 18), 2021),
    ],
}
INDEX = {number_key(k): v for k, v in POOL.items()}


def lookup(key: str) -> list[Candidate]:
    return INDEX.get(key, [])


def cite(number, issuer=None, date=None, doc_type=None, year=None, name=None, relation=Relation.IMPLEMENTS):
    return Citation(number, doc_type, date, issuer, relation, f"số {number}", 0, 0, year=year, name=name)


JUNE = Citing("citing", D(2021, 6, 20), 2021)
HOANG_LAU = Citing("hl", D(2021, 3, 31), 2021, place_context("commune", "Hoàng Lâu"))
THIEN_KE = Citing("tk", D(2021, 3, 29), 2021, ("Thiện Kế", "Bình Xuyên", "Vĩnh Phúc"))

CASES = [
    (cite("845/UBND-YT", "Ủy ban nhân dân huyện Đức Thọ", D(2021, 4, 3)), JUNE, Status.RESOLVED, "ductho21"),  # number, date and expanded issuer agree
    (cite("845/ubnd - yt", "Ủy ban nhân dân huyện Can Lộc"), JUNE, Status.RESOLVED, "canloc21"),  # typed loosely; the issuer decides between districts
    (cite("845/UBND-YT"), JUNE, Status.AMBIGUOUS, None),  # a number alone never decides
    (cite("845/UBND-YT", date=D(2021, 5, 10)), JUNE, Status.RESOLVED, "canloc21"),  # the date decides
    (cite("845/UBND-YT", "Ủy ban nhân dân huyện Đức Thọ"), JUNE, Status.RESOLVED, "ductho21"),  # same issuer, two years: the citing one's own year
    (cite("845/UBND-YT", "Ủy ban nhân dân huyện Đức Thọ"), Citing("c", D(2022, 2, 1), 2022), Status.AMBIGUOUS, None),  # two years, neither the citing one's: no choice
    (cite("845/UBND-YT", year=2021), Citing("c", D(2021, 4, 20), 2021), Status.RESOLVED, "ductho21"),  # Can Lộc's is dated after the citing one
    (cite("845/UBND-YT", "UBND huyện Đức Thọ", year=2019), JUNE, Status.RESOLVED, "ductho19"),  # unexpanded abbreviation, year
    (cite("27/KH-UBND", "Ủy ban nhân dân xã Trung Lễ", D(2021, 3, 5)), JUNE, Status.RESOLVED, "trungle"),  # every commune has a 27/KH-UBND
    (cite("27/KH-UBND", date=D(2021, 3, 5)), JUNE, Status.AMBIGUOUS, None),  # two communes, same number, same day
    (cite("27/KH-UBND", "UBND huyện"), JUNE, Status.RESOLVED, "ductho27"),  # "UBND huyện" left unexpanded still rules out communes
    (cite("15/KH-UBND", "Ủy ban nhân dân tỉnh"), JUNE, Status.RESOLVED, "hatinh15"),  # level: a commune's 15/KH-UBND is not the province's
    (cite("05-CT/TU", "Tỉnh ủy Hà Tĩnh", D(2021, 6, 1)), JUNE, Status.RESOLVED, "tu21"),  # Party number with date
    (cite("05-CT/TU", "Tỉnh ủy Hà Tĩnh"), Citing("c", D(2022, 1, 5), 2022), Status.AMBIGUOUS, None),  # Party numbers restart each term
    (cite("05-CT/TU"), Citing("c", D(2017, 3, 1), 2017), Status.RESOLVED, "tu16"),  # the 2021 ones are after the citing document
    (cite("05-CT/TU", "Ban Thường vụ Tỉnh ủy Nghệ An"), Citing("c", D(2021, 8, 1), 2021), Status.RESOLVED, "na21"),  # Ban Thường vụ signs for the Tỉnh ủy
    (cite("117/2020/NĐ-CP", "Chính phủ"), JUNE, Status.RESOLVED, "nd117"),  # normative number: year inside it
    (cite("117/2020/NĐ-CP"), Citing("c", D(2019, 1, 1), 2019), Status.EXTERNAL, None),  # cannot cite a decree of the future
    (cite("1367-CV/HU", "Huyện ủy Mai Sơn", D(2021, 9, 6)), Citing("c", D(2021, 9, 9), 2021), Status.RESOLVED, "maison1367"),  # seed: Mai Sơn implements the Huyện ủy
    (cite("8252/UBND-KT5", "Ủy ban nhân dân tỉnh Vĩnh Phúc", D(2021, 9, 21)), JUNE, Status.EXTERNAL, None),  # seed: not in this archive
    (cite(None, name="Luật Phòng, chống bệnh truyền nhiễm năm 2007"), JUNE, Status.EXTERNAL, None),  # cited by name only
    (cite("845/UBND-YT", "Ủy ban nhân dân huyện Đức Thọ", D(2021, 4, 3)), Citing("ductho21", D(2021, 6, 1), 2021), Status.EXTERNAL, None),  # a document does not cite itself
    (cite("845/UBND-YT", "Ủy ban nhân dân huyện Hương Sơn"), JUNE, Status.EXTERNAL, None),  # a third district's: not in the archive
    (cite("17/UBND-YT", "Ủy ban nhân dân huyện"), HOANG_LAU, Status.RESOLVED, "tamduong17"),  # "UBND huyện" from a commune of Tam Dương
    (cite("17/UBND-YT", "UBND huyện"), THIEN_KE, Status.RESOLVED, "binhxuyen17"),  # from a commune of Bình Xuyên
    (cite("17/UBND-YT", "Ủy ban nhân dân huyện"), JUNE, Status.AMBIGUOUS, None),  # no context: cannot tell
    (cite("312-CV/HU", "Huyện ủy"), THIEN_KE, Status.RESOLVED, "hubx"),  # "Huyện ủy" in a commune means its own district's
    (cite("17/UBND-YT", "Ủy ban nhân dân huyện Tam Dương"), THIEN_KE, Status.RESOLVED, "tamduong17"),  # a stated name outranks context
]


@pytest.mark.parametrize("citation, citing, status, dst", CASES)
def test_resolution_table(citation, citing, status, dst):
    result = resolve(citation, citing, lookup)
    assert (result.status, result.dst) == (status, dst), result.reason
    if status is Status.AMBIGUOUS:
        assert len(result.candidates) >= 2
    if status is Status.RESOLVED:
        assert result.candidates[0] == dst


def test_ambiguous_lists_only_the_tied_candidates():
    result = resolve(cite("27/KH-UBND", date=D(2021, 3, 5)), JUNE, lookup)
    assert set(result.candidates) == {"trungle", "ducdong"}  # the district's 27/KH-UBND has another date


def test_resolved_keeps_the_other_candidates():
    result = resolve(cite("27/KH-UBND", "UBND xã Trung Lễ"), JUNE, lookup)
    assert result.dst == "trungle" and result.candidates == ("trungle",)
    result = resolve(cite("845/UBND-YT", year=2021), JUNE, lookup)  # 2019's ruled out; two 2021 left, tied
    assert result.status is Status.AMBIGUOUS and set(result.candidates) == {"ductho21", "canloc21"}


DECISIONS = [
    ({"ducdong": Decision("ducdong", True)}, cite("27/KH-UBND", date=D(2021, 3, 5)), Status.CONFIRMED, "ducdong"),  # librarian settles a tie
    ({"ductho21": Decision("ductho21", False)}, cite("845/UBND-YT", "UBND huyện Đức Thọ", D(2021, 4, 3)), Status.REJECTED, None),  # librarian rejects the only fit
    ({"trungle": Decision("trungle", False)}, cite("27/KH-UBND", date=D(2021, 3, 5)), Status.RESOLVED, "ducdong"),  # rejecting one of two leaves the other
    ({"nd117": Decision("nd117", True, pinned=True)}, cite(None, name="Nghị định về xử phạt"), Status.CONFIRMED, "nd117"),  # a suggestion confirmed for a reference without number
    ({"nd117": Decision("nd117", True)}, cite("845/UBND-YT", "UBND huyện Can Lộc"), Status.RESOLVED, "canloc21"),  # a confirmation for another number does not capture this citation
    ({"tu16": Decision("tu16", True)}, cite("05-CT/TU", "Tỉnh ủy Hà Tĩnh", D(2021, 6, 1)), Status.CONFIRMED, "tu16"),  # the librarian outranks the evidence
]


@pytest.mark.parametrize("decisions, citation, status, dst", DECISIONS)
def test_librarian_decisions(decisions, citation, status, dst):
    result = resolve(citation, JUNE, lookup, decisions)
    assert (result.status, result.dst) == (status, dst)


@pytest.mark.parametrize("cited, candidate, fit", [
    ("Ủy ban nhân dân tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Hà Tĩnh", 2),  # same body
    ("UBND tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Hà Tĩnh", 2),  # abbreviation
    ("uy ban nhan dan tinh ha tinh", "Ủy ban nhân dân tỉnh Hà Tĩnh", 2),  # typed without diacritics
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh Hà Tĩnh", 1),  # name left implicit
    ("Tỉnh ủy Hà Tĩnh", "Ban Thường vụ Tỉnh ủy Hà Tĩnh", 1),  # Ban Thường vụ of the same committee
    ("Ủy ban nhân dân tỉnh Hà Tĩnh", "Ủy ban nhân dân thành phố Hà Tĩnh", 0),  # the province is not its capital city
    ("UBND huyện Đức Thọ", "UBND huyện Can Lộc", 0),  # two districts
    ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân huyện Đức Thọ", 0),  # province vs district
])
def test_issuer_match(cited, candidate, fit):
    assert issuer_match(cited, candidate) == fit


@pytest.mark.parametrize("number, issuer, levels", [
    ("288-CV/HU", None, {"district"}),  # Huyện ủy
    ("02-KL/TW", None, {"central"}),  # Trung ương
    ("05-CT/TU", None, {"province", "district"}),  # Tỉnh ủy, or a town's Thành ủy/Thị ủy
    ("21/CT-TTg", None, {"central"}),  # Thủ tướng
    ("1234/BYT-DP", None, {"central"}),  # a ministry's công văn
    ("12/BCĐ", None, None),  # a Ban chỉ đạo exists at every level
    ("8252/UBND-KT5", "Ủy ban nhân dân tỉnh Vĩnh Phúc", {"province"}),  # from the issuer's unit word
    ("27/KH-UBND", "UBND xã Trung Lễ", {"commune"}),  # abbreviated
    ("45/KH-UBND", "Ủy ban nhân dân thành phố Hà Tĩnh", None),  # "thành phố" is a province or a district
    ("7/KH-BCH", "Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh", None),  # a Bộ that is not a ministry
    ("51-HĐBT", None, {"central"}),  # Hội đồng Bộ trưởng (1981-1992), old form without a slash
    ("88/HĐBT", None, {"central"}),  # the same with a slash
    ("12-HĐNN", None, {"central"}),  # Hội đồng Nhà nước
    ("15/HĐNN8", None, {"central"}),  # with its legislature's number
    ("3-HĐCP", None, {"central"}),  # Hội đồng Chính phủ (before 1981)
    ("12/HĐND", "Hội đồng nhân dân huyện Cần Giờ", {"district"}),  # a people's council is not the HĐNN
])
def test_citation_levels(number, issuer, levels):
    got = citation_levels(cite(number, issuer))
    assert (set(got) if got else None) == levels


def test_issuer_level_of_party_committees():
    assert issuer_level("Huyện ủy Xuân Trường").value == "district"
    assert issuer_level("Đảng ủy xã Trung Lễ").value == "commune"
    assert issuer_level(None) is None


@pytest.mark.parametrize("a, b, same", [
    (cite("117/2020/NĐ-CP", "Chính phủ"), cite("117/2020/nđ-cp"), True),  # a decree is one document nationwide
    (cite("27/KH-UBND", "UBND xã Trung Lễ", year=2021), cite("27/KH-UBND", "Ủy ban nhân dân xã Trung Lễ", D(2021, 3, 5)), True),  # same commune, same year
    (cite("27/KH-UBND", "UBND xã Trung Lễ", year=2021), cite("27/KH-UBND", "UBND xã Đức Đồng", year=2021), False),  # two communes
    (cite("05-CT/TU", "Tỉnh ủy Hà Tĩnh", year=2016), cite("05-CT/TU", "Tỉnh ủy Hà Tĩnh", year=2021), False),  # two terms
])
def test_external_key(a, b, same):
    assert (external_key(a) == external_key(b)) is same


numbers = st.sampled_from(list(POOL) + ["999/UBND", "05-ct/tu", "", "///", "0-0/0"])
issuers = st.one_of(st.none(), st.sampled_from(["UBND tỉnh", "Tỉnh ủy Hà Tĩnh", "Ủy ban nhân dân xã Trung Lễ"]), st.text(max_size=30))
dates = st.one_of(st.none(), st.dates(D(2010, 1, 1), D(2025, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(numbers, issuers, dates, dates, st.one_of(st.none(), st.integers(1900, 2100)))
def test_resolution_never_crashes_and_never_cites_the_future(number, issuer, date, citing_date, year):
    citing = Citing("x", citing_date, citing_date.year if citing_date else None)
    result = resolve(cite(number or None, issuer, date, year=year), citing, lookup)
    assert (result.dst is not None) == (result.status in (Status.RESOLVED, Status.CONFIRMED))
    if result.dst is not None:
        chosen = next(c for c in lookup(number_key(number)) if c.id == result.dst)
        assert not (citing_date and chosen.date and chosen.date > citing_date)
        assert chosen.id == result.candidates[0]


@pytest.mark.parametrize("issuer, generic", [
    ("UBND huyện", True),  # the district left to the reader
    ("Ủy ban nhân dân tỉnh", True),  # the province likewise
    ("Huyện ủy", True),  # Party committee, place implicit
    ("Ủy ban nhân dân huyện Tam Dương", False),  # named
    ("Tỉnh ủy Vĩnh Phúc", False),  # named
    (None, False),  # no issuer at all
])
def test_needs_context(issuer, generic):
    assert needs_context(cite("1/UBND", issuer)) is generic


def test_place_context_from_the_gazetteer():
    assert place_context("commune", "Thiện Kế", "Nơi nhận: - UBND huyện Bình Xuyên (b/c);")[:2] == ("Thiện Kế", "Bình Xuyên")
    assert place_context("district", "Bình Xuyên") == ("Bình Xuyên", "Vĩnh Phúc")
    assert place_context("province", "Vĩnh Phúc") == ("Vĩnh Phúc",)
    assert place_context("commune", None) == ()
