"""The first start's screen while the default library is built from the bundle: how far the
build is; the main screen replaces it once the library is searchable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

INTRO = (
    "Building your library from the bundled corpus, once, on this first start. The list opens as soon as it is searchable; the people, places and events are found "
    "after that, behind the interface."
)


class BuildingScreen(Screen):
    PANE = "Building the library"
    CSS_PATH = "building.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.line = "building the library: finding the bundle's files"

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="building"):
            yield Static(Text(INTRO), id="building-intro")
            yield Static(Text(self.line), id="building-progress")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.line)  # said while it was being composed

    def show(self, line: str) -> None:
        """Say line: now if the screen is composed, else when it is."""
        self.line = line
        for shown in self.query("#building-progress").results(Static):
            shown.update(Text(line))
