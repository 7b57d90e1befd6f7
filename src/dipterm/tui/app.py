"""The dipterm application: opens the library, shows the main screen, lists keys and actions."""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.theme import Theme

from dipterm import settings
from dipterm.tui.extraction import BackgroundExtraction, FirstBuild
from dipterm.tui.keys import Key, dipterm_keys
from dipterm.tui.screens.building import BuildingScreen
from dipterm.tui.screens.help import HelpScreen
from dipterm.tui.screens.main import MainScreen
from dipterm.tui.service import LibraryService

NOT_COMMANDS = {"cursor_down", "cursor_up", "scroll_down", "scroll_up", "help", "down", "up"}


class ActionCommands(Provider):
    """dipterm's own actions in the command palette, found by what they do, for the screen the
    palette was opened over (not the palette itself)."""

    def _commands(self) -> list[Key]:
        return [k for k in dipterm_keys(self.app, self.screen) if k.action not in NOT_COMMANDS]

    async def discover(self) -> Hits:
        for key in self._commands():
            yield DiscoveryHit(key.description, partial(key.node.run_action, key.action),
                               help=f"{key.keys} in {key.pane.lower()}")  # fmt: skip

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key in self._commands():
            score = matcher.match(key.description)
            if score > 0:
                yield Hit(score, matcher.highlight(key.description),
                          partial(key.node.run_action, key.action), text=key.description,
                          help=f"{key.keys} in {key.pane.lower()}")  # fmt: skip


class DiptermApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "dipterm"
    PANE = "Everywhere"
    BINDINGS = [
        Binding("question_mark", "help", "Keys"),
        Binding("q", "quit", "Quit"),
        Binding("T", "toggle_theme", "Theme: light or dark", show=False),
    ]
    COMMANDS = App.COMMANDS | {ActionCommands}

    def __init__(
        self,
        library_path: Path,
        notes: list[str] | None = None,
        *,
        extract_behind: bool = True,
        build: FirstBuild | None = None,
    ) -> None:
        super().__init__()
        self.library_path = library_path
        self.notes = notes or []  # said before the interface opened, shown inside it
        self.service: LibraryService | None = None
        self.extract_behind = extract_behind
        self.extraction: BackgroundExtraction | None = None  # while one runs
        self.build = build  # the first start's build, until the library is searchable

    def on_mount(self) -> None:
        theme = settings.load().get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.build is None:
            self._open_library()
            return
        self._building_screen = BuildingScreen()
        self.push_screen(self._building_screen)
        self.sub_title = "building the library"
        # What the build says is read as it comes; the timer sees a build that ends unheard.
        self._building = self.set_interval(0.5, self._build_progress)
        try:
            asyncio.get_running_loop().add_reader(self.build.news, self._build_progress)
        except NotImplementedError:  # a loop that cannot watch a pipe: look often instead
            self._building = self.set_interval(0.02, self._build_progress)

    def _stop_watching_build(self) -> None:
        self._building.stop()
        if self.build is not None:
            with contextlib.suppress(NotImplementedError, ValueError):
                asyncio.get_running_loop().remove_reader(self.build.news)
            self.build = None

    def _build_progress(self) -> None:
        build = self.build
        if build is None:
            return
        if not build.poll() and build.running:
            if build.heard_all:  # the pipe is closed: the timer watches the process end
                with contextlib.suppress(NotImplementedError, ValueError):
                    asyncio.get_running_loop().remove_reader(build.news)
            return
        if build.searchable:
            self._stop_watching_build()
            if build.said:
                self.notes.append(build.said)
            while not isinstance(self.screen, BuildingScreen):  # help, the palette, over it
                self.pop_screen()
            self.pop_screen()
            self._open_library(build)
        elif not build.running:  # it ended before the library was searchable
            self._stop_watching_build()
            self.sub_title = "the library could not be built"
            self._building_screen.show(
                f"The library could not be built: {build.error or 'the build stopped'}. "
                "Quit with q."
            )
        else:
            self._building_screen.show(build.building_line())

    def _open_library(self, build: FirstBuild | None = None) -> None:
        """The main screen over the library; its extraction behind it: the build's own, or a
        `dipterm extract` for what earlier imports left to extract."""
        self.service = LibraryService(self.library_path)
        self.push_screen(MainScreen(self.service))
        self.run_worker(self.service.check_soundness, thread=True, group="soundness")
        self.call_after_refresh(self._say_notes)
        if build is not None and not build.running and not build.failed:
            self.sub_title = self.library_path.name  # built and extracted already
            return
        if (self.extract_behind or build is not None) and self.service.library.writable:
            pending = self.service.awaiting_extraction()
            if pending:
                if build is None:
                    build = BackgroundExtraction(self.library_path, pending)
                build.total = pending
                self.extraction = build
                self.sub_title = build.line(pending)
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

    def _say_notes(self) -> None:
        for note in self.notes:
            self.notify(note, timeout=10)

    def on_unmount(self) -> None:
        if self.build is not None:
            build = self.build
            self._stop_watching_build()
            build.stop()
        if self.extraction is not None:
            self.extraction.stop()
        if self.service is not None:
            self.service.close()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(dipterm_keys(self, self.screen)))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def _remember_theme(self, theme: Theme) -> None:
        """The theme chosen, with T or the palette, is the one the next start opens with."""
        try:
            settings.save({"theme": theme.name})
        except OSError as exc:
            self.notify(f"Could not remember the theme: {exc}", severity="warning")


def run(
    library_path: Path, notes: list[str] | None = None, build: FirstBuild | None = None
) -> None:
    DiptermApp(library_path, notes, build=build).run()
