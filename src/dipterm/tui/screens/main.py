"""The main screen: search bar, facets and timeline, the article list, and one or two readers."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from dipterm.display import safe_line
from dipterm.errors import DiptermError
from dipterm.export.files import export_path
from dipterm.tui.compare import compare_line, entity_label, shared
from dipterm.tui.screens.dialogs import AskDialog, ChooseDialog, ConfirmDialog
from dipterm.tui.screens.dossier import DossierScreen
from dipterm.tui.service import PAGE, LibraryService, Results
from dipterm.tui.widgets.article_list import ArticleList
from dipterm.tui.widgets.facets import Facets, facet_filter
from dipterm.tui.widgets.reader import Reader, query_terms
from dipterm.tui.widgets.timeline import Timeline

DEBOUNCE = 0.025  # seconds of quiet typing before a search runs (the worker drops stale ones)
# Facets and the timeline wait for a pause in typing: reckoned for every letter, they took the
# CPU the next letter's search needed.
FACETS_QUIET = 0.15
SORTS = ["rank", "date", "source", "title"]
NARROW = 110  # columns under which facets hide and the panes stack
SEARCH_HINT = 'search: words, "phrase", -not, person:Lavrov, since:2024 ...'
TITLES_HINT = "filter titles: type any part of a title, misspelt or not (F2: back to search)"


class MainScreen(Screen):
    PANE = "Main screen"
    # The footer shows a few (it has 80 columns at worst); ? and ctrl+p list them all.
    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("escape", "leave_search", "Back to the list", show=False),
        Binding("f2", "toggle_titles", "Title filter", show=False),
        Binding("t", "cycle_sort", "Sort", show=False),
        Binding("p", "pin", "Side by side"),
        Binding("c", "compare", "Compare", show=False),
        Binding("s", "save_selection", "Save marked as selection", show=False),
        Binding("o", "open_selection", "Open selection", show=False),
        Binding("w", "watches", "Run saved search", show=False),
        Binding("ctrl+e", "export", "Export"),
        Binding("r", "refresh", "Refresh (see new imports)", show=False),
        Binding("G", "trend", "Trend over time", show=False),
        Binding("K", "concordance", "Concordance", show=False),
        Binding("V", "toggle_versions", "Search earlier versions too", show=False),
    ]

    def __init__(self, service: LibraryService) -> None:
        super().__init__()
        self.service = service
        self.title_mode = False
        self.sort = "rank"
        self.side_by_side = False
        self.comparing = False
        self.label = ""  # what the list shows when it is not a search
        self.earlier_versions = False  # also list what only an earlier version of an article held
        self.both_mention: list[str] = []  # the entities two compared articles share

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            yield Input(placeholder=SEARCH_HINT, id="query")
        yield Static("", id="status")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Facets(id="facets")
                yield Timeline(id="timeline")
            yield ArticleList(id="results")
            with Horizontal(id="readers"):
                yield Reader(id="reader-a")
                yield Reader(id="reader-b")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if getattr(self.app, "extraction", None) is None:  # else the header says how far it is
            self.app.sub_title = self.service.path.name
        self._layout(self.app.size.width)
        self.search("")
        self.query_one(ArticleList).focus()

    def on_resize(self, event) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")

    # ------------------------------------------------------------ searching

    @property
    def query_text(self) -> str:
        boxes = self.query("#query")
        return boxes.first(Input).value if boxes else ""  # none: the screen is closing

    @property
    def closing(self) -> bool:
        """Whether the screen's widgets are going (the app quits while a worker still answers):
        they are removed one by one, so any of those an answer is shown in may be gone first."""
        return not all(self.query(part) for part in ("#query", ArticleList, Facets, Timeline))

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self.label = ""
        self.search(event.value)

    def search(self, text: str, *, debounce: bool = True) -> None:
        """List what text finds; what still runs for the list before is stopped."""
        self.service.interrupt()
        self._search(text, debounce=debounce)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str, *, debounce: bool = True) -> None:
        if debounce and text:
            time.sleep(DEBOUNCE)
            if get_current_worker().is_cancelled:
                return
        results = (
            self.service.title_filter(text) if self.title_mode
            else self.service.browse(text, sort=self.sort)  # type: ignore[arg-type]
        )  # fmt: skip
        if results is None or get_current_worker().is_cancelled:
            return
        earlier = self.earlier_versions and not self.title_mode
        shown = self.service.with_earlier_versions(results) if earlier else results
        self.app.call_from_thread(self._show, shown)
        if results.ranking:  # shown newest first meanwhile; a new query cancels this
            ranked = self.service.ranked(results)
            if ranked is not None and earlier:
                ranked = self.service.with_earlier_versions(ranked)
            if ranked is not None and not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._show, ranked, facets=False)

    def _show(self, results: Results, *, append: bool = False, facets: bool = True) -> None:
        if self.closing:
            return
        if not results.label and results.query != self.query_text:
            return  # an answer to a query the box no longer holds
        listing = self.query_one(ArticleList)
        more = len(results.hits) >= PAGE and not self.title_mode and not results.label
        listing.show(results.hits, append=append, has_more=more)
        if append:
            return
        self._status(results)
        if self.title_mode:  # the facets and timeline are of a search's articles, not of titles
            self._show_facets({}, [])
        elif facets and not results.label and not results.error:
            self.load_facets(results.query)

    def _status(self, results: Results) -> None:
        status = self.query_one("#status", Static)
        if results.error:
            status.update(Text(safe_line(results.error), style="b red"))
            return
        sort = "date" if self.sort == "rank" and not results.query else self.sort
        mode = "titles" if self.title_mode else f"sorted by {sort}"
        if results.ranking:
            mode = "newest first while ranking"
        what = results.label or (f"match {results.query!r}" if results.query else "in the library")
        fixed = ", ".join(results.corrections)
        plural = "" if results.total == 1 else "s"
        count = f"{results.total:,} article{plural} " if results.total >= 0 else ""
        # What was searched for instead comes before the mode: at 80 columns the end is cut.
        line = Text(f"{count}{safe_line(what)}")
        if fixed:
            line.append("  ").append(f"searched for {safe_line(fixed)}", style="i")
        if results.note:
            line.append("  ").append(safe_line(results.note), style="i")
        status.update(line.append("  ").append(f"({mode})", style="dim"))

    @work(thread=True, exclusive=True, group="facets")
    def load_facets(self, text: str) -> None:
        time.sleep(FACETS_QUIET)
        if get_current_worker().is_cancelled or text != self.query_text:
            return
        facets = self.service.facets(text)
        periods = self.service.timeline(text)
        if not get_current_worker().is_cancelled and text == self.query_text:
            self.app.call_from_thread(self._show_facets, facets, periods)

    def _show_facets(self, facets: dict, periods: list) -> None:
        if self.closing:
            return
        self.query_one(Facets).show(facets)
        self.query_one(Timeline).show(periods)

    @on(ArticleList.WantsMore)
    def _more(self, event: ArticleList.WantsMore) -> None:
        self.load_more(self.query_text, event.loaded)

    @work(thread=True, group="more")
    def load_more(self, text: str, offset: int) -> None:
        results = self.service.browse(text, sort=self.sort, offset=offset)  # type: ignore[arg-type]
        if results is not None:
            self.app.call_from_thread(self._show, results, append=True)

    @on(ArticleList.SortAsked)
    def _sort_by(self, event: ArticleList.SortAsked) -> None:
        self.sort = event.column
        self.search(self.query_text, debounce=False)

    @on(Facets.Chosen)
    def _facet(self, event: Facets.Chosen) -> None:
        words = facet_filter(event.kind, event.value)
        if words and words not in self.query_text:
            box = self.query_one("#query", Input)
            box.value = f"{box.value} {words}".strip()

    # ------------------------------------------------------------ reading

    @on(ArticleList.Opened)
    def _open(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id)

    @work(thread=True, group="read")
    def open_article(self, article_id: int, place=None) -> None:
        """Read an article; at a concordance line's place (words, nth) when one is given."""
        try:
            article, extracted = self.service.article(article_id)
        except DiptermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._read, article, extracted, place)

    def _read(self, article, extracted, place=None) -> None:
        target = self.query_one("#reader-b" if self.side_by_side else "#reader-a", Reader)
        target.show(article, extracted, query_terms(self.query_text))
        self.add_class("-reading")
        if self.comparing:
            self.action_compare(keep=True)
        if place is not None:
            target.find_at(place.words, place.nth)
            target.focus()

    @on(Reader.VersionsAsked)
    def _versions(self, event: Reader.VersionsAsked) -> None:
        self.load_versions(event.article_id)

    @work(thread=True, group="read")
    def load_versions(self, article_id: int) -> None:
        try:
            article, extracted = self.service.article(article_id)
            found = self.service.history(article_id)
        except DiptermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show_versions, article, extracted, found)

    def _show_versions(self, article, extracted, found) -> None:
        """The version before the current one beside it, the sentences they share marked: what
        is left unmarked is what changed."""
        if len(found.versions) < 2:
            self.notify("No earlier version of this article is kept")
            return
        from dataclasses import replace

        before, now = found.versions[-2], found.versions[-1]
        earlier = replace(
            article,
            title=f"{before.title}  [version {before.number} of {now.number}, "
            f"imported {before.imported_at[:10]}]",
            body=before.body,
            revisions=0,
            revised_at=None,
        )
        if not self.side_by_side:
            self.action_pin()
        terms = query_terms(self.query_text)
        self.query_one("#reader-a", Reader).show(earlier, {}, terms)
        self.query_one("#reader-b", Reader).show(article, extracted, terms)
        self.comparing = False
        self.action_compare()
        self.query_one("#status", Static).update(
            Text(f"version {before.number} -> {now.number}: ").append(
                safe_line(found.differences[-1].line())
            )
        )

    @on(Reader.Closed)
    def _close_reader(self, event: Reader.Closed) -> None:
        """Esc in a reader: back to one reader from two, else back to the list at full width."""
        left = self.query_one("#reader-a", Reader)
        if self.side_by_side:
            self.action_pin()
            self.set_class(left.article is not None, "-reading")  # versions fill it directly
            left.focus()
            return
        event.reader.clear()
        self.remove_class("-reading")
        self.query_one(ArticleList).focus()

    @on(Reader.EntitiesAsked)
    def _entities(self, event: Reader.EntitiesAsked) -> None:
        both = set(self.both_mention) if self.comparing else set()
        entities = sorted(event.entities, key=lambda e: e.name not in both)  # shared ones first
        choices: dict[str, Text] = {}
        for e in entities:  # a name once, with its first kind
            choices.setdefault(e.name, entity_label(e, e.name in both))
        heading = "Entities in this article (Enter opens a dossier)"
        if both:
            heading = f"Entities in this article; the {len(both)} both articles mention first"
        self.app.push_screen(ChooseDialog(heading, list(choices.items())), self._dossier_chosen)

    def _dossier_chosen(self, name: str | None) -> None:
        if name:
            self.load_dossier(name)

    @work(thread=True, group="dossier")
    def load_dossier(self, name: str) -> None:
        try:
            dossier = self.service.dossier(name)
        except DiptermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(
            self.app.push_screen, DossierScreen(dossier, self.service), self._from_dossier
        )

    def _from_dossier(self, article_id: int | None) -> None:
        if article_id is not None:
            self.open_article(article_id)

    # ------------------------------------------------------------ actions

    def action_focus_search(self) -> None:
        self.query_one("#query", Input).focus()

    def action_leave_search(self) -> None:
        self.query_one(ArticleList).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box goes to the results, as Esc does; Enter there opens one."""
        if event.input.id == "query":
            event.stop()
            self.action_leave_search()

    def action_toggle_titles(self) -> None:
        self.title_mode = not self.title_mode
        box = self.query_one("#query", Input)
        box.placeholder = TITLES_HINT if self.title_mode else SEARCH_HINT
        if self.title_mode:
            self.action_focus_search()  # what comes next is typing
            if not self.service.title_index_ready:  # seconds on a large library: say so
                self.query_one("#status", Static).update("Reading every title to filter them…")
        self.search(self.query_text, debounce=False)

    def action_toggle_versions(self) -> None:
        self.earlier_versions = not self.earlier_versions
        self.notify(
            "Searching earlier versions of articles too (V: current text only)"
            if self.earlier_versions
            else "Searching the current text of articles"
        )
        self.search(self.query_text, debounce=False)

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.search(self.query_text, debounce=False)

    def action_pin(self) -> None:
        self.side_by_side = not self.side_by_side
        self.set_class(self.side_by_side, "-side")
        if not self.side_by_side and self.comparing:
            self.action_compare()
        self.notify(
            "Pinned: the next article opens beside it" if self.side_by_side else "One reader"
        )

    def action_compare(self, keep: bool = False) -> None:
        left, right = self.query_one("#reader-a", Reader), self.query_one("#reader-b", Reader)
        if not keep:
            self.comparing = not self.comparing
        if not self.comparing or left.article is None or right.article is None:
            left.mark_shared(set())
            right.mark_shared(set())
            if self.comparing:
                self.notify("Compare: open two articles side by side (p, then Enter)")
            return
        shared_a, shared_b, entities = shared(left, right)
        left.mark_shared(shared_a)
        right.mark_shared(shared_b)
        self.both_mention = sorted(entities)
        status = self.query_one("#status", Static)
        status.update(compare_line(len(shared_a), self.both_mention, self.size.width))

    def action_save_selection(self) -> None:
        marked = sorted(self.query_one(ArticleList).marked)
        if not marked:
            self.notify("Mark articles first (space or x)", severity="warning")
            return
        self.app.push_screen(AskDialog(f"Save {len(marked)} marked articles as selection:"),
                             lambda name: self._save(name, marked))  # fmt: skip

    @work(thread=True, group="write")
    def _save(self, name: str | None, ids: list[int]) -> None:
        if not name:
            return
        try:
            added = self.service.save_selection(name, ids)
        except DiptermError as exc:  # a damaged library, or one read-only
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"{added} added to selection {name}", markup=False)

    def action_open_selection(self) -> None:
        names = self.service.selections()
        if not names:
            self.notify("No selections yet: mark articles, then s", severity="warning")
            return
        self.app.push_screen(
            ChooseDialog("Open selection", [(n, Text(safe_line(n))) for n in names]),
            self._selection,
        )

    def _selection(self, name: str | None) -> None:
        if name:
            self._show_listing(self.service.selection(name))

    def action_watches(self) -> None:
        saved = self.service.watches()
        if not saved:
            self.notify("No saved searches: dipterm watch add NAME QUERY", severity="warning")
            return
        choices: list[tuple[str, str | Text]] = [
            (name, Text.assemble(safe_line(name), "  ", (safe_line(query), "dim")))
            for name, query in saved
        ]
        self.app.push_screen(
            ChooseDialog("Run saved search (shows what is new)", choices), self._watch
        )

    @work(thread=True, group="write")
    def _watch(self, name: str | None) -> None:
        if not name:
            return
        try:
            results = self.service.run_watch(name)  # a write: it notes when the search ran
        except DiptermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_listing, results)

    def _show_listing(self, results: Results) -> None:
        """A selection or a saved search's news: the search box no longer says what is listed."""
        self.label = results.label
        box = self.query_one("#query", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        self.query_one(ArticleList).show(results.hits)
        self._status(results)
        self.query_one(ArticleList).focus()

    def action_export(self) -> None:
        listing = self.query_one(ArticleList)
        ids = sorted(listing.marked) or listing.visible_ids()
        if not ids:
            self.notify("Nothing to export", severity="warning")
            return
        what = "marked" if listing.marked else "listed"
        default = str(export_path(Path.cwd(), self._heading(), date.today()))
        self.app.push_screen(AskDialog(f"Export {len(ids)} {what} articles to markdown file:", default),
                             lambda path: self._confirm_export(path, ids))  # fmt: skip

    def _heading(self) -> str:
        return self.label or (f"Search: {self.query_text}" if self.query_text else "Articles")

    def _confirm_export(self, path: str | None, ids: list[int]) -> None:
        """A file that is there already is replaced only when the user says so."""
        if not path:
            return
        target = Path(path).expanduser()
        if not target.exists():
            self._export(target, ids)
            return
        self.app.push_screen(ConfirmDialog(f"{target} is there already. Replace it?"),
                             lambda yes: self._export(target, ids) if yes else None)  # fmt: skip

    def _export(self, path: Path, ids: list[int]) -> None:
        try:
            count = self.service.export_markdown(ids, self._heading(), path)
        except (OSError, DiptermError) as exc:
            self.notify(f"Could not export: {exc}", severity="error", markup=False)
            return
        self.notify(f"Wrote {count} articles to {path}", timeout=6, markup=False)

    def action_trend(self) -> None:
        from dipterm.tui.screens.wording import TrendScreen

        self.app.push_screen(TrendScreen(self.service, self.query_text))

    def action_concordance(self) -> None:
        from dipterm.tui.screens.wording import ConcordanceScreen

        if not self.query_text.strip():
            self.notify("Search for words first: the concordance shows them in context")
            return
        self.app.push_screen(ConcordanceScreen(self.service, self.query_text), self._at_place)

    def _at_place(self, place) -> None:
        if place is not None:
            self.open_article(place.article_id, place)

    def action_refresh(self) -> None:
        self.service.refresh()
        self.label = ""
        self.search(self.query_text, debounce=False)
