"""Facets of the current result: sources, years, people, places with counts; choosing one filters."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dipterm.display import safe_line

TITLES = {"source": "Sources", "year": "Years", "person": "People", "place": "Places"}


class Facets(OptionList):
    @dataclass
    class Chosen(Message):
        kind: str
        value: str

    def show(self, facets: dict[str, list[tuple[str, int]]]) -> None:
        self.clear_options()
        for kind, title in TITLES.items():
            values = facets.get(kind) or []
            if not values:
                continue
            self.add_option(Option(Text(title, style="bold"), disabled=True))
            for value, count in values:
                self.add_option(Option(_entry(value, count), id=f"{kind}\x1f{value}"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            kind, value = event.option.id.split("\x1f", 1)
            self.post_message(self.Chosen(kind, value))


def _entry(value: str, count: int) -> Table:
    """The count, then the value; a value too long for the pane wraps under itself."""
    row = Table.grid(padding=(0, 1))
    row.add_column(justify="right", style="dim", width=5, no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(str(count), Text(safe_line(value)))
    return row


def facet_filter(kind: str, value: str) -> str:
    """The query words a chosen facet adds."""
    if kind == "year":
        return f"since:{value} until:{value}"
    if kind == "source" and value == "(unknown)":
        return ""
    quoted = f'"{value}"' if " " in value else value
    return f"{kind}:{quoted}"
