"""An entity's dossier: first and last seen, roles over time, people met most, articles in order."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from dipterm.display import safe_line


class DossierScreen(Screen[int | None]):
    """Dismisses with the id of an article chosen from the dossier, or None."""

    PANE = "Dossier"
    BINDINGS = [Binding("escape,q", "close", "Back"), Binding("j", "down", show=False),
                Binding("k", "up", show=False)]  # fmt: skip

    @dataclass
    class Opened(Message):
        article_id: int

    def __init__(self, dossier) -> None:
        super().__init__()
        self.dossier = dossier

    def compose(self) -> ComposeResult:
        d = self.dossier
        yield Header()
        text = Text(f"{safe_line(d.name)}  ({d.kind})\n", style="bold")
        others = [v for v in d.variants if v != d.name]
        if others:
            text.append("also written  " + safe_line(", ".join(others)) + "\n", style="dim")
        first, last = safe_line(d.first_seen) or "?", safe_line(d.last_seen) or "?"
        text.append(f"seen {first} .. {last} in {len(d.articles)} articles\n")
        if d.roles:
            text.append("\nroles held\n", style="bold")
            for r in d.roles:
                span = r["first"] if r["first"] == r["last"] else f"{r['first']} .. {r['last']}"
                span = safe_line(span) or "?"
                text.append(f"  {span:<24} {safe_line(r['role'])} ({r['articles']})\n")
        for heading, others in d.counterparts:
            if others:
                text.append(f"\n{heading}\n", style="bold")
                for m in others:
                    text.append(f"  {m['events']:>4}  {safe_line(m['name'])}\n")
        with Vertical(id="dossier"):
            yield Static(text, id="dossier-head")
            table = DataTable(cursor_type="row", id="dossier-articles")
            table.add_columns("date", "source", "title")
            for a in d.articles:
                cells = (a["published"], a["source"], a["title"])
                table.add_row(*(Text(safe_line(c)) for c in cells), key=str(a["id"]))
            yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(event.row_key.value))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
