"""Helpers for tests that run dipterm in other processes and look at the library afterwards."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from dipterm import faults


def corpus(path: Path, n: int, start: int = 0) -> Path:
    """n distinct small articles as JSON Lines."""
    with path.open("w") as out:
        for i in range(start, start + n):
            out.write(
                json.dumps(
                    {
                        "title": f"Report number {i}",
                        "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        "text": f"Pyongyang (KCNA) -- Delegation {i} met officials of the Ministry of "
                        f"Culture in Pyongyang. Item {i} closes the report with number {i * 7}.",
                        "url": f"http://www.kcna.kp/en/article/{i}",
                    }
                )
                + "\n"
            )
    return path


def dipterm(*args: str, db: Path, fault: str | None = None, **kwargs) -> subprocess.Popen:
    """dipterm in a process of its own (and a session of its own, so that its workers can be
    found), with DIPTERM_TEST_FAULT set to fault."""
    env = dict(os.environ)
    env.pop(faults.ENVIRONMENT, None)
    if fault:
        env[faults.ENVIRONMENT] = fault
    return subprocess.Popen(
        [sys.executable, "-m", "dipterm", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        **kwargs,
    )


def wait_stopped(proc: subprocess.Popen) -> None:
    """Wait until proc stops itself (a `stop` fault); it must not end instead."""
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), f"ended ({status}) instead of stopping: {proc.stderr.read()}"


def count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def healthy(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def alive_in_session(session: int) -> list[int]:
    """The processes of a session still running (a zombie has ended: it holds nothing)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, pgrp, session
        if int(fields[3]) == session and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def wait_all_gone(session: int, patience: float = 30.0) -> list[int]:
    """The processes of a session left once they had the time to die (a kill's signal is sent
    at once, but a process takes a moment to end); empty when all are gone. Those left are
    killed then, so that a failing test leaves nothing running."""
    deadline = time.monotonic() + patience
    while (left := alive_in_session(session)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left
