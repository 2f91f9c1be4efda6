"""The index API: updates, rebuilds, ids, locking, query errors, snippets, suggestions, JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanthu.archive.errors import ArchiveBusy, ArchiveError, BadInput
from vanthu.index.engine import ENGINES, open_index
from vanthu.index.fulltext import FullTextIndex, IndexDoc
from vanthu.index.filters import Filters
from vanthu.index.results import make_snippet, snippet_parts

DOCS = [
    IndexDoc(id="a", number="27/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
             issuer_level="province", date=dt.date(2021, 3, 12), year=2021,
             subject="triển khai tiêm vắc xin phòng Covid-19",
             body="Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai tiêm vắc xin phòng Covid-19 năm 2021."),
    IndexDoc(id="b", number="845/UBND-YT", doc_type="Công văn", issuer="Ủy ban nhân dân huyện Đức Thọ",
             issuer_level="district", date=dt.date(2021, 4, 2), year=2021,
             subject="thực hiện Kế hoạch 27/KH-UBND",
             body="Thực hiện Kế hoạch số 27/KH-UBND của UBND tỉnh, Trung tâm Y tế huyện tổ chức tiêm vắc xin."),
    IndexDoc(id="c", body="Biên bản họp không có số, không có ngày."),  # nothing but a body
]


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    """Each full-text engine: every test of the index API below holds for both."""
    return request.param


@pytest.fixture()
def index(tmp_path, engine):
    ix = open_index(tmp_path / "fulltext", engine)
    ix.update(DOCS)
    return ix


def search(index, query, limit=10, sort="relevance", **filters):
    """One query through the full-text engine: the text mode of ``vanthu.index.search.search``."""
    with index.searcher() as searcher:
        return searcher.search(query, limit=limit, filters=Filters(**filters), sort=sort)


def ids(results):
    return [h.id for h in results.results]


def test_update_adds_replaces_and_removes(index):
    assert index.ids() == {"a", "b", "c"}
    index.update([IndexDoc(id="c", subject="biên bản bàn giao", body="Bàn giao hồ sơ lưu trữ.")], remove_ids=["a"])
    assert index.ids() == {"b", "c"}
    assert ids(search(index, "bàn giao")) == ["c"]
    assert search(index, "Biên bản họp").total == 0  # the replaced version is gone
    assert search(index, "tiêm vắc xin").total == 1  # the removed one too


def test_rebuild_replaces_everything(index):
    assert index.rebuild([DOCS[0]]) == 1
    assert index.ids() == {"a"}
    assert not (index.path.parent / "fulltext.rebuild").exists()


def test_reopen_sees_committed_documents(index, engine):
    again = open_index(index.path, engine, create=False)
    assert again.ids() == {"a", "b", "c"}


def test_open_missing_without_create_is_an_archive_error(tmp_path, engine):
    with pytest.raises(ArchiveError, match="no full-text index"):
        open_index(tmp_path / "nothing", engine, create=False)


def _old_whoosh(path) -> None:
    from whoosh import fields, index

    index.create_in(str(path), fields.Schema(id=fields.ID(stored=True, unique=True), body=fields.TEXT()))


def _old_tantivy(path) -> None:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True)
    tantivy.Index(builder.build(), path=str(path))


@pytest.mark.parametrize("engine,make_old", [("whoosh", _old_whoosh), ("tantivy", _old_tantivy)])
def test_an_index_of_another_schema_must_be_rebuilt(tmp_path, engine, make_old):
    path = tmp_path / "fulltext"
    path.mkdir()
    make_old(path)  # an index with other fields, as an older vanthu might have left
    old = open_index(path, engine, create=False)
    assert old.outdated
    for use in (lambda: old.update([DOCS[0]]), lambda: search(old, "tiêm")):
        with pytest.raises(ArchiveError, match="vanthu reindex"):
            use()
    old.rebuild(DOCS)
    assert not old.outdated and search(old, "tiêm").total == 2


def test_a_second_writer_gets_archive_busy(index):
    holder = index._ix.writer()  # another writer holds the engine's lock
    try:
        with pytest.raises(ArchiveBusy, match="being written"):
            index.update([DOCS[2]])
    finally:
        if hasattr(holder, "cancel"):
            holder.cancel()
        else:
            holder.rollback()
            del holder  # tantivy releases its lock when the writer goes
    index.update([DOCS[2]])  # and once it is released, writing works again


def test_a_failed_update_commits_nothing(index):
    def docs():
        yield IndexDoc(id="d", body="Văn bản mới")
        raise RuntimeError("reader crashed")

    with pytest.raises(RuntimeError):
        index.update(docs())
    assert index.ids() == {"a", "b", "c"}
    index.update([IndexDoc(id="d", body="Văn bản mới")])  # the lock was released
    assert "d" in index.ids()


BAD_QUERIES = [
    ('"tiêm vắc xin', "unbalanced quote"),  # quote never closed
    ("(tiêm OR vắc", "parenthesis"),  # parenthesis never closed
    ("tiêm )", "parenthesis"),  # closing without opening
    ("tiêm vắc xin AND", "nothing after"),  # dangling AND
    ("OR tiêm", "nothing before"),  # leading OR
    ("tiêm AND OR vắc", "nothing"),  # two operators in a row
    ("NOT", "nothing after"),  # NOT alone
    ("... ,,, !!!", "no words"),  # only punctuation
    ("   ", "empty"),  # only spaces
    ("tiêm\x00vắc", "control character"),  # NUL from a broken file
    ("tiêm \x1b[31m", "control character"),  # terminal escape
    ("vắc xin " * 200, "too long"),  # huge
]


@pytest.mark.parametrize("query,reason", BAD_QUERIES)
def test_malformed_queries_are_bad_input(index, query, reason):
    with pytest.raises(BadInput, match=reason):
        search(index, query)


BAD_OPTIONS = [
    ({"level": "village"}, "unknown level"),  # not an administrative level
    ({"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2021, 1, 1)}, "after"),  # empty range
    ({"sort": "size"}, "unknown sort"),  # no such order
    ({"limit": 0}, "at least 1"),  # nothing asked for
    ({"issuer": "..."}, "no words"),  # issuer filter of punctuation
]


@pytest.mark.parametrize("options,reason", BAD_OPTIONS)
def test_bad_options_are_bad_input(index, options, reason):
    with pytest.raises(BadInput, match=reason):
        search(index, "tiêm", **options)


def test_sort_by_date_puts_newest_first_and_undated_last(index):
    assert ids(search(index, "không OR tiêm", sort="date")) == ["b", "a", "c"]


def test_plain_words_across_segments_and_deletions_sort_by_date(index):
    """Each update adds a segment; docnums, deletions and the date column must line up across them."""
    index.update([IndexDoc(id="e", date=dt.date(2022, 1, 5), body="Đợt tiêm vắc xin mới.")])
    index.update([IndexDoc(id="f", date=dt.date(2019, 1, 5), body="Tiêm vắc xin năm cũ.")], remove_ids=["b"])
    assert ids(search(index, "tiêm vắc xin", sort="date")) == ["e", "a", "f"]
    assert sorted(ids(search(index, "tiêm vắc xin"))) == ["a", "e", "f"]


def test_snippet_marks_matches_in_the_original_spelling(index):
    hit = search(index, "tiem vac xin").results[0]
    assert "«tiêm» «vắc» «xin»" in hit.snippet
    assert [text for text, matched in snippet_parts(hit.snippet) if matched][:3] == ["tiêm", "vắc", "xin"]


def test_snippet_of_a_long_text_is_a_window_around_the_matches():
    text = "Mở đầu. " * 200 + "Đề nghị tiêm vắc xin đủ liều." + " Kết thúc." * 200
    snippet = make_snippet(text, frozenset({"tiem", "vac", "xin"}))
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "«tiêm» «vắc» «xin»" in snippet and len(snippet) < 300


def test_snippet_escapes_guillemets_of_the_text():
    assert make_snippet("Cụm từ «tiêm chủng» mở rộng", frozenset({"tiem"})) == 'Cụm từ "«tiêm» chủng" mở rộng'


def test_json_shape_follows_design(index):
    out = search(index, "845/UBND-YT").to_json()
    assert set(out) == {"query", "total", "results"}
    assert out["results"][0] == {**out["results"][0], "id": "b", "number": "845/UBND-YT", "doc_type": "Công văn",
                                 "issuer": "Ủy ban nhân dân huyện Đức Thọ", "date": "2021-04-02",
                                 "subject": "thực hiện Kế hoạch 27/KH-UBND"}
    json.dumps(out, ensure_ascii=False)


def test_number_query_ranks_the_document_before_those_citing_it(index):
    assert ids(search(index, "27/kh-ubnd")) == ["a", "b"]


SUGGESTIONS = [
    ("tiem vac xim", "tiem vac xin"),  # a typo: the nearest word of the index
    ("tiêm vắc xin ngựa vằn", "tiêm vắc xin"),  # words no document holds are dropped
    ("tiêm biên bản", "tiêm OR biên OR bản"),  # every word exists, never together: any of them
]


@pytest.mark.parametrize("query,suggestion", SUGGESTIONS)
def test_no_match_suggests_a_looser_query(index, query, suggestion):
    results = search(index, query)
    assert results.total == 0 and results.suggestion == suggestion
    assert search(index, suggestion).total > 0
    assert results.to_json()["suggestion"] == suggestion



@pytest.mark.parametrize("query,filters,suggestion", [
    ("tiêm biên bản", {"level": "district"}, "tiêm OR biên OR bản"),  # b is the one district document; it holds "tiêm"
    ("tiêm biên bản", {"level": "commune"}, None),  # no commune document: no looser query can find one
    ("họp không", {"level": "province"}, None),  # only c holds these words, and c has no level
])
def test_a_suggestion_finds_something_within_the_filters(index, query, filters, suggestion):
    results = search(index, query, **filters)
    assert results.total == 0 and results.suggestion == suggestion
    if suggestion:
        assert search(index, suggestion, **filters).total > 0


def test_no_suggestion_is_sought_when_not_asked_for(index):
    with index.searcher() as s:
        assert s.search("tiem vac xim", suggest=False).suggestion is None
        assert s.search("tiem vac xim").suggestion == "tiem vac xin"


def test_one_searcher_answers_many_queries(index):
    with index.searcher() as s:
        totals = [s.search(q).total for q in ("tiêm", "845/UBND-YT", "biên bản")]
    assert totals == [2, 1, 1]


_VIETNAMESE = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđ ̣̀́̉̃bcdghklmnpqrstvx ,.-/\"()*:ÀÁẠỦỨỪĐ")),
                      max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(_VIETNAMESE, st.text(max_size=80)))
def test_any_query_either_answers_or_is_bad_input(index, query):
    try:
        results = search(index, query, limit=3)
    except BadInput as err:
        assert str(err)
    else:
        assert results.total >= len(results.results)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(st.text(max_size=200), min_size=1, max_size=8))
@pytest.mark.parametrize("engine", ENGINES)
def test_indexing_never_loses_a_document(tmp_path_factory, engine, bodies):
    ix = open_index(tmp_path_factory.mktemp("prop") / "fulltext", engine)
    ix.update([IndexDoc(id=f"d{i}", subject=b[:20] or None, body=b) for i, b in enumerate(bodies)])
    assert ix.ids() == {f"d{i}" for i in range(len(bodies))}


# -- parallel writers ---------------------------------------------------------------------------


def _many(n: int) -> list[IndexDoc]:
    return [IndexDoc(id=f"d{i:04d}", subject=f"kế hoạch số {i}", body=f"Triển khai nhiệm vụ số {i} về tiêm vắc xin.")
            for i in range(n)]


def test_documents_of_a_writer_process_that_died_are_written_again(tmp_path, monkeypatch):
    # Whoosh's parallel commit goes on without the segment of a writer process that died (it waits
    # one second for it); update() must notice and write those documents again, in one writer.
    from vanthu.index import parallel

    created, real_init, real_process = [], parallel._SubWriter.__init__, parallel._SubWriter._process_file

    def init(self, *args):
        real_init(self, *args)
        created.append(self)
        self.doomed = len(created) == 2

    def process(self, filename, count):
        real_process(self, filename, count)
        if self.doomed:
            os._exit(1)  # dies holding the documents of the batch it just analysed

    monkeypatch.setattr(parallel._SubWriter, "__init__", init)
    monkeypatch.setattr(parallel._SubWriter, "_process_file", process)
    ix = FullTextIndex.open(tmp_path / "fulltext")
    assert ix.update(_many(600), procs=2) == 600
    assert len(created) == 2 and ix.doc_count() == 600
    assert ix.ids() == {d.id for d in _many(600)}


def test_writer_processes_die_with_a_killed_parent(tmp_path):
    # Whoosh's own wait forever on their job queue: a SIGKILLed import would leave them behind.
    code = (
        "import sys\n"
        "from vanthu.index.fulltext import FullTextIndex, IndexDoc\n"
        "docs = [IndexDoc(id=str(i), body='tiêm vắc xin ' * 2000) for i in range(3000)]\n"
        f"ix = FullTextIndex.open({str(tmp_path / 'fulltext')!r})\n"
        "print('ready', flush=True)\n"
        "ix.update(docs, procs=2)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "ready"
    children: list[str] = []
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline:
        children = subprocess.run(["pgrep", "-P", str(parent.pid)], capture_output=True, text=True).stdout.split()
        time.sleep(0.05)
    assert len(children) == 2, "the parallel writer started no processes"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{c}") for c in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [c for c in children if os.path.exists(f"/proc/{c}")]
    for c in alive:
        os.kill(int(c), signal.SIGKILL)
    assert not alive


def test_without_posix_semaphores_one_writer_does_the_work(tmp_path, monkeypatch):
    # Some containers have no /dev/shm: multiprocessing cannot make its queues; an import must not fail.
    import multiprocessing

    from vanthu.index import parallel

    def no_semaphores():
        raise OSError(38, "Function not implemented")

    def no_queues(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # what Whoosh's writer would meet making its queues

    monkeypatch.setattr(parallel, "_AVAILABLE", [])
    monkeypatch.setattr(multiprocessing, "Lock", no_semaphores)
    monkeypatch.setattr(parallel, "ParallelWriter", no_queues)
    ix = FullTextIndex.open(tmp_path / "fulltext")
    assert ix.update(_many(300), procs=2) == 300
    assert not parallel.available() and ix.doc_count() == 300
