"""How the wording moves, in the interface: a trend chart of the current query and the phrases
added to it, and a concordance of the query whose lines open the article at that place."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual_plotext import PlotextPlot

from dipterm.chart import caption, plot_into
from dipterm.display import safe, safe_line
from dipterm.errors import DiptermError
from dipterm.store.wording import PERIODS

_NARROW_SOURCE = 13


class TrendChart(PlotextPlot, can_focus=True):
    """The chart, focusable so that the screen's keys reach it rather than the query box."""


class TrendScreen(Screen[None]):
    """The current query's articles per period, beside phrases the user adds (Enter in the box)."""

    CSS_PATH = "wording.tcss"
    PANE = "Trend"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("b", "cycle_period", "Period"),
        Binding("percent_sign", "toggle_share", "Share"),
        Binding("a", "add_phrase", "Add query"),
        Binding("d", "drop_last", "Drop last"),
    ]

    def __init__(self, service, query: str) -> None:
        super().__init__()
        self.service = service
        self.queries = [query] if query.strip() else []
        self.by = "year"
        self.share = False
        self.found = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="trend"):
            yield Input(placeholder="add a query to compare (Enter); Esc back", id="trend-add")
            yield Static("", id="trend-caption")
            yield TrendChart(id="trend-chart")
            yield Static("", id="trend-edges")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#trend-chart").focus()
        if not self.queries:
            self.query_one("#trend-add", Input).focus()
        self.count()

    @work(thread=True, exclusive=True, group="trend")
    def count(self) -> None:
        if not self.queries:
            self.app.call_from_thread(self._show_message, "Type a query to chart, then Enter.")
            return
        try:
            found = self.service.trend(list(self.queries), self.by)
        except DiptermError as exc:
            self.app.call_from_thread(self._show_message, str(exc))
            return
        self.app.call_from_thread(self._show, found)

    def _show_message(self, message: str) -> None:
        self.query_one("#trend-caption", Static).update(Text(message))

    def _show(self, found) -> None:
        self.found = found
        chart = self.query_one(TrendChart)
        plt = chart.plt
        plt.clear_figure()
        if found.periods:
            plot_into(plt, found, width=max(40, chart.size.width or 80), share=self.share)
        chart.refresh()
        self.query_one("#trend-caption", Static).update(Text(caption(found, self.share)))
        edges = Text()
        for series in found.series:
            edges.append(safe(series.term), style="bold")
            edges.append(f"  {series.articles:,} articles")
            if series.undated:
                edges.append(f" ({series.undated} not placed in a {found.by})", style="dim")
            for label, edge in (("first", series.first), ("last", series.last)):
                if edge:
                    edges.append(f"\n  {label:<5} {edge.published}  ")
                    edges.append(safe(edge.title), style="italic")
            edges.append("\n")
        self.query_one("#trend-edges", Static).update(edges)

    @on(Input.Submitted, "#trend-add")
    def _added(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text and text not in self.queries:
            self.queries.append(text)
            self.count()
        event.input.value = ""
        self.query_one("#trend-chart").focus()

    def action_add_phrase(self) -> None:
        self.query_one("#trend-add", Input).focus()

    def action_drop_last(self) -> None:
        if len(self.queries) > 1:
            self.queries.pop()
            self.count()

    def action_cycle_period(self) -> None:
        self.by = PERIODS[(PERIODS.index(self.by) + 1) % len(PERIODS)]  # type: ignore[arg-type]
        self.count()

    def action_toggle_share(self) -> None:
        self.share = not self.share
        if self.found is not None:
            self._show(self.found)

    def action_close(self) -> None:
        if self.query_one("#trend-add", Input).has_focus and self.queries:
            self.query_one("#trend-chart").focus()
            return
        self.dismiss(None)


@dataclass(frozen=True)
class Place:
    """Where a concordance line stands: the article, and which occurrence of the words it is."""

    article_id: int
    words: str
    nth: int  # 0 for the first occurrence of these words in the article's text


class ConcordanceScreen(Screen[Place | None]):
    """Every occurrence of the query's words in context, oldest first; Enter opens the article
    there."""

    CSS_PATH = "wording.tcss"
    PANE = "Concordance"
    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("j", "down", show=False),
        Binding("k", "up", show=False),
    ]

    def __init__(self, service, query: str) -> None:
        super().__init__()
        self.service = service
        self.text = query
        self.places: dict[str, Place] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="concordance"):
            yield Static(Text(f"Finding {self.text}…"), id="concordance-caption")
            table = DataTable(cursor_type="row", id="concordance-lines")
            table.add_columns("date", "source", "left", "words", "right")
            yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="concordance")
    def load(self) -> None:
        try:
            found = self.service.concordance(self.text)
        except DiptermError as exc:
            self.app.call_from_thread(
                self.query_one("#concordance-caption", Static).update, Text(str(exc))
            )
            return
        self.app.call_from_thread(self._show, found)

    def _show(self, found) -> None:
        table = self.query_one(DataTable)
        seen: dict[tuple[int, str], int] = {}
        side = max(12, (self.size.width - 10 - _NARROW_SOURCE - 20) // 2)
        for k, o in enumerate(found.occurrences):
            if o.in_title:
                continue  # the reader places body text; titles are in the list already
            words = o.match.lower()
            nth = seen.get((o.id, words), 0)
            seen[(o.id, words)] = nth + 1
            key = str(k)
            self.places[key] = Place(o.id, o.match, nth)
            table.add_row(
                Text(safe_line(o.published) or "undated"),
                Text(safe(o.source or "(unknown)")[:_NARROW_SOURCE]),
                Text(safe(o.left)[-side:], justify="right"),
                Text(safe(o.match), style="bold"),
                Text(safe(o.right)[:side]),
                key=key,
            )
        more = "" if found.complete else f" (the first {len(found.occurrences):,})"
        self.query_one("#concordance-caption", Static).update(
            Text(
                f"{len(self.places):,} occurrences{more} in {found.articles:,} articles of "
                f"{self.text}, oldest first   Enter: open the article there",
            )
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(self.places.get(str(event.row_key.value)))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
