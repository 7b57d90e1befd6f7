"""The interface, driven as a person would with Pilot: open, search, fuzzy hit, title filter, facet,
read side by side, compare, find, dossier, select, export, saved searches, keys."""

from pathlib import Path

import pytest
from conftest import SEEDS

from dipterm.ingest.pipeline import import_paths
from dipterm.store.library import Library
from dipterm.tui.app import DiptermApp
from dipterm.tui.screens.dialogs import AskDialog, ChooseDialog
from dipterm.tui.screens.dossier import DossierScreen
from dipterm.tui.screens.help import HelpScreen
from dipterm.tui.widgets.article_list import ArticleList
from dipterm.tui.widgets.reader import Reader

KCNA = Path(__file__).resolve().parent.parent / "eval" / "kcna-2024"


@pytest.fixture
def library(tmp_path) -> Path:
    path = tmp_path / "library.db"
    with Library.open(path) as lib:
        import_paths(lib, [str(SEEDS), str(KCNA)], workers=1)
    return path


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


def rows(app) -> list[int]:
    return app.screen.query_one(ArticleList).visible_ids()


async def type_query(pilot, text: str) -> None:
    await pilot.press("slash")
    for char in text:
        await pilot.press(char if char != " " else "space")
    await settle(pilot)


async def test_opens_with_the_list_filled(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert len(rows(pilot.app)) == 28
        assert "28 articles in the library" in status(pilot.app)
        assert pilot.app.screen.query_one("#facets").option_count > 4


async def test_search_as_you_type_and_fuzzy_hit(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await type_query(pilot, "lavrow")
        assert "lavrow -> lavrov" in status(pilot.app)
        assert 1 in rows(pilot.app) and len(rows(pilot.app)) == 2
        await type_query(pilot, ' "')
        assert "unbalanced quote" in status(pilot.app)


async def test_enter_in_the_search_box_goes_to_the_results(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Ryzhenkov")
        await pilot.press("enter", "enter")  # to the list, then open its first article
        await settle(pilot)
        reader = pilot.app.screen.query_one("#reader-a", Reader)
        assert reader.article is not None and reader.article.id == rows(pilot.app)[0]


async def test_q_in_the_search_box_is_a_letter(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await type_query(pilot, "qu")
        assert pilot.app.is_running
        assert pilot.app.screen.query_one("#query").value == "qu"


async def test_title_filter_mode(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        facets = pilot.app.screen.query_one("#facets")
        assert facets.option_count > 4  # of the whole library
        await pilot.press("f2", *"chapter", "space", *"visit")
        await settle(pilot)
        assert rows(pilot.app)[0] == 2
        assert "(titles)" in status(pilot.app)
        assert facets.option_count == 0  # facets are of a search's articles, not of titles
        await pilot.press("f2")
        await settle(pilot)
        assert "match 'chapter visit'  (sorted by rank)" in status(pilot.app)
        assert facets.option_count > 0


async def test_title_filter_mode_takes_what_is_typed_next(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("f2", *"chapter")
        await settle(pilot)
        assert pilot.app.screen.query_one("#query").value == "chapter"
        assert rows(pilot.app)[0] == 2


def test_title_filter_lists_each_titles_date_and_source_and_sees_new_ones_after_refresh(library):
    from dipterm.models import ArticleDraft, PartialDate
    from dipterm.tui.service import LibraryService

    service = LibraryService(library)
    try:
        everything = service.title_filter("")
        with Library.open(library) as lib:
            assert everything.total == lib.stats().articles
            ids, _ = lib.titles()
            listed = lib.listing(ids[: len(everything.hits)])
        assert [(h.id, h.title, h.source, h.published) for h in everything.hits] == listed
        (visit,) = [h for h in service.title_filter("chaptr vist").hits if h.id == 2]
        assert (visit.source, visit.published) == ("Pyongyang Times", "2019-05-21")
        assert visit.score > 70
        with Library.open(library) as lib:
            lib.add([ArticleDraft(
                "Zoological Garden Opens", "Body text of the new garden.", "new.txt",
                published=PartialDate(2025, 1, 2), source="KCNA",
            )])  # fmt: skip
        assert not service.title_filter("zoological").hits  # titles read before the import
        service.refresh()
        (new,) = service.title_filter("zoological").hits
        assert (new.title, new.published, new.source) == (
            "Zoological Garden Opens",
            "2025-01-02",
            "KCNA",
        )
        assert service.title_filter("").hits[0].id == new.id
    finally:
        service.close()


async def test_facet_filters_the_result(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        facets = pilot.app.screen.query_one("#facets")
        index = next(
            i
            for i in range(facets.option_count)
            if facets.get_option_at_index(i).id == "source\x1fPyongyang Times"
        )
        facets.focus()
        facets.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen.query_one("#query").value == 'source:"Pyongyang Times"'
        assert rows(pilot.app) == [2]


async def test_read_side_by_side_compare_and_find(library):
    async with DiptermApp(library).run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Ryzhenkov")
        await pilot.press("escape", "enter")
        await settle(pilot)
        left = pilot.app.screen.query_one("#reader-a", Reader)
        first = left.article.id
        await pilot.press("p", "down", "enter")
        await settle(pilot)
        right = pilot.app.screen.query_one("#reader-b", Reader)
        assert right.display and right.article.id != first
        await pilot.press("c")
        await pilot.pause()
        assert "both mention:" in status(pilot.app) and "Maxim Ryzhenkov" in status(pilot.app)
        left.focus()
        await pilot.press("f", *"Belarus", "enter")
        await pilot.pause()
        assert left.hit_count >= 1
        await pilot.press("n")


async def test_compare_marks_shared_sentences(library, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "a.txt").write_text(
        "Statement A\n\nMay 2, 2024\n\nThe talks proceeded in a friendly and "
        "comradely atmosphere. The sides signed an agreement on trade."
    )
    (extra / "b.txt").write_text(
        "Statement B\n\nMay 9, 2024\n\nThe talks proceeded in a friendly and "
        "comradely atmosphere. Nothing else was said about the visit."
    )
    with Library.open(library) as lib:
        import_paths(lib, [str(extra)], workers=1)
    async with DiptermApp(library).run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "title:statement")
        await pilot.press("escape", "enter", "p", "down", "enter")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert "compare: 1 sentences shared" in status(pilot.app)
        left = pilot.app.screen.query_one("#reader-a", Reader)
        assert left.shared == {"The talks proceeded in a friendly and comradely atmosphere."}


async def test_dossier_from_the_reader(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Paekhwawon")
        await pilot.press("escape", "enter")
        await settle(pilot)
        pilot.app.screen.query_one("#reader-a", Reader).focus()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChooseDialog)
        options = pilot.app.screen.query_one("#choices")
        options.highlighted = next(
            i
            for i in range(options.option_count)
            if options.get_option_at_index(i).id == "Sergei Lavrov"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DossierScreen)
        assert pilot.app.screen.dossier.name == "Sergei Lavrov"
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen.query_one("#reader-a", Reader).article.id == 1


async def test_mark_save_selection_and_export(library, tmp_path):
    target = tmp_path / "report.md"
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await type_query(pilot, "putin")
        await pilot.press("escape", "space", "space")
        assert len(pilot.app.screen.query_one(ArticleList).marked) == 2
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AskDialog)
        await pilot.press(*"russia", "enter")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        box = pilot.app.screen.query_one("#answer")
        box.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    with Library.open(library) as lib:
        assert sorted(lib.selection("russia")) == [1, 2]
    text = target.read_text()
    assert text.startswith("# Search: putin") and "## Contents" in text and "article-2" in text


async def test_open_selection_and_saved_search(library):
    with Library.open(library) as lib:
        lib.add_to_selection("pair", [7, 2])
        lib.add_watch("lavrov", "person:Lavrov")
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert rows(pilot.app) == [7, 2] and "Selection: pair" in status(pilot.app)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(rows(pilot.app)) == [1, 22] and "Saved search lavrov" in status(pilot.app)


async def test_keys_screen_and_palette_list_every_action(library):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        described = {row[1] for row in pilot.app.screen.rows}
        assert {
            "Search",
            "Side by side",
            "Compare",
            "Mark",
            "Find",
            "Next hit",
            "Export",
            "Saved searches",
            "Quit",
        } <= described
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_sees_articles_imported_while_open(library, tmp_path):
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        extra = tmp_path / "late.txt"
        extra.write_text(
            "Late News\n\nNov 1, 2024\n\nA late article arrived while the app was open."
        )
        with Library.open(library) as writer:
            import_paths(writer, [str(extra)], workers=1)
        await pilot.press("r")
        await settle(pilot)
        assert len(rows(pilot.app)) == 29


def test_main_screen_snapshot(library, snap_compare):
    async def ready(pilot):
        await settle(pilot)

    assert snap_compare(DiptermApp(library), terminal_size=(120, 35), run_before=ready)


def test_reader_snapshot(library, snap_compare):
    async def read(pilot):
        await settle(pilot)
        await type_query(pilot, "Paekhwawon")
        await pilot.press("escape", "enter")
        await settle(pilot)

    assert snap_compare(DiptermApp(library), terminal_size=(120, 35), run_before=read)


def test_compare_snapshot(library, snap_compare):
    async def compare(pilot):
        await settle(pilot)
        await type_query(pilot, "Ryzhenkov")
        await pilot.press("escape", "enter", "p", "down", "enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(DiptermApp(library), terminal_size=(140, 40), run_before=compare)


def test_narrow_terminal_snapshot(library, snap_compare):
    async def ready(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(DiptermApp(library), terminal_size=(80, 24), run_before=ready)


async def test_a_word_in_many_articles_is_listed_newest_first_until_ranked(library, monkeypatch):
    """Ranking a word found in most of a big library takes seconds: the list shows its articles
    newest first at once, then the ranked page replaces them (here "many" is made 3)."""
    from dipterm.tui import service

    monkeypatch.setattr(service, "RANK_LATER", 3)
    shown: list[service.Results] = []

    def recording(method):
        def record(self, *args, **kwargs):
            results = method(self, *args, **kwargs)
            shown.append(results)
            return results

        return record

    for name in ("browse", "ranked"):  # the first page, then the ranked one
        monkeypatch.setattr(
            service.LibraryService, name, recording(getattr(service.LibraryService, name))
        )
    with Library.open(library) as lib:
        ranked = [h.id for h in lib.search("korea", limit=60).hits]
        newest = [h.id for h in lib.search("korea", limit=60, sort="date").hits]
    assert len(ranked) > 3 and ranked != newest
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await type_query(pilot, "korea")
        first, last = [r for r in shown if r and r.query == "korea"]
        assert first.ranking and [h.id for h in first.hits] == newest
        assert not last.ranking and [h.id for h in last.hits] == ranked
        assert rows(pilot.app) == ranked and "sorted by rank" in status(pilot.app)


async def test_every_new_list_stops_the_search_still_running(library, monkeypatch):
    """A key, a sort or the titles mode: the list asked for before is no longer wanted."""
    from dipterm.tui import service

    stopped = []
    interrupt = service.LibraryService.interrupt
    monkeypatch.setattr(
        service.LibraryService, "interrupt", lambda self: (stopped.append(1), interrupt(self))
    )
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        for step in (lambda: type_query(pilot, "k"), lambda: pilot.press("tab", "tab", "t")):
            before = len(stopped)
            await step()
            await settle(pilot)
            assert len(stopped) > before
        assert pilot.app.screen.query_one("#query").value == "k"
        assert "sorted by date" in status(pilot.app)  # the second step was the sort
