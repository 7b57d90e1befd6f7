"""A helper for interface tests: an article opened in the reader, once everything has settled."""

from __future__ import annotations


async def open_in_reader(pilot, article_id: int):
    """The reader (the first) showing article_id, its workers done."""
    from dipterm.tui.widgets.reader import Reader

    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    pilot.app.screen.open_article(article_id)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen.query_one("#reader-a", Reader)
