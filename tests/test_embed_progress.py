"""`vanthu embed` tells its rate and the time left, on a terminal and in a log (issue 14)."""

from __future__ import annotations

import pytest

from vanthu.cli.semantic_cmd import EmbedRate, _duration
from vanthu.pipeline.semantic import EmbedProgress

DURATIONS = [
    (0.4, "0 s"),  # under a second
    (45, "45 s"),  # seconds up to a minute and a half
    (12 * 60, "12 min"),  # minutes up to an hour and a half
    (3.5 * 3600, "3.5 h"),  # hours up to two days
    (6 * 86400, "6.0 days"),  # 100,000 documents at 0.2 a second
]


@pytest.mark.parametrize("seconds,shown", DURATIONS)
def test_duration(seconds, shown):
    assert _duration(seconds) == shown


def test_in_the_background_each_save_writes_the_rate_and_time_left(monkeypatch, capsys):
    clock = iter([100.0, 140.0, 180.0])
    monkeypatch.setattr("vanthu.cli.semantic_cmd.time.monotonic", lambda: next(clock))
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    with EmbedRate() as report:
        report(EmbedProgress(0, 1000))  # the start: nothing measured yet, nothing written
        report(EmbedProgress(128, 1000))  # 128 documents in 40 s
        report(EmbedProgress(256, 1000))
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["vanthu: embedded 128/1000 documents, 3.2 documents/s, about 5 min left",
                     "vanthu: embedded 256/1000 documents, 3.2 documents/s, about 4 min left"]
