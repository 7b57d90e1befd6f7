"""Every key the interface answers, where it answers it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label("Keys  (Esc closes; ctrl+p lists every action too)", classes="bold")
            table = DataTable(cursor_type="row", id="keys")
            table.add_columns("key", "does", "in")
            for row in self.rows:
                table.add_row(*row)
            yield table

    def action_close(self) -> None:
        self.dismiss(None)
