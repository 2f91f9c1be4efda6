"""Derived indexes follow the archive: an index left by an older schema is found and rebuilt."""

from __future__ import annotations

import shutil

import pytest
from whoosh import fields, index

from vanthu.archive.store import Archive
from vanthu.index.fulltext import FullTextIndex
from vanthu.pipeline.check import check_archive
from vanthu.index.sync import fulltext_status, sync_fulltext
from vanthu.pipeline.ingest import ingest, reindex


def _old_schema_index(archive: Archive) -> None:
    """Replace the index with one an older vanthu might have left (other fields)."""
    shutil.rmtree(archive.fulltext_dir)
    archive.fulltext_dir.mkdir()
    index.create_in(str(archive.fulltext_dir), fields.Schema(id=fields.ID(stored=True), body=fields.TEXT))


@pytest.fixture
def archive(tmp_path, seed_files):
    with Archive.open(tmp_path / "archive") as arc:
        ingest(arc, seed_files, workers=1)
        yield arc


def _hits(archive: Archive, query: str) -> list[str]:
    with FullTextIndex.open(archive.fulltext_dir, create=False).searcher() as searcher:
        return [h.id for h in searcher.search(query).results]


def test_check_reports_an_index_of_an_older_schema_and_repair_rebuilds_it(archive):
    before = _hits(archive, "phong chong dich")
    _old_schema_index(archive)
    status = fulltext_status(archive)
    assert status.outdated and not status.ok
    report = check_archive(archive)
    (finding,) = [f for f in report.findings if f.check == "fulltext"]
    assert not report.ok and "older schema" in finding.detail
    repaired = check_archive(archive, repair=True)
    assert repaired.ok and _hits(archive, "phong chong dich") == before


def test_sync_after_an_import_rebuilds_an_outdated_index_instead_of_failing(archive):
    _old_schema_index(archive)
    archive.conn.execute("UPDATE documents SET fulltext_indexed = 0")
    with archive.write_lock():
        sync_fulltext(archive)
    assert fulltext_status(archive).ok


def test_reindex_rebuilds_text_index_and_edges(archive):
    counts = reindex(archive)
    assert counts["fulltext"] == archive.count() == 5
    assert counts["edges"] >= 4  # the seeds cite at least four documents


QUERIES = ["phong chong dich", "tiêm vắc xin", "Mai Sơn", "1367-CV/HU", '"ủy ban nhân dân"']


def _answers(archive: Archive) -> list[list[tuple[str, float]]]:
    with FullTextIndex.open(archive.fulltext_dir, create=False).searcher() as searcher:
        # sorted: documents of equal score may come in either order (their docnums differ)
        return [sorted((h.id, round(h.score, 6)) for h in searcher.search(q).results) for q in QUERIES]


def test_sync_in_parallel_writers_gives_the_same_index(tmp_path, seed_files, samples_dir):
    # A large import is analysed by several Whoosh writer processes; the index must be the one a
    # single writer makes — the same documents, once each, ranked the same — also for re-syncs.
    files = [*seed_files, samples_dir / "chain"]
    answers, ids = [], []
    for procs in (1, 2):
        with Archive.open(tmp_path / f"p{procs}") as arc:
            ingest(arc, files, workers=1)
            arc.conn.execute("UPDATE documents SET fulltext_indexed = 0")  # everything pending again
            first = arc.conn.execute("SELECT id FROM documents ORDER BY rowid LIMIT 1").fetchone()[0]
            arc.set_overrides(first, {"subject": "về tăng cường phòng chống dịch"})
            with arc.write_lock():
                assert sync_fulltext(arc, procs=procs) == arc.count() == 17
            status = fulltext_status(arc)
            assert status.ok and not status.pending
            answers.append(_answers(arc))
            index = FullTextIndex.open(arc.fulltext_dir, create=False)
            assert index.doc_count() == 17  # every document replaced, none twice
            ids.append(sorted(index.ids()))
    assert answers[0] == answers[1] and all(answers[0])
    assert ids[0] == ids[1] and len(ids[0]) == 17


def test_sync_reports_its_progress_commit_by_commit(tmp_path, seed_files, samples_dir, monkeypatch):
    from vanthu.index import sync as fulltext

    monkeypatch.setattr(fulltext, "_BATCH", 5)  # 17 documents: four commits
    seen: list[fulltext.IndexProgress] = []
    with Archive.open(tmp_path / "a") as arc:
        ingest(arc, [*seed_files, samples_dir / "chain"], workers=1, on_index=seen.append)
    assert [(p.done, p.total) for p in seen] == [(0, 17), (5, 17), (10, 17), (15, 17), (17, 17)]


def test_the_stage_bar_draws_on_a_terminal_and_is_silent_elsewhere(monkeypatch, capsys):
    from vanthu.cli.common import stage_progress
    from vanthu.index.sync import IndexProgress

    with stage_progress("indexing") as on_index:
        assert on_index is None  # pytest's stderr is not a terminal
    bar = stage_progress("indexing")
    bar.update(IndexProgress(0, 17))
    bar.update(IndexProgress(17, 17))
    assert bar.bar.tasks[0].completed == 17 and bar.bar.tasks[0].total == 17
    bar.__exit__(None, None, None)


def test_reindex_reports_its_progress(archive):
    seen = []
    reindex(archive, on_index=seen.append)
    assert [(p.done, p.total) for p in seen] == [(0, 5), (5, 5)]
