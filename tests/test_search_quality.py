"""What users type, and the documents it must (and must not) rank at the top.

The index holds the five real seed dispatches (metadata from pipeline.analyze)
and short hand-written directives that isolate one difficulty each.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from vanthu.index.filters import Filters
from vanthu.index.engine import ENGINES, open_index
from vanthu.index.fulltext import IndexDoc
from vanthu.pipeline.analyze import analyze

D = dt.date

# Hand-written directives: (id, number, type, issuer, level, date, year, subject, body).
WRITTEN = [
    ("ma-tuy", "45/KH-UBND", "Kế hoạch", "Ủy ban nhân dân huyện Đức Thọ", "district", D(2023, 3, 10), 2023,
     "phòng, chống ma túy trên địa bàn huyện năm 2023",
     "Tuyên truyền phòng, chống ma túy, ma túy tổng hợp trong trường học; ma túy là hiểm họa; "
     "mỗi xã rà soát người nghiện ma túy, người sử dụng ma túy trái phép."),
    ("ma-dinh-danh", "1187/UBND-VP", "Công văn", "Ủy ban nhân dân tỉnh Hà Tĩnh", "province", D(2023, 5, 2), 2023,
     "cấp mã định danh điện tử cho công dân",
     "Công an tỉnh hướng dẫn công dân đăng ký mã định danh điện tử mức độ 2."),
    ("thuy-loi-old", "12/SNN-TL", "Công văn", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Nghệ An", "province",
     D(2022, 6, 1), 2022,
     "đảm bảo an toàn công trình thuỷ lợi mùa mưa lũ",  # old tone placement, as typed in many offices
     "Các đơn vị quản lý công trình thuỷ lợi kiểm tra hồ đập, hoà vào lưới cảnh báo chung của tỉnh."),
    ("hoa-giai-new", "7/KH-UBND", "Kế hoạch", "Ủy ban nhân dân xã Yên Hòa", "commune", D(2022, 9, 15), 2022,
     "tổ chức hòa giải ở cơ sở năm 2022",
     "Kiện toàn các tổ hòa giải ở thôn, xóm; bồi dưỡng kỹ năng hòa giải cho hòa giải viên."),
    ("nfd-stored", "31/TB-UBND", "Thông báo", "Ủy ban nhân dân huyện Hương Sơn", "district", D(2023, 8, 20), 2023,
     unicodedata.normalize("NFD", "tiêm vắc xin phòng bệnh dại cho chó, mèo"),
     unicodedata.normalize("NFD", "Trạm Thú y huyện tổ chức tiêm vắc xin phòng bệnh dại cho đàn chó, mèo.")),
    ("y-te", "845/UBND-YT", "Công văn", "Ủy ban nhân dân huyện Bình Xuyên", "district", D(2021, 8, 20), 2021,
     "tăng cường hoạt động của Trạm Y tế các xã",
     "Trạm Y tế các xã, thị trấn bố trí cán bộ trực 24/24 giờ; Y tế thôn báo cáo hằng ngày."),
    ("cites-845", "903/UBND-VP", "Công văn", "Ủy ban nhân dân huyện Bình Xuyên", "district", D(2021, 9, 2), 2021,
     "báo cáo kết quả thực hiện",
     "Thực hiện Công văn số 845/UBND-YT ngày 20/8/2021 của UBND huyện, các xã báo cáo kết quả."),
    ("phong-chong-together", "15/CT-UBND", "Chỉ thị", "Ủy ban nhân dân tỉnh Quảng Bình", "province",
     D(2020, 10, 5), 2020,
     "chủ động ứng phó bão lũ",
     "Chủ động phòng chống thiên tai, phòng chống bão lũ và tìm kiếm cứu nạn."),
    ("phong-chong-apart", "60/BC-UBND", "Báo cáo", "Ủy ban nhân dân huyện Lệ Thủy", "district", None, 2020,
     "kết quả công tác năm 2020",  # known only by its year
     "Phòng Tài chính - Kế hoạch tham mưu thực hành tiết kiệm, chống lãng phí; Phòng Nội vụ báo cáo."),
    ("y-kien", "18/TB-UBND", "Thông báo", "Ủy ban nhân dân xã Thạch Kim", "commune", D(2024, 1, 12), 2024,
     "ý kiến kết luận của Chủ tịch Ủy ban nhân dân xã",
     "Chủ tịch cho ý kiến về việc sửa chữa trường mầm non và đường giao thông nông thôn."),
    ("tinh-uy", "05-CT/TU", "Chỉ thị", "Tỉnh ủy Hà Tĩnh", "province", D(2021, 4, 1), 2021,
     "tăng cường sự lãnh đạo của Đảng đối với công tác an toàn giao thông",
     "Các cấp ủy, tổ chức đảng quán triệt công tác bảo đảm an toàn giao thông."),
]


def _seed_docs(seed_files) -> list[IndexDoc]:
    docs = []
    for path in seed_files:
        text, meta = analyze(path.read_text(encoding="utf-8"))
        docs.append(IndexDoc(
            id=path.stem.split("_")[0], number=meta.number, doc_type=meta.doc_type,
            issuer=meta.issuer, issuer_level=meta.issuer_level.value if meta.issuer_level else None,
            place=meta.place, date=meta.date, year=meta.year, signer=meta.signer, subject=meta.subject, body=text))
    return docs


@pytest.fixture(scope="module", params=ENGINES)
def index(request, tmp_path_factory, seed_files):
    """The same documents in each engine's index: every row below must pass on both."""
    ix = open_index(tmp_path_factory.mktemp("quality") / "fulltext", request.param)
    written = [IndexDoc(id=i, number=n, doc_type=t, issuer=iss, issuer_level=lv, date=d, year=y,
                        subject=subj, body=body, place=None, signer=None)
               for i, n, t, iss, lv, d, y, subj, body in WRITTEN]
    ix.rebuild(_seed_docs(seed_files) + written)
    return ix


@pytest.fixture(scope="module")
def ranked(index):
    searcher = index.searcher()
    yield lambda q, **kw: [h.id for h in searcher.search(q, limit=kw.pop("limit", 20), sort=kw.pop("sort", "relevance"),
                                                         filters=Filters(**kw)).results]
    searcher.close()


# (query, options, documents that must be in the top 3, document that must NOT rank first)
TABLE = [
    ("tiem vac xin", {}, ["nfd-stored", "ubnd-huyen-tan-uyen", "huyen-uy-tra-vinh"], None),  # unaccented finds accented
    ("tiêm vắc xin", {}, ["nfd-stored"], None),  # NFD-stored text is found by an NFC query
    (unicodedata.normalize("NFD", "bệnh dại"), {}, ["nfd-stored"], None),  # NFD query, NFD document
    ("mã", {}, ["ma-dinh-danh"], "ma-tuy"),  # exact diacritics first: "ma túy" ×6 must not win
    ("mã định danh", {}, ["ma-dinh-danh"], "ma-tuy"),  # same, several words
    ("ma túy", {}, ["ma-tuy"], "ma-dinh-danh"),  # and the other way round
    ("thủy lợi", {}, ["thuy-loi-old"], None),  # new tone placement finds a text typed "thuỷ lợi"
    ("thuỷ lợi", {}, ["thuy-loi-old"], None),  # old placement in the query
    ("hoà giải", {}, ["hoa-giai-new"], None),  # old placement finds "hòa giải"
    ("HÒA GIẢI", {}, ["hoa-giai-new"], None),  # capitals
    ("hoa giai", {}, ["hoa-giai-new"], None),  # no diacritics at all
    ("Y tế", {}, ["y-te"], None),  # one-letter syllable is a word, not a stop word
    ("trạm y tế", {}, ["y-te"], None),  # ... inside a longer query
    ("ý kiến", {}, ["y-kien"], None),  # one-letter syllable with a tone
    ("phong chong", {}, [], "phong-chong-apart"),  # scattered syllables do not win (see the test below)
    ('"phòng chống thiên tai"', {}, ["phong-chong-together"], None),  # quoted phrase
    ('"phong chong thien tai"', {}, ["phong-chong-together"], None),  # unaccented phrase
    ("845/UBND-YT", {}, ["y-te", "cites-845"], "cites-845"),  # a whole number: the document, then who cites it
    ("845/ubnd-yt", {}, ["y-te"], "cites-845"),  # lower case
    ("845/UBND - YT", {}, ["y-te"], "cites-845"),  # spaces around the hyphen
    ("845 / UBND-YT", {}, ["y-te"], "cites-845"),  # spaces around the slash
    ("288-CV/HU", {}, ["huyen-uy-xuan-truong"], None),  # Party number
    ("5-ct/tu", {}, ["tinh-uy"], None),  # Party number without the leading zero, lower case
    ("so:254/TUBND-VP", {}, ["ubnd-huyen-tan-uyen"], None),  # field syntax with a Vietnamese alias
    ("phong chong", {"doc_type": "chi thi"}, ["phong-chong-together"], None),  # folded type filter
    ("giao thông", {"doc_type": "Chỉ thị"}, ["tinh-uy"], "y-kien"),  # type filter removes the Thông báo
    ("giao thông", {"issuer": "tinh uy"}, ["tinh-uy"], "y-kien"),  # issuer words, folded
    ("phòng chống", {"level": "province"}, ["phong-chong-together"], None),  # level filter
    ("báo cáo", {"date_from": D(2021, 9, 1), "date_to": D(2021, 9, 30)}, ["cites-845"], "y-te"),  # date range
    ("tiết kiệm", {"date_from": D(2020, 6, 1), "date_to": D(2020, 6, 30)}, ["phong-chong-apart"], None),  # year only
    ("Covid", {"sort": "date"}, ["ubnd-huyen-tan-uyen"], None),  # newest first
    ("giao thông AND trường", {}, ["y-kien"], "tinh-uy"),  # AND syntax
    ("giao thông NOT trường", {}, ["tinh-uy"], "y-kien"),  # NOT syntax
    ("trichyeu:hòa", {}, ["hoa-giai-new"], None),  # field alias on the subject
    ("vắc*", {}, ["nfd-stored"], None),  # prefix
]


@pytest.mark.parametrize("query,options,top,not_first", TABLE, ids=[r[0] + str(r[1] or "") for r in TABLE])
def test_quality(ranked, query, options, top, not_first):
    got = ranked(query, **options)
    assert got, f"{query!r} found nothing"
    for doc_id in top:
        assert doc_id in got[:3], f"{query!r}: {doc_id} not in top 3 of {got[:5]}"
    if not_first:
        assert got[0] != not_first, f"{query!r}: {not_first} ranked first"


# Queries that must find nothing at all.
NOTHING = [
    ("ma túy", {"level": "commune"}),  # filter excludes the only match
    ("hòa giải", {"date_from": D(2023, 1, 1)}),  # after the document's date
    ("845/UBND-YT", {"doc_type": "Chỉ thị"}),  # right number, wrong type
    ("tàu vũ trụ", {}),  # words in no document
    ("mã", {"issuer": "Đức Thọ"}),  # "mã" only folds to the "ma túy" document there: folded matches still count
]


@pytest.mark.parametrize("query,options", NOTHING[:4])
def test_finds_nothing(index, query, options):
    with index.searcher() as s:
        assert s.search(query, filters=Filters(**options)).total == 0


def test_folded_match_is_kept_below_exact(ranked):
    """A folded-only match is still found (after the exact ones): "mã" in Đức Thọ finds "ma túy"."""
    query, options = NOTHING[4]
    assert ranked(query, **options) == ["ma-tuy"]


def test_adjacent_syllables_rank_above_scattered_ones(ranked):
    got = ranked("phòng chống")
    assert got.index("phong-chong-together") < got.index("phong-chong-apart")


def test_type_filter_keeps_only_that_type(index):
    with index.searcher() as s:
        results = s.search("Covid-19", filters=Filters(doc_type="CONG VAN"), limit=50).results
    assert results and {h.doc_type for h in results} == {"Công văn"}


def test_exact_matches_rank_above_every_folded_only_match(ranked):
    got = ranked("mã")
    assert got.index("ma-dinh-danh") < got.index("ma-tuy")  # both found, exact first
