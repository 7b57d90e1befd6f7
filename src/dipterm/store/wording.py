"""How the wording moves: a query's articles counted per period beside the period's total (trend),
and every occurrence of its words in context, in date order (concordance, keyword in context)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from dipterm.errors import QueryError
from dipterm.models import Correction
from dipterm.store.query import Query, parse
from dipterm.store.search import Plan, Searching

Period = Literal["year", "month", "week"]
PERIODS: tuple[Period, ...] = ("year", "month", "week")
# How much of an ISO date a period needs: an article dated 2019 alone has no month.
_DATE_LENGTH = {"year": 4, "month": 7, "week": 10}
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class Dated:
    """An article at the edge of a series: the first or last one dated."""

    id: int
    published: str
    title: str
    source: str | None


@dataclass(frozen=True)
class Series:
    term: str  # the query as the user gave it
    counts: dict[str, int]  # period -> matching articles (periods with none left out)
    undated: int  # matching articles whose date does not tell the period (or that have none)
    first: Dated | None
    last: Dated | None
    corrections: list[Correction] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(self.counts.values()) + self.undated


@dataclass(frozen=True)
class Trend:
    by: Period
    periods: list[str]  # every period of the span in order, empty ones too
    totals: dict[str, int]  # period -> the library's articles in it
    undated_total: int  # the library's articles whose date does not tell the period
    series: list[Series]


def trend(library: Searching, queries: Sequence[str], *, by: Period = "year") -> Trend:
    """Each query's matching articles per period, beside every period's total of articles."""
    if by not in PERIODS:
        raise QueryError(f"--by takes one of {', '.join(PERIODS)}, not {by!r}")
    width = _DATE_LENGTH[by]
    key = f"CASE WHEN length(a.published) >= {width} THEN substr(a.published, 1, {width}) END"
    totals, undated_total = _grouped(
        library, f"SELECT {key} p, count(*) FROM articles a GROUP BY p", [], by
    )
    series = []
    bounds: list[tuple[str | None, str | None]] = []
    for text in queries:
        parsed = parse(text)
        plan = library.plan(parsed)
        counts, undated = _grouped(
            library,
            f"SELECT {key} p, count(*) FROM {plan.source} WHERE {plan.where} GROUP BY p",
            plan.params,
            by,
        )
        first, last = _edges(library, plan) if counts or undated else (None, None)
        series.append(Series(text, counts, undated, first, last, plan.corrections))
        bounds.append(_date_bounds(parsed))
    periods = _span(totals, by, bounds)
    return Trend(by, periods, totals, undated_total, series)


def _grouped(
    library: Searching, sql: str, params: Sequence[object], by: Period
) -> tuple[dict[str, int], int]:
    """Counts per period, and the count of those the period cannot place."""
    counts: dict[str, int] = {}
    undated = 0
    for period, n in library.conn.execute(sql, params):
        if period is not None and by == "week":
            period = _week(period)
        if period is None:
            undated += n
            continue
        counts[period] = counts.get(period, 0) + n
    return counts, undated


def _week(day: str) -> str | None:
    """2024-04-13 -> 2024-W15 (ISO weeks: Monday first; the year is the week's own)."""
    try:
        year, week, _ = date.fromisoformat(day).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


def _edges(library: Searching, plan: Plan) -> tuple[Dated | None, Dated | None]:
    """The oldest and the newest dated article a plan matches, read as search reads its first
    page by date (walking the date index where the words are common, sorting where rare)."""
    dated = replace(
        plan, conditions=[*plan.conditions, "a.published IS NOT NULL"], estimate=plan.estimate
    )
    found = []
    for sort in ("-date", "date"):
        hits = library.search(dated, sort=sort, limit=1, snippets=False).hits  # type: ignore[arg-type]
        found.append(Dated(hits[0].id, hits[0].published or "", hits[0].title, hits[0].source)
                     if hits else None)  # fmt: skip
    return found[0], found[1]


def _date_bounds(query: Query) -> tuple[str | None, str | None]:
    since = [f.value for f in query.filters if f.name == "since"]
    until = [f.value for f in query.filters if f.name == "until"]
    return (max(since) if since else None, min(until) if until else None)


def _span(
    totals: dict[str, int], by: Period, bounds: list[tuple[str | None, str | None]]
) -> list[str]:
    """Every period from the library's first to its last, gaps included; narrowed to the dates
    the queries ask for when every query bounds them (since:/until:)."""
    if not totals:
        return []
    first, last = min(totals), max(totals)
    if bounds and all(since for since, _ in bounds):
        first = max(first, _period_of(min(s for s, _ in bounds if s), by, end=False))
    if bounds and all(until for _, until in bounds):
        last = min(last, _period_of(max(u for _, u in bounds if u), by, end=True))
    return list(_periods_between(first, last, by))


def _period_of(value: str, by: Period, *, end: bool) -> str:
    """The period of a since:/until: value (YYYY, YYYY-MM or YYYY-MM-DD), taking the first or the
    last day of what it leaves open."""
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    if by == "year":
        return f"{year:04d}"
    if by == "month":
        return f"{year:04d}-{month:02d}"
    if len(parts) > 2:
        day = int(parts[2])
    elif end:
        day = (date(year + month // 12, month % 12 + 1, 1) - date.resolution).day
    else:
        day = 1
    return _week(f"{year:04d}-{month:02d}-{day:02d}") or f"{year:04d}-W01"


def _periods_between(first: str, last: str, by: Period) -> Iterator[str]:
    if by == "year":
        for year in range(int(first), int(last) + 1):
            yield f"{year:04d}"
    elif by == "month":
        year, month = int(first[:4]), int(first[5:7])
        while f"{year:04d}-{month:02d}" <= last:
            yield f"{year:04d}-{month:02d}"
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        day = date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
        end = date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
        while day <= end:
            yield _week(day.isoformat()) or ""
            day = date.fromordinal(day.toordinal() + 7)


# ---------------------------------------------------------------- concordance


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a query's words: what stands left of it, the words, what stands right."""

    id: int
    published: str | None
    source: str | None
    title: str
    left: str
    match: str
    right: str
    in_title: bool = False


@dataclass(frozen=True)
class Concordance:
    query: str
    occurrences: list[Occurrence]
    articles: int  # the articles the query matches
    complete: bool  # False when a limit stopped the list
    corrections: list[Correction] = field(default_factory=list)


def concordance(
    library: Searching, query: str, *, width: int = 40, limit: int | None = None
) -> Concordance:
    """Every occurrence of the query's words or phrases in the articles it matches, oldest article
    first (undated last), each with up to width characters either side. Stemmed as search is: the
    index marks what it matched ("hostile policies" for "hostile policy")."""
    plan = library.plan(query)
    if not plan.match:
        raise QueryError("a concordance needs words or a phrase to look for, not filters alone")
    ids = [
        r[0]
        for r in library.conn.execute(
            f"SELECT a.id FROM {plan.source} WHERE {plan.where} "
            "ORDER BY a.published IS NULL, a.published, a.id",
            plan.params,
        )
    ]
    lines: list[Occurrence] = []
    complete = True
    for start in range(0, len(ids), 200):
        chunk = ids[start : start + 200]
        for occurrence in _occurrences(library, plan.match, chunk, width):
            if limit is not None and len(lines) >= limit:
                complete = False
                break
            lines.append(occurrence)
        if not complete:
            break
    return Concordance(query, lines, len(ids), complete, plan.corrections)


def _occurrences(
    library: Searching, match: str, ids: list[int], width: int
) -> Iterator[Occurrence]:
    marks = ",".join("?" * len(ids))
    rows = library.conn.execute(
        "SELECT a.id, a.published, a.source, a.title, "
        f"highlight(articles_fts, 0, char(2), char(3)), "
        f"highlight(articles_fts, 1, char(2), char(3)) "
        "FROM articles_fts f JOIN articles a ON a.id = f.rowid "
        f"WHERE articles_fts MATCH ? AND f.rowid IN ({marks})",
        (match, *ids),
    ).fetchall()
    by_id = {r[0]: r for r in rows}
    for article_id in ids:
        if article_id not in by_id:
            continue
        _, published, source, title, marked_title, marked_body = by_id[article_id]
        for in_title, marked in ((True, marked_title), (False, marked_body)):
            for left, words, right in in_context(marked or "", width):
                yield Occurrence(article_id, published, source, title, left, words, right, in_title)


def in_context(marked: str, width: int) -> Iterator[tuple[str, str, str]]:
    """(left, match, right) for each span between MARK_START and MARK_END, the contexts cut to
    width characters at most, on one line. Linear in the text however many spans it marks."""
    pieces = marked.split(MARK_START)
    if len(pieces) < 2:
        return
    spans = [p.partition(MARK_END) for p in pieces[1:]]  # (words, _, what follows)
    reach = width * 3 + 16  # enough raw text for width characters once spaces are folded
    before = pieces[0][-reach:]
    for k, (words, _, after) in enumerate(spans):
        right = after
        j = k + 1
        while len(right) < reach and j < len(spans):
            right += spans[j][0] + spans[j][2]
            j += 1
        yield (
            _one_line(before)[-width:].lstrip(),
            _one_line(words),
            _one_line(right)[:width].rstrip(),
        )
        before = (before + words + after)[-reach:]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def articles_by_period(library: Searching, query: str, *, by: Period = "year") -> dict:
    """The ids of the articles a query matches, grouped by period (None: undated by that period),
    oldest first: the list behind each figure of a trend."""
    plan = library.plan(query)
    width = _DATE_LENGTH[by]
    grouped: dict[str | None, list[int]] = {}
    for article_id, published in library.conn.execute(
        f"SELECT id, published FROM articles WHERE id IN ({plan.matched}) "
        "ORDER BY published IS NULL, published, id",
        plan.params,
    ):
        period = published[:width] if published and len(published) >= width else None
        if period and by == "week":
            period = _week(period)
        grouped.setdefault(period, []).append(article_id)
    if None in grouped:
        grouped[None] = grouped.pop(None)  # undated last
    return grouped
