"""The reader: an article with a header of its fields, the search terms highlighted, its people and
places marked; find-in-article with n/N and an "N of M" count; in compare mode, the sentences it
shares with the other."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from dipterm.display import event_line, safe, safe_line, versions_line
from dipterm.extract.sentences import split_sentences
from dipterm.models import Article
from dipterm.store.query import tokens

HIT = "bold black on yellow"
FOUND = "black on dark_orange"
CURRENT = "bold white on dark_red"
PERSON = "underline"
PLACE = "italic"
SHARED = "on dark_green"
KINDS = {"people": "person", "organizations": "organization", "places": "place",
         "countries": "country"}  # fmt: skip


@dataclass(frozen=True)
class Entity:
    """A name the article mentions, its kind, and the roles it gives a person."""

    name: str
    kind: str
    roles: str = ""


# What the reader shows of an article at most: a page of 10 MB, rendered whole, froze the
# interface for 45 s. Past these, a line says how much more there is and where to read it.
SHOWN_CHARACTERS = 100_000
SHOWN_PARAGRAPHS = 400


def shown_paragraphs(body: str) -> tuple[list[str], int]:
    """The paragraphs of a body the reader shows, and how many characters it leaves out."""
    shown: list[str] = []
    start = end = 0  # where a paragraph starts in body; where what is shown ends
    for paragraph in body[: SHOWN_CHARACTERS + 1].split("\n\n"):
        room = SHOWN_CHARACTERS - start
        if len(shown) == SHOWN_PARAGRAPHS or room <= 0:
            break
        if paragraph.strip():
            shown.append(paragraph[:room])
            end = start + len(shown[-1])
        start += len(paragraph) + 2
    return shown, len(body[end:].strip())


def _words_pattern(words: list[str]) -> re.Pattern[str] | None:
    """A pattern for the query's words as written (and their inflections, roughly)."""
    stems = sorted({w for w in words if len(w) > 1}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.I)


class Paragraph(Static):
    """One paragraph, so that a hit can be scrolled to."""


class Reader(VerticalScroll, can_focus=True):
    PANE = "Reader"
    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Close the article (or the find)"),
        Binding("f", "find", "Find", tooltip="Find in the article"),
        Binding("n", "next_hit", "Next found", show=False),
        Binding("N", "previous_hit", "Previous found", show=False),
        Binding("e", "entities", "Entities", show=False, tooltip="Entities and their dossiers"),
        Binding(
            "v", "versions", "Versions", show=False, tooltip="Compare with the earlier version"
        ),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    @dataclass
    class EntitiesAsked(Message):
        entities: list[Entity]

    @dataclass
    class Closed(Message):
        reader: Reader

    @dataclass
    class VersionsAsked(Message):
        article_id: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.extracted: dict = {}
        self.terms: list[str] = []
        self.find_text = ""
        self.shared: set[str] = set()
        self._bodies: list[str] = []
        self._paragraphs: list[Paragraph] = []
        self._counter = Static(classes="find-count")  # "find Belarus 2 of 5"
        self._hits: list[tuple[int, int, int]] = []  # paragraph, start, end of each found
        self._current = -1

    def compose(self):
        yield Static("Open an article with Enter.", classes="reader-empty")

    def show(self, article: Article, extracted: dict, terms: list[str]) -> None:
        self.article, self.extracted, self.terms = article, extracted, terms
        self.shared = set()
        self.find_text = ""
        self._render_article()
        self.scroll_home(animate=False)

    def mark_shared(self, sentences: set[str]) -> None:
        self.shared = sentences
        if self.article is not None:
            self._render_article()

    def _header(self) -> Group:
        """The title, then one row a field: a long value wraps under itself, a url folds."""
        a, x = self.article, self.extracted
        assert a is not None
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        fields = [("source", a.source), ("date", a.published), ("byline", a.byline), ("url", a.url)]
        for name, value in fields:
            if value:
                grid.add_row(name, Text(safe_line(value)))
        people = [
            p["name"] + (f" ({'; '.join(p['roles'])})" if p["roles"] else "")
            for p in x.get("people", [])
        ]
        if people:
            grid.add_row("people", Text(safe("; ".join(people)), style=PERSON))
        places = [p["name"] for p in x.get("places", [])]
        if places:
            grid.add_row("places", Text(safe(", ".join(places)), style=PLACE))
        versions = versions_line(a)
        if versions:
            grid.add_row("versions", Text(f"{versions}; v compares"))
        for event in x.get("events", [])[:6]:
            grid.add_row("event", Text(safe(event_line(event))))
        return Group(Text(safe_line(a.title), style="bold"), grid)

    def _paragraph(self, index: int) -> Text:
        paragraph = self._bodies[index]
        text = Text(safe(paragraph))
        for sentence in split_sentences(paragraph):
            if sentence.text.strip() in self.shared:
                text.stylize(SHARED, sentence.start, sentence.end)
        for kind, style in (("people", PERSON), ("places", PLACE)):
            for entity in self.extracted.get(kind, []):  # one by one: names may overlap
                text.highlight_words([entity["name"]], style=style)
        terms = _words_pattern(self.terms)
        if terms:
            text.highlight_regex(terms, style=HIT)
        for number, (where, start, end) in enumerate(self._hits):
            if where == index:
                text.stylize(CURRENT if number == self._current else FOUND, start, end)
        return text

    def _render_article(self) -> None:
        if self.article is None:
            return
        self.remove_children()
        self._bodies, left_out = shown_paragraphs(self.article.body)
        self._hits = []
        if self.find_text:
            find = re.compile(re.escape(self.find_text), re.I)
            for index, paragraph in enumerate(self._bodies):
                self._hits += [(index, m.start(), m.end()) for m in find.finditer(safe(paragraph))]
        self._current = -1
        self._paragraphs = [Paragraph(self._paragraph(i)) for i in range(len(self._bodies))]
        self._counter = Static(self._count_line(), classes="find-count")
        self._counter.display = bool(self.find_text)
        more = []
        if left_out > 0:
            more.append(
                Static(
                    Text(
                        f"… {left_out:,} more characters not shown here (nor searched by find): "
                        f"dipterm show {self.article.id}, or export the article, to read it all",
                        style="dim italic",
                    ),
                    classes="reader-more",
                )
            )
        self.mount_all(
            [
                self._counter,
                Static(self._header(), classes="reader-header"),
                *self._paragraphs,
                *more,
            ]
        )

    def _count_line(self) -> Text:
        line = Text.assemble(("find ", "dim"), safe(self.find_text), " ")
        if not self._hits:
            return line.append("not in this article", style="bold")
        place = f"{self._current + 1} of {len(self._hits)}" if self._current >= 0 else (
            f"{len(self._hits)} found")  # fmt: skip
        return line.append(place, style="bold").append("   n next, N previous, Esc clears", "dim")

    # ------------------------------------------------------------ find in article

    def action_find(self) -> None:
        if self.article is None or self.query("#find"):
            return
        box = Input(placeholder="find in article, Enter to search, Esc to close", id="find")
        self.mount(box, before=0)
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "find":
            return
        event.stop()
        self.find_text = event.value.strip()
        event.input.remove()
        self._render_article()
        self.focus()
        self.call_after_refresh(self.action_next_hit)

    def action_close(self) -> None:
        """Esc: the find box if it is open, else the search found, else the article itself."""
        if self.query("#find"):
            self.query_one("#find").remove()
            self.focus()
        elif self.find_text:
            self.find_text = ""
            self._render_article()
        elif self.article is not None:
            self.post_message(self.Closed(self))

    def clear(self) -> None:
        self.article, self.extracted, self.find_text = None, {}, ""
        self.remove_children()
        self.mount(Static("Open an article with Enter.", classes="reader-empty"))

    def find_at(self, words: str, nth: int) -> None:
        """Find words in the article and scroll to their nth occurrence (0: the first), as a
        concordance line points at it."""
        if self.article is None:
            return
        self.find_text = words
        self._render_article()
        self._current = min(nth, len(self._hits)) - 1  # the jump steps onto the nth
        self.call_after_refresh(self.action_next_hit)

    def _scroll_into(self, widget, share: float, tries: int = 20) -> None:
        """To about the line of a paragraph that is share of the way through it."""
        region = widget.virtual_region
        if not region.height and tries:  # the paragraphs just mounted are not laid out yet
            self.set_timer(0.02, lambda: self._scroll_into(widget, share, tries - 1))
            return
        self.scroll_to(y=max(0, region.y + int(share * region.height) - 2), animate=False)

    def _jump(self, step: int) -> None:
        if not self._hits:
            return
        before = self._current
        self._current = (self._current + step) % len(self._hits)
        for number in {before, self._current} - {-1}:
            index = self._hits[number][0]
            self._paragraphs[index].update(self._paragraph(index))
        self._counter.update(self._count_line())
        index, start, _ = self._hits[self._current]
        share = start / max(1, len(self._bodies[index]))
        self._scroll_into(self._paragraphs[index], share)

    def action_next_hit(self) -> None:
        self._jump(1)

    def action_previous_hit(self) -> None:
        self._jump(-1)

    @property
    def hit_count(self) -> int:
        return len(self._hits)

    def action_versions(self) -> None:
        if self.article is not None:
            self.post_message(self.VersionsAsked(self.article.id))

    @property
    def hit_number(self) -> int:
        """Which of the hits is the current one, counting from 1 (0 before the first jump)."""
        return self._current + 1

    def entities(self) -> list[Entity]:
        """The article's people (with their roles), organizations, places and countries."""
        found = []
        for kind, label in KINDS.items():
            for e in self.extracted.get(kind, []):
                found.append(Entity(e["name"], label, "; ".join(e.get("roles") or [])))
        return found

    def action_entities(self) -> None:
        if self.entities():
            self.post_message(self.EntitiesAsked(self.entities()))

    def sentences(self) -> list[str]:
        if self.article is None:
            return []
        paragraphs, _ = shown_paragraphs(self.article.body)
        return [s.text.strip() for p in paragraphs for s in split_sentences(p)]


def query_terms(query: str) -> list[str]:
    """The words of a query worth highlighting (filters and exclusions left out)."""
    words = []
    for part in re.findall(r'"[^"]*"|\S+', query):
        if (
            part.startswith("-")
            or re.match(r"^[a-z]+:", part, re.I)
            or part in ("OR", "AND", "NOT")
        ):
            continue
        words.extend(tokens(part.strip('"*')))
    return words
