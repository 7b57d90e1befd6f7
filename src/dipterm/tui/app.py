"""The dipterm application: opens the library, shows the main screen, lists keys and actions."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider

from dipterm.tui.screens.help import HelpScreen
from dipterm.tui.screens.main import MainScreen
from dipterm.tui.service import LibraryService


class ActionCommands(Provider):
    """Every binding of the screen and its widgets, in the command palette."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key, description, where, node, action in self.app.bindings_here():  # type: ignore[attr-defined]
            label = f"{description} ({key})"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(node.run_action, action),
                          help=f"in {where}")  # fmt: skip


class DiptermApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "dipterm"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Keys"),
        Binding("T", "toggle_theme", "Light/dark", show=False),
    ]
    COMMANDS = App.COMMANDS | {ActionCommands}

    def __init__(self, library_path: Path, *, extract_behind: bool = True) -> None:
        super().__init__()
        self.library_path = library_path
        self.service: LibraryService | None = None
        self.extract_behind = extract_behind
        self.extraction = None  # a BackgroundExtraction while one runs

    def on_mount(self) -> None:
        self.service = LibraryService(self.library_path)
        self.push_screen(MainScreen(self.service))
        if self.extract_behind and self.service.library.writable:
            pending = self.service.awaiting_extraction()
            if pending:
                from dipterm.tui.extraction import BackgroundExtraction

                self.extraction = BackgroundExtraction(self.library_path, pending)
                self.sub_title = self.extraction.line(pending)
                self._watching = self.set_interval(1.0, self._extraction_progress)
                self.set_timer(0.2, self._extraction_progress)

    def _extraction_progress(self) -> None:
        extraction = self.extraction
        if extraction is None or self.service is None:
            return
        if extraction.running:
            self.sub_title = extraction.line(self.service.awaiting_extraction())
            return
        self._watching.stop()
        self.extraction = None
        self.sub_title = self.library_path.name
        if extraction.failed:
            self.notify("Extraction stopped: run dipterm extract to finish it", severity="error")
            return
        self.notify("People, places and events found: facets and dossiers are complete")
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.action_refresh()

    def on_unmount(self) -> None:
        if self.extraction is not None:
            self.extraction.stop()
        if self.service is not None:
            self.service.close()

    def bindings_here(self) -> list[tuple[str, str, str, object, str]]:
        """(key, description, where, node, action) for every binding the screen answers."""
        rows = []
        seen = set()
        nodes = [self, self.screen, *self.screen.walk_children()]
        for node in nodes:
            for binding in getattr(node, "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                where = "everywhere" if node is self else type(node).__name__
                key = (binding.action, where)
                if key in seen:
                    continue
                seen.add(key)
                rows.append((binding.key.replace("question_mark", "?").replace("slash", "/"),
                             binding.description, where, node, binding.action))  # fmt: skip
        return rows

    def action_help(self) -> None:
        self.push_screen(HelpScreen([(k, d, w) for k, d, w, _, _ in self.bindings_here()]))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def run(library_path: Path) -> None:
    DiptermApp(library_path).run()
