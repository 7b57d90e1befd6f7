"""Fault injection: SIGKILL, a full disk and concurrent use at chosen points of import, extract
and export (DIPTERM_TEST_FAULT, read by dipterm.faults), then the library checked: it opens, passes
doctor, holds exactly what was committed, and a rerun finishes the rest. No race with a timer:
each fault happens where it is asked for. `pytest -m soak` runs the other seeds."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from processes import alive_in_session, corpus, count, dipterm, healthy, wait_all_gone, wait_stopped

from dipterm import faults
from dipterm.extract.analyse import EXTRACTION_VERSION
from dipterm.ingest.pipeline import BATCH_SIZE, import_paths
from dipterm.store.library import Library

ARTICLES = 3 * BATCH_SIZE + 100  # three whole batches and a short one
# Seeds of the kill points: by default one after a commit and one inside a transaction, the
# soak the other thirteen.
KILL_SEEDS = [2, 5]
SOAK_SEEDS = [seed for seed in range(1, 16) if seed not in KILL_SEEDS]


@pytest.fixture(autouse=True)
def fresh_faults(monkeypatch):
    """Faults count the points passed in this process: each test starts from none."""
    monkeypatch.setattr(faults, "_passed", faults.Counter())
    monkeypatch.delenv(faults.ENVIRONMENT, raising=False)


def kill_point(seed: int) -> tuple[str, int]:
    """Where a seed kills an import, and how many articles are committed by then: after the Nth
    batch is committed, or inside the Nth write, before its commit."""
    rng = random.Random(seed)
    where, nth = rng.choice(["import:batch", "commit"]), rng.randint(1, 3)
    return f"{where}:{nth}:kill", BATCH_SIZE * (nth if where == "import:batch" else nth - 1)


def assert_sound(run, db: Path, articles: int) -> None:
    with Library.open(db) as library:
        assert library.count() == articles
    doctor = run("doctor", db=db)
    assert doctor.exit_code == 0 and "PROBLEM" not in doctor.stdout, doctor.stdout
    healthy(db)


def killed(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, err)
    assert wait_all_gone(proc.pid) == []  # its workers died with it


def import_killed_then_rerun(run, tmp_path, db, seed):
    data = corpus(tmp_path / "corpus.jsonl", ARTICLES)
    fault, committed = kill_point(seed)
    killed(dipterm("ingest", "-q", str(data), db=db, fault=fault))
    assert_sound(run, db, committed)
    rerun = run("ingest", "-q", str(data), db=db)
    assert rerun.exit_code == 0
    assert rerun.stdout == f"{ARTICLES - committed} imported, {committed} unchanged, 0 skipped\n"
    assert_sound(run, db, ARTICLES)


@pytest.mark.parametrize("seed", KILL_SEEDS)
def test_an_import_killed_keeps_exactly_its_committed_batches(run, tmp_path, db_path, seed):
    import_killed_then_rerun(run, tmp_path, db_path, seed)


@pytest.mark.soak
@pytest.mark.parametrize("seed", SOAK_SEEDS)
def test_soak_an_import_killed_keeps_exactly_its_committed_batches(run, tmp_path, db_path, seed):
    import_killed_then_rerun(run, tmp_path, db_path, seed)


@pytest.mark.parametrize("nth", [1, pytest.param(2, marks=pytest.mark.soak)])
def test_an_extraction_killed_keeps_its_committed_batches(run, tmp_path, db_path, nth):
    with Library.open(db_path) as library:
        import_paths(library, [str(corpus(tmp_path / "c.jsonl", ARTICLES))], extract=False)
        assert library.count_drafts(outdated_than=EXTRACTION_VERSION) == ARTICLES
    killed(dipterm("extract", db=db_path, fault=f"extract:batch:{nth}:kill"))
    assert_sound(run, db_path, ARTICLES)
    with Library.open(db_path) as library:
        left = library.count_drafts(outdated_than=EXTRACTION_VERSION)
    assert left == ARTICLES - nth * BATCH_SIZE
    rerun = run("extract", db=db_path)
    assert rerun.exit_code == 0 and rerun.stdout == f"{left} articles extracted again\n"
    with Library.open(db_path) as library:
        assert library.count_drafts(outdated_than=EXTRACTION_VERSION) == 0
        assert library.extraction(1)["places"]  # Pyongyang, found by the rerun or before it


def test_an_export_killed_leaves_the_previous_report_and_the_library(run, seeded, tmp_path):
    report = tmp_path / "report.md"
    report.write_text("the report of yesterday\n")
    killed(dipterm("export", "1", "2", "-o", str(report), db=seeded, fault="export:write:1:kill"))
    assert report.read_text() == "the report of yesterday\n"
    assert len(parts_beside(report)) == 1  # a kill leaves its half-written part...
    assert_sound(run, seeded, 2)
    done = dipterm("export", "1", "2", "-o", str(report), db=seeded)
    assert done.communicate(timeout=60)[1] == f"wrote 2 articles to {report}\n"
    assert report.read_text().startswith("# Articles")
    assert parts_beside(report) == []  # ...which the next export to it removes


def parts_beside(report: Path) -> list[str]:
    """The hidden files an export to report makes beside it (and nothing else of its folder)."""
    return sorted(p.name for p in report.parent.glob(f".{report.name}*"))


@pytest.mark.parametrize("fault", ["interrupt", "terminate", "hangup"])
def test_an_export_stopped_by_a_signal_leaves_nothing_beside_the_report(seeded, tmp_path, fault):
    report = tmp_path / "report.md"
    report.write_text("the report of yesterday\n")
    proc = dipterm(
        "export", "1", "2", "-o", str(report), db=seeded, fault=f"export:write:1:{fault}"
    )
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (-signal.SIGTERM, -signal.SIGHUP, 130), (proc.returncode, err)
    assert report.read_text() == "the report of yesterday\n"
    assert parts_beside(report) == []


def test_an_export_at_work_keeps_its_part_while_another_writes_the_same_report(seeded, tmp_path):
    report = tmp_path / "report.md"
    first = dipterm("export", "1", "-o", str(report), db=seeded, fault="export:write:1:stop")
    try:
        wait_stopped(first)
        assert len(parts_beside(report)) == 1
        second = dipterm("export", "2", "-o", str(report), db=seeded)
        assert second.communicate(timeout=60)[1] == f"wrote 1 articles to {report}\n"
        assert len(parts_beside(report)) == 1  # the stopped export's part: not stale, kept
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert first.communicate(timeout=60)[1] == f"wrote 1 articles to {report}\n"
    assert parts_beside(report) == []


def test_a_full_disk_in_an_import_is_said_and_the_rerun_finishes(
    run, tmp_path, db_path, monkeypatch
):
    data = corpus(tmp_path / "corpus.jsonl", ARTICLES)
    monkeypatch.setenv(faults.ENVIRONMENT, "commit:2:full")
    result = run("ingest", "-q", str(data))
    assert result.exit_code == 2
    assert result.stderr.startswith("dipterm: the disk is full: free some space")
    assert "bug" not in result.stderr
    monkeypatch.delenv(faults.ENVIRONMENT)
    assert_sound(run, db_path, BATCH_SIZE)
    assert run("ingest", "-q", str(data)).stdout.startswith(f"{ARTICLES - BATCH_SIZE} imported")
    assert_sound(run, db_path, ARTICLES)


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system of its own (tmpfs), where the machine lets the tests mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    tried = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if tried.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_is_said_and_nothing_is_lost(run, seeded, tmp_path, small_disk):
    db = small_disk / "library.db"
    shutil.copy(seeded, db)
    result = run("ingest", "-q", str(corpus(tmp_path / "corpus.jsonl", 4000)), db=db)
    assert result.exit_code == 2
    assert result.stderr.startswith("dipterm: the disk is full")
    kept = count(db)
    assert kept >= 2 and (kept - 2) % BATCH_SIZE == 0
    healthy(db)
    for made in small_disk.iterdir():  # room again, for the report of yesterday
        made.unlink()
    report = small_disk / "report.md"
    report.write_text("the report of yesterday\n")
    filler = small_disk / "filler"
    with filler.open("wb", buffering=0) as out:  # leave less room than the report needs
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError:
            pass
    exported = run("export", "1", "2", "-o", str(report), db=seeded)
    assert exported.exit_code == 2 and exported.stderr.startswith("dipterm: the disk is full")
    assert report.read_text() == "the report of yesterday\n"


async def test_the_interface_keeps_its_writes_while_imports_and_searches_run(seeded, tmp_path):
    """The interface open on a library; an import stopped half-way, searches run in other
    processes, a selection saved in the interface; then the import finishes, another search and
    another selection. Afterwards every article is there once and both selections are kept."""
    from test_tui import settle, type_query

    from dipterm.tui.app import DiptermApp
    from dipterm.tui.screens.dialogs import AskDialog
    from dipterm.tui.widgets.article_list import ArticleList

    data = corpus(tmp_path / "corpus.jsonl", ARTICLES)
    async with DiptermApp(seeded).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        importer = dipterm(
            "ingest", "-q", str(data), db=seeded, fault="import:batch:1:stop,import:batch:2:stop"
        )
        wait_stopped(importer)
        searched = subprocess.run(
            [
                sys.executable,
                "-m",
                "dipterm",
                "--db",
                str(seeded),
                "search",
                "--ids",
                "delegation",
                "-n",
                "10000",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert len(searched.stdout.split()) == BATCH_SIZE

        async def save(query: str, name: str, marked: set[int]) -> None:
            await type_query(pilot, query)
            await pilot.press("escape", "space")
            assert pilot.app.screen.query_one(ArticleList).marked == marked
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(pilot.app.screen, AskDialog)
            await pilot.press(*name, "enter")
            await settle(pilot)

        await save("lavrov", "during", {1})
        os.kill(importer.pid, signal.SIGCONT)
        wait_stopped(importer)
        await pilot.press("r")
        await settle(pilot)
        os.kill(importer.pid, signal.SIGCONT)
        out, err = importer.communicate(timeout=300)
        assert importer.returncode == 0, err
        assert out == f"{ARTICLES} imported, 0 unchanged, 0 skipped\n"
        await save("vladivostok", "after", {1, 2})  # marks stay from one list to the next
    assert alive_in_session(importer.pid) == []
    with Library.open(seeded) as library:
        assert library.count() == ARTICLES + 2
        assert library.selection("during") == [1] and sorted(library.selection("after")) == [1, 2]
        assert library.count_matching("delegation") == ARTICLES
    healthy(seeded)


def test_the_extraction_workers_die_with_a_killed_import(tmp_path, db_path):
    """An import with two worker processes, stopped after its first batch: the workers are there;
    SIGKILL to the import alone ends them too, rather than leave them holding the library."""
    data = corpus(tmp_path / "corpus.jsonl", ARTICLES)
    script = (
        "import sys\n"
        "from dipterm.ingest.pipeline import import_paths\n"
        "from dipterm.store.library import Library\n"
        "with Library.open(sys.argv[1]) as library:\n"
        "    import_paths(library, [sys.argv[2]], workers=2)\n"
    )
    env = {**os.environ, faults.ENVIRONMENT: "import:batch:1:stop"}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path), str(data)],
        env=env,
        start_new_session=True,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_stopped(proc)
    workers = [pid for pid in alive_in_session(proc.pid) if pid != proc.pid]
    assert len(workers) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert wait_all_gone(proc.pid) == []
    assert count(db_path) == BATCH_SIZE
