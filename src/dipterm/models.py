"""The records that cross module boundaries: dates with a precision, drafts, stored articles, hits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.iso


@dataclass
class ArticleDraft:
    """An article as an importer read it, before it is stored."""

    title: str
    body: str
    origin: str
    published: PartialDate | None = None
    source: str | None = None
    byline: str | None = None
    url: str | None = None
    lang: str | None = None
    urls: list[str] = field(default_factory=list)  # further urls of the same story
    # Where the date was found: "meta article:published_time", "citation", "url", ... (DATE_FROM)
    published_from: str | None = None
    debris: list[str] = field(default_factory=list)  # lines removed as scraping debris


@dataclass(frozen=True)
class Article:
    """An article as the library holds it."""

    id: int
    content_hash: str
    title: str
    source: str | None
    published: str | None
    published_precision: str | None
    byline: str | None
    url: str | None
    origin: str | None
    body: str
    word_count: int
    lang: str | None
    imported_at: str
    dateline_place: str | None = None
    dateline_date: str | None = None
    extracted_with: int | None = None
    url_key: str | None = None  # the url as an identity across imports
    revised_at: str | None = None  # when the current version was imported, if not the first
    missing_since: str | None = None  # when a complete copy of its outlet was found to lack it
    published_from: str | None = None  # None too for articles stored before schema 8
    origins: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    revisions: int = 0  # earlier versions kept


@dataclass(frozen=True)
class Hit:
    """One search result."""

    id: int
    title: str
    source: str | None
    published: str | None
    score: float | None  # the FTS5 rank (lower is better), when the search was asked for it
    snippet: str  # matched terms between \x02 and \x03


@dataclass(frozen=True)
class Correction:
    """A query word replaced by the nearest word of the library's vocabulary."""

    original: str
    replacement: str
    score: float

    def __str__(self) -> str:
        return f"{self.original} -> {self.replacement}"


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, the words corrected on the way, and whether more matched."""

    hits: list[Hit]
    corrections: list[Correction]
    has_more: bool


# ------------------------------------------------------------------ extraction


@dataclass(frozen=True)
class Mention:
    """An entity named in an article: its canonical name, the roles given to it there, the spellings
    the article used, and how often it was named."""

    name: str
    kind: str  # person, org, place, country
    roles: tuple[str, ...] = ()
    spellings: tuple[str, ...] = ()
    count: int = 1


# What extraction calls the events it finds (extract/events.py; a test holds the two alike), as
# event:TYPE takes them and the help lists them.
EVENT_TYPES = (
    "meeting", "summit", "talks", "visit", "letter", "message", "banquet", "wreath-laying",
    "signing", "arrival", "departure",
)  # fmt: skip


@dataclass(frozen=True)
class Event:
    """An event an article reports: its type, date, place and who took part."""

    type: str  # one of EVENT_TYPES
    date: PartialDate | None
    date_basis: (
        str | None
    )  # how the date was found: 'text "on May 31", resolved against 2018-06-01'
    place: str | None
    participants: tuple[str, ...]
    sentence: str = ""
    # In a letter or message, who took which part: (name, "sender" | "addressee" | "carrier").
    parts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Quote:
    """Words an article quotes, with their speaker when it names one."""

    speaker: str | None
    text: str
    marked: bool  # True when the text had quotation marks


@dataclass(frozen=True)
class Dateline:
    """A dateline's place and day ("Pyongyang, May 31 (KCNA)")."""

    place: str
    month: int
    day: int
    source: str


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one article."""

    people: tuple[Mention, ...] = ()
    organizations: tuple[Mention, ...] = ()
    places: tuple[Mention, ...] = ()
    countries: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dateline: Dateline | None = None

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return self.people + self.organizations + self.places + self.countries
