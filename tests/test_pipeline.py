"""The import pipeline's choices: how many worker processes to start."""

import pytest

from dipterm.ingest import pipeline


@pytest.mark.parametrize(
    ("cpus", "idle", "expected"),
    [
        (2, 1.0, 2),
        (2, 0.5, 1),  # one core busy elsewhere
        (2, 0.3, 1),
        (8, 0.5, 4),
        (8, 0.3, 2),
        (4, 0.9, 4),
        (1, 1.0, 1),
        (2, 0.0, 1),
    ],
)
def test_workers_are_the_cpus_idle_now(monkeypatch, cpus, idle, expected):
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: set(range(cpus)))
    monkeypatch.setattr(pipeline, "_idle_share", lambda: idle)
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (99.0, 99.0, 99.0))  # not read
    assert pipeline.free_cpus() == expected


@pytest.mark.parametrize(("load", "expected"), [(0.0, 2), (0.9, 1), (7.5, 1)])
def test_without_idle_time_the_load_average_decides(monkeypatch, load, expected):
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(pipeline, "_idle_share", lambda: None)
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (load, load, load))
    assert pipeline.free_cpus() == expected


def test_idle_share_reads_the_kernel():
    share = pipeline._idle_share(0.05)
    assert share is None or 0.0 <= share <= 1.0


def test_a_busy_machine_imports_in_one_process(monkeypatch):
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(pipeline, "_idle_share", lambda: 0.4)
    workers = pipeline._Workers(None, lambda batch: [len(batch)])
    assert workers.submit(list(range(500))) == [[500]]  # done here, no pool started
    assert workers.pool is None


def test_small_batches_do_not_look_at_the_cpus(monkeypatch):
    def never():
        raise AssertionError("read the CPUs for a batch too small to share")

    monkeypatch.setattr(pipeline, "free_cpus", never)
    workers = pipeline._Workers(None, lambda batch: [len(batch)])
    assert workers.submit(list(range(10))) == [[10]]
