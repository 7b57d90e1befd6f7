"""The list of articles: date, title, source, a mark for the selection. Fed a page at a time, so
thousands of rows show at once; the next page is asked for as the cursor nears the end. The title
takes the width the date and source leave; a title too long for it loses its middle, not its end."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from dipterm.display import safe_line
from dipterm.models import Hit

MARK = "\u2713"
ELLIPSIS = "\u2026"
COMPACT = 56  # columns under which the source column goes, so the title keeps room


def elide_middle(text: Text, width: int) -> Text:
    """text cut to width cells by taking out its middle: KCNA titles often differ only at the end."""
    if cell_len(text.plain) <= width:
        return text
    if width < 8:
        return text[: max(0, width - 1)] + Text(ELLIPSIS)
    tail = (width - 1) * 2 // 5
    head = width - 1 - tail
    plain = text.plain
    start = text[: _cut(plain, head)]
    end = text[len(plain) - _cut(plain[::-1], tail) :]
    start.rstrip()
    return Text.assemble(start, ELLIPSIS, end)


def _cut(plain: str, cells: int) -> int:
    """How many characters of plain fit in cells (wide characters take two)."""
    used = 0
    for index, char in enumerate(plain):
        used += cell_len(char)
        if used > cells:
            return index
    return len(plain)


class Title:
    """A title cell that fits itself to the width the column has when it is drawn."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield elide_middle(self.text, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, cell_len(self.text.plain))


class ArticleList(DataTable):
    PANE = "Article list"
    BINDINGS = [
        Binding("enter", "open", "Open the article", show=False),
        Binding("space,x", "toggle_mark", "Mark"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
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
        self._sources: dict[str, Text] = {}  # by row key: put back when the source column returns

    WIDTHS = {"mark": 1, "date": 10, "source": 10}

    def on_mount(self) -> None:
        self.add_column(" ", key="mark", width=1)
        self.add_column("date", key="date", width=10)
        self.add_column("title", key="title", width=40)
        self.add_column("source", key="source", width=10)

    def on_resize(self) -> None:
        """The title takes the width the pane has, so rows never scroll sideways."""
        self._show_source(self.size.width >= COMPACT)
        title = self.columns.get(ColumnKey("title"))
        if title is not None:
            fixed = sum(self.WIDTHS[str(key.value)] for key in self.columns if key.value != "title")
            padding = 2 * self.cell_padding * len(self.columns)
            title.width = max(
                8, self.size.width - fixed - padding - self.styles.scrollbar_size_vertical
            )
            title.auto_width = False
            self.refresh(layout=True)

    def _show_source(self, shown: bool) -> None:
        if shown == (ColumnKey("source") in self.columns):
            return
        if not shown:
            self.remove_column("source")
            return
        self.add_column("source", key="source", width=self.WIDTHS["source"], default="")
        for key, source in self._sources.items():
            if key in self.rows:
                self.update_cell(key, "source", source)

    def show(self, hits: list[Hit], *, append: bool = False, has_more: bool = False) -> None:
        if not append:
            self.clear()
            self._sources = {}
        self.has_more = has_more
        compact = ColumnKey("source") not in self.columns
        for hit in hits:
            key = str(hit.id)
            if key in self.rows:
                continue
            row = self._row(hit)
            self._sources[key] = row[-1]
            self.add_row(*(row[:-1] if compact else row), key=key)

    def _row(self, hit: Hit) -> tuple:
        return (
            Text(MARK if hit.id in self.marked else ""),
            Text(safe_line(hit.published)),
            Title(Text(safe_line(hit.title))),
            Text(safe_line(hit.source), style="cyan"),
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
        self.update_cell(str(article_id), "mark", Text(MARK if article_id in self.marked else ""))
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
