"""Recall and speed of citation extraction on the real corpus (issue 2).

Every article of the Bộ pháp điển carries a source note naming one document:
"(Điều 1 Nghị định số 47/2011/NĐ-CP … ngày 17/06/2011 của Chính phủ, có hiệu lực …)".
:func:`vanthu.graph.citations.find_citations` runs on the prepared article; a note counts
as found when a citation with its number lies in it, and its date as found when that
citation carries the note's date. Speed is measured on whole prepared files, one core.

    .venv/bin/python -m benchmarks.citation_recall [--every N] [--limit N] [--speed-files N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from vanthu.archive.numbers import NUMBER_RE, number_key
from vanthu.graph.citations import find_citations
from vanthu.vietnamese.text import prepare

from .corpus import SourceNote, body, corpus_files, iter_source_parentheticals


@dataclass
class Recall:
    """Counts of notes, numbers and dates found, and the misses by category."""

    notes: int = 0
    numbered: int = 0
    numbers_found: int = 0
    dated: int = 0
    dates_found: int = 0
    misses: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def number_recall(self) -> float:
        return self.numbers_found / self.numbered if self.numbered else 1.0

    @property
    def date_recall(self) -> float:
        return self.dates_found / self.dated if self.dated else 1.0

    def miss(self, category: str, note: SourceNote) -> None:
        self.misses[category] += 1
        self.examples.setdefault(category, [])
        if len(self.examples[category]) < 5:
            self.examples[category].append(note.text[:200].replace("\n", " "))


def measure_recall(notes: Iterable[SourceNote]) -> Recall:
    """Compare the extractor with each note's stated number and date."""
    result = Recall()
    for note in notes:
        result.notes += 1
        if note.number is None:
            continue
        result.numbered += 1
        cites = find_citations(note.passage)
        key = number_key(note.number)
        hit = next((c for c in cites if c.number and number_key(c.number) == key), None)
        if hit is None:
            result.miss(_number_miss(note), note)
            continue
        result.numbers_found += 1
        if note.date is None:
            continue
        result.dated += 1
        if hit.date == note.date:
            result.dates_found += 1
        else:
            result.miss("date: none attached" if hit.date is None else "date: a different date", note)
    return result


def _number_miss(note: SourceNote) -> str:
    """Why a note's number was not reported."""
    if not NUMBER_RE.fullmatch(note.number or ""):
        shape = "".join("9" if ch.isdigit() else ch for ch in note.number or "")
        return f"number: form outside NUMBER_RE ({shape[:24]})"
    return "number: matched but not reported"


@dataclass(frozen=True)
class Speed:
    """Throughput of find_citations: MB of UTF-8 text per second, by CPU time and by wall clock."""

    cpu_mb_s: float
    wall_mb_s: float
    megabytes: float
    citations: int


def measure_speed(files: int | None = None, repeats: int = 3) -> Speed:
    """Median throughput over whole prepared corpus files, in this one process (one core).

    CPU time is the figure to trust on a shared machine; wall time is given beside it.
    """
    paths = corpus_files()[:files] if files else corpus_files()
    texts = [prepare(body(p.read_text(encoding="utf-8"))) for p in paths]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    cpu, wall, found = [], [], 0
    for _ in range(repeats):
        found = 0
        begin_cpu, begin_wall = time.process_time(), time.perf_counter()
        for text in texts:
            found += len(find_citations(text))
        cpu.append(size / (time.process_time() - begin_cpu))
        wall.append(size / (time.perf_counter() - begin_wall))
    return Speed(statistics.median(cpu), statistics.median(wall), size, found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="take every N-th note")
    parser.add_argument("--limit", type=int, default=None, help="at most this many notes")
    parser.add_argument("--speed-files", type=int, default=None, help="files for the speed run (all)")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-recall", action="store_true")
    args = parser.parse_args(argv)

    if not args.no_recall:
        _report_recall(args.limit, args.every)
    if not args.no_speed:
        speed = measure_speed(args.speed_files)
        print(f"speed: {speed.cpu_mb_s:.1f} MB/s of CPU time on one core ({speed.wall_mb_s:.1f} MB/s wall) "
              f"over {speed.megabytes:.1f} MB, {speed.citations} citations; median of 3")
    return 0


def _report_recall(limit: int | None, every: int) -> None:
    begin = time.perf_counter()
    result = measure_recall(iter_source_parentheticals(limit=limit, every=every))
    print(f"notes {result.notes}, with a number {result.numbered}, found {result.numbers_found}: "
          f"number recall {result.number_recall:.4%}")
    print(f"with a date {result.dated}, found {result.dates_found}: date recall {result.date_recall:.4%}")
    print(f"({time.perf_counter() - begin:.0f} s)")
    for category, count in result.misses.most_common():
        print(f"  {count:6d}  {category}")
        for example in result.examples[category]:
            print(f"            {example}")


if __name__ == "__main__":
    sys.exit(main())
