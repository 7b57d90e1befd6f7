"""Facets of the current result: sources, years, people, places with counts; choosing one filters."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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
                label = Text(f"{count:>5} ", style="dim")
                label.append(value)
                self.add_option(Option(label, id=f"{kind}\x1f{value}"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            kind, value = event.option.id.split("\x1f", 1)
            self.post_message(self.Chosen(kind, value))


def facet_filter(kind: str, value: str) -> str:
    """The query words a chosen facet adds."""
    if kind == "year":
        return f"since:{value} until:{value}"
    if kind == "source" and value == "(unknown)":
        return ""
    quoted = f'"{value}"' if " " in value else value
    return f"{kind}:{quoted}"
