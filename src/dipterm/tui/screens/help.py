"""Every key dipterm answers, grouped by the pane that answers it."""

from __future__ import annotations

from itertools import groupby

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from dipterm.tui.keys import Key


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, keys: list[Key]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(Text("Keys   (Esc closes; ctrl+p finds any of these by what it does)"))
            with VerticalScroll(id="keys"):
                yield Static(self.table(), id="keys-table")

    def table(self) -> Group:
        """A heading a pane, then its keys and what each does."""
        parts: list[Text | Table] = []
        for pane, keys in groupby(self.keys, key=lambda k: k.pane):
            grid = Table.grid(padding=(0, 2))
            grid.add_column(justify="right", style="bold", min_width=12, no_wrap=True)
            grid.add_column(ratio=1)
            for key in keys:
                grid.add_row(Text(key.keys), Text(key.description))
            parts += [Text(pane, style="bold underline"), grid, Text("")]
        return Group(*parts)

    def action_close(self) -> None:
        self.dismiss(None)
