"""The import pipeline's choices: how many worker processes to start."""

import pytest

from dipterm.ingest import pipeline


@pytest.mark.parametrize(
    ("cpus", "load", "expected"),
    [
        (2, 0.0, 2),
        (2, 0.9, 1),
        (2, 1.2, 1),
        (8, 1.0, 4),
        (8, 5.6, 2),
        (4, 0.4, 4),
        (1, 0.0, 1),
        (2, 7.5, 1),
    ],
)
def test_workers_are_the_cpus_left_free(monkeypatch, cpus, load, expected):
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: set(range(cpus)))
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (load, load, load))
    assert pipeline.free_cpus() == expected


def test_a_busy_machine_imports_in_one_process(monkeypatch):
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (1.5, 1.0, 1.0))
    workers = pipeline._Workers(None, lambda batch: [len(batch)])
    assert workers.submit(list(range(500))) == [[500]]  # done here, no pool started
    assert workers.pool is None
