"""What the interface tests share: a library of real articles, waiting for workers, reading the screen."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

ROOT = Path(__file__).resolve().parent.parent
KCNA = ROOT / "eval" / "kcna-2024"


async def settle(pilot) -> None:
    """Wait until the app's workers are done. A worker that a newer one cancelled (the next
    letter typed supersedes a search) is no failure: its successor is waited for."""
    from textual.worker import WorkerCancelled

    await pilot.pause()
    for _ in range(20):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            await pilot.pause()
    await pilot.pause()


def screen_lines(app) -> list[str]:
    """The screen as a person sees it, a string a line (what export_screenshot draws, as text)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      force_terminal=True, legacy_windows=False, safe_box=False)  # fmt: skip
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text().splitlines()


def region_text(app, widget) -> list[str]:
    """The lines of the screen inside the widget's content (no border, padding or scrollbar)."""
    region = widget.content_region
    lines = screen_lines(app)[region.y : region.y + region.height]
    return [line[region.x : region.x + region.width] for line in lines]


def plain(renderable, width: int = 100) -> str:
    """A rich renderable (a widget's content) as the text it shows at width."""
    console = Console(width=width, record=True, file=io.StringIO(), legacy_windows=False)
    console.print(renderable)
    return console.export_text()
