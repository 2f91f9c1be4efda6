"""`vanthu search` as a user runs it: output shapes, exit codes, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from vanthu.archive.store import Archive
from vanthu.index.fulltext import FullTextIndex, IndexDoc

DOCS = [
    IndexDoc(id="a", number="845/UBND-YT", doc_type="Công văn", issuer="Ủy ban nhân dân huyện Đức Thọ",
             issuer_level="district", date=dt.date(2021, 4, 2), year=2021, subject="tiêm vắc xin phòng Covid-19",
             body="Trung tâm Y tế huyện tổ chức tiêm vắc xin phòng Covid-19 cho người dân."),
    IndexDoc(id="b", number="27/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
             issuer_level="province", date=dt.date(2020, 12, 1), year=2020, subject="phòng chống thiên tai",
             body="Kế hoạch phòng chống thiên tai năm 2021."),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """An archive whose full-text index holds DOCS (search reads nothing else in text mode)."""
    root = tmp_path_factory.mktemp("archive")
    Archive.open(root).close()
    FullTextIndex.open(root / "fulltext").update(DOCS)
    return root


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
