"""Progress of a batch (progress.py): plain lines when the output is not a terminal, a live rich display
(done / running / failed, elapsed, expected time left) when it is."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from rich.console import Console

from sellerops.report import runner
from sellerops.report.params import Job
from sellerops.report.progress import LineProgress, LiveProgress, is_terminal, make_progress
from sellerops.report.runner import JobResult

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _job(name):
    return Job("00_data_health", name)


def test_not_a_terminal_gives_one_plain_line_per_event():
    out = io.StringIO()
    progress = make_progress(2, out)
    assert type(progress) is LineProgress
    with progress:
        progress.started(_job("us"))
        progress.started(_job("uk"))
        progress.finished(JobResult(_job("us"), status="ok", seconds=12.34))
        progress.finished(JobResult(_job("uk"), status="failed", seconds=4.0, error="ValueError: seed must be >= 0"))
        progress.started(_job("uk"))  # an event that arrives after the job's end is not news
    assert out.getvalue().splitlines() == [
        "  started   00_data_health__us",
        "  started   00_data_health__uk",
        "[1/2] ok     00_data_health__us  12.3 s",
        "[2/2] FAILED 00_data_health__uk  4.0 s  ValueError: seed must be >= 0",
    ]
    assert not ANSI.search(out.getvalue())


def _live(total, width=160):
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=width, color_system="standard")
    return LiveProgress(total, console), out


def test_a_terminal_gets_a_live_display_of_done_running_failed_and_time():
    progress, out = _live(3)
    with progress:
        progress.started(_job("us"))
        progress.started(_job("uk"))
        progress.display.refresh()
        first = ANSI.sub("", out.getvalue())
        assert "0/3 done" in first and "2 running" in first and "0 failed" in first
        assert "elapsed" in first and "time left: measuring" in first  # nothing has finished yet
        assert "running: 00_data_health__us, 00_data_health__uk" in first
        progress.finished(JobResult(_job("us"), status="ok", seconds=1.0))
        progress.finished(JobResult(_job("uk"), status="failed", seconds=1.0, error="ValueError: bad seed"))
        progress.started(_job("de"))
        progress.display.refresh()
        later = ANSI.sub("", out.getvalue())
        assert "2/3 done" in later and "1 running" in later and "1 failed" in later
        assert re.search(r"about \d+:\d\d:\d\d left", later)
    text = ANSI.sub("", out.getvalue())
    # each job that ended was printed above the display, and stays there
    assert "[1/3] ok     00_data_health__us  1.0 s" in text
    assert "[2/3] FAILED 00_data_health__uk  1.0 s  ValueError: bad seed" in text
    assert "\x1b[" in out.getvalue()  # it really drew: cursor movements and colour


def test_make_progress_chooses_by_the_stream():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert type(make_progress(1, io.StringIO())) is LineProgress
    assert type(make_progress(1, Terminal())) is LiveProgress
    assert type(make_progress(1, Terminal(), live=False)) is LineProgress
    assert type(make_progress(1, io.StringIO(), live=True)) is LiveProgress


def test_a_dumb_terminal_gets_lines(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("TERM", "dumb")
    assert not is_terminal(Terminal())
    closed = io.StringIO()
    closed.close()
    assert not is_terminal(closed)


@pytest.mark.parametrize("live", [True, False])
def test_run_batch_shows_its_progress_live_or_in_lines(tmp_path, monkeypatch, live):
    def fake(job, out_dir):
        return runner.JobResult(job, status="failed" if job.set_name == "s1" else "ok", seconds=0.1, error="boom")

    monkeypatch.setattr(runner, "run_job", fake)
    params = tmp_path / "fake.yaml"
    sets = {f"s{i}": {"marketplace": "US"} for i in range(3)}
    params.write_text(yaml.safe_dump({"notebooks": ["00_data_health"], "sets": sets}))
    out = io.StringIO()
    runner.run_batch(params, run="live", jobs=1, reports_dir=tmp_path, stream=out, live=live)
    text = ANSI.sub("", out.getvalue())
    assert "[3/3]" in text and "FAILED 00_data_health__s1" in text
    if live:
        assert "3/3 done" in text and "1 failed" in text and "\x1b[" in out.getvalue()
    else:
        assert "done" not in text and "\x1b[" not in out.getvalue()
