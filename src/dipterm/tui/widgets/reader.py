"""The reader: an article with a header of its fields, the search terms highlighted, its people and
places marked; find-in-article with n/N; in compare mode, the sentences it shares with the other."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from dipterm.display import event_line, safe, versions_line
from dipterm.extract.sentences import split_sentences
from dipterm.models import Article
from dipterm.store.query import tokens

HIT = "bold black on yellow"
CURRENT = "bold black on dark_orange"
PERSON = "underline"
PLACE = "italic"
SHARED = "on dark_green"


def _words_pattern(words: list[str]) -> re.Pattern[str] | None:
    """A pattern for the query's words as written (and their inflections, roughly)."""
    stems = sorted({w for w in words if len(w) > 1}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.I)


class Paragraph(Static):
    """One paragraph, so that a hit can be scrolled to."""


class Reader(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("f", "find", "Find"),
        Binding("n", "next_hit", "Next hit"),
        Binding("N", "previous_hit", "Previous hit"),
        Binding("e", "entities", "Entities"),
        Binding("v", "versions", "Versions"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    @dataclass
    class EntitiesAsked(Message):
        names: list[str]

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
        self._hits: list[int] = []  # indexes in _shown of the paragraphs holding what is found
        self._shown: list[Static] = []  # the header and paragraphs, as last mounted
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

    def _header(self) -> Text:
        a, x = self.article, self.extracted
        assert a is not None
        text = Text(safe(a.title) + "\n", style="bold")
        fields = [("source", a.source), ("date", a.published), ("byline", a.byline), ("url", a.url)]
        for name, value in fields:
            if value:
                text.append(f"{name:>9} ", style="dim").append(safe(value) + "\n")
        people = [
            p["name"] + (f" ({'; '.join(p['roles'])})" if p["roles"] else "")
            for p in x.get("people", [])
        ]
        if people:
            text.append(f"{'people':>9} ", style="dim").append(
                safe("; ".join(people)) + "\n", style=PERSON
            )
        places = [p["name"] for p in x.get("places", [])]
        if places:
            text.append(f"{'places':>9} ", style="dim").append(
                safe(", ".join(places)) + "\n", style=PLACE
            )
        versions = versions_line(a)
        if versions:
            text.append(f"{'versions':>9} ", style="dim").append(f"{versions}; v compares\n")
        for event in x.get("events", [])[:6]:
            text.append(f"{'event':>9} ", style="dim").append(safe(event_line(event)) + "\n")
        return text

    def _paragraph(self, paragraph: str, find: re.Pattern[str] | None) -> Text:
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
        if find:
            text.highlight_regex(find, style=CURRENT)
        return text

    def _render_article(self) -> None:
        if self.article is None:
            return
        find = re.compile(re.escape(self.find_text), re.I) if self.find_text else None
        self.remove_children()
        widgets: list[Static] = [Static(self._header(), classes="reader-header")]
        self._hits = []
        for paragraph in self.article.body.split("\n\n"):
            if not paragraph.strip():
                continue
            if find and find.search(paragraph):
                self._hits.append(len(widgets))
            widgets.append(Paragraph(self._paragraph(paragraph, find)))
        self.mount_all(widgets)
        self._shown = widgets
        self._current = -1

    # ------------------------------------------------------------ find in article

    def action_find(self) -> None:
        if self.article is None:
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
        if not self._hits and self.find_text:
            self.notify(f"{self.find_text!r} is not in this article", severity="warning")

    def on_key(self, event) -> None:
        if event.key == "escape" and self.query("#find"):
            self.query_one("#find").remove()
            self.focus()
            event.stop()

    def find_at(self, words: str, nth: int) -> None:
        """Find words in the article and scroll to their nth occurrence (0: the first), as a
        concordance line points at it: to its paragraph, and within a long paragraph to about
        its line."""
        if self.article is None:
            return
        self.find_text = words
        self._render_article()
        pattern = re.compile(re.escape(words), re.I)
        paragraphs = [p for p in self.article.body.split("\n\n") if p.strip()]
        seen = 0
        for k, index in enumerate(self._hits):
            text = safe(paragraphs[index - 1])  # widget 0 is the header
            found = [m.start() for m in pattern.finditer(text)]
            if seen + len(found) > nth:
                self._current = k
                share = found[nth - seen] / max(1, len(text))
                self.call_after_refresh(self._scroll_into, self._shown[index], share)
                return
            seen += len(found)
        self.call_after_refresh(self.action_next_hit)

    def _scroll_into(self, widget, share: float, tries: int = 20) -> None:
        region = widget.virtual_region
        if not region.height and tries:  # the paragraphs just mounted are not laid out yet
            self.set_timer(0.02, lambda: self._scroll_into(widget, share, tries - 1))
            return
        self.scroll_to(y=max(0, region.y + int(share * region.height) - 2), animate=False)

    def _jump(self, step: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + step) % len(self._hits)
        target = self.children[self._hits[self._current]]
        self.scroll_to_widget(target, animate=False, top=True)

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

    def action_entities(self) -> None:
        names = [e["name"] for kind in ("people", "organizations", "places", "countries")
                 for e in self.extracted.get(kind, [])]  # fmt: skip
        if names:
            self.post_message(self.EntitiesAsked(names))

    def sentences(self) -> list[str]:
        if self.article is None:
            return []
        return [s.text.strip() for p in self.article.body.split("\n\n") for s in split_sentences(p)]


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
