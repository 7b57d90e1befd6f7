"""Who held an office, by country, each with the span the articles give: from a dossier's
career, as `dipterm office` gives it on the command line."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from dipterm.display import holders_by_country, safe_line, span


class OfficeScreen(Screen[str | None]):
    """Dismisses with the name of a holder chosen (to open their dossier), or None."""

    PANE = "Office holders"

    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("j", "focused.cursor_down", show=False),
        Binding("k", "focused.cursor_up", show=False),
    ]

    def __init__(self, office: str, holders: list) -> None:
        super().__init__()
        self.office, self.holders = office, holders

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text.assemble(
                ("who held  ", "bold"), safe_line(self.office), ("  (enter: a dossier)", "dim")
            ),
            id="office-head",
        )
        yield DataTable(cursor_type="row", id="office-holders", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("first .. last", "articles", "who", "office")
        for country, group in holders_by_country(self.holders):
            table.add_row(Text(safe_line(country) or "country not given", style="bold"), "", "", "")
            for n, holder in enumerate(group):
                table.add_row(
                    span(holder.first, holder.last).rstrip(),
                    Text(str(holder.articles), justify="right"),
                    Text(safe_line(holder.name)),
                    Text(safe_line(holder.office)),
                    key=f"{country}\0{n}\0{holder.name}",
                )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value or ""
        if "\0" in key:
            self.dismiss(key.rsplit("\0", 1)[1])

    def action_close(self) -> None:
        self.dismiss(None)
