"""A search's facets (type, level, year, issuer) as each engine counts them equal the archive's counts
of the same matches: tantivy from fast fields in its index (every match, one aggregation), Whoosh from
the matches' ids read back in SQLite; also after a librarian corrects an issuer, and an index of the
schema before the facet fields is refused with what to run, never a traceback or a wrong count.

The archive: generated directives (benchmarks.generator, dirty: blank dates and numbers among them)
of every level, many issuers and years, imported as `vanthu import` does.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from benchmarks.generator import write_corpus
from vanthu.archive.store import Archive
from vanthu.index.engine import open_index
from vanthu.index.filters import Filters
from vanthu.index.ranking import FACET_COLUMNS
from vanthu.pipeline.ingest import ingest

ALL = 1_000_000  # a cap no search here reaches


def _without_date(text: str) -> str:
    """The directive with its place-and-date line and its number blanked (a draft, a copy): no year."""
    text = re.sub(r"^.*ngày \d+ tháng \d+ năm \d{4}.*$", "", text, count=1, flags=re.M)
    return re.sub(r"^Số: .*$", "", text, count=1, flags=re.M)


def _without_letterhead(text: str) -> str:
    """Undated and without its letterhead (the issuer's name in bold): often no issuer, no level."""
    return re.sub(r"\A\*\*.*?\*\*\n", "", _without_date(text), count=1, flags=re.S)


@pytest.fixture(scope="module")
def whoosh_archive(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    files = write_corpus(corpus, 240, seed=15, dirty=True)
    for i, path in enumerate(files):  # a tenth undated, a tenth without letterhead too: facets' "unknown"
        blank = {3: _without_date, 7: _without_letterhead}.get(i % 10)
        if blank:
            path.write_text(blank(path.read_text(encoding="utf-8")), encoding="utf-8")
    root = tmp_path_factory.mktemp("facets") / "archive"
    with Archive.open(root) as arc:
        ingest(arc, files, workers=1)
    return root


@pytest.fixture(scope="module")
def tantivy_archive(whoosh_archive, tmp_path_factory) -> Path:
    from vanthu.index.sync import rebuild_fulltext

    root = tmp_path_factory.mktemp("facets-tantivy") / "archive"
    shutil.copytree(whoosh_archive, root)
    with Archive.open(root) as arc, arc.write_lock():
        rebuild_fulltext(arc, engine="tantivy")
    return root


@pytest.fixture(params=["whoosh", "tantivy"])
def archive(request, tmp_path) -> Path:
    """A copy of the archive on one engine (a test may correct it)."""
    root = tmp_path / "archive"
    shutil.copytree(request.getfixturevalue(f"{request.param}_archive"), root)
    return root


# (query, filters, limit, why)
SEARCHES = [
    ("ủy ban nhân dân", {}, 12, "nearly every directive: many issuers, every year, unknowns"),
    ("phong chong", {}, 12, "folded words"),
    ("kế hoạch", {"level": "district"}, 12, "within a level"),
    ("thực hiện", {"date_from": "2021-01-01", "date_to": "2022-06-30"}, 12, "within dates"),
    ("ủy ban nhân dân", {}, 2, "a short facet: ties cut as SQLite orders them"),
    ('"an toàn" OR dịch', {"doc_type": "Công văn"}, 5, "syntax, within a type"),
    ("quywxz", {}, 12, "nothing found"),
]


def _engine_and_archive(root: Path, query: str, options: dict, limit: int):
    """(the engine's facets, the archive's facets of the ids the engine finds), each as (ordered items, counted)."""
    filters = Filters.from_options(**options)
    with Archive.open(root, readonly=True) as store:
        from vanthu.index.engine import archive_engine

        with open_index(store.fulltext_dir, archive_engine(store), create=False).searcher() as s:
            got, counted = s.facet_counts(query, filters, FACET_COLUMNS, limit, by_ids=store.facet_counts, cap=ALL)
            ids = s.matching_ids(query, filters, cap=ALL)
            assert len(ids) == s.search(query, filters=filters).total  # every match, no more
        want = store.facet_counts(ids, FACET_COLUMNS, limit=limit)
    ordered = lambda facets: {c: list(facets[c].items()) for c in FACET_COLUMNS}  # noqa: E731 - order matters
    return (ordered(got), counted), (ordered(want), len(ids))


@pytest.mark.parametrize("query, options, limit, why", SEARCHES, ids=[s[-1] for s in SEARCHES])
def test_the_engine_counts_what_the_archive_counts(archive, query, options, limit, why):
    engine, sql = _engine_and_archive(archive, query, options, limit)
    assert engine == sql
    if query != "quywxz":
        assert engine[1] > 0 and all(engine[0][c] for c in FACET_COLUMNS)
    if query == "ủy ban nhân dân" and limit == 12:  # the blanked ones: no year, some no issuer or level
        assert all(any(value == "unknown" for value, _ in engine[0][c]) for c in ("year", "issuer_level"))


def test_a_corrected_issuer_is_counted_as_corrected(archive, vanthu):
    query = "ủy ban nhân dân"
    (before, _), _ = _engine_and_archive(archive, query, {}, 100)
    (issuer, n), (other, m) = before["issuer"][:2]
    with Archive.open(archive, readonly=True) as store:
        (doc_id,) = [r[0] for r in store.conn.execute(
            "SELECT id FROM documents WHERE issuer = ? AND superseded_by IS NULL ORDER BY id LIMIT 1", (issuer,))]
    code, _, err = vanthu("correct", doc_id, "issuer", other, "--archive", str(archive))  # one moves to the other
    assert code == 0, err
    engine, sql = _engine_and_archive(archive, query, {}, 100)
    assert engine == sql
    counts = dict(engine[0]["issuer"])
    assert (counts.get(issuer, 0), counts[other]) == (n - 1, m + 1)


def test_tantivy_counts_every_match_past_the_cap(tantivy_archive, monkeypatch):
    pytest.importorskip("starlette", reason="the web extra is not installed")
    import re

    from starlette.testclient import TestClient

    from vanthu.web.app import create_app

    monkeypatch.setattr("vanthu.web.state.FACET_CAP", 2)  # Whoosh would count the first two only
    client = TestClient(create_app(tantivy_archive), raise_server_exceptions=False)
    r = client.get("/", params={"q": "ủy ban nhân dân"})
    total = client.get("/api/search", params={"q": "ủy ban nhân dân"}).json()["total"]
    assert r.status_code == 200 and total > 2 and "Đếm trên" not in r.text  # no "counted among the first"
    level = re.search(r"<h3>Cấp</h3>\s*<ul>(.*?)</ul>", r.text, re.S).group(1)
    assert sum(int(n) for n in re.findall(r'class="n">(\d+)<', level)) == total


# -- an index written before the facet fields ---------------------------------------------------


def _index_of_the_previous_schema(root: Path) -> None:
    """Replace the archive's tantivy index by one of the schema before the facets were counted in it
    (every field of today's but the facet fields), holding every document, as that vanthu left it."""
    import tantivy

    from vanthu.index import tantivy_index

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    for name in ("number", "doc_type", "issuer_level"):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in tantivy_index.SLOT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace")
    for name in ("year", "date_lo", "date_hi"):
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_bytes_field("stored", stored=True)
    path = root / "fulltext"
    shutil.rmtree(path)
    path.mkdir()
    index = tantivy.Index(builder.build(), path=str(path))
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    with Archive.open(root, readonly=True) as store:
        for doc_id in store.current_ids():
            doc = tantivy.Document()
            doc.add_text("id", doc_id)
            doc.add_integer("date_lo", 0)
            doc.add_integer("date_hi", 0)
            doc.add_bytes("stored", json.dumps({"id": doc_id}).encode())
            writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()


def test_an_index_of_the_previous_schema_is_refused_with_what_to_run(tantivy_archive, tmp_path, vanthu):
    pytest.importorskip("starlette", reason="the web extra is not installed")
    from starlette.testclient import TestClient

    from vanthu.web.app import create_app

    root = tmp_path / "archive"
    shutil.copytree(tantivy_archive, root)
    _index_of_the_previous_schema(root)
    code, out, err = vanthu("search", "ủy ban nhân dân", "--archive", str(root))
    assert code != 0 and "vanthu reindex" in err and "Traceback" not in err + out
    client = TestClient(create_app(root), raise_server_exceptions=False)
    for url in ("/", "/api/search"):
        r = client.get(url, params={"q": "uy ban nhan dan"})
        assert r.status_code == 503 and "vanthu reindex" in r.text and "Traceback" not in r.text, url
    code, out, err = vanthu("check", "--archive", str(root))
    assert code != 0 and "older schema" in out + err
    code, _, err = vanthu("reindex", "--archive", str(root))
    assert code == 0, err
    engine, sql = _engine_and_archive(root, "ủy ban nhân dân", {}, 12)
    assert engine == sql and engine[1] > 0
    assert client.get("/", params={"q": "uy ban nhan dan"}).status_code == 200  # the server reopens the new index


# -- a page of results ----------------------------------------------------------------------------


@pytest.mark.parametrize("query, sort", [("ủy ban nhân dân", "relevance"), ("kế hoạch", "date"), ("phong chong", "relevance")])
def test_a_page_of_results_is_the_same_hits_as_the_whole_list_cut(archive, query, sort):
    """The search page asks for the hits of its page only (offset): the same hits, scores and snippets."""
    with Archive.open(archive, readonly=True) as store:
        from vanthu.index.engine import archive_engine

        with open_index(store.fulltext_dir, archive_engine(store), create=False).searcher() as s:
            whole = s.search(query, limit=30, sort=sort)
            page = s.search(query, limit=30, sort=sort, offset=20)
    assert page.total == whole.total and len(whole.results) == 30
    assert page.results == whole.results[20:]
