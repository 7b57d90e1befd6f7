"""Nothing lost, nothing crashes: concurrent imports, a reader during an import, SIGKILL in the
middle of one, bad input of every kind, read-only libraries, hostile text, doctor."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import SEEDS

from dipterm.store.library import Library
from dipterm.store.schema import SCHEMA_VERSION


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


def dipterm(*args: str, db: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dipterm", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


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


def test_two_imports_at_once_lose_and_double_nothing(tmp_path, db_path):
    a = corpus(tmp_path / "a.jsonl", 1200, 0)
    b = corpus(tmp_path / "b.jsonl", 1200, 600)  # 600 articles in common
    first, second = (
        dipterm("ingest", "-q", str(a), db=db_path),
        dipterm("ingest", "-q", str(b), db=db_path),
    )
    outs = [p.communicate(timeout=300) for p in (first, second)]
    assert first.returncode == second.returncode == 0, outs
    assert "locked" not in "".join(o[1] for o in outs)
    assert count(db_path) == 1800
    healthy(db_path)


def test_a_reader_searches_while_an_import_writes(tmp_path, db_path):
    with Library.open(db_path) as lib:
        lib.add([])
    writer = dipterm("ingest", "-q", str(corpus(tmp_path / "c.jsonl", 2000)), db=db_path)
    errors, searches = [], 0
    with Library.open(db_path) as reader:
        while writer.poll() is None:
            try:
                reader.search("delegation", limit=5)
                reader.count_matching("ministry")
                searches += 1
            except Exception as exc:  # noqa: BLE001 - any error is the failure
                errors.append(repr(exc))
            time.sleep(0.01)
        seen = reader.count_matching("delegation")
    assert writer.returncode == 0 and errors == [] and searches > 3
    assert seen == 2000


def test_killed_import_keeps_committed_batches_and_finishes_on_rerun(tmp_path, db_path):
    data = corpus(tmp_path / "big.jsonl", 4000)
    proc = dipterm("ingest", "-q", str(data), db=db_path, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if db_path.exists() and _safe_count(db_path) >= 500:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    healthy(db_path)
    kept = count(db_path)
    assert 500 <= kept < 4000 and kept % 500 == 0, kept  # whole batches, never part of one
    rerun = dipterm("ingest", "-q", str(data), db=db_path)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert out.startswith(f"{4000 - kept} imported, {kept} unchanged")
    assert count(db_path) == 4000
    healthy(db_path)


def _safe_count(db: Path) -> int:
    try:
        return count(db)
    except sqlite3.DatabaseError:
        return 0


BAD_INPUTS = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
    "empty.txt": (b"", "empty file"),
    "broken.txt": (
        "Title\n\nThe Workers\u2019 Party ".encode() + b"\xff\xfe\xfd and more",
        "invalid UTF-8 at byte",
    ),
    "menu.html": (
        b"<html><body><nav>Home | News</nav><p>Hi.</p></body></html>",
        "no article in the page",
    ),
    "cols.csv": (b"a,b\n1,2\n", "no column of article text"),
    "object.json": (b'{"hello": "world"}', "no article text"),
    "numbers.json": (b"[1, 2, 3]", "not of records"),
    "bad.json": (b'[{"title": "x"', "not valid JSON"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_leaves_the_library_unchanged(run, seeded, tmp_path, name):
    data, reason = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = run("ingest", str(path), db=seeded)
    assert result.exit_code == 1
    assert result.stdout.strip() == "0 imported, 0 unchanged, 1 skipped"
    [line] = result.stderr.strip().splitlines()
    assert name in line and reason in line
    assert count(seeded) == 2


def test_huge_text_file_is_refused_without_reading_it_all(run, seeded, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.write(
            b"Title\n\n"
            + b"All work and no play makes a very long article. " * (50 * 1024 * 1024 // 48)
        )
    result = run("ingest", str(path), db=seeded)
    assert result.exit_code == 1 and "too large for one article" in result.stderr
    assert count(seeded) == 2


def test_missing_path_and_unreadable_folder(run, seeded, tmp_path, monkeypatch):
    result = run("ingest", str(tmp_path / "nowhere"), db=seeded)
    assert result.exit_code == 1 and "no such file or folder" in result.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        if Path(top) == locked:
            onerror(PermissionError(13, "Permission denied", str(top)))
            return iter(())
        return real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(os, "walk", walk)
    result = run("ingest", str(locked), db=seeded)
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert "Traceback" not in result.output


def test_library_files_that_cannot_be_used(run, tmp_path, seeded):
    text = tmp_path / "notes.db"
    text.write_text("shopping list")
    for args in (["search", "kim"], ["ingest", str(SEEDS)], ["stats"]):
        result = run(*args, db=text)
        assert (
            result.exit_code == 2 and "not a dipterm library (not an SQLite file)" in result.stderr
        )
    conn = sqlite3.connect(seeded)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    result = run("search", "lavrov", db=seeded)
    assert result.exit_code == 2 and "newer dipterm" in result.stderr


def test_read_only_library_still_searches(run, seeded, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with Library.open(seeded) as lib:
        assert not lib.writable
        assert [h.id for h in lib.search("lavrov").hits] == [1]
    assert run("search", "--ids", "lavrov", db=seeded).stdout.split() == ["1"]
    result = run("ingest", str(SEEDS), db=seeded)
    assert result.exit_code == 2 and "read-only" in result.stderr


def test_a_library_one_index_behind_is_read_as_it_is_when_read_only(seeded, monkeypatch):
    conn = sqlite3.connect(seeded)  # as a dipterm before the vocabulary's word index left it
    conn.execute("DROP INDEX idx_vocab_words")
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    real_access = os.access
    with monkeypatch.context() as m:
        m.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
        with Library.open(seeded) as lib:
            result = lib.search("lavorv")  # a typo: corrected against the vocabulary
            assert [h.id for h in result.hits] == [1] and result.corrections
    with Library.open(seeded) as lib:  # writable: upgraded
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        plan = lib.conn.execute(
            "EXPLAIN QUERY PLAN SELECT term, docs FROM vocab "
            "WHERE len = ? AND term NOT GLOB '*[0-9]*'",
            (6,),
        ).fetchall()
        assert "idx_vocab_words" in str([tuple(row) for row in plan])


@pytest.mark.parametrize(
    "query", ["x" * 10_000, '"kim jong', "NEAR(kim AND) OR", "* ^ : ( )", "-", "title:"]
)
def test_hostile_queries_get_one_line_and_exit_2_or_search(run, seeded, query):
    result = run("search", query, db=seeded)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1


def test_escape_sequences_stored_raw_never_reach_the_terminal(run, seeded):
    conn = sqlite3.connect(seeded)  # as if an older importer had let them through
    conn.execute(
        "UPDATE articles SET title = 'T\x1b]0;pwn\x07itle', body = body || ' \x1b[2J\x1b[31mred' WHERE id = 1"
    )
    conn.commit()
    conn.close()
    for args in (
        ["show", "1"],
        ["search", "lavrov"],
        ["export", "1"],
        ["export", "1", "--format", "csv"],
    ):
        out = run(*args, db=seeded).stdout
        assert "\x1b" not in out and "\x07" not in out, args


async def test_escape_sequences_never_reach_the_interface(seeded):
    from dipterm.tui.app import DiptermApp
    from dipterm.tui.widgets.reader import Reader

    conn = sqlite3.connect(seeded)
    conn.execute(
        "UPDATE articles SET title = 'T\x1b[31mitle', body = 'Body \x1b[2J text.' WHERE id = 1"
    )
    conn.commit()
    conn.close()
    async with DiptermApp(seeded).run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        pilot.app.screen.open_article(1)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        reader = pilot.app.screen.query_one("#reader-a", Reader)
        shown = "".join(str(w.render()) for w in reader.children)
        assert "Body" in shown and "\x1b" not in shown


def test_doctor_finds_and_repairs_a_damaged_index(run, seeded):
    assert run("doctor", db=seeded).exit_code == 0
    conn = sqlite3.connect(seeded)
    conn.execute("DELETE FROM articles_fts WHERE rowid = 2")
    conn.commit()
    conn.close()
    damaged = run("doctor", db=seeded)
    assert damaged.exit_code == 1 and "PROBLEM  full-text index" in damaged.stdout
    repaired = run("doctor", "--repair", db=seeded)
    assert repaired.exit_code == 0 and "rebuilt the full-text index" in repaired.stdout
    assert run("search", "--ids", "Vladivostok", db=seeded).stdout.split() == ["2"]


def test_ctrl_c_during_an_import_is_one_line(tmp_path, db_path):
    proc = dipterm("ingest", "-q", str(corpus(tmp_path / "d.jsonl", 6000)), db=db_path)
    deadline = time.time() + 60
    while time.time() < deadline and _safe_count(db_path) < 500:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "dipterm: interrupted"
    healthy(db_path)
    assert count(db_path) % 500 == 0


def test_interrupting_threads_do_not_share_a_cursor(seeded):
    """The interface's service lets worker threads share one connection safely."""
    from dipterm.tui.service import LibraryService

    service = LibraryService(seeded)
    failures = []

    def hammer():
        for _ in range(30):
            try:
                service.browse("putin")
                service.facets("putin")
            except Exception as exc:  # noqa: BLE001
                failures.append(exc)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    service.close()
    assert failures == []


def test_an_interrupted_list_search_gives_way_and_the_next_one_runs(seeded):
    """A new query stops the list's search still running for the one before: that search
    answers None (nothing to show), not an error, and a stray interrupt spoils nothing after."""
    from dipterm.tui.service import LibraryService

    service = LibraryService(seeded)
    try:
        service.interrupt()  # nothing running: no effect on what comes next
        assert service.browse("putin").total == 2
        # SQLite stops a statement whose progress handler answers non-zero, as on interrupt().
        service.lists.conn.set_progress_handler(lambda: 1, 1)
        assert service.browse("putin") is None
        assert service.library.article(1).title  # an article opens meanwhile
        service.lists.conn.set_progress_handler(None, 1)
        assert service.browse("putin").total == 2
    finally:
        service.close()


def test_an_unforeseen_error_is_one_line_not_a_traceback(run, seeded, monkeypatch):
    from dipterm.store.library import Library

    def broken(self, *args, **kwargs):
        raise ValueError("something nobody foresaw")

    monkeypatch.setattr(Library, "stats", broken)
    monkeypatch.delenv("DIPTERM_DEBUG", raising=False)
    result = run("stats", db=seeded)
    assert result.exit_code == 2
    assert result.stderr.startswith("dipterm: internal error, a bug of dipterm (ValueError: ")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    # Usage errors are still click's, with their own exit code and message.
    assert run("stats", "--no-such-option", db=seeded).exit_code == 2
    monkeypatch.setenv("DIPTERM_DEBUG", "1")
    with pytest.raises(ValueError, match="nobody foresaw"):
        run("stats", db=seeded)


def damage(db: Path, table: str = "articles") -> None:
    """Overwrite the first page of a table with garbage, as a failing disk or a stray write
    would: the file stays an SQLite file whose pages are damaged."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0d\xff\xfe\xfd" * (page_size // 4))


def test_doctor_names_damaged_pages_and_exits_1(run, seeded):
    damage(seeded)
    result = run("doctor", db=seeded)
    assert result.exit_code == 1 and "internal error" not in result.output
    problems = [line for line in result.stdout.splitlines() if line.startswith("PROBLEM")]
    assert problems[0].startswith("PROBLEM  SQLite integrity: ")
    assert problems[-1] == (
        "PROBLEM  the file itself is damaged: dipterm cannot repair it. Restore a copy, or save "
        f"what can be read with: sqlite3 {seeded} .recover | sqlite3 NEW.db"
    )
    repair = run("doctor", "--repair", db=seeded)
    assert repair.exit_code == 2 and "the file itself is damaged" in repair.stderr


@pytest.mark.parametrize(
    "args",
    [["ingest", str(SEEDS)], ["select", "add", "russia", "1"], ["watch", "add", "w", "kim"]],
)
def test_a_damaged_library_is_refused_for_writing(run, seeded, args):
    damage(seeded)
    before = seeded.read_bytes()
    result = run(*args, db=seeded)
    assert result.exit_code == 2
    assert result.stderr == (
        f"dipterm: the library {seeded} is damaged: nothing was written to it. "
        "`dipterm doctor` says what is wrong\n"
    )
    assert seeded.read_bytes() == before
    wal = Path(f"{seeded}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_doctor_on_a_read_only_library_finds_no_false_problem(run, seeded, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    result = run("doctor", db=seeded)
    assert result.exit_code == 0, result.stdout
    assert "PROBLEM" not in result.stdout
    assert "ok       full-text index: not checked against the text (the file is read-only)" in (
        result.stdout.splitlines()
    )
