"""A strip of the current result over time: articles per month, or per year for a long span."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline

from dipterm.display import safe


class Timeline(Vertical):
    def compose(self) -> ComposeResult:
        yield Sparkline([], summary_function=max, id="spark")
        yield Label("", id="span")

    def show(self, periods: list[tuple[str, int]]) -> None:
        self.query_one(Sparkline).data = [n for _, n in periods] or [0]
        if periods:
            unit = "month" if len(periods[0][0]) == 7 else "year"
            peak = max(periods, key=lambda p: p[1])
            text = f"{periods[0][0]}..{periods[-1][0]} by {unit}\npeak {peak[0]}: {peak[1]:,}"
        else:
            text = "no dates"
        self.query_one("#span", Label).update(Text(safe(text)))
