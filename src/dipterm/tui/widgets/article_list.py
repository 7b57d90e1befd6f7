"""The list of articles: date, source, title, a mark for the selection. Fed a page at a time, so
thousands of rows show at once; the next page is asked for as the cursor nears the end."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from dipterm.display import safe
from dipterm.models import Hit

MARK = "\u2713"


class ArticleList(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("space,x", "toggle_mark", "Mark"),
        Binding("enter", "open", "Open", show=False),
    ]

    @dataclass
    class Opened(Message):
        article_id: int

    @dataclass
    class Highlighted(Message):
        article_id: int

    @dataclass
    class WantsMore(Message):
        loaded: int

    @dataclass
    class SortAsked(Message):
        column: str

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.marked: set[int] = set()
        self.has_more = False

    FIXED = 1 + 10 + 10  # mark, date, source

    def on_mount(self) -> None:
        self.add_column(" ", key="mark", width=1)
        self.add_column("date", key="date", width=10)
        self.add_column("title", key="title", width=40)
        self.add_column("source", key="source", width=10)

    def on_resize(self) -> None:
        """The title takes the width the pane has, so rows never scroll sideways."""
        title = self.columns.get(ColumnKey("title"))
        if title is not None:
            padding = 2 * self.cell_padding * len(self.columns)
            title.width = max(20, self.size.width - self.FIXED - padding - 2)
            title.auto_width = False
            self.refresh(layout=True)

    def show(self, hits: list[Hit], *, append: bool = False, has_more: bool = False) -> None:
        if not append:
            self.clear()
        self.has_more = has_more
        for hit in hits:
            key = str(hit.id)
            if key in self.rows:
                continue
            self.add_row(*self._row(hit), key=key)

    def _row(self, hit: Hit) -> tuple:
        return (
            MARK if hit.id in self.marked else "",
            hit.published or "",
            Text(safe(hit.title)),
            Text(safe(hit.source) or "", style="cyan"),
        )

    @property
    def current_id(self) -> int | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def visible_ids(self) -> list[int]:
        return [int(k.value) for k in self.rows if k.value is not None]

    def action_toggle_mark(self) -> None:
        article_id = self.current_id
        if article_id is None:
            return
        if article_id in self.marked:
            self.marked.discard(article_id)
        else:
            self.marked.add(article_id)
        self.update_cell(str(article_id), "mark", MARK if article_id in self.marked else "")
        self.action_cursor_down()

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self.current_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Highlighted(int(event.row_key.value)))
        if self.has_more and event.cursor_row >= self.row_count - 20:
            self.has_more = False  # asked once; the next page says whether there is more
            self.post_message(self.WantsMore(self.row_count))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_key.value in ("date", "source", "title"):
            self.post_message(self.SortAsked(str(event.column_key.value)))
