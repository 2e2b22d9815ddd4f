"""Where a batch's jobs run: on this machine (``local``), or on a Dask cluster (``dask://HOST:PORT``).

Both executors hand out standard :class:`concurrent.futures.Future` objects, so the runner does the
same for either: submit ``run_job(job, out_dir)`` per job, take the results as they complete, and
turn an exception (a job that raised, a worker that died, a lost scheduler) into a failed report
with the error's first line while the other jobs go on.

``local``
    A pool of ``--jobs`` threads (default: one per core) on this machine; each thread starts
    papermill in a fresh process, so notebooks run in parallel without sharing an interpreter.
``dask://HOST:PORT``
    A :class:`distributed.Client` connected to the scheduler at ``tcp://HOST:PORT`` (port 8786 when
    left out; ``tcp://HOST:PORT``, as ``dask scheduler`` prints it, is accepted too). Jobs go through
    the client's :class:`concurrent.futures.Executor` (:meth:`distributed.Client.get_executor`);
    each runs :func:`~sellerops.report.runner.run_job` in a worker thread, which starts papermill on
    that worker's machine. A worker that dies while running a job has the job re-run elsewhere by
    the scheduler, up to ``distributed.scheduler.allowed-failures`` times (3), after which the job is
    failed with ``KilledWorker``. ``--jobs N`` caps how many jobs are on the cluster at once
    (default: no cap, the scheduler fills every worker thread).

Workers must run this project's environment (the same ``requirements.lock``, with ``sellerops``
installed and the ``python3`` kernel of ``make``), and see the inputs and the output folder at the
same paths as the machine that runs ``sellerops report``: a shared file system. Relative ``data_dir``
and ``output_dir`` parameters are made absolute on that machine before a job is sent, so every
worker reads the folder the parameter checks read. Before anything is sent, every worker already
connected is asked to import ``sellerops``, to read a token written into the run folder and to
write there, and to see every data folder; a worker that cannot is an :class:`ExecutorError`
naming the worker and the path, and nothing runs. Object-store URLs (``s3://``, ``gs://``) are
not supported as inputs or outputs: the readers, papermill's output and nbconvert read and write
local paths.

Examples
--------
>>> parse_executor("local"), parse_executor("dask://10.0.0.5:8786"), parse_executor("dask://sched")
(('local', ''), ('dask', 'tcp://10.0.0.5:8786'), ('dask', 'tcp://sched:8786'))
>>> parse_executor("ray://x")
Traceback (most recent call last):
...
sellerops.report.executors.ExecutorError: executor must be 'local' or 'dask://HOST:PORT', got 'ray://x'
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import os
import socket
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from .params import Job

#: The scheduler port of ``dask scheduler`` when an address names none.
DASK_PORT = 8786
#: Parameters holding a path that a notebook resolves from the project root when relative.
PATH_PARAMETERS = ("data_dir", "output_dir")


class ExecutorError(RuntimeError):
    """An executor that cannot be used as asked: a wrong address, no scheduler, a worker that cannot see
    the inputs or the outputs. Raised before any job runs."""


def parse_executor(spec: str) -> tuple[str, str]:
    """``local`` -> ``("local", "")``; ``dask://HOST[:PORT]`` or ``tcp://HOST[:PORT]`` -> ``("dask", "tcp://HOST:PORT")``."""
    text = str(spec).strip()
    if text == "local":
        return "local", ""
    parts = urlsplit(text)
    if parts.scheme in ("dask", "tcp") and parts.hostname and parts.path in ("", "/") and not parts.query:
        try:
            port = parts.port or DASK_PORT
        except ValueError:  # a port that is not a number
            port = None
        if port:
            host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
            return "dask", f"tcp://{host}:{port}"
    raise ExecutorError(f"executor must be 'local' or 'dask://HOST:PORT', got {text!r}")


class Executor:
    """Runs jobs and hands out :class:`concurrent.futures.Future` objects of their results.

    ``on_start(job)`` is called when a job really starts (in the worker thread for ``local``; for Dask,
    in the client when the worker's event reaches it).
    """

    #: ``local`` or the scheduler's address, for the run record.
    name: str = ""
    #: How many jobs may be submitted before one has to finish (``None``: all at once).
    limit: int | None = None

    def __init__(self, on_start: Callable[[Job], None] | None = None):
        self.on_start = on_start or (lambda job: None)

    @property
    def workers(self) -> int:
        """How many jobs run at once (for the run record)."""
        raise NotImplementedError

    def check(self, out_dir: Path, jobs: list[Job]) -> None:
        """Raise :class:`ExecutorError` when the jobs cannot run here (before any is sent)."""

    def submit(self, fn: Callable, job: Job, out_dir: Path) -> cf.Future:
        """Run ``fn(job, out_dir)``; the future's result is what ``fn`` returns."""
        raise NotImplementedError

    def describe_error(self, exc: BaseException) -> str:
        """The one line a failed report shows for what its future raised."""
        return first_line(exc)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LocalExecutor(Executor):
    """``jobs`` threads on this machine (default: one per core), each starting papermill in its own process."""

    name = "local"

    def __init__(self, jobs: int | None = None, on_start=None):
        super().__init__(on_start)
        self._workers = max(1, jobs or os.cpu_count() or 1)
        # a job is handed over only when a thread is free, so "started" follows the end that freed it
        self.limit = self._workers
        self.pool = cf.ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="sellerops-job")

    @property
    def workers(self) -> int:
        return self._workers

    def submit(self, fn, job, out_dir):
        def start_and_run():
            self.on_start(job)  # in the worker thread: when the job really starts, not when it is queued
            return fn(job, out_dir)

        return self.pool.submit(start_and_run)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def run_report(fn: Callable, job: Job, out_dir: Path, topic: str):
    """What a Dask worker runs: say "started" to the client (an event under ``topic``), then ``fn(job, out_dir)``."""
    from distributed import get_worker

    try:
        get_worker().log_event(topic, {"job": job.name})
    except ValueError:  # not inside a worker (called directly)
        pass
    return fn(job, out_dir)


def absolute_paths(job: Job) -> Job:
    """``job`` with its path parameters absolute from this machine's project root, for a worker.

    A worker would otherwise resolve a relative path from its own copy of the project. ``data_dir``
    is sent even where the set leaves it to the notebook's default; ``output_dir`` only where the set
    names one (else the runner gives each job its own folder of the run).

    Examples
    --------
    >>> from sellerops import paths
    >>> job = absolute_paths(Job("n", "s", {"seed": 1}, {"data_dir": "data/sample", "output_dir": "reports/lab"}))
    >>> job.parameters == {"seed": 1, "data_dir": str(paths.SAMPLE_DIR)}
    True
    """
    from ..notebook import resolve_path

    parameters = dict(job.parameters)
    if "data_dir" not in parameters and "data_dir" in job.defaults:
        parameters["data_dir"] = job.defaults["data_dir"]
    for key in PATH_PARAMETERS:
        if isinstance(parameters.get(key), str) and parameters[key]:
            parameters[key] = str(resolve_path(parameters[key]))
    return dataclasses.replace(job, parameters=parameters)


def check_worker(out_dir: str, token_file: str, token: str, folders: list[str]) -> list[str]:
    """Run on every Dask worker before a batch: what this worker cannot do (empty: all is well).

    It must see ``token`` in ``token_file`` (written by the machine that runs the batch: the run
    folder is shared, not merely a folder of the same name), write into ``out_dir``, and see every
    data folder.
    """
    problems = []
    try:
        seen = Path(token_file).read_text(encoding="utf-8")
    except OSError as exc:
        seen = f"cannot read it ({exc.strerror or exc})"
    if seen != token:
        problems.append(f"does not see the run folder {out_dir} of the machine that runs the batch ({seen[:80]})")
    else:
        probe = Path(out_dir) / f".worker-check-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            probe.write_text("ok", encoding="utf-8")
            probe.unlink()
        except OSError as exc:
            problems.append(f"cannot write into the run folder {out_dir} ({exc.strerror or exc})")
    problems += [f"does not see the data folder {f}" for f in folders if not Path(f).is_dir()]
    return problems


class DaskExecutor(Executor):
    """Jobs on a Dask cluster through :meth:`distributed.Client.get_executor` (a :class:`concurrent.futures.Executor`).

    ``address`` is the scheduler's (``tcp://HOST:PORT``); ``jobs`` caps the jobs on the cluster at once.
    """

    def __init__(self, address: str, jobs: int | None = None, on_start=None, *, connect_timeout: float = 20):
        super().__init__(on_start)
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise ExecutorError(f"the Dask executor needs the 'distributed' package ({exc})") from None
        self.name = "dask://" + address.removeprefix("tcp://")
        self.limit = jobs if jobs and jobs > 0 else None
        try:
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except OSError as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}".splitlines()[0]) from None
        self.pool = self.client.get_executor(pure=False)  # a re-run runs again, never a cached result
        self.topic = f"sellerops-started-{uuid.uuid4().hex}"
        self._jobs: dict[str, Job] = {}
        self.client.subscribe_topic(self.topic, self._heard_start)

    @property
    def workers(self) -> int:
        threads = sum(self.client.nthreads().values())
        return min(self.limit, threads) if self.limit and threads else (self.limit or threads)

    def _heard_start(self, event) -> None:
        _, msg = event
        job = self._jobs.get(msg.get("job") if isinstance(msg, dict) else None)
        if job is not None:
            self.on_start(job)

    def check(self, out_dir: Path, jobs: list[Job]) -> None:
        """Ask every worker connected now to import sellerops and to see the run folder and the data folders.

        Workers that join later (an adaptive cluster scaling up) are not asked.
        """
        if not self.client.nthreads():
            return
        token = uuid.uuid4().hex
        token_file = out_dir / f".executor-check-{token[:8]}"
        token_file.write_text(token, encoding="utf-8")
        folders = sorted({f for j in jobs if (f := absolute_paths(j).parameters.get("data_dir"))})
        try:
            answers = self.client.run(check_worker, str(out_dir), str(token_file), token, folders, on_error="return")
        finally:
            token_file.unlink(missing_ok=True)
        problems = []
        for worker, answer in sorted(answers.items()):
            if isinstance(answer, BaseException):
                problems.append(f"worker {worker}: {first_line(answer)} (is sellerops installed there?)")
            else:
                problems += [f"worker {worker} {p}" for p in answer]
        if problems:
            raise ExecutorError(
                "the Dask workers cannot run this batch (inputs and --out must be paths every worker reads and "
                "writes): " + "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
            )

    def describe_error(self, exc: BaseException) -> str:
        """A worker that died under the job says so in words, with the worker to look at."""
        from distributed.scheduler import KilledWorker

        if isinstance(exc, KilledWorker):
            worker = getattr(exc.last_worker, "address", exc.last_worker)
            tries = exc.allowed_failures + 1
            return (
                f"KilledWorker: the worker running this report died ({tries} time{'s' if tries > 1 else ''}, "
                f"last {worker}); its log tells why (often memory)"
            )
        return first_line(exc)

    def submit(self, fn, job, out_dir):
        self._jobs[job.name] = job
        return self.pool.submit(run_report, fn, absolute_paths(job), out_dir, self.topic)

    def close(self) -> None:
        try:
            self.client.unsubscribe_topic(self.topic)
        except Exception:  # the scheduler may be gone already
            pass
        self.client.close()


def first_line(exc: BaseException) -> str:
    """``TypeName: first line of the message`` (just the name when the message is empty).

    Examples
    --------
    >>> first_line(ValueError("bad\\nmore")), first_line(cf.CancelledError())
    ('ValueError: bad', 'CancelledError')
    """
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def open_executor(spec: str | Executor = "local", *, jobs: int | None = None, on_start=None) -> Executor:
    """The executor ``spec`` names (``local``, ``dask://HOST:PORT``), or ``spec`` itself when it is one."""
    if isinstance(spec, Executor):
        if on_start is not None:
            spec.on_start = on_start
        return spec
    kind, address = parse_executor(spec or "local")
    if kind == "local":
        return LocalExecutor(jobs, on_start)
    return DaskExecutor(address, jobs, on_start)
