"""The executors (executors.py): the sample batch on a real Dask cluster on loopback, a failing job and a
worker that dies without stopping the others, ``--jobs`` on a cluster, workers that cannot see the run
folder, and the addresses ``--executor`` accepts.

Every cluster listens on 127.0.0.1 at ports the OS picks, has no dashboard, and is closed by its
``with`` block; everything is written under pytest's tmp_path."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import time

import dask
import pytest
import yaml
from distributed import LocalCluster

from sellerops import paths
from sellerops.report import runner
from sellerops.report.executors import (
    DaskExecutor,
    ExecutorError,
    absolute_paths,
    check_worker,
    open_executor,
    parse_executor,
)
from sellerops.report.params import Job


def _cluster(**kwargs):
    """A LocalCluster on loopback: ports chosen by the OS, no dashboard (in-process workers unless told)."""
    options = dict(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=None,
        # no dashboard; the scheduler's health and metrics routes on loopback at a port the OS picks
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )
    return LocalCluster(**{**options, **kwargs})


def _address(cluster) -> str:
    return "dask://" + cluster.scheduler_address.removeprefix("tcp://")


def _is_listening(address: str) -> bool:
    host, port = address.removeprefix("tcp://").rsplit(":", 1)
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, int(port))) == 0


def _lines_by_job(log: str) -> dict[str, list[str]]:
    """job name -> the events said about it, in order (``started``, ``ok``, ``FAILED``)."""
    events: dict[str, list[str]] = {}
    for line in log.splitlines():
        if m := re.fullmatch(r"\s+started\s+(\S+)", line):
            events.setdefault(m.group(1), []).append("started")
        elif m := re.match(r"\[\d+/\d+\] (ok|FAILED)\s+(\S+)", line):
            events.setdefault(m.group(2), []).append(m.group(1))
    return events


def test_the_sample_batch_runs_on_a_dask_cluster_and_a_failing_job_does_not_stop_the_others(tmp_path):
    params = {
        "notebooks": ["00_data_health"],
        "defaults": {"data_dir": "data/sample"},
        "sets": {"us": {"marketplace": "US"}, "uk": {"marketplace": "UK"}, "broken": {"marketplace": "US", "seed": -1}},
    }
    params_file = tmp_path / "dask_batch.yaml"
    params_file.write_text(yaml.safe_dump(params, sort_keys=False), encoding="utf-8")
    log = io.StringIO()
    t0 = time.perf_counter()
    with _cluster() as cluster:
        scheduler = cluster.scheduler_address
        out_dir, results = runner.run_batch(
            params_file, run="dask-test", reports_dir=tmp_path / "reports", stream=log, executor=_address(cluster)
        )
    assert time.perf_counter() - t0 < 240, "the Dask batch took longer than it should on 2 cores"
    assert not _is_listening(scheduler), "the cluster's scheduler is still listening"

    status = {r.job.set_name: r.status for r in results}
    assert status == {"us": "ok", "uk": "ok", "broken": "failed"}
    assert [r.job.set_name for r in results] == ["us", "uk", "broken"]  # the plan's order
    # the broken set failed inside its notebook, exactly as a local failure is reported
    broken = results[2]
    assert broken.error.startswith("ValueError") and "non-negative" in broken.error and "\n" not in broken.error
    # results carry the jobs as planned, not the copies sent to the workers with absolute paths
    assert results[0].job.parameters["data_dir"] == "data/sample"
    assert out_dir == tmp_path / "reports" / "dask-test"
    for name in ("us", "uk"):
        assert (out_dir / f"00_data_health__{name}.html").stat().st_size > 10_000
    assert (out_dir / "00_data_health__broken.ipynb").exists()
    assert not (out_dir / "00_data_health__broken.html").exists()
    assert not list(out_dir.glob(".executor-check-*")) and not list(out_dir.glob(".worker-check-*"))

    record = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    assert record["executor"] == _address(cluster) and record["jobs"] == 2
    assert {r["set_name"]: r["status"] for r in record["reports"]} == status
    index = (out_dir / "index.html").read_text(encoding="utf-8")
    assert "non-negative" in index and f"on {_address(cluster)}" in index

    # "started" came from the workers, once per job and before that job's end
    events = _lines_by_job(log.getvalue())
    assert events == {
        "00_data_health__us": ["started", "ok"],
        "00_data_health__uk": ["started", "ok"],
        "00_data_health__broken": ["started", "FAILED"],
    }, log.getvalue()
    assert "[3/3]" in log.getvalue()


def _fake_plan(tmp_path, n=3):
    params = tmp_path / "fake.yaml"
    sets = {f"s{i}": {"marketplace": "US"} for i in range(n)}
    params.write_text(yaml.safe_dump({"notebooks": ["00_data_health"], "sets": sets}))
    return params


def test_a_worker_that_dies_does_not_stop_the_others(tmp_path, monkeypatch):
    def fake_run_job(job, out_dir):  # a closure: Dask sends it to the worker processes by value
        import os
        import time

        from sellerops.report.runner import JobResult

        if job.set_name == "s1":
            os._exit(1)  # the worker process dies under this job
        time.sleep(0.3)
        return JobResult(job, status="ok", seconds=0.3)

    monkeypatch.setattr(runner, "run_job", fake_run_job)
    log = io.StringIO()
    # the scheduler fails a job at its worker's first death (its default re-runs it on up to 3 more workers),
    # and gives a worker only the job it runs, so that no other job was on the worker that died
    config = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
    with dask.config.set(config):
        with _cluster(processes=True) as cluster:
            _, results = runner.run_batch(
                _fake_plan(tmp_path), run="dies", reports_dir=tmp_path, stream=log, executor=_address(cluster)
            )
    assert [r.status for r in results] == ["ok", "failed", "ok"], log.getvalue()
    assert re.fullmatch(
        r"KilledWorker: the worker running this report died \(1 time, last tcp://127\.0\.0\.1:\d+\); its log tells why "
        r"\(often memory\)",
        results[1].error,
    ), results[1].error
    index = (tmp_path / "dies" / "index.html").read_text(encoding="utf-8")
    assert "KilledWorker" in index


def test_jobs_caps_how_many_jobs_are_on_the_cluster(tmp_path, monkeypatch):
    def fake_run_job(job, out_dir):
        time.sleep(0.2)
        return runner.JobResult(job, status="ok", seconds=0.2)

    monkeypatch.setattr(runner, "run_job", fake_run_job)
    log = io.StringIO()
    with _cluster() as cluster:
        _, results = runner.run_batch(
            _fake_plan(tmp_path), run="capped", jobs=1, reports_dir=tmp_path, stream=log, executor=_address(cluster)
        )
    assert [r.status for r in results] == ["ok", "ok", "ok"]
    lines = [ln.split()[0] for ln in log.getvalue().splitlines()]
    # one at a time although the cluster has two worker threads
    assert lines == ["started", "[1/3]", "started", "[2/3]", "started", "[3/3]"], log.getvalue()
    assert json.loads((tmp_path / "capped" / "run.json").read_text())["jobs"] == 1


def test_a_worker_that_cannot_see_the_run_folder_stops_the_batch_before_anything_runs(tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    token = out / ".executor-check"
    token.write_text("abc", encoding="utf-8")
    assert check_worker(str(out), str(token), "abc", [str(paths.SAMPLE_DIR)]) == []
    # another machine's folder of the same name: the token is not there
    problems = check_worker(str(out), str(tmp_path / "elsewhere"), "abc", [str(tmp_path / "no-data")])
    assert problems[0].startswith(f"does not see the run folder {out}") and "cannot read it" in problems[0]
    assert problems[1] == f"does not see the data folder {tmp_path / 'no-data'}"
    if os.geteuid() != 0:  # root writes into read-only folders
        out.chmod(0o500)
        try:
            assert "cannot write into the run folder" in check_worker(str(out), str(token), "abc", [])[0]
        finally:
            out.chmod(0o700)


def test_a_worker_that_cannot_run_the_batch_is_an_error_naming_it(tmp_path, monkeypatch):
    from sellerops.report import executors

    monkeypatch.setattr(executors, "check_worker", lambda *args: ["does not see the data folder /nowhere"])
    ran = []
    monkeypatch.setattr(runner, "run_job", lambda job, out_dir: ran.append(job))
    last_run = tmp_path / "blind" / "00_data_health__s0.html"
    last_run.parent.mkdir()
    last_run.write_text("the last run's report", encoding="utf-8")
    with _cluster(n_workers=1) as cluster:
        with pytest.raises(ExecutorError, match=r"worker tcp://127\.0\.0\.1:\d+ does not see the data folder /nowhere"):
            runner.run_batch(
                _fake_plan(tmp_path),
                run="blind",
                reports_dir=tmp_path,
                stream=io.StringIO(),
                executor=_address(cluster),
            )
    assert ran == [] and not (tmp_path / "blind" / "index.html").exists()
    assert last_run.exists()  # nothing ran, so nothing of the last run was removed


def test_no_scheduler_at_the_address_is_an_error():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ExecutorError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        DaskExecutor(f"tcp://127.0.0.1:{port}", connect_timeout=1)


def test_the_addresses_executor_accepts():
    assert parse_executor("local") == ("local", "")
    assert parse_executor("dask://sched.agency.internal:9000") == ("dask", "tcp://sched.agency.internal:9000")
    assert parse_executor("dask://10.1.2.3") == ("dask", "tcp://10.1.2.3:8786")
    assert parse_executor("tcp://10.1.2.3:8786") == ("dask", "tcp://10.1.2.3:8786")  # as `dask scheduler` prints it
    assert parse_executor("dask://[::1]:8786") == ("dask", "tcp://[::1]:8786")
    for wrong in ("", "dask", "dask://", "dask://host:port", "dask://host:8786/x", "s3://bucket", "threads"):
        with pytest.raises(ExecutorError, match="executor must be 'local' or 'dask://HOST:PORT'"):
            parse_executor(wrong)


def test_the_command_line_refuses_a_wrong_executor(capsys):
    from sellerops.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["report", "--executor", "ray://head:10001"])
    assert stop.value.code == 2
    assert "executor must be 'local' or 'dask://HOST:PORT', got 'ray://head:10001'" in capsys.readouterr().err


def test_the_local_executor_is_the_default_with_one_thread_per_job():
    with open_executor("local", jobs=3) as ex:
        assert ex.name == "local" and ex.workers == 3 and ex.limit == 3
        assert ex.submit(lambda job, out_dir: (job, out_dir), "j", "o").result() == ("j", "o")


def test_jobs_are_sent_to_workers_with_absolute_paths():
    job = Job(
        "00_data_health",
        "x",
        {"marketplace": "US", "output_dir": "reports/mine"},
        {"data_dir": "data/sample", "seed": 0},
    )
    sent = absolute_paths(job)
    assert sent.parameters == {
        "marketplace": "US",
        "output_dir": str(paths.PROJECT_ROOT / "reports" / "mine"),
        "data_dir": str(paths.SAMPLE_DIR),
    }
    assert sent.defaults == job.defaults and job.parameters["output_dir"] == "reports/mine"  # the original is kept


def test_the_help_says_where_notebooks_run(capsys):
    from sellerops.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["report", "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    assert "--executor local|dask://HOST:PORT" in text and "--jobs" in text
    assert "a shared file system" in text and "object-store URLs are not supported" in text
    assert "live display" in text
