"""Two full-text engines, one archive: the same tokens, the engine chosen and recorded per archive,
switched by reindex, checked and repaired, and a killed tantivy writer leaving a readable index."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.archive.store import Archive
from vanthu.index.analysis import SLOT_FILLER, exact_analyzer, slot_text, syllables, text_analyzer
from vanthu.index.engine import archive_engine, open_index
from vanthu.index.fulltext import IndexDoc
from vanthu.index.sync import fulltext_status
from vanthu.pipeline.check import check_archive
from vanthu.pipeline.ingest import ingest


def _whoosh_slots(text: str) -> list[tuple[int, str]]:
    """(position, token) of Whoosh's text analyzer: what tantivy's slots must reproduce."""
    return [(t.pos, t.text) for t in text_analyzer()(text, positions=True)]


def _tantivy_slots(text: str) -> list[tuple[int, str]]:
    """slot_text read back as (syllable position, token), the filler left out."""
    return [(i // 2, tok) for i, tok in enumerate(slot_text(text).split()) if tok != SLOT_FILLER]


# (text, why the two analyses must agree on it)
SAME_TOKENS = [
    ("Trạm Y tế và an toàn thuỷ lợi", "one-letter syllables, old tone placement"),
    (unicodedata.normalize("NFD", "tiêm vắc xin phòng bệnh dại"), "text stored decomposed"),
    ("Công văn số 845/UBND-YT ngày 20/8/2021", "numbers and punctuation between syllables"),
    ("ĐỒNG THÁP, Đắk Lắk; Covid-19", "capitals, đ, letters and digits together"),
    ("họ và tên: ________ ký tên", "blanks of forms are no tokens"),
]


@pytest.mark.parametrize("text,why", SAME_TOKENS, ids=[w for _, w in SAME_TOKENS])
def test_tantivy_indexes_the_tokens_of_whooshs_analyzer(text, why):
    assert set(_tantivy_slots(text)) == set(_whoosh_slots(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_slots_and_the_analyzer_agree_on_any_text(text):
    assert set(_tantivy_slots(text)) == set(_whoosh_slots(text))
    assert syllables(text) == [t.text for t in exact_analyzer()(text)]


# -- the engine of an archive ---------------------------------------------------------------------


@pytest.fixture
def tantivy_archive(tmp_path, samples_dir, vanthu):
    root = tmp_path / "archive"
    code, _, err = vanthu("import", str(samples_dir / "seeds"), "--engine", "tantivy", "--no-embed",
                          "--archive", str(root))
    assert code == 0, err
    return root


def test_import_with_engine_records_it_and_search_uses_it(tantivy_archive, vanthu):
    code, out, _ = vanthu("stats", "--json", "--archive", str(tantivy_archive))
    assert code == 0 and json.loads(out)["fulltext_engine"] == "tantivy"
    assert (tantivy_archive / "fulltext" / "meta.json").exists()  # tantivy's, not Whoosh's table of contents
    code, out, _ = vanthu("search", "phong chong dich", "--json", "--archive", str(tantivy_archive))
    assert code == 0 and json.loads(out)["total"] > 0


def test_import_refuses_the_other_engine_on_an_archive_with_documents(tantivy_archive, samples_dir, vanthu):
    code, _, err = vanthu("import", str(samples_dir / "seeds"), "--engine", "whoosh", "--no-embed",
                          "--archive", str(tantivy_archive))
    assert code == 2 and "reindex --engine whoosh" in err and "Traceback" not in err
    code, _, err = vanthu("import", str(samples_dir / "seeds"), "--engine", "tantivy", "--no-embed",
                          "--archive", str(tantivy_archive))
    assert code == 0, err  # the engine it already uses: nothing to refuse


def test_reindex_switches_engine_and_search_answers_the_same(tantivy_archive, vanthu):
    queries = ["phong chong dich", "tiêm vắc xin", '"ủy ban nhân dân"', "1367-CV/HU"]

    def answers():
        out = []
        for q in queries:
            code, text, err = vanthu("search", q, "--json", "--limit", "20", "--archive", str(tantivy_archive))
            assert code == 0, err
            data = json.loads(text)
            out.append((data["total"], sorted(r["id"] for r in data["results"])))
        return out

    before = answers()
    code, out, err = vanthu("reindex", "--engine", "whoosh", "--json", "--archive", str(tantivy_archive))
    assert code == 0 and json.loads(out)["fulltext"] == 5, err
    with Archive.open(tantivy_archive) as arc:
        assert archive_engine(arc) == "whoosh" and fulltext_status(arc).ok
    assert answers() == before  # the same documents found by the other engine
    code, _, err = vanthu("reindex", "--engine", "elastic", "--archive", str(tantivy_archive))
    assert code == 2 and "one of: whoosh, tantivy" in err


# (query, filters, why) for what a facet counts: every document the search finds, and only those
MATCHING = [
    ("phong chong dich", {}, "plain words without diacritics"),
    ("tiêm vắc xin", {}, "with diacritics: the folded matches too, as the search counts them"),
    ('"ủy ban nhân dân"', {}, "a phrase"),
    ("1367-CV/HU", {}, "a number"),
    ("covid OR dịch", {"level": "district"}, "syntax, within a filter"),
    ("ủy ban", {"date_from": "2021-09"}, "a date filter"),
    ("quywxz", {}, "nothing found: no ids"),
]


def test_matching_ids_are_what_the_search_finds_on_both_engines(tantivy_archive, vanthu):
    from vanthu.index.filters import Filters

    def answers(engine):
        with Archive.open(tantivy_archive) as arc, open_index(arc.fulltext_dir, engine, create=False).searcher() as s:
            out = []
            for query, options, _ in MATCHING:
                filters = Filters.from_options(**options)
                found = s.search(query, limit=50, filters=filters)
                ids = s.matching_ids(query, filters)
                assert sorted(ids) == sorted(h.id for h in found.results) and len(ids) == found.total, query
                assert len(s.matching_ids(query, filters, cap=1)) == min(1, found.total)  # the cap holds
                out.append(sorted(ids))
            return out

    tantivy = answers("tantivy")
    assert any(tantivy) and not tantivy[-1]
    code, _, err = vanthu("reindex", "--engine", "whoosh", "--archive", str(tantivy_archive))
    assert code == 0, err
    assert answers("whoosh") == tantivy  # both engines count the same documents


def test_check_repairs_a_damaged_tantivy_index(tantivy_archive):
    with Archive.open(tantivy_archive) as arc:
        index = open_index(arc.fulltext_dir, "tantivy")
        index.update([], remove_ids=sorted(index.ids())[:2])  # the index lost two documents
        report = check_archive(arc)
        (finding,) = [f for f in report.findings if f.check == "fulltext"]
        assert not report.ok and "2" in finding.detail
        assert check_archive(arc, repair=True).ok
        (arc.fulltext_dir / "meta.json").write_text("{garbled", encoding="utf-8")  # its table of contents broken
        assert not check_archive(arc).ok
        assert check_archive(arc, repair=True).ok and fulltext_status(arc).ok


_WRITER = """
import sys, time
from vanthu.index.engine import open_index
from vanthu.index.fulltext import IndexDoc
ix = open_index(sys.argv[1], "tantivy")
n = 0
while True:
    ix.update([IndexDoc(id=f"d{n + i}", subject="kế hoạch", body="Triển khai tiêm vắc xin " * 50) for i in range(200)])
    n += 200
    print(n, flush=True)
"""


def test_a_killed_writer_leaves_the_last_commit_readable(tmp_path):
    path = tmp_path / "fulltext"
    open_index(path, "tantivy").update([IndexDoc(id="first", body="Văn bản đầu tiên")])
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    committed = int(proc.stdout.readline())  # at least one commit of 200 landed
    time.sleep(0.3)  # and the next is being written
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    index = open_index(path, "tantivy", create=False)
    count = index.doc_count()
    assert count >= committed + 1 and (count - 1) % 200 == 0  # whole commits only
    with index.searcher() as s:
        assert s.search("tiêm vắc xin").total == count - 1
    index.update([IndexDoc(id="after", body="Sau khi khôi phục")])  # the lock died with the writer
    assert "after" in index.ids()
    shutil.rmtree(path)


def test_doctests_of_the_slots_and_the_yardstick():
    import doctest

    import benchmarks.fts5
    import vanthu.index.analysis

    assert doctest.testmod(vanthu.index.analysis).failed == 0
    assert doctest.testmod(benchmarks.fts5).failed == 0


def test_the_three_engines_of_the_benchmark_find_the_same_documents(tmp_path):
    """The side-by-side figures compare like with like: accent-free words and phrases, the same matches."""
    from benchmarks.fts5 import Fts5Index
    from benchmarks.search_speed import directive_docs

    docs = list(directive_docs(60))
    fts5 = Fts5Index(tmp_path / "fts5.db")
    fts5.rebuild(docs)
    for engine in ("whoosh", "tantivy"):
        index = open_index(tmp_path / engine, engine)
        index.rebuild(docs)
        with index.searcher() as ours, fts5.searcher() as theirs:
            for query in ("uy ban nhan dan", '"bao cao"', "thue", "ke hoach"):
                assert ours.search(query).total == theirs.search(query)[0], (engine, query)
