"""The reader loses no word at any size: each article's fields and text, paged through single and
side by side at 80x24, 100x30, 120x40 and 160x50, all appear on screen."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS
from tui_helpers import KCNA, region_text, settle

from dipterm.display import event_line, safe
from dipterm.ingest.pipeline import import_paths
from dipterm.store.library import Library
from dipterm.tui.app import DiptermApp
from dipterm.tui.widgets.reader import Reader

SIZES = [(80, 24), (100, 30), (120, 40), (160, 50)]


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
