"""The interface, driven as a person would with Pilot: open, search, fuzzy hit, title filter, facet,
read side by side, compare, find, dossier, select, export, saved searches, keys."""

import json
from pathlib import Path

import pytest
from conftest import SEEDS
from tui_helpers import KCNA, plain, region_text, screen_lines, settle

from dipterm.ingest.pipeline import import_paths
from dipterm.store.library import Library
from dipterm.tui.app import DiptermApp
from dipterm.tui.keys import readable
from dipterm.tui.screens.dialogs import AskDialog, ChooseDialog, ConfirmDialog
from dipterm.tui.screens.dossier import DossierScreen
from dipterm.tui.screens.help import HelpScreen
from dipterm.tui.screens.office import OfficeScreen
from dipterm.tui.widgets.article_list import ArticleList
from dipterm.tui.widgets.facets import Facets
from dipterm.tui.widgets.reader import Reader


@pytest.fixture
def library(tmp_path) -> Path:
    path = tmp_path / "library.db"
    with Library.open(path) as lib:
        import_paths(lib, [str(SEEDS), str(KCNA)], workers=1)
    return path


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


def rows(app) -> list[int]:
    return app.screen.query_one(ArticleList).visible_ids()


async def type_query(pilot, text: str) -> None:
    await pilot.press("slash")
    for char in text:
        await pilot.press(char if char != " " else "space")
    await settle(pilot)


async def open_first(pilot, query: str) -> Reader:
    """Search, then open the first article found in the left reader."""
    await type_query(pilot, query)
    await pilot.press("escape", "enter")
    await settle(pilot)
    return pilot.app.screen.query_one("#reader-a", Reader)


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
        left = await open_first(pilot, "Ryzhenkov")
        first = left.article.id
        await pilot.press("p", "down", "enter")
        await settle(pilot)
        right = pilot.app.screen.query_one("#reader-b", Reader)
        assert right.display and right.article.id != first
        await pilot.press("c")
        await pilot.pause()
        assert "both mention" in status(pilot.app) and "Maxim Ryzhenkov" in status(pilot.app)
        both = set(pilot.app.screen.both_mention)
        left.focus()
        await pilot.press("e")  # every entity both name can be reached, not only those that fit
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChooseDialog)
        options = pilot.app.screen.query_one("#choices")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert set(ids[: len(both)]) == both and len(ids) > len(both)


async def test_find_counts_its_hits_and_n_steps_through_them(library):
    async with DiptermApp(library).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.screen.open_article(1)
        await settle(pilot)
        reader = pilot.app.screen.query_one("#reader-a", Reader)
        expected = reader.article.body.lower().count("lavrov")
        assert expected >= 3
        reader.focus()
        await pilot.press("f", *"Lavrov", "enter")
        await settle(pilot)
        counter = lambda: "\n".join(region_text(pilot.app, reader))  # noqa: E731
        assert reader.hit_count == expected and reader.hit_number == 1
        assert f"1 of {expected}" in counter()
        await pilot.press("n", "n")
        await pilot.pause()
        assert reader.hit_number == 3 and f"3 of {expected}" in counter()
        await pilot.press("N")
        await pilot.pause()
        assert reader.hit_number == 2 and f"2 of {expected}" in counter()
        await pilot.press("escape")  # the find first, the article after
        await pilot.pause()
        assert reader.hit_count == 0 and reader.article is not None
        await pilot.press("f", *"Pyongyang Zoo", "enter")
        await settle(pilot)
        assert "not in this article" in counter()


async def test_next_and_previous_hit_keys_scroll_to_each_paragraph_found_in_turn(library, tmp_path):
    paragraphs = [f"Paragraph {n} of the long report on the harvest." for n in range(60)]
    for n in (5, 25, 45):
        paragraphs[n] = f"Paragraph {n} names the Zebrafish farm."
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "long.txt").write_text("Long Report\n\nMay 2, 2024\n\n" + "\n\n".join(paragraphs))
    with Library.open(library) as lib:
        import_paths(lib, [str(extra)], workers=1)
    async with DiptermApp(library).run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        reader = await open_first(pilot, "harvest")
        assert reader.article.title == "Long Report"

        def hits_in_view() -> list[str]:
            lines = region_text(pilot.app, reader)
            return [line.split(" names")[0].split()[-1] for line in lines if " names the" in line]

        reader.focus()
        await pilot.press("f", *"zebrafish", "enter")
        await settle(pilot)
        assert hits_in_view() == ["5"]
        shown = []
        for key in ("n", "n", "n", "N", "N"):
            await pilot.press(key)
            await pilot.pause()
            shown.append(hits_in_view())
        assert shown == [["25"], ["45"], ["5"], ["45"], ["25"]]


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


@pytest.fixture
def ministers(tmp_path) -> Path:
    """130 articles naming Choe Son Hui as foreign minister, one naming Ri Yong Ho as one before."""
    from datetime import date, timedelta

    folder = tmp_path / "ministers"
    folder.mkdir()
    for n in range(130):
        day = date(2024, 1, 1) + timedelta(days=n)
        (folder / f"a{n:03}.txt").write_text(
            f"Talks No. {n}\n\n{day:%B} {day.day}, {day.year}\n\nChoe Son Hui, foreign minister "
            f"of the DPRK, met Sergei Lavrov in Moscow on talks number {n}.\n",
            encoding="utf-8",
        )
    (folder / "ri.txt").write_text(
        "Talks\n\nMay 9, 2019\n\nDPRK Foreign Minister Ri Yong Ho met Wang Yi on Thursday.\n",
        encoding="utf-8",
    )
    path = tmp_path / "ministers.db"
    with Library.open(path) as lib:
        import_paths(lib, [str(folder)], workers=1)
    return path


async def test_the_dossier_pages_its_articles_and_leads_to_an_offices_holders(ministers):
    async with DiptermApp(ministers).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pilot.app.screen.load_dossier("Choe Son Hui")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DossierScreen)
        articles = screen.query_one("#dossier-articles")
        assert articles.row_count < 130  # a page: the rest as the cursor nears the end
        for _ in range(20):
            await pilot.press("pagedown")
            await settle(pilot)
        assert articles.row_count == 130
        assert articles.get_row_at(129)[0] == "2024-05-09"
        await pilot.press("c", "j", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, OfficeScreen)
        holders = [(h.name, h.first) for h in pilot.app.screen.holders]
        assert holders == [("Ri Yong Ho", "2019-05-09"), ("Choe Son Hui", "2024-01-01")]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert pilot.app.screen is screen and screen.dossier.name == "Ri Yong Ho"


async def test_mark_save_selection_and_export(library, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
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
        await pilot.press("ctrl+e")  # the default is a new file named for the search and the day
        await pilot.pause()
        default = Path(pilot.app.screen.query_one("#answer").value)
        assert default.parent == tmp_path and not default.exists()
        assert default.name.startswith("dipterm-search-putin-") and default.suffix == ".md"
        await pilot.press("enter")
        await settle(pilot)
        assert default.read_text() == target.read_text()
    with Library.open(library) as lib:
        assert sorted(lib.selection("russia")) == [1, 2]
    text = target.read_text()
    assert text.startswith("# Search: putin") and "## Contents" in text and "article-2" in text


async def test_export_asks_before_replacing_a_file(library, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("an earlier report")
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        for answer, kept in (("n", True), ("y", False)):
            await pilot.press("ctrl+e")
            await pilot.pause()
            pilot.app.screen.query_one("#answer").value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmDialog)
            await pilot.press(answer)
            await settle(pilot)
            assert (target.read_text() == "an earlier report") is kept


@pytest.fixture
def saved(library) -> Path:
    """The library with a selection 'pair' (articles 7 and 2) and a saved search 'lavrov'."""
    with Library.open(library) as lib:
        lib.add_to_selection("pair", [7, 2])
        lib.add_watch("lavrov", "person:Lavrov")
    return library


async def test_open_selection_and_saved_search(saved):
    async with DiptermApp(saved).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await type_query(pilot, "korea")
        await pilot.press("escape", "o")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert rows(pilot.app) == [7, 2] and "Selection: pair" in status(pilot.app)
        assert pilot.app.screen.query_one("#query").value == ""  # no longer says what is listed
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(rows(pilot.app)) == [1, 22] and "Saved search lavrov" in status(pilot.app)


def own_bindings(app) -> list[tuple[str, str, str]]:
    """(pane, key, description) of every described binding of dipterm's app, screen and widgets
    as they are on screen now, read from the classes themselves."""
    found = []
    for node in [app, app.screen, *app.screen.walk_children()]:
        cls = type(node)
        if not cls.__module__.startswith("dipterm."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if binding.description:
                found.append((cls.PANE, binding.key, binding.tooltip or binding.description))
    return found


async def test_help_lists_every_key_of_dipterms_panes_and_none_of_textuals(library):
    async with DiptermApp(library).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.screen.open_article(1)
        await settle(pilot)
        expected = set(own_bindings(pilot.app))  # the two readers' keys are the same
        assert {pane for pane, _, _ in expected} == {
            "Everywhere", "Main screen", "Article list", "Reader"}  # fmt: skip
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        shown = plain(pilot.app.screen.table())
        lines = [line.strip() for line in shown.splitlines()]
        for pane, keys, description in expected:
            assert pane in lines
            key_text = readable(keys)
            assert f"{key_text}  {description}" in lines, (pane, key_text, description)
        assert len([line for line in lines if "  " in line]) == len(expected)  # nothing else
        for internal in ("ctrl+shift", "Input", "Footer", "DataTable", "MainSc"):
            assert internal not in shown
        assert "question_mark" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HelpScreen)


def _dialog(kind):
    return lambda screen: isinstance(screen.app.screen, kind)


PALETTE = [  # typed, the hit chosen, what it did
    ("side by", "Side by side", lambda screen: screen.side_by_side),
    ("export", "Export", _dialog(AskDialog)),
    ("sort", "Sort", lambda screen: screen.sort == "date"),
    ("open sel", "Open selection", _dialog(ChooseDialog)),
    ("saved search", "Run saved search", _dialog(ChooseDialog)),
    ("title filt", "Title filter", lambda screen: screen.title_mode),
    ("compare", "Compare", lambda screen: screen.comparing),
    ("theme", "Theme: light or dark", lambda screen: screen.app.theme == "textual-light"),
]


async def test_palette_finds_dipterms_actions_by_what_they_do_and_runs_them(saved):
    from textual.command import CommandList, CommandPalette

    async with DiptermApp(saved).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = pilot.app.screen
        for typed, hit, done in PALETTE:
            assert not done(main), hit  # not so before the palette ran it
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(pilot.app.screen, CommandPalette)
            await pilot.press(*typed)
            await settle(pilot)
            await pilot.pause(0.3)  # the palette gathers hits in a task of its own
            commands = pilot.app.screen.query_one(CommandList)
            prompts = [
                str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
            ]
            (ours,) = [i for i, prompt in enumerate(prompts) if prompt.split("\n")[0] == hit]
            commands.highlighted = ours
            await pilot.press("enter")
            await settle(pilot)
            assert done(main), hit
            if pilot.app.screen is not main:  # a dialog it opened
                await pilot.press("escape")
                await pilot.pause()


async def test_mark_in_the_palette_marks_the_row_under_the_cursor(library):
    async with DiptermApp(library).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = pilot.app.screen.query_one(ArticleList)
        first = listing.current_id
        await pilot.press("ctrl+p", *"mark")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert listing.marked == {first}


async def test_theme_is_remembered_at_the_next_start(library):
    async with DiptermApp(library).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-dark"
        await pilot.press("T")
        await pilot.pause()
        assert pilot.app.theme == "textual-light"
    async with DiptermApp(library).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-light"


async def test_what_was_said_before_the_interface_opened_is_a_notice_inside_it(library):
    note = "Built your library at /x/library.db from the bundled corpus: 28 articles."
    async with DiptermApp(library, notes=[note]).run_test(
        size=(80, 24), notifications=True
    ) as pilot:
        await settle(pilot)
        assert note in [n.message for n in pilot.app._notifications]
        shown = " ".join(line.strip(" ▌▎▊│") for line in screen_lines(pilot.app))
        assert "Built your library" in shown


async def test_long_titles_that_differ_at_the_end_differ_on_screen(library, tmp_path):
    extra = tmp_path / "towers"
    extra.mkdir()
    for n, tower in enumerate(("Liberation Tower", "Friendship Tower")):
        (extra / f"{n}.txt").write_text(
            f"Respected Comrade Kim Jong Un Visits Newly Built Monument Park and {tower}\n\n"
            f"May {n + 2}, 2024\n\nHe looked round the {tower.lower()}."
        )
    with Library.open(library) as lib:
        import_paths(lib, [str(extra)], workers=1)
    for size in ((80, 24), (120, 40)):
        async with DiptermApp(library).run_test(size=size) as pilot:
            await settle(pilot)
            await type_query(pilot, "monument park")
            listing = pilot.app.screen.query_one(ArticleList)
            shown = [line for line in region_text(pilot.app, listing) if "Respected" in line]
            assert len(shown) == 2
            assert any("Liberation Tower" in line for line in shown)
            assert any("Friendship Tower" in line for line in shown)


def test_elide_middle_keeps_both_ends_and_fits_the_width():
    from rich.text import Text

    from dipterm.tui.widgets.article_list import elide_middle

    title = Text("Respected Comrade Kim Jong Un Visits Pyongyang Friendship Tower")
    for width in (20, 30, 50):
        cut = elide_middle(title, width).plain
        assert len(cut) <= width and "\u2026" in cut
        assert cut.startswith("Respected") and cut.endswith("Tower")
    assert elide_middle(title, 80).plain == title.plain


async def test_the_reader_takes_the_width_once_an_article_is_open_and_esc_gives_it_back(library):
    async with DiptermApp(library).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        listing, reader = screen.query_one(ArticleList), screen.query_one("#reader-a", Reader)
        assert listing.size.width > 90  # the list has the width; the empty reader none
        await pilot.press("enter")
        await settle(pilot)
        assert reader.display and reader.size.width > listing.size.width
        reader.focus()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert listing.size.width > 90 and listing.has_focus and reader.article is None


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


async def _main(pilot) -> None:
    await settle(pilot)


async def _reader(pilot) -> None:
    await settle(pilot)
    await type_query(pilot, "Paekhwawon")
    await pilot.press("escape", "enter")
    await settle(pilot)


async def _side_by_side(pilot) -> None:
    await settle(pilot)
    await type_query(pilot, "Ryzhenkov")
    await pilot.press("escape", "enter", "p", "down", "enter")
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)


VIEWS = {"main": _main, "reader": _reader, "side_by_side": _side_by_side}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_snapshot(library, snap_compare, view, size):
    """The main screen, the open reader, and two articles compared side by side."""
    assert snap_compare(DiptermApp(library), terminal_size=size, run_before=VIEWS[view])


async def test_a_word_in_many_articles_is_listed_newest_first_until_ranked(
    library, monkeypatch, tmp_path
):
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
    # The bundle's ids follow its dates; three later imports, dated apart, tell the two apart.
    late = tmp_path / "late.jsonl"
    late.write_text(
        "".join(
            json.dumps({"title": f"Korea note {date}", "date": date, "body": f"Korea {date}."})
            + "\n"
            for date in ("2010-01-05", "2024-12-30", "2019-03-01")
        )
    )
    with Library.open(library) as lib:
        import_paths(lib, [str(late)], workers=1)
        ranked = [h.id for h in lib.search("korea", limit=60).hits]
        # newest first worked out here from the articles' dates, not by the search under test
        dated = sorted(lib.articles(ranked), key=lambda a: (a.published or "", a.id), reverse=True)
        newest = [a.id for a in dated]
    assert len(ranked) > 3 and ranked != newest != sorted(ranked, reverse=True)
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await type_query(pilot, "korea")
        first, last = [r for r in shown if r and r.query == "korea"]
        assert first.ranking and [h.id for h in first.hits] == newest
        assert not last.ranking and [h.id for h in last.hits] == ranked
        assert rows(pilot.app) == ranked and "sorted by rank" in status(pilot.app)


async def test_a_key_a_sort_and_the_titles_mode_each_stop_the_search_still_running(
    library, monkeypatch
):
    """A key, a sort or the titles mode: the list asked for before is no longer wanted."""
    from dipterm.tui import service

    stopped = []
    interrupt = service.LibraryService.interrupt
    monkeypatch.setattr(
        service.LibraryService, "interrupt", lambda self: (stopped.append(1), interrupt(self))
    )
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        before = len(stopped)
        await type_query(pilot, "k")
        assert len(stopped) > before and pilot.app.screen.query_one("#query").value == "k"
        before = len(stopped)
        await pilot.press("tab", "tab", "t")
        await settle(pilot)
        assert len(stopped) > before and "sorted by date" in status(pilot.app)
        before = len(stopped)
        await pilot.press("f2")
        await settle(pilot)
        assert len(stopped) > before and "(titles)" in status(pilot.app)


async def test_an_answer_that_comes_while_the_screen_is_taken_down_is_dropped(library):
    # Quitting removes the screen's widgets one by one; a worker's answer may come between two.
    async with DiptermApp(library).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        results = screen.service.browse("", sort="date")
        await screen.query_one(ArticleList).remove()
        screen._show(results)  # the list is gone, the search box not yet: nothing to show in
        screen._show_facets({}, [])
        await screen.query_one(Facets).remove()
        screen._show_facets({}, [])
        assert screen.closing
