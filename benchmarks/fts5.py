"""SQLite FTS5 as a yardstick for the full-text engines (benchmarks only; not part of vanthu).

The same documents in one FTS5 table (subject, body) with the ``unicode61 remove_diacritics 2``
tokenizer: every word matches in any accentuation (no exact tier, "đ" stays "đ"). A query is what
vanthu's searcher does at its simplest: its words (or its quoted phrase) matched, counted, the ten
best by BM25 with a snippet each.

>>> import tempfile, pathlib
>>> ix = Fts5Index(pathlib.Path(tempfile.mkdtemp()) / "fts5.db")
>>> from vanthu.index.fulltext import IndexDoc
>>> ix.rebuild([IndexDoc(id="a", subject="tiêm vắc xin", body="Trạm Y tế tổ chức tiêm vắc xin.")])
1
>>> with ix.searcher() as s: s.search("tiem vac xin")
(1, ['a'])
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Iterable

from vanthu.index.fulltext import IndexDoc

__all__ = ["Fts5Index"]

_WORD = re.compile(r"[^\W_]+")


def _match(query: str) -> str:
    """An FTS5 MATCH expression: a quoted phrase stays one phrase; plain words are all required."""
    if query.startswith('"') and query.endswith('"'):
        return '"' + " ".join(_WORD.findall(query)) + '"'
    return " AND ".join(f'"{w}"' for w in _WORD.findall(query))


class Fts5Index:
    """One FTS5 table in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def rebuild(self, docs: Iterable[IndexDoc], procs: int = 1) -> int:
        self.path.unlink(missing_ok=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, subject, body, "
                     "tokenize = 'unicode61 remove_diacritics 2')")
        count = 0
        with conn:
            for doc in docs:
                conn.execute("INSERT INTO docs VALUES (?, ?, ?)", (doc.id, doc.subject or "", doc.body))
                count += 1
            conn.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        conn.close()
        return count

    def size_bytes(self) -> int:
        return self.path.stat().st_size

    def searcher(self) -> "_Searcher":
        return _Searcher(sqlite3.connect(self.path))


class _Searcher:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> "_Searcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.close()

    def search(self, query: str) -> tuple[int, list[str]]:
        match = _match(query)
        total = self._conn.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()[0]
        rows = self._conn.execute(
            "SELECT id, snippet(docs, 2, '«', '»', ' … ', 24) FROM docs WHERE docs MATCH ? "
            "ORDER BY bm25(docs, 0.0, 2.0, 1.0) LIMIT 10", (match,)).fetchall()
        return total, [r[0] for r in rows]
