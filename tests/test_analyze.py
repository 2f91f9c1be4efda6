"""The analyze stage and `vanthu parse`: golden files for the five seeds, properties, the CLI contract.

The golden files in tests/golden/ were reviewed field by field against the seed texts (fields the
text does not state are null). After a deliberate change to the parser or the citation extractor,
rewrite them with ``VANTHU_UPDATE_GOLDEN=1 pytest tests/test_analyze.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.cli.app import main
from vanthu.pipeline.analyze import analyze

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples" / "seeds").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden"
KEYS = ["number", "doc_type", "issuer", "issuer_level", "parent_body", "place", "date", "year", "subject",
        "urgency", "recipients", "signer", "signer_title", "citations"]


def test_there_are_five_seeds_with_golden_files():
    assert len(SEEDS) == 5
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == [p.stem for p in SEEDS]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_matches_golden(seed):
    _, doc = analyze(seed.read_text(encoding="utf-8"))
    got = doc.to_json()
    golden = GOLDEN / f"{seed.stem}.json"
    if os.environ.get("VANTHU_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_binh_xuyen_is_designs_example():
    seed = next(p for p in SEEDS if "binh-xuyen" in p.name)
    _, doc = analyze(seed.read_text(encoding="utf-8"))
    got = doc.to_json()
    assert (got["number"], got["date"], got["year"]) == (None, None, 2021)  # blank số and day
    assert got["issuer"] == "Ủy ban nhân dân huyện Bình Xuyên" and got["issuer_level"] == "district"
    assert got["signer_title"] == "TL. Chủ tịch, KT. Chánh Văn phòng, Phó Chánh Văn phòng"
    assert got["recipients"][:2] == ["Các Phòng, ban thuộc UBND huyện", "Trung tâm Y tế huyện"]
    cite = got["citations"][0]
    assert (cite["number"], cite["issuer"], cite["relation"]) == (
        "8252/UBND-KT5", "Ủy ban nhân dân tỉnh Vĩnh Phúc", "implements")  # "UBND tỉnh" via the gazetteer


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_offsets_point_at_evidence(seed):
    text, doc = analyze(seed.read_text(encoding="utf-8"))
    for cite in doc.citations:
        assert text[cite.start:cite.end] == cite.text


UNSEEN = """ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH HÀ TĨNH Độc lập - Tự do - Hạnh phúc
Số: 1520/QĐ-UBND Hà Tĩnh, ngày 05/8/2021

QUYẾT ĐỊNH
Về việc thành lập Tổ công tác đặc biệt phòng, chống dịch Covid-19

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ;
Căn cứ Công văn số 845/UBND-YT ngày 02/8/2021 của UBND tỉnh;

QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ công tác.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Đặng Ngọc Sơn
"""


def test_unseen_decision_of_a_province():
    text, doc = analyze(UNSEEN)
    assert (doc.number, doc.doc_type, doc.place, doc.date.isoformat()) == (
        "1520/QĐ-UBND", "Quyết định", "Hà Tĩnh", "2021-08-05")
    assert (doc.issuer, doc.issuer_level.value) == ("Ủy ban nhân dân tỉnh Hà Tĩnh", "province")
    assert doc.subject == "thành lập Tổ công tác đặc biệt phòng, chống dịch Covid-19"
    assert (doc.signer, doc.signer_title) == ("Đặng Ngọc Sơn", "KT. Chủ tịch, Phó Chủ tịch")
    issuers = {c.number: c.issuer for c in doc.citations if c.number}
    assert issuers.get("845/UBND-YT") == "Ủy ban nhân dân tỉnh Hà Tĩnh"  # own province
    assert issuers.get("16/CT-TTg") == "Thủ tướng Chính phủ"
    assert "1520/QĐ-UBND" not in issuers  # its own number is no citation


COMMUNE = """ỦY BAN NHÂN DÂN
XÃ NGỌC HÒA
Số: 85/UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Ngọc Hòa, ngày 20 tháng 4 năm 2020

V/v thành lập Tổ công nghệ số cộng đồng

Kính gửi: Trưởng các thôn trên địa bàn xã

Thực hiện chỉ đạo của UBND thành phố tại Công văn số 403/UBND-VX ngày 16/1/2020 về việc thành lập \
Tổ công nghệ số cộng đồng; thực hiện Văn bản số 2955/UBND-VHTT ngày 6/11/2019 của UBND huyện; thực hiện \
Văn bản số 2240-CV/HU ngày 6/1/2020 của Thường trực Huyện ủy và Công văn số 105-CV/ĐU ngày 10/4/2020 \
của Đảng ủy; tiếp theo Công văn số 32/UBND ngày 5/3/2020 của UBND xã, UBND xã đề nghị các thôn thực hiện \
tốt một số nội dung sau.

Nơi nhận:
- Như trên;
{reports_to}- Đảng ủy, HĐND xã (b/c);
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Bình
"""


@pytest.mark.parametrize("reports_to", ["", "- UBND huyện Chương Mỹ (b/c);\n"],
                         ids=["superiors-by-unit-word", "noi-nhan-names-the-district"])
def test_commune_names_its_superiors_in_full(reports_to):
    """Two communes are called Ngọc Hòa; "UBND thành phố" (or Nơi nhận) says which: Chương Mỹ, Hà Nội.

    Each cited issuer is the body that numbers the document: the standing board's letter is the
    Huyện ủy's; the evidence keeps the words as written.
    """
    text, doc = analyze(COMMUNE.replace("{reports_to}", reports_to))
    assert doc.issuer == "Ủy ban nhân dân xã Ngọc Hòa"
    got = {c.number: (c.issuer, c.relation.value) for c in doc.citations}
    assert got == {
        "403/UBND-VX": ("Ủy ban nhân dân thành phố Hà Nội", "implements"),  # issuer written before the number
        "2955/UBND-VHTT": ("Ủy ban nhân dân huyện Chương Mỹ", "implements"),
        "2240-CV/HU": ("Huyện ủy Chương Mỹ", "implements"),  # "Thường trực Huyện ủy"
        "105-CV/ĐU": ("Đảng ủy xã Ngọc Hòa", "implements"),  # the commune's own Party committee
        "32/UBND": ("Ủy ban nhân dân xã Ngọc Hòa", "mentions"),  # "tiếp theo": a follow-up
    }
    evidence = {c.number: c.text for c in doc.citations}
    assert evidence["403/UBND-VX"].startswith("chỉ đạo của UBND thành phố tại Công văn số 403/UBND-VX")
    assert evidence["2240-CV/HU"].endswith("của Thường trực Huyện ủy")
    for cite in doc.citations:
        assert text[cite.start:cite.end] == cite.text


def test_analyze_pickles_for_worker_processes():
    assert pickle.loads(pickle.dumps(analyze)) is analyze


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_analyze_never_raises_and_offsets_hold(raw):
    text, doc = analyze(raw)
    for cite in doc.citations:
        assert text[cite.start:cite.end] == cite.text


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SEEDS), st.integers(0, 4000), st.integers(0, 4000))
def test_analyze_never_raises_on_cut_seeds(seed, a, b):
    raw = seed.read_text(encoding="utf-8")
    analyze(raw[min(a, b):max(a, b)])


# The command line ------------------------------------------------------------------------------


def run_cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["vanthu", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_cli_json_is_the_golden_contract(seed, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "parse", "--json", str(seed))
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == KEYS  # every key, in DESIGN's order
    assert data == json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))
    assert unicodedata.is_normalized("NFC", out)


def test_cli_summary_is_readable(monkeypatch, capsys):
    seed = next(p for p in SEEDS if "mai-son" in p.name)
    code, out, _ = run_cli(monkeypatch, capsys, "parse", str(seed))
    assert code == 0
    assert "Ủy ban nhân dân huyện Mai Sơn" in out and "1367-CV/HU" in out and "Khẩn" in out


def test_cli_missing_file(monkeypatch, capsys, tmp_path):
    code, out, err = run_cli(monkeypatch, capsys, "parse", str(tmp_path / "khong-co.txt"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no such file" in err


def test_cli_directory(monkeypatch, capsys, tmp_path):
    code, _, err = run_cli(monkeypatch, capsys, "parse", str(tmp_path))
    assert code == 2 and "directory" in err and "Traceback" not in err


def test_cli_binary_file(monkeypatch, capsys, tmp_path):
    path = tmp_path / "anh.txt"
    path.write_bytes(bytes(range(256)) * 20)
    code, out, err = run_cli(monkeypatch, capsys, "parse", str(path))
    assert code in (1, 2) and out == ""
    assert err.startswith("vanthu: ") and err.count("\n") == 1 and "Traceback" not in err


def test_cli_reads_docx_through_the_readers(monkeypatch, capsys, tmp_path):
    from docx import Document as Docx

    seed = next(p for p in SEEDS if "mai-son" in p.name)
    docx = Docx()
    for line in seed.read_text(encoding="utf-8").split("\n"):
        docx.add_paragraph(line.replace("*", ""))
    path = tmp_path / "cong-van.docx"
    docx.save(path)
    code, out, err = run_cli(monkeypatch, capsys, "parse", "--json", str(path))
    assert code == 0, err
    data = json.loads(out)
    golden = json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))
    for key in KEYS[:-1]:  # the metadata; citation offsets depend on the reader's line breaks
        assert data[key] == golden[key], key
    assert [c["number"] for c in data["citations"]] == [c["number"] for c in golden["citations"]]


def test_cli_empty_file(monkeypatch, capsys, tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    code, out, err = run_cli(monkeypatch, capsys, "parse", str(path))
    assert code == 1 and out == "" and err.count("\n") == 1


# A commune's "UBND tỉnh" before and after the reform of 1 July 2025: the same words, two provinces.
BINH_XUYEN_COMMUNE = """ỦY BAN NHÂN DÂN
XÃ BÌNH XUYÊN
Số: 41/UBND-VP

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Bình Xuyên, ngày {date}

V/v triển khai thu thập dữ liệu dân cư

Thực hiện Công văn số 2211/UBND-NC ngày 2/6/{year} của UBND tỉnh về việc làm sạch dữ liệu, \
UBND xã đề nghị các thôn thực hiện.
"""


@pytest.mark.parametrize("date, year, province", [
    ("15 tháng 9 năm 2025", 2025, "Phú Thọ"),  # two-level map: xã Bình Xuyên lies in the merged Phú Thọ
    ("15 tháng 3 năm 2025", 2025, "Hải Dương"),  # before July: the old map's two xã Bình Xuyên, both of Hải Dương
])
def test_a_communes_province_follows_the_documents_date(date, year, province):
    _, doc = analyze(BINH_XUYEN_COMMUNE.format(date=date, year=year))
    assert (doc.issuer, doc.issuer_level.value) == ("Ủy ban nhân dân xã Bình Xuyên", "commune")
    cited = {c.number: c.issuer for c in doc.citations}
    assert cited["2211/UBND-NC"] == f"Ủy ban nhân dân tỉnh {province}"
