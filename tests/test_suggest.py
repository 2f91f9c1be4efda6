"""Suggested links, the pure part (graph/suggest.py): references without a number, and which documents fit them.

The end-to-end suggestions on the sample chain (with the model) are in test_semantic.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.graph.suggest import (Candidate, Citing, Reference, admissible, clause_at, find_implicit, kind_fits,
                                  rank_candidates)
from vanthu.vietnamese.text import prepare

D = dt.date

IMPLICIT = [
    ("Thực hiện chỉ đạo của UBND tỉnh về việc triển khai tiêm vắc xin phòng COVID-19 năm 2021, UBND huyện yêu cầu:",
     [("UBND tỉnh", None)]),  # the sample chain's Tam Dương: a plan known by who gave it
    ("Thực hiện Nghị quyết phiên họp Chính phủ thường kỳ tháng 8 năm 2021, trong đó Chính phủ yêu cầu các địa phương",
     [("Chính phủ", "Nghị quyết")]),  # a type without a number, the body after "phiên họp"
    ("Thực hiện Nghị quyết phiên họp tháng 8 của Chính phủ; UBND huyện chỉ đạo như sau:",
     [("Chính phủ", "Nghị quyết")]),  # the same, with "của"
    ("Thực hiện ý kiến chỉ đạo của Ban Thường vụ Huyện ủy, Đảng ủy xã đề nghị các chi bộ:",
     [("Ban Thường vụ Huyện ủy", None)]),  # Party body with its standing committee
    ("Theo chỉ đạo của Bộ Y tế và UBND tỉnh. Đồng thời thực hiện ngay việc xây dựng kế hoạch",
     [("Bộ Y tế", None), ("UBND tỉnh", None)]),  # two bodies joined by "và": two references
    ("Thực hiện chỉ đạo của UBND tỉnh Vĩnh Phúc về phòng, chống dịch", [("UBND tỉnh Vĩnh Phúc", None)]),  # named place kept
    ("Thực hiện Kế hoạch số 2296/KH-UBND ngày 15/3/2021 của UBND tỉnh", []),  # numbered: the extractor's, not ours
    ("Các đơn vị thực hiện Công văn này và báo cáo Ban Thường vụ Huyện ủy", []),  # the document speaking of itself
    ("UBND xã chỉ đạo các thôn tổ chức tiêm vắc xin cho người dân", []),  # an order given, not one referred to
    ("Theo quyết định của Bộ Y tế hoặc theo khuyến cáo của nhà sản xuất", []),  # "quyết định" as a word, not a type
]


@pytest.mark.parametrize("text,expected", IMPLICIT)
def test_find_implicit(text, expected):
    found = find_implicit(prepare(text))
    assert [(r.issuer_phrase, r.doc_type) for r in found] == expected


def test_implicit_evidence_is_the_clause():
    text = prepare("Căn cứ Nghị quyết số 21/NQ-CP; thực hiện chỉ đạo của UBND tỉnh về việc tiêm vắc xin, Chủ tịch "
                   "UBND huyện yêu cầu: 1. Trung tâm Y tế")
    (ref,) = find_implicit(text)
    assert ref.text == "thực hiện chỉ đạo của UBND tỉnh về việc tiêm vắc xin, Chủ tịch UBND huyện yêu cầu"
    assert text[ref.start:ref.end] == ref.text


def test_a_trigger_inside_a_citation_is_left_to_the_extractor():
    text = prepare("Thực hiện chỉ đạo của UBND tỉnh về việc tiêm vắc xin.")
    assert find_implicit(text, skip=[(0, 20)]) == []


def test_clause_at():
    text = "Căn cứ Luật A; thực hiện Văn bản số 12/UBND của UBND tỉnh về việc X, UBND huyện yêu cầu: 1. Y"
    start = text.index("Văn bản")
    assert clause_at(text, start, start + 18) == "thực hiện Văn bản số 12/UBND của UBND tỉnh về việc X, UBND huyện yêu cầu"


FRAGMENTS = ["Thực hiện ", "chỉ đạo ", "của ", "UBND ", "tỉnh ", "huyện ", "Huyện ủy ", "Ban Thường vụ ", "Bộ Y tế ",
             "Nghị quyết ", "phiên họp ", "Chính phủ", "số 12/UBND ", ", ", "và ", ". ", "; ", ":\n", "về việc ", "x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join))
def test_find_implicit_never_crashes_and_stays_in_the_text(text):
    for ref in find_implicit(text):
        assert 0 <= ref.start < ref.end <= len(text)
        assert ref.issuer_phrase


# -- which documents fit ----------------------------------------------------------------------

CITING = Citing("dist", "district", D(2021, 3, 24), 2021)
PLAN = Candidate("plan", "2296/KH-UBND", "Kế hoạch", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 15), 2021,
                 to_text=0.86, to_citing=0.88)
PROVINCE_REF = Reference("thực hiện chỉ đạo của UBND tỉnh về việc triển khai tiêm vắc xin",
                         "Ủy ban nhân dân tỉnh Vĩnh Phúc", frozenset({"province"}))


def _cand(doc_id, issuer, level, date, **kw):
    return Candidate(doc_id, None, "Công văn", issuer, level, date, date.year if date else kw.pop("year", None), **kw)


FITS = [
    (_cand("p2", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 1)), True),  # the body named, earlier
    (_cand("p3", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 24)), True),  # the same day
    (_cand("late", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 9, 21)), False),  # issued after the citing one
    (_cand("next", "Ủy ban nhân dân tỉnh Vĩnh Phúc", None, None, year=2022), False),  # a later year, undated
    (_cand("low", "Ủy ban nhân dân huyện Bình Xuyên", "district", D(2021, 3, 22)), False),  # lower than the body named
    (_cand("other", "Ủy ban nhân dân tỉnh Hà Tĩnh", "province", D(2021, 3, 2)), False),  # another province
    (_cand("party", "Tỉnh ủy Vĩnh Phúc", "province", D(2021, 3, 8)), False),  # another body of that level
    (_cand("undated", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", None, year=2021,
           not_before=D(2021, 9, 21)), False),  # undated, but it cites a document later than the citing one
    (_cand("dist", "Ủy ban nhân dân huyện Tam Dương", "district", D(2021, 3, 24)), False),  # the citing document itself
]


@pytest.mark.parametrize("cand,fits", FITS, ids=[c.id for c, _ in FITS])
def test_admissible(cand, fits):
    assert admissible(PROVINCE_REF, CITING, cand) is fits


def test_a_provincial_plan_beats_later_and_lower_documents_whatever_their_similarity():
    later = _cand("later", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 9, 21), to_text=0.95, to_citing=0.95)
    lower = _cand("lower", "Ủy ban nhân dân huyện Bình Xuyên", "district", D(2021, 3, 22), to_text=0.97, to_citing=0.97)
    ranked = rank_candidates(PROVINCE_REF, CITING, [later, lower, PLAN])
    assert [r.candidate.id for r in ranked] == ["plan"]


def test_ranking_by_meaning_and_type():
    close = _cand("close", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 1), to_text=0.88, to_citing=0.87)
    far = _cand("far", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 2, 1), to_text=0.80, to_citing=0.82)
    ranked = rank_candidates(PROVINCE_REF, CITING, [far, close])
    assert [r.candidate.id for r in ranked] == ["close", "far"]
    assert ranked[0].score > ranked[1].score
    # A stated type admits its kind only; among those (a plan, or the decision that issued one) the
    # exact type breaks a near tie in the model's narrow band.
    plan_ref = Reference(PROVINCE_REF.text, PROVINCE_REF.issuer, PROVINCE_REF.levels, "Kế hoạch")
    twin = dataclasses.replace(_cand("twin", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 15),
                                     to_text=0.861, to_citing=0.88), doc_type="Quyết định")
    letter = _cand("letter", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 15), to_text=0.95, to_citing=0.95)
    assert [r.candidate.id for r in rank_candidates(plan_ref, CITING, [twin, letter, PLAN])] == ["plan", "twin"]


def test_no_level_stated_means_not_lower_than_the_citing_document():
    ref = Reference("theo chỉ đạo của cấp trên", None, None)
    commune = _cand("c", "Ủy ban nhân dân xã Thiện Kế", "commune", D(2021, 3, 1))
    province = _cand("p", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 1))
    assert [admissible(ref, CITING, c) for c in (commune, province)] == [False, True]


def test_a_name_without_place_means_the_body_up_the_documents_chain():
    # A commune of Bình Xuyên writes "UBND huyện"; what it already cites leads to Bình Xuyên, not Tam Dương.
    citing = Citing("tb", "commune", D(2021, 4, 16), 2021,
                    chain_issuers=frozenset({"Ủy ban nhân dân xã Thiện Kế", "Ủy ban nhân dân huyện Bình Xuyên"}))
    ref = Reference("thực hiện chỉ đạo của UBND huyện", "Ủy ban nhân dân huyện", frozenset({"district"}))
    own = _cand("bx", "Ủy ban nhân dân huyện Bình Xuyên", "district", D(2021, 3, 22))
    other = _cand("td", "Ủy ban nhân dân huyện Tam Dương", "district", D(2021, 3, 24))
    assert [admissible(ref, citing, c) for c in (own, other)] == [True, False]
    # With nothing cited, either district could be meant.
    alone = Citing("tb", "commune", D(2021, 4, 16), 2021)
    assert [admissible(ref, alone, c) for c in (own, other)] == [True, True]


def test_an_ambiguous_number_keeps_to_its_candidates_and_rejected_links_stay_out():
    a = _cand("a", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 1))
    b = _cand("b", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province", D(2021, 3, 2))
    only_a = Reference("Kế hoạch số 27/KH-UBND", "Ủy ban nhân dân tỉnh Vĩnh Phúc", None, only=frozenset({"a"}))
    assert [admissible(only_a, CITING, c) for c in (a, b)] == [True, False]
    rejected = Citing("dist", "district", D(2021, 3, 24), 2021, excluded=frozenset({"a"}))
    assert [admissible(PROVINCE_REF, rejected, c) for c in (a, b)] == [False, True]


# -- the kind of document a reference states ----------------------------------------------------


def _doc(doc_type, issuer, level="central", number=None):
    return Candidate("x", number, doc_type, issuer, level, D(2020, 1, 1), 2020)


KINDS = [
    ("Luật", _doc("Thông tư", "Bộ Tài chính", number="24/2020/TT-BTC"), False),  # issue 14: a law is never a circular
    ("Luật", _doc("Luật", "Quốc hội"), True),  # "Luật Tổ chức Chính phủ 2015": a law of the National Assembly
    ("Luật", _doc("Luật", "Ủy ban Thường vụ Quốc hội"), False),  # the standing committee makes ordinances, not laws
    ("Luật", _doc("Nghị quyết", "Quốc hội"), False),  # the right body, another kind
    ("Bộ luật", _doc("Luật", "Quốc hội"), True),  # a code is a law
    ("Nghị định", _doc("Nghị định", "Chính phủ"), True),  # decrees: the Government only
    ("Nghị định", _doc("Nghị định", "Thủ tướng Chính phủ"), False),  # the Prime Minister issues decisions, not decrees
    ("Thông tư", _doc("Thông tư liên tịch", "Bộ Tài chính - Bộ Y tế"), True),  # a joint circular is a circular
    ("Thông tư", _doc("Thông tư", "Sở Tài chính tỉnh Vĩnh Phúc", level="province"), False),  # only ministries
    ("Kế hoạch", _doc("Quyết định", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province"), True),  # the decision issuing a plan
    ("Kế hoạch", _doc("Công văn", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "province"), False),  # a dispatch is no plan
    ("Kết luận", _doc("Thông báo", "Tỉnh ủy Vĩnh Phúc", "province"), True),  # conclusions come as notices
    ("Văn bản", _doc("Thông tư", "Bộ Y tế"), True),  # "văn bản" says nothing about the kind
    ("Công văn", _doc("Kế hoạch", "Ủy ban nhân dân huyện Bình Xuyên", "district"), True),  # nor does "công văn"
    (None, _doc("Luật", "Quốc hội"), True),  # no type stated
    ("Luật", _doc(None, None, level=None), True),  # a candidate of unknown type and issuer is not ruled out
]


@pytest.mark.parametrize("stated,cand,fits", KINDS, ids=[f"{s}-{c.doc_type}-{c.issuer}" for s, c, _ in KINDS])
def test_kind_fits(stated, cand, fits):
    assert kind_fits(stated, cand) is fits


def test_a_law_reference_never_gets_a_circular_however_close():
    ref = Reference("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015", None, frozenset({"central"}), "Luật")
    citing = Citing("qd", "province", D(2021, 3, 1), 2021)
    circular = Candidate("tt", "24/2020/TT-BTC", "Thông tư", "Bộ Tài chính", "central", D(2020, 4, 1), 2020,
                         to_text=0.88, to_citing=0.88)
    law = Candidate("luat", "76/2015/QH13", "Luật", "Quốc hội", "central", D(2015, 6, 19), 2015,
                    to_text=0.80, to_citing=0.79)
    assert [r.candidate.id for r in rank_candidates(ref, citing, [circular, law])] == ["luat"]
