"""Nothing lost, nothing crashes: concurrent imports, a reader during an import, Ctrl-C in the
middle of one, bad input of every kind, read-only and damaged libraries, hostile text, doctor.
(SIGKILL and a full disk at chosen points: test_faults.py.)"""

import os
import signal
import sqlite3
import threading
from pathlib import Path

import pytest
from conftest import SEEDS
from processes import corpus, count, dipterm, healthy, wait_stopped
from reading import open_in_reader

from dipterm.store.library import Library
from dipterm.store.schema import SCHEMA_VERSION


def test_two_imports_at_once_lose_and_double_nothing(tmp_path, db_path):
    """The first import stops after its first batch; the second, which shares 600 articles with
    it, runs to its end meanwhile; then the first goes on and finds them held (from the other
    file: its origin recorded, the article stored once)."""
    a = corpus(tmp_path / "a.jsonl", 1200, 0)
    b = corpus(tmp_path / "b.jsonl", 1200, 600)  # 600 articles in common
    first = dipterm("ingest", "-q", str(a), db=db_path, fault="import:batch:1:stop")
    wait_stopped(first)
    second = dipterm("ingest", "-q", str(b), db=db_path)
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert out == "1200 imported, 0 unchanged, 0 skipped\n"
    os.kill(first.pid, signal.SIGCONT)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert out == (
        "600 imported, 0 unchanged, 600 already held from another source (origin recorded), "
        "0 skipped\n"
    )
    assert count(db_path) == 1800
    healthy(db_path)


def test_a_reader_searches_while_an_import_writes(tmp_path, db_path):
    """The import stops after each of its first three batches; a reader holding the library
    open sees each batch whole as it is committed, and every article at the end."""
    with Library.open(db_path) as lib:
        lib.add([])
    writer = dipterm(
        "ingest",
        "-q",
        str(corpus(tmp_path / "c.jsonl", 2000)),
        db=db_path,
        fault="import:batch:1:stop,import:batch:2:stop,import:batch:3:stop",
    )
    seen = []
    with Library.open(db_path) as reader:
        for _ in range(3):
            wait_stopped(writer)
            assert [h.title for h in reader.search("delegation", limit=5).hits]
            seen.append(reader.count_matching("ministry"))
            os.kill(writer.pid, signal.SIGCONT)
        out, err = writer.communicate(timeout=300)
        seen.append(reader.count_matching("delegation"))
    assert writer.returncode == 0, err
    assert seen == [500, 1000, 1500, 2000]


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
    ("query", "code", "said"),
    [
        ("x" * 10_000, 2, "dipterm: query too long (10000 characters; at most 2000)"),
        ('"kim jong', 2, 'dipterm: unbalanced quote: close the phrase with " or remove the quote'),
        ("NEAR(kim AND) OR", 2, "dipterm: OR needs a term on each side"),
        ("* ^ : ( )", 2, "dipterm: nothing to search for: the query has no words"),
        ("-", 2, "dipterm: nothing to search for: the query has no words"),
        (
            "title:",
            2,
            "dipterm: title: needs a value right after the colon (words that must be in the title)",
        ),
    ],
)
def test_hostile_queries_get_one_line_and_exit_2_or_search(run, seeded, query, code, said):
    result = run("search", query, db=seeded)
    assert (result.exit_code, result.stderr, result.stdout) == (code, said + "\n", "")


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

    conn = sqlite3.connect(seeded)
    conn.execute(
        "UPDATE articles SET title = 'T\x1b[31mitle', body = 'Body \x1b[2J text.' WHERE id = 1"
    )
    conn.commit()
    conn.close()
    async with DiptermApp(seeded).run_test(size=(120, 35)) as pilot:
        reader = await open_in_reader(pilot, 1)
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
    proc = dipterm(
        "ingest",
        "-q",
        str(corpus(tmp_path / "d.jsonl", 1500)),
        db=db_path,
        fault="import:batch:1:interrupt",  # Ctrl-C once the first batch is committed
    )
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, err
    assert err == "dipterm: interrupted\n" and out == ""
    healthy(db_path)
    assert count(db_path) == 500


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


def test_doctor_names_damage_that_keeps_the_library_from_opening(run, seeded):
    conn = sqlite3.connect(seeded)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with seeded.open("r+b") as f:  # the schema, on the first page after its header
        f.seek(100)
        f.write(b"\xde\xad\xbe\xef" * 500)
    result = run("doctor", db=seeded)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "PROBLEM  SQLite integrity: database disk image is malformed",
        "PROBLEM  the file itself is damaged: dipterm cannot repair it. Restore a copy, or save "
        f"what can be read with: sqlite3 {seeded} .recover | sqlite3 NEW.db",
    ]
    searched = run("search", "lavrov", db=seeded)
    assert searched.exit_code == 2 and "malformed" in searched.stderr


@pytest.fixture
def full_checks(monkeypatch) -> list[bool]:
    """Each full check of the file (quick_check) as it runs: whether on the main thread."""
    from dipterm.store import soundness

    calls: list[bool] = []
    check = soundness.check

    def counted(conn):
        calls.append(threading.current_thread() is threading.main_thread())
        return check(conn)

    monkeypatch.setattr(soundness, "check", counted)
    return calls


def test_a_library_found_sound_is_read_whole_again_only_once_something_else_wrote_it(
    run, seeded, full_checks
):
    assert run("select", "add", "a", "1", db=seeded).exit_code == 0
    assert len(full_checks) == 1
    assert run("select", "add", "b", "2", db=seeded).exit_code == 0
    assert run("watch", "add", "w", "kim", db=seeded).exit_code == 0
    assert len(full_checks) == 1  # the file is as dipterm left it: no need to read it whole
    conn = sqlite3.connect(seeded)  # another program writes to it
    with conn:
        conn.execute("UPDATE articles SET title = title || '.' WHERE id = 1")
    conn.close()
    assert run("select", "add", "c", "1", db=seeded).exit_code == 0
    assert len(full_checks) == 2
    damage(seeded)
    refused = run("select", "add", "d", "1", db=seeded)
    assert refused.exit_code == 2 and "is damaged: nothing was written" in refused.stderr
    assert len(full_checks) == 3


def test_a_kept_verdict_stands_a_day_at_most(run, seeded, full_checks, monkeypatch):
    from dipterm.store import soundness

    assert run("select", "add", "a", "1", db=seeded).exit_code == 0
    now = soundness.time.time()
    monkeypatch.setattr(soundness.time, "time", lambda: now + soundness.MAX_AGE + 1)
    assert run("select", "add", "b", "2", db=seeded).exit_code == 0
    assert len(full_checks) == 2


def test_damage_doctor_finds_makes_the_next_write_check_the_whole_file(
    run, seeded, full_checks, monkeypatch
):
    """Damage that changes no time of the file (a failing disk): the kept verdict stands until
    doctor finds it; then the next write reads the file whole and refuses it."""
    from dipterm.store import soundness

    monkeypatch.setattr(soundness, "fingerprint", lambda library: ["as before"])
    assert run("select", "add", "a", "1", db=seeded).exit_code == 0
    damage(seeded)
    assert run("doctor", db=seeded).exit_code == 1
    refused = run("select", "add", "b", "1", db=seeded)
    assert refused.exit_code == 2 and "is damaged: nothing was written" in refused.stderr
    assert len(full_checks) == 2


async def test_the_interface_checks_the_file_off_its_thread_and_refuses_damage(seeded, full_checks):
    from test_tui import settle

    from dipterm.tui.app import DiptermApp
    from dipterm.tui.screens.main import MainScreen

    async with DiptermApp(seeded).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert full_checks == [False]  # once, in a worker, before any write asked
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        screen._save("kept", [1, 2])
        await settle(pilot)
        assert full_checks == [False]
    with Library.open(seeded) as library:
        assert sorted(library.selection("kept")) == [1, 2]
    damage(seeded, "revisions")  # a table the interface does not read as it opens
    async with DiptermApp(seeded).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pilot.app.screen._save("lost", [1])
        await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
        assert any("is damaged: nothing was written" in m for m in said), said
    assert full_checks == [False, False] and not any(full_checks)


def test_damage_met_during_a_command_keeps_no_verdict(seeded, tmp_path):
    """A write that meets SQLITE_CORRUPT on its way vouches for nothing at close: the next
    write checks the whole file."""
    from dipterm.store import soundness

    cache = tmp_path / "verdicts"
    with Library.open(seeded, verdicts=cache) as library:
        library.add_to_selection("a", [1])
    assert soundness.known_sound(seeded, cache)
    with pytest.raises(sqlite3.DatabaseError), Library.open(seeded, verdicts=cache) as library:
        library.add_to_selection("b", [2])
        raise sqlite3.DatabaseError("database disk image is malformed")
    assert not soundness.known_sound(seeded, cache)
