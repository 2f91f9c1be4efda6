"""The real legal corpus of ../shared/corpus (Bộ pháp điển pages), unpacked once into a cache.

Nothing of it is ever copied into the repository: the archive is unpacked into
``$VANTHU_CACHE/corpus`` (default ``~/.cache/vanthu/corpus``) the first time it is needed.

- :func:`iter_passages` gives real Vietnamese passages (one article, or a part of a long
  one) for indexing and search benchmarks;
- :func:`iter_source_parentheticals` gives, for every article, the source note written
  under its heading — "(Điều 1 Nghị định số 13/2023/NĐ-CP … ngày 17/04/2023 của Chính phủ,
  có hiệu lực …)" — with the document number and date it states, read by a simple rule
  of its own so that the citation extractor can be measured against it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vanthu.archive.numbers import canonical_number
from vanthu.vietnamese.text import prepare

__all__ = [
    "CorpusMissing",
    "SourceNote",
    "corpus_dir",
    "corpus_files",
    "corpus_available",
    "iter_passages",
    "iter_source_parentheticals",
]

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = Path(os.environ.get("VANTHU_CORPUS", ROOT.parent / "shared" / "corpus" / "phapdien.tar.xz"))
MAX_PASSAGE = 3000  # characters; longer articles are cut at paragraph breaks


class CorpusMissing(FileNotFoundError):
    """The shared corpus archive is not on this machine."""


@dataclass(frozen=True)
class SourceNote:
    """An article's source parenthetical and the document it names.

    ``passage`` is the prepared article text; ``start``/``end`` locate the note in it.
    ``number`` is None when the note names the document without a number
    ("Pháp lệnh Về Hàm, cấp ngoại giao"); ``date`` is None when the note gives no date
    (the short form "(Điều 2 Luật số 49/2010/QH12, có hiệu lực …)").
    """

    passage_id: str
    passage: str
    start: int
    end: int
    type_word: str
    number: str | None
    date: dt.date | None

    @property
    def text(self) -> str:
        return self.passage[self.start:self.end]


def corpus_available() -> bool:
    return ARCHIVE.is_file() or (_cache() / "md").is_dir()


def _cache() -> Path:
    base = os.environ.get("VANTHU_CACHE")
    return (Path(base) if base else Path.home() / ".cache" / "vanthu") / "corpus"


def corpus_dir() -> Path:
    """The unpacked ``md/`` folder; unpacks the archive on first use (safe under parallel tests)."""
    target = _cache() / "md"
    if target.is_dir():
        return target
    if not ARCHIVE.is_file():
        raise CorpusMissing(f"corpus archive not found: {ARCHIVE}")
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpack-"))
    try:
        with tarfile.open(ARCHIVE) as tar:
            tar.extractall(scratch, filter="data")
        try:
            os.rename(scratch / "md", target)  # atomic: a concurrent unpacker loses the race
        except OSError:
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def corpus_files() -> list[Path]:
    """The corpus Markdown files, in a stable order."""
    return sorted(corpus_dir().glob("*.md"))


# Articles ---------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_INFO_TABLE = re.compile(r"^## THÔNG TIN VĂN BẢN\n.*?(?=^## )", re.DOTALL | re.MULTILINE)
# "Điều 3.2.LQ.1. Phạm vi điều chỉnh", "**Điều 1.** Sửa đổi …"
_ARTICLE = re.compile(r"^(?:\*\*)?Điều\s+\d[\w.]*", re.MULTILINE)


def body(raw: str) -> str:
    """A corpus file without its Jekyll front matter and its metadata table."""
    return _INFO_TABLE.sub("", _FRONT_MATTER.sub("", raw, count=1))


def split_articles(text: str) -> list[str]:
    """The text before the first article, then one string per article."""
    cuts = [m.start() for m in _ARTICLE.finditer(text)]
    bounds = [0, *cuts, len(text)]
    parts = (text[a:b].strip() for a, b in zip(bounds, bounds[1:]))
    return [p for p in parts if p]


def _pieces(article: str) -> list[str]:
    """An article cut into pieces of at most MAX_PASSAGE characters.

    Cuts fall at paragraph breaks, else at line breaks (tables), else at spaces.
    """
    if len(article) <= MAX_PASSAGE:
        return [article]
    for sep in ("\n\n", "\n", " "):
        parts = article.split(sep)
        if len(parts) > 1:
            return _pack(parts, sep)
    return [article[i:i + MAX_PASSAGE] for i in range(0, len(article), MAX_PASSAGE)]


def _pack(parts: list[str], sep: str) -> list[str]:
    """Join consecutive parts up to MAX_PASSAGE; a part still too long is cut further."""
    pieces, current = [], ""
    for part in parts:
        if len(part) > MAX_PASSAGE:
            pieces += [current] if current else []
            pieces += _pieces(part)
            current = ""
        elif current and len(current) + len(sep) + len(part) > MAX_PASSAGE:
            pieces.append(current)
            current = part
        else:
            current = f"{current}{sep}{part}" if current else part
    if current:
        pieces.append(current)
    return pieces


def iter_passages(limit: int | None = None) -> Iterator[tuple[str, str]]:
    """``(id, text)`` for real passages: articles (long ones cut), ids ``"<file>#<n>"``.

    The text is as the corpus writes it (not prepared); ids are stable across runs.
    """
    count = 0
    for path in corpus_files():
        n = 0
        for article in split_articles(body(path.read_text(encoding="utf-8"))):
            for piece in _pieces(article):
                if len(piece) < 40:
                    continue
                yield f"{path.stem}#{n}", piece
                n += 1
                count += 1
                if limit is not None and count >= limit:
                    return


# Source parentheticals ----------------------------------------------------------------

# "(Điều 1 Nghị định số 47/2011/NĐ-CP Quy định … ngày 17/06/2011 của Chính phủ, có hiệu lực …)"
_NOTE = re.compile(r"^\(Điều\s+\d+\w*\s+(?P<head>[^()]{0,1500}?)\)", re.MULTILINE)
# A number runs to the first space, except after a hyphen: "02/2021/TTLT-TANDTC-VKSNDTC- BCA-BQP".
_NOTE_NUMBER = re.compile(r'^(?P<type>\D*?)\s+số\s+(?P<number>\d[^\s,;()"“”]*(?:(?<=-) [^\s,;()"“”]+)*)')
_NOTE_TYPE = re.compile(r"^(?P<type>[^\d,]*?)(?:,|\s+Về\s|$)")
_NOTE_DATE = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})\s+của\s")


def read_note(head: str) -> tuple[str, str | None, dt.date | None]:
    """Type word, number and date stated by a note's text after "(Điều N ".

    The date is the last "ngày D của" before "có hiệu lực" (the first dates may belong
    to documents named in the title).
    """
    stated = head.split("có hiệu lực", 1)[0]
    number_match = _NOTE_NUMBER.match(stated)
    if number_match:
        kind, number = number_match.group("type"), canonical_number(number_match.group("number").rstrip(".:"))
    else:
        type_match = _NOTE_TYPE.match(stated)
        kind, number = (type_match.group("type") if type_match else ""), None
    dates = _NOTE_DATE.findall(stated)
    date = None
    if dates:
        d, m, y = map(int, dates[-1])
        try:
            date = dt.date(y, m, d)
        except ValueError:
            date = None
    return kind.strip(), number, date


def iter_source_parentheticals(limit: int | None = None, every: int = 1) -> Iterator[SourceNote]:
    """Every ``every``-th article source note of the corpus, with the article it heads.

    Deterministic: the same arguments give the same notes. Articles are prepared
    (:func:`vanthu.vietnamese.text.prepare`) only when one of their notes is taken.
    """
    count = seen = 0
    for pid, passage in iter_passages():
        if "(Điều" not in passage:
            continue
        for match in _NOTE.finditer(passage):
            seen += 1
            if (seen - 1) % every:
                continue
            yield from _note_in(pid, passage, match)
            count += 1
            if limit is not None and count >= limit:
                return


def _note_in(pid: str, passage: str, match: re.Match[str]) -> Iterator[SourceNote]:
    # Offsets must refer to the prepared text: find the note again after preparing.
    prepared = prepare(passage)
    note = prepare(match.group())
    at = prepared.find(note)
    if at < 0:
        return
    kind, number, date = read_note(note[len("(Điều "):].split(" ", 1)[1])
    yield SourceNote(pid, prepared, at, at + len(note), kind, number, date)
