"""Time to the first answer: an import is searchable before its extraction is done, the rest is
extracted after (by ingest, dipterm extract, or behind the interface), and what waits is said."""

from __future__ import annotations

import json
import time

from conftest import SEEDS

from dipterm.store.library import Library


def _people(db, article_id: int) -> list[str]:
    with Library.open(db) as lib:
        return [p["name"] for p in lib.extraction(article_id)["people"]]


def test_ingest_later_is_searchable_at_once_and_extracted_by_extract(run, db_path):
    done = run("ingest", "--later", str(SEEDS))
    assert done.exit_code == 0 and "dipterm extract" in done.stderr
    assert run("search", "--ids", "Lavrov").output.split() == ["1"]
    assert _people(db_path, 1) == []
    stats = json.loads(run("stats", "--json").output)
    assert stats["awaiting_extraction"] == stats["articles"] == 2
    assert "2 articles were extracted by older rules or not at all" in run("doctor").output
    run("extract")
    assert "Sergei Lavrov" in _people(db_path, 1)
    assert json.loads(run("stats", "--json").output)["awaiting_extraction"] == 0


def test_ingest_extracts_after_storing_unless_told_otherwise(run, db_path):
    assert run("ingest", str(SEEDS)).exit_code == 0
    assert "Sergei Lavrov" in _people(db_path, 1)
    with Library.open(db_path) as lib:
        assert lib.awaiting_extraction() == 0


def test_a_later_ingest_extracts_what_an_earlier_one_left(run, db_path, tmp_path):
    run("ingest", "--later", str(SEEDS / "000_565e87e98638243f.txt"))
    run("ingest", str(SEEDS / "002_e79d83f63092200b.txt"))
    assert "Sergei Lavrov" in _people(db_path, 1)  # the first import's article too
    with Library.open(db_path) as lib:
        assert lib.awaiting_extraction() == 0


def test_the_first_start_of_the_interface_builds_without_extracting(isolated_data, monkeypatch):
    """The interface's first start builds the default library searchable only; a command line
    first start extracts too."""
    from dipterm.workspace import open_library

    with open_library(None, extract=False) as lib:
        assert lib.count() > 1000
        assert lib.awaiting_extraction() == lib.count()
        assert lib.search("Lavrov").hits


async def _until(pilot, done, seconds: float = 90.0) -> None:
    """Wait for done() by the clock, generously: a child process starting on a loaded machine
    (the whole suite on every core) has taken over 20 s."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.05)


async def test_the_interface_extracts_behind_and_says_how_far(db_path):
    from dipterm.ingest.pipeline import import_paths
    from dipterm.tui.app import DiptermApp

    with Library.open(db_path) as lib:
        import_paths(lib, [str(SEEDS)], extract=False)
    app = DiptermApp(db_path)
    async with app.run_test(size=(120, 35)) as pilot:
        await _until(pilot, lambda: app.extraction is None)  # a child process: seconds at most
        assert app.extraction is None
        assert "incomplete" not in app.sub_title
    assert "Sergei Lavrov" in _people(db_path, 1)


async def test_the_header_says_how_far_while_it_runs(db_path, monkeypatch, tmp_path):
    import sys

    from dipterm.ingest.pipeline import import_paths
    from dipterm.tui import extraction
    from dipterm.tui.app import DiptermApp

    with Library.open(db_path) as lib:
        import_paths(lib, [str(SEEDS)], extract=False)
    done = tmp_path / "done"  # the stand-in extraction runs until the test lets it end
    wait = f"import os, time\nwhile not os.path.exists({str(done)!r}): time.sleep(0.02)"
    slow = [sys.executable, "-c", wait]
    monkeypatch.setattr(extraction.BackgroundExtraction, "command", staticmethod(lambda p: slow))
    app = DiptermApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: "extracting" in app.sub_title)
        assert app.sub_title == "extracting 0/2: facets, dossiers incomplete"
        done.write_text("")
        await _until(pilot, lambda: app.extraction is None)
        assert app.extraction is None and "incomplete" not in app.sub_title


async def test_quitting_the_interface_stops_the_extraction_it_started(db_path, monkeypatch):
    import sys

    from dipterm.ingest.pipeline import import_paths
    from dipterm.tui import extraction
    from dipterm.tui.app import DiptermApp

    with Library.open(db_path) as lib:
        import_paths(lib, [str(SEEDS)], extract=False)
    slow = [sys.executable, "-c", "import time; time.sleep(30)"]
    monkeypatch.setattr(extraction.BackgroundExtraction, "command", staticmethod(lambda p: slow))
    app = DiptermApp(db_path)
    async with app.run_test(size=(120, 35)):
        started = app.extraction
        assert started is not None and started.running
    assert started.process.poll() is not None  # stopped with the interface, not left running


def _stored(path) -> dict[str, list]:
    """What an import stored, but the times of import, and the bundle's files by their names."""
    import sqlite3

    conn = sqlite3.connect(path)
    tables = {
        "articles": "id, content_hash, title, source, published, published_precision, "
        "published_from, url, url_key, body, word_count, lang, origin",
        "origins": "article_id, origin, url",
        "revisions": "article_id, title, body, content_hash, origin",
        "vocab": "term, docs, len",
    }
    stored = {
        table: sorted(conn.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)
        for table, columns in tables.items()
    }
    stored["index"] = conn.execute(
        "SELECT rowid, title, body FROM articles_fts WHERE articles_fts MATCH 'party' "
        "ORDER BY rowid"
    ).fetchall()
    conn.close()
    return stored


async def test_the_first_start_builds_behind_the_interface_as_an_import_would(
    isolated_data, tmp_path
):
    """The first start shows the build's progress, then the list over the whole library, with
    its extraction going on behind; what it stored is what `ingest --later` of the bundle
    stores."""
    from dipterm import config
    from dipterm.ingest.pipeline import import_paths
    from dipterm.tui.app import DiptermApp
    from dipterm.tui.extraction import FirstBuild
    from dipterm.tui.screens.building import BuildingScreen
    from dipterm.tui.widgets.article_list import ArticleList
    from dipterm.workspace import bundled_inputs

    path, _ = config.library_path(None)
    build = FirstBuild.start_if_needed(path)
    assert build is not None
    app = DiptermApp(path, build=build)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BuildingScreen)
        assert app.sub_title == "building the library"
        await _until(pilot, lambda: bool(app.screen.query(ArticleList)), 120)
        await _until(pilot, lambda: app.screen.query_one(ArticleList).row_count > 0)
        assert app.service is not None
        count = app.service.library.count()
        assert count > 1000
        assert str(app.screen.query_one("#status").render()).startswith(f"{count:,} articles")
        assert any(note.startswith("Built your library at") for note in app.notes)
        assert app.extraction is build and "extracting" in app.sub_title
        await app.workers.wait_for_complete()  # the facets' worker, before the screen goes
    assert not build.running  # stopped with the interface; the library stays searchable
    assert FirstBuild.start_if_needed(path) is None  # built: not built again
    ordinary = tmp_path / "ordinary.db"
    with Library.open(ordinary) as lib:
        import_paths(lib, bundled_inputs(), extract=False)
    assert _stored(path) == _stored(ordinary)


async def test_quitting_during_the_first_build_lets_it_finish_storing(isolated_data):
    """A library left half built would never be built again (it is no longer empty): quitting
    while it is built waits until it is stored, and stops only the extraction after."""
    from dipterm import config
    from dipterm.tui.app import DiptermApp
    from dipterm.tui.extraction import FirstBuild

    path, _ = config.library_path(None)
    build = FirstBuild.start_if_needed(path)
    app = DiptermApp(path, build=build)
    async with app.run_test(size=(80, 24)):
        assert not build.searchable
    assert build.searchable and not build.running
    with Library.open(path) as lib:
        assert lib.count() > 1000 and lib.search("Lavrov").hits


async def test_a_first_build_that_fails_says_so_on_its_screen(isolated_data, monkeypatch):
    from dipterm import config, workspace
    from dipterm.tui.app import DiptermApp
    from dipterm.tui.extraction import FirstBuild
    from dipterm.tui.screens.building import BuildingScreen

    def fail(library, **_):
        raise OSError("No space left on device")

    monkeypatch.setattr(workspace, "build_default", fail)  # the forked build sees it too
    path, _ = config.library_path(None)
    build = FirstBuild.start_if_needed(path)
    app = DiptermApp(path, build=build)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.build is None)
        assert isinstance(app.screen, BuildingScreen) and app.service is None
        shown = str(app.screen.query_one("#building-progress").render())
        assert "could not be built: No space left on device" in shown
        assert app.sub_title == "the library could not be built"
