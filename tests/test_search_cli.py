"""`vanthu search` as a user runs it: output shapes, exit codes, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from vanthu.archive.store import Archive
from vanthu.index.engine import ENGINES, open_index, record_engine
from vanthu.index.fulltext import IndexDoc

DOCS = [
    IndexDoc(id="a", number="845/UBND-YT", doc_type="Công văn", issuer="Ủy ban nhân dân huyện Đức Thọ",
             issuer_level="district", date=dt.date(2021, 4, 2), year=2021, subject="tiêm vắc xin phòng Covid-19",
             body="Trung tâm Y tế huyện tổ chức tiêm vắc xin phòng Covid-19 cho người dân."),
    IndexDoc(id="b", number="27/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
             issuer_level="province", date=dt.date(2020, 12, 1), year=2020, subject="phòng chống thiên tai",
             body="Kế hoạch phòng chống thiên tai năm 2021."),
    IndexDoc(id="c", number="12/TB-UBND", doc_type="Thông báo", issuer="Ủy ban nhân dân xã Thiện Kế",
             issuer_level="commune", date=dt.date(2021, 5, 3), year=2021, subject="tìm kiếm cứu nạn",
             body="Thông báo về công tác tìm kiếm cứu nạn trên địa bàn xã."),
]


def _archive(root, engine: str, docs: list[IndexDoc]):
    """An archive whose full-text index, of ``engine``, holds ``docs`` (search reads nothing else in text mode)."""
    store = Archive.open(root)
    with store.transaction():
        record_engine(store, engine)
    store.close()
    open_index(root / "fulltext", engine).update(docs)
    return root


@pytest.fixture(scope="module", params=ENGINES)
def archive(request, tmp_path_factory):
    """An archive of each engine: every command below answers alike on both."""
    return _archive(tmp_path_factory.mktemp("archive"), request.param, DOCS)


def test_json_output(archive, vanthu):
    code, out, _ = vanthu("search", "tiem vac xin", "--archive", str(archive), "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 1 and data["results"][0]["number"] == "845/UBND-YT"
    assert "«tiêm» «vắc» «xin»" in data["results"][0]["snippet"]


def test_table_output(archive, vanthu):
    code, out, _ = vanthu("search", "thiên tai", "--archive", str(archive), columns=200)
    assert code == 0 and "27/KH-UBND" in out and "«" not in out  # marks become highlights


def test_filters_and_dates_from_options(archive, vanthu):
    code, out, _ = vanthu("search", "phòng", "--archive", str(archive), "--json",
                       "--type", "ke hoach", "--from", "2020-12", "--to", "2020")
    assert code == 0 and [r["id"] for r in json.loads(out)["results"]] == ["b"]


def test_queries_file_gives_one_json_line_each_and_reports_bad_lines(archive, vanthu, tmp_path):
    queries = tmp_path / "so.txt"
    queries.write_text("845/ubnd-yt\n\n27/KH-UBND\n\"unclosed\n", encoding="utf-8")
    code, out, err = vanthu("search", "--queries", str(queries), "--archive", str(archive),
                         "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("total") for line in lines] == [1, 1, None]
    assert "unbalanced quote" in lines[2]["error"] and "so.txt:4" in err
    assert code == 2


NO_MATCH_AND_ERRORS = [
    (["search", "tiem vac xim"], 0, 'try: vanthu search "tiem vac xin"'),  # nothing found: says so, suggests
    (["search", "tiêm AND"], 2, "AND has nothing after it"),  # malformed query
    (["search", "tiêm", "--from", "hôm qua"], 2, "--from 'hôm qua' is not a date"),  # bad date
    (["search", "tiêm", "--mode", "semantic"], 1, "no document vectors yet"),  # semantic mode reads the vectors; this archive has none
    (["search"], 2, "give a QUERY or --queries FILE"),  # nothing to search
]


@pytest.mark.parametrize("args,code,message", NO_MATCH_AND_ERRORS)
def test_messages_and_exit_codes(archive, vanthu, args, code, message):
    got, _, err = vanthu(*args, "--archive", str(archive))
    assert got == code and message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_index_is_one_clear_line(tmp_path, vanthu):
    Archive.open(tmp_path).close()  # an archive without its full-text index
    code, _, err = vanthu("search", "tiêm", "--archive", str(tmp_path))
    assert code == 1 and "no full-text index" in err and "vanthu reindex" in err


def test_plain_search_imports_no_numerical_stack():
    import subprocess

    code = ("import sys; from vanthu.cli import app, search_cmd; from vanthu.index import search, fulltext; "
            "print(sorted(m for m in ('numpy', 'torch', 'sentence_transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# What a search says when it cannot answer or finds nothing (issue 13, item 11): one clear line
# naming the fields that can be searched, the filter that no document passes, or a query of the
# archive's own words that would find something.
FIELDS = "the fields that can be searched are number (so, sokyhieu), doc_type (loai, type), issuer (coquan"


MESSAGES = [
    (["date:2021"], 2, "cannot search by date: (dates are searched with --from and --to, or year:2021); " + FIELDS),
    # ^ a stored-only field: Whoosh's "STORED(format=None…) field has no format" before
    (["foo:bar"], 2, "cannot search by foo: (no such field); " + FIELDS),  # returned nothing, silently
    (["cơquan:\"Đức Thọ\""], 2, "cannot search by cơquan: (no such field)"),  # field names without diacritics
    (["tiêm", "--type", "Quyết định xyz"], 0,  # the filter is the cause, not the query
     "nothing found: no document has the type 'Quyết định xyz' (the types in the archive: Công văn, Kế hoạch, "
     "Thông báo)"),
    (["tiêm", "--issuer", "Hà Nội"], 0, "nothing found: no document's issuer has the words 'Hà Nội'"),
    (["tiêm", "--from", "2030"], 0, "nothing found: no document dated from 2030-01-01"),
    (["tiêm", "--type", "Kế hoạch", "--level", "commune"], 0,  # each filter alone finds some
     "nothing found: no document passes all the filters together"),
    (["tiêm", "--level", "province"], 0, "no document matches 'tiêm'"),  # the filter finds some: the query is why
    (["tim vac xin"], 0, 'try: vanthu search "tiem vac xin"'),  # "tim" is a word (tìm): only its company tells
    (["covid19"], 0, 'try: vanthu search "covid 19"'),  # written together
    (["tiem vac xim"], 0, 'try: vanthu search "tiem vac xin"'),  # not a word of the archive
]


@pytest.mark.parametrize("args, code, message", MESSAGES)
def test_one_clear_line(archive, vanthu, args, code, message):
    got, _, err = vanthu("search", *args, "--archive", str(archive))
    assert got == code and message in err, err
    assert len(err.strip().splitlines()) == 1 and "STORED" not in err


ISSUERS = [
    (['issuer:"UBND huyện Đức Thọ"'], ["a"]),  # as a user writes it: the archive stores "Ủy ban nhân dân"
    (['coquan:"ubnd huyen duc tho"'], ["a"]),  # folded, by its Vietnamese name
    (["tiêm", "--issuer", "UBND Đức Thọ"], ["a"]),  # the filter the same way
    (['issuer:"Đức Thọ"'], ["a"]),  # the README's form still works
]


@pytest.mark.parametrize("args, ids", ISSUERS)
def test_issuer_abbreviations_are_written_out(archive, vanthu, args, ids):
    code, out, err = vanthu("search", *args, "--archive", str(archive), "--json")
    assert code == 0, err
    assert [r["id"] for r in json.loads(out)["results"]] == ids


def test_json_names_the_cause(archive, vanthu):
    _, out, _ = vanthu("search", "tiêm", "--type", "Quyết định xyz", "--archive", str(archive), "--json")
    data = json.loads(out)
    assert data["total"] == 0 and data["cause"].startswith("no document has the type 'Quyết định xyz'")


MERGED = [
    IndexDoc(id="vp", number="2296/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Vĩnh Phúc",
             issuer_level="province", date=dt.date(2021, 3, 15), year=2021, subject="phòng, chống dịch",
             body="Kế hoạch phòng, chống dịch Covid-19 trên địa bàn tỉnh."),
    IndexDoc(id="pt", number="15/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Phú Thọ",
             issuer_level="province", date=dt.date(2025, 8, 4), year=2025, subject="phòng, chống dịch",
             body="Kế hoạch phòng, chống dịch bệnh truyền nhiễm năm 2025."),
    IndexDoc(id="ht", number="1124/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
             issuer_level="province", date=dt.date(2021, 5, 12), year=2021, subject="phòng, chống dịch",
             body="Kế hoạch phòng, chống dịch Covid-19."),
]


@pytest.mark.parametrize("issuer, ids", [
    ("Phú Thọ", ["pt", "vp"]),  # the 2025 province finds what tỉnh Vĩnh Phúc issued before it merged in
    ("UBND tỉnh Phú Thọ", ["pt", "vp"]),  # within a longer name too
    ("Vĩnh Phúc", ["vp"]),  # an old province finds only its own documents
    ("Hà Tĩnh", ["ht"]),  # a province that merged with none
])
@pytest.mark.parametrize("engine", ENGINES)
def test_a_2025_province_stands_for_the_provinces_merged_into_it(tmp_path, vanthu, engine, issuer, ids):
    _archive(tmp_path, engine, MERGED)
    code, out, err = vanthu("search", "phòng chống dịch", "--issuer", issuer, "--archive", str(tmp_path), "--json")
    assert code == 0, err
    assert sorted(r["id"] for r in json.loads(out)["results"]) == ids
