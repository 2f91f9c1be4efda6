"""The hand-written sample chain (samples/chain/) says what samples/README.md says it says."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from vanthu.archive.numbers import parse_number
from vanthu.vietnamese.text import fold

CHAIN = Path(__file__).resolve().parent.parent / "samples" / "chain"
D = dt.date

# file, issuer, number, type, date, numbers it cites — the table of samples/README.md.
SAMPLES = [
    ("central_chinh-phu_21-NQ-CP_2021-02-26.txt", "Chính phủ", "21/NQ-CP", "Nghị quyết",
     D(2021, 2, 26), set()),  # the centre: laws by name only
    ("central_chinh-phu_128-NQ-CP_2021-10-11.txt", "Chính phủ", "128/NQ-CP", "Nghị quyết",
     D(2021, 10, 11), {"21/NQ-CP"}),  # the seed of Tân Uyên cites it
    ("province_tinh-uy-vinh-phuc_325-CV-TU_2021-03-08.txt", "Tỉnh ủy Vĩnh Phúc", "325-CV/TU", "Công văn",
     D(2021, 3, 8), {"21/NQ-CP"}),  # Party chain, province
    ("province_ubnd-tinh-vinh-phuc_2296-KH-UBND_2021-03-15.txt", "Ủy ban nhân dân tỉnh Vĩnh Phúc",
     "2296/KH-UBND", "Kế hoạch", D(2021, 3, 15), {"21/NQ-CP", "325-CV/TU"}),  # state and Party above it
    ("province_ubnd-tinh-vinh-phuc_8252-UBND-KT5_2021-09-21.txt", "Ủy ban nhân dân tỉnh Vĩnh Phúc",
     "8252/UBND-KT5", "Công văn", D(2021, 9, 21), {"2296/KH-UBND"}),  # the seed of Bình Xuyên cites it
    ("district_huyen-uy-binh-xuyen_312-CV-HU_2021-03-19.txt", "Huyện ủy Bình Xuyên", "312-CV/HU", "Công văn",
     D(2021, 3, 19), {"325-CV/TU"}),  # Party chain, district
    ("district_ubnd-huyen-binh-xuyen_845-UBND-YT_2021-03-22.txt", "Ủy ban nhân dân huyện Bình Xuyên",
     "845/UBND-YT", "Công văn", D(2021, 3, 22), {"2296/KH-UBND", "312-CV/HU"}),  # shared number, 1 of 2
    ("district_ubnd-huyen-tam-duong_845-UBND-YT_2021-03-24.txt", "Ủy ban nhân dân huyện Tam Dương",
     "845/UBND-YT", "Công văn", D(2021, 3, 24), {"21/NQ-CP"}),  # shared number, 2 of 2; one ref unnumbered
    ("commune_dang-uy-xa-thien-ke_45-CV-DU_2021-03-23.txt", "Đảng ủy xã Thiện Kế", "45-CV/ĐU", "Công văn",
     D(2021, 3, 23), {"312-CV/HU"}),  # Party chain, commune
    ("commune_ubnd-xa-thien-ke_27-KH-UBND_2021-03-29.txt", "Ủy ban nhân dân xã Thiện Kế", "27/KH-UBND",
     "Kế hoạch", D(2021, 3, 29), {"845/UBND-YT", "45-CV/ĐU"}),  # shared commune number, 1 of 2
    ("commune_ubnd-xa-hoang-lau_27-KH-UBND_2021-03-31.txt", "Ủy ban nhân dân xã Hoàng Lâu", "27/KH-UBND",
     "Kế hoạch", D(2021, 3, 31), {"845/UBND-YT"}),  # shared commune number, 2 of 2; cites with no date
    ("commune_ubnd-xa-thien-ke_31-TB-UBND_2021-04-16.txt", "Ủy ban nhân dân xã Thiện Kế", "31/TB-UBND",
     "Thông báo", D(2021, 4, 16), {"27/KH-UBND"}),  # bottom of the chain; one ref unnumbered
]


def test_every_chain_file_is_in_the_table():
    assert sorted(p.name for p in CHAIN.glob("*.txt")) == sorted(row[0] for row in SAMPLES)


def test_the_readme_lists_every_sample(samples_dir):
    readme = (samples_dir / "README.md").read_text(encoding="utf-8")
    for path in sorted(samples_dir.glob("*/*.txt")):
        assert f"`{path.parent.name}/{path.name}`" in readme, path.name


@pytest.mark.parametrize("name, issuer, number, doc_type, date, cites", SAMPLES, ids=[r[0] for r in SAMPLES])
def test_file_name_number_and_date_agree(name, issuer, number, doc_type, date, cites):
    text = (CHAIN / name).read_text(encoding="utf-8")
    parts = parse_number(number)
    assert parts is not None and parts.doc_type in (doc_type, None)
    assert fold(number).replace("/", "-") in name and date.isoformat() in name
    assert re.search(rf"Số:? {re.escape(number)}\n", text)
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)  # Nghị định 30: 02 but 3
    assert f"ngày {date.day:02d} tháng {month} năm {date.year}" in text


@pytest.mark.parametrize("name, issuer, number, doc_type, date, cites", SAMPLES, ids=[r[0] for r in SAMPLES])
def test_cited_documents_are_earlier_samples(name, issuer, number, doc_type, date, cites):
    text = (CHAIN / name).read_text(encoding="utf-8")
    dates = {row[2]: [] for row in SAMPLES}
    for row in SAMPLES:
        dates[row[2]].append(row[4])
    for cited in cites:
        assert f"số {cited}" in text
        assert min(dates[cited]) < date  # a document cites only what was issued before it


def test_two_districts_share_845_and_two_communes_share_27():
    numbers = [row[2] for row in SAMPLES]
    assert numbers.count("845/UBND-YT") == 2 and numbers.count("27/KH-UBND") == 2


@pytest.mark.parametrize("name, issuer, number, doc_type, date, cites", SAMPLES, ids=[r[0] for r in SAMPLES])
def test_analyze_reads_the_chain(name, issuer, number, doc_type, date, cites):
    analyze = pytest.importorskip("vanthu.pipeline.analyze").analyze
    _, doc = analyze((CHAIN / name).read_text(encoding="utf-8"))
    assert (doc.number, doc.doc_type, doc.issuer, doc.date) == (number, doc_type, issuer, date)
    assert {c.number for c in doc.citations if c.number} == cites
