"""What a batch run shows while it runs: a live display in a terminal, one line per event elsewhere.

In a terminal (:func:`make_progress` with a stream that is a TTY), a `rich <https://rich.readthedocs.io>`_
display holds one status line that updates itself — jobs done of all, how many run and how many
failed, the time elapsed and the time expected until the last one ends — with the names of the jobs
running under it; each job that ends is printed above it as a line of its own, failures with their
error's first line. Elsewhere (CI, ``make report | tee``, a log file) every event is one plain line,
written as it happens::

      started   00_data_health__us
    [1/2] ok     00_data_health__us  12.3 s
    [2/2] FAILED 00_data_health__uk  4.1 s  ValueError: Seed must be non-negative

"started" is said when a job really starts (a worker picked it up), not when it is queued.

The expected time left is the pace so far carried forward: the time the batch took until its latest
finished job, divided by the jobs finished and multiplied by the jobs left, less the time since;
before the first job ends it is unknown.

Examples
--------
>>> import io
>>> from sellerops.report.params import Job
>>> out = io.StringIO()
>>> with make_progress(1, out) as progress:  # not a terminal: lines
...     progress.started(Job("00_data_health", "us"))
>>> out.getvalue()
'  started   00_data_health__us\\n'
"""

from __future__ import annotations

import os
import sys
import threading
import time
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

if TYPE_CHECKING:
    from .params import Job
    from .runner import JobResult


class LineProgress:
    """One line per event: what started, what finished (``[i/n] ok|FAILED name seconds error``).

    Thread-safe: the local executor's threads and the Dask client's event loop call it.
    """

    def __init__(self, total: int, stream=None):
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stdout
        self.lock = threading.Lock()
        self.running: dict[str, float] = {}  # job name -> when it started
        self.running_names: tuple[str, ...] = ()  # a snapshot, for a display drawing in its own thread
        self.ended: set[str] = set()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def started(self, job: Job) -> None:
        """Called when the job really starts (not when it is queued). A start heard after the job's end
        (an event that overtook nothing) is ignored."""
        with self.lock:
            if job.name in self.ended:
                return
            self.running[job.name] = time.monotonic()
            self.running_names = tuple(self.running)
            self._said_started(job)

    def finished(self, r: JobResult) -> None:
        with self.lock:
            self.done += 1
            self.failed += r.status != "ok"
            self.running.pop(r.job.name, None)
            self.running_names = tuple(self.running)
            self.ended.add(r.job.name)
            self._said_finished(r)

    def _said_started(self, job: Job) -> None:
        print(f"  started   {job.name}", file=self.stream, flush=True)

    def _said_finished(self, r: JobResult) -> None:
        print(f"[{self.done}/{self.total}] {self.finished_line(r)}", file=self.stream, flush=True)

    @staticmethod
    def finished_line(r: JobResult) -> str:
        mark = "ok" if r.status == "ok" else "FAILED"
        tail = f"  {r.error}" if r.error else ""
        return f"{mark:6s} {r.job.name}  {r.seconds:.1f} s{tail}"


class _ExpectedColumn(ProgressColumn):
    """The time expected until the last job ends: the pace so far carried forward, counting down."""

    def render(self, task) -> Text:
        expected = task.fields.get("expected_total")
        if task.finished:
            return Text("")
        if expected is None or task.elapsed is None:
            return Text("· time left: measuring", style="progress.remaining")
        left = timedelta(seconds=max(0, round(expected - task.elapsed)))
        return Text(f"· about {left} left", style="progress.remaining")


class _BatchDisplay(RichProgress):
    """rich's Progress with the names of the running jobs under the status line."""

    def __init__(self, *columns, running, **kwargs):
        self._running_names = running  # read by the refresh thread: returns a tuple, never a live dict
        super().__init__(*columns, **kwargs)

    def get_renderables(self):
        yield self.make_tasks_table(self.tasks)
        names = self._running_names()
        if names:
            yield Text("  running: " + ", ".join(names), style="dim", no_wrap=True, overflow="ellipsis")


class LiveProgress(LineProgress):
    """A live display in a terminal (rich): done / running / failed, elapsed and expected time left.

    Each job that ends is also printed above the display (failures with their error), so the terminal
    keeps the whole story once the display has stopped.
    """

    def __init__(self, total: int, console: Console | None = None, *, description: str = "reports"):
        super().__init__(total, console.file if console else None)
        self.console = console or Console(file=sys.stdout, force_terminal=True)
        self.display = _BatchDisplay(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(bar_width=30),
            TextColumn(
                "{task.completed}/{task.total} done · [cyan]{task.fields[running]} running[/] · {task.fields[failed_text]} ·"
            ),
            TextColumn("elapsed"),
            TimeElapsedColumn(),
            _ExpectedColumn(),
            console=self.console,
            running=lambda: self.running_names,
            refresh_per_second=4,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.display.add_task(
            description, total=total, running=0, failed_text="[green]0 failed", expected_total=None
        )
        self._t0: float | None = None

    def __enter__(self):
        self._t0 = time.monotonic()
        self.display.reset(self.task, total=self.total)  # the clock starts now, not at construction
        self.display.start()
        return self

    def __exit__(self, *exc) -> None:
        self.display.refresh()
        self.display.stop()

    def _update(self) -> None:
        style = "red" if self.failed else "green"
        self.display.update(
            self.task,
            completed=self.done,
            running=len(self.running),
            failed_text=f"[{style}]{self.failed} failed",
        )

    def _said_started(self, job: Job) -> None:
        self._update()

    def _said_finished(self, r: JobResult) -> None:
        if self.done < self.total and self._t0 is not None:
            self.display.update(self.task, expected_total=(time.monotonic() - self._t0) / self.done * self.total)
        self._update()
        style = "green" if r.status == "ok" else "bold red"
        line = Text(f"[{self.done}/{self.total}] ")
        line.append(self.finished_line(r), style=style)
        self.display.console.print(line, no_wrap=True, overflow="ellipsis", soft_wrap=False)


def is_terminal(stream) -> bool:
    """Whether ``stream`` is an interactive terminal that can redraw a line (not ``TERM=dumb``)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # closed or not a file
        return False
    return bool(tty) and os.environ.get("TERM", "") != "dumb"


def make_progress(total: int, stream=None, *, live: bool | None = None) -> LineProgress:
    """The progress of a batch of ``total`` jobs: live in a terminal, else lines.

    ``live`` forces the choice (``True``: the rich display even on a stream that is not a terminal,
    ``False``: lines); ``None`` decides by :func:`is_terminal`.
    """
    stream = stream or sys.stdout
    if live is None:
        live = is_terminal(stream)
    if not live:
        return LineProgress(total, stream)
    return LiveProgress(total, Console(file=stream, force_terminal=True))
