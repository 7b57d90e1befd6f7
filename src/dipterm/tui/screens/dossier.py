"""An entity's dossier: first and last seen, the career, the people met and written to, quotes,
and every article in date order, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane
from textual.widgets.data_table import ColumnKey

from dipterm.display import career_sections, safe_line, span
from dipterm.tui.screens.office import OfficeScreen


class DossierScreen(Screen[int | None]):
    """Dismisses with the id of an article chosen from the dossier, or None."""

    PANE = "Dossier"
    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("a", "tab('articles')", "Articles"),
        Binding("c", "tab('career')", "Career"),
        Binding("m", "tab('people')", "People met"),
        Binding("u", "tab('quotes')", "Quotes"),
        Binding("j", "focused.cursor_down", show=False),
        Binding("k", "focused.cursor_up", show=False),
    ]

    @dataclass
    class Opened(Message):
        article_id: int

    def __init__(self, dossier, service) -> None:
        super().__init__()
        self.dossier = dossier
        self.service = service
        self._asked = False  # a next page of articles is on its way

    def compose(self) -> ComposeResult:
        d = self.dossier
        yield Header()
        text = Text(f"{safe_line(d.name)}  ({d.kind})  ", style="bold")
        first, last = safe_line(d.first_seen) or "?", safe_line(d.last_seen) or "?"
        text.append(f"seen {first} .. {last} in {d.articles_total} articles", style="")
        others = [v for v in d.variants if v != d.name]
        if others:
            text.append("\nalso written  " + safe_line(", ".join(others)), style="dim")
        yield Static(text, id="dossier-head")
        with TabbedContent(id="dossier-tabs"):
            with TabPane(f"Articles ({d.articles_total})", id="tab-articles"):
                table = DataTable(cursor_type="row", id="dossier-articles", zebra_stripes=True)
                table.add_column("date", key="date", width=10)
                table.add_column("source", key="source", width=14)
                table.add_column("title", key="title")
                self._add_articles(table, d.articles)
                yield table
            if d.career:
                with TabPane("Career", id="tab-career"):
                    yield DataTable(cursor_type="row", id="dossier-career")
            with TabPane("People", id="tab-people"), VerticalScroll():
                yield Static(self._people(), id="dossier-people")
            if d.quotes:
                with TabPane(f"Quotes ({len(d.quotes)})", id="tab-quotes"), VerticalScroll():
                    yield Static(self._quotes(), id="dossier-quotes")
        yield Footer()

    def on_mount(self) -> None:
        if self.dossier.career:
            career = self.query_one("#dossier-career", DataTable)
            career.add_columns("first .. last", "articles", "office (enter: who held it)")
            for heading, lines in career_sections(self.dossier.career):
                career.add_row(Text(heading, style="bold"), "", "")
                for n, line in enumerate(lines):
                    key = f"office:{line['office']}" if line["kind"] == "office" else f"rank:{n}"
                    career.add_row(
                        span(line["first"], line["last"]).rstrip(),
                        Text(str(line["articles"]), justify="right"),
                        Text(safe_line(line["office"])),
                        key=key,
                    )
        self.query_one("#dossier-articles", DataTable).focus()

    def on_resize(self) -> None:
        """Titles take the width the list has, so rows never scroll sideways."""
        table = self.query_one("#dossier-articles", DataTable)
        title = table.columns.get(ColumnKey("title"))
        if title is not None:
            padding = 2 * table.cell_padding * len(table.columns)
            title.width = max(20, self.size.width - 10 - 14 - padding - 2)
            title.auto_width = False
            table.refresh(layout=True)

    def _people(self) -> Text:
        text = Text()
        for heading, others in self.dossier.counterparts:
            if others:
                text.append(f"{heading}\n", style="bold")
                for m in others:
                    text.append(f"  {m['events']:>4}  {safe_line(m['name'])}\n")
                text.append("\n")
        return text if text.plain else Text("no meetings or letters found", style="dim")

    def _quotes(self) -> Text:
        text = Text()
        for quote in self.dossier.quotes:
            text.append(f"[{quote['article_id']}] ", style="dim")
            text.append(f"\u201c{safe_line(quote['text'])}\u201d\n\n")
        return text

    @staticmethod
    def _add_articles(table: DataTable, articles: list[dict]) -> None:
        for a in articles:
            if str(a["id"]) not in table.rows:
                table.add_row(
                    a["published"] or "",
                    Text(safe_line(a["source"]) or "", style="cyan"),
                    Text(safe_line(a["title"])),
                    key=str(a["id"]),
                )

    # ------------------------------------------------------------ the article list, paged

    @on(DataTable.RowHighlighted, "#dossier-articles")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        more = table.row_count < self.dossier.articles_total
        if more and not self._asked and event.cursor_row >= table.row_count - 20:
            self._asked = True
            self.load_more(self.dossier.id, table.row_count)

    @work(thread=True, group="dossier-page")
    def load_more(self, eid: int, offset: int) -> None:
        page = self.service.entity_articles(eid, offset)
        self.app.call_from_thread(self._more_loaded, page)

    def _more_loaded(self, page: list[dict]) -> None:
        self._add_articles(self.query_one("#dossier-articles", DataTable), page)
        self._asked = False

    @on(DataTable.RowSelected, "#dossier-articles")
    def _article_chosen(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(event.row_key.value))

    # ------------------------------------------------------------ who else held an office

    @on(DataTable.RowSelected, "#dossier-career")
    def _office_chosen(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value or ""
        if key.startswith("office:"):
            self.load_holders(key.removeprefix("office:"))

    @work(thread=True, group="dossier-office")
    def load_holders(self, office: str) -> None:
        holders = self.service.office_holders(office)
        self.app.call_from_thread(
            self.app.push_screen, OfficeScreen(office, holders), self._holder_chosen
        )

    def _holder_chosen(self, name: str | None) -> None:
        if name and name != self.dossier.name:
            self.load_dossier(name)

    @work(thread=True, group="dossier-office")
    def load_dossier(self, name: str) -> None:
        found = self.service.dossier(name)
        self.app.call_from_thread(self._show, found)

    def _show(self, dossier) -> None:
        self.dossier, self._asked = dossier, False
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)

    # ------------------------------------------------------------ keys

    def action_close(self) -> None:
        self.dismiss(None)

    def action_tab(self, name: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.query(f"#tab-{name}"):
            tabs.active = f"tab-{name}"
            table = tabs.query(f"#tab-{name} DataTable")
            (table.first() if table else tabs.query_one(f"#tab-{name} VerticalScroll")).focus()
