"""The reader loses no word at any size: each article's fields and text, paged through single and
side by side at 80x24, 100x30, 120x40, 160x50 and 200x50, all appear on screen. The list and the
readers share the screen without waste: no blank line under a short list on a narrow screen, no
line too long to read on a wide one."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS
from tui_helpers import KCNA, region_text, screen_lines, settle

from dipterm.display import event_line, safe
from dipterm.ingest.pipeline import import_paths
from dipterm.store.library import Library
from dipterm.tui.app import DiptermApp
from dipterm.tui.widgets.article_list import ArticleList
from dipterm.tui.widgets.reader import Reader

SIZES = [(80, 24), (100, 30), (120, 40), (160, 50), (200, 50)]
MEASURE = 88  # the widest a reader is (its border, padding and scrollbar included)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The seeds and the real KCNA articles of eval/, and which of them to read: the seed
    'Russian FM Received' and the longest article."""
    path = tmp_path_factory.mktemp("reader") / "library.db"
    with Library.open(path) as lib:
        import_paths(lib, [str(SEEDS), str(KCNA)], workers=1)
        articles = [lib.article(h.id) for h in lib.search("", limit=100).hits]
    (seed,) = [a.id for a in articles if a.title == "Russian FM Received"]
    longest = max(articles, key=lambda a: len(a.body))
    assert len(longest.body) > 3000  # long enough to need several pages at every size
    return path, [seed, longest.id]


def article_words(app, article_id: int) -> tuple[set[str], str]:
    """Every word of the article's fields and text, and its url (which folds, so is read whole)."""
    article, extracted = app.service.article(article_id)
    parts = [article.title, article.source, article.published, article.byline, article.body]
    for person in extracted.get("people", []):
        parts += [person["name"], *person["roles"]]
    parts += [p["name"] for p in extracted.get("places", [])]
    parts += [event_line(e) for e in extracted.get("events", [])[:6]]
    words = {w for part in parts if part for w in re.findall(r"\w+", safe(part))}
    return words, safe(article.url or "")


async def read_through(pilot, reader: Reader) -> list[str]:
    """Page through the reader from the top, collecting every line it shows."""
    reader.focus()
    reader.scroll_home(animate=False)
    await pilot.pause()
    seen = region_text(pilot.app, reader)
    for _ in range(200):
        if reader.scroll_y >= reader.max_scroll_y:
            break
        await pilot.press("pagedown")
        await pilot.pause()
        seen += region_text(pilot.app, reader)
    assert reader.scroll_y >= reader.max_scroll_y
    return seen


def missing(words: set[str], url: str, lines: list[str]) -> set[str]:
    shown = set(re.findall(r"\w+", "\n".join(lines)))
    lost = words - shown
    if url and url not in "".join(line.strip() for line in lines).replace(" ", ""):
        lost.add(url)
    return lost


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_word_of_an_article_is_on_screen_single_and_side_by_side(library, size):
    path, ids = library
    async with DiptermApp(path).run_test(size=size) as pilot:
        pilot.app.animation_level = "none"  # a page is read where it stops, not mid-scroll
        await settle(pilot)
        screen = pilot.app.screen
        left = screen.query_one("#reader-a", Reader)
        for article_id in ids:
            screen.open_article(article_id)
            await settle(pilot)
            assert left.article.id == article_id
            assert not missing(
                *article_words(pilot.app, article_id), await read_through(pilot, left)
            )
        first, second = ids[0], ids[1]
        screen.open_article(first)
        await settle(pilot)
        screen.action_pin()
        screen.open_article(second)
        await settle(pilot)
        right = screen.query_one("#reader-b", Reader)
        assert right.article.id == second and left.article.id == first
        for reader, article_id in ((left, first), (right, second)):
            assert not missing(
                *article_words(pilot.app, article_id), await read_through(pilot, reader)
            )


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_a_short_list_over_the_reader_has_no_blank_line_under_it(library, size):
    from test_tui import open_first

    path, _ = library
    async with DiptermApp(path).run_test(size=size) as pilot:
        await settle(pilot)
        reader = await open_first(pilot, "lavrov")
        listing = pilot.app.screen.query_one(ArticleList)
        assert 1 < listing.row_count < 6  # fewer rows than the list's room over the reader
        lines = screen_lines(pilot.app)[listing.region.y : listing.region.bottom]
        assert len(lines) == 1 + listing.row_count  # the header, the rows, and nothing else
        assert all(line.strip() for line in lines)
        assert reader.region.y == listing.region.bottom


@pytest.mark.parametrize("size", [(200, 50), (300, 60)], ids=["200x50", "300x60"])
async def test_a_wide_screen_keeps_reader_lines_short_and_gives_the_rest_to_the_list(library, size):
    path, ids = library
    async with DiptermApp(path).run_test(size=size) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        listing = screen.query_one(ArticleList)
        left, right = screen.query_one("#reader-a", Reader), screen.query_one("#reader-b", Reader)
        screen.open_article(ids[1])  # the longest: its paragraphs fill their lines
        await settle(pilot)
        longest = max(len(line.rstrip()) for line in region_text(pilot.app, left))
        assert MEASURE - 12 < longest <= MEASURE - 3  # less the border, padding and scrollbar
        assert left.region.width == MEASURE
        assert listing.region.width == size[0] - MEASURE
        screen.action_pin()
        screen.open_article(ids[0])
        await settle(pilot)
        for reader in (left, right):
            assert reader.region.width <= MEASURE
            assert max(len(line.rstrip()) for line in region_text(pilot.app, reader)) <= MEASURE
        assert listing.region.width + left.region.width + right.region.width == size[0]


def test_the_reader_shows_every_paragraph_with_text_and_leaves_none_out_of_a_short_body():
    from dipterm.tui.widgets.reader import shown_paragraphs

    assert shown_paragraphs("One.\n\n\n\nTwo.\n\n  \n\nThree.") == (["One.", "Two.", "Three."], 0)


def test_the_reader_shows_at_most_its_characters_and_counts_what_it_leaves_out():
    from dipterm.tui.widgets.reader import SHOWN_CHARACTERS, shown_paragraphs

    paragraphs = [f"{i:04d}" + "x" * 996 for i in range(150)]  # 1,000 characters each
    body = "\n\n".join(paragraphs)
    shown, left_out = shown_paragraphs(body)
    # the 100th paragraph starts 802 characters before the end of what is shown, and is cut there
    assert shown == [*paragraphs[:99], paragraphs[99][:802]]
    assert left_out == len(body) - SHOWN_CHARACTERS
    exactly = "y" * SHOWN_CHARACTERS
    assert shown_paragraphs(exactly) == ([exactly], 0)
    assert shown_paragraphs(exactly + "z") == ([exactly], 1)
    assert shown_paragraphs(exactly + "\n\nmore") == ([exactly], 4)
    # a paragraph that starts at the last character shown shows that one; one after, none
    assert shown_paragraphs("y" * (SHOWN_CHARACTERS - 3) + "\n\nmore") == (
        ["y" * (SHOWN_CHARACTERS - 3), "m"],
        3,
    )
    assert shown_paragraphs("y" * (SHOWN_CHARACTERS - 2) + "\n\nmore") == (
        ["y" * (SHOWN_CHARACTERS - 2)],
        4,
    )


def test_the_reader_shows_at_most_its_paragraphs_and_counts_what_it_leaves_out():
    from dipterm.tui.widgets.reader import SHOWN_PARAGRAPHS, shown_paragraphs

    paragraphs = [f"Paragraph {i}." for i in range(SHOWN_PARAGRAPHS + 1)]
    assert shown_paragraphs("\n\n".join(paragraphs)) == (
        paragraphs[:SHOWN_PARAGRAPHS],
        len(paragraphs[-1]),
    )
    assert shown_paragraphs("\n\n".join(paragraphs[:-1])) == (paragraphs[:-1], 0)


def test_the_reader_highlights_the_querys_words_in_any_case_and_inflection():
    from dipterm.tui.widgets.reader import _words_pattern

    pattern = _words_pattern(["talk", "a", "summit", "talks"])
    text = "Talks and summits talked a stalk"
    assert [m.group() for m in pattern.finditer(text)] == ["Talks", "summits", "talked"]
    assert _words_pattern([]) is None and _words_pattern(["a", "b"]) is None
    assert [m.group() for m in _words_pattern(["un"]).finditer("The UN met.")] == ["UN"]


def test_the_reader_highlights_the_words_of_a_query_not_its_filters_or_exclusions():
    from dipterm.tui.widgets.reader import query_terms

    query = 'talks -zebra Source:KCNA "Kim Jong" OR summit* AND NOT since:2019 or'
    assert query_terms(query) == ["talks", "kim", "jong", "summit", "or"]
    assert query_terms('Xi "Xi Jinping"') == ["xi", "xi", "jinping"]
